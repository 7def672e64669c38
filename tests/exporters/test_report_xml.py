"""The partner report XML: valid against songngu's own XSD, Dublin Core in its namespace,
segments with their codes and stamps, the approval record and the QA summary; read by
Python's own XML reader, and the schema refuses what it should."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from contract import BilingualContract

from exporters.registry import get_format
from exporters.report_xml import (
    DC,
    NS,
    SCHEMA_FILE,
    QACount,
    QASummary,
    ReportContext,
    report_problems,
    write_report,
)
from primitives.statuses import Origin, Status
from primitives.units import Store, Unit

# Pure code: SQLite half only (tests/conftest.py).
pytestmark = pytest.mark.database_free

R = f"{{{NS}}}"


def _store() -> Store:
    return Store(
        [
            Unit(
                "Nhấn <g1>Lưu</g1> để ghi.<x2/>",
                "Press <g1>Save</g1> to write.<x2/>",
                id=12,
                version=3,
                status=Status.APPROVED,
                origin=Origin.MT,
                score=0.82,
                codes={"1": {"type": "paired", "kind": "bold"}, "2": {"kind": "line_break"}},
                props={
                    "translated_by": "tran",
                    "translated_at": "2026-05-01T10:00:00Z",
                    "reviewed_by": "rev",
                    "reviewed_at": "2026-05-02T10:00:00Z",
                    "approved_by": "ed",
                    "approved_at": "2026-05-03T10:00:00Z",
                },
            ),
            Unit(
                "Doanh thu <g1>tăng</g2>.",  # broken tags stay visible
                "Revenue rose.",
                id=13,
                version=2,
                status=Status.TRANSLATED,
                # An approval that was reopened since is not the segment's any more.
                props={"translated_by": "tran", "approved_by": "ed", "approved_at": "x"},
            ),
        ],
        metadata={
            "title": "Báo cáo tổng kết 2022",
            "creator": "Sở KH&CN Đà Nẵng",
            "date": "2022-08-09",
            "language": "vi-VN",
            "rights": "© 2022",
            "source": "bao-cao.docx",
        },
        props={
            "project": "Báo cáo",
            "document_id": "4",
            "revision": "2",
            "target_language": "en-GB",
        },
    )


def _context(**changes: object) -> ReportContext:
    values: dict[str, object] = {
        "export_id": "e3f1a9c2b7d4",
        "exported_at": "2026-05-14T09:30:00Z",
        "exported_by": "ed",
        "project": "Báo cáo",
        "partner": "USAID",
        "partner_settings": {"english_variant": "UK", "glossaries": ["official-names"]},
        "qa": QASummary(
            True,
            (
                QACount("number-mismatch", "error", 2, 1),
                QACount("double-space", "warning", 5, 0),
                QACount("glossary", "error", 1, 0),
            ),
        ),
    }
    values.update(changes)
    return ReportContext(**values)  # type: ignore[arg-type]


class TestReportXML(BilingualContract):
    format_name = "report-xml"

    def test_the_schema_ships_with_the_package(self) -> None:
        assert SCHEMA_FILE.is_file() and (SCHEMA_FILE.parent / "dc.xsd").is_file()
        assert self.fmt.schema_path(Path("/nowhere")) == SCHEMA_FILE
        assert not self.fmt.can_read

    def test_a_full_report_is_valid_and_reads_with_another_parser(self) -> None:
        data = write_report([_store()], _context())
        assert report_problems(data) == []
        root = ElementTree.fromstring(data)  # Python's own reader, not lxml
        assert root.tag == f"{R}report" and root.get("version") == "1.0"
        export = root.find(f"{R}export")
        assert (export.get("id"), export.get("at"), export.get("by")) == (
            "e3f1a9c2b7d4",
            "2026-05-14T09:30:00Z",
            "ed",
        )
        partner = root.find(f"{R}project/{R}partner")
        assert partner.get("name") == "USAID"
        assert {s.get("name"): s.text for s in partner} == {
            "english_variant": "UK",
            "glossaries": '["official-names"]',
        }
        metadata = root.find(f"{R}documents/{R}document/{R}metadata")
        assert metadata.find(f"{{{DC}}}title").text == "Báo cáo tổng kết 2022"
        assert metadata.find(f"{{{DC}}}creator").text == "Sở KH&CN Đà Nẵng"
        assert metadata.find(f"{{{DC}}}date").text == "2022-08-09"
        assert metadata.find(f"{{{DC}}}language").text == "vi-VN"
        assert metadata.find(f"{R}target-language").text == "en-GB"

    def test_segments_carry_codes_status_and_who_gave_it_when(self) -> None:
        root = ElementTree.fromstring(write_report([_store()], _context()))
        first, second = root.iter(f"{R}segment")
        assert first.attrib == {
            "id": "12",
            "position": "1",
            "status": "approved",
            "source-hash": _store().units[0].source_hash,
            "origin": "mt",
            "version": "3",
            "score": "0.8200",
        }
        target = first.find(f"{R}target")
        assert "".join(target.itertext()) == "Press Save to write."
        assert target.find(f"{R}g").attrib == {"id": "1", "kind": "bold"}
        assert target.find(f"{R}x").attrib == {"id": "2", "kind": "line_break"}
        assert [(s.get("status"), s.get("by"), s.get("at")) for s in first.iter(f"{R}stamp")] == [
            ("translated", "tran", "2026-05-01T10:00:00Z"),
            ("reviewed", "rev", "2026-05-02T10:00:00Z"),
            ("approved", "ed", "2026-05-03T10:00:00Z"),
        ]
        assert [s.get("status") for s in second.iter(f"{R}stamp")] == ["translated"]
        broken = [tag.attrib for tag in second.find(f"{R}source").iter(f"{R}tag")]
        assert broken == [{"id": "1", "kind": "open"}, {"id": "2", "kind": "close"}]

    def test_the_approval_record_and_the_qa_summary(self) -> None:
        root = ElementTree.fromstring(write_report([_store()], _context()))
        approval = root.find(f"{R}approval")
        assert approval.attrib == {"state": "partial", "segments": "2", "approved": "1"}
        assert [a.attrib for a in approval] == [
            {
                "name": "ed",
                "segments": "1",
                "first": "2026-05-03T10:00:00Z",
                "last": "2026-05-03T10:00:00Z",
            }
        ]
        summary = root.find(f"{R}qa-summary")
        assert (summary.get("available"), summary.get("errors"), summary.get("warnings")) == (
            "true",
            "3",
            "5",
        )
        assert [(c.get("check"), c.get("severity")) for c in summary] == [
            ("glossary", "error"),
            ("number-mismatch", "error"),
            ("double-space", "warning"),
        ]

    def test_without_qa_the_summary_is_empty_and_valid(self) -> None:
        data = write_report([_store()], _context(qa=QASummary()))
        assert report_problems(data) == []
        summary = ElementTree.fromstring(data).find(f"{R}qa-summary")
        assert summary.attrib == {
            "available": "false",
            "errors": "0",
            "warnings": "0",
            "infos": "0",
        }
        assert list(summary) == []

    def test_every_approved_means_complete(self) -> None:
        store = _store()
        for unit in store:
            unit.status = Status.APPROVED
        approval = ElementTree.fromstring(write_report([store])).find(f"{R}approval")
        assert approval.get("state") == "complete"
        assert (
            ElementTree.fromstring(write_report([Store()])).find(f"{R}approval").get("state")
            == "none"
        )

    def test_the_schema_refuses_a_broken_report(self) -> None:
        data = write_report([_store()], _context())
        for broken in (
            data.replace(b'status="approved"', b'status="done"', 1),
            data.replace(b'source-hash="', b'source-hash="zz', 1),
            data.replace(b'id="13"', b'id="12"'),  # two segments with one id
            data.replace(b"<dc:title>", b"<dc:titel>").replace(b"</dc:title>", b"</dc:titel>"),
            data.replace(b'at="2026-05-01T10:00:00Z"', b'at="1 May 2026"'),
            data.replace(b"<qa-summary", b"<qa-sumary").replace(b"</qa-summary", b"</qa-sumary"),
        ):
            assert broken != data and report_problems(broken), broken[:300]
        assert get_format("report-xml").validate(b"<report/>", Path("/x"))

    def test_the_same_project_gives_the_same_bytes(self) -> None:
        assert write_report([_store()], _context()) == write_report([_store()], _context())
        later = write_report([_store()], _context(exported_at="2026-05-15T08:00:00Z"))
        assert later.replace(b"2026-05-15T08:00:00Z", b"2026-05-14T09:30:00Z") == write_report(
            [_store()], _context()
        )
