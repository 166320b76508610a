"""The monthly task's rules: moves by role, the outcome's checks, each proposed consequence."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain import tasks
from app.domain.messages import message_for


def row(kind: str, day: str = "2026-12-09", source: str = "police") -> dict[str, str]:
    return {"source": source, "kind": kind, "event_date": day, "name": "王堃", "detail": ""}


BOTH = ("living", "care")


@pytest.mark.parametrize(
    ("kind", "reason", "end_reason"),
    [
        ("death", "1", "death"),
        ("cremation", "1", "death"),
        ("pension_stopped", "1", "death"),
        ("hukou_out", "2", "hukou_out"),
        ("cert_cancelled", "3", "cert_cancelled"),
    ],
)
def test_an_end_cancels_the_person_and_stops_both_subsidies_that_month(
    kind: str, reason: str, end_reason: str
) -> None:
    found = tasks.propose([row(kind, "2026-11-28")], "2026-12", running=BOTH)
    assert found == [
        {"action": "cancel", "reason": reason, "on": "2026-11-28"},
        {"action": "stop_subsidy", "kind": "living", "reason": end_reason, "last_month": "2026-11"},
        {"action": "stop_subsidy", "kind": "care", "reason": end_reason, "last_month": "2026-11"},
    ]


def test_a_death_reported_twice_cancels_once_and_stops_only_what_runs() -> None:
    rows = [row("death", "2026-12-03", "health"), row("cremation", "2026-12-05", "civil")]
    found = tasks.propose(rows, "2026-12", running=["care"])
    assert [f["action"] for f in found] == ["cancel", "stop_subsidy"]
    assert found[0]["on"] == "2026-12-03" and found[1]["kind"] == "care"


@pytest.mark.parametrize(
    ("kind", "subsidy", "reason"),
    [
        ("dibao_out", "living", "left_dibao"),
        ("tekun_in", "living", "tekun"),
        ("institution_in", "care", "institution"),
        ("injury_care", "care", "other_care"),
    ],
)
def test_a_change_stops_one_subsidy(kind: str, subsidy: str, reason: str) -> None:
    found = tasks.propose([row(kind)], "2026-12", running=BOTH)
    assert found == [
        {"action": "stop_subsidy", "kind": subsidy, "reason": reason, "last_month": "2026-12"}
    ]
    assert tasks.propose([row(kind)], "2026-12", running=()) == []  # nothing runs: no stop


@pytest.mark.parametrize("kind", ["dibao_in", "grade_changed", "cert_new", "near_dibao_in"])
def test_a_change_opens_an_application_where_the_person_now_qualifies(kind: str) -> None:
    found = tasks.propose([row(kind)], "2026-12", running=["care"], qualifies=["living", "care"])
    assert found == [{"action": "apply_subsidy", "kind": "living"}]  # care runs already
    assert tasks.propose([row(kind)], "2026-12", running=(), qualifies=()) == []


def test_a_move_within_the_district_moves_the_person() -> None:
    target = {"household_id": "h2", "area_code": "330213001002"}
    found = tasks.propose([row("moved_in_district")], "2026-12", running=BOTH, move_to=target)
    assert found == [{"action": "move", "household_id": "h2", "area_code": "330213001002"}]
    assert tasks.propose([row("moved_in_district")], "2026-12", running=BOTH) == []


def test_a_row_without_a_date_stops_in_the_task_month() -> None:
    found = tasks.propose([row("death", "")], "2026-12", running=["living"])
    assert found[0]["on"] == "2026-12-01" and found[1]["last_month"] == "2026-12"


def test_every_consequence_reads_as_chinese() -> None:
    lines = tasks.propose([row("death")], "2026-12", running=BOTH)
    lines += [{"action": "apply_subsidy", "kind": "care"}]
    lines += [{"action": "move", "household_id": "h2", "area_code": "330213001002"}]
    texts = [tasks.describe(line, {"h2": "岳林一村 南山路2号"}) for line in lines]
    assert texts == [
        "注销此人（死亡，2026-12-09）",
        "停发困难残疾人生活补贴（发放至 2026-12 止）",
        "停发重度残疾人护理补贴（发放至 2026-12 止）",
        "为此人申请重度残疾人护理补贴（受理）",
        "将此人迁到 岳林一村 南山路2号",
    ]


def _codes(
    outcome: str, method: str, day: date | None, reason: str = "", **kw: object
) -> list[str]:
    found = tasks.outcome_issues(outcome, method, day, reason, today=date(2026, 12, 10), **kw)  # type: ignore[arg-type]
    return [i.code for i in found]


def test_an_outcome_needs_result_method_and_date_and_a_reason_when_disputed() -> None:
    day = date(2026, 12, 9)
    assert _codes("confirmed", "home", day) == []
    assert _codes("", "", None) == [
        "task.outcome_required",
        "task.method_required",
        "task.date_required",
    ]
    assert _codes("disputed", "phone", day) == ["task.reason_required"]
    assert _codes("disputed", "phone", day, "本人健在，已电话核实") == []
    assert _codes("confirmed", "home", date(2026, 12, 11)) == ["task.date_future"]
    assert _codes("maybe", "mail", day) == ["code.unknown", "code.unknown"]
    lines = [{"action": "cancel", "reason": "1", "on": "2026-12-01"}]
    assert _codes("disputed", "home", day, "不实", consequences=lines) == ["task.disputed_changes"]
    assert _codes("confirmed", "home", day, consequences=[{"action": "burn"}]) == [
        "task.bad_consequence"
    ]
    for issue in tasks.outcome_issues("disputed", "", None, "", today=day):
        assert "{" not in message_for(issue)


@pytest.mark.parametrize(
    ("state", "target", "role", "allowed"),
    [
        ("open", "submitted", "member", True),
        ("returned", "submitted", "member", True),
        ("open", "submitted", "reviewer", False),
        ("submitted", "accepted", "member", False),
        ("submitted", "accepted", "reviewer", True),
        ("submitted", "accepted", "admin", True),
        ("submitted", "returned", "reviewer", True),
        ("open", "accepted", "reviewer", False),
        ("accepted", "returned", "reviewer", False),
    ],
)
def test_who_moves_a_task_where(state: str, target: str, role: str, allowed: bool) -> None:
    outcome = {"outcome": "confirmed", "method": "home", "checked_on": "2026-12-09"}
    found = tasks.check_move(state, target, role, reason="原因", outcome=outcome)
    assert (found == []) is allowed


def test_a_submission_without_an_outcome_and_a_return_without_a_reason_are_refused() -> None:
    assert [i.code for i in tasks.check_move("open", "submitted", "member", outcome={})] == [
        "task.outcome_required",
        "task.method_required",
        "task.date_required",
    ]
    found = tasks.check_move("submitted", "returned", "reviewer")
    assert [i.code for i in found] == ["workflow.reason_required"]


def test_overdue_is_past_due_and_still_with_the_member() -> None:
    today = date(2026, 12, 10)
    assert tasks.is_overdue("open", date(2026, 12, 9), today)
    assert tasks.is_overdue("returned", date(2026, 12, 9), today)
    assert not tasks.is_overdue("open", date(2026, 12, 10), today)
    assert not tasks.is_overdue("submitted", date(2026, 12, 1), today)
    assert not tasks.is_overdue("open", None, today)
