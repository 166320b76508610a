"""Reading the monthly tasks: the list (by month and state, due first) and one task opened
beside what the registry says of its person (name, masked ID, status, village, subsidies)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.domain import tasks as rules
from app.domain.codes import load_code_lists
from app.domain.masking import mask_id
from app.store import changes
from app.store.registry import Area, Household, Person, Subsidy
from app.store.work import ChangeNotice

#: subsidy states that count as paid now (a stop ends them)
RUNNING = frozenset({"active", "suspended"})


def label(list_id: str, code: str) -> str:
    """The Chinese label of a code (the code itself when the list has none)."""
    codes = load_code_lists()[list_id]
    return codes.label(code) if code in codes else code


@dataclass(frozen=True)
class TaskRow:
    """One task of the list: whose, what, by when, where it stands."""

    task_id: str
    person_id: str
    household_id: str
    area_code: str
    village: str
    name: str
    month: str
    kinds: str  # the rows' changes, by label, joined
    source: str  # label
    due_date: date | None
    state: str
    outcome: str
    overdue: bool

    @property
    def state_label(self) -> str:
        return rules.STATE_LABELS.get(self.state, self.state)


def list_tasks(
    session: Session,
    prefixes: Sequence[str],
    *,
    today: date,
    month: str = "",
    states: Sequence[str] = (),
) -> list[TaskRow]:
    """The tasks of persons in the areas (code prefixes), sorted by due date (none last),
    then village and name; filtered by month ("YYYY-MM") and states when given."""
    query = (
        select(ChangeNotice, Person.name, Household.id, Household.area_code, Area.name)
        .join(Person, Person.id == ChangeNotice.person_id)
        .join(Household, Household.id == Person.household_id)
        .join(Area, Area.code == Household.area_code)
        .where(ChangeNotice.deleted.is_(False))
    )
    if prefixes:
        query = query.where(or_(*(Household.area_code.startswith(p) for p in prefixes)))
    if month:
        query = query.where(ChangeNotice.month == month)
    if states:
        query = query.where(ChangeNotice.state.in_(list(states)))
    found = [
        TaskRow(
            task_id=t.id,
            person_id=t.person_id,
            household_id=household_id,
            area_code=area_code,
            village=village,
            name=name,
            month=t.month,
            kinds="、".join(dict.fromkeys(label("change_kind", k) for k in row_kinds(t))),
            source=label("change_source", t.source) if t.source else "",
            due_date=t.due_date,
            state=t.state,
            outcome=t.outcome,
            overdue=rules.is_overdue(t.state, t.due_date, today),
        )
        for t, name, household_id, area_code, village in session.execute(query)
    ]
    return sorted(
        found, key=lambda r: (r.due_date is None, r.due_date or today, r.area_code, r.name)
    )


def row_kinds(task: ChangeNotice) -> list[str]:
    kinds = [str(r.get("kind")) for r in task.rows or [] if isinstance(r, Mapping)]
    return kinds or [task.kind]


def months(session: Session) -> list[str]:
    """Every month that has tasks, newest first (the list's month filter)."""
    found = session.scalars(
        select(ChangeNotice.month).where(ChangeNotice.deleted.is_(False)).distinct()
    )
    return sorted(found, reverse=True)


@dataclass(frozen=True)
class RunningSubsidy:
    """A subsidy period of the person: kind, since, monthly amount, state."""

    subsidy_id: str
    kind: str
    start_month: str
    end_month: str
    amount_fen: int
    status: str


@dataclass(frozen=True)
class TaskDetail:
    """One task opened: the source's rows beside the registry's facts of the person."""

    task_id: str
    person_id: str
    household_id: str
    state: str
    month: str
    due_date: date | None
    rows: list[dict[str, Any]]
    # the registry's side
    name: str
    id_masked: str
    status: str  # label
    village: str
    address: str
    category: str
    grade: str
    subsidies: list[RunningSubsidy] = field(default_factory=list)
    # the outcome so far
    outcome: str = ""
    method: str = ""
    checked_on: date | None = None
    checked_by: str = ""
    reason: str = ""
    consequences: list[dict[str, Any]] = field(default_factory=list)
    returned_reason: str = ""

    @property
    def running(self) -> list[str]:
        """The kinds of subsidy paid now."""
        return [s.kind for s in self.subsidies if s.status in RUNNING]


def subsidies_of(session: Session, person_id: str) -> list[RunningSubsidy]:
    """The person's subsidy periods, the open ones first."""
    rows = session.scalars(
        select(Subsidy).where(Subsidy.person_id == person_id, Subsidy.deleted.is_(False))
    )
    found = [
        RunningSubsidy(s.id, s.kind, s.start_month, s.end_month, s.amount_fen, s.status)
        for s in rows
    ]
    return sorted(found, key=lambda s: (s.status not in RUNNING, s.kind, s.start_month))


def load_detail(session: Session, task_id: str) -> TaskDetail:
    """Read one task with its person's registry facts."""
    task = changes.get_live(session, ChangeNotice, task_id)
    person = changes.get_live(session, Person, task.person_id)
    household = session.get(Household, person.household_id)
    area = (
        session.scalar(select(Area.name).where(Area.code == household.area_code))
        if household is not None
        else ""
    )
    history = task.state_history or []
    last = history[-1] if history and isinstance(history[-1], Mapping) else {}
    returned = str(last.get("reason") or "") if task.state == rules.RETURNED else ""
    return TaskDetail(
        task_id=task.id,
        person_id=person.id,
        household_id=person.household_id,
        state=task.state,
        month=task.month,
        due_date=task.due_date,
        rows=[dict(r) for r in task.rows or [] if isinstance(r, Mapping)],
        name=person.name,
        id_masked=mask_id(person.id_number),
        status=label("person_status", person.status) if person.status else "",
        village=area or "",
        address=household.address if household is not None else "",
        category=label("disability_category", person.category) if person.category else "",
        grade=label("disability_grade", person.grade) if person.grade else "",
        subsidies=subsidies_of(session, person.id),
        outcome=task.outcome,
        method=task.method,
        checked_on=task.checked_on,
        checked_by=task.checked_by,
        reason=task.reason,
        consequences=[dict(c) for c in task.consequences or []],
        returned_reason=returned,
    )
