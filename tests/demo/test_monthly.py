"""The demo's month: last month's tasks in every state with their consequences applied,
this month's open ones, the member's working day on 今日, and the agencies' list files."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.demo.district import build_demo_district
from app.demo.monthly import DEMO_VILLAGE
from app.store import today
from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from app.store.registry import Person, Subsidy
from app.store.work import ChangeNotice
from sync.server.changes import import_changes
from sync.server.db import ServerDatabase
from sync.server.demo import DEMO_DAY, build_demo_server

DAY = date(2026, 11, 1)


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = Database.create(tmp_path_factory.mktemp("month") / "d.db", "pw", kdf=FAST_TEST_KDF)
    build_demo_district(db, persons=2000, seed=5, today=DAY)
    yield db
    db.close()


def test_last_month_in_every_state_this_month_open(district: Database) -> None:
    with district.session() as s:
        tasks = list(s.scalars(select(ChangeNotice)))
    states = Counter((t.month, t.state) for t in tasks)
    assert {state for month, state in states if month == "2026-10"} == {
        "open",
        "submitted",
        "returned",
        "accepted",
    }
    assert {state for month, state in states if month == "2026-11"} == {"open"}
    assert all(t.due_date == date(2026, 11, 30) for t in tasks if t.month == "2026-11")
    assert {r["source"] for t in tasks for r in t.rows} >= {"police", "civil", "health", "hrss"}
    assert all(t.outcome and t.method and t.checked_on for t in tasks if t.state != "open")
    assert all(t.reason for t in tasks if t.outcome == "disputed")


def test_accepted_deaths_cancel_and_stop_and_low_income_starts(district: Database) -> None:
    with district.session() as s:
        accepted = list(s.scalars(select(ChangeNotice).where(ChangeNotice.state == "accepted")))
        deaths = [t for t in accepted if t.kind == "death" and t.outcome == "confirmed"]
        assert deaths
        for task in deaths:
            person = s.get_one(Person, task.person_id)
            assert (person.status, person.cancel_reason) == ("cancelled", "1")
            running = s.scalars(
                select(Subsidy).where(Subsidy.person_id == person.id, Subsidy.status == "active")
            ).all()
            assert running == []
        # the month's stops (the demo's history has stops of its own at other months' tasks)
        stopped = s.scalars(
            select(Subsidy).where(Subsidy.end_month == "2026-10", Subsidy.task_id != "")
        ).all()
        assert stopped and all(x.status == "stopped" for x in stopped)
        assert all(x.steps[-1]["step"] == "stop" for x in stopped)
        started = s.scalars(
            select(Subsidy).where(Subsidy.start_month == "2026-11", Subsidy.task_id != "")
        ).all()
        assert started and all(x.decision_date and x.amount_fen == 48_500 for x in started)
        for task in accepted:  # a disputed or corrected task changes nothing
            if task.outcome != "confirmed":
                assert s.get_one(Person, task.person_id).status == "active"


def test_the_members_day_has_work(district: Database) -> None:
    with district.session() as s:
        conn = s.connection()
        prefixes = [DEMO_VILLAGE]
        assert today.planned_visits(conn, prefixes, DAY)
        assert today.returned_forms(conn, prefixes)
        assert today.drafts(conn, prefixes)
        assert today.open_notices(conn, prefixes)


def test_the_demo_servers_list_files_load_again_with_their_refusals(tmp_path: Path) -> None:
    database = ServerDatabase(f"sqlite:///{tmp_path / 'server.db'}")
    folder = tmp_path / "lists"
    build_demo_server(database, persons=600, seed=2, lists_folder=folder)
    files = sorted(folder.glob("*.xlsx"))
    assert [f.name for f in files] == sorted(
        f"2026-11-{a}.xlsx" for a in ("公安", "民政", "卫健", "人社", "残联")
    )
    refused: Counter[str] = Counter()
    for path in files:
        report = import_changes(database, path, month=DEMO_DAY.strftime("%Y-%m"))
        assert report.tasks_new == 0 and report.rows_added == 0, report.lines()
        refused.update(r.reason for r in report.refused)
    assert set(refused) == {"unknown_id", "bad_id", "duplicate", "not_in_district", "unknown_kind"}
    database.dispose()


def test_every_submitted_demo_task_is_accepted_without_a_failure(tmp_path: Path) -> None:
    from app.services.tasks import Tasks
    from app.store.registry import Household

    db = Database.create(tmp_path / "d.db", "pw", kdf=FAST_TEST_KDF)
    build_demo_district(db, persons=1500, seed=11, today=DAY)
    with db.session() as s:
        submitted = list(s.scalars(select(ChangeNotice.id).where(
            ChangeNotice.state == "submitted")))  # fmt: skip
        accepted = list(s.scalars(select(ChangeNotice).where(ChangeNotice.state == "accepted")))
        for task in accepted:  # what the demo applied follows the rows: 低保 in the family
            if task.outcome == "confirmed" and task.kind == "dibao_in":
                person = s.get_one(Person, task.person_id)
                assert "1" in s.get_one(Household, person.household_id).hardship
    assert submitted
    reviewer = Tasks(db, "rv01", "reviewer")
    for task_id in submitted:
        reviewer.accept(task_id)
    with db.session() as s:
        assert set(s.scalars(select(ChangeNotice.state).where(
            ChangeNotice.id.in_(submitted)))) == {"accepted"}  # fmt: skip
    db.close()
