"""The monthly round end to end over a real socket: the district imports a change list on
the server; the member's laptop syncs, confirms a death and disputes another; the town
reviewer's laptop syncs and accepts both; after the syncs the server's stop list has the
person's subsidies stopping next month and the person is cancelled on the server and on
both laptops, while the disputed person is unchanged everywhere."""

from __future__ import annotations

import csv
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import select

from app.domain.identity import make_resident_id
from app.exports.fields import ExportParams
from app.exports.monthly_sources import stop_rows
from app.services.tasks import Tasks
from app.store.database import Database
from app.store.registry import Person, Subsidy
from app.store.work import ChangeNotice
from sync.server import ledger
from sync.server.changes import import_changes
from sync.server.db import ServerDatabase
from sync.server.roster import import_roster
from tests.sync.laptops import sync
from tests.sync.servers import ALICE_VILLAGE, ServerProcess

Server = tuple[ServerProcess, ServerDatabase]
Laptops = Callable[..., Database]
MONTH = "2026-12"
DEAD = make_resident_id("330283", date(1948, 4, 4), 41)
ALIVE = make_resident_id("330283", date(1957, 5, 5), 52)
DAY = date(2026, 12, 9)


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def registered(database: ServerDatabase, folder: Path) -> dict[str, str]:
    """Two persons of alice's village on the server, each with both subsidies running."""
    roster = write_csv(folder / "roster.csv", [["村社区代码", "姓名", "身份证号"],
                                                [ALICE_VILLAGE, "王堃", DEAD],
                                                [ALICE_VILLAGE, "李娜", ALIVE]])  # fmt: skip
    report = import_roster(database, roster)
    assert not report.refused, report.lines()
    with database.write() as s:
        ledger.lock(s)
        ids = {n: i for i, n in s.execute(select(Person.id, Person.id_number))}
        for person_id in ids.values():
            for kind, fen in (("living", 48500), ("care", 33000)):
                fields = {"person_id": person_id, "kind": kind, "start_month": "2024-01",
                          "amount_fen": fen, "status": "active", "group": "dibao",
                          "end_month": "", "end_reason": "", "steps": []}  # fmt: skip
                ledger.write_change(s, "subsidy", str(uuid.uuid4()), {**fields, "task_id": ""},
                                    author=ledger.Author("import"))  # fmt: skip
    return ids


def person_on(db: Database | ServerDatabase, person_id: str) -> tuple[str, str]:
    reading = db.read() if isinstance(db, ServerDatabase) else db.transaction()
    with reading as s:
        person = s.get(Person, person_id)
        assert person is not None
        return person.status, person.cancel_reason


def subsidies_on(db: Database | ServerDatabase, person_id: str) -> set[tuple[str, str, str]]:
    reading = db.read() if isinstance(db, ServerDatabase) else db.transaction()
    with reading as s:
        rows = s.scalars(select(Subsidy).where(Subsidy.person_id == person_id))
        return {(r.kind, r.status, r.end_month) for r in rows}


def task_of(db: Database, person_id: str) -> ChangeNotice:
    with db.session() as s:
        task = s.scalars(select(ChangeNotice).where(ChangeNotice.person_id == person_id)).one()
        s.expunge(task)
        return task


def test_a_death_confirmed_in_the_field_is_cancelled_and_stopped_everywhere(
    server: Server, laptops: Laptops, tmp_path: Path
) -> None:
    process, database = server
    ids = registered(database, tmp_path)
    dead, alive = ids[DEAD], ids[ALIVE]
    police = [["身份证号", "姓名", "变动情况", "变动日期"],
              [DEAD, "王堃", "死亡注销", "2026-12-04"],
              [ALIVE, "李娜", "死亡", "2026-12-06"]]  # fmt: skip
    changes_list = write_csv(tmp_path / "police.csv", police)
    report = import_changes(database, changes_list, month=MONTH, source="公安")
    assert report.tasks_new == 2 and not report.refused

    alice, rita = laptops(process, "alice"), laptops(process, "rita")
    sync(alice)  # the tasks reach the member in this one sync
    member = Tasks(alice, "alice", "member")
    rows = member.rows([], today=DAY)
    assert {r.person_id for r in rows} == {dead, alive}
    lines = member.propose(task_of(alice, dead).id, "confirmed")
    assert [line["action"] for line in lines] == ["cancel", "stop_subsidy", "stop_subsidy"]
    member.record(task_of(alice, dead).id, outcome="confirmed", method="home", checked_on=DAY,
                  consequences=lines, today=DAY)  # fmt: skip
    member.record(task_of(alice, alive).id, outcome="disputed", method="phone", checked_on=DAY,
                  reason="本人健在，电话核实", today=DAY)  # fmt: skip
    receipt = sync(alice)
    assert receipt.refused == 0, receipt.detail
    assert person_on(database, dead) == ("active", "")  # nothing applied before the review

    sync(rita)
    reviewer = Tasks(rita, "rita", "reviewer")
    queue = reviewer.rows([], states=["submitted"], today=DAY)
    assert {r.person_id for r in queue} == {dead, alive}
    for row in queue:
        reviewer.accept(row.task_id)
    receipt = sync(rita)
    assert receipt.refused == 0, receipt.detail
    sync(alice)

    # the person is cancelled on the server and on both laptops, the subsidies stopped
    for where in (database, alice, rita):
        assert person_on(where, dead) == ("cancelled", "1")
        assert subsidies_on(where, dead) == {("living", "stopped", MONTH),
                                             ("care", "stopped", MONTH)}  # fmt: skip
        assert person_on(where, alive) == ("active", "")
        assert subsidies_on(where, alive) == {("living", "active", ""), ("care", "active", "")}
    with database.read() as s:  # the district's stop list of the month
        stops = stop_rows(s, ExportParams(month=MONTH, as_of=DAY))
        states = dict(s.execute(select(ChangeNotice.person_id, ChangeNotice.state)).all())
    assert sorted((r["person.name"], r["subsidy.kind"], r["subsidy.stop_from"]) for r in stops) == [
        ("王堃", "care", "2027-01"),
        ("王堃", "living", "2027-01"),
    ]
    assert states == {dead: "accepted", alive: "accepted"}


def test_a_dibao_entry_accepted_records_the_family_s_dibao_everywhere(
    server: Server, laptops: Laptops, tmp_path: Path
) -> None:
    """The hardship codes a confirmed 纳入低保 implies are the reviewer's laptop's change of
    the household: the server takes it, the member's laptop gets it back."""
    from app.store.registry import Household

    process, database = server
    ids = registered(database, tmp_path)
    person_id = ids[ALIVE]
    civil = [
        ["身份证号", "姓名", "变动情况", "变动日期"],
        [ALIVE, "李娜", "纳入低保", "2026-12-03"],
    ]
    report = import_changes(database, write_csv(tmp_path / "civil.csv", civil), month=MONTH,
                            source="民政")  # fmt: skip
    assert report.tasks_new == 1 and not report.refused
    alice, rita = laptops(process, "alice"), laptops(process, "rita")
    sync(alice)
    member = Tasks(alice, "alice", "member")
    task_id = task_of(alice, person_id).id
    lines = member.propose(task_id, "confirmed")
    assert [(line["action"], line.get("codes")) for line in lines] == [("hardship", ["1"])]
    member.record(task_id, outcome="confirmed", method="home", checked_on=DAY,
                  consequences=lines, today=DAY)  # fmt: skip
    assert sync(alice).refused == 0
    sync(rita)
    Tasks(rita, "rita", "reviewer").accept(task_id)
    receipt = sync(rita)
    assert receipt.refused == 0, receipt.detail
    sync(alice)
    for where in (database, alice, rita):
        reading = where.read() if isinstance(where, ServerDatabase) else where.transaction()
        with reading as s:
            person = s.get(Person, person_id)
            assert person is not None
            household = s.get(Household, person.household_id)
            assert household is not None and household.hardship == ["1"], where
