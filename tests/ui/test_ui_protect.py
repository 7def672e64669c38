"""The glossary panel and the Machine translation page show what MT keeps fixed (AppTest)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest
from songngu_testing import ADMIN, seed_project
from streamlit.testing.v1 import AppTest

from workflow.demo import DEMO_PROJECT, create_demo
from workflow.projects import get_project
from workflow.segments import list_segments
from workflow.storage import Database

HISTORIC = "Ngày 9/8/2022, Thứ trưởng Bộ Thông tin và Truyền thông Nguyễn Huy Dũng thăm Hải Phòng."


def _panel(app: AppTest, column: str) -> pd.DataFrame:
    return next(frame.value for frame in app.dataframe if column in frame.value.columns)


def _captions(app: AppTest) -> str:
    return " ".join(caption.value for caption in app.caption)


def _demo(database: Database) -> int:
    create_demo(database, ADMIN)
    with database.read() as session:
        return get_project(session, DEMO_PROJECT).id


def _choose_segment(app: AppTest, key: str, starts: str) -> AppTest:
    box = app.selectbox(key=key)
    option = next(o for o in box.options if starts in str(o))
    return box.set_value(option).run()


def _segment_starting(database: Database, project_id: int, starts: str) -> int:
    with database.read() as session:
        segments = list_segments(session, get_project(session, project_id))
    return next(s.id for s in segments if s.source.startswith(starts))


def test_the_review_panel_shows_compounds_and_places_whole_in_both_languages(
    sqlite_db: Database, run_page: Callable[..., AppTest]
) -> None:
    project_id = _demo(sqlite_db)
    first = _segment_starting(sqlite_db, project_id, "Ngày 14/10/2026")
    second = _segment_starting(sqlite_db, project_id, "Tham dự hội thảo")
    app = run_page("review", project_id)
    app = app.selectbox(key="side_segment").set_value(first).run()
    assert not app.exception
    rows = _rows(_panel(app, "Source term"), "Source term", "Target term")
    assert rows["UBND TP. Đà Nẵng"] == "Da Nang City People's Committee"
    assert rows["Hoa Kỳ"] == "United States"
    assert rows["Trường Đại học Indiana"] == "Indiana University"
    assert "Document date: 2026-10-14. Official names are those in force on that day." in (
        _captions(app)
    )
    app = app.selectbox(key="side_segment").set_value(second).run()
    panel = _panel(app, "Source term")
    rows = _rows(panel, "Source term", "Target term")
    assert rows["Phó Chủ tịch UBND thành phố"] == (
        "Vice Chairman of the municipal People's Committee"
    )
    assert rows["PGS.TS."] == "Assoc. Prof. Dr."
    assert "Trần Minh Khoa" not in rows  # names are MT's to keep, not glossary terms
    kinds = _rows(panel, "Source term", "Kind")
    assert (kinds["PGS.TS."], kinds["Phó Chủ tịch UBND thành phố"]) == ("title", "title")

    vietnamese = run_page("review", project_id, lang="vi")
    vietnamese = vietnamese.selectbox(key="side_segment").set_value(first).run()
    kinds = _rows(_panel(vietnamese, "Thuật ngữ nguồn"), "Thuật ngữ nguồn", "Loại")
    assert (kinds["Hoa Kỳ"], kinds["UBND TP. Đà Nẵng"]) == ("địa danh", "thuật ngữ")
    assert "Ngày của văn bản: 2026-10-14." in _captions(vietnamese)


def _rows(frame: pd.DataFrame, key: str, value: str) -> dict[str, str]:
    return dict(zip(frame[key], frame[value], strict=True))


@pytest.mark.parametrize(
    ("date", "in_mt"),
    [
        ("2022-08-09", "kept fixed: composed of «Thứ trưởng» + «Bộ Thông tin và Truyền thông»"),
        (None, "left to MT: a name used until 2025-02-28, and the document has no date"),
        (
            "2026-01-05",
            "left to MT: no longer the official name on 2026-01-05 (used until 2025-02-28)",
        ),
    ],
)
def test_the_panel_says_which_date_decided_an_official_name(
    sqlite_db: Database, run_page: Callable[..., AppTest], date: str | None, in_mt: str
) -> None:
    meta = {"date": date} if date else {}
    project_id, _ = seed_project(sqlite_db, [HISTORIC], meta=meta)
    app = run_page("review", project_id)
    assert not app.exception
    panel = _panel(app, "In MT")
    by_term = dict(zip(panel["Source term"], panel["In MT"], strict=True))
    key = (
        "Thứ trưởng Bộ Thông tin và Truyền thông"
        if date == "2022-08-09"
        else ("Bộ Thông tin và Truyền thông")
    )
    assert by_term[key] == in_mt
    # "Phòng" (Division) is never found inside the city's name; two gazetteer rows name
    # Hải Phòng (before and after the 2025 merger), so a date picks one.
    place = f"kept fixed (gazetteer, as on {date})" if date else "kept fixed (gazetteer)"
    assert by_term["Hải Phòng"] == place
    assert "Phòng" not in by_term


def test_the_mt_page_shows_what_mt_will_keep_fixed_in_both_languages(
    sqlite_db: Database, packages: object, run_page: Callable[..., AppTest]
) -> None:
    project_id = _demo(sqlite_db)
    app = run_page("translate", project_id)
    assert not app.exception
    assert "What MT will keep fixed" in [h.value for h in app.subheader]
    app = _choose_segment(app, "mt_fixed_segment", "Ngày 14/10/2026")
    table = _panel(app, "In the source")
    rows = list(zip(table["In the source"], table["Kind"], table["English"], strict=True))
    assert ("14/10/2026", "date", "October 14, 2026") in rows
    assert ("UBND TP. Đà Nẵng", "term", "Da Nang City People's Committee") in rows
    app = _choose_segment(app, "mt_fixed_segment", "Tham dự hội thảo")
    table = _panel(app, "In the source")
    rows = list(zip(table["In the source"], table["Kind"], table["English"], strict=True))
    assert ("Trần Minh Khoa", "name", "Trần Minh Khoa") in rows  # the partner keeps diacritics
    assert ("PGS.TS.", "title", "Assoc. Prof. Dr.") in rows
    assert ("GS.", "title", "Prof.") in rows
    assert (
        "Partner Indiana University: names with diacritics; dates written as August 9, 2022."
        in (_captions(app))
    )

    vietnamese = run_page("translate", project_id, lang="vi")
    assert "Những gì dịch máy sẽ giữ cố định" in [h.value for h in vietnamese.subheader]
    vietnamese = _choose_segment(vietnamese, "mt_fixed_segment", "Ngày 14/10/2026")
    table = _panel(vietnamese, "Trong câu")
    rows = list(zip(table["Trong câu"], table["Loại"], table["Tiếng Anh"], strict=True))
    assert ("14/10/2026", "ngày tháng", "October 14, 2026") in rows
    assert ("Hoa Kỳ", "địa danh", "United States") in rows
    assert "tên người giữ dấu" in _captions(vietnamese)


def test_every_kind_and_reason_has_its_words_in_both_languages() -> None:
    from ui.strings import STRINGS
    from workflow.protect import KINDS, Reason

    keys = [f"fixed_kind_{kind}" for kind in KINDS] + [f"fixed_reason_{r.value}" for r in Reason]
    assert [key for key in keys if key not in STRINGS] == []
