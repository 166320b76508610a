"""Form A (dynamic update) progress: one pass over the area's due persons, counted per village."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta

from sqlalchemy import String, and_, case, cast, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.reports.scope import in_area
from app.store.registry import Household, Person
from app.store.work import FormResponse

FORM_A = "dynamic-update"
DONE = ("completed", "submitted", "accepted")
AT_HOME = "1"  # 调查方式 入户
LOST = "4"  # 调查方式 失访


@dataclass
class Counts:
    """Form A counts of one village (or a sum of villages)."""

    due: int = 0
    done: int = 0
    accepted: int = 0
    returned: int = 0
    draft: int = 0
    not_started: int = 0
    lost: int = 0
    at_home: int = 0
    sent_back: int = 0  # done, and returned by a reviewer at least once
    this_week: int = 0
    last_week: int = 0
    done_by_week: list[int] = field(default_factory=list)  # cumulative, at each week's end

    def add(self, other: Counts) -> None:
        for f in fields(self):
            if f.name == "done_by_week":
                if not other.done_by_week:  # an area with nobody due: no weeks to add
                    continue
                if not self.done_by_week:
                    self.done_by_week = [0] * len(other.done_by_week)
                self.done_by_week = [
                    a + b for a, b in zip(self.done_by_week, other.done_by_week, strict=True)
                ]
            else:
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


def total(counts: Iterable[Counts]) -> Counts:
    """The sum of several villages' counts."""
    found = Counts()
    for c in counts:
        found.add(c)
    return found


@dataclass(frozen=True)
class Weeks:
    """The weeks of the season up to `as_of`: Monday starts, the current week last."""

    as_of: date
    starts: tuple[date, ...]

    @property
    def this_week(self) -> date:
        return monday(self.as_of)

    @property
    def last_week(self) -> date:
        return self.this_week - timedelta(days=7)

    def end(self, start: date) -> date:
        """The day after the week (the current week ends after `as_of`)."""
        return min(start + timedelta(days=7), self.as_of + timedelta(days=1))


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _at(day: date) -> datetime:
    return datetime.combine(day, time())


def season_opened(session: Session, area_code: str, survey_round: str) -> date | None:
    """The day the round's first Form A of the area was completed (None: none yet)."""
    first: datetime | str | None = session.scalar(
        select(func.min(FormResponse.filled_at))
        .join(Household, Household.id == FormResponse.household_id)
        .where(
            FormResponse.form_id == FORM_A,
            FormResponse.survey_round == survey_round,
            FormResponse.deleted.is_(False),
            in_area(Household.area_code, area_code),
        )
    )
    if isinstance(first, str):  # a driver that hands SQLite's text back
        first = datetime.fromisoformat(first)
    return first.date() if first else None


def season_weeks(session: Session, area_code: str, survey_round: str, as_of: date) -> Weeks:
    """The weeks from the one the round's first form was completed in up to `as_of`'s."""
    opened = season_opened(session, area_code, survey_round)
    first = monday(min(opened, as_of) if opened else as_of)
    count = (monday(as_of) - first).days // 7 + 1
    return Weeks(as_of, tuple(first + timedelta(days=7 * i) for i in range(count)))


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


def counts_by_village(
    session: Session, area_code: str, survey_round: str, weeks: Weeks
) -> dict[str, Counts]:
    """Form A counts per village of the area, in one query.

    Due: every active certified person of a live household (the one definition of
    `app.store.rounds.form_a_source`); the round's response, if any, gives the state.
    """
    r = FormResponse
    state = r.state
    method = r.answers["method"].as_string()
    done = state.in_(DONE)
    filled = r.filled_at
    # `|| ''` keeps SQLite from choosing the survey-round index over the person index
    # (see app/store/rounds.py)
    joined = and_(
        r.person_id == Person.id,
        r.form_id == FORM_A,
        r.survey_round.concat("") == survey_round,
        r.deleted.is_(False),
    )
    this_week, last_week = _at(weeks.this_week), _at(weeks.last_week)
    end = _at(weeks.as_of + timedelta(days=1))
    columns = [
        func.count(Person.id),
        _count(done),
        _count(state == "accepted"),
        _count(state == "returned"),
        _count(state == "draft"),
        _count(or_(state.is_(None), state == "assigned")),
        _count(and_(done, method == LOST)),
        _count(and_(done, method == AT_HOME)),
        _count(and_(done, cast(r.state_history, String).like('%"returned"%'))),
        _count(and_(done, filled >= this_week, filled < end)),
        _count(and_(done, filled >= last_week, filled < this_week)),
        *(_count(and_(done, filled < _at(weeks.end(s)))) for s in weeks.starts),
    ]
    query = (
        select(Household.area_code, *columns)
        .select_from(Person)
        .join(Household, Household.id == Person.household_id)
        .outerjoin(r, joined)
        .where(
            Person.deleted.is_(False),
            Person.status == "active",
            Household.deleted.is_(False),
            in_area(Household.area_code, area_code),
        )
        .group_by(Household.area_code)
    )
    found: dict[str, Counts] = {}
    for row in session.execute(query):
        values = [int(v or 0) for v in row[1:]]
        found[row[0]] = Counts(
            *values[:11],  # type: ignore[arg-type, misc]  # the first eleven fields, in order
            done_by_week=values[11:],
        )
    return found
