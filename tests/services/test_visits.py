"""The visit under way: its note is kept (and sent like every field), completing makes it."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.services.registry import Registry
from app.services.visits import Visits
from app.store.database import Database
from app.store.outbox import OutboxOp
from app.store.work import Visit
from tests.conftest import VILLAGE


def visits_of(db: Database, household_id: str) -> list[Visit]:
    with db.session() as s:
        found = list(s.scalars(select(Visit).where(Visit.household_id == household_id)))
        s.expunge_all()
        return found


def household(db: Database) -> str:
    hid, _ = Registry(db, "m1").add_household({"area_code": VILLAGE, "address": "南山路3号"})
    return hid


def test_an_empty_note_makes_no_visit(db: Database) -> None:
    hid = household(db)
    assert Visits(db, "m1").keep_note(hid, "  ").households == frozenset()
    assert visits_of(db, hid) == []


def test_a_note_without_a_plan_makes_a_visit_for_today_and_is_sent(db: Database) -> None:
    hid = household(db)
    visits = Visits(db, "m1")
    assert visits.keep_note(hid, " 儿子在外地打工 ").households == {hid}
    [visit] = visits_of(db, hid)
    assert (visit.note, visit.state, visit.planned_date) == (
        "儿子在外地打工",
        "planned",
        date.today(),
    )
    assert visits.current_note(hid) == "儿子在外地打工"
    visits.keep_note(hid, "儿子在宁波打工")
    with db.session() as s:
        ops = s.scalars(select(OutboxOp).where(OutboxOp.record_id == visit.id)).all()
    assert ops[-1].fields == {"note": "儿子在宁波打工"}  # one field, merged field by field
    assert len(visits_of(db, hid)) == 1


def test_the_note_goes_to_the_visit_planned_for_today_not_a_future_one(db: Database) -> None:
    hid = household(db)
    visits = Visits(db, "m1")
    today_id, _ = visits.plan(hid, date.today(), "带上轮椅表")
    later_id, _ = visits.plan(hid, date.today() + timedelta(days=3))
    assert visits.current_note(hid) == "带上轮椅表"
    visits.keep_note(hid, "门牌在后门")
    notes = {v.id: v.note for v in visits_of(db, hid)}
    assert notes == {today_id: "门牌在后门", later_id: ""}


def test_completing_makes_the_visit_with_its_note(db: Database) -> None:
    hid = household(db)
    visits = Visits(db, "m1")
    planned, _ = visits.plan(hid, date.today())
    visits.complete(hid, "本人不在，母亲代答")
    [visit] = visits_of(db, hid)
    assert visit.id == planned
    assert (visit.state, visit.note, visit.method) == ("made", "本人不在，母亲代答", "1")
    assert visit.visited_at is not None and visit.visited_at.date() == date.today()
    first = visit.visited_at
    visits.keep_note(hid, "下午又去了一次")  # after completing: the same visit's note
    visits.complete(hid, "下午又去了一次")
    [visit] = visits_of(db, hid)
    assert visit.note == "下午又去了一次" and visit.visited_at == first


def test_another_members_visit_is_left_alone(db: Database) -> None:
    hid = household(db)
    other, _ = Visits(db, "m2").plan(hid, date.today(), "m2 的计划")
    Visits(db, "m1").complete(hid, "")
    by_id = {v.id: v for v in visits_of(db, hid)}
    assert by_id[other].state == "planned" and by_id[other].note == "m2 的计划"
    assert [v.member for v in by_id.values() if v.state == "made"] == ["m1"]
