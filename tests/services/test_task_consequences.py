"""Each consequence of a confirmed outcome, applied when the reviewer accepts, in one
transaction: cancel, stop a subsidy, open an application, move; and none on a return."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from app.domain.issues import ValidationFailed
from app.services.registry import Registry
from app.services.tasks import NEW_HOUSEHOLD, Tasks
from app.store import changes
from app.store.database import Database
from app.store.registry import Household, Person, Subsidy
from app.store.work import ChangeNotice
from tests.conftest import OTHER_VILLAGE, VILLAGE
from tests.services.task_world import World, build

DAY = date(2026, 12, 9)


def member(db: Database) -> Tasks:
    return Tasks(db, "alice", "member")


def reviewer(db: Database) -> Tasks:
    return Tasks(db, "rita", "reviewer")


def confirm(db: Database, world: World, *, move_to: str | None = None) -> list[dict[str, Any]]:
    """The member confirms every proposed line; returns them."""
    tasks = member(db)
    lines = tasks.propose(world.task_id, "confirmed", move_to=move_to)
    tasks.record(world.task_id, outcome="confirmed", method="home", checked_on=DAY,
                 consequences=lines, today=DAY)  # fmt: skip
    return lines


def subsidies(db: Database, person_id: str) -> dict[str, tuple[str, str, str, str]]:
    with db.session() as s:
        rows = s.scalars(select(Subsidy).where(Subsidy.person_id == person_id))
        return {r.kind: (r.status, r.end_month, r.end_reason, r.task_id) for r in rows}


def person(db: Database, person_id: str) -> Person:
    with db.session() as s:
        found = s.get(Person, person_id)
        assert found is not None
        s.expunge(found)
        return found


@pytest.mark.parametrize(("kind", "reason", "end_reason"),
                         [("death", "1", "death"), ("hukou_out", "2", "hukou_out")])  # fmt: skip
def test_a_death_or_move_out_cancels_and_stops_both_subsidies_that_month(
    db: Database, kind: str, reason: str, end_reason: str
) -> None:
    world = build(db, VILLAGE, kind=kind, day="2026-11-28")
    lines = confirm(db, world)
    assert [line["action"] for line in lines] == ["cancel", "stop_subsidy", "stop_subsidy"]
    changed = reviewer(db).accept(world.task_id)
    assert changed.persons == {world.person_id}
    done = person(db, world.person_id)
    assert (done.status, done.cancel_reason, done.status_date) == (
        "cancelled",
        reason,
        date(2026, 11, 28),
    )
    found = subsidies(db, world.person_id)
    assert found == {
        "living": ("stopped", "2026-11", end_reason, world.task_id),
        "care": ("stopped", "2026-11", end_reason, world.task_id),
    }
    with db.session() as s:
        task = s.get(ChangeNotice, world.task_id)
        assert task is not None and task.state == "accepted"


def test_leaving_dibao_stops_only_the_living_subsidy(db: Database) -> None:
    world = build(db, VILLAGE, kind="dibao_out", day="2026-12-02")
    confirm(db, world)
    reviewer(db).accept(world.task_id)
    found = subsidies(db, world.person_id)
    assert found["living"][:3] == ("stopped", "2026-12", "left_dibao")
    assert found["care"][0] == "active"
    assert person(db, world.person_id).status == "active"


def test_entering_dibao_opens_a_living_subsidy_application(db: Database) -> None:
    world = build(db, VILLAGE, kind="dibao_in", day="2026-12-02")
    with db.transaction() as s:  # the family is now 低保 and the living subsidy had ended
        changes.update(s, Household, world.household_id, {"hardship": ["1"]}, user="alice")
        changes.update(s, Subsidy, world.living_id,
                       {"status": "stopped", "end_month": "2025-06"}, user="alice")  # fmt: skip
    lines = confirm(db, world)
    assert lines == [{"action": "apply_subsidy", "kind": "living", "group": "dibao"}]
    reviewer(db).accept(world.task_id)
    with db.session() as s:
        pending = s.scalars(
            select(Subsidy).where(Subsidy.person_id == world.person_id, Subsidy.status == "pending")
        ).one()
        assert (pending.kind, pending.group, pending.task_id) == ("living", "dibao", world.task_id)


def test_a_move_within_the_district_moves_the_person(db: Database) -> None:
    world = build(db, VILLAGE, kind="moved_in_district", day="2026-12-01")
    target, _ = Registry(db, "alice").add_household(
        {"area_code": OTHER_VILLAGE, "address": "岳林路5号", "hukou_type": "1"}
    )
    lines = confirm(db, world, move_to=target)
    assert lines == [{"action": "move", "household_id": target, "area_code": OTHER_VILLAGE}]
    changed = reviewer(db).accept(world.task_id)
    assert target in changed.households
    assert person(db, world.person_id).household_id == target


def test_a_failing_consequence_leaves_everything_as_it_was(db: Database) -> None:
    world = build(db, VILLAGE, kind="death", day="2026-11-28")
    tasks = member(db)
    lines = tasks.propose(world.task_id, "confirmed")
    lines[0] = {**lines[0], "reason": "99"}  # a cancel reason no list knows
    tasks.record(world.task_id, outcome="confirmed", method="home", checked_on=DAY,
                 consequences=lines, today=DAY)  # fmt: skip
    with pytest.raises(ValidationFailed):
        reviewer(db).accept(world.task_id)
    assert person(db, world.person_id).status == "active"
    assert {v[0] for v in subsidies(db, world.person_id).values()} == {"active"}
    with db.session() as s:
        assert s.scalar(select(ChangeNotice.state).where(ChangeNotice.id == world.task_id)) == (
            "submitted"
        )


def test_a_returned_confirmation_changes_nothing(db: Database) -> None:
    world = build(db, VILLAGE, kind="death", day="2026-11-28")
    confirm(db, world)
    reviewer(db).return_(world.task_id, "请补充死亡证明")
    assert person(db, world.person_id).status == "active"
    assert {v[0] for v in subsidies(db, world.person_id).values()} == {"active"}


def test_a_move_to_another_village_makes_a_new_household_at_the_given_address(
    db: Database,
) -> None:
    world = build(db, VILLAGE, kind="moved_in_district", day="2026-12-01")
    tasks = member(db)
    [line] = tasks.propose(world.task_id, "corrected", move_to=NEW_HOUSEHOLD + OTHER_VILLAGE)
    assert line == {"action": "move", "household_id": "", "area_code": OTHER_VILLAGE}
    with pytest.raises(ValidationFailed) as refused:  # no address for the new household
        tasks.record(world.task_id, outcome="corrected", method="home", checked_on=DAY,
                     consequences=[line], today=DAY)  # fmt: skip
    assert refused.value.codes == ("task.address_required",)
    tasks.record(world.task_id, outcome="corrected", method="home", checked_on=DAY,
                 consequences=[{**line, "address": "岳林路9号"}], today=DAY)  # fmt: skip
    changed = reviewer(db).accept(world.task_id)
    moved = person(db, world.person_id)
    assert moved.household_id != world.household_id and moved.household_id in changed.households
    with db.session() as s:
        household = s.get(Household, moved.household_id)
        assert household is not None
        assert (household.area_code, household.address, household.head_name) == (
            OTHER_VILLAGE,
            "岳林路9号",
            moved.name,
        )
