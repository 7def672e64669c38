"""The target DOCX as another office suite reads it: LibreOffice, headless, converts the
source and the target; every story's English is there and the Vietnamese is gone.

LibreOffice (Debian's libreoffice-writer-nogui) is installed by scripts/system-deps, which
`make test` runs; a missing soffice fails these tests rather than skipping them, so CI
never passes without them. Each test uses its own LibreOffice profile folder.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from songngu_testing.rich_docx import ENGLISH, rich_report

from exporters.docx_target import write_target_docx
from primitives.block_ref import BlockRef
from primitives.inline import plain
from primitives.statuses import Status
from primitives.units import Store, Unit
from workflow.intake import read_source
from workflow.segment_drafts import segment_blocks
from workflow.vietnamese.segmenter import SegmentationRules

pytestmark = pytest.mark.libreoffice

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail(
            "LibreOffice is not installed: run scripts/system-deps (make test does) or "
            "apt-get install libreoffice-writer-nogui"
        )
    return found


def _convert(files: list[Path], target: str, profile: Path, out: Path) -> None:
    subprocess.run(
        [
            _soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )


def _normal(text: str) -> str:
    return " ".join(text.split())


def _remove_keeping_tail(element: etree._Element) -> None:
    """Remove an element but not the text that follows it (its tail, in lxml)."""
    parent, previous, tail = element.getparent(), element.getprevious(), element.tail or ""
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def _odt_text(path: Path) -> str:
    """The text of every paragraph LibreOffice made of the document (body, tables, text
    frames, notes in content.xml; headers and footers of every page style in styles.xml),
    comments left out: they stay as the reviewers wrote them."""
    paragraphs = []
    with zipfile.ZipFile(path) as archive:
        for name in ("content.xml", "styles.xml"):
            root = etree.fromstring(archive.read(name))
            for annotation in list(root.iter(f"{{{OFFICE}}}annotation")):
                _remove_keeping_tail(annotation)
            for paragraph in root.iter(f"{{{TEXT}}}p", f"{{{TEXT}}}h"):
                paragraphs.append("".join(paragraph.itertext()))
    return _normal("\n".join(paragraphs))


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """Source and target DOCX, converted to text and to ODT: their texts by kind."""
    folder = tmp_path_factory.mktemp("libreoffice")
    source = rich_report()
    drafts = segment_blocks(read_source(source, "bao-cao.docx").blocks, SegmentationRules.default())
    units = [
        Unit(d.source, ENGLISH[d.source], id=n, codes=d.codes, ref=BlockRef.parse(d.ref))
        for n, d in enumerate(drafts, 1)
    ]
    for unit in units:
        unit.status = Status.APPROVED
    target = write_target_docx(Store(units, original=source)).data
    files = [folder / "source.docx", folder / "target.docx"]
    files[0].write_bytes(source)
    files[1].write_bytes(target)
    profile, out = folder / "profile", folder / "out"
    _convert(files, "txt:Text", profile, out)
    _convert(files, "odt", profile, out)
    return {
        name: {
            "txt": _normal((out / f"{name}.txt").read_text("utf-8-sig")),
            "odt": _odt_text(out / f"{name}.odt"),
        }
        for name in ("source", "target")
    }


def _english() -> list[str]:
    return [_normal(plain(text)) for text in ENGLISH.values()]


def _vietnamese() -> list[str]:
    return [_normal(plain(text)) for text in ENGLISH]


def test_libreoffice_text_of_the_body_is_english(converted: dict[str, dict[str, str]]) -> None:
    target, source = converted["target"]["txt"], converted["source"]["txt"]
    for english in ("Annual summary report 2024", "Revenue rose sharply in 2024.", "Indicator"):
        assert english in target and english not in source
    for vietnamese in ("Báo cáo tổng kết năm 2024", "Doanh thu tăng mạnh", "Chỉ tiêu"):
        assert vietnamese in source and vietnamese not in target


def test_libreoffice_finds_every_story_in_english_and_no_vietnamese_left(
    converted: dict[str, dict[str, str]],
) -> None:
    target, source = converted["target"]["odt"], converted["source"]["odt"]
    missing = [text for text in _english() if text not in target]
    assert missing == []
    left = [text for text in _vietnamese() if text in target]
    assert left == []
    # The same check finds the Vietnamese in the source, headers, notes and text box too.
    assert [text for text in _vietnamese() if text not in source] == []
    assert "Text inside the text box." in target and "First page of part two" in target
