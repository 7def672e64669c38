"""Size limits for reading a DOCX package, so a hostile file cannot exhaust memory.

The intake's limits (``workflow.intake.limits.IntakeLimits``) extend these with the size of
the uploaded file and of text files, and fill them from the settings; exporters read no
settings, so the target DOCX opens its original (already vetted at import) with the
defaults.
"""

from __future__ import annotations

from dataclasses import dataclass

KIB = 1024
MIB = 1024 * KIB

# The settings (read by workflow.settings) that change these limits, named in refusals so an
# admin knows what to raise.
UPLOAD_MB_SETTING = "SONGNGU_MAX_UPLOAD_MB"
ZIP_RATIO_SETTING = "SONGNGU_MAX_ZIP_RATIO"
PARAGRAPHS_SETTING = "SONGNGU_MAX_PARAGRAPHS"


@dataclass(frozen=True)
class DocxLimits:
    """Limits for one DOCX package.

    max_zip_entries: members in a DOCX zip (5,000).
    max_part_bytes: uncompressed size of one zip member (100 MiB).
    max_total_bytes: uncompressed size of all members together (300 MiB).
    max_compression_ratio: uncompressed / compressed size of a member (100, as Apache
        POI's ZipSecureFile), enforced only above ``ratio_allowance_bytes`` (100 KiB, as
        POI), because tiny members legitimately compress very well.
    max_paragraphs: paragraphs (``w:p``) in one DOCX, comments included (250,000; a
        300-page report has about 10,000); the intake applies it to the lines of TXT and
        Markdown files too.
    max_xml_elements: XML elements in one DOCX part (10,000,000), which bounds the work
        spent on a single part.
    max_held_elements: XML elements held in memory at once while streaming a part, i.e.
        in one paragraph outside tables (200,000; a real paragraph has a few hundred).
        Finished paragraphs are freed, so this bounds memory for a part full of runs.
    """

    max_zip_entries: int = 5_000
    max_part_bytes: int = 100 * MIB
    max_total_bytes: int = 300 * MIB
    max_compression_ratio: float = 100.0
    ratio_allowance_bytes: int = 100 * KIB
    max_paragraphs: int = 250_000
    max_xml_elements: int = 10_000_000
    max_held_elements: int = 200_000


DEFAULT_DOCX_LIMITS = DocxLimits()
