"""What the bilingual review table is, for its writer and its reader: the columns, the
words of its first row, and the hidden keys that tie its rows to songngu's segments.

The table (:mod:`exporters.bilingual_docx` writes it, :mod:`exporters.bilingual_docx_reader`
reads it back) has a first merged row saying, in Vietnamese and English, not to change the
segment ids or the source, a header row, then per document a merged row naming it and one
row per segment. Each of those rows carries a key in hidden text (a run formatted hidden,
in the character style ``SongnguKey``): invisible in Word unless hidden text is shown, so
a reviewer does not damage it by accident, and it moves with its row when rows are sorted
or moved. Keys are ``kind field=value; field=value`` with the values percent-encoded:

- first row: ``songngu-review 1; project=…; export=…; at=2026-05-14T09:30:00Z``
- document row: ``songngu-document id=4; revision=2``
- segment row (in its Segment ID cell, after the visible id):
  ``songngu-row s=12; v=3; h=<source hash>; n=<row number in the export>``
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, unquote

from primitives.statuses import Status

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

TAG_STYLE = "Tag"  # the character style of <1>…</1> tags (the name Trados uses)
KEY_STYLE = "SongnguKey"  # the character style of the hidden keys
FORMAT_VERSION = "1"

# The header row: each cell begins with these English names, in this order (other tools
# and the reader look for them); the Vietnamese follows after " / ".
COLUMNS: tuple[tuple[str, str], ...] = (
    ("Segment ID", "Mã câu"),
    ("Source", "Câu nguồn"),
    ("Target", "Bản dịch"),
    ("Status", "Trạng thái"),
    ("Comments", "Bình luận"),
    ("MT/TM score", "Điểm MT/TM"),
    ("QA findings", "Kết quả kiểm tra"),
)
REQUIRED_COLUMNS = 5  # Segment ID, Source, Target, Status, Comments
ID, SOURCE, TARGET, STATUS, COMMENTS, SCORE, QA = range(len(COLUMNS))
EDITABLE_COLUMNS = frozenset({TARGET, COMMENTS})

INSTRUCTION_VI = (
    "Quan trọng! Không sửa mã câu (cột Segment ID) và câu nguồn (cột Source). Chỉ sửa cột "
    "Target (bản dịch) và ghi ý kiến vào cột Comments (bình luận). Các thẻ như <1>…</1> là "
    "định dạng của văn bản gốc: giữ nguyên và đặt chúng quanh đúng từ tiếng Anh."
)
INSTRUCTION_EN = (
    "Important! Do not change the segment IDs or the source text. Edit only the Target "
    "column and write remarks in the Comments column. Tags such as <1>…</1> are the "
    "original's formatting: keep them, around the right English words."
)

STATUS_WORDS_VI: dict[Status, str] = {
    Status.NEW: "mới",
    Status.DRAFT: "nháp",
    Status.REJECTED: "bị trả lại",
    Status.TRANSLATED: "đã dịch",
    Status.REVIEWED: "đã duyệt",
    Status.APPROVED: "đã phê duyệt",
}

REVIEW_KEY = "songngu-review"
DOCUMENT_KEY = "songngu-document"
ROW_KEY = "songngu-row"


def status_text(status: Status) -> str:
    """The Status cell: the English label, then the Vietnamese."""
    return f"{status.label} / {STATUS_WORDS_VI[status]}"


def status_from_text(text: str) -> Status | None:
    """The status a Status cell names (its English label first), if it names one."""
    word = text.strip().split("/")[0].strip().lower()
    return next((status for status in Status if status.label == word), None)


def header_text(column: int) -> str:
    english, vietnamese = COLUMNS[column]
    return f"{english} / {vietnamese}"


@dataclass(frozen=True)
class Key:
    """A hidden key: its kind and fields (values as written, decoded)."""

    kind: str
    fields: dict[str, str]

    def text(self) -> str:
        parts = "; ".join(f"{name}={quote(value, safe=':')}" for name, value in self.fields.items())
        return f"{self.kind} {parts}" if parts else self.kind

    def get(self, name: str) -> str:
        return self.fields.get(name, "")

    def number(self, name: str) -> int | None:
        value = self.get(name)
        return int(value) if value.isdigit() else None

    @classmethod
    def parse(cls, text: str) -> Key | None:
        """The key in a cell's hidden text (None when it holds none)."""
        text = text.strip()
        for kind in (REVIEW_KEY, DOCUMENT_KEY, ROW_KEY):
            if text == kind or text.startswith(f"{kind} "):
                fields: dict[str, str] = {}
                for part in text[len(kind) :].split(";"):
                    name, _, value = part.partition("=")
                    if name.strip():
                        fields[name.strip()] = unquote(value.strip())
                return cls(kind, fields)
        return None
