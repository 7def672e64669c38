"""Size limits applied while reading source files, so a hostile file cannot exhaust memory.

The defaults admit a report of a few thousand pages and refuse bombs. Every limit is checked before the
corresponding data is read (from declared sizes) and again while streaming (from the bytes
actually produced), since zip headers can lie.
"""

from __future__ import annotations

from dataclasses import dataclass

KIB = 1024
MIB = 1024 * KIB


@dataclass(frozen=True)
class IntakeLimits:
    """Limits for one imported file.

    max_file_bytes: size of the uploaded file itself (100 MiB).
    max_text_bytes: size of a .txt/.md file (20 MiB, about 3,000 pages of dense report text).
    max_zip_entries: members in a DOCX zip (5,000).
    max_part_bytes: uncompressed size of one zip member (100 MiB).
    max_total_bytes: uncompressed size of all members together (300 MiB).
    max_compression_ratio: uncompressed / compressed size of a member (100, as Apache
        POI's ZipSecureFile), enforced only above ``ratio_allowance_bytes`` (100 KiB, as
        POI), because tiny members legitimately compress very well.
    max_paragraphs: paragraphs (DOCX ``w:p``) or lines with text (TXT/Markdown) in one
        file (250,000; a 300-page report has about 10,000). TXT/Markdown may have at most
        four times as many lines counting blank ones.
    max_xml_elements: XML elements in one DOCX part (10,000,000), which bounds the work
        spent on a single part.
    max_held_elements: XML elements held in memory at once while streaming a part, i.e.
        in one paragraph outside tables (200,000; a real paragraph has a few hundred).
        Finished paragraphs are freed, so this bounds memory for a part full of runs.
    """

    max_file_bytes: int = 100 * MIB
    max_text_bytes: int = 20 * MIB
    max_zip_entries: int = 5_000
    max_part_bytes: int = 100 * MIB
    max_total_bytes: int = 300 * MIB
    max_compression_ratio: float = 100.0
    ratio_allowance_bytes: int = 100 * KIB
    max_paragraphs: int = 250_000
    max_xml_elements: int = 10_000_000
    max_held_elements: int = 200_000


DEFAULT_LIMITS = IntakeLimits()
