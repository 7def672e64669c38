"""TMX import and export of a project's (or the shared) stored TM, on both back ends."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import etree
from songngu_testing import add_users, seed_project

from primitives.errors import InvalidInput, PermissionDenied
from workflow.projects import get_project
from workflow.storage import Database
from workflow.tm.model import TMUnit
from workflow.tm.store import count_units, list_units
from workflow.tm.tmx import read_tmx, write_tmx
from workflow.tm.tmx_io import export_tmx, import_tmx
from workflow.users import resolve_actor

REPO_ROOT = Path(__file__).resolve().parents[3]
SCHEMAS_DIR = Path(os.environ.get("SONGNGU_SCHEMAS_DIR", REPO_ROOT.parent / "shared" / "schemas"))

UNITS = [
    TMUnit(
        "Nhấn <g1>Lưu</g1> để ghi.<x2/>",
        "Press <g1>Save</g1> to write.<x2/>",
        prev_source="Mở tệp.",
        next_source="Đóng tệp.",
        created_by="lan",
        created_at="2024-05-01T09:30:00Z",
        note="đã duyệt",
    ),
    TMUnit("Xin chào.", "Hello."),
    TMUnit("xin chào.", "Hello."),  # same matching key and target: a duplicate
    TMUnit("Xin chào.", "Hi."),  # another translation of the same source: kept
]

OTHER_LANGUAGE = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
 o-tmf="t" adminlang="en" srclang="vi" datatype="plaintext"/>
<body><tu><tuv xml:lang="vi"><seg>Xin chào.</seg></tuv><tuv xml:lang="fr"><seg>Salut.</seg></tuv>
</tu></body></tmx>""".encode()


def _dtd() -> etree.DTD:
    path = SCHEMAS_DIR / "tmx-1.4" / "tmx14.dtd"
    if not path.is_file():
        pytest.fail(f"TMX DTD not found at {path}: set SONGNGU_SCHEMAS_DIR")
    return etree.DTD(str(path))


def _import(database: Database, data: bytes, *, shared: bool = False, user: str = "admin"):  # type: ignore[no-untyped-def]
    with database.write() as session:
        actor = resolve_actor(session, user)
        return import_tmx(session, actor, get_project(session, "P"), data, "mem.tmx", shared=shared)


def test_import_counts_and_does_not_store_duplicates_twice(any_db: Database) -> None:
    seed_project(any_db, ["Xin chào."])
    data = write_tmx(UNITS, tool_version="1")
    first = _import(any_db, data)
    assert (first.added, first.updated, first.duplicates) == (3, 0, 1)
    again = _import(any_db, data + b"")
    assert (again.added, again.updated, again.duplicates) == (0, 0, 4)
    other = _import(any_db, OTHER_LANGUAGE)
    assert (other.added, other.skipped_other_language) == (0, 1)
    assert "1 skipped (other languages)" in other.summary()
    with any_db.read() as session:
        project = get_project(session, "P")
        units = list_units(session, project)
        assert [(u.source, u.target) for u in units] == [
            (UNITS[0].source, UNITS[0].target),
            ("Xin chào.", "Hello."),
            ("Xin chào.", "Hi."),
        ]
        assert units[0].prev_source == "Mở tệp." and units[0].created_by == "lan"
        assert units[0].created_at == "2024-05-01T09:30:00Z"
        assert count_units(session, project).shared_units == 0


def test_new_context_for_an_imported_unit_replaces_it(any_db: Database) -> None:
    seed_project(any_db, ["Xin chào."])
    _import(any_db, write_tmx([TMUnit("Xin chào.", "Hello.")], tool_version="1"))
    with_context = TMUnit("Xin chào.", "Hello.", prev_source="Trước.", note="lời chào")
    outcome = _import(any_db, write_tmx([with_context], tool_version="1"))
    assert (outcome.added, outcome.updated, outcome.duplicates) == (0, 1, 0)
    with any_db.read() as session:
        units = list_units(session, get_project(session, "P"))
    assert [(u.prev_source, u.note) for u in units] == [("Trước.", "lời chào")]


def test_import_is_all_or_nothing(any_db: Database) -> None:
    seed_project(any_db, ["Xin chào."])
    too_long = TMUnit("Câu dài.", "x" * 100_001)
    with pytest.raises(InvalidInput, match=r"^mem\.tmx, unit 2: the text is longer"):
        _import(any_db, write_tmx([UNITS[1], too_long], tool_version="1"))
    with pytest.raises(InvalidInput, match="mem.tmx"):
        _import(any_db, b"<tmx><body><tu>")
    with any_db.read() as session:
        assert list_units(session, get_project(session, "P")) == []


def test_shared_import_and_export_are_separate_from_the_project_tm(any_db: Database) -> None:
    seed_project(any_db, ["Xin chào."])
    _import(any_db, write_tmx(UNITS[:2], tool_version="1"), shared=True)
    _import(any_db, write_tmx(UNITS[3:], tool_version="1"))
    with any_db.read() as session:
        project, admin = get_project(session, "P"), resolve_actor(session, "admin")
        shared = export_tmx(session, admin, project, shared=True)
        own = export_tmx(session, admin, project)
    dtd = _dtd()
    for data in (shared, own):
        assert dtd.validate(etree.fromstring(data)), dtd.error_log.filter_from_errors()
    back = read_tmx(shared, "shared.tmx").units
    assert [(u.source, u.target, u.prev_source) for u in back] == [
        (UNITS[0].source, UNITS[0].target, "Mở tệp."),
        ("Xin chào.", "Hello.", ""),
    ]
    assert [(u.source, u.target) for u in read_tmx(own, "own.tmx").units] == [("Xin chào.", "Hi.")]


def test_import_and_export_need_their_permissions(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workflow import permissions
    from workflow.permissions import Action, Role

    seed_project(any_db, ["Xin chào."])
    add_users(any_db)
    restricted = permissions.PERMISSIONS[Role.TRANSLATOR] - {Action.IMPORT, Action.EXPORT}
    monkeypatch.setitem(permissions.PERMISSIONS, Role.TRANSLATOR, restricted)
    with pytest.raises(PermissionDenied, match="may not import"):
        _import(any_db, write_tmx(UNITS[:1], tool_version="1"), user="tran")
    with any_db.read() as session, pytest.raises(PermissionDenied, match="may not export"):
        export_tmx(session, resolve_actor(session, "tran"), get_project(session, "P"))
