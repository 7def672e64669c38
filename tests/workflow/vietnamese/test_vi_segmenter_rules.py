"""Segmentation rules as data: defaults, project extensions, storage and validation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from primitives.errors import InvalidInput
from workflow.vietnamese.segmentation_rules import DEFAULT_RULES_PATH, SegmentationRules
from workflow.vietnamese.segmenter import split_sentences


def test_default_rules_come_from_the_shipped_json() -> None:
    rules = SegmentationRules.default()
    shipped = json.loads(DEFAULT_RULES_PATH.read_text(encoding="utf-8"))
    assert rules.abbreviations == {word.rstrip(".") for word in shipped["abbreviations"]}
    assert {"PGS", "TS", "ThS", "Th.S", "TP", "Mr", "Dr"} <= rules.abbreviations
    assert "Điều" in rules.heading_words
    # Words that may end a sentence must not be listed, or "v.v. Các…" would never split.
    assert "v.v" not in rules.abbreviations


def test_project_abbreviation_is_honoured_only_when_added() -> None:
    text = "Dự án do KTS. Nguyễn Long thiết kế."
    assert split_sentences(text) == ["Dự án do KTS.", "Nguyễn Long thiết kế."]
    rules = SegmentationRules.default().extended(abbreviations=["KTS."])
    assert split_sentences(text, rules) == [text]
    assert "KTS" in rules.abbreviations and "KTS" not in SegmentationRules.default().abbreviations


def test_project_no_break_pattern_vetoes_a_boundary() -> None:
    text = "Xem mục Tr. 5 của Báo cáo. Hết."
    assert split_sentences(text)[0] == "Xem mục Tr."
    rules = SegmentationRules.default().extended(no_break_patterns=[r"\bTr\. \d"])
    assert split_sentences(text, rules) == ["Xem mục Tr. 5 của Báo cáo.", "Hết."]


def test_project_break_pattern_adds_a_boundary() -> None:
    text = "Kết luận: đồng ý; Giao Sở thực hiện."
    assert split_sentences(text) == [text]
    rules = SegmentationRules.default().extended(break_patterns=[r";(?= [A-ZĐ])"])
    assert split_sentences(text, rules) == ["Kết luận: đồng ý;", "Giao Sở thực hiện."]


def test_project_heading_word_keeps_its_number() -> None:
    text = "Tiết 2. Nội dung thực hành"
    assert split_sentences(text) == ["Tiết 2.", "Nội dung thực hành"]
    rules = SegmentationRules.default().extended(heading_words=["Tiết"])
    assert split_sentences(text, rules) == [text]


def test_extended_ignores_duplicates_and_leaves_the_original_alone() -> None:
    base = SegmentationRules.default()
    extended = base.extended(abbreviations=["TS"], no_break_patterns=list(base.no_break_patterns))
    assert extended == base
    assert base.extended(abbreviations=["KTS"]) != base


def test_dict_round_trip_through_json() -> None:
    rules = SegmentationRules.default().extended(
        abbreviations=["KTS"], break_patterns=[r"<x\d+/>"], heading_words=["Tiết"]
    )
    stored = json.dumps(rules.to_dict(), ensure_ascii=False)
    assert SegmentationRules.from_dict(json.loads(stored)) == rules
    assert rules.to_dict()["abbreviations"] == sorted(rules.abbreviations)


def test_from_json_file_reads_a_project_file(tmp_path: Path) -> None:
    path = tmp_path / "rules.json"
    path.write_text(json.dumps({"abbreviations": ["KTS."]}), encoding="utf-8")
    rules = SegmentationRules.from_json_file(path)
    assert rules.abbreviations == {"KTS"}
    assert rules.no_break_patterns == () and rules.break_patterns == ()


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({"abbreviations": [], "no_break_patterns": ["(unclosed"]}, "'(unclosed'"),
        ({"abbreviations": [], "break_patterns": ["[a-"]}, "'[a-'"),
        ({"abbreviations": [], "break_patterns": ["x*"]}, "'x*'"),
        ({"abbreviations": ["hai từ"]}, "'hai từ'"),
        ({"abbreviations": [12]}, "12"),
        ({"abbreviations": "TS"}, "'abbreviations'"),
        ({"abbreviations": [], "spelling": []}, "spelling"),
        ({"no_break_patterns": []}, "'abbreviations'"),
        ({"format": "srx", "abbreviations": []}, "'srx'"),
        ({"version": 9, "abbreviations": []}, "9"),
        (["TS"], "JSON object"),
    ],
)
def test_bad_rules_raise_one_line_invalid_input(data: object, named: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        SegmentationRules.from_dict(data)  # type: ignore[arg-type]
    message = str(caught.value)
    assert named in message
    assert "\n" not in message


def test_bad_pattern_in_extended_names_the_pattern() -> None:
    with pytest.raises(InvalidInput, match=r"'\(\?P<' is not a valid regular expression"):
        SegmentationRules.default().extended(no_break_patterns=["(?P<"])


def test_missing_or_malformed_rules_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="does not exist"):
        SegmentationRules.from_json_file(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"abbreviations": [', encoding="utf-8")
    with pytest.raises(InvalidInput, match="not valid JSON"):
        SegmentationRules.from_json_file(broken)


def test_rules_are_hashable_and_frozen() -> None:
    rules = SegmentationRules.default()
    assert hash(rules) == hash(SegmentationRules.from_dict(rules.to_dict()))
    with pytest.raises(AttributeError):
        rules.abbreviations = frozenset()  # type: ignore[misc]
