"""One call per run into the legacy-encoding repair (workflow.vietnamese.encodings).

The DOCX reader calls :meth:`RunRepairer.repair` once per merged run with the run's font
(the strongest evidence of TCVN3/VNI text); TXT/Markdown call it per text piece without a
font. Every change is counted in the repair report shown to the user.
"""

from __future__ import annotations

from workflow.vietnamese.encodings import RepairReport, repair_text


class RunRepairer:
    """Repairs run texts and collects the report lines for one document."""

    def __init__(self) -> None:
        self._report = RepairReport()

    def repair(self, text: str, font_hint: str | None) -> str:
        """Return the run's text repaired (legacy encodings, mojibake, controls), in NFC."""
        if not text:
            return text
        result = repair_text(text, font_hint)
        self._report.add(result)
        return result.text

    def lines(self) -> list[str]:
        return self._report.lines()
