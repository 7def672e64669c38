"""The contract every file format keeps; each format's test class inherits one of these.

As translate-toolkit's ``test_base.py`` for its stores: a format's tests subclass
:class:`BilingualContract` or :class:`TermsContract` and name the format; they get, for
free, the registry checks, the round trip of a sample with the characters and inline
codes that break careless writers, validation against the official schema when the
standard publishes one, and one-line InvalidInput for bad files (empty, not the format,
truncated and, for XML formats, entity declarations in UTF-8 and UTF-16). A subclass adds
what its format keeps beyond source and target (``kept``) and its own cases.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from songngu_testing import SCHEMAS_DIR

from exporters.registry import (
    BilingualFormat,
    Format,
    TermsFormat,
    format_for_filename,
    get_format,
)
from primitives.errors import InvalidInput, SongnguError
from primitives.terms import GlossaryEntry, TermStatus
from primitives.units import Store, Unit

# Text that breaks careless escaping, quoting or normalisation (after translate-toolkit's
# test_escapes), in Vietnamese and English.
SPECIAL_TEXTS = [
    "Cá & khoai tây",
    "năm < sáu",
    "sáu > năm",
    "năm &lt; sáu",
    "Dùng &nbsp;",
    'Một "giải pháp"',
    "skop 'n bal",
    '"""',
    "'''",
    "µ, đ, Đ, ư, ơ, ỹ",
    "tab\there",
    "\\n is not a newline",
    "a\\b",
    "]]> ends CDATA",
    "-- in a comment",
]

# Tagged texts a bilingual format must keep: nested and standalone codes, codes at the
# edges, a code right after a letter.
TAGGED_PAIRS = [
    ("Nhấn <g1>Lưu</g1> để ghi.<x2/>", "Press <g1>Save</g1> to write.<x2/>"),
    ("<g1>Một <g2>hai</g2> ba</g1>", "<g1>One <g2>two</g2> three</g1>"),
    ("<x1/>Đầu dòng và cuối<x2/>", "<x1/>Start and end<x2/>"),
    ("Chú thích1<x3/>", "Note1<x3/>"),
]


def one_line_error(
    call: Any, *args: Any, expected: type[SongnguError] = InvalidInput, **kwargs: Any
) -> SongnguError:
    """The error (InvalidInput unless told) call(*args) raises; its message is one line."""
    with pytest.raises(expected) as caught:
        call(*args, **kwargs)
    message = str(caught.value)
    assert message and "\n" not in message and "Traceback" not in message, message
    return caught.value


def entity_bomb(document: bytes) -> str:
    """The document (UTF-8) with an internal DTD declaring a small entity bomb."""
    text = document.decode("utf-8")
    declaration = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    if text.startswith("<?xml"):
        end = text.index("?>") + 2
        body = text[end:]
        if "<!DOCTYPE" in body:  # replace the format's own bare DOCTYPE
            start = body.index("<!DOCTYPE")
            body = body[:start] + body[body.index(">", start) + 1 :]
        return text[:end] + declaration + body
    return declaration + text


class FormatContract:
    """What every format keeps: set ``format_name``."""

    format_name: ClassVar[str]
    is_xml: ClassVar[bool] = True

    @property
    def fmt(self) -> Format:
        return get_format(self.format_name)

    def sample_bytes(self) -> bytes:
        """A file of the format, for the bad-input cases built from it (each kind's
        contract below writes its sample)."""
        raise NotImplementedError

    def read(self, data: bytes, filename: str) -> Any:
        return self.fmt.read(data, filename)

    def test_registered_by_name_and_extensions(self) -> None:
        fmt = self.fmt
        assert fmt.name == self.format_name and fmt.label and fmt.extensions
        assert get_format(self.format_name.upper()) is fmt
        for extension in fmt.extensions:
            assert extension == extension.lower() and extension.startswith(".")
            chosen = format_for_filename(f"Báo cáo{extension.upper()}", fmt.kind)
            if fmt.claims_extensions or not fmt.can_read:
                # a write-only format is found by its extension when no reader claims it
                assert chosen is fmt or (
                    not fmt.can_read and chosen is not None and chosen.can_read
                )
            else:  # the format the name picks reads this one's files as this one does
                assert chosen is not None and chosen is not fmt and chosen.can_read
                if fmt.can_read and fmt.can_write:
                    data = self.sample_bytes()
                    assert list(chosen.read(data, f"x{extension}")) == list(
                        self.read(data, f"x{extension}")
                    )

    def test_declared_schema_exists(self) -> None:
        path = self.fmt.schema_path(SCHEMAS_DIR)
        if path is not None:
            assert path.is_file(), f"{path}: set SONGNGU_SCHEMAS_DIR"

    def test_empty_file_is_one_line_invalid_input(self) -> None:
        if not self.fmt.can_read:
            one_line_error(self.read, b"", "empty.x")
            return
        for data in (b"", b"   \n"):
            assert "empty.x" in str(one_line_error(self.read, data, "empty.x"))

    def test_file_of_another_kind_is_one_line_invalid_input(self) -> None:
        if not self.fmt.can_read:
            return
        for data in (
            b"not the format at all",
            b"\x00\x01\x02\xff\xfe binary",
            b"PK\x03\x04 a zip",
            b'<?xml version="1.0"?><html><body>web page</body></html>',
        ):
            assert "other.x" in str(one_line_error(self.read, data, "other.x"))

    def test_truncated_file_is_one_line_invalid_input(self) -> None:
        if not (self.is_xml and self.fmt.can_read):  # a cut CSV can be a shorter valid one
            return
        data = self.sample_bytes()
        for cut in (len(data) // 3, len(data) // 2, len(data) - 8):
            one_line_error(self.read, data[:cut], "cut.x")

    def test_entity_declarations_are_refused_in_utf8_and_utf16(self) -> None:
        if not (self.is_xml and self.fmt.can_read):
            return
        bomb = entity_bomb(self.sample_bytes())
        utf16 = bomb.replace('encoding="UTF-8"', 'encoding="UTF-16"').replace(
            "encoding='UTF-8'", "encoding='UTF-16'"
        )
        for data in (bomb.encode("utf-8"), utf16.encode("utf-16"), utf16.encode("utf-16-be")):
            error = one_line_error(self.read, data, "bomb.x")
            assert "entities" in str(error)


class BilingualContract(FormatContract):
    """A format of units. ``kept`` names the unit fields the format keeps beyond source
    and target (compared after a round trip)."""

    kept: ClassVar[tuple[str, ...]] = ()

    @property
    def fmt(self) -> BilingualFormat:
        return get_format(self.format_name, "bilingual")

    def sample_store(self) -> Store:
        units = [
            Unit(source, target, id=f"u{n}") for n, (source, target) in enumerate(TAGGED_PAIRS, 1)
        ]
        units += [
            Unit(f"Nguồn: {text}", f"Target: {text}", id=f"s{n}")
            for n, text in enumerate(SPECIAL_TEXTS, 1)
        ]
        return Store(units, source_lang="vi", target_lang="en", metadata={"title": "Mẫu"})

    def sample_bytes(self) -> bytes:
        return self.fmt.write(self.sample_store())

    def read(self, data: bytes, filename: str) -> Store:
        return self.fmt.read(data, filename, source_lang="vi", target_lang="en")

    def comparable(self, unit: Unit) -> tuple[Any, ...]:
        return (unit.source, unit.target, *(getattr(unit, name) for name in self.kept))

    def test_round_trip_keeps_texts_codes_and_what_the_format_keeps(self) -> None:
        if not (self.fmt.can_read and self.fmt.can_write):
            return
        store = self.sample_store()
        back = self.read(self.fmt.write(store), "back.x")
        assert [self.comparable(u) for u in back] == [self.comparable(u) for u in store]

    def test_written_file_is_valid_against_the_official_schema(self) -> None:
        if not self.fmt.can_write or self.fmt.schema is None:
            return
        assert self.fmt.validate(self.fmt.write(self.sample_store()), SCHEMAS_DIR) == []

    def test_writing_an_empty_store_gives_a_readable_file(self) -> None:
        if not self.fmt.can_write:
            return
        data = self.fmt.write(Store())
        if self.fmt.schema is not None:
            assert self.fmt.validate(data, SCHEMAS_DIR) == []
        if self.fmt.can_read:
            assert list(self.read(data, "empty-store.x")) == []


class TermsContract(FormatContract):
    """A format of glossary entries."""

    @property
    def fmt(self) -> TermsFormat:
        return get_format(self.format_name, "terms")

    def sample_entries(self) -> list[GlossaryEntry]:
        entries = [
            GlossaryEntry(
                "Ủy ban nhân dân",
                "People's Committee",
                variants=("PC",),
                pos="noun",
                note="Cấp tỉnh & huyện",
                domain="hành chính",
                origin="Nghị định 08/2016",
                date="2024-05-01",
            ),
            GlossaryEntry("UBND", "PC", status=TermStatus.ADMITTED, case_sensitive=True),
            GlossaryEntry("Bộ Công an", "Ministry of Police", status=TermStatus.FORBIDDEN),
            GlossaryEntry("Hà Nội", "", status=TermStatus.DO_NOT_TRANSLATE, scope="project"),
            GlossaryEntry(
                "Bộ Thông tin và Truyền thông",
                "Ministry of Information and Communications",
                valid_until="2025-03-01",
                status=TermStatus.ADMITTED,
            ),
        ]
        entries += [
            GlossaryEntry(f"nguồn {n}: {text}", f"target {n}: {text}")
            for n, text in enumerate(SPECIAL_TEXTS, 1)
            if "\t" not in text  # a term is one line of single spaces
        ]
        return entries

    def sample_bytes(self) -> bytes:
        return self.fmt.write(self.sample_entries(), title="Mẫu")

    def test_round_trip_keeps_every_entry(self) -> None:
        if not (self.fmt.can_read and self.fmt.can_write):
            return
        entries = self.sample_entries()
        assert self.fmt.read(self.fmt.write(entries, title="Mẫu"), "back.x") == entries

    def test_written_file_is_valid_against_the_official_schema(self) -> None:
        if not self.fmt.can_write or self.fmt.schema is None:
            return
        data = self.fmt.write(self.sample_entries(), title="Mẫu")
        assert self.fmt.validate(data, SCHEMAS_DIR) == []
