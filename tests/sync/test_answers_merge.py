"""A form's answers edited on two laptops: merged item by item, a conflict only for an item
changed on both sides (over a real server process, on SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.services.responses import Responses
from app.store.conflicts import SyncConflict
from app.store.database import Database
from app.store.work import FormResponse
from sync.server.db import ServerDatabase
from sync.server.tables import Conflict
from tests.sync.laptops import sync
from tests.sync.servers import ServerProcess
from tests.sync.test_rules import a_response

Server = tuple[ServerProcess, ServerDatabase]
Laptops = Callable[..., Database]


def answers_on(db: Database | ServerDatabase, rid: str) -> dict[str, Any]:
    with db.read() if isinstance(db, ServerDatabase) else db.session() as s:
        response = s.get(FormResponse, rid)
        assert response is not None
        return dict(response.answers)


def edit(db: Database, rid: str, **items: Any) -> None:
    Responses(db, "alice", "member").save(rid, {**answers_on(db, rid), **items})


def test_answers_changed_in_different_items_merge(any_server: Server, laptops: Laptops) -> None:
    process, database = any_server
    first = laptops(process, "alice", "first")
    second = laptops(process, "alice", "second")  # her old laptop, kept as a spare
    rid = a_response(first)
    sync(first)
    sync(second)
    edit(first, rid, literate="1", housing="1")
    edit(second, rid, schooling="3", housing="1")  # housing: the same value on both

    assert sync(first).conflicts == 0
    receipt = sync(second)

    assert receipt.conflicts == 0 and receipt.refused == 0
    sync(first)
    merged = answers_on(database, rid)
    assert (merged["literate"], merged["schooling"], merged["housing"]) == ("1", "3", "1")
    assert answers_on(first, rid) == merged == answers_on(second, rid)
    with database.read() as s:
        assert s.query(Conflict).filter(Conflict.record_id == rid).count() == 0


def test_an_item_changed_on_both_sides_is_a_conflict_that_keeps_both(
    any_server: Server, laptops: Laptops
) -> None:
    process, database = any_server
    first = laptops(process, "alice", "first")
    second = laptops(process, "alice", "second")
    rid = a_response(first)
    sync(first)
    sync(second)
    edit(first, rid, schooling="2")
    edit(second, rid, schooling="4", literate="1")
    sync(first)

    receipt = sync(second)

    assert receipt.conflicts == 1
    assert answers_on(database, rid)["schooling"] == "2"  # the server keeps its value
    with second.session() as s:
        [conflict] = s.query(SyncConflict).filter(SyncConflict.record_id == rid).all()
        assert conflict.field == "answers"
        assert conflict.mine["schooling"] == "4" and conflict.mine["literate"] == "1"
        assert conflict.theirs["schooling"] == "2"
