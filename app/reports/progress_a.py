"""Form A (dynamic update) progress: one pass over the area's due persons, counted per village."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    Select,
    String,
    and_,
    case,
    cast,
    func,
    select,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.domain.needs import NEEDS
from app.reports.ages import age_band
from app.reports.rows import plain_rows
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


def _week_of(day: str, starts: list[date]) -> int:
    """The index in `starts` of the week of a day ("2026-03-02"; -1 before the first week,
    len(starts) after the last)."""
    if not starts:
        return -1
    found = (date.fromisoformat(day[:10]) - starts[0]).days // 7
    return max(-1, min(found, len(starts)))


THIS_WEEK, LAST_WEEK = 1, 2


def _person_rows(survey_round: str, area_code: str, as_of: date) -> Select[*tuple[Any, ...]]:
    """One row per due person with its response's summary: the persons from the household
    and person indexes, each one's response of the round from the summary's (never the
    answers). Only what needs the dates is worked out here: the age band, the day the form
    was done (up to `as_of`) and whether that was this week or last."""
    r = ResponseSummary
    this_week = _at(monday(as_of))
    last_week = this_week - timedelta(days=7)
    end = _at(as_of + timedelta(days=1))
    return (
        select(
            Household.area_code,
            *(func.coalesce(c, "") for c in (Person.category, Person.grade, Person.sex)),
            age_band(Person.birth_date, as_of),
            *(func.coalesce(c, "") for c in (Household.hukou_type, Person.card_generation)),
            r.state,
            r.method,
            r.sent_back,
            r.needs,
            case((r.filled_at < end, func.substr(cast(r.filled_at, String), 1, 10))),
            case(
                (and_(r.filled_at >= this_week, r.filled_at < end), THIS_WEEK),
                (and_(r.filled_at >= last_week, r.filled_at < this_week), LAST_WEEK),
                else_=0,
            ),
        )
        .select_from(Household)
        .join(Person, Person.household_id == Household.id)
        .outerjoin(r, round_response(survey_round))
        .where(*_due_in(area_code))
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
    groups: dict[tuple[str, str], list[int]] = {}
    by_day: dict[str, int] = {}
    cube: dict[tuple[str, ...], int] = {}  # the registry: None and "" alike (未填)
    masks: dict[tuple[tuple[str, str], int], int] = {}  # surveyed persons by their needs
    length = child_length(area_code)
    width = SURVEYED + 1 + len(NEEDS)
    # counted here, not in SQL: one narrow read of the persons as the driver gives them
    # (SQLAlchemy's rows cost more than this loop), which costs less than SQLite's
    # grouping of the rows three ways
    rows = plain_rows(session, _person_rows(survey_round, area_code, as_of))
    for (
        village,
        category,
        grade,
        sex,
        band,
        hukou,
        card,
        state,
        method,
        back,
        needs,
        day,
        when,
    ) in rows:
        pair = (village, category)
        into = groups.get(pair)
        if into is None:
            into = groups[pair] = [0] * width
        registry_key = (village[:length], category, grade, sex, band, hukou, card)
        cube[registry_key] = cube.get(registry_key, 0) + 1
        into[0] += 1  # due
        if state in DONE:
            into[1] += 1
            if state == "accepted":
                into[2] += 1
            if method == LOST:
                into[6] += 1
            else:
                into[SURVEYED] += 1  # surveyed: done, not lost
                if needs:
                    masks[(pair, needs)] = masks.get((pair, needs), 0) + 1
                if method == AT_HOME:
                    into[7] += 1
            if back:
                into[8] += 1
            if when == THIS_WEEK:
                into[9] += 1
            elif when == LAST_WEEK:
                into[10] += 1
            if day is not None:
                by_day[day] = by_day.get(day, 0) + 1
        elif state == "returned":
            into[3] += 1
        elif state == "draft":
            into[4] += 1
        elif state is None or state == "assigned":
            into[5] += 1
    for (pair, needs), count in masks.items():
        into = groups[pair]
        for i in range(len(NEEDS)):
            if needs >> i & 1:
                into[SURVEYED + 1 + i] += count
    starts = week_starts(survey_round, as_of)
    weeks: dict[int, int] = {}
    for day, count in by_day.items():
        week = _week_of(day, starts)
        weeks[week] = weeks.get(week, 0) + count
    found = FormAPass(groups, weeks, cube)
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
