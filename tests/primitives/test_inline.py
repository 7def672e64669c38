"""The inline-code parser: tree, exact round trip, pairing problems, ranges, the walk."""

from __future__ import annotations

import random

import pytest

from primitives.inline import (
    Content,
    DisplayPiece,
    Paired,
    Standalone,
    Stray,
    Text,
    Visitor,
    codes_used,
    display,
    display_pieces,
    from_display,
    has_tags,
    opening_tags_before,
    paired_ranges,
    pairing_problems,
    parse,
    plain,
    replace_tags,
    tag_at,
    tag_signature,
    tagged,
    tags,
    tokens,
    walk,
)

# Pure code: SQLite half only (tests/conftest.py).
pytestmark = pytest.mark.database_free

# Well-formed and broken texts; every one must come back exactly from its tree.
TEXTS = [
    "",
    "Không có mã nào.",
    "<g1>đậm</g1>",
    "Nhấn <g1>Lưu</g1> để ghi.<x2/>",
    "<g1>Một. <g2>Hai.</g2> Ba.</g1> Bốn.",
    "<x1/><x2/><g3></g3>",
    "<g1>mở <g2>đầu</g1> chéo</g2>",  # crossed
    "a <g1>b <x2/> c</g3> d",  # unclosed and unopened
    "</g1>a<g1>",
    "<g1><g1>x</g1>",
    "<g1>X<g2><g1>Y</g2>Z</g1>",
    "<g1>a<g2>b<g3>c</g1>d",
    "5 < 6 > 4, <b>không</b> phải mã, <g>, <x/>, </g>, <g01>, <x-1/>",
    "<g1\n>không</g1 >",
    "<<g1>>x<</g1>>",
    "Ông\u0300 NFD <g1>chữ\u0301</g1>",
]


@pytest.mark.parametrize("text", TEXTS)
def test_tagged_of_parse_is_the_text(text: str) -> None:
    assert tagged(parse(text)) == text


def test_round_trip_on_random_texts() -> None:
    pieces = ["<g1>", "</g1>", "<g2>", "</g2>", "<g10>", "</g10>", "<x3/>", "<x0/>"]
    pieces += ["chữ", " ", "<", ">", "/", "g", "x", "1", "<g", "</", "/>", "\n", "ạ\u0300"]
    generator = random.Random(20260501)
    for _ in range(3000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 14)))
        content = parse(text)
        assert tagged(content) == text, text
        assert plain(content) == plain(text), text
        # A text is well formed exactly when it has no pairing problem and no stray.
        assert content.well_formed == (pairing_problems(text) == []), text
        assert content.well_formed == (not _strays(content)), text


def _strays(nodes: Content | tuple) -> list[Stray]:
    found: list[Stray] = []
    for node in nodes:
        if isinstance(node, Stray):
            found.append(node)
        elif isinstance(node, Paired):
            found.extend(_strays(node.children))
    return found


def test_tree_of_nested_codes() -> None:
    assert parse("Nhấn <g1>Lưu <g2>ngay</g2></g1><x3/>.") == Content(
        (
            Text("Nhấn "),
            Paired(1, (Text("Lưu "), Paired(2, (Text("ngay"),)))),
            Standalone(3),
            Text("."),
        )
    )
    assert parse("").nodes == ()
    assert parse("<g01>x").nodes == (Text("<g01>x"),)  # not a tag songngu writes


def test_crossed_pairs_keep_the_outer_pair_and_link_the_strays() -> None:
    content = parse("<g1>mở <g2>đầu</g1> chéo</g2>")
    assert content.nodes == (
        Paired(1, (Text("mở "), Stray("open", 2, link=1), Text("đầu"))),
        Text(" chéo"),
        Stray("close", 2, link=1),
    )
    assert content.problems == ("</g1> crosses <g2>",)
    assert not content.well_formed


def test_unmatched_tags_are_strays_without_link() -> None:
    assert parse("a <g1>b</g3>").nodes == (
        Text("a "),
        Stray("open", 1),
        Text("b"),
        Stray("close", 3),
    )


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("<g1>a</g1> <x2/>", []),
        ("<g1>a", ["<g1> is never closed"]),
        ("a</g1>", ["</g1> closes a tag that was never opened"]),
        ("<g1><g2></g1></g2>", ["</g1> crosses <g2>"]),
        (
            "<g1>a<g2>b<g3>c</g1>d",
            ["</g1> crosses <g3>", "<g2> is never closed", "<g3> is never closed"],
        ),
        ("<g1></g3>", ["</g3> crosses <g1>", "<g1> is never closed"]),
    ],
)
def test_pairing_problems_in_words(text: str, problems: list[str]) -> None:
    assert pairing_problems(text) == problems


def test_paired_ranges_follow_the_tree_and_ignore_strays() -> None:
    text = "<g1>Một. <g2>Hai.</g2> Ba.</g1> <g3>Bốn."
    assert paired_ranges(text) == [(9, 22, 2), (0, 31, 1)]
    # The unclosed <g3> pairs with nothing: it glues nothing together.
    assert paired_ranges("<g1>Câu một. Câu hai.") == []
    # A closing tag pairs with the nearest open tag of its number; those above are strays.
    assert paired_ranges("<g1>X<g2><g1>Y</g2>Z</g1>") == [(5, 19, 2), (0, 25, 1)]
    assert paired_ranges("không có mã") == []


def test_tokens_cover_the_text_with_offsets() -> None:
    text = "Xem <g1>ảnh</g1><x2/> đây"
    found = list(tokens(text))
    assert [(t.kind, t.text, t.code_id) for t in found] == [
        ("text", "Xem ", None),
        ("open", "<g1>", 1),
        ("text", "ảnh", None),
        ("close", "</g1>", 1),
        ("standalone", "<x2/>", 2),
        ("text", " đây", None),
    ]
    assert all(text[t.start : t.end] == t.text for t in found)
    assert "".join(t.text for t in found) == text
    assert [t.text for t in tags(text)] == ["<g1>", "</g1>", "<x2/>"]
    assert tag_signature(text) == ("<g1>", "</g1>", "<x2/>")


def test_tag_helpers() -> None:
    text = "a <g1>b</g1> <x2/>"
    assert has_tags(text) and not has_tags("a < b")
    assert has_tags(text, 2, 6) and not has_tags(text, 3, 11)
    tag = tag_at(text, 7)
    assert tag is not None and (tag.kind, tag.code_id, tag.end) == ("close", 1, 12)
    assert tag_at(text, 6) is None
    assert replace_tags(text, "|") == "a |b| |"
    assert replace_tags(text, "\\1") == "a \\1b\\1 \\1"  # a literal, not a group reference
    assert replace_tags(text, lambda t: " " * len(t.text)) == "a     b      " + " " * 5
    assert plain(text) == "a b " == plain(parse(text))
    assert opening_tags_before("Câu <g1><g2>hai", 12) == 4
    assert opening_tags_before("Câu </g1><g2>hai", 13) == 9
    assert opening_tags_before("Câu hai", 4) == 4
    codes = {"1": {"kind": "bold"}, "2": {"kind": "tab"}, "3": {"kind": "image"}}
    assert codes_used(codes, "<g1>a</g1>", "<x3/>") == {"1": codes["1"], "3": codes["3"]}


class _TMXLike(Visitor):
    """A flat writer: paired codes and linked strays as numbered begin/end markers."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.pairs = 0
        self.numbers: dict[int, int] = {}

    def text(self, text: str) -> None:
        self.out.append(text)

    def start(self, code: Paired) -> None:
        self.pairs += 1
        self.numbers[id(code)] = self.pairs
        self.out.append(f"[b{self.pairs}]")

    def end(self, code: Paired) -> None:
        self.out.append(f"[e{self.numbers[id(code)]}]")

    def standalone(self, code: Standalone) -> None:
        self.out.append(f"[ph{code.id}]")

    def stray(self, code: Stray) -> None:
        self.out.append(f"[{code.kind}{code.id}~{code.link}]")


def test_walk_gives_each_format_the_same_order() -> None:
    visitor = _TMXLike()
    walk(parse("<g1>mở <g2>đầu</g1> chéo</g2><x3/>"), visitor)
    assert "".join(visitor.out) == "[b1]mở [open2~1]đầu[e1] chéo[close2~1][ph3]"


def test_display_form_for_readers() -> None:
    assert display(parse("Nhấn <g1>Lưu</g1> để ghi.<x2/>")) == "Nhấn <1>Lưu</1> để ghi.<2/>"
    assert display(parse("a</g3>")) == "a</3>"


@pytest.mark.parametrize(
    "text",
    [
        "Nhấn <g1>Lưu</g1> để ghi.<x2/>",
        "<g1>Một <g2>hai</g2> ba</g1>",
        "<x1/>Đầu dòng và cuối<x10/>",
        "<g1>mở <g2>đầu</g1> chéo</g2>",  # crossed: strays keep their numbers
        "a</g3> b<g4>",
        "năm < sáu > bốn, <b>không phải thẻ</b>",
        "",
    ],
)
def test_the_display_form_reads_back_exactly(text: str) -> None:
    assert from_display(display(parse(text))) == text


def test_display_tags_a_reviewer_typed_are_read_as_tags() -> None:
    assert from_display("Press <1>Save</1> now<2/>") == "Press <g1>Save</g1> now<x2/>"
    assert from_display("Already <g1>ours</g1>") == "Already <g1>ours</g1>"
    assert from_display("<01>, < 1>, <1 /> and <a1> stay text") == (
        "<01>, < 1>, <1 /> and <a1> stay text"
    )


def test_display_pieces_split_tags_from_text() -> None:
    assert display_pieces(parse("Nhấn <g1>Lưu</g1>.<x2/>")) == [
        DisplayPiece("Nhấn "),
        DisplayPiece("<1>", is_tag=True),
        DisplayPiece("Lưu"),
        DisplayPiece("</1>", is_tag=True),
        DisplayPiece("."),
        DisplayPiece("<2/>", is_tag=True),
    ]
    assert "".join(piece.text for piece in display_pieces(parse("a</g3>"))) == "a</3>"
    assert display_pieces(parse("")) == []
