"""What an op may do beyond its scope: the state machines per role, and the form definition.

The same rules as on the laptop (`app.domain.workflow`, `app.domain.renovation`,
`app.domain.tasks`, `app.forms`): the server does not trust a laptop to have kept them. A completed
response whose answers fail their form is refused, naming the item.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import renovation, subsidy_steps, workflow
from app.domain import tasks as task_rules
from app.domain.issues import Issue
from app.domain.settings import Settings, SettingsError, load_settings
from app.forms.context import FormContext
from app.forms.engine import FormEngine
from app.forms.loader import FormDefinitionError
from app.services.facts import registry_facts
from app.services.responses import as_issues, parse_round, settings_names
from app.store.registry import Household
from app.store.work import FormResponse
from sync.server import published

CHECKED_STATES = frozenset({workflow.COMPLETED, workflow.SUBMITTED})
MEMBER_DELETABLE = frozenset({workflow.ASSIGNED, workflow.DRAFT, workflow.RETURNED})


def _last_reason(values: Mapping[str, Any]) -> str:
    history = values.get("state_history") or []
    last = history[-1] if history and isinstance(history[-1], Mapping) else {}
    return str(last.get("reason") or "")


def form_context(session: Session, values: Mapping[str, Any]) -> FormContext:
    """The facts a response is checked against, read from the server's registry."""
    form = published.form_definition(session, values["form_id"], values["form_version"])
    year, quarter = parse_round(str(values["survey_round"]))
    month, day = (int(x) for x in form.reference_date.split("-"))
    household = session.get(Household, values["household_id"])
    settings: Settings | None = None
    if household is not None:
        try:
            book = published.settings_book(session) or load_settings()
            settings = book.for_area(year, household.area_code)
        except SettingsError:
            settings = None
    return FormContext(
        reference_date=date(year, month, day),
        year=year,
        quarter=quarter,
        registry=registry_facts(session, values["household_id"], values.get("person_id")),
        settings=settings_names(settings),
    )


def _last_accepted(session: Session, values: Mapping[str, Any]) -> dict[str, Any] | None:
    query = select(FormResponse.answers).where(
        FormResponse.form_id == values["form_id"],
        FormResponse.state == workflow.ACCEPTED,
        FormResponse.deleted.is_(False),
        FormResponse.survey_round < values["survey_round"],
    )
    if values.get("person_id"):
        query = query.where(FormResponse.person_id == values["person_id"])
    else:
        query = query.where(FormResponse.household_id == values["household_id"])
    last = session.scalars(query.order_by(FormResponse.survey_round.desc()).limit(1)).first()
    return dict(last) if last is not None else None


def form_errors(session: Session, values: Mapping[str, Any]) -> list[Issue]:
    """The errors of a response's answers against its form (each names its item)."""
    try:
        engine = FormEngine(
            published.form_definition(session, values["form_id"], values["form_version"])
        )
    except FormDefinitionError:
        return [
            Issue(
                "sync.form_unknown", {"form": values["form_id"], "version": values["form_version"]}
            )
        ]
    found = engine.validate(
        values.get("answers") or {},
        form_context(session, values),
        last=_last_accepted(session, values),
    )
    return as_issues([i for i in found if i.is_error])


def _response(
    session: Session,
    role: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any],
    applied: Set[str],
) -> list[Issue]:
    old = str(before["state"]) if before else workflow.ASSIGNED
    new = str(after["state"])
    issues: list[Issue] = []
    if old != new:
        issues += workflow.check_move(old, new, role, reason=_last_reason(after))
    editable = workflow.editable(old, role) or workflow.editable(new, role)
    if before is not None and "answers" in applied and not editable:
        issues += workflow.edit_issues(old, role)
    if issues:
        return issues
    if new in CHECKED_STATES and ("answers" in applied or old not in CHECKED_STATES):
        issues += form_errors(session, after)
    return issues


#: the fields of a task's outcome: a member changes them only while the task waits for them
TASK_OUTCOME_FIELDS = frozenset(
    {"outcome", "method", "checked_on", "checked_by", "reason", "consequences"}
)


def _task(
    role: str, before: Mapping[str, Any] | None, after: Mapping[str, Any], applied: Set[str]
) -> list[Issue]:
    """A member's task: its outcome (reason for 不属实) moves it open/returned → submitted;
    only a reviewer or admin accepts or returns it; a member reports with source 专职委员."""
    if before is None and role == workflow.MEMBER and after.get("source") != "member":
        return [Issue("task.member_source", {})]
    old = str(before["state"]) if before else task_rules.OPEN
    new = str(after["state"])
    if old != new:
        return task_rules.check_move(old, new, role, reason=_last_reason(after), outcome=after)
    if before is not None and applied & TASK_OUTCOME_FIELDS and old not in task_rules.TO_DO:
        return [Issue("task.not_editable", {"state": task_rules.STATE_LABELS.get(old, old)})]
    return []


def _case(before: Mapping[str, Any] | None, after: Mapping[str, Any], role: str) -> list[Issue]:
    old = str(before["state"]) if before else renovation.NEED_REGISTERED
    new = str(after["state"])
    if old == new:
        return []
    return renovation.check_move(old, new, role, reason=_last_reason(after))


#: the fields with a range, on any record that has them: (what they are, lowest, highest)
RANGES: Mapping[str, tuple[str, float, float]] = {
    "gps_lat": ("纬度", -90.0, 90.0),
    "gps_lon": ("经度", -180.0, 180.0),
}


def range_issues(after: Mapping[str, Any], applied: Set[str]) -> list[Issue]:
    """The changed values outside their field's range (a latitude of 91, say)."""
    issues = []
    for name in sorted(applied & RANGES.keys()):
        value = after.get(name)
        what, low, high = RANGES[name]
        if value is not None and not low <= value <= high:
            params = {
                "what": what,
                "value": str(value)[:20],
                "low": f"{low:g}",
                "high": f"{high:g}",
            }
            issues.append(Issue("sync.out_of_range", params, name))
    return issues


def check_change(
    session: Session,
    role: str,
    entity: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any],
    applied: Set[str],
) -> list[Issue]:
    """Why `role` may not make this change (empty: allowed). `before` is None for a create."""
    issues = range_issues(after, applied)
    if issues:
        return issues
    if entity == "audit_event" and before is not None:
        return [Issue("sync.append_only")]
    if entity == "form_response":
        return _response(session, role, before, after, applied)
    if entity == "change_notice":
        return _task(role, before, after, applied)
    if entity == "renovation_case" and (before is None or "state" in applied):
        return _case(before, after, role)
    if entity == "subsidy":
        # the application steps by role; a period's past (months, amount, decision) never changes
        return subsidy_steps.check_change(before, after, role)
    return []


def check_delete(role: str, entity: str, before: Mapping[str, Any]) -> list[Issue]:
    """Why `role` may not delete this record (empty: allowed)."""
    if entity == "audit_event":
        return [Issue("sync.append_only")]
    if entity == "subsidy" and role != workflow.ADMIN:
        return [Issue("subsidy.history_rewritten", {"what": "删除补贴记录"})]
    if entity == "form_response" and role == workflow.MEMBER:
        state = str(before.get("state"))
        if state not in MEMBER_DELETABLE:
            return workflow.edit_issues(state, role)
    return []
