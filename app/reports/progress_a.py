"""Form A (dynamic update) progress: one pass over the area's due persons, counted per village."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta

from sqlalchemy import String, and_, case, cast, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.reports.needs import NEEDS, need_condition
from app.reports.scope import in_area, prefix
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

    def add(self, other: Counts) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


def total(counts: Iterable[Counts]) -> Counts:
    """The sum of several villages' counts."""
    found = Counts()
    for c in counts:
        found.add(c)
    return found


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _at(day: date) -> datetime:
    return datetime.combine(day, time())


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


def round_response(survey_round: str) -> ColumnElement[bool]:
    """The condition joining a person to the round's Form A response: used in a LEFT JOIN
    only (filters on the response go into CASE expressions, never the WHERE), so that the
    planner reads household, person, response in that order from their indexes
    (migration 0006) instead of starting from an index of the form, round or state."""
    r = FormResponse
    return and_(
        r.person_id == Person.id,
        r.form_id == FORM_A,
        r.survey_round == survey_round,
        r.deleted.is_(False),
    )


def _due_in(area_code: str) -> tuple[ColumnElement[bool], ...]:
    """Due Form A: every active certified person of a live household (the one definition
    of `app.store.rounds.form_a_source`)."""
    return (
        Person.deleted.is_(False),
        Person.status == "active",
        Household.deleted.is_(False),
        in_area(Household.area_code, area_code),
    )


#: the pass's columns, in order: the Counts fields, then surveyed and each need
SURVEYED = len(fields(Counts))
CACHE = "reports.form_a_pass"


def form_a_pass(
    session: Session, area_code: str, survey_round: str, as_of: date
) -> dict[tuple[str, str], list[int]]:
    """(village, category) -> the Form A counts (`Counts`' fields in order), the persons
    surveyed (done, not lost) and each need of `NEEDS` among them, in one query.

    The progress and the needs both read the answers of the round's done forms, the
    costly part: one pass gives both, kept in the session for the next call in the same
    transaction (the 统计 page and the printed reports read both in one).
    """
    key = (prefix(area_code), survey_round, as_of)
    transaction, cache = session.info.get(CACHE, (None, {}))
    if transaction is not None and transaction is session.get_transaction():
        if key in cache:
            return cache[key]  # type: ignore[no-any-return]
    else:
        cache = {}
    r = FormResponse
    state = r.state
    method = r.answers["method"].as_string()
    done = state.in_(DONE)
    surveyed = and_(done, or_(method.is_(None), method != LOST))
    filled = r.filled_at
    this_week = _at(monday(as_of))
    last_week = this_week - timedelta(days=7)
    end = _at(as_of + timedelta(days=1))
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
        _count(surveyed),
        *(_count(and_(surveyed, need_condition(r.answers, need))) for need in NEEDS),
    ]
    query = (
        select(Household.area_code, Person.category, *columns)
        .select_from(Household)
        .join(Person, Person.household_id == Household.id)
        .outerjoin(r, round_response(survey_round))
        .where(*_due_in(area_code))
        .group_by(Household.area_code, Person.category)
    )
    found = {(row[0], row[1]): [int(v or 0) for v in row[2:]] for row in session.execute(query)}
    # kept for this transaction only (one snapshot of the data): a later one reads again
    session.info[CACHE] = (session.get_transaction(), {**cache, key: found})
    return found


def counts_by_village(
    session: Session, area_code: str, survey_round: str, as_of: date
) -> dict[str, Counts]:
    """Form A counts per village of the area (the due persons from the household and
    person indexes, each with the round's response if any)."""
    found: dict[str, Counts] = {}
    for (village, _), values in form_a_pass(session, area_code, survey_round, as_of).items():
        found.setdefault(village, Counts()).add(Counts(*values[:SURVEYED]))
    return found


def weekly_done(
    session: Session, area_code: str, survey_round: str, as_of: date
) -> list[tuple[date, int]]:
    """(Monday, forms done that week) from the first week with a done form up to `as_of`'s,
    by the time each form now done was completed; the round's year starts the count."""
    year = int(survey_round[:4])
    first = monday(date(year, 1, 1))
    last = monday(as_of)
    if last < first:
        return []
    starts = [first + timedelta(days=7 * i) for i in range((last - first).days // 7 + 1)]
    r = FormResponse
    # one searched CASE gives each form its week (weeks past `as_of`: left out below)
    week = case(
        (r.filled_at < _at(starts[0]), -1),
        *((r.filled_at < _at(s + timedelta(days=7)), i) for i, s in enumerate(starts)),
        else_=len(starts),
    )
    done_by_then = and_(r.state.in_(DONE), r.filled_at < _at(as_of + timedelta(days=1)))
    rows = session.execute(
        select(case((done_by_then, week), else_=None), func.count())
        .select_from(Household)
        .join(Person, Person.household_id == Household.id)
        .outerjoin(r, round_response(survey_round))
        .where(*_due_in(area_code))
        .group_by(case((done_by_then, week), else_=None))
    )
    counts = dict.fromkeys(range(-1, len(starts) + 1), 0)
    for index, count in rows:
        if index is not None:  # not done (or no form)
            counts[int(index)] = int(count)
    found = [(s, counts[i]) for i, s in enumerate(starts)]
    found[0] = (found[0][0], found[0][1] + counts[-1])  # completed before the year: its first week
    while len(found) > 1 and found[0][1] == 0:
        found.pop(0)
    return found
