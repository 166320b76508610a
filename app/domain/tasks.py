"""The monthly verification task (核对任务): its moves by role, its outcome, its consequences.

Pure rules, shared by the laptop (`app.services.tasks`) and the server
(`sync.server.rules`)::

    open -> submitted        submit   member, with a valid outcome
    returned -> submitted    submit   member, with a valid outcome
    submitted -> accepted    accept   reviewer, admin (applies the consequences)
    submitted -> returned    return   reviewer, admin, with a reason

`propose` turns the task's rows into what a confirmed outcome does to the registry and
the subsidies; the member confirms the lines, the reviewer's acceptance applies them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from app.domain.codes import check_code, load_code_lists
from app.domain.issues import Issue
from app.domain.workflow import ADMIN, MEMBER, REVIEWER, Rule, StateMachine

OPEN = "open"
SUBMITTED = "submitted"
ACCEPTED = "accepted"
RETURNED = "returned"
STATE_LABELS: Mapping[str, str] = {
    OPEN: "待核实",
    SUBMITTED: "待审核",
    ACCEPTED: "已通过",
    RETURNED: "已退回",
}
#: the states the member still has work in (overdue when past the due date)
TO_DO = frozenset({OPEN, RETURNED})

CONFIRMED = "confirmed"
DISPUTED = "disputed"
CORRECTED = "corrected"
OUTCOME_LABELS: Mapping[str, str] = {CONFIRMED: "属实", DISPUTED: "不属实", CORRECTED: "已更正"}
METHOD_LABELS: Mapping[str, str] = {
    "home": "入户",
    "phone": "电话",
    "committee": "村委会",
    "neighbour": "邻居",
}

_MEMBER_ONLY = frozenset({MEMBER})
_REVIEWERS = frozenset({REVIEWER, ADMIN})
TASKS = StateMachine(
    labels=STATE_LABELS,
    rules={
        (OPEN, SUBMITTED): Rule("submit", _MEMBER_ONLY),
        (RETURNED, SUBMITTED): Rule("submit", _MEMBER_ONLY),
        (SUBMITTED, ACCEPTED): Rule("accept", _REVIEWERS),
        (SUBMITTED, RETURNED): Rule("return", _REVIEWERS, reason_required=True),
    },
)

# -- consequences ------------------------------------------------------------------------

CANCEL = "cancel"
STOP = "stop_subsidy"
APPLY = "apply_subsidy"
MOVE = "move"
HARDSHIP = "hardship"
ACTIONS = (CANCEL, HARDSHIP, STOP, APPLY, MOVE)
LIVING = "living"
CARE = "care"
KINDS = (LIVING, CARE)
KIND_LABELS: Mapping[str, str] = {LIVING: "困难残疾人生活补贴", CARE: "重度残疾人护理补贴"}

#: change kinds that end the person's registration: (cancel_reason code, subsidy end reason)
ENDS: Mapping[str, tuple[str, str]] = {
    "death": ("1", "death"),
    "cremation": ("1", "death"),
    "pension_stopped": ("1", "death"),
    "hukou_out": ("2", "hukou_out"),
    "cert_cancelled": ("3", "cert_cancelled"),
}
#: change kinds that stop one subsidy: (subsidy kind, end reason)
STOPS: Mapping[str, tuple[str, str]] = {
    "dibao_out": (LIVING, "left_dibao"),
    "tekun_in": (LIVING, "tekun"),
    "institution_in": (CARE, "institution"),
    "injury_care": (CARE, "other_care"),
}
#: change kinds after which the person may now qualify for a subsidy
QUALIFYING = frozenset(
    {"dibao_in", "near_dibao_in", "grade_changed", "category_changed", "cert_new"}
)
#: change kinds that move the person within the district
MOVES = frozenset({"moved_in_district"})
#: change kinds that change the household's hardship codes (resources/codes/hardship.yaml):
#: (codes added, codes removed); entering 低保 ends 低保边缘, entering 特困 ends both
HARDSHIP_FACTS: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "dibao_in": (("1",), ("2",)),
    "dibao_out": ((), ("1",)),
    "near_dibao_in": (("2",), ("1",)),
    "near_dibao_out": ((), ("2",)),
    "tekun_in": (("3",), ("1", "2")),
    "tekun_out": ((), ("3",)),
}
#: the subsidy kinds a qualifying change concerns (an application not possible is shown why)
CONCERNS: Mapping[str, tuple[str, ...]] = {
    "dibao_in": (LIVING,),
    "near_dibao_in": (LIVING,),
    "grade_changed": (CARE,),
    "category_changed": (CARE,),
    "cert_new": (LIVING, CARE),
}


def hardship_after(rows: Sequence[Mapping[str, Any]], current: Iterable[str]) -> list[str]:
    """The household's hardship codes once the rows' facts hold (in the rows' order)."""
    codes = list(dict.fromkeys(current))
    if any(r.get("kind") in ENDS for r in rows):
        return codes  # the person leaves the registry: the family's facts are not theirs
    for row in rows:
        added, removed = HARDSHIP_FACTS.get(str(row.get("kind")), ((), ()))
        codes = [c for c in codes if c not in removed]
        codes += [c for c in added if c not in codes]
    return sorted(codes)


def month_of(day: date | None, fallback: str) -> str:
    """The month "YYYY-MM" of a day (the task's month when the row has no date)."""
    return day.strftime("%Y-%m") if day is not None else fallback


def _event_date(row: Mapping[str, Any]) -> date | None:
    value = row.get("event_date") or ""
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def propose(
    rows: Sequence[Mapping[str, Any]],
    month: str,
    *,
    running: Iterable[str],
    qualifies: Iterable[str] | Mapping[str, str] = (),
    move_to: Mapping[str, str] | None = None,
    hardship: Iterable[str] | None = None,
    not_qualified: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """What a confirmed (or corrected) outcome does, line by line, from the task's rows.

    `running`: the subsidy kinds being paid now; `qualifies`: the kinds the rules say
    the person now qualifies for (not running, not applied for); `move_to`: the new
    household ({"household_id", "area_code"}), or a new household in a village (only
    "area_code"; its address comes with the member's confirmation). A stop is paid up
    to and including the month of the event.

    `qualifies` may map each kind to its group (the application then names it);
    `hardship`: the household's codes now (None: not known, no line for them), so a
    confirmed 纳入低保 also records the family's 低保 before the application that needs
    it; `not_qualified`: why the person cannot apply for a kind the change concerns
    (such a line carries "blocked": the dialog shows it unticked, it is never applied).
    """
    running = set(running)
    groups = dict(qualifies) if isinstance(qualifies, Mapping) else dict.fromkeys(qualifies, "")
    found: list[dict[str, Any]] = []
    stopped: set[str] = set()
    ends = [r for r in rows if r.get("kind") in ENDS]
    if not ends and hardship is not None:
        before = sorted(set(hardship))
        after = hardship_after(rows, before)
        if after != before:
            line = {"action": HARDSHIP, "codes": after}
            found.append({**line, "added": [c for c in after if c not in before],
                          "removed": [c for c in before if c not in after]})  # fmt: skip
    if ends:
        first = ends[0]
        on = _event_date(first) or date.fromisoformat(f"{month}-01")
        reason, end_reason = ENDS[str(first["kind"])]
        found.append({"action": CANCEL, "reason": reason, "on": on.isoformat()})
        for kind in KINDS:
            if kind in running:
                found.append(_stop(kind, end_reason, month_of(on, month)))
                stopped.add(kind)
    for row in rows:
        if row.get("kind") in STOPS:
            kind, end_reason = STOPS[str(row["kind"])]
            if kind in running and kind not in stopped:
                found.append(_stop(kind, end_reason, month_of(_event_date(row), month)))
                stopped.add(kind)
    if not ends and any(r.get("kind") in QUALIFYING for r in rows):
        concerned = {k for r in rows for k in CONCERNS.get(str(r.get("kind")), ())}
        for kind in KINDS:
            if kind in running or kind in stopped:
                continue
            if kind in groups:
                line = {"action": APPLY, "kind": kind}
                found.append({**line, "group": groups[kind]} if groups[kind] else line)
            elif kind in concerned and not_qualified and kind in not_qualified:
                found.append({"action": APPLY, "kind": kind, "blocked": not_qualified[kind]})
    if not ends and move_to and (move_to.get("household_id") or move_to.get("area_code")):
        found.append(
            {
                "action": MOVE,
                "household_id": move_to.get("household_id", ""),
                "area_code": move_to.get("area_code", ""),
            }
        )
    return found


def _stop(kind: str, reason: str, last_month: str) -> dict[str, Any]:
    return {"action": STOP, "kind": kind, "reason": reason, "last_month": last_month}


def describe(line: Mapping[str, Any], labels: Mapping[str, str] | None = None) -> str:
    """One consequence as a line of Chinese (what the member confirms, the reviewer sees).

    `labels` names the new household of a move ({household_id: "村 地址"})."""
    action = line.get("action")
    kind = KIND_LABELS.get(str(line.get("kind")), str(line.get("kind", "")))
    if action == CANCEL:
        reasons = {"1": "死亡", "2": "户口迁出", "3": "残疾人证收回", "9": "其他"}
        why = reasons.get(str(line.get("reason")), str(line.get("reason")))
        return f"注销此人（{why}，{line.get('on', '')}）"
    if action == STOP:
        return f"停发{kind}（发放至 {line.get('last_month', '')} 止）"
    if action == APPLY:
        if line.get("blocked"):
            return f"不能申请{kind}：{line['blocked']}"
        return f"为此人申请{kind}（受理）"
    if action == HARDSHIP:
        hardship = load_code_lists()["hardship"]
        named = [hardship.label(c) if c in hardship else c for c in line.get("codes") or []]
        return f"本户困难类型改为：{'、'.join(named) or '无'}"
    if action == MOVE:
        target = str(line.get("household_id") or "")
        if not target:
            village = (labels or {}).get(str(line.get("area_code"))) or line.get("area_code", "")
            return f"将此人迁到 {village} 的新户（{line.get('address') or '住址待填'}）"
        where = (labels or {}).get(target) or str(line.get("area_code") or target)
        return f"将此人迁到 {where}"
    return str(action)


# -- the outcome -------------------------------------------------------------------------


def outcome_issues(
    outcome: str,
    method: str,
    checked_on: date | None,
    reason: str,
    *,
    consequences: Sequence[Mapping[str, Any]] = (),
    today: date | None = None,
) -> list[Issue]:
    """Why an outcome cannot be submitted (empty: it can)."""
    issues: list[Issue] = []
    if not outcome:
        issues.append(Issue("task.outcome_required", {}, "outcome"))
    else:
        issues += check_code("task_outcome", outcome, field="outcome")
    if not method:
        issues.append(Issue("task.method_required", {}, "method"))
    else:
        issues += check_code("verify_method", method, field="method")
    if checked_on is None:
        issues.append(Issue("task.date_required", {}, "checked_on"))
    elif today is not None and checked_on > today:
        issues.append(Issue("task.date_future", {"day": checked_on.isoformat()}, "checked_on"))
    if outcome == DISPUTED and not reason.strip():
        issues.append(Issue("task.reason_required", {}, "reason"))
    if outcome == DISPUTED and consequences:
        issues.append(Issue("task.disputed_changes", {}, "consequences"))
    for line in consequences:
        if not isinstance(line, Mapping) or line.get("action") not in ACTIONS:
            issues.append(Issue("task.bad_consequence", {}, "consequences"))
            break
        if line.get("blocked"):
            issues.append(Issue("task.blocked_consequence", {"why": line["blocked"]},
                                "consequences"))  # fmt: skip
        if line.get("action") == HARDSHIP:
            codes = line.get("codes")
            if not isinstance(codes, list):
                issues.append(Issue("task.bad_consequence", {}, "consequences"))
                break
            for code in codes:
                issues += check_code("hardship", str(code), field="consequences")
        if line.get("action") == MOVE and not line.get("household_id"):
            if not line.get("area_code"):
                issues.append(Issue("task.household_required", {}, "household"))
            elif not str(line.get("address") or "").strip():
                issues.append(Issue("task.address_required", {}, "address"))
    return issues


def check_move(
    state: str,
    target: str,
    role: str,
    *,
    reason: str = "",
    outcome: Mapping[str, Any] | None = None,
    today: date | None = None,
) -> list[Issue]:
    """Why `role` may not move a task from `state` to `target`; a submission must carry a
    valid outcome (`outcome`: the task's fields outcome, method, checked_on, reason,
    consequences)."""
    issues = TASKS.check(state, target, role, reason=reason)
    if issues or target != SUBMITTED:
        return issues
    values = outcome or {}
    checked_on = values.get("checked_on")
    if isinstance(checked_on, str):
        try:
            checked_on = date.fromisoformat(checked_on) if checked_on else None
        except ValueError:
            checked_on = None
    return outcome_issues(
        str(values.get("outcome") or ""),
        str(values.get("method") or ""),
        checked_on,
        str(values.get("reason") or ""),
        consequences=list(values.get("consequences") or []),
        today=today,
    )


def is_overdue(state: str, due_date: date | None, today: date) -> bool:
    """A task still with the member past its due date."""
    return state in TO_DO and due_date is not None and due_date < today
