"""XLIFF 1.2 and 2.1: the contract, validity against the official schemas and our own
checks, the status table both ways, other tools' files, translate-toolkit as an
independent reader, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from contract import TAGGED_PAIRS, BilingualContract, one_line_error
from songngu_testing import SCHEMAS_DIR
from xliff_fixtures import MATECAT_2, MEMOQ, OMEGAT, TRADOS_SDLXLIFF

from exporters.registry import get_format
from exporters.xliff12 import write_xliff12
from exporters.xliff21 import write_xliff21
from exporters.xliff_checks import xliff_problems
from exporters.xliff_common import ReadLimits, effective_status, read_xliff
from exporters.xliff_states import WRITE_TABLE, markdown_table, read_2, read_12, row_for
from primitives.errors import InvalidInput
from primitives.statuses import Origin, Status
from primitives.units import Note, Store, Unit, source_hash

# Pure code: SQLite half only (tests/conftest.py).
pytestmark = pytest.mark.database_free

DOCS = Path(__file__).resolve().parents[2] / "docs" / "formats.md"
CODES = {
    "1": {"type": "paired", "kind": "bold"},
    "2": {"type": "standalone", "kind": "line_break"},
    "3": {"type": "standalone", "kind": "footnote_ref"},
}


def exported_store() -> Store:
    """A document's store as workflow/stores.py builds it: ids, versions, statuses."""
    statuses = [
        (Status.NEW, Origin.NONE),
        (Status.DRAFT, Origin.MT),
        (Status.DRAFT, Origin.TM),
        (Status.DRAFT, Origin.PROPAGATED),
        (Status.DRAFT, Origin.HUMAN),
        (Status.REJECTED, Origin.HUMAN),
        (Status.TRANSLATED, Origin.HUMAN),
        (Status.REVIEWED, Origin.MT),
        (Status.APPROVED, Origin.HUMAN),
    ]
    units = []
    for number, (status, origin) in enumerate(statuses, start=1):
        source, target = TAGGED_PAIRS[number % len(TAGGED_PAIRS)]
        units.append(
            Unit(
                source,
                "" if status == Status.NEW else target,
                id=100 + number,
                version=number,
                codes=CODES,
                status=status,
                origin=origin,
                notes=[Note(f"ghi chú {number}", "lan", "2026-10-14T08:00:00Z")],
            )
        )
    return Store(
        units,
        metadata={"title": "Báo cáo", "source": "bao-cao.docx", "creator": "Sở KH&CN"},
        props={"project": "Dự án 1", "document_id": "7", "revision": "2"},
    )


class XLIFFContract(BilingualContract):
    kept = ("id", "status", "origin")

    def sample_store(self) -> Store:
        store = super().sample_store()
        store.units += exported_store().units
        return store

    carries_origin_of_confirmed = True  # 1.2 tells the origin of drafts only

    def comparable(self, unit: Unit) -> tuple[object, ...]:
        """What must come back: a new unit with a target is a draft, a target of unknown
        origin a person's."""
        status = effective_status(unit.status, unit.target)
        origin = unit.origin if unit.origin != Origin.NONE else Origin.HUMAN
        if not unit.target:
            origin = Origin.NONE
        elif status != Status.DRAFT and not self.carries_origin_of_confirmed:
            origin = Origin.HUMAN
        notes = [(note.text, note.author) for note in unit.notes]
        return (unit.source, unit.target, unit.id, status, origin, notes, unit.version)

    def test_sample_is_sound_beyond_the_schema(self) -> None:
        assert xliff_problems(self.sample_bytes()) == []

    def test_same_stores_give_the_same_bytes(self) -> None:
        assert self.fmt.write(exported_store()) == self.fmt.write(exported_store())

    def test_markers_carry_segment_version_hash_and_document(self) -> None:
        back = self.fmt.read(self.fmt.write(exported_store()), "back.xlf")
        assert back.props["project"] == "Dự án 1"
        assert back.props["document_id"] == "7" and back.props["revision"] == "2"
        unit = back.get(102)
        assert unit is not None and unit.version == 2
        assert unit.props["source_hash"] == source_hash(unit.source)

    def test_several_documents_are_several_files(self) -> None:
        first, second = exported_store(), exported_store()
        second.props = {"project": "Dự án 1", "document_id": "8"}
        data = self.fmt.write_stores([first, second])  # type: ignore[attr-defined]
        assert self.fmt.validate(data, SCHEMAS_DIR) == [] and xliff_problems(data) == []
        stores = read_xliff(data, "two.xlf")
        assert [store.props["document_id"] for store in stores] == ["7", "8"]

    def test_control_characters_are_converted_or_dropped_never_a_crash(self) -> None:
        store = Store([Unit("Dòng\x0bhai\x00 \x1f", "Line\x0btwo\x07\ufffe", id=1)])
        data = self.fmt.write(store)
        assert self.fmt.validate(data, SCHEMAS_DIR) == []
        (unit,) = self.fmt.read(data, "c.xlf")
        assert (unit.source, unit.target) == ("Dòng\nhai ", "Line\ntwo")

    def test_crossed_and_unpartnered_tags_stay_valid_and_come_back(self) -> None:
        texts = ["<g1>mở <g2>đầu</g1> chéo</g2>", "</g1>mồ côi<g2>", "<x1/> và <x1/> lặp"]
        store = Store([Unit(text, text, id=n) for n, text in enumerate(texts, start=1)])
        data = self.fmt.write(store)
        assert self.fmt.validate(data, SCHEMAS_DIR) == [] and xliff_problems(data) == []
        assert [(u.source, u.target) for u in self.fmt.read(data, "t.xlf")] == [
            (text, text) for text in texts
        ]


class TestXLIFF12(XLIFFContract):
    format_name = "xliff12"
    carries_origin_of_confirmed = False

    def test_status_table_is_what_is_written(self) -> None:
        data = self.fmt.write(exported_store()).decode()
        assert 'state="needs-review-translation" state-qualifier="leveraged-mt"' in data
        assert 'state="needs-translation" state-qualifier="rejected-inaccurate"' in data
        assert 'approved="yes"' in data and 'state="final"' in data
        assert '<g id="1" ctype="bold">' in data and '<x id="2" ctype="lb"/>' in data


class TestXLIFF21(XLIFFContract):
    format_name = "xliff21"

    def test_contract_sample_notes_keep_their_date(self) -> None:
        back = self.fmt.read(self.fmt.write(exported_store()), "back.xlf")
        assert back.units[0].notes == [Note("ghi chú 1", "lan", "2026-10-14T08:00:00Z")]

    def test_codes_are_pc_and_ph_with_types(self) -> None:
        data = self.fmt.write(exported_store()).decode()
        assert '<pc id="1" type="fmt" subType="xlf:b">' in data
        assert '<ph id="2" type="fmt" subType="xlf:lb"/>' in data
        assert 'state="initial" subState="songngu:draft"' in data

    def test_the_metadata_module_is_validated_too(self) -> None:
        data = self.fmt.write(exported_store()).replace(
            b'<mda:meta type="version">', b'<mda:meta kind="version">', 1
        )
        assert self.fmt.validate(data, SCHEMAS_DIR) != []


# --- the status table ---------------------------------------------------------------------


def test_every_status_and_draft_origin_has_a_row_and_reads_back() -> None:
    for status in Status:
        for origin in Origin:
            row = row_for(status, origin)
            has_target = status != Status.NEW
            approved = "yes" if row.approved12 else None
            back12 = read_12(row.state12, row.qualifier12, approved, has_target=has_target)
            back2 = read_2(row.state2, row.substate2, has_target=has_target)
            assert back12.status == status == back2.status
            if status == Status.DRAFT and origin in (Origin.MT, Origin.TM, Origin.PROPAGATED):
                assert back12.origin == origin


def test_other_tools_states_map_to_the_workflow() -> None:
    assert read_12("translated", None, "yes", has_target=True).status == Status.TRANSLATED
    assert read_12(None, None, None, has_target=True).status == Status.DRAFT
    assert read_12(None, None, "yes", has_target=True).status == Status.TRANSLATED
    assert read_12("final", None, "no", has_target=True).status == Status.REVIEWED
    assert read_12("x-custom", None, None, has_target=True).status == Status.DRAFT
    assert read_12("translated", None, None, has_target=False).status == Status.NEW
    # A tool moved the state on and kept our subState: the state decides.
    assert read_2("translated", "songngu:draft", has_target=True).status == Status.TRANSLATED
    assert read_2("initial", "songngu:rejected", has_target=True).status == Status.REJECTED
    assert read_2("initial", "other:thing", has_target=True).status == Status.DRAFT


def test_the_documented_table_is_the_table_in_the_code() -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert markdown_table() in text, "regenerate docs/formats.md: python -m exporters.xliff_states"
    assert len(WRITE_TABLE) >= len(Status)


# --- other tools' files ---------------------------------------------------------------


def test_trados_segments_by_mrk_and_reads_confirmation_levels() -> None:
    (store,) = read_xliff(TRADOS_SDLXLIFF.encode(), "trados.xlf")
    assert [(u.source, u.target, u.status, u.origin) for u in store] == [
        (
            "Doanh thu <g1>tăng</g1> mạnh.",
            "Revenue <g1>rose</g1> sharply.",
            Status.REVIEWED,
            Origin.TM,
        ),
        ("Chi phí giảm.", "Costs fell.", Status.DRAFT, Origin.MT),
        ("Kết luận.", "Conclusion.", Status.REJECTED, Origin.HUMAN),
    ]
    assert store.units[0].id == "6c2f8a10-1111-4a6e-9c3d-5b8e2f0a7d11#1"
    assert store.source_lang == "vi-VN" and store.metadata["title"].endswith("bao-cao-trados")
    assert any("translate" in line for line in store.warnings)


def test_memoq_status_wins_over_the_xliff_state() -> None:
    (store,) = read_xliff(MEMOQ.encode(), "memoq.xlf")
    assert [(u.status, u.origin) for u in store] == [
        (Status.TRANSLATED, Origin.HUMAN),
        (Status.DRAFT, Origin.TM),
        (Status.DRAFT, Origin.MT),
        (Status.APPROVED, Origin.HUMAN),
        (Status.NEW, Origin.NONE),
    ]
    unit = store.units[1]
    assert unit.source == "Ủy ban nhân dân <g1>tỉnh</g1>."
    assert unit.target == "Provincial <g1>People's Committee</g1>."
    assert unit.notes == [Note("Kiểm tra tên cơ quan")]


def test_omegat_units_in_groups_with_their_states_and_notes() -> None:
    (store,) = read_xliff(OMEGAT.encode(), "omegat.xlf")
    assert [(u.id, u.status) for u in store] == [
        ("0", Status.TRANSLATED),
        ("1", Status.APPROVED),
        ("2", Status.DRAFT),
        ("3", Status.NEW),
    ]
    first = store.units[0]
    assert first.source == "Nhấn <x1/>Lưu." and first.codes["1"]["kind"] == "line_break"
    assert first.notes == [Note("Đã kiểm tra", "OmegaT")]


def test_matecat_xliff2_segments_markers_and_code_points() -> None:
    (store,) = read_xliff(MATECAT_2.encode(), "matecat.xlf")
    assert [(u.id, u.source, u.target, u.status) for u in store] == [
        ("u1#s1", "Xin <g1>chào</g1>.", "Hello <g1>there</g1>.", Status.TRANSLATED),
        ("u1#s2", "Cảm ơn<x2/>", "Thank you<x2/>", Status.REVIEWED),
        ("u2", "Tạm biệt\nnhé.", "", Status.NEW),
    ]
    assert any("marker" in line for line in store.warnings)
    assert any("character" in line for line in store.warnings)


# --- an independent reader --------------------------------------------------------------


def test_translate_toolkit_reads_our_xliff12_units_targets_and_states() -> None:
    from translate.storage import xliff
    from translate.storage.workflow import StateEnum

    store = exported_store()
    theirs = xliff.xlifffile.parsestring(get_format("xliff12").write(store))
    units = [unit for unit in theirs.units if not unit.isheader()]
    # translate-toolkit names a unit by its file and id: "bao-cao.docx\x04101".
    assert [unit.getid().split("\x04")[-1] for unit in units] == [str(u.id) for u in store]
    assert [unit.target or "" for unit in units] == [
        unit.target.replace("<g1>", "")
        .replace("</g1>", "")
        .replace("<g2>", "")
        .replace("</g2>", "")
        .replace("<x1/>", "")
        .replace("<x2/>", "")
        .replace("<x3/>", "")
        for unit in store
    ]
    # translate-toolkit's buckets (FIELD-NOTES §7): only final with approved="yes" is final.
    expected = {
        Status.NEW: StateEnum.EMPTY,
        Status.DRAFT: StateEnum.NEEDS_REVIEW,
        Status.REJECTED: StateEnum.NEEDS_WORK,
        Status.TRANSLATED: StateEnum.UNREVIEWED,
        Status.REVIEWED: StateEnum.UNREVIEWED,
        Status.APPROVED: StateEnum.FINAL,
    }
    for ours, their in zip(store, units, strict=True):
        low, high = their.STATE[their.get_state_id()]
        assert low <= expected[ours.status] < high or expected[ours.status] == low, ours.status
    assert [unit.getnotes() for unit in units] == [
        "\n".join(note.text for note in unit.notes) for unit in store
    ]


def test_translate_toolkit_reads_our_tmx_units() -> None:
    from translate.storage import tmx

    store = exported_store()
    theirs = tmx.tmxfile.parsestring(get_format("tmx").write(store))
    pairs = [(unit.source, unit.target) for unit in theirs.units]
    assert len(pairs) == len(store)
    assert pairs[1][0].startswith("<g1>") is False  # codes are TMX elements, not text


# --- bad input --------------------------------------------------------------------------


def test_malformed_and_hostile_files_are_one_line_refusals() -> None:
    fmt = get_format("xliff12")
    bad_ref = '<xliff version="1.2"><file original="a" source-language="vi" datatype="x"><body><trans-unit id="1"><source>a&#1;b</source></trans-unit></body></file></xliff>'
    error = one_line_error(fmt.read, bad_ref.encode(), "ref.xlf")
    assert error.code == "xliff.bad_character_reference" and "line 1" in str(error)
    error = one_line_error(fmt.read, b'<xliff version="3.0"/>', "v3.xlf")
    assert error.code == "xliff.unknown_version"
    error = one_line_error(fmt.read, b'<xliff version="1.2"></xliff>', "nofile.xlf")
    assert error.code == "xliff.no_file"
    huge = (
        b'<xliff version="1.2"><file original="a" source-language="vi" datatype="x"><body><trans-unit id="1"><source>'
        + b"a" * (11 * 1024 * 1024)
        + b"</source></trans-unit></body></file></xliff>"
    )
    error = one_line_error(fmt.read, huge, "huge.xlf")
    assert error.code == "xliff.not_well_formed"


def test_limits_on_size_and_units() -> None:
    data = get_format("xliff12").write(exported_store())
    with pytest.raises(InvalidInput) as caught:
        read_xliff(data, "big.xlf", limits=ReadLimits(max_units=3))
    assert caught.value.code == "xliff.too_many_units"
    with pytest.raises(InvalidInput) as caught:
        read_xliff(data, "big.xlf", limits=ReadLimits(max_bytes=100))
    assert caught.value.code == "xliff.too_large"


def test_our_checks_catch_what_the_schemas_let_through() -> None:
    good12 = write_xliff12([exported_store()])
    bad12 = good12.replace(b'trans-unit id="102"', b'trans-unit id="101"').replace(
        b'<x id="2" ctype="lb"/></target>', b'<x id="9"/></target>', 1
    )
    problems = xliff_problems(bad12)
    assert any("used more than once" in line for line in problems)
    assert any("not in the source" in line for line in problems)
    good2 = write_xliff21([exported_store()])
    bad2 = good2.replace(b'<unit id="102"', b'<unit id="101"').replace(
        b'<ph id="2" type="fmt" subType="xlf:lb"/></target>',
        b'<ph id="2" dataRef="d9"/><ec startRef="zz"/></target>',
        1,
    )
    problems = xliff_problems(bad2)
    assert any("used more than once" in line for line in problems)
    assert any("names no <data>" in line for line in problems)
    assert any("closes no <sc>" in line for line in problems)
