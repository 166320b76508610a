"""Who may move a form response from which state to which (README section 5); pure rules.

States and moves of a Form A or B response::

    assigned -> draft           start     member
    draft -> completed          complete  member (refused while anything blocks it)
    completed -> draft          reopen    member (before submission)
    completed -> submitted      submit    member (normally done by the sync)
    submitted -> accepted       accept    reviewer, admin
    submitted -> returned       return    reviewer, admin, with a reason
    accepted -> returned        return    admin, with a reason
    returned -> draft           rework    member

A member may edit the answers in ``draft`` and ``returned`` only; reviewers and
admins never edit answers, they return the response with a reason. The generic
`StateMachine` below also carries the renovation case's life cycle.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypedDict

from app.domain.issues import Issue, ValidationFailed

MEMBER = "member"
REVIEWER = "reviewer"
ADMIN = "admin"
ROLES = (MEMBER, REVIEWER, ADMIN)
ROLE_LABELS: Mapping[str, str] = {MEMBER: "专职委员", REVIEWER: "审核员", ADMIN: "管理员"}

ASSIGNED = "assigned"
DRAFT = "draft"
COMPLETED = "completed"
SUBMITTED = "submitted"
ACCEPTED = "accepted"
RETURNED = "returned"
STATE_LABELS: Mapping[str, str] = {
    ASSIGNED: "已分配",
    DRAFT: "草稿",
    COMPLETED: "已完成",
    SUBMITTED: "已提交",
    ACCEPTED: "已通过",
    RETURNED: "已退回",
}
EDITABLE_STATES = frozenset({DRAFT, RETURNED})

# One entry of a record's state history (the key "from" is why this is not a class).
HistoryEntry = TypedDict(
    "HistoryEntry",
    {"from": str, "to": str, "by": str, "role": str, "at": str, "reason": str},
)


@dataclass(frozen=True)
class Rule:
    """One allowed move: its name, the roles that may make it, and whether it needs a reason."""

    name: str
    roles: frozenset[str]
    reason_required: bool = False


@dataclass(frozen=True)
class StateMachine:
    """States with Chinese labels and the moves between them, checked per role."""

    labels: Mapping[str, str]
    rules: Mapping[tuple[str, str], Rule]

    def label(self, state: str) -> str:
        """The Chinese name of a state (the code itself when unknown)."""
        return self.labels.get(state, state)

    def rule(self, state: str, target: str) -> Rule | None:
        """The rule of the move from `state` to `target`, or None when there is no such move."""
        return self.rules.get((state, target))

    def check(
        self,
        state: str,
        target: str,
        role: str,
        *,
        reason: str = "",
        blocking_issues: Sequence[Issue] = (),
    ) -> list[Issue]:
        """Return why `role` may not move from `state` to `target` (empty: the move is allowed).

        `blocking_issues` are what the caller found in the record (errors, a missing
        signature); any of them refuses the move and is returned after `workflow.blocked`.
        """
        for value in (state, target):
            if value not in self.labels:
                return [Issue("workflow.unknown_state", {"state": value})]
        if role not in ROLE_LABELS:
            return [Issue("workflow.unknown_role", {"role": role})]
        names = {"from": self.label(state), "to": self.label(target)}
        rule = self.rule(state, target)
        if rule is None:
            return [Issue("workflow.no_such_move", names)]
        if role not in rule.roles:
            return [Issue("workflow.not_allowed", {**names, "role": ROLE_LABELS[role]})]
        issues: list[Issue] = []
        if rule.reason_required and not reason.strip():
            issues.append(Issue("workflow.reason_required", {"to": names["to"]}, "reason"))
        if blocking_issues:
            issues.append(
                Issue("workflow.blocked", {"to": names["to"], "count": len(blocking_issues)})
            )
            issues.extend(blocking_issues)
        return issues

    def apply(
        self,
        state: str,
        target: str,
        role: str,
        user: str,
        at: datetime,
        reason: str = "",
        *,
        blocking_issues: Sequence[Issue] = (),
    ) -> HistoryEntry:
        """Check the move and return its history entry; raise ValidationFailed when refused."""
        issues = self.check(state, target, role, reason=reason, blocking_issues=blocking_issues)
        if issues:
            raise ValidationFailed(issues)
        return history_entry(state, target, role, user, at, reason)

    def targets(self, state: str, role: str) -> list[str]:
        """The states `role` may move to from `state`, in the table's order (for buttons)."""
        return [to for (frm, to), rule in self.rules.items() if frm == state and role in rule.roles]


def history_entry(
    state: str, target: str, role: str, user: str, at: datetime, reason: str = ""
) -> HistoryEntry:
    """One history entry, with the time as ISO text to the second."""
    return {
        "from": state,
        "to": target,
        "by": user,
        "role": role,
        "at": at.isoformat(timespec="seconds"),
        "reason": reason.strip(),
    }


_MEMBER_ONLY = frozenset({MEMBER})
_REVIEWERS = frozenset({REVIEWER, ADMIN})

RESPONSES = StateMachine(
    labels=STATE_LABELS,
    rules={
        (ASSIGNED, DRAFT): Rule("start", _MEMBER_ONLY),
        (DRAFT, COMPLETED): Rule("complete", _MEMBER_ONLY),
        (COMPLETED, DRAFT): Rule("reopen", _MEMBER_ONLY),
        (COMPLETED, SUBMITTED): Rule("submit", _MEMBER_ONLY),
        (SUBMITTED, ACCEPTED): Rule("accept", _REVIEWERS),
        (SUBMITTED, RETURNED): Rule("return", _REVIEWERS, reason_required=True),
        (ACCEPTED, RETURNED): Rule("return", frozenset({ADMIN}), reason_required=True),
        (RETURNED, DRAFT): Rule("rework", _MEMBER_ONLY),
    },
)


def check_move(
    state: str,
    target: str,
    role: str,
    *,
    reason: str = "",
    blocking_issues: Sequence[Issue] = (),
) -> list[Issue]:
    """Why `role` may not move a response from `state` to `target`; empty when allowed."""
    return RESPONSES.check(state, target, role, reason=reason, blocking_issues=blocking_issues)


def apply_move(
    state: str,
    target: str,
    role: str,
    user: str,
    at: datetime,
    reason: str = "",
    *,
    blocking_issues: Sequence[Issue] = (),
) -> HistoryEntry:
    """The history entry of an allowed response move; raises ValidationFailed when refused."""
    return RESPONSES.apply(state, target, role, user, at, reason, blocking_issues=blocking_issues)


def allowed_targets(state: str, role: str) -> list[str]:
    """The states `role` may move a response to from `state`."""
    return RESPONSES.targets(state, role)


def editable(state: str, role: str) -> bool:
    """Tell whether `role` may change the answers of a response in `state`."""
    return role == MEMBER and state in EDITABLE_STATES


def edit_issues(state: str, role: str) -> list[Issue]:
    """The refusal of an edit when `editable` says no (empty when the edit is allowed)."""
    if editable(state, role):
        return []
    role_label = ROLE_LABELS.get(role, role)
    return [Issue("workflow.not_editable", {"state": RESPONSES.label(state), "role": role_label})]
