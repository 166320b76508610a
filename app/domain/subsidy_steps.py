"""The steps of a subsidy by role, and which changes of a subsidy row are allowed; pure rules.

An application goes 申请 apply → 受理 accept (the member) → 审核 review (the town reviewer)
→ 审定 approve (recorded by the district admin: the decision's date and number; the period
runs from the month after it) or 不予批准 refuse (reviewer at 审核 or admin at 审定, with a
reason). A running period is stopped (停发) by a reviewer accepting a task's outcome or by
the admin, with a reason and the last month paid. Each step is appended to the row's
`steps`; nothing is ever rewritten: a closed period (stopped, refused) never changes, and a
running one keeps its start month, amount and decision. The laptop's service and the
server's rules (sync/server/rules.py) check every change with `check_change`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from app.domain.issues import Issue
from app.domain.subsidies import (
    ACTIVE,
    CLOSED,
    PENDING,
    REFUSED,
    RUNNING,
    STOPPED,
    is_month,
    month_of,
    next_month,
)
from app.domain.subsidies import previous_month as _previous_month
from app.domain.workflow import ADMIN, MEMBER, REVIEWER, ROLE_LABELS

APPLY, ACCEPT, REVIEW, APPROVE, REFUSE, STOP = (
    "apply",
    "accept",
    "review",
    "approve",
    "refuse",
    "stop",
)
STEP_LABELS: Mapping[str, str] = {
    APPLY: "申请",
    ACCEPT: "受理",
    REVIEW: "审核",
    APPROVE: "审定",
    REFUSE: "不予批准",
    STOP: "停发",
}
#: who may take each step
STEP_ROLES: Mapping[str, frozenset[str]] = {
    APPLY: frozenset({MEMBER, REVIEWER, ADMIN}),
    ACCEPT: frozenset({MEMBER}),
    REVIEW: frozenset({REVIEWER}),
    APPROVE: frozenset({ADMIN}),
    REFUSE: frozenset({REVIEWER, ADMIN}),
    STOP: frozenset({REVIEWER, ADMIN}),
}
#: the steps that may follow the last one taken
NEXT_STEPS: Mapping[str, tuple[str, ...]] = {
    "": (APPLY,),
    APPLY: (ACCEPT,),
    ACCEPT: (REVIEW, REFUSE),
    REVIEW: (APPROVE, REFUSE),
    APPROVE: (STOP,),
}
#: the status each step leaves the row in
STATUS_AFTER: Mapping[str, str] = {
    APPLY: PENDING,
    ACCEPT: PENDING,
    REVIEW: PENDING,
    APPROVE: ACTIVE,
    REFUSE: REFUSED,
    STOP: STOPPED,
}
#: what a running period keeps for good once decided
DECIDED_FIELDS = ("person_id", "kind", "group", "start_month", "amount_fen")
DECISION_FIELDS = ("decision_date", "decision_number")


def last_step(steps: Sequence[Mapping[str, Any]] | None) -> str:
    """The name of the last step taken ("" before any)."""
    return str(steps[-1].get("step", "")) if steps else ""


def next_steps(steps: Sequence[Mapping[str, Any]] | None, status: str) -> tuple[str, ...]:
    """The steps that may be taken now (a suspended or imported active row may be stopped)."""
    if status in CLOSED:
        return ()
    if status in RUNNING:
        return (STOP,)
    return NEXT_STEPS.get(last_step(steps), ())


def step_issues(
    steps: Sequence[Mapping[str, Any]] | None, status: str, step: str, role: str
) -> list[Issue]:
    """Why `role` may not take `step` now (empty: allowed)."""
    params = {"step": STEP_LABELS.get(step, step), "role": ROLE_LABELS.get(role, role)}
    if step not in STEP_ROLES:
        return [Issue("subsidy.step_unknown", {"step": step})]
    if step not in next_steps(steps, status):
        if step == STOP:
            return [Issue("subsidy.nothing_running", {})]
        done = STEP_LABELS.get(last_step(steps), "无")
        return [Issue("subsidy.step_out_of_order", {**params, "last": done})]
    if role not in STEP_ROLES[step]:
        return [Issue("subsidy.step_not_allowed", params)]
    return []


def _value(values: Mapping[str, Any] | None, name: str) -> Any:
    value = values.get(name) if values else None
    return "" if value is None else value


def check_change(
    before: Mapping[str, Any] | None, after: Mapping[str, Any], role: str
) -> list[Issue]:
    """Why `role` may not change a subsidy row from `before` to `after` (None: a new row).

    The admin may enter a past period from the district's files as a new row; every other
    change appends exactly one step, taken by an allowed role in order, and leaves the
    history as it was.
    """
    old_steps = list(_value(before, "steps") or [])
    new_steps = list(_value(after, "steps") or [])
    if new_steps[: len(old_steps)] != old_steps:
        return [Issue("subsidy.history_rewritten", {"what": "办理步骤"})]
    added = new_steps[len(old_steps) :]
    old_status = str(_value(before, "status")) if before is not None else ""
    if before is None and role == ADMIN and not (added and added[0].get("step") == APPLY):
        return _period_issues(after)
    if before is not None and old_status in CLOSED:
        changed = [k for k in after if k != "steps" and _value(before, k) != _value(after, k)]
        if len(added) == 1:
            step = str(added[0].get("step", ""))
            return step_issues(old_steps, old_status, step, role) or [
                Issue("subsidy.history_rewritten", {"what": "已结束的期间"})
            ]
        if changed or added:
            return [Issue("subsidy.history_rewritten", {"what": "已结束的期间"})]
        return []
    if before is not None and old_status in RUNNING:
        for name in DECIDED_FIELDS + DECISION_FIELDS:
            if _value(before, name) != _value(after, name):
                return [
                    Issue(
                        "subsidy.history_rewritten", {"what": "发放中期间的起始月、金额或批准文号"}
                    )
                ]
    if not added:
        if before is None or old_status != str(_value(after, "status")):
            return [Issue("subsidy.step_missing", {})]
        return []
    if len(added) > 1:
        return [Issue("subsidy.one_step", {})]
    step = str(added[0].get("step", ""))
    issues = step_issues(old_steps, old_status or PENDING, step, role)
    if issues:
        return issues
    if str(_value(after, "status")) != STATUS_AFTER[step]:
        return [Issue("subsidy.step_status", {"step": STEP_LABELS[step]})]
    return _step_values(step, before, after, added[0])


def _step_values(
    step: str, before: Mapping[str, Any] | None, after: Mapping[str, Any], entry: Mapping[str, Any]
) -> list[Issue]:
    issues: list[Issue] = []
    if step == REFUSE and not str(entry.get("note") or "").strip():
        return [Issue("subsidy.reason_required", {"step": STEP_LABELS[step]})]
    if step == APPROVE:
        issues += _period_issues(after)
        decided = _value(after, "decision_date")
        if isinstance(decided, str) and decided:
            decided = date.fromisoformat(decided[:10])
        start = str(_value(after, "start_month"))
        if isinstance(decided, date) and is_month(start) and start != next_month(month_of(decided)):
            expected = next_month(month_of(decided))
            issues.append(
                Issue("subsidy.start_after_decision", {"start": start, "expected": expected})
            )
        return issues
    if step == STOP:
        if not _value(after, "end_reason"):
            issues.append(
                Issue("subsidy.reason_required", {"step": STEP_LABELS[step]}, "end_reason")
            )
        end, start = str(_value(after, "end_month")), str(_value(after, "start_month"))
        if not is_month(end):
            issues.append(Issue("subsidy.month_invalid", {"month": end or "（空）"}, "end_month"))
        elif is_month(start) and end < _previous_month(start):
            issues.append(
                Issue("subsidy.end_before_start", {"end": end, "start": start}, "end_month")
            )
        return issues
    return []


def _period_issues(after: Mapping[str, Any]) -> list[Issue]:
    """A decided period: its start month, amount and decision are there and sound."""
    issues: list[Issue] = []
    start = str(_value(after, "start_month"))
    if not is_month(start):
        issues.append(Issue("subsidy.month_invalid", {"month": start or "（空）"}, "start_month"))
    amount = _value(after, "amount_fen")
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        issues.append(Issue("subsidy.amount_invalid", {"amount": str(amount)}, "amount_fen"))
    if str(_value(after, "status")) in (ACTIVE, STOPPED) and not (
        _value(after, "decision_date") and str(_value(after, "decision_number")).strip()
    ):
        issues.append(Issue("subsidy.decision_required", {}, "decision_number"))
    end = str(_value(after, "end_month"))
    if end and not is_month(end):
        issues.append(Issue("subsidy.month_invalid", {"month": end}, "end_month"))
    return issues
