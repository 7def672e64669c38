"""CSV/TSV import and export: encodings spreadsheets write, line-numbered errors."""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata

import pytest
from contract import TermsContract

from exporters.glossary_csv import read_glossary_csv, write_glossary_csv
from exporters.registry import get_format
from primitives.errors import InvalidInput
from primitives.terms import GlossaryEntry, TermStatus

# Pure code: SQLite half only (tests/conftest.py).
pytestmark = pytest.mark.database_free


class TestCSVContract(TermsContract):
    format_name = "csv"
    is_xml = False


class TestTSVContract(TermsContract):
    format_name = "tsv"
    is_xml = False

    def test_writes_tab_separated_columns(self) -> None:
        header = self.fmt.write([], title="t").decode("utf-8-sig").splitlines()[0]
        assert header.split("\t")[:3] == ["source", "target", "variants"]


FULL = GlossaryEntry(
    source="Bộ Kế hoạch và Đầu tư",
    target="Ministry of Planning and Investment",
    variants=("MPI", "Planning Ministry"),
    pos="noun",
    note='Merged, "see" MOF; 2025',
    status=TermStatus.ADMITTED,
    case_sensitive=True,
    domain="ministry",
    scope="partner",
    origin="Circular 03/2009/TT-BNG",
    date="2009-07-09",
    valid_until="2025-02-28",
)


def test_round_trip_keeps_every_field() -> None:
    entries = [FULL, GlossaryEntry("Hà Nội", "", status=TermStatus.DO_NOT_TRANSLATE)]
    data = write_glossary_csv(entries)
    assert data.startswith(codecs.BOM_UTF8)
    assert read_glossary_csv(data, "g.csv") == entries
    assert read_glossary_csv(write_glossary_csv(entries, delimiter="\t"), "g.tsv") == entries


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
        lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom"],
)
def test_spreadsheet_encodings_and_tab_separated(encode) -> None:
    text = "Source term\tTarget term\tStatus\r\nỦy ban nhân dân\tPeople's Committee\tpreferred\r\n"
    entries = read_glossary_csv(encode(text), "g.txt")
    assert entries == [GlossaryEntry("Ủy ban nhân dân", "People's Committee")]


def test_nfd_and_extra_spaces_are_cleaned() -> None:
    text = unicodedata.normalize("NFD", "source,target\n  Ủy  ban ,Committee\n")
    (entry,) = read_glossary_csv(text.encode(), "g.csv")
    assert entry.source == "Ủy ban"
    assert unicodedata.is_normalized("NFC", entry.source)


def test_semicolon_separated_and_quoted_multiline_note() -> None:
    text = 'source;target;note\nSở;Department;"line one\nline two"\nCục;Department;\n'
    entries = read_glossary_csv(text.encode(), "g.csv")
    assert [e.note for e in entries] == ["line one\nline two", ""]


def test_bad_rows_are_all_reported_with_line_numbers_and_nothing_imported() -> None:
    text = (
        "source,target,status,case_sensitive,date\n"
        "Bộ,Ministry,preferred,yes,2009-07-09\n"
        "Cục,,preferred,no,\n"
        'Sở,"Department\nof Finance",prefered,no,\n'
        "Vụ,Department,admitted,maybe,\n"
        "Ban,Board,,no,2025-02-30\n"
        "Bộ,Ministry,preferred,yes,2009-07-09\n"
    )
    with pytest.raises(InvalidInput) as caught:
        read_glossary_csv(text.encode(), "glossary.csv")
    message = str(caught.value)
    assert "\n" not in message
    assert message == (
        "glossary.csv line 3: empty target term; "
        "line 4: unknown status 'prefered' (use preferred, admitted, forbidden, do-not-translate); "
        "line 6: case_sensitive 'maybe' is not yes or no; "
        "line 7: date '2025-02-30' does not exist; "
        "line 8: same entry as line 2; nothing was imported"
    )


def test_more_than_ten_errors_are_summarised() -> None:
    rows = "".join(f"term{i},\n" for i in range(15))
    with pytest.raises(InvalidInput, match=r"line 11: empty target term \(and 5 more\)"):
        read_glossary_csv(("source,target\n" + rows).encode(), "g.csv")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "g.csv is empty"),
        (b"source,target\n", "g.csv has a header but no terms"),
        (b"source,translation_x\nA,B\n", "g.csv line 1: unknown column 'translation_x'"),
        (b"term,note\nA,B\n", "g.csv line 1: no 'target' column"),
        (b"source,target,target\nA,B,C\n", "g.csv line 1: column 'target' appears twice"),
        (b"source,target\nA,B,C\n", "g.csv line 2: 3 cells but the header has 2 columns"),
        (b"source,target\n\xff\xfeA,B\n", "g.csv line 2 is not valid UTF-8 text"),
        ("source,target\n".encode("utf-16-le"), "g.csv contains NUL characters"),
        (b"source,target,pos\nA,B,nounish\n", "line 2: unknown part of speech 'nounish'"),
        (b"source,target,scope\nA,B,team\n", "line 2: unknown scope 'team'"),
    ],
)
def test_unusable_files_raise_one_line_invalid_input(data: bytes, expected: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        read_glossary_csv(data, "g.csv")
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value)


def test_status_aliases_from_other_tools() -> None:
    text = "source,target,status\nA,B,deprecated\nC,D,admittedTerm-admn-sts\nE,,DNT\n"
    statuses = [e.status for e in read_glossary_csv(text.encode(), "g.csv")]
    assert statuses == [TermStatus.FORBIDDEN, TermStatus.ADMITTED, TermStatus.DO_NOT_TRANSLATE]


FORMULA_CELLS = ["=1+1", "+84 24 3823", "-ism", "@SUM(A1)", "'=already marked", "''+x"]


@pytest.mark.parametrize("text", FORMULA_CELLS)
def test_csv_marks_formula_cells_and_reads_them_back_as_typed(text: str) -> None:
    entry = GlossaryEntry(f"nguồn {text[-3:]}", text, note=text)
    data = write_glossary_csv([entry], spreadsheet=True)
    (row,) = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[1:]
    assert row[1] == "'" + text and row[4] == "'" + text  # a spreadsheet shows it as text
    assert get_format("csv", "terms").read(data, "g.csv") == [entry]


@pytest.mark.parametrize("text", FORMULA_CELLS)
def test_tsv_is_data_only_both_ways(text: str) -> None:
    entry = GlossaryEntry("nguồn", text)
    data = write_glossary_csv([entry], delimiter="\t")
    (row,) = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter="\t"))[1:]
    assert row[1] == text
    assert get_format("tsv", "terms").read(data, "g.tsv") == [entry]


def test_plain_cells_and_inner_signs_are_not_marked() -> None:
    entries = [GlossaryEntry("Hà Nội", "Ha Noi"), GlossaryEntry("a=b", "x-y it's")]
    data = write_glossary_csv(entries, spreadsheet=True)
    assert b"'" not in data.replace(b"it's", b"")
    assert get_format("csv", "terms").read(data, "g.csv") == entries
