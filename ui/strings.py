"""Every string the app shows, in Vietnamese and English, in one place."""

from __future__ import annotations

from typing import Any

from primitives.errors import LABEL_PARAMETERS

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"vi": "songngu — Song ngữ Việt–Anh", "en": "songngu — Vietnamese–English"},
    "language": {"vi": "Ngôn ngữ giao diện", "en": "Interface language"},
    "acting_as": {"vi": "Người dùng", "en": "Acting as"},
    "nav_projects": {"vi": "Dự án", "en": "Projects"},
    "nav_source": {"vi": "Văn bản nguồn", "en": "Source"},
    "nav_review": {"vi": "Biên dịch & duyệt", "en": "Review"},
    "projects_header": {"vi": "Dự án", "en": "Projects"},
    "no_projects": {"vi": "Chưa có dự án nào.", "en": "No projects yet."},
    "create_project": {"vi": "Tạo dự án mới", "en": "Create a project"},
    "project_name": {"vi": "Tên dự án", "en": "Project name"},
    "partner": {"vi": "Đối tác", "en": "Partner"},
    "create": {"vi": "Tạo", "en": "Create"},
    "created_project": {"vi": "Đã tạo dự án {name}.", "en": "Created project {name}."},
    "current_project": {"vi": "Dự án đang mở", "en": "Current project"},
    "open": {"vi": "Mở", "en": "Open"},
    "choose_project_first": {
        "vi": "Hãy chọn một dự án ở trang Dự án.",
        "en": "Choose a project on the Projects page first.",
    },
    "col_id": {"vi": "Mã", "en": "ID"},
    "col_name": {"vi": "Tên", "en": "Name"},
    "col_documents": {"vi": "Tài liệu", "en": "Documents"},
    "col_source": {"vi": "Nguồn (tiếng Việt)", "en": "Source (Vietnamese)"},
    "col_target": {"vi": "Bản dịch (tiếng Anh)", "en": "Target (English)"},
    "col_status": {"vi": "Trạng thái", "en": "Status"},
    "col_version": {"vi": "Phiên bản", "en": "Version"},
    "col_score": {"vi": "Độ tin cậy", "en": "Confidence"},
    "source_header": {"vi": "Nhập văn bản nguồn", "en": "Import source text"},
    "upload": {
        "vi": "Tải lên tệp .docx, .txt hoặc .md",
        "en": "Upload a .docx, .txt or .md file",
    },
    "paste": {"vi": "…hoặc dán văn bản", "en": "…or paste text"},
    "paste_title": {"vi": "Tên tài liệu", "en": "Document title"},
    "import": {"vi": "Nhập", "en": "Import"},
    "nothing_to_import": {
        "vi": "Chưa có tệp hay văn bản để nhập.",
        "en": "There is no file or text to import.",
    },
    "imported": {
        "vi": "Đã nhập {title}: {segments} câu (phiên bản {revision}).",
        "en": "Imported {title}: {segments} segments (revision {revision}).",
    },
    "kept_translations": {
        "vi": "Giữ lại {count} bản dịch của các câu không đổi.",
        "en": "Kept {count} translations of unchanged segments.",
    },
    "import_changes": {
        "vi": "Phiên bản {revision}: {unchanged} câu không đổi, {changed} câu đã sửa, {added} câu mới, {removed} câu đã bỏ.",
        "en": "Revision {revision}: {unchanged} unchanged, {changed} changed, {added} added, {removed} removed.",
    },
    "import_moved": {
        "vi": "{moved} câu được chuyển chỗ, vẫn giữ bản dịch.",
        "en": "{moved} moved, with their translations.",
    },
    "last_import": {
        "vi": "Lần nhập gần nhất: phiên bản {revision}, {user}, {at}: {unchanged} không đổi, {changed} đã sửa, {added} mới, {removed} đã bỏ, {moved} chuyển chỗ.",
        "en": "Last import: revision {revision}, {user}, {at}: {unchanged} unchanged, {changed} changed, {added} added, {removed} removed, {moved} moved.",
    },
    "source_changed": {
        "vi": "Câu nguồn đã đổi khi nhập lại (phiên bản {revision}); bản dịch là của câu cũ: «{previous}». Kiểm tra lại bản dịch.",
        "en": "The source changed at re-import (revision {revision}); the translation is of the previous source: «{previous}». Check the translation.",
    },
    "repair_report": {"vi": "Sửa mã và ký tự", "en": "Text repair"},
    "documents": {"vi": "Tài liệu", "en": "Documents"},
    "no_documents": {"vi": "Dự án chưa có tài liệu.", "en": "The project has no documents yet."},
    "document": {"vi": "Tài liệu", "en": "Document"},
    "segments": {"vi": "Câu", "en": "Segments"},
    "review_header": {"vi": "Biên dịch và duyệt", "en": "Translate and review"},
    "page": {"vi": "Trang", "en": "Page"},
    "status_filter": {"vi": "Lọc theo trạng thái", "en": "Filter by status"},
    "all": {"vi": "Tất cả", "en": "All"},
    "saved": {
        "vi": "Đã lưu câu {id} (phiên bản {version}).",
        "en": "Saved segment {id} (version {version}).",
    },
    "conflict": {
        "vi": "Không lưu được câu {id}: người khác đã sửa. Bản hiện tại: «{current}». Bản của bạn: «{yours}».",
        "en": "Segment {id} was not saved: someone else changed it. Current: «{current}». Yours: «{yours}».",
    },
    "changed_meanwhile": {
        "vi": "{user} đã sửa câu này (phiên bản {version}) sau khi bạn mở nó. Bấm Tải lại để xem.",
        "en": "{user} changed this segment (version {version}) after you opened it. Press Reload to see it.",
    },
    "reload": {"vi": "Tải lại", "en": "Reload"},
    "col_flags": {"vi": "Cảnh báo MT", "en": "MT flags"},
    "flag_placeholder_lost": {"vi": "mất phần được bảo vệ", "en": "protected text lost"},
    "flag_placeholder_lost_help": {
        "vi": "Máy dịch làm hỏng tên riêng, số hoặc thuật ngữ được bảo vệ; câu đã được dịch lại không bảo vệ. Kiểm tra kỹ tên, số và thuật ngữ.",
        "en": "MT mangled a protected name, number or term, so the segment was retranslated without protection. Check names, numbers and terms.",
    },
    "flag_tags_moved": {"vi": "thẻ định dạng bị dời", "en": "tags moved"},
    "flag_tags_moved_help": {
        "vi": "Không đặt được thẻ định dạng vào đúng chỗ; chúng được đặt ở cuối câu.",
        "en": "Formatting tags could not be placed and were put at the end of the segment.",
    },
    "flag_long_input_split": {"vi": "câu dài đã tách", "en": "long sentence split"},
    "flag_long_input_split_help": {
        "vi": "Câu nguồn quá dài nên được tách ở dấu câu để dịch; kiểm tra chỗ nối.",
        "en": "The source was too long and was split at punctuation for MT; check the joins.",
    },
    "flag_repetition": {"vi": "lặp từ", "en": "repetition"},
    "flag_repetition_help": {
        "vi": "Bản dịch máy bị lặp và đã được dịch lại; đọc kỹ.",
        "en": "The MT output looped and was redone; read it carefully.",
    },
    "flag_output_truncated": {"vi": "bản dịch bị cắt", "en": "output cut short"},
    "flag_output_truncated_help": {
        "vi": "Bản dịch máy chạm giới hạn độ dài; có thể thiếu phần cuối.",
        "en": "The MT output reached its length limit; the end may be missing.",
    },
    "scope_shipped": {
        "vi": "Tên chính thức có sẵn (chỉ đọc)",
        "en": "Shipped official names (read-only)",
    },
    "partner_profiles": {"vi": "Hồ sơ đối tác", "en": "Partner profiles"},
    "partner_saved": {"vi": "Đã lưu hồ sơ đối tác {name}.", "en": "Saved partner profile {name}."},
    "partner_read_only": {
        "vi": "Chỉ biên tập viên và quản trị viên được sửa hồ sơ đối tác.",
        "en": "Only editors and admins may change partner profiles.",
    },
    "edit_selected": {"vi": "Sửa câu", "en": "Edit segment"},
    "save": {"vi": "Lưu", "en": "Save"},
    "save_confirm": {"vi": "Lưu và xác nhận", "en": "Save and confirm"},
    "set_status": {"vi": "Chuyển trạng thái", "en": "Change status"},
    "reason": {"vi": "Lý do (bắt buộc khi trả lại)", "en": "Reason (required to reject)"},
    "apply": {"vi": "Áp dụng", "en": "Apply"},
    "status_new": {"vi": "mới", "en": "new"},
    "status_draft": {"vi": "nháp", "en": "draft"},
    "status_rejected": {"vi": "bị trả lại", "en": "rejected"},
    "status_translated": {"vi": "đã dịch", "en": "translated"},
    "status_reviewed": {"vi": "đã duyệt", "en": "reviewed"},
    "status_approved": {"vi": "đã phê duyệt", "en": "approved"},
    # roles and actions, as refusals name them (ERROR_LABELS)
    "role_translator": {"vi": "biên dịch viên", "en": "translator"},
    "role_reviewer": {"vi": "người duyệt", "en": "reviewer"},
    "role_editor": {"vi": "biên tập viên", "en": "editor"},
    "role_admin": {"vi": "quản trị viên", "en": "admin"},
    "action_edit": {"vi": "sửa bản dịch", "en": "edit"},
    "action_confirm": {"vi": "xác nhận bản dịch", "en": "confirm"},
    "action_review": {"vi": "duyệt bản dịch", "en": "review"},
    "action_reject": {"vi": "trả lại bản dịch", "en": "reject"},
    "action_approve": {"vi": "phê duyệt bản dịch", "en": "approve"},
    "action_reopen": {"vi": "mở lại đoạn đã phê duyệt", "en": "reopen"},
    "action_comment": {"vi": "bình luận", "en": "comment"},
    "action_import": {"vi": "nhập tài liệu", "en": "import"},
    "action_translate": {"vi": "chạy dịch máy", "en": "translate"},
    "action_export": {"vi": "xuất bản dịch", "en": "export"},
    "action_manage_project": {"vi": "quản lý dự án", "en": "manage project"},
    "action_manage_glossary": {"vi": "quản lý bảng thuật ngữ", "en": "manage glossary"},
    "action_manage_users": {"vi": "quản lý người dùng", "en": "manage users"},
    "action_manage_models": {"vi": "quản lý mô hình dịch máy", "en": "manage models"},
    "progress": {"vi": "Tiến độ", "en": "Progress"},
    "words": {"vi": "từ", "en": "words"},
    "comments": {"vi": "Bình luận", "en": "Comments"},
    "add_comment": {"vi": "Thêm bình luận", "en": "Add comment"},
    "history": {"vi": "Lịch sử", "en": "History"},
    "preview_header": {"vi": "Xem trước cách tách câu", "en": "Segmentation preview"},
    "preview_summary": {
        "vi": "{paragraphs} đoạn → {segments} câu (theo quy tắc của dự án).",
        "en": "{paragraphs} paragraphs → {segments} segments (with the project's rules).",
    },
    "preview_truncated": {
        "vi": "Chỉ hiện {shown} câu đầu tiên.",
        "en": "Showing the first {shown} segments.",
    },
    "col_paragraph": {"vi": "Đoạn", "en": "Paragraph"},
    "rules_header": {"vi": "Quy tắc tách câu của dự án", "en": "Project segmentation rules"},
    "rules_default": {
        "vi": "Dự án đang dùng quy tắc mặc định.",
        "en": "The project uses the default rules.",
    },
    "rules_changed": {"vi": "Khác với mặc định:", "en": "Differences from the defaults:"},
    "rules_abbreviations": {
        "vi": "Từ viết tắt (mỗi dòng một từ; dấu chấm sau chúng không kết thúc câu)",
        "en": "Abbreviations (one a line; a dot after them never ends a sentence)",
    },
    "rules_heading_words": {
        "vi": "Từ mở đầu đề mục (mỗi dòng một từ, như Điều, Chương)",
        "en": "Heading words (one a line, such as Điều, Chương)",
    },
    "rules_no_break": {
        "vi": "Mẫu không tách câu bên trong (biểu thức chính quy, mỗi dòng một mẫu)",
        "en": "No-break patterns: no sentence ends inside a match (regex, one a line)",
    },
    "rules_break": {
        "vi": "Mẫu luôn tách câu sau đó (biểu thức chính quy, mỗi dòng một mẫu)",
        "en": "Break patterns: a sentence always ends after a match (regex, one a line)",
    },
    "rules_save": {"vi": "Lưu quy tắc", "en": "Save rules"},
    "rules_reset": {"vi": "Về quy tắc mặc định", "en": "Reset to defaults"},
    "rules_saved": {
        "vi": "Đã lưu quy tắc tách câu; các lần nhập sau sẽ dùng chúng.",
        "en": "Saved the segmentation rules; new imports use them.",
    },
    "segment_tools": {"vi": "Gộp và tách câu", "en": "Merge and split segments"},
    "choose_segment": {"vi": "Câu", "en": "Segment"},
    "source_length": {"vi": "{count} ký tự", "en": "{count} characters"},
    "merge_next": {"vi": "Gộp với câu sau", "en": "Merge with next"},
    "merge_last": {
        "vi": "Đây là câu cuối của tài liệu: không có câu sau để gộp.",
        "en": "This is the last segment of the document: nothing follows to merge with.",
    },
    "split_before": {"vi": "Tách trước đoạn chữ", "en": "Split before the text"},
    "split_offset": {"vi": "…hoặc tại vị trí ký tự", "en": "…or at character offset"},
    "split": {"vi": "Tách", "en": "Split"},
    "split_where": {
        "vi": "Hãy gõ đoạn chữ mở đầu phần sau, hoặc một vị trí lớn hơn 0.",
        "en": "Type the words the second part starts with, or an offset above 0.",
    },
    "merged": {"vi": "Đã gộp thành câu {id}.", "en": "Merged into segment {id}."},
    "split_done": {
        "vi": "Đã tách câu {first}; phần sau là câu {second}.",
        "en": "Split segment {first}; the rest is segment {second}.",
    },
    # Glossary page and the glossary panel of the editor
    "nav_glossary": {"vi": "Thuật ngữ", "en": "Glossary"},
    "glossary_header": {"vi": "Bảng thuật ngữ", "en": "Glossary"},
    "glossary_scope": {"vi": "Bảng thuật ngữ", "en": "Glossary"},
    "scope_project": {"vi": "Của dự án {project}", "en": "Project {project}"},
    "scope_partner": {"vi": "Của đối tác {partner}", "en": "Partner {partner}"},
    "scope_global": {"vi": "Chung cho mọi dự án", "en": "Global (every project)"},
    "glossary_search": {
        "vi": "Tìm trong nguồn, đích và biến thể (gõ không dấu cũng được)",
        "en": "Search source, target and variants (diacritics optional)",
    },
    "glossary_count": {"vi": "{count} thuật ngữ", "en": "{count} terms"},
    "glossary_shipped": {
        "vi": "Dự án còn dùng bảng tên chính thức có sẵn ({count} thuật ngữ); thuật ngữ cùng nguồn ở các bảng dưới đây được ưu tiên hơn. Xuất «Mọi thuật ngữ dự án dùng» để xem tất cả.",
        "en": "The project also uses the shipped official-names glossary ({count} terms); a term with the same source in the glossaries below takes precedence. Export “Every term the project uses” to see them all.",
    },
    "glossary_truncated": {
        "vi": "Chỉ hiện {shown} thuật ngữ đầu tiên; hãy tìm để thu hẹp.",
        "en": "Showing the first {shown} terms; search to narrow them down.",
    },
    "glossary_empty": {
        "vi": "Bảng thuật ngữ này chưa có thuật ngữ nào.",
        "en": "This glossary has no terms yet.",
    },
    "glossary_read_only": {
        "vi": "Bạn chỉ xem được bảng thuật ngữ; người duyệt, biên tập viên và quản trị viên mới sửa được.",
        "en": "You can view the glossary; reviewers, editors and admins change it.",
    },
    "col_term_source": {"vi": "Thuật ngữ nguồn", "en": "Source term"},
    "col_term_target": {"vi": "Thuật ngữ đích", "en": "Target term"},
    "col_variants": {"vi": "Biến thể được chấp nhận", "en": "Accepted variants"},
    "col_note": {"vi": "Ghi chú", "en": "Note"},
    "col_case_sensitive": {"vi": "Phân biệt chữ hoa", "en": "Case-sensitive"},
    "term_status_preferred": {"vi": "ưu tiên", "en": "preferred"},
    "term_status_admitted": {"vi": "chấp nhận", "en": "admitted"},
    "term_status_forbidden": {"vi": "cấm dùng", "en": "forbidden"},
    "term_status_do-not-translate": {"vi": "giữ nguyên, không dịch", "en": "do not translate"},
    "glossary_variants_help": {
        "vi": "Ngăn cách các biến thể bằng dấu |",
        "en": "Separate variants with |",
    },
    "glossary_add": {"vi": "Thêm thuật ngữ", "en": "Add a term"},
    "glossary_added": {
        "vi": "Đã thêm thuật ngữ {id}: {source} → {target}.",
        "en": "Added term {id}: {source} → {target}.",
    },
    "glossary_edit": {"vi": "Sửa hoặc xóa thuật ngữ", "en": "Edit or delete a term"},
    "glossary_choose_term": {"vi": "Thuật ngữ", "en": "Term"},
    "glossary_delete": {"vi": "Xóa", "en": "Delete"},
    "glossary_saved": {
        "vi": "Đã lưu thuật ngữ {id} (phiên bản {version}).",
        "en": "Saved term {id} (version {version}).",
    },
    "glossary_deleted": {"vi": "Đã xóa thuật ngữ {id}.", "en": "Deleted term {id}."},
    "glossary_conflict": {
        "vi": "Không lưu được thuật ngữ {id}: người khác đã sửa (nay là phiên bản {version}). Bản hiện tại: «{current}». Bản của bạn: «{yours}». Bấm Tải lại để xem.",
        "en": "Term {id} was not changed: someone else changed it (now version {version}). Current: «{current}». Yours: «{yours}». Press Reload to see it.",
    },
    "glossary_changed_meanwhile": {
        "vi": "{user} đã sửa thuật ngữ này (phiên bản {version}) sau khi bạn mở nó. Bấm Tải lại để xem.",
        "en": "{user} changed this term (version {version}) after you opened it. Press Reload to see it.",
    },
    "glossary_import": {"vi": "Nhập từ tệp", "en": "Import from a file"},
    "glossary_upload": {
        "vi": "Tệp .csv, .tsv hoặc .tbx (có dòng tiêu đề source, target, …)",
        "en": "A .csv, .tsv or .tbx file (header row source, target, …)",
    },
    "glossary_skip_existing": {
        "vi": "Giữ nguyên thuật ngữ đã có cùng nguồn và đích (mặc định: cập nhật từ tệp)",
        "en": "Keep stored terms with the same source and target as they are (default: update them)",
    },
    "glossary_no_file": {"vi": "Hãy chọn một tệp để nhập.", "en": "Choose a file to import."},
    "glossary_imported": {
        "vi": "Đã nhập {file}: thêm {added}, cập nhật {updated}, không đổi {unchanged}, bỏ qua {skipped}.",
        "en": "Imported {file}: {added} added, {updated} updated, {unchanged} unchanged, {skipped} skipped.",
    },
    "glossary_export": {"vi": "Xuất", "en": "Export"},
    "glossary_export_what": {"vi": "Nội dung", "en": "Contents"},
    "glossary_export_scope": {"vi": "Bảng thuật ngữ đang xem", "en": "The glossary shown"},
    "glossary_export_effective": {
        "vi": "Mọi thuật ngữ dự án dùng (kể cả bảng có sẵn)",
        "en": "Every term the project uses (shipped glossary included)",
    },
    "glossary_export_format": {"vi": "Định dạng", "en": "Format"},
    "glossary_prepare": {"vi": "Tạo tệp", "en": "Prepare the file"},
    "glossary_download": {"vi": "Tải xuống {file}", "en": "Download {file}"},
    "glossary_panel": {"vi": "Thuật ngữ trong câu", "en": "Glossary terms in this segment"},
    "glossary_no_hits": {
        "vi": "Câu này không có thuật ngữ nào trong bảng thuật ngữ.",
        "en": "No glossary terms in this segment.",
    },
    "glossary_until": {"vi": "dùng đến {date}", "en": "until {date}"},
    "glossary_check_ok": {
        "vi": "Bản dịch dùng đúng các thuật ngữ.",
        "en": "The target uses the glossary terms.",
    },
    "term_missing": {
        "vi": "«{source}» cần dịch là «{expected}»{alternatives}.",
        "en": "«{source}» should be translated as «{expected}»{alternatives}.",
    },
    "term_or": {"vi": " (hoặc {forms})", "en": " (or {forms})"},
    "term_forbidden": {
        "vi": "Thuật ngữ cấm dùng «{found}» cho «{source}»{advice}.",
        "en": "Forbidden term «{found}» for «{source}»{advice}.",
    },
    "term_use": {"vi": "; hãy dùng «{expected}»", "en": "; use «{expected}»"},
    # Machine translation page
    "nav_translate": {"vi": "Dịch máy", "en": "Machine translation"},
    "translate_header": {"vi": "Dịch máy", "en": "Machine translation"},
    "mt_plan": {
        "vi": "{todo} câu chưa ai dịch sẽ được dịch máy; {kept} câu đã có người làm hoặc đã có "
        "bản nháp được giữ nguyên.",
        "en": "{todo} segments nobody has worked on will be machine-translated; {kept} segments "
        "with a person's work or an existing draft are left alone.",
    },
    "mt_beam": {"vi": "Độ rộng chùm (beam)", "en": "Beam size"},
    "mt_beam_help": {
        "vi": "Rộng hơn thì chậm hơn và đôi khi tốt hơn.",
        "en": "Wider is slower and sometimes better.",
    },
    "mt_start": {"vi": "Dịch máy", "en": "Translate"},
    "mt_started": {"vi": "Đã bắt đầu lần dịch {id}.", "en": "Started job {id}."},
    "mt_running": {
        "vi": "Lần dịch {id}: {done}/{total} câu",
        "en": "Job {id}: {done} of {total} segments",
    },
    "mt_cancel": {"vi": "Dừng", "en": "Stop"},
    "mt_cancel_requested": {
        "vi": "Sẽ dừng sau nhóm câu đang dịch; phần đã dịch được giữ lại.",
        "en": "Stopping after the current chunk; what is translated is kept.",
    },
    "mt_done": {
        "vi": "Lần dịch {id} xong: {written} câu được dịch máy ({sources} câu nguồn khác nhau), "
        "{tm} câu lấy từ bộ nhớ dịch, {flagged} câu cần xem lại.",
        "en": "Job {id} finished: {written} segments machine-translated ({sources} unique "
        "sources), {tm} from translation memory, {flagged} flagged for review.",
    },
    "mt_left_alone": {
        "vi": "Giữ nguyên: {confirmed} đã xác nhận, {human} bản nháp của người dịch, {rejected} "
        "bị trả lại, {drafts} đã có bản nháp, {stale} được sửa trong lúc dịch.",
        "en": "Left alone: {confirmed} confirmed, {human} human drafts, {rejected} rejected, "
        "{drafts} already pre-filled, {stale} edited during the job.",
    },
    "mt_decoding": {
        "vi": "Mô hình chạy {decodes} lượt cho {sources} câu nguồn ({per_source} lượt mỗi câu); "
        "chạy lại: {truncated} câu bị cắt ở giới hạn độ dài (với giới hạn cao hơn), {loops} câu "
        "lặp từ (với phạt lặp), {placeholders} câu mất chỗ giữ chỗ (không bảo vệ).",
        "en": "The model ran {decodes} decodes for {sources} sources ({per_source} each); "
        "retries: {truncated} cut at the length limit (with a higher limit), {loops} looping "
        "(with a repetition penalty), {placeholders} with placeholders lost (unprotected).",
    },
    "batch_examples": {"vi": "{size} câu", "en": "{size} sentences"},
    "batch_tokens": {"vi": "{size} token", "en": "{size} tokens"},
    "mt_setup": {
        "vi": "Luồng {threads}, lô {batch}; danh sách từ rút gọn: {shortlist}.",
        "en": "Threads {threads}, batches of {batch}; vocabulary shortlist: {shortlist}.",
    },
    "mt_stopped": {
        "vi": "Lần dịch {id} đã dừng; phần đã dịch được giữ lại.",
        "en": "Job {id} was stopped; what it translated is kept.",
    },
    "mt_failed": {"vi": "Lần dịch {id} thất bại: {message}", "en": "Job {id} failed: {message}"},
    "mt_stalled": {
        "vi": "Lần dịch {id} không còn chạy (máy chủ đã khởi động lại?).",
        "en": "Job {id} stopped reporting (was the server restarted?).",
    },
    "mt_resume": {"vi": "Tiếp tục lần dịch {id}", "en": "Resume job {id}"},
    "models_header": {"vi": "Mô hình dịch máy", "en": "Translation models"},
    "models_none": {"vi": "Chưa cài mô hình nào.", "en": "No translation model is installed."},
    "models_missing": {
        "vi": "Chưa thể dịch máy: chưa cài gói dịch Việt→Anh. Quản trị viên có thể cài ở mục "
        "Mô hình dịch máy bên dưới, hoặc chạy `songngu models install TỆP.argosmodel` (hay "
        "`songngu models download vi en` khi có mạng). Các phần khác vẫn dùng bình thường.",
        "en": "Machine translation is not available: no Vietnamese→English package is "
        "installed. An administrator can install one under Translation models below, or run "
        "`songngu models install FILE.argosmodel` (or `songngu models download vi en` when "
        "online). Everything else keeps working.",
    },
    "col_package": {"vi": "Gói", "en": "Package"},
    "col_languages": {"vi": "Ngôn ngữ", "en": "Languages"},
    "col_folder": {"vi": "Thư mục", "en": "Folder"},
    "col_shortlist": {"vi": "Danh sách từ rút gọn", "en": "Vocabulary shortlist"},
    "shortlist_none": {"vi": "chưa có", "en": "none"},
    "shortlist_used": {
        "vi": "đang dùng: {identical} câu thử giống hệt bản dịch đủ từ vựng (ngưỡng {threshold})",
        "en": "used: {identical} of test sentences identical to the full vocabulary's "
        "(threshold {threshold})",
    },
    "shortlist_below_threshold": {
        "vi": "không dùng: chỉ {identical} câu thử giống hệt bản dịch đủ từ vựng, dưới ngưỡng "
        "{threshold}",
        "en": "not used: only {identical} of test sentences identical to the full "
        "vocabulary's, below the {threshold} threshold",
    },
    "shortlist_changed": {
        "vi": "không dùng: đã bị thay đổi sau khi đo",
        "en": "not used: changed since it was measured",
    },
    "models_shortlist_help": {
        "vi": "Danh sách từ rút gọn giúp dịch nhanh hơn; nó chỉ được dùng khi đã đo là cho bản "
        "dịch giống hệt. Lập bằng lệnh `songngu models shortlist GÓI --corpus TỆP`.",
        "en": "A vocabulary shortlist makes MT faster; it is used only when measured to give "
        "the same translations. Build one with `songngu models shortlist PACKAGE --corpus "
        "FILE`.",
    },
    "models_upload": {
        "vi": "Cài từ tệp .argosmodel",
        "en": "Install from an .argosmodel file",
    },
    "models_install": {"vi": "Cài đặt", "en": "Install"},
    "models_installed": {
        "vi": "Đã cài {name} ({languages}, phiên bản {version}).",
        "en": "Installed {name} ({languages}, version {version}).",
    },
    "models_download": {
        "vi": "Tải gói Việt→Anh từ kho Argos",
        "en": "Download the Vietnamese→English package from the Argos index",
    },
    "models_downloading": {"vi": "Đang tải…", "en": "Downloading…"},
    "models_offline": {
        "vi": "Máy này không kết nối được kho gói Argos. Trên một máy có Internet, tải tệp "
        "translate-vi_en (.argosmodel) từ kho Argos, rồi cài ở đây hoặc bằng lệnh "
        "`songngu models install TỆP.argosmodel`.",
        "en": "This computer cannot reach the Argos package index. On a computer with internet "
        "access, download the translate-vi_en .argosmodel file from the Argos index, then "
        "install it here or with `songngu models install FILE.argosmodel`.",
    },
    "models_admin_only": {
        "vi": "Chỉ quản trị viên mới cài được mô hình.",
        "en": "Only an administrator can install models.",
    },
    "tm_panel": {"vi": "Bộ nhớ dịch", "en": "Translation memory"},
    "tm_no_matches": {
        "vi": "Không có câu nào giống từ 70% trở lên.",
        "en": "No match of 70% or more.",
    },
    "tm_kind_in_context": {"vi": "khớp cả ngữ cảnh", "en": "in context"},
    "tm_kind_exact": {"vi": "khớp hoàn toàn", "en": "exact"},
    "tm_kind_fuzzy": {"vi": "gần giống", "en": "fuzzy"},
    "tm_penalty_number_mismatch": {"vi": "số khác", "en": "numbers differ"},
    "tm_penalty_inline_code_mismatch": {"vi": "định dạng khác", "en": "formatting differs"},
    "tm_shared": {"vi": "bộ nhớ chung", "en": "shared TM"},
    "tm_use": {"vi": "Dùng", "en": "Use"},
    "tm_used": {
        "vi": "Đã dùng bản dịch từ bộ nhớ cho câu {id} (phiên bản {version}, bản nháp).",
        "en": "Used the TM translation for segment {id} (version {version}, draft).",
    },
    "tm_repeats_filled": {
        "vi": "{count} câu lặp lại trong dự án đã được điền bản dịch của câu này.",
        "en": "{count} repeated segment(s) of the project were filled with this translation.",
    },
    "tm_admin": {"vi": "Bộ nhớ dịch (TMX)", "en": "Translation memory (TMX)"},
    "tm_counts": {
        "vi": "Bộ nhớ của dự án: {own} câu · bộ nhớ chung: {shared} câu.",
        "en": "Project TM: {own} units · shared TM: {shared} units.",
    },
    "tm_share_setting": {
        "vi": "Ghi các câu đã duyệt vào bộ nhớ chung của cơ quan",
        "en": "Also write reviewed segments to the office's shared TM",
    },
    "tm_propagate_setting": {
        "vi": "Khi xác nhận một câu, điền bản dịch cho các câu giống hệt chưa dịch",
        "en": "When a segment is confirmed, fill its untranslated repeats",
    },
    "tm_save_settings": {"vi": "Lưu tùy chọn", "en": "Save options"},
    "tm_settings_saved": {"vi": "Đã lưu tùy chọn bộ nhớ dịch.", "en": "TM options saved."},
    "tm_upload": {"vi": "Tệp TMX để nhập", "en": "TMX file to import"},
    "tm_into_shared": {"vi": "Nhập vào bộ nhớ chung", "en": "Import into the shared TM"},
    "tm_import": {"vi": "Nhập TMX", "en": "Import TMX"},
    "tm_no_file": {"vi": "Hãy chọn một tệp .tmx trước.", "en": "Choose a .tmx file first."},
    "tm_imported": {
        "vi": "Đã nhập {file}: thêm {added}, cập nhật {updated}, {duplicates} câu trùng không "
        "lưu lại, bỏ qua {other} câu ngôn ngữ khác.",
        "en": "Imported {file}: {added} added, {updated} updated, {duplicates} duplicates not "
        "stored again, {other} in other languages skipped.",
    },
    "tm_export_shared": {"vi": "Xuất bộ nhớ chung", "en": "Export the shared TM"},
    "tm_prepare_export": {"vi": "Tạo tệp TMX", "en": "Build the TMX file"},
    "tm_download": {"vi": "Tải về {file}", "en": "Download {file}"},
}


# Domain errors, by code (see primitives/errors.py): code -> {"vi": …, "en": …}, with the
# error's parameters as fields. Kept apart from the page strings; a test checks that every
# code raised outside cli/ has both languages here with the same fields as its template, and
# that none of them names a CLI command or option (the app has buttons, not options).
ERROR_STRINGS: dict[str, dict[str, str]] = {
    "job.unknown_kind": {
        "vi": "Không có loại tác vụ {kind!r}; các loại có sẵn: {kinds}",
        "en": "Unknown job kind {kind!r}; known kinds: {kinds}",
    },
    "job.not_found": {"vi": "Không có tác vụ {job_id}", "en": "No job {job_id}"},
    "job.already_finished": {
        "vi": "Tác vụ {job_id} đã kết thúc ({state})",
        "en": "Job {job_id} has already finished ({state})",
    },
    "job.no_handler": {
        "vi": "Phiên bản songngu này không chạy được tác vụ loại {kind!r}",
        "en": "This version of songngu cannot run jobs of kind {kind!r}",
    },
    "job.already_succeeded": {
        "vi": "Tác vụ {job_id} đã hoàn thành",
        "en": "Job {job_id} has already succeeded",
    },
    "job.still_running": {
        "vi": "Tác vụ {job_id} vẫn đang chạy: hãy chờ hoặc dừng nó trước",
        "en": "Job {job_id} is still running: wait for it or stop it first",
    },
    "job.claimed_elsewhere": {
        "vi": "Tác vụ {job_id} đang được chạy ở nơi khác ({runner})",
        "en": "Job {job_id} is being run elsewhere ({runner})",
    },
    # Stale writes refused by the version guard (workflow.versioning), per table and action.
    "segment.gone_meanwhile": {
        "vi": "Câu {segment_id} đã được gộp vào câu khác hoặc nhập lại trong lúc bạn làm việc: hãy tải lại danh sách câu.",
        "en": "Segment {segment_id} was merged away or re-imported meanwhile: reload the segments.",
    },
    "segment.changed_meanwhile": {
        "vi": "{changed_by} đã sửa câu {segment_id} (nay là phiên bản {current_version}, bạn sửa từ phiên bản {expected_version}); chưa lưu. Bản hiện tại: «{current_text}» | bản của bạn: «{your_text}». Hãy tải lại câu rồi hợp nhất.",
        "en": "Segment {segment_id} was changed by {changed_by} (now version {current_version}, you edited version {expected_version}); not saved. Current text: «{current_text}» | your text: «{your_text}». Reload the segment and merge.",
    },
    "segment.changed_before_merge": {
        "vi": "{changed_by} đã sửa câu {segment_id} (nay là phiên bản {current_version}, bạn đã xem phiên bản {expected_version}); chưa gộp: hãy tải lại danh sách câu rồi thử lại.",
        "en": "Segment {segment_id} was changed by {changed_by} (now version {current_version}, you saw version {expected_version}); not merged: reload the segments and try again.",
    },
    "segment.changed_before_split": {
        "vi": "{changed_by} đã sửa câu {segment_id} (nay là phiên bản {current_version}, bạn đã xem phiên bản {expected_version}); chưa tách: hãy tải lại danh sách câu rồi thử lại.",
        "en": "Segment {segment_id} was changed by {changed_by} (now version {current_version}, you saw version {expected_version}); not split: reload the segments and try again.",
    },
    "glossary.term_changed_meanwhile": {
        "vi": "{changed_by} đã sửa thuật ngữ {term_id} (nay là phiên bản {current_version}, bạn đã xem phiên bản {expected_version}); chưa lưu. Bản hiện tại: «{current}» | bản của bạn: «{yours}». Hãy tải lại bảng thuật ngữ rồi thử lại.",
        "en": "Glossary term {term_id} was changed by {changed_by} (now version {current_version}, you saw version {expected_version}); not saved. Current: «{current}» | yours: «{yours}». Reload the glossary and try again.",
    },
    "glossary.term_changed_before_delete": {
        "vi": "{changed_by} đã sửa thuật ngữ {term_id} (nay là phiên bản {current_version}, bạn đã xem phiên bản {expected_version}); chưa xóa. Bản hiện tại: «{current}». Hãy tải lại bảng thuật ngữ rồi thử lại.",
        "en": "Glossary term {term_id} was changed by {changed_by} (now version {current_version}, you saw version {expected_version}); not deleted. Current: «{current}». Reload the glossary and try again.",
    },
    "glossary.term_deleted_meanwhile": {
        "vi": "Thuật ngữ {term_id} đã bị xóa trong lúc bạn làm việc: hãy tải lại bảng thuật ngữ.",
        "en": "Glossary term {term_id} was deleted meanwhile: reload the glossary.",
    },
    "import.segment_changed_meanwhile": {
        "vi": "Câu {segment_id} của {title!r} đã bị sửa trong lúc nhập lại tài liệu; chưa nhập gì. Hãy nhập lại tệp.",
        "en": "Segment {segment_id} of {title!r} was changed while the document was being re-imported; nothing was imported. Import the file again.",
    },
    # Safe XML parsing (exporters/safe_xml.py), in the words of formats without their own.
    "xml.entities": {
        "vi": "{filename} khai báo thực thể XML (<!ENTITY), bị từ chối vì lý do an toàn",
        "en": "{filename} declares XML entities (<!ENTITY), which are refused for safety",
    },
    "xml.not_well_formed": {
        "vi": "{filename} không phải XML hợp lệ ở dòng {line}: {reason}",
        "en": "{filename} is not well-formed XML at line {line}: {reason}",
    },
    "xml.empty": {"vi": "{filename} trống", "en": "{filename} is empty"},
    "xml.too_large": {
        "vi": "{filename} lớn hơn {limit_mb} MB",
        "en": "{filename} is larger than {limit_mb} MB",
    },
    # TMX (exporters/tmx.py)
    "tmx.empty": {
        "vi": "{filename} trống: hãy chọn một tệp TMX xuất từ công cụ CAT",
        "en": "{filename} is empty: choose a TMX file exported from a CAT tool",
    },
    "tmx.entities": {
        "vi": "{filename} khai báo thực thể XML, bị từ chối vì lý do an toàn: hãy xuất lại "
        "tệp TMX không kèm DTD nội bộ",
        "en": "{filename} declares XML entities, which are refused for safety: export the "
        "TMX again without an internal DTD",
    },
    "tmx.not_well_formed": {
        "vi": "{filename} không phải XML hợp lệ ở dòng {line}: {reason}; hãy sửa tệp hoặc xuất lại",
        "en": "{filename} is not well-formed XML at line {line}: {reason}; fix the file or "
        "export it again",
    },
    "tmx.not_tmx": {
        "vi": "{filename} không phải tệp TMX (phần tử gốc là <{root}>, không phải <tmx>): "
        "hãy chọn một bộ nhớ dịch .tmx",
        "en": "{filename} is not a TMX file (its root element is <{root}>, not <tmx>): "
        "choose a .tmx translation memory",
    },
    # TBX (exporters/tbx.py)
    "tbx.too_large": {
        "vi": "{filename} lớn hơn {limit_mb} MB; hãy chia nhỏ bảng thuật ngữ",
        "en": "{filename} is larger than {limit_mb} MB; split the glossary",
    },
    "tbx.entities": {
        "vi": "{filename} khai báo thực thể XML (<!ENTITY); hãy bỏ phần DTD",
        "en": "{filename} declares XML entities (<!ENTITY); remove the DTD part",
    },
    "tbx.not_well_formed": {
        "vi": "{filename} dòng {line}: không phải XML hợp lệ ({reason})",
        "en": "{filename} line {line}: not well-formed XML ({reason})",
    },
    # Documents as stores (workflow/stores.py)
    "document.id_not_found": {
        "vi": "không có tài liệu {document_id}",
        "en": "no document {document_id}",
    },
    # The format registry (exporters/registry.py)
    "format.unknown": {
        "vi": "không có định dạng tệp {name!r}: hãy dùng {known}",
        "en": "unknown file format {name!r}: use {known}",
    },
    "format.cannot_read": {
        "vi": "songngu không đọc tệp {format}",
        "en": "songngu does not read {format} files",
    },
    "format.cannot_write": {
        "vi": "songngu không ghi tệp {format}",
        "en": "songngu does not write {format} files",
    },
    "format.schema_missing": {
        "vi": "không tìm thấy lược đồ {format} tại {path}",
        "en": "the {format} schema is not at {path}",
    },
    # translation: MT engines
    "mt.unknown_engine": {
        "vi": "không có bộ dịch máy {name!r}; hãy chọn một trong: {choices}",
        "en": "unknown MT engine {name!r}; choose one of: {choices}",
    },
    "mt.beam_size_out_of_range": {
        "vi": "độ rộng chùm (beam) phải từ 1 đến {maximum}, không phải {beam_size}",
        "en": "beam size must be between 1 and {maximum}, not {beam_size}",
    },
    "mt.bad_thread_counts": {
        "vi": "số luồng phải là inter ≥ 1 và intra ≥ 0 (0 = tự động)",
        "en": "threads must be inter ≥ 1 and intra ≥ 0 (0 = automatic)",
    },
    "mt.unknown_compute_type": {
        "vi": "không có kiểu tính toán {compute_type!r}; hãy chọn một trong: {choices}",
        "en": "unknown compute type {compute_type!r}; choose one of: {choices}",
    },
    "mt.package_unloadable": {
        "vi": "không nạp được gói dịch {package} ({reason}); quản trị viên hãy cài lại gói "
        "trong mục Mô hình dịch máy",
        "en": "the translation package {package} cannot be loaded ({reason}); an administrator "
        "can install it again under Translation models",
    },
    "mt.unknown_engine_options": {
        "vi": "tùy chọn bộ dịch Argos không hợp lệ: {options}; các tùy chọn có: {choices}",
        "en": "unknown Argos engine option(s) {options}; choose from: {choices}",
    },
    "mt.unknown_batch_type": {
        "vi": "không có kiểu lô {batch_type!r}; hãy chọn một trong: {choices}",
        "en": "unknown batch type {batch_type!r}; choose one of: {choices}",
    },
    "mt.bad_batch_size": {
        "vi": "cỡ lô phải ít nhất là 1, không phải {batch_size}",
        "en": "the batch size must be at least 1, not {batch_size}",
    },
    "mt.bad_thread_layout": {
        "vi": "số luồng dịch máy {value!r} không phải 'auto', một số luồng hay INTERxINTRA "
        "(số lô chạy song song x số luồng mỗi lô, ví dụ 1x2)",
        "en": "MT threads {value!r} are not 'auto', a thread count or INTERxINTRA "
        "(batches in parallel x threads per batch, e.g. 1x2)",
    },
    "mt.thread_count_below_one": {
        "vi": "số luồng dịch máy {layout} phải ít nhất là 1 lô × 1 luồng",
        "en": "MT threads {layout} must be at least 1 batch × 1 thread",
    },
    "mt.threads_oversubscribed": {
        "vi": "số luồng dịch máy {layout} cần {threads} luồng nhưng máy này chỉ có {cores} "
        "nhân; nhiều luồng hơn số nhân chỉ khiến chúng chờ nhau",
        "en": "MT threads {layout} need {threads} threads but this machine gives {cores} "
        "cores; more threads than cores only make them wait for each other",
    },
    # translation: vocabulary shortlists
    "shortlist.no_vocabulary": {
        "vi": "thư mục mô hình {folder} của gói không có tệp từ vựng",
        "en": "the package's model folder {folder} has no vocabulary file",
    },
    "shortlist.bad_size": {
        "vi": "cỡ danh sách rút gọn phải ít nhất là 1, không phải {size}",
        "en": "the shortlist size must be at least 1, not {size}",
    },
    "shortlist.corpus_too_small": {
        "vi": "kho câu có {count} câu khác nhau; cần ít nhất {minimum} câu để lập danh sách "
        "rút gọn (cứ năm câu giữ lại một câu để đo)",
        "en": "the corpus has {count} distinct sentences; a shortlist needs at least {minimum} "
        "(one in five is kept aside to measure it)",
    },
    # translation: Argos packages (install, remove, download)
    "packages.folder_not_writable": {
        "vi": "không ghi được vào thư mục gói dịch {folder} ({reason}); hãy đặt "
        "ARGOS_PACKAGES_DIR là một thư mục ghi được và còn chỗ trống",
        "en": "cannot write in the packages folder {folder} ({reason}); set ARGOS_PACKAGES_DIR "
        "to a folder that can be written, with free space",
    },
    "packages.none_installed": {
        "vi": "chưa cài gói dịch {from_code}→{to_code} nào trong {folder}; quản trị viên có "
        "thể cài một gói trong mục Mô hình dịch máy",
        "en": "no {from_code}→{to_code} translation package is installed in {folder}; an "
        "administrator can install one under Translation models",
    },
    "packages.member_absolute_path": {
        "vi": "{file} bị từ chối: thành phần {member!r} có đường dẫn tuyệt đối hoặc kiểu Windows",
        "en": "{file} is refused: member {member!r} has an absolute or Windows path",
    },
    "packages.member_outside_folder": {
        "vi": "{file} bị từ chối: thành phần {member!r} trỏ ra ngoài thư mục gói",
        "en": "{file} is refused: member {member!r} points outside the package folder",
    },
    "packages.member_symlink": {
        "vi": "{file} bị từ chối: thành phần {member!r} là liên kết tượng trưng",
        "en": "{file} is refused: member {member!r} is a symbolic link",
    },
    "packages.member_not_regular": {
        "vi": "{file} bị từ chối: thành phần {member!r} không phải tệp thông thường",
        "en": "{file} is refused: member {member!r} is not a regular file",
    },
    "packages.too_many_members": {
        "vi": "{file} có {count} thành phần (tối đa {maximum}); đây không phải gói Argos",
        "en": "{file} has {count} members (at most {maximum} allowed); it is not an Argos package",
    },
    "packages.file_outside_folder": {
        "vi": "{file} có tệp {member!r} nằm ngoài thư mục gói; một tệp .argosmodel chứa "
        "đúng một thư mục gói",
        "en": "{file} has a file {member!r} outside a package folder; an .argosmodel holds "
        "exactly one package folder",
    },
    "packages.member_ratio": {
        "vi": "{file} bị từ chối: thành phần {member!r} giãn nở {ratio:.0f} lần (tối đa "
        "{maximum:.0f}); có vẻ là bom zip",
        "en": "{file} is refused: member {member!r} expands {ratio:.0f} times (at most "
        "{maximum:.0f}); it looks like a zip bomb",
    },
    "packages.too_large_expanded": {
        "vi": "{file} sẽ giãn ra {size} byte (tối đa {maximum}); tệp bị từ chối",
        "en": "{file} would expand to {size} bytes (at most {maximum}); it is refused",
    },
    "packages.not_one_folder": {
        "vi": "{file} có {count} thư mục cấp trên cùng; một tệp .argosmodel chứa đúng một "
        "thư mục gói",
        "en": "{file} holds {count} top-level folders; an .argosmodel holds exactly one "
        "package folder",
    },
    "packages.hidden_folder": {
        "vi": "{file} có thư mục gói ẩn {folder!r}; tệp bị từ chối",
        "en": "{file} has a hidden package folder {folder!r}; it is refused",
    },
    "packages.missing_member": {
        "vi": "{file} không có {required} trong thư mục gói; đây không phải gói dịch Argos "
        "dùng được",
        "en": "{file} has no {required} in its package folder; it is not a usable Argos "
        "translation package",
    },
    "packages.metadata_too_large": {
        "vi": "{file} có metadata.json lớn hơn 1 MiB; tệp bị từ chối",
        "en": "{file} has a metadata.json larger than 1 MiB; it is refused",
    },
    "packages.metadata_unreadable": {
        "vi": "{file} có metadata.json không đọc được ({reason})",
        "en": "{file} has an unreadable metadata.json ({reason})",
    },
    "packages.metadata_not_object": {
        "vi": "{file} có metadata.json không phải đối tượng JSON",
        "en": "{file} has a metadata.json that is not a JSON object",
    },
    "packages.wrong_languages": {
        "vi": "{file} dịch {found_from}→{found_to}, không phải {from_code}→{to_code}; hãy "
        "chọn gói đúng cặp ngôn ngữ",
        "en": "{file} translates {found_from}→{found_to}, not {from_code}→{to_code}; choose "
        "the package for the right languages",
    },
    "packages.member_beyond_declared_size": {
        "vi": "{file} bị từ chối: {member!r} giãn ra vượt kích thước đã khai báo",
        "en": "{file} is refused: {member!r} expands beyond its declared size",
    },
    "packages.tokenizer_unloadable": {
        "vi": "{file} có sentencepiece.model không nạp được; gói bị hỏng, hãy tải lại",
        "en": "{file} has a sentencepiece.model that cannot be loaded; the package is "
        "damaged, download it again",
    },
    "packages.file_not_found": {
        "vi": "không có tệp gói {path}",
        "en": "package file {path} does not exist",
    },
    "packages.archive_too_large": {
        "vi": "{file} nặng {size} byte (tối đa {maximum}); tệp bị từ chối",
        "en": "{file} is {size} bytes (at most {maximum}); it is refused",
    },
    "packages.not_a_zip": {
        "vi": "{file} không phải gói Argos (không phải tệp zip); hãy dùng tệp .argosmodel từ "
        "kho gói Argos",
        "en": "{file} is not an Argos package (not a zip archive); use a .argosmodel file "
        "from the Argos package index",
    },
    "packages.already_installed": {
        "vi": "gói {name} đã được cài trong {folder}; gói đã cài không bị ghi đè",
        "en": "a package named {name} is already installed in {folder}; an installed package "
        "is never replaced",
    },
    "packages.appeared_during_install": {
        "vi": "gói {name} xuất hiện trong {folder} trong lúc cài; không có gì thay đổi",
        "en": "a package named {name} appeared in {folder} during the install; nothing was changed",
    },
    "packages.damaged_zip": {
        "vi": "{file} là tệp zip bị hỏng ({reason})",
        "en": "{file} is a damaged zip archive ({reason})",
    },
    "packages.not_installed": {
        "vi": "không có gói nào tên {name!r} được cài trong {folder}",
        "en": "no package named {name!r} is installed in {folder}",
    },
    "packages.index_unreachable": {
        "vi": "không kết nối được kho gói Argos {url} ({reason}); hãy tải tệp .argosmodel trên "
        "một máy có mạng rồi cài tệp đó ở đây",
        "en": "cannot reach the Argos package index {url} ({reason}); download the .argosmodel "
        "file on a connected machine, then install it here",
    },
    "packages.download_unreachable": {
        "vi": "không tải được gói từ {url} ({reason}); hãy tải tệp .argosmodel trên một máy "
        "có mạng rồi cài tệp đó ở đây",
        "en": "cannot reach the package download {url} ({reason}); download the .argosmodel "
        "file on a connected machine, then install it here",
    },
    "packages.index_not_json": {
        "vi": "kho gói tại {url} không phải JSON hợp lệ ({reason})",
        "en": "the package index at {url} is not valid JSON ({reason})",
    },
    "packages.index_not_list": {
        "vi": "kho gói tại {url} không phải danh sách các gói",
        "en": "the package index at {url} is not a list of packages",
    },
    "packages.download_too_large": {
        "vi": "gói tại {url} nặng {size} byte (tối đa {maximum}); gói bị từ chối",
        "en": "the package at {url} is {size} bytes (at most {maximum}); it is refused",
    },
    "packages.download_over_limit": {
        "vi": "gói tại {url} lớn hơn {maximum} byte; gói bị từ chối",
        "en": "the package at {url} is larger than {maximum} bytes; it is refused",
    },
    "packages.download_incomplete": {
        "vi": "tải từ {url} bị dừng sau {done} trên {expected} byte; hãy thử lại",
        "en": "the download from {url} stopped after {done} of {expected} bytes; try again",
    },
    "packages.bad_timeout": {
        "vi": "thời gian chờ phải lớn hơn 0 giây, không phải {timeout:g}",
        "en": "the timeout must be more than 0 seconds, not {timeout:g}",
    },
    "packages.not_in_index": {
        "vi": "kho gói tại {url} không có gói {from_code}→{to_code}",
        "en": "the package index at {url} has no {from_code}→{to_code} package",
    },
    "packages.no_http_link": {
        "vi": "kho gói tại {url} không ghi liên kết http(s) nào cho gói đó",
        "en": "the package index at {url} lists no http(s) link for that package",
    },
    "packages.download_not_a_zip": {
        "vi": "tệp tải về từ {url} không phải tệp zip; gói chưa được cài",
        "en": "the file downloaded from {url} is not a zip archive; it was not installed",
    },
    # workflow/vietnamese: reading bytes as text, legacy encodings
    "encoding.nul_characters": {
        "vi": "dữ liệu có ký tự NUL nên không phải văn bản: hãy dùng tệp văn bản thuần "
        "(UTF-8, UTF-16 hoặc một bảng mã tiếng Việt 8 bit)",
        "en": "input contains NUL characters, so it is not text: give a plain-text file "
        "(UTF-8, UTF-16 or an 8-bit Vietnamese encoding)",
    },
    "encoding.control_characters": {
        "vi": "dữ liệu đầy ký tự điều khiển, không phải văn bản: hãy dùng tệp văn bản thuần "
        "(UTF-8, UTF-16 hoặc một bảng mã tiếng Việt 8 bit)",
        "en": "input is full of control characters, not text: give a plain-text file "
        "(UTF-8, UTF-16 or an 8-bit Vietnamese encoding)",
    },
    "encoding.empty_input": {
        "vi": "dữ liệu trống (0 byte): hãy dùng tệp có nội dung văn bản",
        "en": "input is empty (0 bytes): give a file that contains text",
    },
    "encoding.bad_after_bom": {
        "vi": "dữ liệu bắt đầu bằng dấu thứ tự byte (BOM) {encoding} nhưng byte {offset} không "
        "hợp lệ trong {encoding}: hãy lưu lại tệp dưới dạng UTF-8",
        "en": "input starts with a {encoding} byte-order mark but byte {offset} is not valid "
        "{encoding}: re-save it as UTF-8",
    },
    "encoding.nul_bytes": {
        "vi": "dữ liệu có byte NUL nên không phải văn bản: hãy dùng tệp văn bản thuần "
        "(UTF-8, UTF-16 hoặc một bảng mã tiếng Việt 8 bit)",
        "en": "input contains NUL bytes, so it is not text: give a plain-text file "
        "(UTF-8, UTF-16 or an 8-bit Vietnamese encoding)",
    },
    "encoding.letter_not_encodable": {
        "vi": "không viết được {letter!r} bằng bảng mã {encoding}: hãy dùng Unicode",
        "en": "{letter!r} cannot be written in {encoding}: use Unicode",
    },
    # workflow/vietnamese: segmentation rules
    "rules.abbreviation_not_text": {
        "vi": "từ viết tắt {value} trong quy tắc tách câu không phải văn bản; hãy viết nó "
        "thành chuỗi",
        "en": "segmentation abbreviation {value} is not text; write it as a string",
    },
    "rules.abbreviation_not_one_word": {
        "vi": "từ viết tắt {raw!r} trong quy tắc tách câu phải là một từ không có khoảng "
        "trắng, ví dụ 'TS.'",
        "en": "segmentation abbreviation {raw!r} must be one word without spaces, e.g. 'TS.'",
    },
    "rules.bad_heading_word": {
        "vi": "từ mở đầu đề mục {value} phải là văn bản không rỗng, ví dụ 'Điều'",
        "en": "segmentation heading word {value} must be non-empty text, e.g. 'Điều'",
    },
    "rules.break_pattern_not_text": {
        "vi": "mẫu luôn tách câu {value} phải là một biểu thức chính quy không rỗng",
        "en": "break pattern {value} must be a non-empty regular expression",
    },
    "rules.no_break_pattern_not_text": {
        "vi": "mẫu không tách câu {value} phải là một biểu thức chính quy không rỗng",
        "en": "no-break pattern {value} must be a non-empty regular expression",
    },
    "rules.break_pattern_invalid": {
        "vi": "mẫu luôn tách câu {raw!r} không phải biểu thức chính quy hợp lệ ({reason}); "
        "hãy sửa hoặc xóa mẫu đó",
        "en": "break pattern {raw!r} is not a valid regular expression ({reason}); fix or "
        "remove it",
    },
    "rules.no_break_pattern_invalid": {
        "vi": "mẫu không tách câu {raw!r} không phải biểu thức chính quy hợp lệ ({reason}); "
        "hãy sửa hoặc xóa mẫu đó",
        "en": "no-break pattern {raw!r} is not a valid regular expression ({reason}); fix or "
        "remove it",
    },
    "rules.break_pattern_matches_empty": {
        "vi": "mẫu luôn tách câu {raw!r} khớp với chuỗi rỗng; mẫu phải khớp với nội dung nào đó",
        "en": "break pattern {raw!r} matches empty text; it must match something",
    },
    "rules.not_an_object": {
        "vi": "quy tắc tách câu phải là một đối tượng JSON có 'abbreviations'",
        "en": "segmentation rules must be a JSON object with 'abbreviations'",
    },
    "rules.wrong_format": {
        "vi": "quy tắc tách câu có định dạng {found}; cần {expected!r}",
        "en": "segmentation rules have format {found}; expected {expected!r}",
    },
    "rules.unsupported_version": {
        "vi": "không hỗ trợ phiên bản quy tắc tách câu {found}; cần phiên bản {expected}",
        "en": "segmentation rules version {found} is not supported; expected {expected}",
    },
    "rules.unknown_fields": {
        "vi": "quy tắc tách câu có trường không xác định {fields}; các trường được phép: {allowed}",
        "en": "segmentation rules have unknown field(s) {fields}; allowed: {allowed}",
    },
    "rules.abbreviations_missing": {
        "vi": "quy tắc tách câu thiếu 'abbreviations'; hãy thêm một danh sách (có thể rỗng)",
        "en": "segmentation rules lack 'abbreviations'; add a list (may be empty)",
    },
    "rules.file_not_found": {
        "vi": "không có tệp quy tắc tách câu {path}",
        "en": "segmentation rules file {path} does not exist",
    },
    "rules.file_is_folder": {
        "vi": "{path} là một thư mục: hãy chọn một tệp JSON quy tắc tách câu",
        "en": "{path} is a folder: name a segmentation rules JSON file",
    },
    "rules.file_not_utf8": {
        "vi": "tệp quy tắc tách câu {path} không phải văn bản UTF-8: hãy lưu tệp JSON dạng UTF-8",
        "en": "segmentation rules file {path} is not UTF-8 text: save the JSON as UTF-8",
    },
    "rules.file_unreadable": {
        "vi": "không đọc được tệp quy tắc tách câu {path} ({reason}); hãy kiểm tra tệp",
        "en": "cannot read segmentation rules file {path} ({reason}); check the file",
    },
    "rules.file_not_json": {
        "vi": "tệp quy tắc tách câu {path} không phải JSON hợp lệ (dòng {line}: {reason})",
        "en": "segmentation rules file {path} is not valid JSON (line {line}: {reason})",
    },
    "rules.field_not_a_list": {
        "vi": "trường '{field}' của quy tắc tách câu phải là một danh sách chuỗi",
        "en": "segmentation rules field '{field}' must be a list of strings",
    },
    # workflow/intake: reading source files (DOCX, TXT, MD)
    "intake.legacy_doc": {
        "vi": "{file}: không hỗ trợ tệp Word 97-2003 .doc cũ; hãy mở tệp trong Word và lưu lại "
        "dạng .docx (hỗ trợ: {supported})",
        "en": "{file}: legacy Word 97-2003 .doc is not supported; open it in Word and save it as "
        ".docx (supported: {supported})",
    },
    "intake.rtf": {
        "vi": "{file}: không hỗ trợ RTF; hãy mở tệp trong Word và lưu lại dạng .docx "
        "(hỗ trợ: {supported})",
        "en": "{file}: RTF is not supported; open it in Word and save it as .docx "
        "(supported: {supported})",
    },
    "intake.odt": {
        "vi": "{file}: không hỗ trợ OpenDocument; hãy lưu tệp dạng .docx (hỗ trợ: {supported})",
        "en": "{file}: OpenDocument is not supported; save it as .docx (supported: {supported})",
    },
    "intake.pdf": {
        "vi": "{file}: không hỗ trợ PDF; hãy xuất văn bản ra .docx hoặc .txt trước "
        "(hỗ trợ: {supported})",
        "en": "{file}: PDF is not supported; export the text to .docx or .txt first "
        "(supported: {supported})",
    },
    "intake.unsupported_type": {
        "vi": "{file}: không hỗ trợ loại tệp '{file_type}' (hỗ trợ: {supported})",
        "en": "{file}: the file type '{file_type}' is not supported (supported: {supported})",
    },
    "intake.empty_file": {
        "vi": "{file} trống (0 byte); hãy chọn tệp có nội dung",
        "en": "{file} is empty (0 bytes); choose a file with content",
    },
    "intake.file_too_large": {
        "vi": "{file} nặng {size:,} byte, vượt giới hạn nhập {limit:,} byte; hãy chia thành "
        "các tệp nhỏ hơn, hoặc tăng {setting} nếu thường gặp tệp như vậy",
        "en": "{file} is {size:,} bytes, more than the import limit of {limit:,} bytes; split "
        "it into smaller files, or raise {setting} if such files are expected",
    },
    "intake.docx_not_word": {
        "vi": "{file} không phải tài liệu Word (phần chính của nó là {part}); các định dạng "
        "được hỗ trợ là .docx, .txt và .md",
        "en": "{file} is not a Word document (its main part is {part}); supported formats are "
        ".docx, .txt and .md",
    },
    "intake.docx_no_main_part": {
        "vi": "{file} không có phần tài liệu chính của Word; tệp bị hỏng hoặc không phải DOCX, "
        "hãy mở tệp trong Word và lưu lại dạng .docx",
        "en": "{file} has no Word main document part; it is damaged or not a DOCX, open it in "
        "Word and save it again as .docx",
    },
    "intake.too_many_paragraphs": {
        "vi": "{file} có hơn {limit:,} đoạn văn, vượt giới hạn nhập; hãy chia thành các tệp nhỏ "
        "hơn, hoặc tăng {setting} nếu thường gặp tệp như vậy",
        "en": "{file} has more than {limit:,} paragraphs, the import limit; split it into "
        "smaller files, or raise {setting} if such files are expected",
    },
    "intake.docx_damaged": {
        "vi": "{file} là tệp DOCX bị hỏng ({reason}); hãy mở tệp trong Word và lưu lại dạng .docx",
        "en": "{file} is a damaged DOCX ({reason}); open it in Word and save it again as .docx",
    },
    "intake.docx_paragraph_too_large": {
        "vi": "{file}: một đoạn văn trong {part} có hơn {limit:,} phần tử XML; tài liệu bị lỗi "
        "cấu trúc, hãy mở tệp trong Word và lưu lại dạng .docx",
        "en": "{file}: a paragraph in {part} has more than {limit:,} XML elements; the document "
        "is malformed, open it in Word and save it again as .docx",
    },
    "intake.docx_not_wordprocessingml": {
        "vi": "{file}: {part} không phải WordprocessingML (không gian tên {namespace}); nếu đó "
        "là tệp Strict Open XML, hãy lưu lại trong Word dạng Word Document (.docx) thông thường "
        "rồi nhập lại",
        "en": "{file}: {part} is not WordprocessingML (namespace {namespace}); if it is a Strict "
        "Open XML file, save it in Word as a normal Word Document (.docx) and import it again",
    },
    "intake.docx_encrypted_or_doc": {
        "vi": "{file} là tệp Word có mật khẩu hoặc tệp Word 97-2003 .doc cũ: hãy gỡ mật khẩu "
        "hoặc mở tệp trong Word và lưu lại dạng .docx, rồi nhập lại",
        "en": "{file} is a password-protected Word file or a legacy Word 97-2003 .doc: remove "
        "the password or open it in Word and save it again as .docx, then import it again",
    },
    "intake.docx_not_zip": {
        "vi": "{file} không phải tệp DOCX (không phải tệp zip); hãy mở tệp trong Word và lưu "
        "lại dạng .docx",
        "en": "{file} is not a DOCX file (it is not a zip archive); open it in Word and save it "
        "again as .docx",
    },
    "intake.docx_truncated": {
        "vi": "{file} là tệp DOCX bị hỏng hoặc bị cắt cụt ({reason}); hãy mở tệp trong Word và "
        "lưu lại dạng .docx",
        "en": "{file} is a damaged or truncated DOCX ({reason}); open it in Word and save it "
        "again as .docx",
    },
    "intake.docx_too_many_members": {
        "vi": "{file} có {count:,} thành phần zip, vượt giới hạn {limit:,}; đây không phải tệp "
        "DOCX bình thường, hãy mở tệp trong Word và lưu lại dạng .docx",
        "en": "{file} has {count:,} zip members, more than the limit of {limit:,}; it is not a "
        "normal DOCX, open it in Word and save it again as .docx",
    },
    "intake.docx_duplicate_member": {
        "vi": "{file} ghi thành phần zip {member} hai lần; hãy mở tệp trong Word và lưu lại "
        "dạng .docx",
        "en": "{file} lists the zip member {member} twice; open it in Word and save it again "
        "as .docx",
    },
    "intake.docx_encrypted_zip": {
        "vi": "{file} là tệp zip được mã hóa; hãy gỡ mật khẩu rồi nhập lại",
        "en": "{file} is an encrypted zip; remove the password and import it again",
    },
    "intake.docx_member_too_large": {
        "vi": "{file}: thành phần {member} khai báo {size:,} byte, vượt giới hạn {limit:,}; hãy "
        "chia thành các tệp nhỏ hơn, hoặc tăng {setting} nếu thường gặp tệp như vậy",
        "en": "{file}: member {member} declares {size:,} bytes, more than the limit of "
        "{limit:,}; split it into smaller files, or raise {setting} if such files are expected",
    },
    "intake.docx_inflates_too_much": {
        "vi": "{file} giải nén ra hơn {limit:,} byte (bom zip hoặc tài liệu rất lớn); hãy chia "
        "thành các tệp nhỏ hơn, hoặc tăng {setting} nếu thường gặp tệp như vậy",
        "en": "{file} inflates to more than {limit:,} bytes (zip bomb or very large document); "
        "split it into smaller files, or raise {setting} if such files are expected",
    },
    "intake.docx_member_ratio": {
        "vi": "{file}: thành phần {member} giãn nở hơn {ratio:g}:1 (bom zip); tệp bị từ chối "
        "(nếu tin tưởng tệp này, hãy tăng {setting})",
        "en": "{file}: member {member} expands more than {ratio:g}:1 (zip bomb); the file was "
        "refused (if you trust it, raise {setting})",
    },
    "intake.docx_member_inflates_beyond_limit": {
        "vi": "{file}: thành phần {member} giải nén vượt giới hạn kích thước (bom zip hoặc tài "
        "liệu rất lớn); hãy chia thành các tệp nhỏ hơn, hoặc tăng {setting} nếu thường gặp "
        "tệp như vậy",
        "en": "{file}: member {member} inflates beyond the size limit (zip bomb or very large "
        "document); split it into smaller files, or raise {setting} if such files are expected",
    },
    "intake.docx_xml_entities": {
        "vi": "{file}: {part} khai báo thực thể XML, điều Word không bao giờ làm (có thể là tấn "
        "công mở rộng thực thể); tệp bị từ chối",
        "en": "{file}: {part} declares XML entities, which Word never writes (possible "
        "entity-expansion attack); the file was refused",
    },
    "intake.docx_too_many_elements": {
        "vi": "{file}: {part} có hơn {limit:,} phần tử XML; tài liệu quá lớn hoặc bị lỗi cấu "
        "trúc, hãy chia nhỏ",
        "en": "{file}: {part} has more than {limit:,} XML elements; the document is too large "
        "or malformed, split it",
    },
    "intake.docx_malformed_xml": {
        "vi": "{file}: {part} không phải XML hợp lệ ({reason}); hãy mở tệp trong Word và lưu "
        "lại dạng .docx",
        "en": "{file}: {part} is not well-formed XML ({reason}); open it in Word and save it "
        "again as .docx",
    },
    "intake.text_too_large": {
        "vi": "{file} nặng {size:,} byte, vượt giới hạn nhập văn bản {limit:,} byte; hãy chia "
        "thành các tệp nhỏ hơn, hoặc tăng {setting} nếu thường gặp tệp như vậy",
        "en": "{file} is {size:,} bytes, more than the text import limit of {limit:,} bytes; "
        "split it into smaller files, or raise {setting} if such files are expected",
    },
    "intake.not_text": {"vi": "{file}: {detail}", "en": "{file}: {detail}"},
    "intake.no_text": {
        "vi": "{file} không có chữ nào; hãy chọn tệp có nội dung văn bản",
        "en": "{file} contains no text; choose a file with text in it",
    },
    "intake.text_is_zip": {
        "vi": "{file} là tệp zip/DOCX, không phải văn bản thuần; hãy nhập tệp với đúng phần "
        "mở rộng của nó hoặc lưu thành văn bản UTF-8",
        "en": "{file} is a zip/DOCX file, not plain text; import it under its real extension or "
        "save it as UTF-8 text",
    },
    "intake.text_is_office": {
        "vi": "{file} là tệp Word/Office, không phải văn bản thuần; hãy nhập tệp với đúng phần "
        "mở rộng của nó hoặc lưu thành văn bản UTF-8",
        "en": "{file} is a Word/Office file, not plain text; import it under its real extension "
        "or save it as UTF-8 text",
    },
    "intake.text_is_pdf": {
        "vi": "{file} là tệp PDF, không phải văn bản thuần; hãy nhập tệp với đúng phần mở rộng "
        "của nó hoặc lưu thành văn bản UTF-8",
        "en": "{file} is a PDF file, not plain text; import it under its real extension or save "
        "it as UTF-8 text",
    },
    "intake.too_many_lines": {
        "vi": "{file} có hơn {limit:,} dòng, vượt giới hạn nhập; hãy chia thành các tệp nhỏ "
        "hơn, hoặc tăng {setting} nếu thường gặp tệp như vậy",
        "en": "{file} has more than {limit:,} lines, more than the import limit; split it into "
        "smaller files, or raise {setting} if such files are expected",
    },
    "intake.too_many_text_lines": {
        "vi": "{file} có {count:,} dòng chữ, vượt giới hạn nhập {limit:,}; hãy chia thành các "
        "tệp nhỏ hơn, hoặc tăng {setting} nếu thường gặp tệp như vậy",
        "en": "{file} has {count:,} lines of text, more than the import limit of {limit:,}; "
        "split it into smaller files, or raise {setting} if such files are expected",
    },
    # settings read from the environment
    "settings.limit_not_megabytes": {
        "vi": "{setting}={value!r} không hợp lệ: hãy đặt một số megabyte lớn hơn 0 (mặc định "
        "{default}) hoặc bỏ biến này",
        "en": "{setting}={value!r} is not valid: set it to a number of megabytes greater than 0 "
        "(default {default}) or unset it",
    },
    "settings.limit_not_whole_number": {
        "vi": "{setting}={value!r} không hợp lệ: hãy đặt một số nguyên lớn hơn 0 (mặc định "
        "{default}) hoặc bỏ biến này",
        "en": "{setting}={value!r} is not valid: set it to a whole number greater than 0 "
        "(default {default}) or unset it",
    },
    "settings.limit_not_number": {
        "vi": "{setting}={value!r} không hợp lệ: hãy đặt một số lớn hơn 0 (mặc định {default}) "
        "hoặc bỏ biến này",
        "en": "{setting}={value!r} is not valid: set it to a number greater than 0 "
        "(default {default}) or unset it",
    },
    "settings.busy_timeout_not_milliseconds": {
        "vi": "SONGNGU_SQLITE_BUSY_TIMEOUT_MS={value!r} không phải số mili giây: hãy đặt ví dụ "
        "10000 hoặc bỏ biến này",
        "en": "SONGNGU_SQLITE_BUSY_TIMEOUT_MS={value!r} is not a number of milliseconds: set it "
        "to e.g. 10000 or unset it",
    },
    "settings.mt_threads_invalid": {
        "vi": "{setting}={value!r} không hợp lệ: {detail}",
        "en": "{setting}={value!r} is not valid: {detail}",
    },
    "settings.mt_batch_size_invalid": {
        "vi": "{setting}={value!r} không hợp lệ: hãy đặt một số nguyên từ 1 đến {maximum} "
        "(mặc định {default}) hoặc bỏ biến này",
        "en": "{setting}={value!r} is not valid: set it to a whole number from 1 to {maximum} "
        "(default {default}) or unset it",
    },
    "settings.mt_batch_type_invalid": {
        "vi": "{setting}={value!r} không hợp lệ: hãy đặt {choices} (mặc định {default}) hoặc "
        "bỏ biến này",
        "en": "{setting}={value!r} is not valid: set it to {choices} (default {default}) or "
        "unset it",
    },
    "settings.mt_shortlist_threshold_invalid": {
        "vi": "{setting}={value!r} không hợp lệ: hãy đặt một tỉ lệ phần trăm từ 0 đến 100 "
        "(mặc định {default}) hoặc bỏ biến này",
        "en": "{setting}={value!r} is not valid: set it to a percentage from 0 to 100 "
        "(default {default}) or unset it",
    },
    "settings.home_not_a_folder": {
        "vi": "không dùng được SONGNGU_HOME={path} làm thư mục ({reason}): hãy đặt một thư mục "
        "ghi được",
        "en": "SONGNGU_HOME={path} cannot be used as a folder ({reason}): set it to a writable "
        "folder",
    },
    # workflow: the database
    "storage.bad_database_url": {
        "vi": "không dùng được địa chỉ cơ sở dữ liệu {url}: {reason}; hãy kiểm tra "
        "SONGNGU_DATABASE_URL",
        "en": "cannot use database URL {url}: {reason}; check SONGNGU_DATABASE_URL",
    },
    "storage.cannot_open_database": {
        "vi": "không mở được cơ sở dữ liệu {url}: {reason}; hãy kiểm tra SONGNGU_DATABASE_URL "
        "(hoặc SONGNGU_HOME với tệp SQLite mặc định)",
        "en": "cannot open the database {url}: {reason}; check SONGNGU_DATABASE_URL (or "
        "SONGNGU_HOME for the default SQLite file)",
    },
    # workflow: partners, users, projects, documents
    "partner.unknown_setting": {
        "vi": "không có thiết lập đối tác {key!r}: các thiết lập có là {known}",
        "en": "unknown partner setting {key!r}: known settings are {known}",
    },
    "partner.bad_choice": {
        "vi": "thiết lập đối tác {key}={value} không thuộc các giá trị {allowed}",
        "en": "partner setting {key}={value} is not one of {allowed}",
    },
    "partner.not_a_json_object": {
        "vi": '{key} cần một đối tượng JSON, ví dụ \'{{"check-id": "warning"}}\'',
        "en": '{key} takes a JSON object, e.g. \'{{"check-id": "warning"}}\'',
    },
    "partner.not_found": {
        "vi": "không có hồ sơ đối tác {name!r}: hãy chọn một trong {names}",
        "en": "no partner profile {name!r}: choose one of {names}",
    },
    "user.not_found": {
        "vi": "không có người dùng {name!r}; quản trị viên cần thêm người dùng này trước",
        "en": "no user {name!r}; an administrator must add this user first",
    },
    "user.bad_name": {
        "vi": "tên người dùng {name!r} phải dài 1-100 ký tự và không có khoảng trắng",
        "en": "user name {name!r} must be 1-100 characters without spaces",
    },
    "user.display_name_too_long": {
        "vi": "tên hiển thị dài tối đa 200 ký tự",
        "en": "a display name must be at most 200 characters",
    },
    "user.exists": {
        "vi": "người dùng {name!r} đã tồn tại: hãy chọn tên khác",
        "en": "user {name!r} already exists: choose another name",
    },
    "project.bad_name": {
        "vi": "tên dự án phải dài 1-200 ký tự",
        "en": "a project name must be 1-200 characters",
    },
    "project.exists": {
        "vi": "dự án {name!r} đã tồn tại: hãy chọn tên khác",
        "en": "project {name!r} already exists: choose another name",
    },
    "project.not_found": {
        "vi": "không có dự án {project!r}",
        "en": "no project {project!r}",
    },
    "document.not_found": {
        "vi": "không có tài liệu {document!r} trong dự án {project!r}",
        "en": "no document {document!r} in project {project!r}",
    },
    # workflow: roles, permissions, status changes (role, action and statuses are shown
    # with the app's own labels, see ERROR_LABELS)
    "role.unknown": {
        "vi": "không có vai trò {value!r}: hãy dùng một trong {names}",
        "en": "unknown role {value!r}: use one of {names}",
    },
    "permission.denied": {
        "vi": "{user} ({role}) không được phép {action}: hãy nhờ người có vai trò được phép "
        "làm việc này",
        "en": "{user} ({role}) may not {action}: ask a user with a role that can",
    },
    "status.no_transition_from": {
        "vi": "không thể chuyển trạng thái từ {from_status} sang {to_status}",
        "en": "cannot change status from {from_status} to {to_status}",
    },
    "status.transition_not_allowed": {
        "vi": "không thể chuyển trạng thái từ {from_status} sang {to_status}; từ {from_status} "
        "chỉ chuyển được sang: {statuses}",
        "en": "cannot change status from {from_status} to {to_status}; from {from_status} it "
        "can go to: {statuses}",
    },
    "status.approved_locked": {
        "vi": "đoạn đã phê duyệt bị khóa: biên tập viên phải mở lại trước",
        "en": "approved segments are locked: an editor must reopen it first",
    },
    "status.unknown": {
        "vi": "không có trạng thái {value!r}: hãy dùng một trong {names}",
        "en": "unknown status {value!r}: use one of {names}",
    },
    # workflow/glossary: files on disk
    "glossary.file_not_found": {
        "vi": "không có tệp bảng thuật ngữ {path}",
        "en": "glossary file {path} does not exist",
    },
    "glossary.file_is_folder": {
        "vi": "{path} là một thư mục; hãy chọn tệp .csv, .tsv hoặc .tbx",
        "en": "{path} is a folder; give a .csv, .tsv or .tbx file",
    },
    "glossary.file_unreadable": {
        "vi": "không đọc được {path}: {reason}",
        "en": "cannot read {path}: {reason}",
    },
}


def error_template(code: str, lang: str) -> str | None:
    """The app's template for a domain error code in lang, if it has one."""
    entry = ERROR_STRINGS.get(code)
    return None if entry is None else entry.get(lang) or entry.get("en")


def error_label(name: str, value: Any, lang: str) -> Any:
    """A domain error's parameter as the app shows it: a role, an action or statuses in lang
    (primitives.errors.LABEL_PARAMETERS), any other value as it is."""
    kind = LABEL_PARAMETERS.get(name)
    if kind is None or not isinstance(value, str) or not value:
        return value
    keys = [f"{kind}_{item.replace(' ', '_')}" for item in value.split(", ")]
    if not all(key in STRINGS for key in keys):
        return value  # a name without a label (a new status, say): shown as raised
    return ", ".join(text(key, lang) for key in keys)


def text(key: str, lang: str, **values: object) -> str:
    """The string for key in lang (English if a translation is missing)."""
    entry = STRINGS[key]
    template = entry.get(lang) or entry["en"]
    return template.format(**values) if values else template
