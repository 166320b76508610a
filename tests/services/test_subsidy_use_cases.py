"""Subsidy use cases: the application steps by role, stops, history never rewritten, warnings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from app.domain.certificate import make_certificate
from app.domain.codes import load_code_lists
from app.domain.identity import make_resident_id
from app.domain.issues import ValidationFailed
from app.domain.settings import SettingsBook, load_settings
from app.services.registry import Registry
from app.services.subsidies import Subsidies, reviewer_checks, warnings
from app.store import changes
from app.store.database import Database
from app.store.outbox import OutboxOp
from app.store.registry import Subsidy
from app.store.work import AuditEvent
from tests.conftest import OTHER_VILLAGE, VILLAGE
from tests.domain.test_subsidy_settings import GOOD

TODAY = date(2026, 12, 1)
DECIDED = date(2026, 11, 20)
GOOD_CARD = "6222021234567890128"


@pytest.fixture
def book(tmp_path: Path) -> SettingsBook:
    path = tmp_path / "settings.yaml"
    path.write_text(yaml.safe_dump(GOOD), encoding="utf-8")
    return load_settings(path)


@pytest.fixture
def as_role(db: Database, book: SettingsBook) -> Callable[[str], Subsidies]:
    users = {"member": "m001001", "reviewer": "r001", "admin": "admin"}
    return lambda role: Subsidies(db, users[role], role, settings=book, today=lambda: TODAY)


def add_person(
    db: Database,
    area: str = VILLAGE,
    grade: str = "1",
    hardship: tuple[str, ...] = ("1",),
    n: int = 1,
) -> str:
    registry = Registry(db, "m001001")
    hid, _ = registry.add_household({"area_code": area, "hardship": list(hardship)})
    pid = make_resident_id("330213", date(1960, 1, 1), n)
    person, _ = registry.add_person(
        hid,
        {
            "name": f"王堃{n}",
            "id_number": pid,
            "cert_number": make_certificate(pid, 4, int(grade)),
            "category": "4",
            "grade": grade,
            "bank_account": GOOD_CARD,
        },
    )
    return person


def row(db: Database, subsidy_id: str) -> dict[str, object]:
    with db.session() as s:
        found = s.get(Subsidy, subsidy_id)
        assert found is not None
        return changes.snapshot(found)


def approved(as_role: Callable[[str], Subsidies], person: str, kind: str = "care") -> str:
    sid, _ = as_role("member").open_application(person, kind)
    as_role("member").accept(sid, "材料齐全")
    as_role("reviewer").review(sid, "核实无误")
    as_role("admin").approve(sid, DECIDED, "奉残联〔2026〕45号")
    return sid


def test_the_application_steps_in_order_by_role(
    db: Database, as_role: Callable[[str], Subsidies]
) -> None:
    person = add_person(db)
    sid, changed = as_role("member").open_application(person, "care")
    assert changed.persons == {person}
    first = row(db, sid)
    assert first["status"] == "pending" and first["group"] == "grade1"
    assert first["start_month"] == "" and first["amount_fen"] == 0
    as_role("member").accept(sid, "材料齐全")
    as_role("reviewer").review(sid, "核实无误")
    as_role("admin").approve(sid, DECIDED, " 奉残联〔2026〕45号 ")
    done = row(db, sid)
    assert done["status"] == "active"
    assert done["start_month"] == "2026-12"  # the month after the decision
    assert done["amount_fen"] == 34_000  # the town's grade-1 standard of 2026, in fen
    assert done["decision_date"] == DECIDED and done["decision_number"] == "奉残联〔2026〕45号"
    assert [(s["step"], s["by"]) for s in done["steps"]] == [  # type: ignore[attr-defined]
        ("apply", "m001001"),
        ("accept", "m001001"),
        ("review", "r001"),
        ("approve", "admin"),
    ]
    with db.session() as s:
        audited = s.scalars(select(AuditEvent).where(AuditEvent.target_id == sid)).all()
        assert [a.detail["step"] for a in audited] == ["apply", "accept", "review", "approve"]
        ops = s.scalars(select(OutboxOp).where(OutboxOp.record_id == sid)).all()
        assert len(ops) == 4  # every step syncs


@pytest.mark.parametrize(
    ("done", "role", "step", "code"),
    [
        ([], "reviewer", "accept", "subsidy.step_not_allowed"),  # 受理 is the member's
        (["accept"], "member", "review", "subsidy.step_not_allowed"),  # 审核 is the town's
        (["accept"], "admin", "review", "subsidy.step_not_allowed"),
        (["accept", "review"], "reviewer", "approve", "subsidy.step_not_allowed"),  # the district's
        (["accept", "review"], "member", "refuse", "subsidy.step_not_allowed"),
        ([], "admin", "approve", "subsidy.step_out_of_order"),  # not before 审核
        (["accept"], "admin", "approve", "subsidy.step_out_of_order"),
        ([], "member", "review", "subsidy.step_out_of_order"),
    ],
)
def test_a_step_out_of_order_or_role_is_refused_and_changes_nothing(
    db: Database,
    as_role: Callable[[str], Subsidies],
    done: list[str],
    role: str,
    step: str,
    code: str,
) -> None:
    person = add_person(db)
    sid, _ = as_role("member").open_application(person, "care")
    by = {"accept": "member", "review": "reviewer"}
    for taken in done:
        getattr(as_role(by[taken]), taken)(sid, "好")
    before = row(db, sid)
    args: tuple[object, ...] = (DECIDED, "文号") if step == "approve" else ("理由",)
    with pytest.raises(ValidationFailed) as error:
        getattr(as_role(role), step)(sid, *args)
    assert code in error.value.codes
    assert row(db, sid) == before


def test_refusal_needs_a_reason_and_closes_the_application(
    db: Database, as_role: Callable[[str], Subsidies]
) -> None:
    person = add_person(db)
    sid, _ = as_role("member").open_application(person, "care")
    as_role("member").accept(sid)
    with pytest.raises(ValidationFailed, match="必须填写原因"):
        as_role("reviewer").refuse(sid, "  ")
    as_role("reviewer").refuse(sid, "已享受工伤保险生活护理费")
    assert row(db, sid)["status"] == "refused"
    with pytest.raises(ValidationFailed) as error:
        as_role("admin").approve(sid, DECIDED, "文号")
    assert error.value.codes == ("subsidy.step_out_of_order",)


def test_approval_needs_the_decision_and_takes_the_latest_standard(
    db: Database, as_role: Callable[[str], Subsidies]
) -> None:
    person = add_person(db)
    sid, _ = as_role("member").open_application(person, "care")
    as_role("member").accept(sid)
    as_role("reviewer").review(sid)
    with pytest.raises(ValidationFailed) as error:
        as_role("admin").approve(sid, DECIDED, "")
    assert error.value.codes == ("subsidy.decision_required",)
    with pytest.raises(ValidationFailed) as error:
        as_role("admin").approve(sid, date(2026, 12, 2), "文号")
    assert error.value.codes == ("subsidy.decision_future",)
    late = Subsidies(
        db, "admin", "admin", settings=as_role("admin").settings, today=lambda: date(2026, 12, 28)
    )
    late.approve(sid, date(2026, 12, 20), "文号")  # paid from 2027-01: 2027 not configured yet
    done = row(db, sid)
    assert done["start_month"] == "2027-01" and done["amount_fen"] == 34_000  # 2026's standard
    assert done["steps"][-1]["standard_year"] == 2026  # type: ignore[index]


@pytest.mark.parametrize(
    ("area", "grade", "kind", "amount"),
    [
        (OTHER_VILLAGE, "1", "care", 33_000),  # the district's standard
        (VILLAGE, "1", "care", 34_000),  # the town's override
        (VILLAGE, "2", "care", 30_000),  # the village's override for 2026
        (OTHER_VILLAGE, "2", "care", 26_550),  # 265.50 yuan, exact
        (OTHER_VILLAGE, "4", "living", 123_010),  # 1230.10 yuan, exact
    ],
)
def test_the_amount_is_the_standard_of_the_year_and_area(
    db: Database, as_role: Callable[[str], Subsidies], area: str, grade: str, kind: str, amount: int
) -> None:
    sid = approved(as_role, add_person(db, area, grade), kind)
    paid = row(db, sid)["amount_fen"]
    assert paid == amount and type(paid) is int


def test_an_application_needs_a_group_and_no_running_or_pending_one(
    db: Database, as_role: Callable[[str], Subsidies]
) -> None:
    person = add_person(db, grade="4", hardship=())
    with pytest.raises(ValidationFailed) as error:
        as_role("member").open_application(person, "care")
    assert error.value.codes == ("subsidy.not_qualified",)
    with pytest.raises(ValidationFailed) as error:
        as_role("member").open_application(person, "care", "grade7")
    assert error.value.codes == ("subsidy.no_group",)
    with pytest.raises(ValidationFailed) as error:
        as_role("member").open_application(person, "pension")
    assert error.value.codes == ("subsidy.kind_unknown",)
    other = add_person(db, n=2)
    as_role("member").open_application(other, "care")
    with pytest.raises(ValidationFailed) as error:
        as_role("member").open_application(other, "care")
    assert error.value.codes == ("subsidy.already_pending",)
    other3 = add_person(db, n=3)
    approved(as_role, other3)
    with pytest.raises(ValidationFailed) as error:
        as_role("reviewer").open_application(other3, "care")
    assert error.value.codes == ("subsidy.already_running",)


REASONS = load_code_lists()["subsidy_end_reason"].codes


@pytest.mark.parametrize("reason", REASONS)
def test_each_stop_reason_closes_the_running_period_and_keeps_its_past(
    db: Database, as_role: Callable[[str], Subsidies], reason: str
) -> None:
    sid = approved(as_role, add_person(db))
    before = row(db, sid)
    as_role("reviewer").stop(before["person_id"], "care", reason, "2027-03", task_id="task-1")  # type: ignore[arg-type]
    after = row(db, sid)
    assert after["status"] == "stopped"
    assert after["end_month"] == "2027-03" and after["end_reason"] == reason
    assert after["task_id"] == "task-1"
    for name in ("start_month", "amount_fen", "decision_date", "decision_number", "group"):
        assert after[name] == before[name]
    assert after["steps"][: len(before["steps"])] == before["steps"]  # type: ignore[index,arg-type]
    assert after["steps"][-1]["step"] == "stop" and after["steps"][-1]["task"] == "task-1"  # type: ignore[index]


def test_a_bad_stop_is_refused_with_its_reason(
    db: Database, as_role: Callable[[str], Subsidies]
) -> None:
    person = add_person(db)
    with pytest.raises(ValidationFailed) as error:
        as_role("reviewer").stop(person, "care", "death", "2026-11")
    assert error.value.codes == ("subsidy.nothing_running",)
    sid = approved(as_role, person)
    with pytest.raises(ValidationFailed) as error:
        as_role("reviewer").stop(person, "care", "eaten", "2026-13")
    assert set(error.value.codes) == {"code.unknown", "subsidy.month_invalid"}
    with pytest.raises(ValidationFailed) as error:
        as_role("member").stop(person, "care", "death", "2026-12")
    assert error.value.codes == ("subsidy.step_not_allowed",)
    with pytest.raises(ValidationFailed) as error:
        as_role("admin").stop(person, "care", "death", "2026-10")  # before 2026-11, start 2026-12
    assert error.value.codes == ("subsidy.end_before_start",)
    as_role("admin").stop(person, "care", "death", date(2026, 11, 30))  # died before the start
    assert row(db, sid)["end_month"] == "2026-11"


def test_history_is_never_rewritten_a_restart_is_a_new_period(
    db: Database, as_role: Callable[[str], Subsidies]
) -> None:
    person = add_person(db)
    first = approved(as_role, person)
    as_role("reviewer").stop(person, "care", "declined", "2027-02")
    closed = row(db, first)
    with pytest.raises(ValidationFailed) as error:
        as_role("admin").stop(person, "care", "death", "2027-05")  # a second stop: nothing runs
    assert error.value.codes == ("subsidy.nothing_running",)
    second, _ = as_role("member").open_application(person, "care", note="本人重新申请")
    assert second != first
    assert row(db, first) == closed
    history = as_role("member").history(person)
    assert [(p.id, p.status) for p in history] == [(first, "stopped"), (second, "pending")]
    assert history[1].next_steps == ("accept",)


def test_use_cases_share_the_callers_transaction(
    db: Database, as_role: Callable[[str], Subsidies]
) -> None:
    person = add_person(db)
    approved(as_role, person)
    living = add_person(db, grade="4", n=2)
    with pytest.raises(ValidationFailed), db.transaction() as s:
        as_role("reviewer").stop(person, "care", "death", "2026-12", session=s)
        as_role("reviewer").open_application(living, "care", session=s)  # refused: rolls back
    assert as_role("reviewer").history(person)[0].status == "active"


def test_warnings_of_a_person_and_the_reviewers_list(
    db: Database, as_role: Callable[[str], Subsidies], book: SettingsBook
) -> None:
    missing = add_person(db, grade="1", hardship=())
    fine = add_person(db, grade="1", hardship=(), n=2)
    approved(as_role, fine)
    elsewhere = add_person(db, OTHER_VILLAGE, grade="2", hardship=(), n=3)
    with db.session() as s:
        assert [i.code for i in warnings(s, missing, book=book, today=TODAY)] == [
            "subsidy.care_missing"
        ]
        assert as_role("member").warnings(s, fine) == []
        rows = reviewer_checks(s, [VILLAGE], book=book, today=TODAY)
        assert [r.person_id for r in rows] == [missing]
        everywhere = as_role("reviewer").reviewer_checks(s, [])
        assert {r.person_id for r in everywhere} == {missing, elsewhere}
        assert everywhere[0].issues[0].message.startswith("王堃")
    registry = Registry(db, "m001001")
    registry.cancel_person(fine, "1", date(2026, 11, 28))
    with db.session() as s:
        assert [i.code for i in as_role("reviewer").warnings(s, fine)] == [
            "subsidy.cancelled_running"
        ]
