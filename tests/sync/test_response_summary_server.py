"""The response summary on the server: kept by a push merged in the write turn and by one
worked out ahead (`sync.server.prepare`), by the demo's bulk inserts, and filled for the
responses already there by migration 0013 (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, select

from app.services.responses import Responses
from app.store import syncing
from app.store.database import Database
from app.store.summary import ResponseSummary
from app.store.work import FormResponse
from sync.protocol import Op
from sync.server import db as server_db
from sync.server import merge, prepare
from sync.server.db import ServerDatabase
from sync.server.demo import build_demo_server
from tests.reports import district
from tests.services.test_responses import full_answers
from tests.summary_check import assert_summary_matches
from tests.sync.conftest import _database_url
from tests.sync.servers import ServerProcess
from tests.sync.test_prepare import actor
from tests.sync.test_rules import a_response

Server = tuple[ServerProcess, ServerDatabase]
Laptops = Callable[..., Database]


def completed_on(laptop: Database) -> tuple[str, list[Op]]:
    """A completed Form A on alice's laptop and her outbox as a push carries it."""
    rid = a_response(laptop)
    member = Responses(laptop, "alice", "member")
    with laptop.session() as s:
        response = s.get(FormResponse, rid)
        assert response is not None
        answers = full_answers(dict(response.answers))
    member.save(rid, {**answers, "help_needed": ["2"]})
    member.complete(rid, confirm_warnings=True)
    ops = [
        Op(op_id=o.op_id, entity=o.entity, record_id=o.record_id, base_rev=o.base_rev,
           kind=o.kind, fields=o.fields, at=o.at.isoformat(), username=o.username)  # type: ignore[arg-type]
        for o in syncing.pending_ops(laptop, 100)
    ]  # fmt: skip
    return rid, ops


@pytest.mark.parametrize("ahead", [True, False], ids=["worked-out-ahead", "in-the-turn"])
def test_a_merged_push_keeps_the_summary(any_server: Server, laptops: Laptops, ahead: bool) -> None:
    process, database = any_server
    rid, ops = completed_on(laptops(process, "alice"))
    who = actor(database, "alice")
    if ahead:  # all but the completion first: a push building on itself is merged in the turn
        with database.write() as s:
            merge.apply_batch(s, who, ops[:-1])
        ops = ops[-1:]
        assert ops[0].entity == "form_response" and ops[0].kind == "upsert"
    prepared = prepare.prepare(database, who, ops) if ahead else None
    assert (prepared is not None) == ahead
    with database.write() as s:
        receipts = prepare.apply(s, prepared, who, ops) if ahead else merge.apply_batch(s, who, ops)
    assert {r.outcome for r in receipts} == {"applied"}
    with database.read() as s:
        kept = assert_summary_matches(s)
    assert kept[rid]["needs"] and kept[rid]["method"] == "1"


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield _database_url(request.param, tmp_path, request)


def test_the_demo_server_has_its_summary(url: str) -> None:
    database = ServerDatabase(url)
    build_demo_server(database, persons=150, seed=2)
    with database.read() as s:
        kept = assert_summary_matches(s)
    assert any(r["needs"] for r in kept.values()) and any(r["sent_back"] for r in kept.values())
    database.dispose()


def test_migration_fills_the_summary_of_an_older_server(url: str) -> None:
    database = ServerDatabase(url)
    command.upgrade(server_db.alembic_config(database.engine), "0012")  # before the summary
    with database.engine.begin() as conn:
        district.build(conn, summaries=False)
    server_db.upgrade(database)
    with database.read() as s:
        kept = assert_summary_matches(s)
        assert len(kept) == s.scalar(select(func.count()).select_from(FormResponse))
        assert kept
        assert s.scalar(select(func.count()).select_from(ResponseSummary)) == len(kept)
    database.dispose()
