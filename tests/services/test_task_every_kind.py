"""Every change kind × every outcome: the member confirms all the program proposes, the
reviewer accepts, and acceptance never fails; the registry then says what the rows say
(the family's hardship codes, the person's status and household, the subsidies)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from app.domain import tasks as rules
from app.domain.codes import load_code_lists
from app.services.registry import Registry
from app.services.tasks import Tasks
from app.store import changes
from app.store.database import Database
from app.store.registry import Household, Person, Subsidy
from app.store.work import ChangeNotice
from tests.conftest import OTHER_VILLAGE, VILLAGE
from tests.services.task_world import World, build

DAY = date(2026, 12, 9)
KINDS = list(load_code_lists()["change_kind"].codes)
OUTCOMES = ("confirmed", "corrected", "disputed")


def _state(db: Database, world: World) -> dict[str, Any]:
    with db.session() as s:
        person = s.get(Person, world.person_id)
        assert person is not None
        household = s.get(Household, person.household_id)
        assert household is not None
        subsidies = s.scalars(select(Subsidy).where(Subsidy.person_id == world.person_id))
        return {
            "status": person.status,
            "household": person.household_id,
            "hardship": sorted(household.hardship or []),
            "subsidies": sorted((x.kind, x.status) for x in subsidies),
        }


def _world(db: Database, kind: str, paid: bool) -> World:
    """A grade-1 person; `paid`: both subsidies running, else both ended long ago."""
    world = build(db, VILLAGE, kind=kind, day="2026-12-02")
    if not paid:
        with db.transaction() as s:
            for sid in (world.living_id, world.care_id):
                ended = {"status": "stopped", "end_month": "2025-06", "end_reason": "declined"}
                changes.update(s, Subsidy, sid, ended, user="alice")
    return world


@pytest.mark.parametrize("paid", [True, False], ids=["paid", "unpaid"])
@pytest.mark.parametrize("outcome", OUTCOMES)
@pytest.mark.parametrize("kind", KINDS)
def test_confirming_all_proposed_lines_never_fails_at_accept(
    db: Database, kind: str, outcome: str, paid: bool
) -> None:
    world = _world(db, kind, paid)
    move_to = None
    if kind in rules.MOVES:
        move_to, _ = Registry(db, "alice").add_household(
            {"area_code": OTHER_VILLAGE, "address": "岳林路5号", "hukou_type": "1"}
        )
    before = _state(db, world)
    member = Tasks(db, "alice", "member")
    proposed = member.propose(world.task_id, outcome, move_to=move_to)
    # the dialog leaves a line that cannot apply unticked, saying why
    chosen = [line for line in proposed if not line.get("blocked")]
    for line in proposed:
        if line.get("blocked"):
            assert rules.describe(line).startswith("不能申请")
    member.record(world.task_id, outcome=outcome, method="phone", checked_on=DAY,
                  reason="邻居说人还在" if outcome == "disputed" else "",
                  consequences=chosen, today=DAY)  # fmt: skip
    Tasks(db, "rita", "reviewer").accept(world.task_id)
    after = _state(db, world)
    with db.session() as s:
        assert s.scalar(select(ChangeNotice.state).where(ChangeNotice.id == world.task_id)) == (
            "accepted"
        )
    if outcome == "disputed":
        assert after == before  # a disputed task changes nothing in the registry
        return
    rows = [{"kind": kind}]
    running = {k for k, st in before["subsidies"] if st == "active"}
    still = {k for k, st in after["subsidies"] if st == "active"}
    pending = {k for k, st in after["subsidies"] if st == "pending"}
    if kind in rules.ENDS:
        assert after["status"] == "cancelled"
        assert still == set()
        assert after["hardship"] == before["hardship"]
        return
    assert after["status"] == "active"
    assert after["hardship"] == rules.hardship_after(rows, before["hardship"])
    if kind in rules.STOPS:
        assert rules.STOPS[kind][0] not in still
    if kind in rules.MOVES:
        assert after["household"] == move_to
    else:
        assert after["household"] == before["household"]
    if kind in rules.QUALIFYING:
        # what the family's facts now allow is applied for: 低保 → living; grade 1 → care
        expected = {"care"} | ({"living"} if "1" in after["hardship"] else set())
        if kind in ("dibao_in", "near_dibao_in"):
            expected = {"care", "living"}
        assert pending == expected - running
    else:
        assert pending == set()


def test_entering_dibao_records_the_family_s_dibao_before_applying(db: Database) -> None:
    world = _world(db, "dibao_in", paid=False)
    member = Tasks(db, "alice", "member")
    lines = member.propose(world.task_id, "confirmed")
    assert [line["action"] for line in lines] == ["hardship", "apply_subsidy", "apply_subsidy"]
    assert lines[0]["codes"] == ["1"]
    assert rules.describe(lines[0]) == "本户困难类型改为：最低生活保障"
    assert {(x["kind"], x["group"]) for x in lines[1:]} == {("living", "dibao"), ("care", "grade1")}
    # kept in the order the member left them, the codes are still recorded first
    member.record(world.task_id, outcome="confirmed", method="home", checked_on=DAY,
                  consequences=[*lines[1:], lines[0]], today=DAY)  # fmt: skip
    Tasks(db, "rita", "reviewer").accept(world.task_id)
    state = _state(db, world)
    assert state["hardship"] == ["1"]
    assert ("living", "pending") in state["subsidies"]


def test_an_application_that_cannot_be_made_is_proposed_blocked_with_the_reason(
    db: Database,
) -> None:
    world = _world(db, "dibao_in", paid=False)
    with db.transaction() as s:  # the family is supported as extremely poor (特困)
        changes.update(s, Household, world.household_id, {"hardship": ["3"]}, user="alice")
    member = Tasks(db, "alice", "member")
    lines = member.propose(world.task_id, "confirmed")
    blocked = [line for line in lines if line.get("blocked")]
    assert [(x["action"], x["kind"]) for x in blocked] == [("apply_subsidy", "living")]
    assert "特困人员供养" in rules.describe(blocked[0])
    issues = rules.outcome_issues("confirmed", "home", DAY, "", consequences=blocked)
    assert [i.code for i in issues] == ["task.blocked_consequence"]
