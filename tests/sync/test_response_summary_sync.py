"""The response summary follows a response through every write on both sides: a member's
saves, the server's merge of her upload, a reviewer's return, each laptop's pull (over a
real server process, on SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable

from app.services.responses import Responses
from app.store.database import Database
from app.store.work import FormResponse
from sync.server.db import ServerDatabase
from tests.services.test_responses import full_answers
from tests.summary_check import assert_summary_matches
from tests.sync.laptops import sync
from tests.sync.servers import ServerProcess
from tests.sync.test_rules import a_response

Server = tuple[ServerProcess, ServerDatabase]
Laptops = Callable[..., Database]
#: bits of app.domain.needs.NEEDS: 就业 (R21 选了“无”以外), 社会保障 (R23 未参加)
EMPLOYMENT, INSURANCE = 1 << 3, 1 << 4


def on_laptop(db: Database, rid: str) -> dict[str, object]:
    with db.session() as s:
        return assert_summary_matches(s)[rid]


def on_server(database: ServerDatabase, rid: str) -> dict[str, object]:
    with database.read() as s:
        return assert_summary_matches(s)[rid]


def test_the_summary_follows_saves_merges_returns_and_pulls(
    any_server: Server, laptops: Laptops
) -> None:
    process, database = any_server
    alice = laptops(process, "alice")
    rita = laptops(process, "rita")
    rid = a_response(alice)
    member = Responses(alice, "alice", "member")
    with alice.session() as s:
        response = s.get(FormResponse, rid)
        assert response is not None
        answers = full_answers(dict(response.answers))
    assert on_laptop(alice, rid)["state"] == "draft"

    member.save(rid, {**answers, "help_needed": ["2"]})  # laptop save
    member.complete(rid, confirm_warnings=True)
    mine = on_laptop(alice, rid)
    assert (mine["method"], mine["needs"], mine["sent_back"]) == (
        "1",
        EMPLOYMENT | INSURANCE,
        False,
    )

    sync(alice)  # the server merges her upload
    theirs = on_server(database, rid)
    assert (theirs["state"], theirs["needs"], theirs["sent_back"]) == (
        "submitted", EMPLOYMENT | INSURANCE, False
    )  # fmt: skip

    sync(rita)  # the reviewer pulls it, returns it, and her upload is merged
    assert on_laptop(rita, rid)["needs"] == EMPLOYMENT | INSURANCE
    Responses(rita, "rita", "reviewer").return_to_member(rid, "请补充电话")
    assert on_laptop(rita, rid)["sent_back"] is True
    sync(rita)
    assert on_server(database, rid)["sent_back"] is True

    sync(alice)  # her laptop pulls the return
    back = on_laptop(alice, rid)
    assert (back["state"], back["sent_back"]) == ("returned", True)

    # no needs now, and 失访
    member.save(rid, {**answers, "resident_pension": "1", "resident_medical": "1", "method": "4"})
    sync(alice)
    assert on_server(database, rid)["needs"] == on_laptop(alice, rid)["needs"] == 0
    assert on_server(database, rid)["method"] == "4"
