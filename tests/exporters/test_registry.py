"""The format registry: names, extensions, kinds, schemas, what a format cannot do."""

from __future__ import annotations

from pathlib import Path

import pytest
from contract import one_line_error
from songngu_testing import SCHEMAS_DIR

from exporters import registry
from exporters.registry import (
    BilingualFormat,
    TermsFormat,
    format_for_filename,
    formats,
    get_format,
)
from primitives.errors import NotFound
from primitives.units import Store, Unit
from workflow.settings import schemas_dir

# Pure code: SQLite half only (tests/conftest.py).
pytestmark = pytest.mark.database_free


def test_every_format_is_listed_once_with_its_kind() -> None:
    assert [fmt.name for fmt in formats()] == [
        "tmx",
        "xliff12",
        "xliff21",
        "tsv-pairs",
        "bilingual-docx",
        "report-xml",
        "tbx",
        "csv",
        "tsv",
        "docx",
    ]
    assert [fmt.name for fmt in formats("bilingual")] == [
        "tmx",
        "xliff12",
        "xliff21",
        "tsv-pairs",
        "bilingual-docx",
        "report-xml",
        "docx",
    ]
    assert [fmt.name for fmt in formats("terms")] == ["tbx", "csv", "tsv"]
    assert all(isinstance(fmt, BilingualFormat) for fmt in formats("bilingual"))
    assert all(isinstance(fmt, TermsFormat) for fmt in formats("terms"))
    assert all(fmt.can_write for fmt in formats())
    # The target DOCX only writes (a DOCX comes in as a source document); a report too.
    assert [fmt.name for fmt in formats() if not fmt.can_read] == ["report-xml", "docx"]


def test_lookup_by_name_and_by_file_name() -> None:
    assert get_format(" TMX ").name == "tmx"
    assert format_for_filename("bộ nhớ.TMX").name == "tmx"  # type: ignore[union-attr]
    assert format_for_filename("g.xml", "terms").name == "tbx"  # type: ignore[union-attr]
    assert format_for_filename("g.tab", "terms").name == "tsv"  # type: ignore[union-attr]
    # The same extension names another format of the other kind.
    assert format_for_filename("g.tsv", "bilingual").name == "tsv-pairs"  # type: ignore[union-attr]
    assert format_for_filename("g.tmx", "terms") is None
    assert format_for_filename("no-extension") is None
    error = one_line_error(get_format, "xliff3", "terms", expected=NotFound)
    assert error.code == "format.unknown"
    assert str(error) == "unknown file format 'xliff3': use tbx, csv, tsv"


def test_schemas_come_from_the_folder_given() -> None:
    assert get_format("tmx").schema_path(Path("/s")) == Path("/s/tmx-1.4/tmx14.dtd")
    assert get_format("csv").schema_path(Path("/s")) is None
    # The setting's default (../shared/schemas beside the checkout) is where the tests
    # find them too.
    assert (schemas_dir() / "tmx-1.4" / "tmx14.dtd").is_file()
    with pytest.raises(NotFound, match="the TMX schema is not at"):
        get_format("tmx").validate(b"<tmx/>", Path("/nowhere"))


def test_validation_names_the_problems() -> None:
    problems = get_format("tmx").validate(b'<tmx version="1.4"><body/></tmx>', SCHEMAS_DIR)
    assert problems and all(problem.startswith("line 1: ") for problem in problems)
    assert get_format("csv").validate(b"anything", SCHEMAS_DIR) == []


class _ReportOnly(BilingualFormat):
    name = "report"
    label = "QA report"
    extensions = (".html",)

    def write(self, store: Store) -> bytes:
        return "".join(f"<p>{unit.source}</p>" for unit in store).encode()


def test_a_write_only_format_says_in_one_line_that_it_cannot_read() -> None:
    report = _ReportOnly()
    assert report.can_write and not report.can_read
    assert report.write(Store([Unit("Một.")])) == "<p>Một.</p>".encode()
    error = one_line_error(report.read, b"<p/>", "r.html")
    assert (error.code, str(error)) == (
        "format.cannot_read",
        "songngu does not read QA report files",
    )


def test_two_formats_that_read_may_not_claim_one_extension_of_a_kind() -> None:
    class Other(BilingualFormat):
        name = "other"
        label = "Other"
        extensions = (".tmx",)

        def read(
            self, data: bytes, filename: str, *, source_lang: str = "vi", target_lang: str = "en"
        ) -> Store:
            return Store()

    with pytest.raises(RuntimeError, match="both claim .tmx"):
        registry._check_unique((get_format("tmx"), Other()))
    with pytest.raises(RuntimeError, match="same name"):
        registry._check_unique((get_format("tmx"), get_format("tmx")))


def test_a_format_that_does_not_claim_its_extensions_leaves_them_to_another() -> None:
    class Quiet(BilingualFormat):
        name = "quiet"
        label = "Quiet"
        extensions = (".tmx",)
        claims_extensions = False

    registry._check_unique((get_format("tmx"), Quiet()))  # no error: only tmx claims .tmx
    # XLIFF 2.1 files are named .xlf too; the name picks XLIFF 1.2, which reads both.
    assert format_for_filename("bản dịch.XLF").name == "xliff12"  # type: ignore[union-attr]
    assert format_for_filename("bản dịch.xliff").name == "xliff12"  # type: ignore[union-attr]


def test_a_write_only_format_may_share_an_extension_and_the_reader_is_found_for_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target, review = get_format("docx"), get_format("bilingual-docx")
    assert not target.can_read and review.can_read
    # The review table reads .docx back; the target DOCX only writes one.
    assert format_for_filename("Báo cáo.DOCX", "bilingual") is review
    # Without the reader, the write-only format is the one the extension names.
    monkeypatch.setattr(registry, "_builtin_formats", lambda: (target,))
    assert format_for_filename("Báo cáo.docx", "bilingual") is target


def test_the_schemas_setting_is_resolved_in_one_place(monkeypatch: pytest.MonkeyPatch) -> None:
    checkout = Path(registry.__file__).resolve().parents[1]
    monkeypatch.setenv("SONGNGU_SCHEMAS_DIR", "elsewhere/schemas")
    assert schemas_dir() == checkout / "elsewhere" / "schemas"
    monkeypatch.setenv("SONGNGU_SCHEMAS_DIR", "/opt/schemas")
    assert schemas_dir() == Path("/opt/schemas")
    monkeypatch.delenv("SONGNGU_SCHEMAS_DIR")
    assert schemas_dir() == (checkout.parent / "shared" / "schemas").resolve()
