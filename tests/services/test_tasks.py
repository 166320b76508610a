"""Monthly task use cases: the list, the outcome, a return, a change the member reports."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image
from sqlalchemy import func, select

from app.domain.issues import ValidationFailed
from app.services.photos import NotAPhoto
from app.services.tasks import Tasks
from app.store.database import Database
from app.store.outbox import OutboxOp
from app.store.registry import Person, Subsidy
from app.store.work import Attachment, AuditEvent, ChangeNotice
from tests.conftest import OTHER_VILLAGE, VILLAGE
from tests.services.task_world import ID_SECOND, World, a_row, a_task, build

DAY = date(2026, 12, 9)


@pytest.fixture
def world(db: Database) -> World:
    return build(db, VILLAGE)


def member(db: Database) -> Tasks:
    return Tasks(db, "alice", "member")


def task(db: Database, task_id: str) -> ChangeNotice:
    with db.session() as s:
        found = s.get(ChangeNotice, task_id)
        assert found is not None
        s.expunge(found)
        return found


def registry_state(db: Database, person_id: str) -> tuple[str, list[tuple[str, str, str]]]:
    with db.session() as s:
        person = s.get(Person, person_id)
        assert person is not None
        subsidies = s.scalars(select(Subsidy).where(Subsidy.person_id == person_id))
        return person.status, sorted((x.kind, x.status, x.end_month) for x in subsidies)


def test_the_list_filters_by_month_and_state_sorts_by_due_date_and_marks_overdue(
    db: Database, world: World
) -> None:
    second = build(db, OTHER_VILLAGE, id_number=ID_SECOND, kind="dibao_out")
    older = a_task(db, second.person_id, [a_row("grade_changed", "2026-11-02")], "2026-11")
    tasks = member(db)
    rows = tasks.rows([], today=date(2026, 12, 5))
    assert rows[0].task_id == older  # November's is due first
    assert [r.overdue for r in rows] == [True, False, False]
    assert {r.month for r in tasks.rows([], today=DAY, month="2026-12")} == {"2026-12"}
    assert tasks.rows([VILLAGE], today=DAY, month="2026-12")[0].task_id == world.task_id
    assert tasks.rows([], today=DAY, states=["submitted"]) == []
    [row] = tasks.rows([VILLAGE], today=DAY)
    assert (row.kinds, row.source, row.state_label, row.village) == (
        "死亡",
        "公安",
        "待核实",
        "奉中社区",
    )


def test_a_task_shows_the_source_beside_the_registry(db: Database, world: World) -> None:
    detail = member(db).detail(world.task_id)
    assert detail.rows[0]["kind"] == "death" and detail.rows[0]["source"] == "police"
    assert detail.name == "王堃" and "*" in detail.id_masked and detail.village == "奉中社区"
    assert sorted(detail.running) == ["care", "living"]
    assert [s.amount_fen for s in detail.subsidies] == [24000, 36000]


def test_confirming_stores_the_consequences_and_submits_without_changing_the_registry(
    db: Database, world: World
) -> None:
    lines = [
        {"action": "cancel", "reason": "1", "on": "2026-12-04"},
        {"action": "stop_subsidy", "kind": "living", "reason": "death", "last_month": "2026-12"},
    ]
    before = registry_state(db, world.person_id)
    member(db).record(world.task_id, outcome="confirmed", method="home", checked_on=DAY,
                      consequences=lines, today=DAY)  # fmt: skip
    done = task(db, world.task_id)
    assert (done.state, done.outcome, done.method, done.checked_by) == (
        "submitted",
        "confirmed",
        "home",
        "alice",
    )
    assert done.consequences == lines
    assert [(h["from"], h["to"], h["by"]) for h in done.state_history] == [
        ("open", "submitted", "alice")
    ]
    assert registry_state(db, world.person_id) == before  # applied only on acceptance
    with db.session() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.target_id == world.task_id)).all()
        assert [e.action for e in events] == ["edit"]
        ops = s.scalars(select(OutboxOp).where(OutboxOp.record_id == world.task_id)).all()
        assert ops[-1].fields["state"] == "submitted"


def test_a_disputed_task_needs_a_reason_and_changes_nothing(db: Database, world: World) -> None:
    before = registry_state(db, world.person_id)
    tasks = member(db)
    with pytest.raises(ValidationFailed) as refused:
        tasks.record(world.task_id, outcome="disputed", method="phone", checked_on=DAY, today=DAY)
    assert refused.value.codes == ("task.reason_required",)
    assert task(db, world.task_id).state == "open"
    lines = [{"action": "cancel", "reason": "1", "on": "2026-12-04"}]
    tasks.record(world.task_id, outcome="disputed", method="phone", checked_on=DAY,
                 reason="本人健在，电话核实", consequences=lines, today=DAY)  # fmt: skip
    done = task(db, world.task_id)
    assert (done.state, done.reason, done.consequences) == ("submitted", "本人健在，电话核实", [])
    Tasks(db, "rita", "reviewer").accept(world.task_id)
    assert task(db, world.task_id).state == "accepted"
    assert registry_state(db, world.person_id) == before


def test_a_reviewer_cannot_record_and_a_member_cannot_accept(db: Database, world: World) -> None:
    with pytest.raises(ValidationFailed) as refused:
        Tasks(db, "rita", "reviewer").record(
            world.task_id, outcome="confirmed", method="home", checked_on=DAY, today=DAY
        )
    assert refused.value.codes == ("workflow.not_allowed",)
    member(db).record(world.task_id, outcome="confirmed", method="home", checked_on=DAY, today=DAY)
    with pytest.raises(ValidationFailed) as refused:
        member(db).accept(world.task_id)
    assert refused.value.codes == ("workflow.not_allowed",)
    assert task(db, world.task_id).state == "submitted"


def test_a_returned_task_changes_nothing_and_goes_back_to_the_member(
    db: Database, world: World
) -> None:
    before = registry_state(db, world.person_id)
    lines = [{"action": "cancel", "reason": "1", "on": "2026-12-04"}]
    member(db).record(world.task_id, outcome="confirmed", method="home", checked_on=DAY,
                      consequences=lines, today=DAY)  # fmt: skip
    reviewer = Tasks(db, "rita", "reviewer")
    with pytest.raises(ValidationFailed):
        reviewer.return_(world.task_id, "  ")
    reviewer.return_(world.task_id, "请附死亡证明照片")
    assert task(db, world.task_id).state == "returned"
    assert member(db).detail(world.task_id).returned_reason == "请附死亡证明照片"
    assert registry_state(db, world.person_id) == before
    assert member(db).rows([], today=date(2027, 1, 5))[0].overdue  # back with the member
    member(db).record(world.task_id, outcome="confirmed", method="committee", checked_on=DAY,
                      consequences=lines, today=DAY)  # fmt: skip
    assert task(db, world.task_id).state == "submitted"


def test_a_photo_backs_the_outcome(db: Database, world: World) -> None:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(out, "PNG")
    member(db).record(world.task_id, outcome="disputed", method="home", checked_on=DAY,
                      reason="本人在家", photo=out.getvalue(), today=DAY)  # fmt: skip
    with db.session() as s:
        [photo] = s.scalars(select(Attachment).where(Attachment.owner_id == world.task_id))
        assert (photo.owner_entity, photo.mime) == ("change_notice", "image/jpeg")


def test_a_file_that_is_no_photo_is_refused_and_the_task_stays_open(
    db: Database, world: World
) -> None:
    with pytest.raises(NotAPhoto):
        member(db).record(world.task_id, outcome="disputed", method="home", checked_on=DAY,
                          reason="本人在家", photo=b"%PDF-1.4 not a photo", today=DAY)  # fmt: skip
    assert task(db, world.task_id).state == "open"


def test_a_member_reports_a_change_as_the_month_s_task(db: Database, world: World) -> None:
    tasks = member(db)
    found = [{"kind": "dibao_out", "event_date": date(2026, 12, 2), "detail": "家属说退出低保"}]
    task_id, changed = tasks.report(world.person_id, found, today=DAY)
    assert task_id == world.task_id and changed.persons == {world.person_id}  # the month's task
    tasks.report(world.person_id, found, today=DAY)  # the same row adds nothing
    rows = task(db, task_id).rows
    assert [(r["source"], r["kind"]) for r in rows] == [
        ("police", "death"),
        ("member", "dibao_out"),
    ]
    # next month: a task of its own, with the member as its source
    new_id, _ = tasks.report(world.person_id, found, today=date(2027, 1, 3))
    new = task(db, new_id)
    assert (new.source, new.month, new.state, new.due_date) == (
        "member",
        "2027-01",
        "open",
        date(2027, 1, 31),
    )


def test_a_report_without_a_change_or_with_a_future_date_saves_nothing(
    db: Database, world: World
) -> None:
    with db.session() as s:
        count = s.scalar(select(func.count()).select_from(ChangeNotice))
    tasks = member(db)
    for found, code in (
        ([], "task.no_change"),
        ([{"kind": "", "event_date": DAY}], "task.no_change"),
        ([{"kind": "death", "event_date": date(2026, 12, 31)}], "task.date_future"),
        ([{"kind": "flood", "event_date": DAY}], "code.unknown"),
    ):
        with pytest.raises(ValidationFailed) as refused:
            tasks.report(world.person_id, found, today=DAY)
        assert code in refused.value.codes
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(ChangeNotice)) == count
