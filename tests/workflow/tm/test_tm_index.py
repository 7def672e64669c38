"""TM lookup: in-context, exact, fuzzy, penalties, and recall of the candidate index."""

from __future__ import annotations

import random
import threading
import unicodedata
from collections import Counter

import pytest
from rapidfuzz import fuzz, process
from songngu_testing import CORPUS

from primitives.errors import InvalidInput
from workflow.tm.index import FuzzyIndex
from workflow.tm.keys import numbers_in, tm_key
from workflow.tm.model import TMUnit


def unit(source: str, target: str = "T", **fields: str) -> TMUnit:
    return TMUnit(source=source, target=target, **fields)


def test_exact_match_ignores_case_nfd_and_tone_mark_placement() -> None:
    index = FuzzyIndex([unit("Hòa bình và thủy lợi.", "Peace and irrigation.")])
    query = unicodedata.normalize("NFD", "HOÀ BÌNH VÀ THUỶ LỢI.")
    (match,) = index.lookup(query)
    assert (match.kind, match.score, match.penalties) == ("exact", 100.0, ())


def test_same_neighbours_give_an_in_context_101_match_first() -> None:
    index = FuzzyIndex(
        [
            unit("Đồng ý.", "Agreed.", created_at="2024-05-01T00:00:00Z"),
            unit("Đồng ý.", "I agree.", prev_source="Bạn có đồng ý không?", next_source="Tốt."),
        ]
    )
    matches = index.lookup("Đồng ý.", prev_source="bạn có đồng ý không?", next_source="Tốt.")
    assert [(m.kind, m.score, m.unit.target) for m in matches] == [
        ("in-context", 101.0, "I agree."),
        ("exact", 100.0, "Agreed."),
    ]
    # Without context given, nothing is in-context, even for a unit stored without any.
    assert {m.kind for m in index.lookup("Đồng ý.")} == {"exact"}
    only_in_context = index.lookup("Đồng ý.", prev_source="Bạn có đồng ý không?", min_score=101)
    assert only_in_context == []  # the next segment differs: not in context
    assert index.lookup("Đồng ý nhé.", min_score=100) == []


def test_newer_translation_first_among_equal_scores() -> None:
    index = FuzzyIndex(
        [
            unit("Xin chào.", "Hello.", created_at="2023-01-01T00:00:00Z"),
            unit("Xin chào.", "Hi.", created_at="2024-01-01T00:00:00Z"),
            unit("Xin chào.", "Greetings."),
        ]
    )
    assert [m.unit.target for m in index.lookup("Xin chào.")] == ["Hi.", "Hello.", "Greetings."]


def test_fuzzy_match_score_is_rapidfuzz_ratio_of_the_keys() -> None:
    stored = "Tôi đã đi Hà Nội vào mùa hè năm ngoái."
    query = "Tôi đã đến Hà Nội vào mùa hè năm ngoái."
    (match,) = FuzzyIndex([unit(stored)]).lookup(query)
    assert match.kind == "fuzzy"
    assert match.similarity == pytest.approx(round(fuzz.ratio(tm_key(stored), tm_key(query)), 1))
    assert match.score == match.similarity
    assert 70 <= match.score < 100


def test_a_different_number_caps_penalises_and_flags_the_match() -> None:
    index = FuzzyIndex([unit("Báo cáo tài chính năm 2021 của Bộ Y tế.")])
    (match,) = index.lookup("Báo cáo tài chính năm 2022 của Bộ Y tế.")
    assert match.penalties == ("number-mismatch",)
    assert match.similarity > 95
    assert match.score == pytest.approx(min(match.similarity, 99.0) - 2.0)


def test_different_inline_codes_keep_an_exact_match_below_100() -> None:
    index = FuzzyIndex([unit("Nhấn <g1>Lưu</g1> để ghi.", "Press <g1>Save</g1> to write.")])
    (match,) = index.lookup("Nhấn Lưu để ghi.")
    assert (match.kind, match.score, match.penalties) == ("exact", 98.0, ("inline-code-mismatch",))
    (same,) = index.lookup("Nhấn <g1>Lưu</g1> để ghi.")
    assert same.score == 100.0


def test_min_score_and_limit_are_honoured() -> None:
    index = FuzzyIndex([unit(f"Hôm nay trời rất đẹp và mát mẻ lắm {word}.") for word in "abcdefgh"])
    matches = index.lookup("Hôm nay trời rất đẹp và mát mẻ lắm.", limit=3)
    assert len(matches) == 3
    assert all(m.score >= 70 for m in matches)
    assert index.lookup("Một câu hoàn toàn khác, không giống gì cả.") == []
    with pytest.raises(InvalidInput, match="limit"):
        index.lookup("x", limit=0)
    with pytest.raises(InvalidInput, match="min_score must be between 0 and 101"):
        index.lookup("x", min_score=102)


def test_units_added_after_lookups_are_found_before_and_after_repacking() -> None:
    index = FuzzyIndex([unit(f"Câu số {n} trong bộ nhớ dịch thuật.") for n in range(50)])
    assert index.lookup("Chiếc xe đạp màu xanh của tôi bị hỏng.") == []
    index.add(unit("Chiếc xe đạp màu xanh của tôi bị mất.", "My blue bike was stolen."))
    (found,) = index.lookup("Chiếc xe đạp màu xanh của tôi bị hỏng.")
    assert found.unit.target == "My blue bike was stolen."
    for n in range(400):  # enough pending postings to force a repack of the index
        index.add(unit(f"Chiếc thuyền số {n} đã rời bến lúc bình minh."))
    assert index.lookup("Chiếc xe đạp màu xanh của tôi bị hỏng.")[0].unit == found.unit
    assert len(index) == 451


def test_unit_without_source_text_is_refused() -> None:
    with pytest.raises(InvalidInput, match="needs source text"):
        FuzzyIndex([unit("<x1/>  ")])


def test_candidate_index_finds_the_exhaustive_best_match() -> None:
    """On a real corpus with perturbed queries, best = exhaustive best in >= 99% of cases."""
    rng = random.Random(11)
    sentences = [line.split("\t")[0] for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    fillers = ["rất", "đã", "cũng", "hôm nay", "vẫn"]
    units = [unit(f"{s} {rng.choice(fillers)} {rng.randint(1, 99)}") for s in sentences]
    index = FuzzyIndex(units)
    keys = [tm_key(u.source) for u in units]
    queries = []
    for stored in rng.sample(units, 200):
        words = stored.source.split()
        del words[rng.randrange(len(words))]
        words.insert(rng.randrange(len(words) + 1), rng.choice(fillers))
        queries.append(" ".join(words))
    agreed = 0
    for query in queries:
        scanned = process.extract(tm_key(query), keys, scorer=fuzz.ratio, limit=1, score_cutoff=70)
        nearest = index.nearest(query, min_similarity=70)
        if not scanned:
            agreed += not nearest
        elif nearest and abs(nearest[0][1] - scanned[0][1]) <= 0.5:
            agreed += 1
    assert agreed >= 198


def test_lookup_equals_scoring_every_unit_with_the_same_penalties() -> None:
    """The early stop of lookup() loses nothing: compare with penalties applied to all."""
    rng = random.Random(5)
    templates = ["Năm {n}, tỉnh {p} có {m} trường học.", "Tỉnh {p} đón {m} khách trong năm {n}."]
    places = ["Huế", "Đà Nẵng", "Cần Thơ", "Lâm Đồng"]
    units = [
        unit(
            rng.choice(templates).format(
                n=rng.randint(2000, 2005), m=rng.randint(1, 9), p=rng.choice(places)
            ),
            target=str(i),
            created_at=f"2024-01-{i % 28 + 1:02d}T00:00:00Z",
        )
        for i in range(300)
    ]
    index = FuzzyIndex(units)
    for query in ["Năm 2003, tỉnh Huế có 7 trường học.", "Tỉnh Cần Thơ đón 4 khách năm 2001."]:
        expected = []
        for stored in units:
            similarity = fuzz.ratio(tm_key(query), tm_key(stored.source))
            if similarity < 70:
                continue
            score = similarity
            query_numbers, unit_numbers = (
                Counter(numbers_in(query)),
                Counter(numbers_in(stored.source)),
            )
            if query_numbers != unit_numbers:
                differing = max(
                    sum((query_numbers - unit_numbers).values()),
                    sum((unit_numbers - query_numbers).values()),
                )
                score = min(score, 99.0) - 2.0 * differing
            if round(score, 1) >= 70:
                expected.append(round(score, 1))
        expected.sort(reverse=True)
        assert len(expected) > 10  # more matches than the limit: the early stop is exercised
        assert [m.score for m in index.lookup(query, limit=10)] == expected[:10]


def test_one_index_can_serve_several_threads() -> None:
    sentences = [line.split("\t")[0] for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    index = FuzzyIndex(unit(s) for s in sentences[:1500])
    queries = [s + " nhé" for s in sentences[:1500:30]]
    expected = [index.lookup(query) for query in queries]
    results: list[list[list]] = []
    errors: list[BaseException] = []

    def look_up_all() -> None:
        try:
            results.append([index.lookup(query) for query in queries])
        except BaseException as error:  # a thread's exception would otherwise vanish
            errors.append(error)

    def add_more() -> None:
        try:
            for s in sentences[2000:2600]:  # different sentences: expected matches stay best
                index.add(unit(s + " 12345 67890"))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=look_up_all) for _ in range(3)]
    threads.append(threading.Thread(target=add_more))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == 3
    for found in results:
        assert [[m.unit for m in ms][:1] for ms in found] == [
            [m.unit for m in ms][:1] for ms in expected
        ]
