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
}


def text(key: str, lang: str, **values: object) -> str:
    """The string for key in lang (English if a translation is missing)."""
    entry = STRINGS[key]
    template = entry.get(lang) or entry["en"]
    return template.format(**values) if values else template
