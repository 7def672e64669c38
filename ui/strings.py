"""Every string the app shows, in Vietnamese and English, in one place."""

from __future__ import annotations

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
}


def text(key: str, lang: str, **values: object) -> str:
    """The string for key in lang (English if a translation is missing)."""
    entry = STRINGS[key]
    template = entry.get(lang) or entry["en"]
    return template.format(**values) if values else template
