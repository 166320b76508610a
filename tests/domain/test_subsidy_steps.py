"""Which changes of a subsidy row each role may make: one step at a time, the past kept."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.domain.subsidy_steps import check_change, next_steps


def step(name: str, by: str = "x", note: str = "好") -> dict[str, str]:
    return {"step": name, "by": by, "on": "2026-11-20", "note": note}


PENDING: dict[str, Any] = {
    "person_id": "p1",
    "kind": "care",
    "group": "grade1",
    "start_month": "",
    "end_month": "",
    "amount_fen": 0,
    "status": "pending",
    "end_reason": "",
    "decision_date": None,
    "decision_number": "",
    "steps": [step("apply")],
    "task_id": "",
}
REVIEWED = {**PENDING, "steps": [step("apply"), step("accept"), step("review")]}
ACTIVE = {
    **REVIEWED,
    "status": "active",
    "start_month": "2026-12",
    "amount_fen": 33_000,
    "decision_date": date(2026, 11, 20),
    "decision_number": "奉残联〔2026〕45号",
    "steps": [*REVIEWED["steps"], step("approve")],
}
STOPPED = {
    **ACTIVE,
    "status": "stopped",
    "end_month": "2027-03",
    "end_reason": "death",
    "steps": [*ACTIVE["steps"], step("stop")],
}


def codes(before: dict[str, Any] | None, after: dict[str, Any], role: str) -> list[str]:
    return [i.code for i in check_change(before, after, role)]


def test_the_steps_each_role_may_take() -> None:
    assert codes(None, PENDING, "member") == []
    assert codes(None, PENDING, "reviewer") == []  # a task's outcome accepted in town
    accepted = {**PENDING, "steps": [step("apply"), step("accept")]}
    assert codes(PENDING, accepted, "member") == []
    assert codes(accepted, REVIEWED, "reviewer") == []
    assert codes(REVIEWED, ACTIVE, "admin") == []
    assert codes(ACTIVE, STOPPED, "reviewer") == []
    assert codes(ACTIVE, STOPPED, "admin") == []
    assert codes(ACTIVE, STOPPED, "member") == ["subsidy.step_not_allowed"]
    assert codes(REVIEWED, ACTIVE, "reviewer") == ["subsidy.step_not_allowed"]
    assert codes(PENDING, accepted, "admin") == ["subsidy.step_not_allowed"]


@pytest.mark.parametrize(
    ("before", "after", "role", "code"),
    [
        # a member creating a running period without steps
        (None, {**ACTIVE, "steps": []}, "member", "subsidy.step_missing"),
        (None, ACTIVE, "member", "subsidy.one_step"),
        (None, {**PENDING, "steps": []}, "reviewer", "subsidy.step_missing"),
        # a status changed without its step
        (REVIEWED, {**REVIEWED, "status": "active"}, "admin", "subsidy.step_missing"),
        # two steps at once
        (PENDING, {**REVIEWED}, "member", "subsidy.one_step"),
        # steps taken before rewritten
        (
            REVIEWED,
            {**REVIEWED, "steps": [step("apply", by="y")]},
            "admin",
            "subsidy.history_rewritten",
        ),
        # the step leaves the wrong status
        (REVIEWED, {**ACTIVE, "status": "pending"}, "admin", "subsidy.step_status"),
        # 审定 without the decision, or paid from another month than the one after it
        (REVIEWED, {**ACTIVE, "decision_number": ""}, "admin", "subsidy.decision_required"),
        (REVIEWED, {**ACTIVE, "start_month": "2026-11"}, "admin", "subsidy.start_after_decision"),
        (REVIEWED, {**ACTIVE, "amount_fen": 330.0}, "admin", "subsidy.amount_invalid"),
        # a refusal without its reason
        (
            REVIEWED,
            {
                **REVIEWED,
                "status": "refused",
                "steps": [*REVIEWED["steps"], step("refuse", note=" ")],
            },
            "admin",
            "subsidy.reason_required",
        ),
        # a stop without reason, or of nothing running
        (ACTIVE, {**STOPPED, "end_reason": ""}, "admin", "subsidy.reason_required"),
        (ACTIVE, {**STOPPED, "end_month": "2027-3"}, "admin", "subsidy.month_invalid"),
        (
            PENDING,
            {**PENDING, "status": "stopped", "steps": [step("apply"), step("stop")]},
            "admin",
            "subsidy.nothing_running",
        ),
    ],
)
def test_a_change_outside_the_steps_is_refused(
    before: dict[str, Any] | None, after: dict[str, Any], role: str, code: str
) -> None:
    assert code in codes(before, after, role)


@pytest.mark.parametrize("role", ["member", "reviewer", "admin"])
@pytest.mark.parametrize(
    "change",
    [
        {"end_month": "2027-06"},  # a closed period's months
        {"start_month": "2026-10"},
        {"amount_fen": 34_000},  # or its amount
        {"end_reason": "declined"},
        {"status": "active"},  # reopened
    ],
)
def test_a_closed_period_never_changes(role: str, change: dict[str, Any]) -> None:
    assert codes(STOPPED, {**STOPPED, **change}, role) == ["subsidy.history_rewritten"]


@pytest.mark.parametrize("role", ["member", "reviewer", "admin"])
@pytest.mark.parametrize(
    "change",
    [
        {"start_month": "2026-11"},
        {"amount_fen": 34_000},
        {"decision_number": "奉残联〔2026〕46号"},
        {"kind": "living"},
    ],
)
def test_a_running_period_keeps_its_start_amount_and_decision(
    role: str, change: dict[str, Any]
) -> None:
    assert codes(ACTIVE, {**ACTIVE, **change}, role) == ["subsidy.history_rewritten"]


def test_a_step_on_a_closed_period_says_it_is_over() -> None:
    again = {**STOPPED, "steps": [*STOPPED["steps"], step("stop")]}
    assert codes(STOPPED, again, "admin") == ["subsidy.nothing_running"]


def test_the_admin_may_enter_a_past_period_from_the_files() -> None:
    assert codes(None, {**STOPPED, "steps": []}, "admin") == []
    assert codes(None, {**STOPPED, "steps": [], "decision_number": ""}, "admin") == [
        "subsidy.decision_required"
    ]


def test_next_steps() -> None:
    assert next_steps([], "pending") == ("apply",)
    assert next_steps(PENDING["steps"], "pending") == ("accept",)
    assert next_steps(REVIEWED["steps"], "pending") == ("approve", "refuse")
    assert next_steps(ACTIVE["steps"], "active") == ("stop",)
    assert next_steps([], "active") == ("stop",)  # a period entered from the files
    assert next_steps(STOPPED["steps"], "stopped") == ()
