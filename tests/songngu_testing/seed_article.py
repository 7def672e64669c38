"""What MT must keep fixed in the seed article (workflow/data/demo_report.md), by hand.

The demo project is Indiana University's (names keep their diacritics, US dates, the
country is "Vietnam") and its document is dated 14 October 2026. Each tuple is
(line of the file, text in the line, kind, English), in order. "thành phố" alone (the
city, mid-sentence) is a common noun MT translates itself, so it is not listed.
"""

from __future__ import annotations

SEED_DATE = "2026-10-14"
SEED_PARTNER = "Indiana University"

SEED_SPANS: list[tuple[int, str, str, str]] = [
    (1, "chuyển đổi số", "term", "digital transformation"),
    (1, "thành phố Đà Nẵng", "place", "Da Nang City"),
    (3, "14/10/2026", "date", "October 14, 2026"),
    (3, "UBND TP. Đà Nẵng", "term", "Da Nang City People's Committee"),
    (3, "Trường Đại học Indiana", "term", "Indiana University"),
    (3, "Hoa Kỳ", "place", "United States"),
    (3, "Chuyển đổi số", "term", "Digital transformation"),
    (3, "Việt Nam", "place", "Vietnam"),
    (3, "Trần Minh Khoa", "name", "Trần Minh Khoa"),
    (
        3,
        "Phó Chủ tịch UBND thành phố",
        "title",
        "Vice Chairman of the municipal People's Committee",
    ),
    (3, "PGS.TS.", "title", "Assoc. Prof. Dr."),
    (3, "Lê Thị Hồng Vân", "name", "Lê Thị Hồng Vân"),
    (
        3,
        "Giám đốc Sở Khoa học và Công nghệ",
        "title",
        "Director of the Department of Science and Technology",
    ),
    (3, "GS.", "title", "Prof."),
    (3, "Robert M. Allen", "name", "Robert M. Allen"),
    (5, "Trần Minh Khoa", "name", "Trần Minh Khoa"),
    (5, "98,5%", "number", "98.5%"),
    (5, "1.200", "number", "1,200"),
    (5, "Nghị quyết", "term", "Resolution"),
    (5, "05-NQ/TU", "code", "05-NQ/TU"),
    (5, "Ban Thường vụ Thành ủy", "term", "Standing Board of the municipal Party Committee"),
    (5, "kinh tế số", "term", "digital economy"),
    (5, "30%", "number", "30%"),
    (5, "GRDP", "acronym", "GRDP"),
    (7, "TS.", "title", "Dr."),
    (7, "Nguyễn Văn Hải", "name", "Nguyễn Văn Hải"),
    (7, "2.400", "number", "2,400"),
    (7, "Q. Hải Châu", "place", "Hai Chau District"),
    (7, "Q. Thanh Khê", "place", "Thanh Khe District"),
    (7, "H. Hòa Vang", "place", "Hoa Vang District"),
    (7, "76,3%", "number", "76.3%"),
    (7, "dịch vụ công trực tuyến", "term", "online public service"),
    (7, "12,4", "number", "12.4"),
    (7, "quý I/2025", "date", "Q1 2025"),
    (7, "nền tảng số", "term", "digital platform"),
    (9, "GS.", "title", "Prof."),
    (9, "Robert M. Allen", "name", "Robert M. Allen"),
    (9, "kỹ năng số", "term", "digital skill"),
    (9, "chính quyền số", "term", "digital government"),
    (11, "Lê Thị Hồng Vân", "name", "Lê Thị Hồng Vân"),
    (11, "30/11/2026", "date", "November 30, 2026"),
    (11, "Sở Khoa học và Công nghệ", "term", "Department of Science and Technology"),
    (11, "Trường Đại học Indiana", "term", "Indiana University"),
    (11, "tháng 1/2027", "date", "January 2027"),
]
