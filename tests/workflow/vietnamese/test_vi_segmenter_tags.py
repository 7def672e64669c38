"""Segmentation of text carrying inline code tags (<gN>…</gN>, <xN/>)."""

from __future__ import annotations

import pytest

from primitives.inline import pairing_problems, tags
from workflow.vietnamese.segmenter import SegmentationRules, split_sentences, split_spans


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Closing tag with the sentence before, opening tag with the sentence after.
        (
            "<g1>Câu một.</g1> <g2>Câu hai.</g2> Câu ba.",
            ["<g1>Câu một.</g1>", "<g2>Câu hai.</g2>", "Câu ba."],
        ),
        # A paired tag that spans two sentences keeps them together.
        (
            "<g1>Kết quả đạt 90%. Một số chỉ tiêu chưa đạt.</g1> Nguyên nhân đã rõ.",
            ["<g1>Kết quả đạt 90%. Một số chỉ tiêu chưa đạt.</g1>", "Nguyên nhân đã rõ."],
        ),
        # Nested pairs: the outer pair decides.
        (
            "<g1>Một. <g2>Hai.</g2> Ba.</g1> Bốn.",
            ["<g1>Một. <g2>Hai.</g2> Ba.</g1>", "Bốn."],
        ),
        # A standalone code written right after the sentence stays with it (footnote mark);
        # one written after the space goes with the next sentence.
        (
            "Đạt 45%.<x5/> <x6/>Năm 2025 phấn đấu 60%.",
            ["Đạt 45%.<x5/>", "<x6/>Năm 2025 phấn đấu 60%."],
        ),
        # A line break is not a boundary by itself...
        (
            "Sở Khoa học và Công nghệ<x1/>Số 12 đường Lê Lợi. Hết.",
            ["Sở Khoa học và Công nghệ<x1/>Số 12 đường Lê Lợi.", "Hết."],
        ),
        # ...but after a full stop it separates sentences like a space.
        ("Như sau.<x1/>Tổng thu đạt 1.200 tỷ.", ["Như sau.<x1/>", "Tổng thu đạt 1.200 tỷ."]),
        # Tags are invisible to the rules: abbreviations, quotes and list markers still work.
        ("<g1>PGS.TS.</g1> Lê An dự họp. Hết.", ["<g1>PGS.TS.</g1> Lê An dự họp.", "Hết."]),
        (
            "Ông nói: “<g1>Đi nhanh hơn!</g1>” Cả hội trường vỗ tay.",
            ["Ông nói: “<g1>Đi nhanh hơn!</g1>”", "Cả hội trường vỗ tay."],
        ),
        (
            "Gồm ba bước:<x1/>1. Khảo sát;<x2/>2. Thiết kế. Mỗi bước có báo cáo.",
            ["Gồm ba bước:<x1/>1. Khảo sát;<x2/>2. Thiết kế.", "Mỗi bước có báo cáo."],
        ),
        ("Chờ mãi…<g1>Cuối cùng</g1> cũng xong.", ["Chờ mãi…", "<g1>Cuối cùng</g1> cũng xong."]),
        # An unclosed tag does not glue the rest of the paragraph together.
        ("<g1>Câu một. Câu hai.", ["<g1>Câu một.", "Câu hai."]),
    ],
)
def test_tag_placement(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_every_tag_stays_whole_and_every_pair_in_one_sentence() -> None:
    text = (
        "<g1>Hội nghị</g1> thông qua Nghị quyết.<x2/> <g3>Điều 1.</g3> Phê duyệt Kế hoạch. "
        "<g4>Ông nói: “Tốt!” Bà đồng ý.</g4> Xem <g5>https://dx.gov.vn</g5>. <x6/>Hết."
    )
    sentences = split_sentences(text)
    assert len(sentences) == 5
    for sentence in sentences:
        assert pairing_problems(sentence) == []
    assert sum(len(tags(s)) for s in sentences) == len(tags(text))


def test_break_pattern_can_make_line_breaks_boundaries() -> None:
    rules = SegmentationRules.default().extended(break_patterns=[r"<x\d+/>"])
    assert split_sentences("Dòng một<x1/>Dòng hai", rules) == ["Dòng một<x1/>", "Dòng hai"]
    # Still never inside a paired tag.
    assert split_sentences("<g1>Dòng một<x1/>Dòng hai</g1>", rules) == [
        "<g1>Dòng một<x1/>Dòng hai</g1>"
    ]


def test_break_pattern_never_cuts_inside_a_tag() -> None:
    rules = SegmentationRules.default().extended(break_patterns=[r"<g"])
    text = "Một <g1>hai</g1> ba"
    assert split_sentences(text, rules) == [text]


def test_spans_with_tags_rebuild_the_input() -> None:
    text = " <g1>Một.</g1>  <x2/>Hai.<x3/>\t<g4>Ba?</g4> "
    spans = split_spans(text)
    assert [text[s:e] for s, e in spans] == ["<g1>Một.</g1>", "<x2/>Hai.<x3/>", "<g4>Ba?</g4>"]
    gaps = [text[end:start] for (_, end), (start, _) in zip(spans, spans[1:], strict=False)]
    assert all(gap.strip() == "" for gap in gaps)
