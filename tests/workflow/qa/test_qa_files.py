"""QA of a bilingual file without a project (workflow.qa.files)."""

from __future__ import annotations

import pytest

from exporters.registry import get_format
from primitives.errors import InvalidInput, NotFound
from primitives.units import Store, Unit
from workflow.qa import files
from workflow.qa.files import check_file
from workflow.qa.model import Severity

TSV = (
    "source\ttarget\n"
    "Sáng 9/8/2022, Bộ Tài chính họp.\tOn the morning of August 9, 2022, the Ministry of Finance met.\n"
    "Vốn 5 tỷ đồng.\tCapital of VND5 million.\n"
    "\n"
    "Chưa dịch câu này.\n"
).encode()


def test_a_tsv_file_is_checked_with_line_numbers() -> None:
    report = check_file(TSV, "giao-hang.tsv")
    assert report.format_name == "tsv-pairs"
    assert [(n, f.check) for n, f in report.findings] == [(3, "scale-word"), (5, "empty-target")]
    assert report.count(Severity.ERROR) == 2


def test_a_tmx_file_is_checked_by_unit_position() -> None:
    store = Store(
        [
            Unit("Xin chào.", "Hello.", id="a"),
            Unit("Có 5 người.", "There were 6 people.", id="b"),
        ]
    )
    data = get_format("tmx", "bilingual").write(store)
    report = check_file(data, "vendor.tmx")
    assert [(n, f.check) for n, f in report.findings] == [(2, "number-mismatch")]
    # By format name, whatever the file is called (how XLIFF files are read once registered).
    assert [f.check for _, f in check_file(data, "vendor.xml", format_name="tmx").findings] == [
        "number-mismatch"
    ]


def test_unreadable_and_unknown_files_are_refused() -> None:
    with pytest.raises(InvalidInput) as unknown:
        check_file(b"x", "report.pdf")
    assert unknown.value.code == "qa.file_format_unknown"
    with pytest.raises(NotFound):
        check_file(b"x", "report.tsv", format_name="no-such-format")
    with pytest.raises(InvalidInput):
        check_file(b"no tabs at all\n", "report.tsv")


def test_settings_severities_and_glossary_choice_apply() -> None:
    data = "Tổ chức họp.\tThe organisation met\n".encode()
    plain = {f.check for _, f in check_file(data, "a.tsv").findings}
    assert plain == {"end-punctuation"}
    styled = check_file(
        data,
        "a.tsv",
        partner_settings={"english_variant": "US"},
        severities={"end-punctuation": None},
    )
    assert {f.check for _, f in styled.findings} == {"spelling-variant"}
    term = "Bộ Tài chính họp.\tThe finance office met.\n".encode()
    assert {f.check for _, f in check_file(term, "b.tsv").findings} == {"term-missing"}
    assert not list(check_file(term, "b.tsv", use_default_glossary=False).findings)


def test_forked_workers_give_the_same_findings_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "PARALLEL_FROM", 10)
    rows = [f"Có {n} người.\tThere were {n + (n % 3 == 0)} people.\n" for n in range(1, 41)]
    data = "".join(rows).encode()
    one = [(n, f.check, f.message["en"]) for n, f in check_file(data, "c.tsv").findings]
    two = [(n, f.check, f.message["en"]) for n, f in check_file(data, "c.tsv", workers=2).findings]
    assert one == two
    assert sum(1 for _, check, _ in one if check == "number-mismatch") == 13
