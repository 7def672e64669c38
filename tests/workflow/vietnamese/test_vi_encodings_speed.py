"""A 10,000-paragraph document repairs in a few seconds of CPU (cheap checks first)."""

from __future__ import annotations

import time

from workflow.vietnamese.encodings import repair_text
from workflow.vietnamese.legacy_encode import encode_tcvn3

PARAGRAPH = (
    "Thủ tướng Chính phủ đã ký quyết định thành lập Hội đồng quốc gia về giáo dục và phát "
    "triển nhân lực, nhiệm kỳ 2021-2026; Uỷ ban nhân dân tỉnh Quảng Ngãi báo cáo kết quả "
    "chuyển đổi số năm 2025 (tăng 6,5% so với cùng kỳ)."
)


def cpu_seconds(paragraphs: list[str], font: str | None = None) -> float:
    started = time.thread_time()
    for paragraph in paragraphs:
        repair_text(paragraph, font)
    return time.thread_time() - started


def test_ten_thousand_unicode_paragraphs_take_the_cheap_path() -> None:
    # Every paragraph differs, as in a real document; words repeat, as they do in real text.
    paragraphs = [f"{PARAGRAPH} Mục {index}." for index in range(10_000)]
    assert cpu_seconds(paragraphs) < 3.0


def test_ten_thousand_tcvn3_runs_with_their_font() -> None:
    legacy = encode_tcvn3(PARAGRAPH.lower())
    paragraphs = [f"{legacy} {index}" for index in range(10_000)]
    assert repair_text(paragraphs[0], ".VnTime").text.startswith("thủ tướng chính phủ")
    assert cpu_seconds(paragraphs, ".VnTime") < 3.0


def test_thousand_tcvn3_paragraphs_without_a_font_use_content_statistics() -> None:
    legacy = encode_tcvn3(PARAGRAPH.lower())
    paragraphs = [f"{legacy} {index}" for index in range(1_000)]
    assert repair_text(paragraphs[0]).encoding == "tcvn3"
    assert cpu_seconds(paragraphs) < 3.0
