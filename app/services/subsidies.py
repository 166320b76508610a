"""Subsidy use cases: apply, 受理, 审核, 审定 or refuse, stop; the history and the warnings.

Every step writes through `app.store.changes` (so it syncs) with an audit event, and is
checked first by `app.domain.subsidy_steps.check_change`, the rule the server applies
too. Each use case takes `session=`: a caller running several use cases in one
transaction (the town reviewer accepting a task's outcome) passes its own; without it the
use case runs in a transaction of its own. A refused step raises `ValidationFailed` and
changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from app.domain import subsidies as rules
from app.domain import subsidy_steps as steps
from app.domain.areas import is_area_code, prefix_of
from app.domain.codes import check_code
from app.domain.issues import Issue, ValidationFailed
from app.domain.settings import Settings, SettingsBook, SettingsError, load_settings
from app.domain.workflow import MEMBER, ROLES
from app.services import audit
from app.services.changed import Changed
from app.store import changes
from app.store.database import Database
from app.store.registry import Household, Person, Subsidy, User


def settings_for(book: SettingsBook, year: int, area_code: str) -> Settings:
    """The settings of `year` for the area, or of the nearest configured year before it."""
    years = sorted(book.years)
    chosen = year if year in book.years else max((y for y in years if y <= year), default=years[0])
    return book.for_area(chosen, area_code)


@dataclass(frozen=True)
class Period:
    """One subsidy period or application as the screens and exports show it."""

    id: str
    person_id: str
    kind: str
    group: str
    status: str
    start_month: str
    end_month: str
    amount_fen: int
    end_reason: str
    decision_date: date | None
    decision_number: str
    steps: tuple[Mapping[str, Any], ...]
    task_id: str

    @staticmethod
    def of(row: Subsidy) -> Period:
        return Period(
            row.id,
            row.person_id,
            row.kind,
            row.group,
            row.status,
            row.start_month,
            row.end_month,
            row.amount_fen,
            row.end_reason,
            row.decision_date,
            row.decision_number,
            tuple(dict(s) for s in row.steps or []),
            row.task_id,
        )

    @property
    def next_steps(self) -> tuple[str, ...]:
        return steps.next_steps(self.steps, self.status)


@dataclass(frozen=True)
class WarningRow:
    """A person with subsidy warnings, for the reviewer's list."""

    person_id: str
    household_id: str
    name: str
    area_code: str
    issues: tuple[Issue, ...] = field(default_factory=tuple)


def _periods(session: Session, person_ids: list[str]) -> list[Subsidy]:
    if not person_ids:
        return []
    return list(
        session.scalars(
            select(Subsidy)
            .where(Subsidy.person_id.in_(person_ids), Subsidy.deleted.is_(False))
            # applications (no start month yet) after the periods, each kind by its months
            .order_by(
                Subsidy.kind, Subsidy.start_month == "", Subsidy.start_month, Subsidy.updated_at
            )
        )
    )


def warnings(
    session: Session,
    person_id: str,
    *,
    book: SettingsBook | None = None,
    today: date | None = None,
) -> list[Issue]:
    """The subsidy warnings of one person (empty for an unknown person or no settings)."""
    person = session.get(Person, person_id)
    if person is None or person.deleted:
        return []
    household = session.get(Household, person.household_id)
    if household is None:
        return []
    try:
        settings = settings_for(
            book or load_settings(), (today or date.today()).year, household.area_code
        )
    except SettingsError:
        return []
    return rules.checks(person, household, _periods(session, [person_id]), settings)


def reviewer_checks(
    session: Session,
    area_codes: list[str],
    *,
    book: SettingsBook | None = None,
    today: date | None = None,
) -> list[WarningRow]:
    """Every person of the areas (12-digit codes or prefixes; none: all) with warnings.

    Reads only the columns the rules need (no ORM objects, no steps): a district of
    15,000 persons is checked in a few seconds off the UI thread.
    """
    prefixes = tuple(prefix_of(c) if is_area_code(c) else c for c in area_codes)
    where: list[ColumnElement[bool]] = [Person.deleted.is_(False), Household.deleted.is_(False)]
    if prefixes:
        where.append(or_(*(Household.area_code.startswith(p) for p in prefixes)))
    people = session.execute(
        select(
            Person.id,
            Person.name,
            Person.grade,
            Person.category,
            Person.status,
            Person.in_institution,
            Person.bank_account,
            Household.id.label("household_id"),
            Household.hardship,
            Household.area_code,
        )
        .join(Household, Household.id == Person.household_id)
        .where(*where)
        .order_by(Household.area_code, Person.name)
    ).all()
    by_person: dict[str, list[Any]] = {}
    periods = select(
        Subsidy.person_id,
        Subsidy.kind,
        Subsidy.status,
        Subsidy.start_month,
        Subsidy.end_month,
        Subsidy.end_reason,
    ).where(Subsidy.deleted.is_(False))
    for period in session.execute(periods):
        by_person.setdefault(period.person_id, []).append(period)
    chosen = book or load_settings()
    year = (today or date.today()).year
    settings: dict[str, Settings | None] = {}
    found: list[WarningRow] = []
    for person in people:
        area = person.area_code
        if area not in settings:
            try:
                settings[area] = settings_for(chosen, year, area)
            except SettingsError:
                settings[area] = None
        local = settings[area]
        if local is None:
            continue
        issues = rules.checks(person, person, by_person.get(person.id, []), local)
        if issues:
            found.append(
                WarningRow(person.id, person.household_id, person.name, area, tuple(issues))
            )
    return found


class Subsidies:
    """The subsidy use cases of one signed-in user (role: given, or read from the user table)."""

    def __init__(
        self,
        db: Database,
        user: str,
        role: str | None = None,
        *,
        settings: SettingsBook | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.db = db
        self.user = user
        self._role = role
        self._settings = settings
        self._today = today

    @property
    def settings(self) -> SettingsBook:
        return self._settings if self._settings is not None else load_settings()

    def role(self, session: Session) -> str:
        if self._role is None:
            found = session.scalar(select(User.role).where(User.username == self.user))
            self._role = found if found in ROLES else MEMBER
        return self._role

    @contextmanager
    def _in(self, session: Session | None) -> Iterator[Session]:
        if session is not None:
            yield session
        else:
            with self.db.transaction() as s:
                yield s

    def _entry(self, step: str, note: str, task_id: str = "") -> dict[str, Any]:
        entry = {"step": step, "by": self.user, "on": self._today().isoformat(), "note": note}
        if task_id:
            entry["task"] = task_id
        return entry

    def _person(self, s: Session, person_id: str) -> tuple[Person, Household]:
        person = s.get(Person, person_id)
        if person is None or person.deleted:
            raise ValidationFailed([Issue("person.unknown", {"id": person_id})])
        household = changes.get_live(s, Household, person.household_id)
        return person, household

    def _local(self, household: Household, year: int) -> Settings:
        """The year's settings here; a year not configured yet (a decision in December for
        January) takes the latest configured year before it, named in the step."""
        try:
            return settings_for(self.settings, year, household.area_code)
        except SettingsError:
            raise ValidationFailed([Issue("subsidy.no_settings", {"year": year})]) from None

    # -- reading -----------------------------------------------------------------------

    def history(self, person_id: str) -> list[Period]:
        """Every period and application of the person, by kind and start month."""
        with self.db.session() as s:
            return [Period.of(row) for row in _periods(s, [person_id])]

    def warnings(self, session: Session, person_id: str) -> list[Issue]:
        """The person's subsidy warnings (the checks of the reference page)."""
        return warnings(session, person_id, book=self.settings, today=self._today())

    def reviewer_checks(self, session: Session, area_codes: list[str]) -> list[WarningRow]:
        """The persons of the areas with subsidy warnings, for the reviewer's list."""
        return reviewer_checks(session, area_codes, book=self.settings, today=self._today())

    # -- the application steps -----------------------------------------------------------

    def open_application(
        self,
        person_id: str,
        kind: str,
        group: str = "",
        task_id: str = "",
        session: Session | None = None,
        *,
        note: str = "",
    ) -> tuple[str, Changed]:
        """申请: a pending application of `kind` in `group` (empty: the group the person fits)."""
        if kind not in rules.KINDS:
            raise ValidationFailed([Issue("subsidy.kind_unknown", {"kind": kind}, "kind")])
        with self._in(session) as s:
            person, household = self._person(s, person_id)
            local = self._local(household, self._today().year)
            kind_label = load_kind_label(kind)
            if not group:
                found = rules.qualifies(person, household, local, kind)
                if found is None:
                    why = rules.exclusion(person, household, local, kind) or "不在对象范围内"
                    params = {"name": person.name, "kind": kind_label, "why": why}
                    raise ValidationFailed([Issue("subsidy.not_qualified", params, "group")])
                group = found.name
            rules.amount_fen(local, kind, group)  # the group must exist this year
            for period in _periods(s, [person_id]):
                if period.kind != kind:
                    continue
                params = {"name": person.name, "kind": kind_label}
                if period.status in rules.RUNNING:
                    raise ValidationFailed([Issue("subsidy.already_running", params, "kind")])
                if period.status == rules.PENDING:
                    raise ValidationFailed([Issue("subsidy.already_pending", params, "kind")])
            values: dict[str, Any] = {
                "person_id": person_id,
                "kind": kind,
                "group": group,
                "start_month": "",
                "amount_fen": 0,
                "status": rules.PENDING,
                "steps": [self._entry(steps.APPLY, note, task_id)],
                "task_id": task_id,
            }
            issues = steps.check_change(None, values, self.role(s))
            if issues:
                raise ValidationFailed(issues)
            row = changes.create(s, Subsidy, values, user=self.user)
            audit.record_in(s, self.user, "edit", "subsidy", row.id, {"step": steps.APPLY})
            return row.id, Changed(
                households=frozenset({household.id}), persons=frozenset({person_id})
            )

    def _step(
        self,
        subsidy_id: str,
        step: str,
        note: str,
        session: Session | None,
        values: Callable[[Subsidy, Household], dict[str, Any]] | None = None,
        task_id: str = "",
    ) -> Changed:
        with self._in(session) as s:
            row = s.get(Subsidy, subsidy_id)
            if row is None or row.deleted:
                raise ValidationFailed([Issue("subsidy.unknown", {"id": subsidy_id})])
            person, household = self._person(s, row.person_id)
            before = changes.snapshot(row)
            update = values(row, household) if values is not None else {}
            entry = {**self._entry(step, note.strip(), task_id), **update.pop("_entry", {})}
            update["status"] = steps.STATUS_AFTER.get(step, row.status)
            update["steps"] = [*(row.steps or []), entry]
            issues = steps.check_change(before, {**before, **update}, self.role(s))
            if issues:
                raise ValidationFailed(issues)
            changes.update(s, Subsidy, subsidy_id, update, user=self.user)
            audit.record_in(s, self.user, "edit", "subsidy", subsidy_id, {"step": step})
            return Changed(households=frozenset({household.id}), persons=frozenset({person.id}))

    def accept(self, subsidy_id: str, note: str = "", session: Session | None = None) -> Changed:
        """受理: the member takes the application and checks the facts."""
        return self._step(subsidy_id, steps.ACCEPT, note, session)

    def review(self, subsidy_id: str, note: str = "", session: Session | None = None) -> Changed:
        """审核: the town reviewer passes the application on to the district."""
        return self._step(subsidy_id, steps.REVIEW, note, session)

    def refuse(self, subsidy_id: str, note: str, session: Session | None = None) -> Changed:
        """不予批准: the town (at 审核) or the district (at 审定) refuses, with the reason."""
        return self._step(subsidy_id, steps.REFUSE, note, session)

    def approve(
        self,
        subsidy_id: str,
        decision_date: date,
        decision_number: str,
        note: str = "",
        session: Session | None = None,
    ) -> Changed:
        """审定: the district's decision; paid from the month after it, at that year's standard."""
        if decision_date > self._today():
            raise ValidationFailed(
                [Issue("subsidy.decision_future", {"day": decision_date.isoformat()})]
            )

        def decided(row: Subsidy, household: Household) -> dict[str, Any]:
            start = rules.next_month(rules.month_of(decision_date))
            local = self._local(household, int(start[:4]))
            return {
                "decision_date": decision_date,
                "decision_number": decision_number.strip(),
                "start_month": start,
                "amount_fen": rules.amount_fen(local, row.kind, row.group),
                "_entry": {"standard_year": local.year},  # whose standard was paid
            }

        return self._step(subsidy_id, steps.APPROVE, note, session, decided)

    def stop(
        self,
        person_id: str,
        kind: str,
        reason: str,
        last_month: str | date,
        task_id: str = "",
        session: Session | None = None,
        *,
        note: str = "",
    ) -> Changed:
        """停发: close the running period of `kind`, paid up to and including `last_month`."""
        issues = check_code("subsidy_end_reason", reason, field="end_reason")
        if kind not in rules.KINDS:
            issues.append(Issue("subsidy.kind_unknown", {"kind": kind}, "kind"))
        month = rules.month_of(last_month) if isinstance(last_month, date) else last_month
        if not rules.is_month(month):
            issues.append(Issue("subsidy.month_invalid", {"month": month or "（空）"}, "end_month"))
        if issues:
            raise ValidationFailed(issues)
        with self._in(session) as s:
            running = [
                p for p in _periods(s, [person_id]) if p.kind == kind and p.status in rules.RUNNING
            ]
            if not running:
                self._person(s, person_id)
                raise ValidationFailed([Issue("subsidy.nothing_running", {}, "kind")])
            changed = Changed()
            for period in running:

                def closed(_row: Subsidy, _household: Household) -> dict[str, Any]:
                    values: dict[str, Any] = {"end_month": month, "end_reason": reason}
                    if task_id:
                        values["task_id"] = task_id
                    return values

                changed |= self._step(period.id, steps.STOP, note, s, closed, task_id)
            return changed


def load_kind_label(kind: str) -> str:
    """The Chinese name of a subsidy kind."""
    from app.domain.codes import load_code_lists

    items = load_code_lists()["subsidy_kind"]
    return items.label(kind) if kind in items else kind
