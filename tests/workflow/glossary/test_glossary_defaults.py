"""The shipped official-names glossary."""

from __future__ import annotations

from collections import Counter

from primitives.text_keys import match_key
from workflow.glossary import TermMatcher, TermStatus, load_default_glossary

MERGED_2025 = {
    "Bộ Kế hoạch và Đầu tư": "Ministry of Finance",
    "Bộ Thông tin và Truyền thông": "Ministry of Science and Technology",
    "Bộ Lao động - Thương binh và Xã hội": "Ministry of Home Affairs",
}


def test_every_entry_names_its_source_and_date() -> None:
    entries = load_default_glossary()
    assert len(entries) >= 80
    assert all(e.origin and e.date for e in entries), [e.source for e in entries if not e.origin]


def test_2025_ministry_mergers_are_date_stamped() -> None:
    by_source = {e.source: e for e in load_default_glossary()}
    for old_name, successor in MERGED_2025.items():
        entry = by_source[old_name]
        assert entry.valid_until == "2025-02-28"
        assert entry.status is TermStatus.ADMITTED
        assert successor in entry.note
        assert by_source["Bộ Tài chính"].valid_until == ""


def test_no_two_entries_share_a_key_with_the_same_status() -> None:
    keys = Counter(
        (match_key(e.source), e.case_sensitive, e.status) for e in load_default_glossary()
    )
    assert [key for key, count in keys.items() if count > 1] == []


def test_digital_transformation_core_terms_are_present() -> None:
    targets = {e.source: e.target for e in load_default_glossary()}
    assert targets["chuyển đổi số"] == "digital transformation"
    assert targets["kinh tế số"] == "digital economy"
    assert targets["chính quyền số"] == "digital government"
    assert targets["dữ liệu lớn"] == "big data"
    assert targets["trí tuệ nhân tạo"] == "artificial intelligence"
    assert targets["điện toán đám mây"] == "cloud computing"


def test_default_glossary_on_a_realistic_sentence() -> None:
    matcher = TermMatcher(load_default_glossary())
    text = (
        "Chủ tịch UBND thành phố và PGS.TS Nguyễn Văn An bàn về cơ sở hạ tầng, "
        "xã hội số và an sinh xã hội tại Sở Tài chính."
    )
    found = [(h.text, h.entry.target) for h in matcher.find(text)]
    assert found == [
        ("Chủ tịch UBND", "Chairman of the People's Committee"),
        ("thành phố", "City"),
        ("PGS.TS", "Assoc. Prof. Dr."),
        ("xã hội số", "digital society"),
        ("xã hội", "society"),
        ("Sở Tài chính", "Department of Finance"),
    ]


def test_returned_list_is_a_copy() -> None:
    first = load_default_glossary()
    first.clear()
    assert load_default_glossary()


def test_lower_case_titles_in_running_text_still_match_the_long_form() -> None:
    matcher = TermMatcher(load_default_glossary())
    found = [(h.text, h.entry.target) for h in matcher.find("ông An, chủ tịch UBND xã")]
    assert found == [("chủ tịch UBND", "Chairman of the People's Committee"), ("xã", "Commune")]
