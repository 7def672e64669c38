"""Which new sentence keeps which old one: unchanged, moved, changed, added, removed."""

from __future__ import annotations

import unicodedata

from workflow.source_alignment import MAX_PAIRING_CELLS, Kept, align_sources


def _kinds(old: list[str], new: list[str]) -> dict[int, tuple[int, str]]:
    return {j: (i, kind.value) for j, (i, kind) in align_sources(old, new).kept.items()}


def test_an_insertion_and_a_deletion_leave_the_rest_unchanged() -> None:
    old = ["A một.", "B hai.", "C ba.", "D bốn."]
    new = ["A một.", "X mới.", "B hai.", "D bốn."]
    alignment = align_sources(old, new)
    assert _kinds(old, new) == {0: (0, "unchanged"), 2: (1, "unchanged"), 3: (3, "unchanged")}
    assert alignment.added == (1,) and alignment.removed == (2,)
    assert not alignment.identical


def test_identical_text_and_nfd_count_as_unchanged() -> None:
    old = ["Kết thúc lúc 5 giờ.", "Hết."]
    new = [unicodedata.normalize("NFD", s) for s in old]
    alignment = align_sources(old, new)
    assert alignment.identical and alignment.count(Kept.UNCHANGED) == 2
    assert not align_sources(old, old[::-1]).identical


def test_a_lone_replaced_sentence_is_changed_even_when_rewritten() -> None:
    old = ["Mở đầu.", "Câu cũ hoàn toàn khác.", "Kết."]
    new = ["Mở đầu.", "Một câu mới toanh.", "Kết."]
    assert _kinds(old, new)[1] == (1, "changed")


def test_a_case_or_tone_mark_fix_is_changed_not_unchanged() -> None:
    old = ["Mở đầu.", "chính sách hoà bình.", "Kết."]
    new = ["Mở đầu.", "Chính sách hòa bình.", "Kết."]
    assert _kinds(old, new)[1] == (1, "changed")


def test_a_sentence_moved_elsewhere_is_reattached() -> None:
    old = ["Một.", "Hai.", "Ba.", "Bốn."]
    new = ["Bốn.", "Một.", "Hai.", "Ba."]
    alignment = align_sources(old, new)
    assert _kinds(old, new)[0] == (3, "moved")
    assert alignment.count(Kept.UNCHANGED) == 3 and not alignment.added and not alignment.removed


def test_a_repeated_source_moves_the_earliest_free_copy_first() -> None:
    old = ["Mở.", "Có.", "Giữa.", "Có.", "Đóng."]
    new = ["Có.", "Có.", "Mở.", "Giữa.", "Đóng."]
    assert _kinds(old, new) == {
        0: (1, "moved"),
        1: (3, "moved"),
        2: (0, "unchanged"),
        3: (2, "unchanged"),
        4: (4, "unchanged"),
    }


def test_a_split_sentence_keeps_its_id_on_the_closer_part() -> None:
    old = ["Mở đầu.", "Tăng trưởng kinh tế đạt 6,5% và lạm phát được kiểm soát tốt.", "Kết."]
    new = ["Mở đầu.", "Tăng trưởng kinh tế đạt 6,5%.", "Lạm phát được kiểm soát.", "Kết."]
    alignment = align_sources(old, new)
    assert _kinds(old, new)[1] == (1, "changed")
    assert alignment.added == (2,)


def test_unrelated_sentences_in_a_longer_stretch_are_removed_and_added() -> None:
    old = ["Mở đầu.", "Báo cáo tài chính quý một.", "Danh sách đại biểu.", "Kết."]
    new = ["Mở đầu.", "Xyz qwv.", "Kế hoạch năm sau.", "Một câu thứ ba.", "Kết."]
    alignment = align_sources(old, new)
    assert alignment.count(Kept.CHANGED) == 0
    assert alignment.removed == (1, 2) and alignment.added == (1, 2, 3)


def test_a_many_times_repeated_sentence_is_still_matched() -> None:
    # autojunk would treat a line seen in more than 1% of 200+ items as junk.
    old = ["Hết."] * 300 + ["Cuối."]
    new = ["Đầu."] + ["Hết."] * 300 + ["Cuối."]
    alignment = align_sources(old, new)
    assert alignment.count(Kept.UNCHANGED) == 301 and alignment.added == (0,)


def test_a_stretch_too_long_to_compare_all_with_all_pairs_in_order() -> None:
    side = int(MAX_PAIRING_CELLS**0.5) + 1
    old = [f"Câu số {n} của Sở Kế hoạch về kinh tế." for n in range(side)]
    # A renamed office all through the text, and one unrelated sentence in the middle.
    new = [f"Câu số {n} của Sở Tài chính về kinh tế." for n in range(side)]
    new[50] = "Xyz."
    alignment = align_sources(old, new)
    assert alignment.count(Kept.CHANGED) == side - 1
    assert all(i == j for j, (i, _) in alignment.kept.items())
    assert alignment.added == (50,) and alignment.removed == (50,)
