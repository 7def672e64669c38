"""Every string the app shows, in Vietnamese and English, in one place."""

from __future__ import annotations

import re
import string
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
        "vi": "Tải lên tệp .docx, .txt, .md hoặc XLIFF (.xlf, .xliff)",
        "en": "Upload a .docx, .txt, .md or XLIFF (.xlf, .xliff) file",
    },
    "xliff_note": {
        "vi": "Tệp XLIFF: nếu songngu đã xuất nó từ dự án này, bản dịch, trạng thái và ghi chú được đưa về tài liệu, câu nào xung đột sẽ được liệt kê; tệp XLIFF khác thành một tài liệu mới kèm bản dịch.",
        "en": "XLIFF file: if songngu exported it from this project, its targets, states and notes go back to the document and conflicting rows are listed; any other XLIFF becomes a new document with its targets.",
    },
    "xliff_dry_run": {
        "vi": "Chỉ xem những gì sẽ thay đổi (chưa lưu)",
        "en": "Only show what would change (store nothing)",
    },
    "xliff_round_trip": {
        "vi": "{title}: áp dụng {applied}, không đổi {unchanged}, xung đột {conflicts}.",
        "en": "{title}: {applied} applied, {unchanged} unchanged, {conflicts} conflicts.",
    },
    "xliff_new_document": {
        "vi": "Đã nhập {title}: {segments} câu, {applied} bản dịch, {conflicts} xung đột.",
        "en": "Imported {title}: {segments} segments, {applied} targets, {conflicts} conflicts.",
    },
    "xliff_dry_run_done": {
        "vi": "Chạy thử: chưa lưu gì. Bỏ chọn ô trên rồi nhập để áp dụng.",
        "en": "Dry run: nothing was stored. Untick the box above and import to apply.",
    },
    "col_conflict": {"vi": "Xung đột", "en": "Conflict"},
    "col_row": {"vi": "Vị trí trong tệp", "en": "In the file"},
    "col_current_text": {"vi": "Bản trong songngu", "en": "In songngu"},
    "col_file_text": {"vi": "Bản trong tệp", "en": "In the file"},
    "col_before": {"vi": "Trước", "en": "Before"},
    "col_after": {"vi": "Sau", "en": "After"},
    "conflict_changed_since_export": {
        "vi": "câu đã sửa trong songngu sau khi xuất",
        "en": "changed in songngu since the export",
    },
    "conflict_source_changed": {
        "vi": "câu nguồn đã đổi sau khi xuất",
        "en": "source changed since the export",
    },
    "conflict_added": {"vi": "không phải câu của tài liệu", "en": "not a segment of the document"},
    "conflict_duplicated": {"vi": "câu xuất hiện nhiều lần", "en": "segment given more than once"},
    "conflict_missing": {"vi": "thiếu trong tệp", "en": "missing from the file"},
    "conflict_tags_broken": {"vi": "thẻ bị hỏng", "en": "tags broken"},
    "conflict_tags_renumbered": {
        "vi": "thẻ bị đánh số lại hoặc không có trong câu nguồn",
        "en": "tags renumbered or not in the source",
    },
    "conflict_refused": {"vi": "bị từ chối", "en": "refused"},
    "conflict_source_edited": {
        "vi": "câu nguồn bị sửa trong tệp",
        "en": "source text edited in the file",
    },
    "conflict_reordered": {
        "vi": "dòng bị chuyển khỏi thứ tự lúc xuất",
        "en": "row moved out of the export's order",
    },
    "conflict_row_damaged": {
        "vi": "mã câu hoặc khóa ẩn của dòng bị thay đổi",
        "en": "segment id or hidden row key changed",
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
        "en": "Imported {title}: {segments:|segment|segments} (revision {revision}).",
    },
    "kept_translations": {
        "vi": "Giữ lại {count} bản dịch của các câu không đổi.",
        "en": "Kept {count:|translation|translations} of unchanged segments.",
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
    "segment_count": {"vi": "{count} câu", "en": "{count:,|segment|segments}"},
    "document_segments": {
        "vi": "{title} — {count} câu",
        "en": "{title} — {count:,|segment|segments}",
    },
    "review_header": {"vi": "Biên dịch và duyệt", "en": "Translate and review"},
    "page": {"vi": "Trang", "en": "Page"},
    "status_filter": {"vi": "Lọc theo trạng thái", "en": "Filter by status"},
    "all": {"vi": "Tất cả", "en": "All"},
    "saved": {
        "vi": "Đã lưu câu {id} (phiên bản {version}).",
        "en": "Saved segment {id} (version {version}).",
    },
    "changed_meanwhile": {
        "vi": "{user} đã sửa câu này (phiên bản {version}) sau khi bạn mở nó. Bấm Tải lại để xem.",
        "en": "{user} changed this segment (version {version}) after you opened it. Press Reload to see it.",
    },
    "reload": {"vi": "Tải lại", "en": "Reload"},
    "conflict_yours": {"vi": "Bản của bạn (chưa lưu)", "en": "Your text (not saved)"},
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
    # a partner setting's field: its key, then what it does (workflow.partners.PARTNER_SETTINGS)
    "partner_setting": {"vi": "{name} — {help}", "en": "{name} — {help}"},
    "partner_help_english_variant": {
        "vi": "Chính tả tiếng Anh của bản dịch (Mỹ hay Anh).",
        "en": "Spelling of the English target.",
    },
    "partner_help_name_diacritics": {
        "vi": "Tên người Việt trong bản tiếng Anh: giữ dấu (Nguyễn Văn An) hoặc bỏ dấu "
        "(Nguyen Van An) như phần lớn báo chí quốc tế.",
        "en": "Vietnamese personal names in English: keep diacritics (Nguyễn Văn An) or strip "
        "them (Nguyen Van An), as most international press does.",
    },
    "partner_help_country_name": {
        "vi": 'Cách viết tên nước; văn bản chính thức dùng "Viet Nam".',
        "en": 'How the country is written; official documents use "Viet Nam".',
    },
    "partner_help_date_style": {
        "vi": "Thứ tự ngày tháng trong tiếng Anh: August 9, 2022 hoặc 9 August 2022.",
        "en": "English date order: August 9, 2022 or 9 August 2022.",
    },
    "partner_help_glossaries": {
        "vi": "Các bảng thuật ngữ áp dụng cho dự án của đối tác này.",
        "en": "Glossaries applied to this partner's projects.",
    },
    "partner_help_qa_severities": {
        "vi": "Mã kiểm tra QA -> mức độ (error, warning, info, off), thay cho mức mặc định "
        "(các mã kiểm tra: docs/qa-checks.md).",
        "en": "QA check id -> severity (error, warning, info, off) overriding the defaults "
        "(check ids: docs/qa-checks.md).",
    },
    "partner_help_own_names": {
        "vi": "Tên riêng của đối tác bằng tiếng Việt và tên tiếng Anh của chúng, được bản dịch "
        "máy giữ nguyên và được kiểm tra trong các dự án của đối tác (đối tượng JSON: "
        '{"Đại học Indiana": "Indiana University"}).',
        "en": "The partner's own names in Vietnamese and their English, kept exactly so in MT "
        'and checked in its projects (JSON object: {"Đại học Indiana": "Indiana University"}).',
    },
    "partner_help_qa_override_roles": {
        "vi": "Các vai trò được xác nhận, duyệt hoặc phê duyệt một câu dù còn lỗi QA (phải "
        "nêu lý do, lý do được ghi lại) và được bỏ qua lỗi QA; các vai trò khác phải sửa lỗi.",
        "en": "Roles that may confirm, review or approve a segment over a QA error (giving a "
        "reason, which is recorded) and ignore QA errors; other roles must fix them.",
    },
    "partner_help_qa_export_policy": {
        "vi": "Lỗi QA còn mở hoặc câu chưa được kiểm tra lại từ khi thay đổi khi xuất tệp: "
        "cảnh báo (warn), hoặc chặn việc xuất (block) đến khi chúng được sửa, bỏ qua hoặc "
        "kiểm tra.",
        "en": "Open QA errors or segments not checked since they changed at export: warn, or "
        "block the export until they are fixed, ignored or checked.",
    },
    "partner_saved": {"vi": "Đã lưu hồ sơ đối tác {name}.", "en": "Saved partner profile {name}."},
    "partner_read_only": {
        "vi": "Chỉ biên tập viên và quản trị viên được sửa hồ sơ đối tác.",
        "en": "Only editors and admins may change partner profiles.",
    },
    "edit_selected": {"vi": "Sửa câu", "en": "Edit segment"},
    # The Review grid: a paged list of rows, each opened in the side editor by a click.
    "review_filter_term": {"vi": "Thuật ngữ trong câu nguồn", "en": "Glossary term in source"},
    "review_filter_term_any": {
        "vi": "Mọi câu (chọn hoặc gõ một thuật ngữ)",
        "en": "Any segment (pick or type a term)",
    },
    "review_filter_qa": {"vi": "Có lỗi QA chưa xử lý", "en": "Has an open QA finding"},
    "review_filter_low_mt": {
        "vi": "Máy dịch kém tin cậy (dưới {percent}%)",
        "en": "Low MT confidence (under {percent}%)",
    },
    "review_filter_text": {
        "vi": "Tìm chữ trong nguồn hoặc bản dịch",
        "en": "Text in source or target",
    },
    "review_range": {
        "vi": "Trang {page}/{pages} · câu {first}–{last}",
        "en": "Page {page} of {pages} · rows {first}–{last}",
    },
    "review_prev": {"vi": "← Trước", "en": "← Previous"},
    "review_next": {"vi": "Sau →", "en": "Next →"},
    "review_open_short": {"vi": "✎ {id}", "en": "✎ {id}"},
    "review_no_rows": {
        "vi": "Không có câu nào khớp bộ lọc.",
        "en": "No segment matches the filters.",
    },
    "review_pick_row": {
        "vi": "Bấm ✎ ở một dòng để mở câu đó trong khung sửa.",
        "en": "Click ✎ on a row to open that segment here.",
    },
    "review_editing": {"vi": "Đang sửa câu {id}", "en": "Editing segment {id}"},
    "review_glossary_marker": {
        # A Material icon, drawn with Streamlit's own font: an emoji needs an emoji font,
        # which a browser without one (headless Chromium here) shows as a box.
        "vi": ":material/menu_book: {count} thuật ngữ",
        "en": ":material/menu_book: {count:,|term|terms}",
    },
    "review_folded": {
        "vi": "Câu dài {chars} ký tự: chỉ hiện phần đầu; mở câu để xem toàn bộ.",
        "en": "Long segment of {chars:,|character|characters}: only its start is shown; "
        "open it to see it all.",
    },
    "origin_none": {"vi": "—", "en": "—"},
    "origin_mt": {"vi": "Máy dịch", "en": "MT"},
    "origin_tm": {"vi": "Bộ nhớ dịch", "en": "TM"},
    "origin_propagated": {"vi": "Câu lặp", "en": "Repeat"},
    "origin_human": {"vi": "Người dịch", "en": "Person"},
    "review_score": {"vi": "{origin} {score}%", "en": "{origin} {score}%"},
    "save": {"vi": "Lưu", "en": "Save"},
    "save_confirm": {"vi": "Lưu và xác nhận", "en": "Save and confirm"},
    # The side editor's keyboard flow, status buttons by role, and conflict dialog
    "flow_previous": {"vi": "↑ Câu trước", "en": "↑ Previous"},
    "flow_next": {"vi": "↓ Câu sau", "en": "↓ Next"},
    "flow_confirm_next": {
        "vi": "Xác nhận, sang câu chưa xác nhận",
        "en": "Confirm, go to next unconfirmed",
    },
    "flow_keys": {
        "vi": "Phím tắt, dùng được cả khi đang gõ bản dịch: Ctrl+Enter (⌘+Enter) lưu, xác nhận và mở câu chưa xác nhận tiếp theo; Alt+↓ câu sau; Alt+↑ câu trước. Alt+↑/↓ không lưu chữ đang gõ dở: nhấn Ctrl+Enter hoặc bấm ra ngoài ô trước.",
        "en": "Shortcuts, also while typing the translation: Ctrl+Enter (⌘+Enter) saves, confirms and opens the next unconfirmed segment; Alt+↓ next; Alt+↑ previous. Alt+↑/↓ do not save text still being typed: press Ctrl+Enter or click outside the box first.",
    },
    "flow_all_confirmed": {
        "vi": "Mọi câu trong danh sách đã được xác nhận.",
        "en": "Every segment in the list is confirmed.",
    },
    "move_review": {"vi": "Chấp nhận (đã duyệt)", "en": "Accept as reviewed"},
    "move_reject": {"vi": "Trả lại người dịch", "en": "Reject"},
    "move_approve": {"vi": "Phê duyệt", "en": "Approve"},
    "move_reopen": {"vi": "Mở khoá để sửa", "en": "Reopen"},
    "conflict_title": {
        "vi": "Câu {id} đã được người khác sửa",
        "en": "Segment {id} was changed by someone else",
    },
    "conflict_theirs": {
        "vi": "Bản đang lưu: {user}, {when}, phiên bản {version}",
        "en": "Stored now: {user}, {when}, version {version}",
    },
    "conflict_keep_mine": {"vi": "Giữ bản của tôi", "en": "Keep mine"},
    "conflict_take_theirs": {"vi": "Lấy bản đang lưu", "en": "Take theirs"},
    "conflict_cancel": {"vi": "Huỷ", "en": "Cancel"},
    "conflict_took_theirs": {
        "vi": "Câu {id}: đang hiện bản đã lưu; bản của bạn không được lưu.",
        "en": "Segment {id}: showing the stored text; yours was not saved.",
    },
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
    "action_manage_database": {"vi": "quản lý cơ sở dữ liệu", "en": "manage database"},
    "action_view_audit": {"vi": "xem nhật ký kiểm tra", "en": "view audit"},
    # glossary scopes, as errors name them ("the project glossary already has …")
    "glossary_scope_global": {"vi": "chung", "en": "global"},
    "glossary_scope_partner": {"vi": "của đối tác", "en": "partner"},
    "glossary_scope_project": {"vi": "của dự án", "en": "project"},
    # Users and sign-in (ui/auth.py, ui/pages/users.py)
    "auth_sign_in_header": {"vi": "Đăng nhập songngu", "en": "Sign in to songngu"},
    "auth_user_name": {"vi": "Tên đăng nhập", "en": "User name"},
    "auth_display_name": {"vi": "Tên hiển thị (không bắt buộc)", "en": "Display name (optional)"},
    "auth_password": {"vi": "Mật khẩu", "en": "Password"},
    "auth_password_again": {"vi": "Nhập lại mật khẩu", "en": "Password again"},
    "auth_sign_in": {"vi": "Đăng nhập", "en": "Sign in"},
    "auth_sign_out": {"vi": "Đăng xuất", "en": "Sign out"},
    "auth_signed_in_as": {
        "vi": "Đang đăng nhập: {name} ({role})",
        "en": "Signed in as {name} ({role})",
    },
    "auth_signed_out": {"vi": "Bạn đã đăng xuất.", "en": "You have signed out."},
    "auth_expired": {
        "vi": "Phiên làm việc đã hết hạn sau {minutes} phút không thao tác: hãy đăng nhập lại.",
        "en": "Your session expired after {minutes} minutes without activity: sign in again.",
    },
    "auth_first_run_header": {
        "vi": "Chào mừng đến với songngu",
        "en": "Welcome to songngu",
    },
    "auth_first_run_intro": {
        "vi": "Chưa có tài khoản nào. Hãy tạo tài khoản quản trị viên đầu tiên; sau đó quản "
        "trị viên thêm người dùng khác ở trang Người dùng.",
        "en": "There is no account yet. Create the first administrator; the administrator "
        "then adds other people on the Users page.",
    },
    "auth_create_admin": {"vi": "Tạo quản trị viên", "en": "Create administrator"},
    "auth_passwords_differ": {
        "vi": "Hai mật khẩu không giống nhau: hãy nhập lại.",
        "en": "The two passwords differ: type them again.",
    },
    "auth_oidc_sign_in": {"vi": "Đăng nhập qua {provider}", "en": "Sign in with {provider}"},
    "auth_oidc_default_provider": {
        "vi": "nhà cung cấp định danh",
        "en": "the identity provider",
    },
    "auth_oidc_sign_out": {
        "vi": "Đăng xuất khỏi nhà cung cấp định danh",
        "en": "Sign out of the identity provider",
    },
    "nav_users": {"vi": "Người dùng", "en": "Users"},
    "audit_header": {"vi": "Nhật ký kiểm tra", "en": "Audit log"},
    "audit_user": {"vi": "Người dùng (để trống: tất cả)", "en": "User (empty: everyone)"},
    "audit_action": {"vi": "Hành động", "en": "Action"},
    "audit_project": {"vi": "Dự án", "en": "Project"},
    "audit_dates": {"vi": "Từ ngày – đến ngày (UTC)", "en": "From – to (UTC)"},
    "audit_all_actions": {"vi": "Mọi hành động", "en": "All actions"},
    "audit_all_projects": {"vi": "Mọi dự án", "en": "All projects"},
    "audit_none": {"vi": "Không có bản ghi nào khớp.", "en": "No records match."},
    "audit_shown": {
        "vi": "{count} bản ghi mới nhất (tối đa {most}).",
        "en": "{count} newest records (at most {most}).",
    },
    "audit_col_at": {"vi": "Lúc (UTC)", "en": "At (UTC)"},
    "audit_col_user": {"vi": "Người dùng", "en": "User"},
    "audit_col_face": {"vi": "Từ", "en": "From"},
    "audit_col_action": {"vi": "Hành động", "en": "Action"},
    "audit_col_project": {"vi": "Dự án", "en": "Project"},
    "audit_col_object": {"vi": "Đối tượng", "en": "Object"},
    "audit_col_detail": {"vi": "Chi tiết", "en": "Detail"},
    "audit_face_app": {"vi": "ứng dụng", "en": "app"},
    "audit_face_cli": {"vi": "dòng lệnh", "en": "command line"},
    "audit_face_worker": {"vi": "tiến trình nền", "en": "worker"},
    "audit_action_sign_in": {"vi": "đăng nhập", "en": "sign-in"},
    "audit_action_sign_in_failed": {"vi": "đăng nhập thất bại", "en": "failed sign-in"},
    "audit_action_export": {"vi": "xuất tệp", "en": "export"},
    "audit_action_approve": {"vi": "phê duyệt", "en": "approval"},
    "audit_action_reopen": {"vi": "mở lại", "en": "reopening"},
    "audit_action_review_import": {"vi": "nhập tệp duyệt", "en": "review import"},
    "audit_action_model_install": {"vi": "cài mô hình", "en": "model install"},
    "audit_action_model_remove": {"vi": "gỡ mô hình", "en": "model removal"},
    "audit_action_user_add": {"vi": "thêm người dùng", "en": "user added"},
    "audit_action_user_role": {"vi": "đổi vai trò", "en": "role changed"},
    "audit_action_user_password": {"vi": "đặt mật khẩu", "en": "password set"},
    "audit_action_user_disable": {"vi": "khoá tài khoản", "en": "account disabled"},
    "audit_action_user_enable": {"vi": "mở khoá tài khoản", "en": "account enabled"},
    "audit_action_user_profile": {"vi": "đổi thông tin tài khoản", "en": "account details changed"},
    "audit_action_glossary_add": {"vi": "thêm thuật ngữ", "en": "glossary term added"},
    "audit_action_glossary_edit": {"vi": "sửa thuật ngữ", "en": "glossary term edited"},
    "audit_action_glossary_delete": {"vi": "xoá thuật ngữ", "en": "glossary term deleted"},
    "audit_action_glossary_import": {"vi": "nhập bảng thuật ngữ", "en": "glossary import"},
    "audit_action_backup": {"vi": "sao lưu cơ sở dữ liệu", "en": "database backup"},
    "audit_action_restore": {"vi": "khôi phục cơ sở dữ liệu", "en": "database restore"},
    "audit_action_migrate_db": {
        "vi": "chuyển cơ sở dữ liệu sang PostgreSQL",
        "en": "database move to PostgreSQL",
    },
    "users_header": {"vi": "Người dùng và vai trò", "en": "Users and roles"},
    "users_admin_only": {
        "vi": "Chỉ quản trị viên mới quản lý được người dùng.",
        "en": "Only administrators manage users.",
    },
    "users_col_name": {"vi": "Tên đăng nhập", "en": "User name"},
    "users_col_display_name": {"vi": "Tên hiển thị", "en": "Display name"},
    "users_col_role": {"vi": "Vai trò", "en": "Role"},
    "users_col_state": {"vi": "Trạng thái", "en": "State"},
    "users_col_email": {"vi": "Thư điện tử", "en": "E-mail"},
    "users_state_active": {"vi": "đang hoạt động", "en": "active"},
    "users_state_disabled": {"vi": "đã khóa", "en": "disabled"},
    "users_state_no_password": {
        "vi": "chưa có mật khẩu (chưa đăng nhập được)",
        "en": "no password (cannot sign in yet)",
    },
    "users_add_header": {"vi": "Thêm người dùng", "en": "Add a user"},
    "users_add": {"vi": "Thêm", "en": "Add"},
    "users_added": {"vi": "Đã thêm {name}.", "en": "Added {name}."},
    "users_change_header": {"vi": "Sửa một người dùng", "en": "Change a user"},
    "users_pick": {"vi": "Người dùng", "en": "User"},
    "users_save": {"vi": "Lưu thay đổi", "en": "Save changes"},
    "users_saved": {"vi": "Đã lưu thay đổi của {name}.", "en": "Saved the changes to {name}."},
    "users_nothing_changed": {"vi": "Không có gì thay đổi.", "en": "Nothing changed."},
    "users_reset_header": {"vi": "Đặt mật khẩu mới", "en": "Set a new password"},
    "users_reset": {"vi": "Đặt mật khẩu", "en": "Set password"},
    "users_password_set": {
        "vi": "Đã đặt mật khẩu mới cho {name}; các phiên đăng nhập cũ của họ đã kết thúc.",
        "en": "Set a new password for {name}; their earlier sessions have ended.",
    },
    "users_disable": {"vi": "Khóa tài khoản", "en": "Disable account"},
    "users_enable": {"vi": "Mở khóa tài khoản", "en": "Enable account"},
    "users_disabled": {"vi": "Đã khóa tài khoản {name}.", "en": "Disabled {name}."},
    "users_enabled": {"vi": "Đã mở khóa tài khoản {name}.", "en": "Enabled {name}."},
    "progress": {"vi": "Tiến độ", "en": "Progress"},
    "dashboard_header": {"vi": "Tổng quan dự án", "en": "Project dashboard"},
    "dashboard_documents": {"vi": "Tài liệu", "en": "Documents"},
    "dashboard_no_documents": {
        "vi": "Dự án chưa có tài liệu: nhập văn bản ở trang Văn bản nguồn.",
        "en": "The project has no documents yet: import one on the Source page.",
    },
    "dashboard_segments": {"vi": "Số câu", "en": "Segments"},
    "dashboard_words": {"vi": "Số từ", "en": "Words"},
    "dashboard_qa_errors": {"vi": "Lỗi QA chưa xử lý", "en": "Open QA errors"},
    "dashboard_qa_not_installed": {"vi": "chưa có QA", "en": "no QA"},
    "dashboard_mt_coverage": {"vi": "Bản dịch máy", "en": "MT coverage"},
    "dashboard_bar_translated": {
        "vi": "Đã dịch: {done}/{total} câu",
        "en": "Translated: {done}/{total:|segment|segments}",
    },
    "dashboard_bar_reviewed": {
        "vi": "Đã duyệt: {done}/{total} câu",
        "en": "Reviewed: {done}/{total:|segment|segments}",
    },
    "dashboard_bar_approved": {
        "vi": "Đã phê duyệt: {done}/{total} câu",
        "en": "Approved: {done}/{total:|segment|segments}",
    },
    "dashboard_document_line": {
        "vi": "{segments} câu, {words} từ · lỗi QA: {errors} · dịch máy: {mt}",
        "en": "{segments:|segment|segments}, {words:|word|words} · QA errors: {errors} · MT: {mt}",
    },
    "dashboard_recent": {"vi": "Hoạt động gần đây", "en": "Recent activity"},
    "dashboard_no_activity": {"vi": "Chưa có thay đổi nào.", "en": "No changes yet."},
    "dashboard_col_when": {"vi": "Lúc (UTC)", "en": "When (UTC)"},
    "dashboard_col_who": {"vi": "Người", "en": "Who"},
    "dashboard_col_what": {"vi": "Việc", "en": "What"},
    "dashboard_col_document": {"vi": "Tài liệu", "en": "Document"},
    "dashboard_col_segment": {"vi": "Câu số", "en": "Segment"},
    "dashboard_activity_status": {"vi": "chuyển sang {status}", "en": "set to {status}"},
    "dashboard_activity_target": {"vi": "sửa bản dịch", "en": "edited the target"},
    "step_imported": {"vi": "đã nhập", "en": "imported"},
    "step_translated": {"vi": "đã dịch", "en": "translated"},
    "step_reviewed": {"vi": "đã duyệt", "en": "reviewed"},
    "step_approved": {"vi": "đã phê duyệt", "en": "approved"},
    "step_exported": {"vi": "đã xuất", "en": "exported"},
    "words": {"vi": "từ", "en": "words"},
    "comments": {"vi": "Bình luận", "en": "Comments"},
    "add_comment": {"vi": "Thêm bình luận", "en": "Add comment"},
    "history": {"vi": "Lịch sử", "en": "History"},
    # one line of a segment's history; old and new are quoted as stored
    "revision_line": {
        "vi": "v{version} · {user} · {field}: {old!r} → {new!r} {reason}",
        "en": "v{version} · {user} · {field}: {old!r} → {new!r} {reason}",
    },
    "revision_field_target": {"vi": "bản dịch", "en": "target"},
    "revision_field_status": {"vi": "trạng thái", "en": "status"},
    "revision_field_source": {"vi": "câu nguồn", "en": "source"},
    "revision_field_merge": {"vi": "gộp câu", "en": "merge"},
    "revision_field_split": {"vi": "tách câu", "en": "split"},
    "preview_header": {"vi": "Xem trước cách tách câu", "en": "Segmentation preview"},
    "preview_summary": {
        "vi": "{paragraphs} đoạn → {segments} câu (theo quy tắc của dự án).",
        "en": "{paragraphs:|paragraph|paragraphs} → {segments:|segment|segments} (with the project's rules).",
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
    "source_length": {"vi": "{count} ký tự", "en": "{count:|character|characters}"},
    "import_needs_split": {
        "vi": "{count} câu dài hơn {limit} ký tự (dòng không có dấu chấm?): đã nhập và đánh dấu cần tách; hãy tách ở mục Gộp và tách câu.",
        "en": "{count:|segment is|segments are} longer than {limit} characters (a line with no full stop?): imported and flagged as needing a split; split them under Merge and split.",
    },
    "import_do_not_translate": {
        "vi": "{count} dòng là tên tệp ảnh (như hoan2.jpg): đánh dấu không dịch, coi như đã xong (bản dịch là chính nó, đã duyệt), xuất ra giữ nguyên.",
        "en": "{count:|line is an image file name|lines are image file names} (such as hoan2.jpg): marked not to translate and counted as finished (their English is their source, approved), exported as they are.",
    },
    "col_length": {"vi": "Độ dài", "en": "Length"},
    "col_flag": {"vi": "Đánh dấu", "en": "Flag"},
    "flag_needs_split": {"vi": "cần tách", "en": "needs a split"},
    "flag_do_not_translate": {"vi": "không dịch", "en": "do not translate"},
    "source_folded": {
        "vi": "Câu rất dài: {count} ký tự, quá giới hạn {limit}. Chỉ hiện phần đầu; hãy tách câu.",
        "en": "A very long segment: {count:,|character|characters}, over the limit of {limit:,}. Only its beginning is shown; split it.",
    },
    "source_show_whole": {"vi": "Xem toàn bộ câu", "en": "Show the whole segment"},
    "source_whole_cut": {
        "vi": "Hiện {shown} ký tự đầu trong {count}.",
        "en": "The first {shown:,} of {count:,} characters are shown.",
    },
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
    # Export page (ui/pages/export.py)
    "nav_export": {"vi": "Xuất bản", "en": "Export"},
    "export_header": {"vi": "Xuất bản dịch", "en": "Export"},
    "meta_header": {
        "vi": "Thông tin tài liệu (Dublin Core)",
        "en": "Document metadata (Dublin Core)",
    },
    "meta_title": {"vi": "Tiêu đề", "en": "Title"},
    "meta_creator": {
        "vi": "Tác giả / cơ quan ban hành",
        "en": "Creator (author or issuing office)",
    },
    "meta_publisher": {"vi": "Nơi xuất bản", "en": "Publisher"},
    "meta_date": {
        "vi": "Ngày của văn bản gốc (YYYY-MM-DD)",
        "en": "Date of the source document (YYYY-MM-DD)",
    },
    "meta_subject": {"vi": "Chủ đề / từ khóa", "en": "Subject or keywords"},
    "meta_description": {"vi": "Mô tả", "en": "Description"},
    "meta_rights": {"vi": "Bản quyền", "en": "Rights"},
    "meta_source_language": {
        "vi": "Ngôn ngữ nguồn (vd. vi, vi-VN)",
        "en": "Source language (e.g. vi, vi-VN)",
    },
    "meta_target_language": {
        "vi": "Ngôn ngữ đích (vd. en-US, en-GB)",
        "en": "Target language (e.g. en-US, en-GB)",
    },
    "meta_save": {"vi": "Lưu thông tin", "en": "Save metadata"},
    "meta_saved": {"vi": "Đã lưu thông tin tài liệu.", "en": "Saved the document's metadata."},
    "meta_unchanged": {"vi": "Không có gì thay đổi.", "en": "Nothing changed."},
    "meta_help": {
        "vi": "Mỗi trường một dòng. Để trống một trường là dùng lại giá trị mặc định (tiêu đề: tên tài liệu; ngôn ngữ: của dự án). Ngày của văn bản quyết định tên chính thức nào được dùng.",
        "en": "One line each. An empty field goes back to its default (title: the document's name; languages: the project's). The document's date decides which official names apply.",
    },
    "meta_read_only": {
        "vi": "Chỉ biên tập viên và quản trị viên được sửa thông tin tài liệu.",
        "en": "Only editors and admins may change a document's metadata.",
    },
    "readiness_header": {"vi": "Sẵn sàng xuất chưa?", "en": "Ready to export?"},
    "readiness_untranslated": {"vi": "Chưa dịch", "en": "Untranslated"},
    "readiness_not_approved": {"vi": "Chưa phê duyệt", "en": "Not approved"},
    "readiness_qa_errors": {"vi": "Lỗi QA còn mở", "en": "Open QA errors"},
    "readiness_some_not_approved": {
        "vi": "Còn {count} câu chưa được phê duyệt.",
        "en": "{count} segments are not approved yet.",
    },
    "readiness_all_approved": {
        "vi": "Mọi câu đã được phê duyệt.",
        "en": "Every segment is approved.",
    },
    "readiness_qa_warnings": {"vi": "Cảnh báo QA", "en": "QA warnings"},
    "readiness_qa_unchecked": {"vi": "Chưa kiểm tra QA", "en": "Not QA-checked"},
    "readiness_qa_errors_open": {
        "vi": "Còn {errors} lỗi QA chưa xử lý và {unchecked} câu chưa được kiểm tra theo nội dung hiện tại (hồ sơ đối tác chỉ cảnh báo).",
        "en": "{errors} QA errors are still open and {unchecked} segments are not checked as they now are (the partner profile only warns).",
    },
    "readiness_qa_blocked": {
        "vi": "Còn {errors} lỗi QA chưa xử lý và {unchecked} câu chưa được kiểm tra theo nội dung hiện tại: hồ sơ đối tác chặn bản DOCX tiếng Anh và báo cáo đối tác cho đến khi sửa xong hoặc bỏ qua, và mọi câu đã được kiểm tra.",
        "en": "{errors} QA errors are still open and {unchecked} segments are not checked as they now are: the partner profile blocks the target DOCX and the partner report until the errors are fixed or set aside and every segment is checked.",
    },
    "readiness_qa_warnings_open": {
        "vi": "Còn {count} cảnh báo QA chưa xử lý.",
        "en": "{count} QA warnings are still open.",
    },
    "readiness_qa_policy_warn": {
        "vi": "Chính sách QA của hồ sơ đối tác: cảnh báo (lỗi QA còn mở được liệt kê, vẫn xuất được).",
        "en": "The partner profile's QA policy: warn (open QA errors are listed, the export goes on).",
    },
    "readiness_qa_policy_block": {
        "vi": "Chính sách QA của hồ sơ đối tác: chặn (bản DOCX tiếng Anh và báo cáo đối tác không xuất được khi còn lỗi QA mở hoặc câu chưa kiểm tra).",
        "en": "The partner profile's QA policy: block (the target DOCX and the partner report are not exported while QA errors are open or segments are unchecked).",
    },
    "readiness_qa_clear": {"vi": "Không còn lỗi QA mở.", "en": "No open QA errors."},
    "export_formats_header": {"vi": "Tệp để giao", "en": "Files to deliver"},
    "export_scope": {"vi": "Xuất", "en": "Export"},
    "export_whole_project": {"vi": "Cả dự án", "en": "The whole project"},
    "export_not_allowed": {
        "vi": "Vai trò của bạn không được xuất tệp.",
        "en": "Your role may not export files.",
    },
    "export_pending": {"vi": "Câu chưa phê duyệt", "en": "Segments not approved"},
    "export_pending_refuse": {"vi": "Không xuất, liệt kê chúng", "en": "Refuse and list them"},
    "export_pending_source": {"vi": "Giữ câu tiếng Việt", "en": "Keep the Vietnamese"},
    "export_pending_mark": {"vi": "Đánh dấu (tô màu)", "en": "Mark them (highlight)"},
    "export_prepare": {"vi": "Tạo tệp", "en": "Build the file"},
    "export_download": {"vi": "Tải xuống {file}", "en": "Download {file}"},
    "export_ready": {"vi": "Đã tạo {file} ({size} byte).", "en": "Built {file} ({size} bytes)."},
    "export_ready_valid": {
        "vi": "Đã tạo {file} ({size} byte), hợp lệ theo lược đồ.",
        "en": "Built {file} ({size} bytes), valid against its schema.",
    },
    "export_format_docx": {
        "vi": "DOCX tiếng Anh (giữ định dạng bản gốc)",
        "en": "Target DOCX (the original in English)",
    },
    "export_format_bilingual_docx": {"vi": "DOCX duyệt song ngữ", "en": "Bilingual review DOCX"},
    "export_format_xliff12": {"vi": "XLIFF 1.2", "en": "XLIFF 1.2"},
    "export_format_xliff21": {"vi": "XLIFF 2.1", "en": "XLIFF 2.1"},
    "export_format_tmx": {"vi": "Bộ nhớ dịch (TMX)", "en": "Translation memory (TMX)"},
    "export_format_tbx": {"vi": "Bảng thuật ngữ (TBX)", "en": "Glossary (TBX)"},
    "export_format_csv": {"vi": "Bảng thuật ngữ (CSV)", "en": "Glossary (CSV)"},
    "export_format_tsv": {"vi": "Bảng thuật ngữ (TSV)", "en": "Glossary (TSV)"},
    "export_format_report_xml": {"vi": "Báo cáo đối tác (XML)", "en": "Partner report (XML)"},
    "export_help_docx": {
        "vi": "Bản gốc với tiếng Anh thay vào, giữ kiểu chữ, bảng, đầu trang và chú thích.",
        "en": "The original with the English in place: styles, tables, headers and notes kept.",
    },
    "export_help_bilingual_docx": {
        "vi": "Bảng Word khổ ngang cho người duyệt ở đối tác: chỉ sửa cột bản dịch và bình luận, rồi nhập lại ở dưới.",
        "en": "A landscape Word table for the partner's reviewers: they edit only the Target and Comments columns; import it back below.",
    },
    "export_help_xliff12": {
        "vi": "Cho OmegaT, Trados, memoQ, Matecat; nhập lại ở trang Văn bản nguồn.",
        "en": "For OmegaT, Trados, memoQ, Matecat; import it back on the Source page.",
    },
    "export_help_xliff21": {
        "vi": "XLIFF 2 cho các công cụ mới; nhập lại ở trang Văn bản nguồn.",
        "en": "XLIFF 2 for newer tools; import it back on the Source page.",
    },
    "export_help_tmx": {"vi": "Bộ nhớ dịch của dự án.", "en": "The project's translation memory."},
    "export_help_tbx": {
        "vi": "Bảng thuật ngữ đang áp dụng cho dự án.",
        "en": "The glossary the project applies.",
    },
    "export_help_report_xml": {
        "vi": "Thông tin tài liệu, từng câu với người duyệt và thời điểm, bản ghi phê duyệt và tóm tắt QA.",
        "en": "Metadata, every segment with who approved it when, the approval record and a QA summary.",
    },
    "reimport_header": {
        "vi": "Nhập lại bảng duyệt song ngữ",
        "en": "Import a reviewed bilingual table",
    },
    "reimport_note": {
        "vi": "Bản dịch đã sửa và bình luận mới được áp dụng như một lượt duyệt của bạn; câu nào xung đột (đã sửa trong songngu sau khi xuất, câu nguồn đổi, dòng bị xóa, thêm, nhân đôi hay chuyển chỗ, thẻ hỏng) được liệt kê với cả hai bản và không áp dụng.",
        "en": "Edited targets and new comments are applied as your review round; conflicting rows (changed in songngu since the export, source changed, rows deleted, added, duplicated or moved, broken tags) are listed with both texts and not applied.",
    },
    "reimport_upload": {
        "vi": "Tải lên tệp DOCX duyệt song ngữ",
        "en": "Upload the bilingual review DOCX",
    },
    "reimport_dry_run": {
        "vi": "Chỉ xem những gì sẽ thay đổi (chưa lưu)",
        "en": "Only show what would change (store nothing)",
    },
    "reimport_as_draft": {
        "vi": "Giữ bản dịch đã sửa ở dạng nháp",
        "en": "Keep edited targets as drafts",
    },
    "reimport_import": {"vi": "Nhập bảng duyệt", "en": "Import the review"},
    "reimport_no_file": {"vi": "Chưa chọn tệp.", "en": "Choose a file first."},
    "reimport_outcome": {
        "vi": "{file} (lần xuất {export}, {at}): áp dụng {applied}, không đổi {unchanged}, xung đột {conflicts}.",
        "en": "{file} (export {export}, {at}): {applied} applied, {unchanged} unchanged, {conflicts} conflicts.",
    },
    "reimport_older_export": {
        "vi": "Tệp này xuất từ bản cũ của {title}: tài liệu đã được nhập lại (phiên bản {exported} trong tệp, nay là {current}).",
        "en": "This file comes from an older export of {title}: the document was re-imported since (revision {exported} in the file, {current} now).",
    },
    "reimport_dry_run_done": {
        "vi": "Chạy thử: chưa lưu gì. Bỏ chọn ô chạy thử rồi nhập để áp dụng.",
        "en": "Dry run: nothing was stored. Untick the dry run and import to apply.",
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
    "glossary_count": {"vi": "{count} thuật ngữ", "en": "{count:,|term|terms}"},
    "glossary_shipped": {
        "vi": "Dự án còn dùng bảng tên chính thức có sẵn ({count} thuật ngữ); thuật ngữ cùng nguồn ở các bảng dưới đây được ưu tiên hơn. Xuất «Mọi thuật ngữ dự án dùng» để xem tất cả.",
        "en": "The project also uses the shipped official-names glossary ({count:,|term|terms}); a term with the same source in the glossaries below takes precedence. Export “Every term the project uses” to see them all.",
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
    "add_term_button": {"vi": "Thêm vào bảng thuật ngữ", "en": "Add to the glossary"},
    "add_term_phrase_help": {
        "vi": "Chép các chữ đã chọn trong câu nguồn vào đây (ứng dụng không đọc được vùng chọn của trình duyệt).",
        "en": "Paste the words you selected in the source here (the app cannot read the browser's selection).",
    },
    "glossary_edit": {"vi": "Sửa hoặc xóa thuật ngữ", "en": "Edit or delete a term"},
    "glossary_choose_term": {"vi": "Thuật ngữ", "en": "Term"},
    "glossary_delete": {"vi": "Xóa", "en": "Delete"},
    "glossary_saved": {
        "vi": "Đã lưu thuật ngữ {id} (phiên bản {version}).",
        "en": "Saved term {id} (version {version}).",
    },
    "glossary_deleted": {"vi": "Đã xóa thuật ngữ {id}.", "en": "Deleted term {id}."},
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
    "glossary_date": {
        "vi": "Ngày của văn bản: {date}. Tên chính thức được chọn theo ngày này.",
        "en": "Document date: {date}. Official names are those in force on that day.",
    },
    "glossary_no_date": {
        "vi": "Văn bản chưa có ngày: những tên đã thôi dùng (như sau các đợt sáp nhập năm 2025) "
        "chỉ được hiển thị, không áp cho dịch máy.",
        "en": "The document has no date: names that stopped being official (such as after the "
        "2025 mergers) are shown, not enforced in MT.",
    },
    "col_kind": {"vi": "Loại", "en": "Kind"},
    "col_in_mt": {"vi": "Khi dịch máy", "en": "In MT"},
    "col_fixed_text": {"vi": "Trong câu", "en": "In the source"},
    "col_english": {"vi": "Tiếng Anh", "en": "English"},
    "fixed_kind_place": {"vi": "địa danh", "en": "place"},
    "fixed_kind_term": {"vi": "thuật ngữ", "en": "term"},
    "fixed_kind_title": {"vi": "chức danh", "en": "title"},
    "fixed_kind_name": {"vi": "tên người", "en": "name"},
    "fixed_kind_date": {"vi": "ngày tháng", "en": "date"},
    "fixed_kind_code": {"vi": "mã, ký hiệu", "en": "code"},
    "fixed_kind_number": {"vi": "số", "en": "number"},
    "fixed_kind_url": {"vi": "địa chỉ web", "en": "URL"},
    "fixed_kind_email": {"vi": "thư điện tử", "en": "e-mail"},
    "fixed_kind_acronym": {"vi": "chữ viết tắt", "en": "acronym"},
    "fixed_reason_enforced": {"vi": "giữ cố định", "en": "kept fixed"},
    "fixed_reason_in_force_on_date": {
        "vi": "giữ cố định: còn là tên chính thức vào ngày {date} (dùng đến {until})",
        "en": "kept fixed: still the official name on {date} (used until {until})",
    },
    "fixed_reason_historic": {
        "vi": "để dịch máy: ngày {date} tên này đã thôi dùng (dùng đến {until})",
        "en": "left to MT: no longer the official name on {date} (used until {until})",
    },
    "fixed_reason_no_date": {
        "vi": "để dịch máy: tên dùng đến {until}, mà văn bản chưa có ngày",
        "en": "left to MT: a name used until {until}, and the document has no date",
    },
    "fixed_reason_admitted": {
        "vi": "để dịch máy: cách dịch được chấp nhận, không bắt buộc",
        "en": "left to MT: an admitted translation, not required",
    },
    "fixed_reason_forbidden": {"vi": "cấm dùng", "en": "forbidden"},
    "fixed_reason_common_noun": {
        "vi": "để dịch máy: danh từ chung, dịch máy tự thêm mạo từ và số nhiều",
        "en": "left to MT: a common noun, which MT gives its article and plural",
    },
    "fixed_reason_heads_name": {
        "vi": "để dịch máy: là chữ đầu của một tên dài hơn chưa có trong bảng thuật ngữ",
        "en": "left to MT: it begins a longer name the glossary does not hold",
    },
    "fixed_reason_in_name": {
        "vi": "để dịch máy: nằm trong một tên riêng dài hơn",
        "en": "left to MT: part of a longer proper name",
    },
    "fixed_reason_place": {"vi": "giữ cố định (danh mục địa danh)", "en": "kept fixed (gazetteer)"},
    "fixed_reason_place_on_date": {
        "vi": "giữ cố định (danh mục địa danh, theo ngày {date})",
        "en": "kept fixed (gazetteer, as on {date})",
    },
    "fixed_reason_compound": {
        "vi": "giữ cố định: ghép từ {parts}",
        "en": "kept fixed: composed of {parts}",
    },
    "fixed_reason_name": {"vi": "giữ cố định", "en": "kept fixed"},
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
        "en": "{todo:|segment|segments} nobody has worked on will be machine-translated; "
        "{kept:|segment|segments} with a person's work or an existing draft will be left alone.",
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
        "en": "Job {id}: {done} of {total:|segment|segments}",
    },
    "mt_cancel": {"vi": "Dừng", "en": "Stop"},
    "mt_cancel_requested": {
        "vi": "Sẽ dừng sau nhóm câu đang dịch; phần đã dịch được giữ lại.",
        "en": "Stopping after the current chunk; what is translated is kept.",
    },
    "mt_runner_thread": {
        "vi": "Tác vụ chạy trong tiến trình của ứng dụng này.",
        "en": "Jobs run in this app's own process.",
    },
    "mt_runner_redis": {
        "vi": "Tác vụ chạy trên các worker của hàng đợi Redis (songngu worker).",
        "en": "Jobs run on the Redis queue's workers (songngu worker).",
    },
    "mt_done": {
        "vi": "Lần dịch {id} xong: {written} câu được dịch máy ({sources} câu nguồn khác nhau), "
        "{tm} câu lấy từ bộ nhớ dịch, {flagged} câu cần xem lại.",
        "en": "Job {id} finished: {written:|segment|segments} machine-translated "
        "({sources:|unique source|unique sources}), {tm} from translation memory, {flagged} "
        "flagged for review.",
    },
    "mt_left_alone": {
        "vi": "Giữ nguyên: {confirmed} đã xác nhận, {human} bản nháp của người dịch, {rejected} "
        "bị trả lại, {drafts} đã có bản nháp, {stale} được sửa trong lúc dịch.",
        "en": "Left alone: {confirmed} confirmed, {human:|human draft|human drafts}, {rejected} rejected, "
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
    "mt_fixed_header": {
        "vi": "Những gì dịch máy sẽ giữ cố định",
        "en": "What MT will keep fixed",
    },
    "mt_fixed_segment": {"vi": "Câu", "en": "Segment"},
    "mt_fixed_none": {
        "vi": "Dịch máy không giữ cố định gì trong câu này.",
        "en": "MT keeps nothing fixed in this segment.",
    },
    "mt_fixed_style": {
        "vi": "Đối tác {partner}: tên người {names}; ngày viết kiểu {example}.",
        "en": "Partner {partner}: names {names}; dates written as {example}.",
    },
    "mt_names_strip": {"vi": "bỏ dấu", "en": "without diacritics"},
    "mt_names_keep": {"vi": "giữ dấu", "en": "with diacritics"},
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
        "en": "Filled {count:|repeated segment|repeated segments} of the project with this translation.",
    },
    "tm_admin": {"vi": "Bộ nhớ dịch (TMX)", "en": "Translation memory (TMX)"},
    "tm_counts": {
        "vi": "Bộ nhớ của dự án: {own} câu · bộ nhớ chung: {shared} câu.",
        "en": "Project TM: {own:,|unit|units} · shared TM: {shared:,|unit|units}.",
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
        "en": "Imported {file}: {added} added, {updated} updated, {duplicates:|duplicate|duplicates} not "
        "stored again, {other} in other languages skipped.",
    },
    "tm_export_shared": {"vi": "Xuất bộ nhớ chung", "en": "Export the shared TM"},
    "tm_prepare_export": {"vi": "Tạo tệp TMX", "en": "Build the TMX file"},
    "tm_download": {"vi": "Tải về {file}", "en": "Download {file}"},
    # QA page, the QA panel beside the segment editor, and QA after a save or confirm
    "nav_qa": {"vi": "Kiểm tra chất lượng", "en": "Quality check"},
    "qa_header": {"vi": "Kiểm tra chất lượng bản dịch", "en": "Translation quality check"},
    "qa_panel": {"vi": "Kiểm tra chất lượng", "en": "Quality check"},
    "col_qa": {"vi": "Chất lượng", "en": "QA"},
    "severity_error": {"vi": "lỗi", "en": "error"},
    "severity_warning": {"vi": "cảnh báo", "en": "warning"},
    "severity_info": {"vi": "ghi chú", "en": "note"},
    "qa_readiness": {"vi": "Sẵn sàng bàn giao", "en": "Ready to deliver"},
    "col_not_approved": {"vi": "Chưa phê duyệt", "en": "Not approved"},
    "col_open_errors": {"vi": "Lỗi chưa xử lý", "en": "Open errors"},
    "col_open_warnings": {"vi": "Cảnh báo chưa xử lý", "en": "Open warnings"},
    "col_unchecked": {"vi": "Chưa kiểm tra", "en": "Not checked"},
    "qa_policy_block": {
        "vi": "Hồ sơ đối tác {partner}: không cho xuất bản dịch khi còn lỗi chưa xử lý hoặc "
        "còn câu chưa được kiểm tra.",
        "en": "Partner profile {partner}: exports are blocked while errors are open or "
        "segments are not checked.",
    },
    "qa_policy_warn": {
        "vi": "Hồ sơ đối tác {partner}: khi xuất bản dịch, lỗi chưa xử lý chỉ được cảnh báo.",
        "en": "Partner profile {partner}: open errors are only warned about at export.",
    },
    "qa_ready": {
        "vi": "Không còn lỗi chưa xử lý; mọi câu đã được kiểm tra.",
        "en": "No open QA errors; every segment is checked.",
    },
    "qa_blocked_export": {
        "vi": "Chưa xuất được. Lỗi chưa xử lý: {errors}. Câu chưa được kiểm tra theo nội dung "
        "hiện tại: {unchecked}.",
        "en": "Not exportable yet. Open QA errors: {errors}. Segments not checked as they now "
        "are: {unchecked}.",
    },
    "qa_warn_export": {
        "vi": "Lỗi chưa xử lý: {errors}. Câu chưa được kiểm tra theo nội dung hiện tại: "
        "{unchecked}. Vẫn xuất được, nhưng hãy xem lại trước.",
        "en": "Open QA errors: {errors}. Segments not checked as they now are: {unchecked}. "
        "Exports go through, but look at them first.",
    },
    "qa_run_scope": {"vi": "Kiểm tra tài liệu", "en": "Check which document"},
    "qa_run": {"vi": "Chạy kiểm tra", "en": "Run QA"},
    "export_running": {
        "vi": "Tác vụ {id}: đang tạo tệp ({done}/{total})",
        "en": "Job {id}: building the file ({done} of {total})",
    },
    "export_cancel": {"vi": "Dừng", "en": "Stop"},
    "export_cancel_requested": {
        "vi": "Đã yêu cầu dừng việc tạo tệp.",
        "en": "Asked to stop building the file.",
    },
    "export_job_stopped": {
        "vi": "Tác vụ {id} đã dừng trước khi tạo xong tệp: bấm “Tạo tệp” để thử lại.",
        "en": "Job {id} stopped before its file was built: press “Build the file” to try again.",
    },
    "export_on_workers": {
        "vi": "Tệp được tạo trên các máy chạy tác vụ (hàng đợi Redis), rồi đưa về đây để tải.",
        "en": "Files are built by the queue's workers (Redis), then offered here to download.",
    },
    "qa_running": {
        "vi": "Lần kiểm tra {id}: {done}/{total} câu",
        "en": "Job {id}: {done} of {total} segments",
    },
    "qa_cancel": {"vi": "Dừng", "en": "Stop"},
    "qa_cancel_requested": {
        "vi": "Sẽ dừng sau nhóm câu đang kiểm tra; phần đã kiểm tra được giữ lại.",
        "en": "Stopping after the current chunk; what is checked is kept.",
    },
    "qa_wait_for_job": {
        "vi": "Danh sách phát hiện sẽ hiện khi lần kiểm tra xong.",
        "en": "The findings are listed when the job has finished.",
    },
    "qa_done": {
        "vi": "Lần kiểm tra {id} xong: {checked} câu được kiểm tra; {errors} lỗi, {warnings} "
        "cảnh báo, {infos} ghi chú.",
        "en": "Job {id} finished: {checked} segments checked; {errors} errors, {warnings} "
        "warnings, {infos} notes.",
    },
    "qa_done_skipped": {
        "vi": "{already} câu đã được kiểm tra từ trước; {moved} câu được sửa trong lúc kiểm "
        "tra (được kiểm tra khi lưu).",
        "en": "{already} were already checked; {moved} changed during the job (checked when "
        "they were saved).",
    },
    "qa_stopped": {
        "vi": "Lần kiểm tra {id} đã dừng; phần đã kiểm tra được giữ lại.",
        "en": "Job {id} was stopped; what it checked is kept.",
    },
    "qa_failed": {
        "vi": "Lần kiểm tra {id} thất bại: {message}",
        "en": "Job {id} failed: {message}",
    },
    "qa_stalled": {
        "vi": "Lần kiểm tra {id} không còn chạy (máy chủ đã khởi động lại?).",
        "en": "Job {id} stopped reporting (was the server restarted?).",
    },
    "qa_resume": {"vi": "Tiếp tục lần kiểm tra {id}", "en": "Resume job {id}"},
    "qa_findings": {"vi": "Các phát hiện", "en": "Findings"},
    "qa_filter_check": {"vi": "Loại kiểm tra", "en": "Check"},
    "qa_filter_severity": {"vi": "Mức độ", "en": "Severity"},
    "qa_show_ignored": {
        "vi": "Hiện cả các phát hiện đã bỏ qua",
        "en": "Also show the findings set aside",
    },
    "qa_count": {"vi": "{shown} / {total} phát hiện", "en": "{shown} of {total} findings"},
    "qa_no_findings": {
        "vi": "Không có phát hiện nào khớp bộ lọc.",
        "en": "No finding matches the filters.",
    },
    "col_severity": {"vi": "Mức độ", "en": "Severity"},
    "col_check": {"vi": "Kiểm tra", "en": "Check"},
    "col_message": {"vi": "Nội dung", "en": "Message"},
    "col_ignored": {"vi": "Đã bỏ qua", "en": "Set aside"},
    "qa_choose_finding": {"vi": "Phát hiện", "en": "Finding"},
    "qa_goto": {"vi": "Mở câu này để sửa", "en": "Open this segment to fix it"},
    "qa_recheck": {"vi": "Kiểm tra lại câu này", "en": "Check this segment again"},
    "qa_rechecked": {
        "vi": "Đã kiểm tra lại câu {id}: {count} phát hiện chưa xử lý.",
        "en": "Checked segment {id} again: {count} open findings.",
    },
    "qa_ignore_reason": {
        "vi": "Lý do bỏ qua (bắt buộc)",
        "en": "Why set it aside (required)",
    },
    "qa_ignore": {"vi": "Bỏ qua phát hiện này", "en": "Set this finding aside"},
    "qa_ignored": {
        "vi": "Đã bỏ qua phát hiện ở câu {id}; lần kiểm tra sau vẫn giữ nguyên.",
        "en": "Set aside the finding of segment {id}; later checks keep it aside.",
    },
    "qa_ignore_errors_roles": {
        "vi": "Chỉ các vai trò sau được bỏ qua lỗi: {roles}.",
        "en": "Only these roles may set errors aside: {roles}.",
    },
    "qa_reopen": {"vi": "Không bỏ qua nữa", "en": "Reopen this finding"},
    "qa_reopened": {
        "vi": "Phát hiện ở câu {id} lại được tính là chưa xử lý.",
        "en": "The finding of segment {id} counts as open again.",
    },
    "qa_ignored_by": {
        "vi": "{user} đã bỏ qua lúc {at}: {reason}",
        "en": "set aside by {user} at {at}: {reason}",
    },
    "qa_overridden_by": {
        "vi": "{user} đã cho qua khi chuyển trạng thái lúc {at}: {reason}",
        "en": "gone past by {user} at a status change at {at}: {reason}",
    },
    "qa_panel_none": {"vi": "Không phát hiện vấn đề nào.", "en": "QA found nothing."},
    "qa_not_checked": {
        "vi": "Câu này chưa được kiểm tra.",
        "en": "This segment has not been checked yet.",
    },
    "qa_changed_since": {
        "vi": "Câu đã đổi sau lần kiểm tra cuối (ở phiên bản {version}); các phát hiện dưới "
        "đây có thể đã cũ.",
        "en": "The segment changed since its last check (at version {version}); the findings "
        "below may be out of date.",
    },
    "qa_override_reason": {
        "vi": "Lý do vẫn chuyển trạng thái dù còn lỗi",
        "en": "Why go on despite the errors",
    },
    "qa_override": {"vi": "Vẫn chuyển sang {status}", "en": "Make it {status} anyway"},
    "qa_override_not_allowed": {
        "vi": "Chỉ các vai trò sau được cho qua lỗi: {roles}. Hãy sửa bản dịch.",
        "en": "Only these roles may go past QA errors: {roles}. Fix the target.",
    },
    "qa_went_past": {
        "vi": "Câu {id} đã chuyển sang {status}; lý do cho qua lỗi đã được ghi lại.",
        "en": "Segment {id} is now {status}; the reason for going past the errors is recorded.",
    },
    "qa_overrode": {
        "vi": "Đã cho qua {count} lỗi chất lượng; lý do đã được ghi lại.",
        "en": "Went past {count} QA error(s); the reason is recorded.",
    },
    "qa_report_found": {
        "vi": "Kiểm tra chất lượng: câu {id} có {count} vấn đề cần xem (xem bên dưới).",
        "en": "QA: segment {id} has {count} finding(s) to look at (see below).",
    },
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
    "job.chunks_failed": {
        "vi": "{failed} trên {chunks} phần của tác vụ bị lỗi; phần {position}: {error}",
        "en": "{failed} of {chunks} chunks failed; chunk {position}: {error}",
    },
    "worker.no_queue": {
        "vi": "Chưa cấu hình hàng đợi tác vụ: đặt {setting} là địa chỉ Redis chứa các tác vụ",
        "en": "No job queue is configured: set {setting} to the Redis URL the jobs are queued on",
    },
    "settings.worker_silent_invalid": {
        "vi": "{setting}={value!r} không hợp lệ: đặt một số giây nguyên từ 1 đến 86400",
        "en": "{setting}={value!r} is not valid: set it to a whole number of seconds from 1 to 86400",
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
    "fill.segment_changed_meanwhile": {
        "vi": "Câu {segment_id} đã bị sửa trong lúc ghi bản dịch máy; chưa ghi gì. Hãy chạy lại việc dịch.",
        "en": "Segment {segment_id} was changed while machine targets were being written; nothing was written. Run the translation again.",
    },
    "import.document_contended": {
        "vi": "tài liệu {title!r} đang được người khác nhập rồi xoá ngay lúc này: hãy thử lại",
        "en": "the document {title!r} is being imported and deleted by others right now: try again",
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
    # XLIFF (exporters/xliff_common.py, workflow/xliff_import.py)
    "xliff.empty": {
        "vi": "{filename} trống: hãy chọn một tệp XLIFF xuất từ công cụ CAT",
        "en": "{filename} is empty: choose an XLIFF file exported from a CAT tool",
    },
    "xliff.entities": {
        "vi": "{filename} khai báo thực thể XML (<!ENTITY), bị từ chối vì lý do an toàn: hãy xuất lại tệp XLIFF không kèm DTD",
        "en": "{filename} declares XML entities (<!ENTITY), which are refused for safety: export the XLIFF again without a DTD",
    },
    "xliff.not_well_formed": {
        "vi": "{filename} không phải XML hợp lệ ở dòng {line}: {reason}; hãy sửa tệp hoặc xuất lại",
        "en": "{filename} is not well-formed XML at line {line}: {reason}; fix the file or export it again",
    },
    "xliff.too_large": {
        "vi": "{filename} lớn hơn {limit_mb} MB: hãy chia thành các tệp nhỏ hơn",
        "en": "{filename} is larger than {limit_mb} MB: split it into smaller files",
    },
    "xliff.bad_character_reference": {
        "vi": "{filename} dòng {line} có tham chiếu ký tự (&#…;) tới một ký tự XML không chứa được: hãy xóa nó hoặc xuất lại tệp",
        "en": "{filename} line {line} has a character reference (&#…;) to a character XML cannot hold: remove it or export the file again",
    },
    "xliff.not_xliff": {
        "vi": "{filename} không phải tệp XLIFF (phần tử gốc là <{root}>, không phải <xliff>): hãy chọn tệp .xlf hoặc .xliff",
        "en": "{filename} is not an XLIFF file (its root element is <{root}>, not <xliff>): choose an .xlf or .xliff file",
    },
    "xliff.unknown_version": {
        "vi": "{filename} là XLIFF phiên bản {version!r}, không đọc được: hãy xuất thành XLIFF 1.2 hoặc 2.1",
        "en": "{filename} is XLIFF version {version!r}, which cannot be read: export it as XLIFF 1.2 or 2.1",
    },
    "xliff.too_many_units": {
        "vi": "{filename} có hơn {limit:,} đơn vị dịch: hãy chia thành các tệp nhỏ hơn",
        "en": "{filename} has more than {limit:,} units: split it into smaller files",
    },
    "xliff.no_file": {
        "vi": "{filename} không có phần tử <file>: đây không phải tệp XLIFF đầy đủ",
        "en": "{filename} has no <file> element: it is not a complete XLIFF file",
    },
    "xliff.title_for_several_files": {
        "vi": "{filename} chứa {count} tệp: một tiêu đề chỉ đặt cho một tài liệu",
        "en": "{filename} holds {count} files: a title names one document",
    },
    "xliff.other_project": {
        "vi": "{filename} được xuất từ dự án {exported!r}, không phải {project!r}: hãy nhập vào dự án đó",
        "en": "{filename} was exported from project {exported!r}, not {project!r}: import it into that project",
    },
    "xliff.document_not_in_project": {
        "vi": "{filename} được xuất từ tài liệu {document_id} của {project!r}, nay dự án không còn tài liệu đó: chưa nhập gì",
        "en": "{filename} was exported from document {document_id} of {project!r}, which the project no longer has: nothing was imported",
    },
    "xliff.no_units": {
        "vi": "{filename}: không có đơn vị nào có chữ cần dịch trong tệp {original!r}",
        "en": "{filename}: no unit with text to translate in file {original!r}",
    },
    # The bilingual review DOCX (exporters/bilingual_docx_reader.py)
    "bilingual_docx.entities": {
        "vi": "{filename} khai báo thực thể XML (<!ENTITY), bị từ chối vì lý do an toàn",
        "en": "{filename} declares XML entities (<!ENTITY), which are refused for safety",
    },
    "bilingual_docx.damaged_xml": {
        "vi": "{filename} là tệp DOCX hỏng: phần chữ không phải XML hợp lệ ở dòng {line} ({reason}); hãy mở bằng Word rồi lưu lại",
        "en": "{filename} is a damaged DOCX: its text is not well-formed XML at line {line} ({reason}); open it in Word and save it again",
    },
    "bilingual_docx.empty": {"vi": "{filename} trống", "en": "{filename} is empty"},
    "bilingual_docx.damaged": {
        "vi": "{filename} không phải tệp DOCX đọc được ({reason}); hãy mở bằng Word rồi lưu lại",
        "en": "{filename} is not a readable DOCX ({reason}); open it in Word and save it again",
    },
    "bilingual_docx.too_large": {
        "vi": "{filename}: phần {part} lớn hơn {limit_mb} MB khi giải nén",
        "en": "{filename}: {part} is larger than {limit_mb} MB once inflated",
    },
    "bilingual_docx.total_too_large": {
        "vi": "{filename}: các phần cộng lại lớn hơn {limit_mb} MB khi giải nén",
        "en": "{filename}: its parts together are larger than {limit_mb} MB once inflated",
    },
    "bilingual_docx.zip_bomb": {
        "vi": "{filename}: phần {part} giải nén ra lớn gấp {ratio:.0f} lần, hơn mức một văn bản có thể ({limit:.0f}); bị từ chối vì lý do an toàn",
        "en": "{filename}: {part} inflates {ratio:.0f} times its size, more than a document does ({limit:.0f}); it is refused for safety",
    },
    "bilingual_docx.not_word": {
        "vi": "{filename} không phải văn bản Word (không có {part})",
        "en": "{filename} is not a Word document (it has no {part})",
    },
    "bilingual_docx.not_review_file": {
        "vi": "{filename} không phải bảng duyệt song ngữ xuất từ chương trình này (dòng đầu không có khóa duyệt): hãy xuất lại tệp DOCX duyệt song ngữ và sửa trên tệp đó",
        "en": "{filename} is not a bilingual review table exported from this program (its first row carries no review key): export the review DOCX again and edit that file",
    },
    "bilingual_docx.columns_changed": {
        "vi": "{filename}: dòng tiêu đề không bắt đầu bằng các cột {columns} theo đúng thứ tự (một cột đã bị chuyển hoặc xóa); hãy xuất lại tệp DOCX duyệt song ngữ",
        "en": "{filename}: the header row does not begin with the columns {columns} in this order (a column was moved or deleted); export the review DOCX again",
    },
    "bilingual_docx.too_many_rows": {
        "vi": "{filename} có hơn {limit:,} dòng: hãy xuất thành các tệp nhỏ hơn",
        "en": "{filename} has more than {limit:,} rows: export smaller files",
    },
    # Review import (workflow/review_import.py)
    "review.too_large": {
        "vi": "{filename} lớn hơn {limit_mb} MB, giới hạn khi nhập",
        "en": "{filename} is larger than {limit_mb} MB, the import limit",
    },
    "review.other_project": {
        "vi": "{filename} được xuất từ dự án {exported!r}, không phải {project!r}: chưa nhập gì",
        "en": "{filename} was exported from project {exported!r}, not {project!r}: nothing was imported",
    },
    "review.no_documents": {
        "vi": "{filename} không ghi tài liệu nào của một dự án: hãy xuất lại tệp DOCX duyệt song ngữ",
        "en": "{filename} names no document of a project: export the review DOCX again",
    },
    "review.document_not_in_project": {
        "vi": "{filename} được xuất từ tài liệu {document_id} của {project!r}, nay dự án không còn tài liệu đó: chưa nhập gì",
        "en": "{filename} was exported from document {document_id} of {project!r}, which the project no longer has: nothing was imported",
    },
    # Exports (workflow/exports.py)
    "export.document_required": {
        "vi": "tệp {format} chỉ chứa một tài liệu mà dự án {project!r} có {count}: hãy chọn một trong {titles}",
        "en": "a {format} file holds one document and project {project!r} has {count}: choose one of {titles}",
    },
    "export.not_per_document": {
        "vi": "tệp {format} chứa {what} của cả dự án, không riêng một tài liệu",
        "en": "a {format} export holds the whole project's {what}, not one document's",
    },
    "export.invalid": {
        "vi": "tệp {format} vừa tạo không hợp lệ ({problem}); chưa xuất gì: xin hãy báo lỗi này",
        "en": "the {format} file just written is not valid ({problem}); nothing was exported: please report this",
    },
    "export.bad_pending": {
        "vi": "các câu chưa xong chỉ có thể {choices}, không phải {value!r}",
        "en": "unfinished segments can be {choices}, not {value!r}",
    },
    "export.no_documents": {
        "vi": "dự án {project!r} chưa có tài liệu nào để xuất",
        "en": "project {project!r} has no documents to export",
    },
    "export.not_an_export_job": {
        "vi": "tác vụ {job_id} là tác vụ {kind!r}, không phải xuất tệp",
        "en": "job {job_id} is a {kind!r} job, not an export",
    },
    "export.job_not_finished": {
        "vi": "tác vụ xuất {job_id} chưa có tệp ({state}): hãy chờ nó hoàn tất",
        "en": "export job {job_id} has no file yet ({state}): wait for it to succeed",
    },
    "export.project_deleted": {
        "vi": "dự án {project_id} đã bị xóa: không còn gì để xuất",
        "en": "project {project_id} was deleted: nothing to export",
    },
    "export.output_is_folder": {
        "vi": "{path} là một thư mục: hãy đặt tên tệp bên trong nó",
        "en": "{path} is a folder: give a file name inside it",
    },
    "export.output_folder_missing": {
        "vi": "thư mục {folder} không tồn tại: hãy tạo nó trước",
        "en": "folder {folder} does not exist: create it first",
    },
    "export.output_not_writable": {
        "vi": "không ghi được vào {folder} ({reason})",
        "en": "cannot write in {folder} ({reason})",
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
    # The target DOCX (exporters/docx_target.py)
    "docx_target.language": {
        "vi": "{language!r} không phải biến thể tiếng Anh để ghi DOCX bản dịch: hãy dùng "
        "{variants}",
        "en": "{language!r} is not an English variant a target DOCX is written in: use {variants}",
    },
    "docx_target.pending_choice": {
        "vi": "{choice!r} không phải cách ghi các phân đoạn chưa sẵn sàng: hãy dùng {choices}",
        "en": "{choice!r} is not a way to write segments that are not ready: use {choices}",
    },
    "docx_target.highlight": {
        "vi": "{color!r} không phải màu tô sáng Word hỗ trợ: hãy dùng {colors}",
        "en": "{color!r} is not a highlight colour Word knows: use {colors}",
    },
    "docx_target.not_docx": {
        "vi": "{document} được nhập từ tệp {source_format}; DOCX bản dịch chỉ dựng lại được "
        "từ bản gốc DOCX",
        "en": "{document} was imported from a {source_format} file; a target DOCX is rebuilt "
        "only from a DOCX original",
    },
    "docx_target.no_original": {
        "vi": "{document} không còn lưu tệp DOCX gốc để dựng lại; hãy nhập lại tệp",
        "en": "{document} has no stored original DOCX to rebuild; import the file again",
    },
    "docx_target.not_ready": {
        "vi": "{document}: {count} phân đoạn chưa ở trạng thái {statuses} hoặc chưa có bản "
        "tiếng Anh (mã {segment_ids}); hãy hoàn thành chúng, hoặc ghi chúng bằng văn bản "
        "nguồn hay có đánh dấu",
        "en": "{document}: {count} segments are not {statuses} or have no English text "
        "(ids {segment_ids}); finish them, or write them as source text or marked",
    },
    "docx_target.original_damaged": {
        "vi": "tệp DOCX gốc của {document} bị hỏng ({reason}); hãy nhập lại tệp",
        "en": "the original DOCX of {document} is damaged ({reason}); import the file again",
    },
    "docx_target.count_mismatch": {
        "vi": "chưa ghi DOCX bản dịch của {document}: nội dung tệp không khớp với dự án "
        "({mismatches})",
        "en": "the target DOCX of {document} was not written: it does not hold what the "
        "project does ({mismatches})",
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
    "operations.no_database_file": {
        "vi": "cơ sở dữ liệu {url} không phải một tệp: chỉ sao lưu hay khôi phục được tệp "
        "SQLite hoặc PostgreSQL",
        "en": "the database {url} is not a file: only a SQLite file or PostgreSQL can be "
        "backed up or restored",
    },
    "operations.pg_tool_missing": {
        "vi": "máy này chưa cài {tool} của PostgreSQL",
        "en": "PostgreSQL's {tool} is not installed on this machine",
    },
    "operations.pg_tool_failed": {
        "vi": "{tool} thất bại trên {url}: {reason}",
        "en": "{tool} failed on {url}: {reason}",
    },
    "operations.backup_is_folder": {
        "vi": "{path} là một thư mục: hãy đặt tên một tệp sao lưu",
        "en": "{path} is a folder: name a backup file",
    },
    "operations.backup_exists": {
        "vi": "{path} đã có: bản sao lưu sẽ ghi đè lên nó",
        "en": "{path} exists already: the backup would replace it",
    },
    "operations.backup_folder_missing": {
        "vi": "thư mục của {path} không tồn tại",
        "en": "the folder of {path} does not exist",
    },
    "operations.backup_unreadable": {
        "vi": "không đọc được bản sao lưu {path}: {reason}",
        "en": "cannot read the backup {path}: {reason}",
    },
    "operations.not_songngu_backup": {
        "vi": "{path} không phải bản sao lưu cơ sở dữ liệu songngu: {reason}",
        "en": "{path} is not a songngu database backup: {reason}",
    },
    "operations.restore_busy": {
        "vi": "không khôi phục được vào {url}: {reason}",
        "en": "cannot restore into {url}: {reason}",
    },
    "operations.migrate_source_not_sqlite": {
        "vi": "cơ sở dữ liệu {url} không phải SQLite: chỉ chuyển được cơ sở dữ liệu SQLite "
        "của văn phòng",
        "en": "the database {url} is not SQLite: only an office's SQLite database is moved",
    },
    "operations.migrate_target_not_postgresql": {
        "vi": "{url} không phải địa chỉ PostgreSQL: hãy dùng "
        "postgresql+psycopg://USER@HOST/DATABASE",
        "en": "{url} is not a PostgreSQL URL: use postgresql+psycopg://USER@HOST/DATABASE",
    },
    "operations.target_not_empty": {
        "vi": "cơ sở dữ liệu {url} không trống (có {count} bảng): hãy chuyển vào một cơ sở "
        "dữ liệu mới, trống",
        "en": "the database {url} is not empty (it has {count} tables): move into a new, "
        "empty database",
    },
    "operations.copy_count_mismatch": {
        "vi": "bảng {table}: đọc {source_rows} dòng, đích có {target_rows}",
        "en": "table {table}: {source_rows} rows read, {target_rows} in the target",
    },
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
    # workflow.qa: checks, severity overrides, files checked without a project
    "qa.check_not_found": {
        "vi": "không có kiểm tra QA {check_id!r}: các kiểm tra có là {known}",
        "en": "no QA check {check_id!r}: known checks are {known}",
    },
    "qa.bad_severity": {
        "vi": "mức độ QA {value!r} của {check_id} không thuộc {allowed}",
        "en": "QA severity {value!r} for {check_id} is not one of {allowed}",
    },
    "qa.file_format_unknown": {
        "vi": "không có định dạng song ngữ nào đọc được {filename}: hãy dùng tệp có đuôi "
        "{extensions}",
        "en": "no bilingual format reads {filename}: use a file ending in {extensions}",
    },
    "tsv_pairs.empty": {
        "vi": "{filename} trống: tệp TSV song ngữ có câu gốc, một dấu tab và bản dịch trên "
        "mỗi dòng",
        "en": "{filename} is empty: a bilingual TSV has a source, a tab and a target on each line",
    },
    "tsv_pairs.no_tabs": {
        "vi": "{filename} không có dòng nào phân cách bằng tab: tệp TSV song ngữ có câu gốc, "
        "một dấu tab và bản dịch trên mỗi dòng",
        "en": "{filename} has no tab-separated line: a bilingual TSV has a source, a tab "
        "and a target on each line",
    },
    "partner.bad_own_names": {
        "vi": "own_names ghép mỗi tên tiếng Việt với tên tiếng Anh của nó, cả hai đều không "
        'được để trống, ví dụ {{"Đại học Indiana": "Indiana University"}}',
        "en": "own_names maps each Vietnamese name to its English, both non-empty text, "
        'e.g. {{"Đại học Indiana": "Indiana University"}}',
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
    # workflow/document_metadata.py: a document's Dublin Core metadata
    "metadata.unknown_field": {
        "vi": "không có trường siêu dữ liệu {name!r}: hãy dùng {known}",
        "en": "unknown metadata field {name!r}: use {known}",
    },
    "metadata.not_one_line": {
        "vi": "trường {field} của tài liệu phải là một dòng, không có tab hay ký tự điều khiển",
        "en": "the document {field} must be one line, without tabs or control characters",
    },
    "metadata.too_long": {
        "vi": "trường {field} của tài liệu có {count} ký tự, quá {limit}",
        "en": "the document {field} has {count} characters, more than {limit}",
    },
    "metadata.bad_date": {
        "vi": "ngày của tài liệu {value!r} không phải ngày viết theo dạng YYYY-MM-DD, ví dụ 2022-08-09",
        "en": "document date {value!r} is not a date written YYYY-MM-DD, such as 2022-08-09",
    },
    "metadata.bad_language": {
        "vi": "{value!r} không phải mã ngôn ngữ như {example}",
        "en": "{value!r} is not a language tag such as {example}",
    },
    "metadata.other_language": {
        "vi": "{field} {value!r} không phải một dạng của {expected!r}, ngôn ngữ của dự án",
        "en": "the {field} {value!r} is not a form of {expected!r}, the project's language",
    },
    "metadata.changed_meanwhile": {
        "vi": "người khác đã sửa siêu dữ liệu của tài liệu {document!r} trong lúc bạn làm việc ({fields}); chưa lưu: hãy tải lại rồi sửa lại",
        "en": "the metadata of document {document!r} was changed by someone else meanwhile ({fields}); not saved: reload it and edit again",
    },
    # workflow: accounts, passwords and sign-in (workflow/users.py, passwords.py, auth.py)
    "user.disabled": {
        "vi": "tài khoản {name!r} đã bị khóa: quản trị viên có thể mở khóa lại",
        "en": "user {name!r} is disabled: an admin can enable it again",
    },
    "user.reserved_name": {
        "vi": "{name!r} là tên của người vận hành cục bộ có sẵn: hãy chọn tên khác",
        "en": "{name!r} is the name of the built-in local operator: choose another name",
    },
    "audit.bad_limit": {
        "vi": "chỉ hiển thị từ 1 đến 100000 bản ghi, không phải {limit}",
        "en": "show from 1 to 100000 records, not {limit}",
    },
    "audit.bad_moment": {
        "vi": "{value!r} không phải là ngày hay thời điểm: viết ví dụ 2026-12-01 hoặc 2026-12-01T09:30",
        "en": "{value!r} is not a date or a moment: write e.g. 2026-12-01 or 2026-12-01T09:30",
    },
    "audit.unknown_action": {
        "vi": "không có hành động nhật ký {value!r}: dùng một trong {names}",
        "en": "unknown audit action {value!r}: use one of {names}",
    },
    "user.bad_email": {
        "vi": "{email!r} không phải là địa chỉ thư điện tử",
        "en": "{email!r} is not an e-mail address",
    },
    "user.email_taken": {
        "vi": "địa chỉ thư điện tử {email} đã thuộc về người dùng {other!r}",
        "en": "the e-mail address {email} belongs to user {other!r} already",
    },
    "user.changed_meanwhile": {
        "vi": "{changed_by} đã sửa người dùng {name!r} (nay là phiên bản {current_version}, bạn "
        "đã xem phiên bản {expected_version}); chưa thay đổi gì: hãy tải lại danh sách người "
        "dùng rồi thử lại",
        "en": "user {name!r} was changed by {changed_by} (now version {current_version}, you "
        "saw version {expected_version}); nothing changed: reload the users and try again",
    },
    "user.last_admin": {
        "vi": "{name!r} là quản trị viên duy nhất đăng nhập được: hãy cho một người dùng khác "
        "làm quản trị viên trước",
        "en": "{name!r} is the only admin who can sign in: make another user an admin first",
    },
    "user.cannot_disable_self": {
        "vi": "bạn không thể tự khóa tài khoản của mình: hãy nhờ một quản trị viên khác",
        "en": "you cannot disable your own account: ask another admin",
    },
    "password.too_short": {
        "vi": "mật khẩu phải có ít nhất {min_length} ký tự",
        "en": "a password must have at least {min_length} characters",
    },
    "password.too_long": {
        "vi": "mật khẩu chỉ được dài tối đa {max_length} ký tự",
        "en": "a password must have at most {max_length} characters",
    },
    "password.blank": {
        "vi": "mật khẩu không thể chỉ gồm khoảng trắng",
        "en": "a password cannot be only spaces",
    },
    "password.is_user_name": {
        "vi": "mật khẩu không được trùng với tên đăng nhập",
        "en": "a password cannot be the user name",
    },
    "auth.first_admin_exists": {
        "vi": "đã có quản trị viên: hãy đăng nhập",
        "en": "there is an administrator already: sign in instead",
    },
    "auth.bad_credentials": {
        "vi": "sai tên đăng nhập hoặc mật khẩu",
        "en": "wrong user name or password",
    },
    "auth.locked_out": {
        "vi": "nhập sai mật khẩu quá nhiều lần cho {name!r}: hãy thử lại sau {seconds} giây",
        "en": "too many wrong passwords for {name!r}: try again in {seconds} seconds",
    },
    "settings.bad_whole_number": {
        "vi": "{env}={value!r} phải là số nguyên từ {least} đến {most}: hãy đặt lại hoặc bỏ đặt",
        "en": "{env}={value!r} must be a whole number from {least} to {most}: set it so or "
        "unset it",
    },
    "auth.account_disabled": {
        "vi": "tài khoản {name!r} đã bị khóa: hãy nhờ quản trị viên mở khóa",
        "en": "the account {name!r} is disabled: ask an administrator to enable it",
    },
    "auth.no_account_for_identity": {
        "vi": "không có tài khoản nào cho {identity}: hãy nhờ quản trị viên thêm một tài khoản "
        "với địa chỉ thư điện tử này",
        "en": "no account for {identity}: ask an administrator to add one with this e-mail address",
    },
    "auth.session_ended": {
        "vi": "phiên làm việc đã kết thúc (tài khoản bị khóa hoặc đã đổi mật khẩu): hãy đăng "
        "nhập lại",
        "en": "your session has ended (the account was disabled or its password changed): "
        "sign in again",
    },
    "settings.bad_password_hash_cost": {
        "vi": "{env}={value!r} phải là số nguyên không nhỏ hơn {floor}: hãy đặt lại hoặc bỏ "
        "thiết lập này",
        "en": "{env}={value!r} must be a whole number of at least {floor}: set it so or unset it",
    },
    "settings.bad_password_min_length": {
        "vi": "SONGNGU_PASSWORD_MIN_LENGTH={value!r} phải là số nguyên từ 8 đến 128: hãy đặt "
        "lại hoặc bỏ thiết lập này",
        "en": "SONGNGU_PASSWORD_MIN_LENGTH={value!r} must be a whole number from 8 to 128: set "
        "it so or unset it",
    },
    "settings.bad_review_page_size": {
        "vi": "SONGNGU_REVIEW_PAGE_SIZE={value!r} phải là số nguyên từ {least} đến {most}: "
        "hãy đặt lại hoặc bỏ thiết lập này",
        "en": "SONGNGU_REVIEW_PAGE_SIZE={value!r} must be a whole number from {least} to "
        "{most}: set it so or unset it",
    },
    "settings.bad_session_idle_minutes": {
        "vi": "SONGNGU_SESSION_IDLE_MINUTES={value!r} phải là số phút nguyên từ 1 đến {most}: "
        "hãy đặt lại hoặc bỏ thiết lập này",
        "en": "SONGNGU_SESSION_IDLE_MINUTES={value!r} must be a whole number of minutes from 1 "
        "to {most}: set it so or unset it",
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
    # workflow/qa: checks, findings, confirm-time QA, the QA job, the export gate
    "partner.unknown_role": {
        "vi": "thiết lập đối tác qa_override_roles có vai trò không tồn tại {role!r}: các vai "
        "trò là {roles}",
        "en": "partner setting qa_override_roles names the unknown role {role!r}: roles are "
        "{roles}",
    },
    "qa.errors_block_status_change": {
        "vi": "câu {segment_id} chưa được chuyển sang {to_status}: kiểm tra chất lượng thấy "
        "{count} lỗi: {findings}",
        "en": "segment {segment_id} was not made {to_status}: QA found {count} error(s): "
        "{findings}",
    },
    "qa.override_not_allowed": {
        "vi": "{user} ({role}) không được cho qua lỗi chất lượng trong dự án này; hồ sơ đối "
        "tác cho phép các vai trò: {roles}",
        "en": "{user} ({role}) may not go past QA errors in this project; the partner profile "
        "lets these roles do it: {roles}",
    },
    "qa.reason_missing": {
        "vi": "hãy nêu lý do: chỉ bỏ qua phát hiện khi có lý do",
        "en": "say why: a QA finding is set aside only with a reason",
    },
    "qa.reason_control_character": {
        "vi": "lý do có ký tự điều khiển U+{code:04X}: hãy xóa nó",
        "en": "the reason contains the control character U+{code:04X}: remove it",
    },
    "qa.reason_too_long": {
        "vi": "lý do dài hơn {limit} ký tự: hãy viết ngắn hơn",
        "en": "the reason is longer than {limit} characters: say it more briefly",
    },
    "qa.finding_gone": {
        "vi": "câu {segment_id} không còn phát hiện đó (câu đã được kiểm tra lại trong lúc "
        "đó): hãy tải lại danh sách",
        "en": "segment {segment_id} no longer has that QA finding (it was checked again "
        "meanwhile): reload the findings",
    },
    "qa.already_ignored": {
        "vi": "phát hiện đó ở câu {segment_id} đã được {user} bỏ qua: {reason}",
        "en": "that QA finding of segment {segment_id} was already set aside by {user}: {reason}",
    },
    "qa.not_ignored": {
        "vi": "phát hiện đó ở câu {segment_id} không ở trạng thái bỏ qua (có người đã mở lại "
        "trong lúc đó)",
        "en": "that QA finding of segment {segment_id} is not set aside (someone reopened it "
        "meanwhile)",
    },
    "qa.bad_chunk_size": {
        "vi": "mỗi nhóm kiểm tra có ít nhất 1 câu, không phải {chunk_size}",
        "en": "a QA chunk has at least 1 segment, not {chunk_size}",
    },
    "qa.job_running": {
        "vi": "tác vụ {job_id} đang kiểm tra dự án {project!r}: hãy chờ hoặc dừng nó",
        "en": "job {job_id} is already checking project {project!r}: wait for it or stop it",
    },
    "qa.not_a_qa_job": {
        "vi": "tác vụ {job_id} là tác vụ {kind!r}, không phải kiểm tra chất lượng",
        "en": "job {job_id} is a {kind!r} job, not QA",
    },
    "qa.project_deleted": {
        "vi": "dự án {project_id} đã bị xóa: không còn gì để kiểm tra",
        "en": "project {project_id} was deleted: nothing to check",
    },
    "qa.export_blocked": {
        "vi": "dự án {project!r} chưa được xuất: còn {errors} lỗi chưa xử lý và {unchecked} câu "
        "chưa được kiểm tra theo nội dung hiện tại, mà hồ sơ đối tác {partner!r} chỉ cho "
        "xuất khi mọi lỗi đã được sửa hoặc bỏ qua và mọi câu đã được kiểm tra",
        "en": "project {project!r} is not exported: {errors} open QA error(s) and {unchecked} "
        "segment(s) not checked as they now are, and partner profile {partner!r} blocks "
        "exports until errors are fixed or set aside and every segment is checked",
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
    # glossary entries and term files (primitives/terms.py, exporters: CSV/TSV, TBX)
    "term.unknown_status": {
        "vi": "không có trạng thái thuật ngữ {value!r} (hãy dùng {allowed})",
        "en": "unknown status {value!r} (use {allowed})",
    },
    "term.date_not_iso": {
        "vi": "ngày {value!r} không đúng dạng YYYY-MM-DD",
        "en": "date {value!r} is not YYYY-MM-DD",
    },
    "term.date_not_real": {
        "vi": "ngày {value!r} không có thật",
        "en": "date {value!r} does not exist",
    },
    "term.empty_source": {"vi": "thiếu thuật ngữ nguồn", "en": "empty source term"},
    "term.empty_target": {"vi": "thiếu thuật ngữ đích", "en": "empty target term"},
    "term.unknown_scope": {
        "vi": "không có phạm vi {scope!r} (hãy dùng {allowed})",
        "en": "unknown scope {scope!r} (use {allowed})",
    },
    "term.unknown_pos": {
        "vi": "không có từ loại {pos!r} (hãy dùng {allowed})",
        "en": "unknown part of speech {pos!r} (use {allowed})",
    },
    "term.bad_case_sensitive": {
        "vi": "case_sensitive {value!r} phải là yes hoặc no",
        "en": "case_sensitive {value!r} is not yes or no",
    },
    "terms.at_line": {"vi": "dòng {line}: {detail}", "en": "line {line}: {detail}"},
    "terms.bad_lines": {
        "vi": "{filename} {details}; chưa nhập gì",
        "en": "{filename} {details}; nothing was imported",
    },
    "terms.bad_lines_and_more": {
        "vi": "{filename} {details} (và {more} lỗi khác); chưa nhập gì",
        "en": "{filename} {details} (and {more} more); nothing was imported",
    },
    "terms.csv_empty": {
        "vi": "{filename} trống; tệp cần một dòng tiêu đề và mỗi thuật ngữ một dòng",
        "en": "{filename} is empty; it needs a header row and one row per term",
    },
    "terms.csv_header_unreadable": {
        "vi": "{filename} dòng 1: {reason}",
        "en": "{filename} line 1: {reason}",
    },
    "terms.csv_unknown_column": {
        "vi": "{filename} dòng 1: không có cột {column!r} (hãy dùng {columns})",
        "en": "{filename} line 1: unknown column {column!r} (use {columns})",
    },
    "terms.csv_header_blank": {
        "vi": "{filename} dòng 1: dòng tiêu đề trống, không có cột {column!r}",
        "en": "{filename} line 1: no {column!r} column in the header (found nothing)",
    },
    "terms.csv_missing_column": {
        "vi": "{filename} dòng 1: dòng tiêu đề không có cột {column!r} (chỉ có {found})",
        "en": "{filename} line 1: no {column!r} column in the header (found {found})",
    },
    "terms.csv_duplicate_column": {
        "vi": "{filename} dòng 1: cột {column!r} xuất hiện hai lần",
        "en": "{filename} line 1: column {column!r} appears twice",
    },
    "terms.csv_syntax": {"vi": "lỗi cú pháp CSV ({reason})", "en": "CSV syntax error ({reason})"},
    "terms.csv_too_many_cells": {
        "vi": "có {cells} ô nhưng dòng tiêu đề chỉ có {columns} cột",
        "en": "{cells} cells but the header has {columns} columns",
    },
    "terms.duplicate_entry": {
        "vi": "trùng với mục ở dòng {first_line}",
        "en": "same entry as line {first_line}",
    },
    "terms.csv_no_terms": {
        "vi": "{filename} có dòng tiêu đề nhưng không có thuật ngữ nào",
        "en": "{filename} has a header but no terms",
    },
    "tbx.unknown_administrative_status": {
        "vi": "giá trị administrativeStatus {value!r} không hợp lệ",
        "en": "unknown administrativeStatus {value!r}",
    },
    "tbx.no_vietnamese_term": {
        "vi": "không có thuật ngữ tiếng Việt (vi)",
        "en": "no Vietnamese (vi) term",
    },
    "tbx.no_english_term": {
        "vi": "không có thuật ngữ tiếng Anh (en)",
        "en": "no English (en) term",
    },
    "tbx.not_tbx": {
        "vi": "{filename} không phải tệp TBX (phần tử gốc là <{root}>, cần <tbx> hoặc <martif>)",
        "en": "{filename} is not TBX (root element <{root}>, expected <tbx> or <martif>)",
    },
    "tbx.no_entries": {
        "vi": "{filename} không có mục thuật ngữ Việt–Anh nào",
        "en": "{filename} holds no Vietnamese-English term entries",
    },
    "text_file.invalid_at_line": {
        "vi": '{filename} dòng {line} không phải văn bản {encoding} hợp lệ; hãy lưu tệp dạng UTF-8 ("CSV UTF-8") hoặc UTF-16 "Unicode text"',
        "en": '{filename} line {line} is not valid {encoding} text; save it as UTF-8 ("CSV UTF-8") or UTF-16 "Unicode text"',
    },
    "text_file.invalid": {
        "vi": '{filename} không phải văn bản {encoding} hợp lệ; hãy lưu tệp dạng UTF-8 ("CSV UTF-8") hoặc UTF-16 "Unicode text"',
        "en": '{filename} is not valid {encoding} text; save it as UTF-8 ("CSV UTF-8") or UTF-16 "Unicode text"',
    },
    "text_file.nul_characters": {
        "vi": "{filename} có ký tự NUL (có lẽ là UTF-16 không có dấu thứ tự byte); hãy lưu tệp dạng UTF-8",
        "en": "{filename} contains NUL characters (UTF-16 without a byte-order mark?); save it as UTF-8",
    },
    "tmx.no_body": {
        "vi": "{filename} không có <body>: đây không phải tệp TMX đầy đủ",
        "en": "{filename} has no <body>: it is not a complete TMX file",
    },
    # workflow: documents, segments, comments, merge and split, rules, glossary, TM, MT jobs
    "document.file_name_too_long": {
        "vi": "tên tệp dài {length} ký tự, quá giới hạn {limit}: hãy đổi tên tệp",
        "en": "the file name has {length} characters, more than {limit}: rename the file",
    },
    "document.title_too_long": {
        "vi": "tên tài liệu dài {length} ký tự, quá giới hạn {limit}: hãy đặt tên ngắn hơn",
        "en": "the document title has {length} characters, more than {limit}: give a shorter title",
    },
    "document.nothing_to_translate": {
        "vi": "{file}: không có nội dung cần dịch (tệp trống hoặc chỉ có số)",
        "en": "{file}: no translatable text found (empty, or only numbers)",
    },
    "segment.not_found": {
        "vi": "không có câu {segment_id} trong dự án {project!r}",
        "en": "no segment {segment_id} in project {project!r}",
    },
    "segment.id_not_found": {"vi": "không có câu {segment_id}", "en": "no segment {segment_id}"},
    "segment.approved_locked": {
        "vi": "câu {segment_id} đã được phê duyệt và bị khóa: biên tập viên phải mở lại trước",
        "en": "segment {segment_id} is approved and locked: an editor must reopen it first",
    },
    "segment.reject_reason_missing": {
        "vi": "trả lại bản dịch phải có lý do: hãy ghi điều cần sửa",
        "en": "a rejection needs a reason: write what to fix",
    },
    "segment.no_target": {
        "vi": "câu {segment_id} chưa có bản dịch nên không thể {action}",
        "en": "segment {segment_id} has no target text to {action}",
    },
    "comment.empty": {"vi": "bình luận không được để trống", "en": "a comment cannot be empty"},
    "text.control_character": {
        "vi": "văn bản có ký tự điều khiển {character}, tài liệu không chứa được ký tự này: hãy xóa nó (xuống dòng bằng một dòng mới)",
        "en": "the text contains the control character {character}, which documents cannot hold: remove it (use a new line for a line break)",
    },
    "text.too_long": {
        "vi": "văn bản dài hơn {limit} ký tự: hãy tách nhỏ",
        "en": "the text is longer than {limit} characters: split it",
    },
    "segment.approved_locked_merge": {
        "vi": "câu {segment_id} đã được phê duyệt và bị khóa nên không gộp được: biên tập viên phải mở lại trước",
        "en": "segment {segment_id} is approved and locked, so it cannot be merged: an editor must reopen it first",
    },
    "segment.approved_locked_split": {
        "vi": "câu {segment_id} đã được phê duyệt và bị khóa nên không tách được: biên tập viên phải mở lại trước",
        "en": "segment {segment_id} is approved and locked, so it cannot be split: an editor must reopen it first",
    },
    "segment.merge_across_paragraphs": {
        "vi": "câu {first_id} và {second_id} thuộc hai đoạn khác nhau của văn bản nguồn ({first_block} và {second_block}); chỉ gộp được các câu trong cùng một đoạn, để có thể dựng lại tài liệu đã dịch",
        "en": "segments {first_id} and {second_id} come from different paragraphs of the source ({first_block} and {second_block}); only sentences of one paragraph can be merged, so the translated document can be rebuilt",
    },
    "segment.merge_last": {
        "vi": "câu {segment_id} là câu cuối của tài liệu: không có câu nào sau nó để gộp",
        "en": "segment {segment_id} is the last of its document: nothing follows it",
    },
    "segment.neighbour_changed": {
        "vi": "câu {expected_id} không còn đứng sau câu {segment_id} (nay là câu {following_id}): hãy tải lại danh sách câu rồi thử lại",
        "en": "segment {expected_id} no longer follows segment {segment_id} (segment {following_id} does now): reload the segments and try again",
    },
    "split.offset_outside": {
        "vi": "vị trí {offset} không nằm trong câu nguồn {segment_id}: hãy chọn một số từ 1 đến {last} (số ký tự trước chỗ tách)",
        "en": "offset {offset} is not inside segment {segment_id}'s source: give a number from 1 to {last} (characters before the split)",
    },
    "split.inside_tag": {
        "vi": "vị trí {offset} rơi vào giữa thẻ {tag} của câu {segment_id}: hãy tách trước hoặc sau thẻ",
        "en": "offset {offset} falls inside the tag {tag} of segment {segment_id}: split before or after the tag",
    },
    "split.inside_formatting": {
        "vi": "vị trí {offset} rơi vào đoạn có định dạng {opening}…{closing} của câu {segment_id} (vị trí {start}-{end}): tách ở đó sẽ tách rời cặp thẻ; hãy tách trước hoặc sau đoạn đó",
        "en": "offset {offset} falls inside the formatted stretch {opening}…{closing} of segment {segment_id} (offsets {start}-{end}): a split there would separate its tags; split before or after it",
    },
    "split.empty_first_part": {
        "vi": "tách câu {segment_id} tại vị trí {offset} sẽ để phần đầu không có chữ: hãy chọn chỗ giữa hai từ",
        "en": "splitting segment {segment_id} at offset {offset} would leave the first part without text: choose a point between two words",
    },
    "split.empty_second_part": {
        "vi": "tách câu {segment_id} tại vị trí {offset} sẽ để phần sau không có chữ: hãy chọn chỗ giữa hai từ",
        "en": "splitting segment {segment_id} at offset {offset} would leave the second part without text: choose a point between two words",
    },
    "split.before_text_empty": {
        "vi": "chưa có đoạn chữ để tách trước nó: hãy gõ những từ mở đầu phần thứ hai",
        "en": "the text to split before is empty: type the words the second part starts with",
    },
    "split.before_text_not_found": {
        "vi": "«{text}» không có trong câu nguồn {segment_id}: hãy chép đúng những từ mở đầu phần thứ hai",
        "en": "«{text}» does not occur in segment {segment_id}'s source: copy the words the second part should start with",
    },
    "split.where_missing": {
        "vi": "hãy cho biết chỗ tách: một vị trí hoặc đoạn chữ để tách trước nó",
        "en": "say where to split: give either an offset or the text to split before",
    },
    "rules.abbreviation_not_in_project": {
        "vi": "từ viết tắt {value!r} không có trong quy tắc của dự án {project!r}",
        "en": "abbreviation {value!r} is not in project {project!r}'s rules",
    },
    "rules.no_break_pattern_not_in_project": {
        "vi": "mẫu không tách câu {value!r} không có trong quy tắc của dự án {project!r}",
        "en": "no-break pattern {value!r} is not in project {project!r}'s rules",
    },
    "rules.break_pattern_not_in_project": {
        "vi": "mẫu luôn tách câu {value!r} không có trong quy tắc của dự án {project!r}",
        "en": "break pattern {value!r} is not in project {project!r}'s rules",
    },
    "glossary.unknown_scope": {
        "vi": "không có phạm vi bảng thuật ngữ {scope!r}: hãy dùng {scopes}",
        "en": "unknown glossary scope {scope!r}: use {scopes}",
    },
    "glossary.no_partner_glossary": {
        "vi": "dự án {project!r} chưa có hồ sơ đối tác nên chưa có bảng thuật ngữ của đối tác: hãy lưu thuật ngữ vào bảng của dự án hoặc bảng chung",
        "en": "project {project!r} has no partner profile, so it has no partner glossary: store the term in the project or the global glossary",
    },
    "glossary.source_term_too_long": {
        "vi": "thuật ngữ nguồn {start!r}… dài hơn {limit} ký tự: bảng thuật ngữ chỉ chứa tên và cụm từ",
        "en": "the source term {start!r}… is longer than {limit} characters: a glossary holds names and phrases",
    },
    "glossary.target_term_too_long": {
        "vi": "thuật ngữ đích {start!r}… dài hơn {limit} ký tự: bảng thuật ngữ chỉ chứa tên và cụm từ",
        "en": "the target term {start!r}… is longer than {limit} characters: a glossary holds names and phrases",
    },
    "glossary.field_too_long": {
        "vi": "trường {field} của {source!r} dài hơn {limit} ký tự: hãy rút ngắn",
        "en": "the {field} of {source!r} is longer than {limit} characters: shorten it",
    },
    "glossary.duplicate_term": {
        "vi": "bảng thuật ngữ {scope} đã có {term} (thuật ngữ {term_id}): hãy sửa thuật ngữ đó",
        "en": "the {scope} glossary already has {term} as term {term_id}: edit that term instead",
    },
    "glossary.term_contended": {
        "vi": "thuật ngữ {term} đang được người khác thêm rồi xoá ngay lúc này: hãy thử lại",
        "en": "the term {term} is being added and removed by others right now: try again",
    },
    "glossary.phrase_not_in_source": {
        "vi": "«{phrase}» không có trong câu nguồn {segment_id}: hãy chép đúng các chữ như trong câu nguồn",
        "en": "«{phrase}» is not in the source of segment {segment_id}: copy the words from the source as they are written there",
    },
    "glossary.unknown_term": {
        "vi": "{term!r} không phải là thuật ngữ trong các bảng thuật ngữ của dự án {project!r}",
        "en": "{term!r} is not a term of the glossaries of project {project!r}",
    },
    "glossary.term_not_found": {
        "vi": "không có thuật ngữ {term_id} trong các bảng thuật ngữ của dự án {project!r}",
        "en": "no glossary term {term_id} in project {project!r}'s glossaries",
    },
    "glossary.unknown_export_format": {
        "vi": "không có định dạng bảng thuật ngữ {format!r}: hãy dùng {formats}",
        "en": "unknown glossary format {format!r}: use {formats}",
    },
    "tm.unit_without_source": {
        "vi": "đơn vị bộ nhớ dịch phải có câu nguồn: hãy cho nó một câu tiếng Việt",
        "en": "a TM unit needs source text: give the unit a Vietnamese source",
    },
    "tm.bad_limit": {
        "vi": "số kết quả phải từ 1 trở lên, không phải {limit}",
        "en": "limit must be 1 or more, not {limit}",
    },
    "tm.bad_min_score": {
        "vi": "điểm khớp tối thiểu phải từ 0 đến 101, không phải {min_score:g}",
        "en": "the minimum match score must be between 0 and 101, not {min_score:g}",
    },
    "tm.bad_min_similarity": {
        "vi": "độ giống tối thiểu phải từ 0 đến 100, không phải {min_similarity:g}",
        "en": "the minimum similarity must be between 0 and 100, not {min_similarity:g}",
    },
    "tm.bad_unit": {
        "vi": "{filename}, đơn vị {number}: {detail}",
        "en": "{filename}, unit {number}: {detail}",
    },
    "mt.chunk_size_too_small": {
        "vi": "kích thước mỗi phần phải từ 1 trở lên, không phải {chunk_size}",
        "en": "chunk size must be at least 1, not {chunk_size}",
    },
    "mt.not_available": {
        "vi": "chưa thể dịch máy: chưa cài gói dịch Việt→Anh trong {folder}; quản trị viên có thể cài một gói trong mục Mô hình dịch máy",
        "en": "machine translation is not available: no Vietnamese→English package is installed in {folder}; an administrator can install one under Translation models",
    },
    "mt.not_an_mt_job": {
        "vi": "tác vụ {job_id} là tác vụ loại {kind!r}, không phải dịch máy",
        "en": "job {job_id} is a {kind!r} job, not machine translation",
    },
    "mt.job_finished": {
        "vi": "lần dịch {job_id} đã hoàn thành: hãy bắt đầu một lần dịch mới",
        "en": "job {job_id} has already finished: start a new translation",
    },
    "mt.already_translating": {
        "vi": "tác vụ {job_id} đang dịch dự án {project!r}: hãy chờ nó xong hoặc dừng nó trước",
        "en": "job {job_id} is already translating project {project!r}: wait for it or stop it first",
    },
    "mt.project_deleted": {
        "vi": "dự án {project_id} đã bị xóa: không còn gì để dịch",
        "en": "project {project_id} was deleted: nothing to translate",
    },
    # jobs that failed before their error was recorded, or on a bug: their message
    "job.failed": {"vi": "{message}", "en": "{message}"},
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


def plural(count: object, one: str, other: str) -> str:
    """The noun for a count in English: "segment" for 1, "segments" for any other count."""
    return one if count == 1 else other


class _Formatter(string.Formatter):
    """str.format with a plural choice in a field's format spec (see PLURAL_SPEC)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        choice = PLURAL_SPEC.fullmatch(format_spec)
        if choice is None:
            return super().format_field(value, format_spec)
        number_spec, one, other = choice.groups()
        return f"{format(value, number_spec)} {plural(value, one, other)}"


# A count with its noun: "{count:|segment|segments}" gives "1 segment" / "2 segments",
# "{count:,|term|terms}" "1,200 terms". English needs it; Vietnamese marks no plural
# ("{count} câu"), so its templates never use it.
PLURAL_SPEC = re.compile(r"([^|]*)\|([^|]+)\|([^|]+)")
_FORMATTER = _Formatter()


def text(key: str, lang: str, **values: object) -> str:
    """The string for key in lang (English if a translation is missing)."""
    entry = STRINGS[key]
    template = entry.get(lang) or entry["en"]
    return _FORMATTER.format(template, **values) if values else template
