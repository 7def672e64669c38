"""Sentence splitting around the hard cases of Vietnamese administrative and news text."""

from __future__ import annotations

import pytest

from workflow.vietnamese.segmenter import split_sentences, split_spans


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Academic titles before names never end a sentence.
        (
            "PGS.TS. Nguyễn Văn An phát biểu. GS.TSKH. Trần Bình dự họp.",
            ["PGS.TS. Nguyễn Văn An phát biểu.", "GS.TSKH. Trần Bình dự họp."],
        ),
        (
            "Có GS.TS Lê Hoa, TS. Đỗ Nam, ThS. Vũ Lan và Th.S Phạm Quý. Hết.",
            ["Có GS.TS Lê Hoa, TS. Đỗ Nam, ThS. Vũ Lan và Th.S Phạm Quý.", "Hết."],
        ),
        # A title after a count is a noun and may end the sentence.
        (
            "Khoa có 3 GS. và 12 PGS. Đây là đội ngũ mạnh.",
            ["Khoa có 3 GS. và 12 PGS.", "Đây là đội ngũ mạnh."],
        ),
        # Place prefixes: TP. + name continues, TP.HCM. at the end is a normal end.
        (
            "Họp tại TP. Hồ Chí Minh. Đoàn đến TP.HCM. Sau đó về Q.1 và P.5. Hết.",
            ["Họp tại TP. Hồ Chí Minh.", "Đoàn đến TP.HCM.", "Sau đó về Q.1 và P.5.", "Hết."],
        ),
        (
            "Trụ sở ở P. Bến Nghé, Q. Hoàn Kiếm. Điện thoại 024.3825.1234.",
            ["Trụ sở ở P. Bến Nghé, Q. Hoàn Kiếm.", "Điện thoại 024.3825.1234."],
        ),
        # v.v. mid-sentence (lowercase follows) and at a sentence end (capital follows).
        (
            "Máy tính, máy in, v.v. đã được giao. Còn có bàn, ghế, v.v. Tổng giá trị lớn.",
            ["Máy tính, máy in, v.v. đã được giao.", "Còn có bàn, ghế, v.v.", "Tổng giá trị lớn."],
        ),
        (
            "Gồm đào tạo, truyền thông, v.v... Tất cả cần vốn.",
            ["Gồm đào tạo, truyền thông, v.v...", "Tất cả cần vốn."],
        ),
        # English titles, initials, U.S.
        (
            "Mr. John F. Smith và Dr. Lee dự họp tại U.S. Embassy. Bà Ms. Park đến sau.",
            ["Mr. John F. Smith và Dr. Lee dự họp tại U.S. Embassy.", "Bà Ms. Park đến sau."],
        ),
        (
            "Tài liệu: Nguyễn, V. A. (2023). Chuyển đổi số. Hà Nội: Nxb. Thế Giới.",
            ["Tài liệu: Nguyễn, V. A. (2023).", "Chuyển đổi số.", "Hà Nội: Nxb. Thế Giới."],
        ),
        # A single capital after a lowercase word is not an initial.
        ("Xếp hạng A. Sau đó được khen.", ["Xếp hạng A.", "Sau đó được khen."]),
        # Numbers with dots and commas, dates and times.
        (
            "Đạt 1.000 tỷ đồng. Tăng 6,5%. Ngày 9/8/2022 lúc 8h30 khai mạc. 2025 là năm bản lề.",
            [
                "Đạt 1.000 tỷ đồng.",
                "Tăng 6,5%.",
                "Ngày 9/8/2022 lúc 8h30 khai mạc.",
                "2025 là năm bản lề.",
            ],
        ),
        ("Số đại biểu là 25. Sau đó còn 20.", ["Số đại biểu là 25.", "Sau đó còn 20."]),
        # Document codes.
        (
            "Theo Nghị quyết 03-NQ/TU. Theo Quyết định 749/QĐ-TTg. Luật 176/2025/QH15. Hết.",
            [
                "Theo Nghị quyết 03-NQ/TU.",
                "Theo Quyết định 749/QĐ-TTg.",
                "Luật 176/2025/QH15.",
                "Hết.",
            ],
        ),
        # Article headings at the start of a sentence; a reference at the end is an end.
        ("Điều 1. Phạm vi điều chỉnh", ["Điều 1. Phạm vi điều chỉnh"]),
        ("Chương II. NHỮNG QUY ĐỊNH CHUNG", ["Chương II. NHỮNG QUY ĐỊNH CHUNG"]),
        (
            "Điều 1. Ban hành Quy chế. Điều 2. Quyết định có hiệu lực. Xem tại Điều 5. Các bên thi hành.",
            [
                "Điều 1. Ban hành Quy chế.",
                "Điều 2. Quyết định có hiệu lực.",
                "Xem tại Điều 5.",
                "Các bên thi hành.",
            ],
        ),
        (
            "Quy định tại Chương II. Các chương khác giữ nguyên.",
            ["Quy định tại Chương II.", "Các chương khác giữ nguyên."],
        ),
        # Numbered lists inside a sentence.
        (
            "Nhiệm vụ gồm: 1. Hoàn thiện thể chế; 2. Phát triển hạ tầng; 3. Đào tạo. Đây là trọng tâm.",
            [
                "Nhiệm vụ gồm: 1. Hoàn thiện thể chế; 2. Phát triển hạ tầng; 3. Đào tạo.",
                "Đây là trọng tâm.",
            ],
        ),
        (
            "Mục tiêu: a. Xây dựng chính quyền số; b. Phát triển kinh tế số. Hết.",
            ["Mục tiêu: a. Xây dựng chính quyền số; b. Phát triển kinh tế số.", "Hết."],
        ),
        ("1. Mục tiêu chung", ["1. Mục tiêu chung"]),
        # Sub-numbered headings; "1.000" (a thousand) is not a marker.
        ("1.1. Mục tiêu chung. Phát triển nhanh.", ["1.1. Mục tiêu chung.", "Phát triển nhanh."]),
        ("II.3. Kết quả đạt được", ["II.3. Kết quả đạt được"]),
        ("Mục 1.2. Tổng quan về dự án", ["Mục 1.2. Tổng quan về dự án"]),
        ("Điều 10a. Quyền của người dùng", ["Điều 10a. Quyền của người dùng"]),
        ("Tổng số: 1.000. Trong đó có 200 nữ.", ["Tổng số: 1.000.", "Trong đó có 200 nữ."]),
        ("Ngày 1.1.2025. Các đơn vị thực hiện.", ["Ngày 1.1.2025.", "Các đơn vị thực hiện."]),
        # Place prefixes of districts and communes.
        (
            "Trụ sở tại H. Đông Anh và X. Phú Cường. Hết.",
            ["Trụ sở tại H. Đông Anh và X. Phú Cường.", "Hết."],
        ),
        (
            "Trách nhiệm như sau. 1. Bộ A chủ trì. 2. Bộ B phối hợp.",
            ["Trách nhiệm như sau.", "1. Bộ A chủ trì.", "2. Bộ B phối hợp."],
        ),
        # URLs and e-mail addresses.
        (
            "Xem https://dichvucong.gov.vn/p?id=1. Gửi về thu.ky@skhcn.gov.vn. Xem www.most.gov.vn. Hết.",
            [
                "Xem https://dichvucong.gov.vn/p?id=1.",
                "Gửi về thu.ky@skhcn.gov.vn.",
                "Xem www.most.gov.vn.",
                "Hết.",
            ],
        ),
        # Ellipses: before a capital (with or without a space) they end the sentence.
        (
            "Chờ mãi... Cuối cùng cũng đến. Chờ mãi…Cuối cùng xong. Và rồi… mọi việc ổn.",
            [
                "Chờ mãi...",
                "Cuối cùng cũng đến.",
                "Chờ mãi…",
                "Cuối cùng xong.",
                "Và rồi… mọi việc ổn.",
            ],
        ),
        # Closing quotes and brackets belong to the sentence they end.
        (
            "Ông nói: “Việt Nam phải đi đầu, hàng đầu!” Đoàn ghi nhận. “Tại sao?” anh hỏi.",
            ["Ông nói: “Việt Nam phải đi đầu, hàng đầu!”", "Đoàn ghi nhận.", "“Tại sao?” anh hỏi."],
        ),
        (
            "(Nguồn: Tổng cục Thống kê.) Số liệu sơ bộ. Kết quả (đạt 102%.) Còn lại đang làm.",
            [
                "(Nguồn: Tổng cục Thống kê.)",
                "Số liệu sơ bộ.",
                "Kết quả (đạt 102%.)",
                "Còn lại đang làm.",
            ],
        ),
        ('Câu "Có công mài sắt". Câu này hay.', ['Câu "Có công mài sắt".', "Câu này hay."]),
        # Question and exclamation marks; lowercase after them continues the sentence.
        (
            "Thật sao?! Đúng vậy. Ai làm? anh hỏi tiếp.",
            ["Thật sao?!", "Đúng vậy.", "Ai làm? anh hỏi tiếp."],
        ),
        # Dialogue dash before the next sentence.
        ("Anh đến chưa? – Tôi đến rồi.", ["Anh đến chưa?", "– Tôi đến rồi."]),
    ],
)
def test_splits_hard_cases(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_capitals_come_from_isupper_not_a_letter_range() -> None:
    # "ả" lies inside [À-Ỹ] but is lowercase: no boundary; "Ả" is uppercase: boundary.
    assert split_sentences("Xong. ảnh chụp sau.") == ["Xong. ảnh chụp sau."]
    assert split_sentences("Xong. Ảnh chụp sau.") == ["Xong.", "Ảnh chụp sau."]


def test_decomposed_text_splits_like_composed_text() -> None:
    import unicodedata

    composed = "Hội nghị kết thúc. Điều 1. Ổn định tổ chức. Ông Nguyễn Văn Ánh phát biểu."
    decomposed = unicodedata.normalize("NFD", composed)
    assert len(split_spans(decomposed)) == len(split_spans(composed)) == 3


def test_empty_and_blank_text_have_no_sentences() -> None:
    assert split_spans("") == []
    assert split_spans("   \n\t ") == []


def test_spans_trim_whitespace_and_rebuild_the_input() -> None:
    text = "  Câu một.   Câu hai!\n\tCâu ba?  "
    spans = split_spans(text)
    assert [text[s:e] for s, e in spans] == ["Câu một.", "Câu hai!", "Câu ba?"]
    edges = [0] + [offset for span in spans for offset in span] + [len(text)]
    assert [text[edges[i] : edges[i + 1]] for i in range(0, len(edges), 2)] == [
        "  ",
        "   ",
        "\n\t",
        "  ",
    ]


def test_newline_is_whitespace_not_a_boundary() -> None:
    assert split_sentences("Báo cáo tổng kết\nnăm 2025. Kết quả tốt.") == [
        "Báo cáo tổng kết\nnăm 2025.",
        "Kết quả tốt.",
    ]


def test_heading_after_a_newline_keeps_its_number() -> None:
    assert split_sentences("Phần mở đầu.\nĐiều 3. Giải thích từ ngữ") == [
        "Phần mở đầu.",
        "Điều 3. Giải thích từ ngữ",
    ]
