"""TM fuzzy lookup: candidate index against an exhaustive rapidfuzz scan, in one run.

Builds a memory of 100,000 varied Vietnamese units from the Tatoeba corpus's Vietnamese
column (CC-BY 2.0 FR, tatoeba.org via manythings.org/anki) combined with templates,
names, places, numbers and dates, then asks 1,000 queries (perturbed units and sentences
never stored). Reports median and p95 time of the top 5 matches >= 70 for the index and
for `rapidfuzz.process.extract` over every unit with the same scorer, the speed-up, how
often both give the same best match, index build time and memory.

Run: .venv/bin/python -m benchmarks.tm_fuzzy [--units N] [--queries N]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time

from rapidfuzz import fuzz, process

from benchmarks import CORPUS
from workflow.tm.index import FuzzyIndex
from workflow.tm.keys import tm_key
from workflow.tm.model import TMUnit

MIN_SCORE = 70.0
LIMIT = 5

NAMES = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Hoàng Cường",
    "Phạm Minh Đức",
    "Hoàng Thu Hà",
    "Vũ Quốc Hùng",
    "Đặng Thị Lan",
    "Bùi Xuân Mai",
    "Đỗ Thanh Nam",
    "Hồ Ngọc Phương",
    "Ngô Bảo Quỳnh",
    "Dương Văn Sơn",
    "Lý Thị Thảo",
    "Trịnh Công Tuấn",
    "Mai Anh Vũ",
]
PLACES = [
    "Hà Nội",
    "TP. Hồ Chí Minh",
    "Đà Nẵng",
    "Hải Phòng",
    "Cần Thơ",
    "Huế",
    "Nha Trang",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Lâm Đồng",
    "Bình Dương",
    "Đồng Nai",
    "Khánh Hòa",
]
BODIES = [
    "Bộ Tài chính",
    "Bộ Y tế",
    "Bộ Giáo dục và Đào tạo",
    "Ủy ban nhân dân tỉnh",
    "Quốc hội",
    "Sở Kế hoạch và Đầu tư",
    "Hội đồng nhân dân thành phố",
    "Bộ Khoa học và Công nghệ",
]
TEMPLATES = [
    "{s}",
    "{s}",
    "Theo {name}, {s_lower}",
    "Tại {place}, {s_lower}",
    "Năm {year}, {s_lower}",
    "{s} Điều này xảy ra vào ngày {day}/{month}/{year}.",
    "{body} cho biết tổng vốn đạt {amount} tỷ đồng trong quý {quarter}/{year}.",
    "{name} nói rằng: {s_lower}",
    "{s} {s2}",
    "Ngày {day}/{month}/{year}, {body} đã họp tại {place} với {count} đại biểu.",
    "Tỷ lệ tăng trưởng của {place} đạt {rate}% trong năm {year}.",
    "{name} đã đến {place} lúc {hour} giờ sáng và gặp {name2}.",
    "Nghị quyết số {count}/{year}/NQ-CP của Chính phủ về {topic} tại {place}.",
]
TOPICS = [
    "chuyển đổi số",
    "kinh tế số",
    "phát triển nông thôn",
    "giáo dục đại học",
    "bảo vệ môi trường",
    "y tế cơ sở",
    "hạ tầng giao thông",
    "du lịch bền vững",
]
FILLERS = ["rất", "cũng", "đã", "vẫn", "thật sự", "hôm nay", "ngay", "lại", "chỉ", "đều"]


def _load_sentences() -> list[str]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [line.split("\t", 1)[0].strip() for line in lines if "\t" in line]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _fill(template: str, sentences: list[str], rng: random.Random) -> str:
    first, second = rng.choice(sentences), rng.choice(sentences)
    return template.format(
        s=first,
        s_lower=_lower_first(first),
        s2=second,
        name=rng.choice(NAMES),
        name2=rng.choice(NAMES),
        place=rng.choice(PLACES),
        body=rng.choice(BODIES),
        topic=rng.choice(TOPICS),
        year=rng.randint(1990, 2030),
        day=rng.randint(1, 28),
        month=rng.randint(1, 12),
        quarter=rng.choice(["I", "II", "III", "IV"]),
        amount=f"{rng.randint(1, 999)}.{rng.randint(0, 999):03d}",
        rate=f"{rng.randint(1, 15)},{rng.randint(0, 9)}",
        count=rng.randint(2, 500),
        hour=rng.randint(5, 11),
    )


def _perturb(text: str, rng: random.Random) -> str:
    """One to three word-level edits: change a number, drop, insert or swap a word."""
    words = text.split()
    for _ in range(rng.randint(1, 3)):
        if len(words) < 3:
            break
        edit = rng.random()
        position = rng.randrange(len(words))
        if edit < 0.25 and any(char.isdigit() for char in text):
            digits = [i for i, word in enumerate(words) if any(c.isdigit() for c in word)]
            if digits:
                position = rng.choice(digits)
                words[position] = str(rng.randint(1, 2030)) + words[position][-1:].strip(
                    "0123456789"
                )
                continue
        if edit < 0.5:
            del words[position]
        elif edit < 0.75:
            words.insert(position, rng.choice(FILLERS))
        else:
            other = rng.randrange(len(words))
            words[position], words[other] = words[other], words[position]
    return " ".join(words)


def build_data(unit_count: int, query_count: int, seed: int = 7) -> tuple[list[TMUnit], list[str]]:
    """Units from 90% of the corpus; queries: 70% perturbed units, 30% from the unseen 10%."""
    rng = random.Random(seed)
    sentences = _load_sentences()
    rng.shuffle(sentences)
    held_out = len(sentences) // 10
    unseen, seen = sentences[:held_out], sentences[held_out:]
    units = [
        TMUnit(source=_fill(rng.choice(TEMPLATES), seen, rng), target="(English)", unit_id=index)
        for index in range(unit_count)
    ]
    perturbed = int(query_count * 0.7)
    queries = [_perturb(rng.choice(units).source, rng) for _ in range(perturbed)]
    queries += [_fill(rng.choice(TEMPLATES), unseen, rng) for _ in range(query_count - perturbed)]
    rng.shuffle(queries)
    return units, queries


def _rss_mib() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(unit_count: int, query_count: int) -> dict[str, float]:
    units, queries = build_data(unit_count, query_count)
    rss_before = _rss_mib()
    started = time.perf_counter()
    index = FuzzyIndex(units)
    index.lookup(units[0].source)  # the first lookup packs the postings
    build_seconds = time.perf_counter() - started
    index_mib = _rss_mib() - rss_before

    keys = [tm_key(unit.source) for unit in units]
    index_times: list[float] = []
    scan_times: list[float] = []
    same_best = 0
    both_found = 0
    for query in queries:
        started = time.perf_counter()
        index.lookup(query, min_score=MIN_SCORE, limit=LIMIT)
        index_times.append(time.perf_counter() - started)

        started = time.perf_counter()
        scanned = process.extract(
            tm_key(query), keys, scorer=fuzz.ratio, limit=LIMIT, score_cutoff=MIN_SCORE
        )
        scan_times.append(time.perf_counter() - started)

        # Recall of the candidate index: its best raw similarity against the scan's.
        # (lookup() ranks by score after number/code penalties, the scan cannot.)
        nearest = index.nearest(query, min_similarity=MIN_SCORE)
        index_best = nearest[0] if nearest else None
        scan_best = scanned[0] if scanned else None
        if scan_best is not None:
            both_found += 1
        if index_best is None or scan_best is None:
            same_best += index_best is None and scan_best is None
        elif abs(index_best[1] - scan_best[1]) <= 0.5 or index_best[0].unit_id == scan_best[2]:
            same_best += 1
    index_median = statistics.median(index_times)
    scan_median = statistics.median(scan_times)
    return {
        "units": unit_count,
        "queries": query_count,
        "queries_with_a_match_by_scan": both_found,
        "build_seconds": build_seconds,
        "index_mib": index_mib,
        "index_median_ms": index_median * 1000,
        "index_p95_ms": _percentile(index_times, 0.95) * 1000,
        "scan_median_ms": scan_median * 1000,
        "scan_p95_ms": _percentile(scan_times, 0.95) * 1000,
        "speedup_median": scan_median / index_median,
        "same_best_percent": 100.0 * same_best / query_count,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1_000)
    arguments = parser.parse_args()
    result = run(arguments.units, arguments.queries)
    print(f"nproc: {len(os.sched_getaffinity(0))}")
    for name, value in result.items():
        print(f"{name}: {value:.3f}" if isinstance(value, float) else f"{name}: {value}")


if __name__ == "__main__":
    main()
