"""Form A (dynamic update) progress: one pass over the area's due persons, counted per village."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    CTE,
    Integer,
    String,
    and_,
    case,
    cast,
    func,
    literal_column,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import CompoundSelect

from app.domain.needs import NEEDS
from app.reports.ages import age_band
from app.reports.scope import child_length, in_area, prefix
from app.store.registry import Household, Person
from app.store.summary import ResponseSummary

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
        mine, theirs = self.__dict__, other.__dict__
        for name in COUNT_NAMES:
            mine[name] += theirs[name]


COUNT_NAMES = tuple(f.name for f in fields(Counts))


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
    """The condition joining a person to the summary of the round's Form A response: used
    in a LEFT JOIN only (filters on the response go into CASE expressions, never the
    WHERE), so that the planner reads household, person, summary in that order from their
    indexes (migrations 0006, 0009) instead of starting from an index of the form, round
    or state. The summary, not the response: its answers are never read here."""
    r = ResponseSummary
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


@dataclass(frozen=True)
class FormAPass:
    """What the one pass over the area's due persons gives: counts per (village, category)
    and the forms done per week (`week_starts`' index; -1 before the first week)."""

    groups: dict[tuple[str, str], list[int]]
    weeks: dict[int, int]
    #: persons by (child area, category, grade, sex, age band, hukou, card generation)
    registry: dict[tuple[str, ...], int]


def week_starts(survey_round: str, as_of: date) -> list[date]:
    """The Mondays from the round's year's first week up to `as_of`'s week."""
    first = monday(date(int(survey_round[:4]), 1, 1))
    last = monday(as_of)
    if last < first:
        return []
    return [first + timedelta(days=7 * i) for i in range((last - first).days // 7 + 1)]


def _kind(name: str) -> ColumnElement[str]:
    return literal_column(f"'{name}'", String).label("kind")


def _flag(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return case((condition, 1), else_=0)


def _week_of(day: str, starts: list[date]) -> int:
    """The index in `starts` of the week of a day ("2026-03-02"; -1 before the first week,
    len(starts) after the last)."""
    found = (date.fromisoformat(day[:10]) - starts[0]).days // 7
    return max(-1, min(found, len(starts)))


def _person_rows(session_round: str, area_code: str, as_of: date) -> CTE:
    """One row per due person with its response's summary (a CTE used three times, which
    both SQLite and PostgreSQL compute once): narrow, the counting is left to the groups."""
    r = ResponseSummary
    done = r.state.in_(DONE)
    return (
        select(
            Household.area_code.label("village"),
            Person.category.label("category"),
            r.state.label("state"),
            _flag(done).label("done"),
            _flag(and_(done, or_(r.method.is_(None), r.method != LOST))).label("surveyed"),
            r.filled_at.label("filled"),
            r.method.label("method"),
            r.sent_back.label("back"),
            r.needs.label("needs"),
            Person.grade.label("grade"),
            Person.sex.label("sex"),
            age_band(Person.birth_date, as_of).label("band"),
            Household.hukou_type.label("hukou"),
            Person.card_generation.label("card"),
        )
        .select_from(Household)
        .join(Person, Person.household_id == Household.id)
        .outerjoin(r, round_response(session_round))
        .where(*_due_in(area_code))
        .cte("due_person")
        .prefix_with("MATERIALIZED")
    )


def form_a_pass(
    session: Session, area_code: str, survey_round: str, as_of: date
) -> dict[tuple[str, str], list[int]]:
    """(village, category) -> the Form A counts (`Counts`' fields in order), the persons
    surveyed (done, not lost) and each need of `NEEDS` among them."""
    return form_a_result(session, area_code, survey_round, as_of).groups


def form_a_result(session: Session, area_code: str, survey_round: str, as_of: date) -> FormAPass:
    """The progress, the weekly trend and the needs all read the round's done forms, the
    costly part: one statement gives all three, kept in the session for the next call in
    the same transaction (the 统计 page and the printed reports read them together)."""
    key = (prefix(area_code), survey_round, as_of)
    transaction, cache = session.info.get(CACHE, (None, {}))
    if transaction is not None and transaction is session.get_transaction():
        if key in cache:
            return cache[key]  # type: ignore[no-any-return]
    else:
        cache = {}
    b = _person_rows(survey_round, area_code, as_of).c
    state = b.state
    done = b.done == 1
    surveyed = b.surveyed == 1
    this_week = _at(monday(as_of))
    last_week = this_week - timedelta(days=7)
    end = _at(as_of + timedelta(days=1))
    columns = [
        func.count(),
        func.sum(b.done),
        _count(state == "accepted"),
        _count(state == "returned"),
        _count(state == "draft"),
        _count(or_(state.is_(None), state == "assigned")),
        _count(and_(done, b.method == LOST)),
        _count(and_(done, b.method == AT_HOME)),
        _count(and_(done, b.back.is_(True))),
        _count(and_(done, b.filled >= this_week, b.filled < end)),
        _count(and_(done, b.filled >= last_week, b.filled < this_week)),
        func.sum(b.surveyed),
        *(_count(and_(surveyed, b.needs.op("&")(1 << i) != 0)) for i in range(len(NEEDS))),
    ]
    day = func.substr(cast(b.filled, String), 1, 10)  # the weeks are counted from the days
    zeros: list[ColumnElement[int]] = [literal_column("0", Integer)] * (len(columns) - 1)
    no_key: list[Any] = [null()] * 5
    registry_keys = (
        func.substr(b.village, 1, child_length(area_code)),
        b.category,
        b.grade,
        b.sex,
        cast(b.band, String),
        b.hukou,
        b.card,
    )
    query: CompoundSelect[Any] = union_all(
        select(_kind("g"), b.village, b.category, *no_key, *columns).group_by(
            b.village, b.category
        ),
        select(_kind("w"), null(), day, *no_key, func.count(), *zeros)
        .where(done, b.filled < end)
        .group_by(day),
        select(_kind("r"), *registry_keys, func.count(), *zeros).group_by(*registry_keys),
    )
    groups: dict[tuple[str, str], list[int]] = {}
    weeks: dict[int, int] = {}
    registry: dict[tuple[str, ...], int] = {}
    starts = week_starts(survey_round, as_of)
    for row in session.execute(query):
        if row[0] == "g":
            groups[(row[1], row[2])] = [int(v or 0) for v in row[8:]]
        elif row[0] == "w":
            week = _week_of(row[2], starts) if starts else -1
            weeks[week] = weeks.get(week, 0) + int(row[8])
        else:
            registry[tuple(str(v) if v is not None else "" for v in row[1:8])] = int(row[8])
    found = FormAPass(groups, weeks, registry)
    # kept for this transaction only (one snapshot of the data): a later one reads again
    session.info[CACHE] = (session.get_transaction(), {**cache, key: found})
    return found


def counts_by_village(
    session: Session, area_code: str, survey_round: str, as_of: date
) -> dict[str, Counts]:
    """Form A counts per village of the area (the due persons from the household and
    person indexes, each with the round's response if any)."""
    sums: dict[str, list[int]] = {}
    for (village, _), values in form_a_pass(session, area_code, survey_round, as_of).items():
        old = sums.get(village)
        mine = values[:SURVEYED]
        sums[village] = mine if old is None else [a + b for a, b in zip(old, mine, strict=True)]
    return {village: Counts(*values) for village, values in sums.items()}


def weekly_done(
    session: Session, area_code: str, survey_round: str, as_of: date
) -> list[tuple[date, int]]:
    """(Monday, forms done that week) from the first week with a done form up to `as_of`'s,
    by the time each form now done was completed; the round's year starts the count."""
    starts = week_starts(survey_round, as_of)
    if not starts:
        return []
    counts = form_a_result(session, area_code, survey_round, as_of).weeks
    found = [(s, counts.get(i, 0)) for i, s in enumerate(starts)]
    # completed before the year: its first week
    found[0] = (found[0][0], found[0][1] + counts.get(-1, 0))
    while len(found) > 1 and found[0][1] == 0:
        found.pop(0)
    return found
