"""What awaits a user on 今日: each kind of work as a list, the one definition its count is
taken from (a count on the page is the length of its list, never a query of its own)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Connection, text

from app.store import rounds


@dataclass(frozen=True)
class PlannedVisit:
    """A visit planned for a day, with its household."""

    visit_id: str
    household_id: str
    day: date
    village: str
    head_name: str
    address: str
    note: str


@dataclass(frozen=True)
class DuePerson:
    """A person due Form A this year whose form is not done yet."""

    person_id: str
    household_id: str
    area_code: str
    village: str
    address: str
    name: str
    head_name: str
    state: str | None  # None: not started


@dataclass(frozen=True)
class DueHousehold:
    """A household of the income sample due Form B in the round, its form not done yet."""

    household_id: str
    area_code: str
    village: str
    address: str
    head_name: str
    survey_round: str
    state: str | None  # None: not started


@dataclass(frozen=True)
class OpenForm:
    """A response that waits for its member: returned by the reviewer, or a draft."""

    response_id: str
    household_id: str
    area_code: str
    village: str
    address: str
    name: str  # the person's, or the head's for a household form
    form_id: str
    survey_round: str
    reason: str  # why it was returned (empty for a draft)


@dataclass(frozen=True)
class OpenNotice:
    """A monthly verification task still with the member, due by the end of this month."""

    notice_id: str
    household_id: str
    area_code: str
    village: str
    address: str
    name: str
    kind: str
    source: str
    month: str
    due_date: date | None
    state: str
    overdue: bool


@dataclass(frozen=True)
class SyncStatus:
    """The last sync and what waits to be sent."""

    last_sync: str
    pending: int
    refused: int


_NUMBER = re.compile(r"(\d+)")


def natural_key(address: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key of an address with its numbers as numbers: 条宅2号 before 条宅10号."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in _NUMBER.split(address) if part
    )


def _place(area_code: str, address: str, household_id: str) -> tuple[object, ...]:
    """Nearest first: village by code, then the address in natural order."""
    return (area_code, natural_key(address), household_id)


def _scope(prefixes: Sequence[str], column: str) -> tuple[str, dict[str, str]]:
    if not prefixes:
        return "", {}
    clauses = " OR ".join(f"{column} LIKE :p{i}" for i in range(len(prefixes)))
    return f" AND ({clauses})", {f"p{i}": f"{p}%" for i, p in enumerate(prefixes)}


def _areas(prefixes: Sequence[str]) -> list[str | None]:
    """The area prefixes to read one by one (none: everything), nested ones dropped."""
    kept = [p for p in prefixes if not any(p != q and p.startswith(q) for q in prefixes)]
    return list(dict.fromkeys(kept)) or [None]


def planned_visits(
    conn: Connection, prefixes: Sequence[str], start: date, days: int = 7
) -> list[PlannedVisit]:
    where, params = _scope(prefixes, "h.area_code")
    rows = conn.execute(
        text(
            "SELECT v.id, v.household_id, v.planned_date, a.name, h.head_name, h.address, v.note"
            " FROM visit v JOIN household h ON h.id = v.household_id"
            " JOIN area a ON a.code = h.area_code"
            " WHERE v.deleted = 0 AND h.deleted = 0 AND v.state = 'planned'"
            " AND v.planned_date >= :start AND v.planned_date < :end"
            + where
            + " ORDER BY v.planned_date, h.area_code"
        ),
        {"start": start.isoformat(), "end": (start + timedelta(days=days)).isoformat(), **params},
    )
    found = [
        PlannedVisit(r[0], r[1], date.fromisoformat(str(r[2])), r[3], r[4], r[5], r[6])
        for r in rows
    ]
    return sorted(found, key=lambda v: (v.day, v.village, natural_key(v.address)))


def progress(conn: Connection, year: int, prefixes: Sequence[str]) -> list[rounds.Progress]:
    """The season's Form A progress per village of the user's areas."""
    found: list[rounds.Progress] = []
    for area in _areas(prefixes):
        found += rounds.progress_by_village(conn, year, area_prefix=area)
    return sorted(found, key=lambda p: p.area_code)


def to_survey(conn: Connection, year: int, prefixes: Sequence[str]) -> list[DuePerson]:
    """The persons due Form A whose form is not done (the progress's 未完成, one by one),
    nearest first: village by code, address in natural order, then name."""
    found: list[DuePerson] = []
    for area in _areas(prefixes):
        rows = conn.execute(
            text(
                "SELECT d.person_id, d.household_id, d.area_code, a.name, h.address, p.name,"
                " h.head_name, d.state"
                f" FROM ({rounds.form_a_source(area)}) d"
                " JOIN person p ON p.id = d.person_id JOIN household h ON h.id = d.household_id"
                " JOIN area a ON a.code = d.area_code"
                f" WHERE {rounds.NOT_DONE}"
            ),
            {"year": str(year), "prefix": f"{area or ''}%"},
        )
        found += [DuePerson(*r) for r in rows]
    return sorted(found, key=lambda d: (*_place(d.area_code, d.address, d.household_id), d.name))


def income_to_survey(
    conn: Connection, survey_round: str, prefixes: Sequence[str]
) -> list[DueHousehold]:
    """The sampled households whose Form B of the round is not done (the figures' 未走访,
    one by one: `rounds.households_due_form_b`), nearest first."""
    due = [
        d
        for area in _areas(prefixes)
        for d in rounds.households_due_form_b(conn, survey_round, area)
        if not d.done
    ]
    places: dict[str, tuple[str, str, str]] = {}
    ids = [d.household_id for d in due]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join(f":h{i}" for i in range(len(chunk)))
        rows = conn.execute(
            text(
                "SELECT h.id, a.name, h.address, h.head_name FROM household h"
                f" JOIN area a ON a.code = h.area_code WHERE h.id IN ({marks})"
            ),
            {f"h{i}": h for i, h in enumerate(chunk)},
        )
        places.update({r[0]: (r[1], r[2], r[3]) for r in rows})
    found = [
        DueHousehold(d.household_id, d.area_code, *places[d.household_id], survey_round, d.state)
        for d in due
        if d.household_id in places
    ]
    return sorted(found, key=lambda d: _place(d.area_code, d.address, d.household_id))


def _open_forms(conn: Connection, prefixes: Sequence[str], state: str) -> list[OpenForm]:
    where, params = _scope(prefixes, "h.area_code")
    rows = conn.execute(
        text(
            "SELECT r.id, r.household_id, h.area_code, a.name, h.address,"
            " coalesce(p.name, h.head_name), r.form_id, r.survey_round,"
            " json_extract(r.state_history, '$[#-1].reason')"
            " FROM form_response r JOIN household h ON h.id = r.household_id"
            " JOIN area a ON a.code = h.area_code"
            " LEFT JOIN person p ON p.id = r.person_id"
            " WHERE r.deleted = 0 AND h.deleted = 0 AND r.state = :state" + where
        ),
        {"state": state, **params},
    )
    found = [OpenForm(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8] or "") for r in rows]
    return sorted(found, key=lambda f: (*_place(f.area_code, f.address, f.household_id), f.name))


def returned_forms(conn: Connection, prefixes: Sequence[str]) -> list[OpenForm]:
    """Responses a reviewer returned, with the reason, to be corrected by the member."""
    return _open_forms(conn, prefixes, "returned")


def drafts(conn: Connection, prefixes: Sequence[str]) -> list[OpenForm]:
    """Responses started and saved, not completed yet."""
    return [dataclasses.replace(f, reason="") for f in _open_forms(conn, prefixes, "draft")]


def open_notices(
    conn: Connection, prefixes: Sequence[str], day: date | None = None
) -> list[OpenNotice]:
    """The tasks still with the member (to verify, or returned) due by the end of the month
    of `day` (a task without a due date counts in its own month), those due first."""
    day = day or date.today()
    where, params = _scope(prefixes, "h.area_code")
    month_end = (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    rows = conn.execute(
        text(
            "SELECT n.id, h.id, h.area_code, a.name, h.address, p.name, n.kind, n.source, n.month,"
            " n.due_date, n.state"
            " FROM change_notice n JOIN person p ON p.id = n.person_id"
            " JOIN household h ON h.id = p.household_id JOIN area a ON a.code = h.area_code"
            " WHERE n.deleted = 0 AND n.state IN ('open', 'returned') AND h.deleted = 0"
            " AND (n.due_date <= :end OR (n.due_date IS NULL AND n.month <= :month))" + where
        ),
        {"end": month_end.isoformat(), "month": day.strftime("%Y-%m"), **params},
    )
    found = []
    for r in rows:
        due = date.fromisoformat(str(r[9])) if r[9] else None
        overdue = due is not None and due < day
        notice_id, household_id, area, village, address, name, kind, source, month = r[:9]
        found.append(OpenNotice(notice_id, household_id, area, village, address, name, kind,
                                source, month, due, r[10], overdue))  # fmt: skip
    return sorted(
        found,
        key=lambda n: (n.due_date or day, n.month, *_place(n.area_code, n.address, n.household_id)),
    )


def sync_status(conn: Connection) -> SyncStatus:
    last = conn.execute(text("SELECT value FROM sync_state WHERE key = 'last_sync'")).scalar()
    pending = conn.execute(text("SELECT count(*) FROM outbox WHERE status = 'pending'")).scalar()
    refused = conn.execute(text("SELECT count(*) FROM outbox WHERE status = 'refused'")).scalar()
    return SyncStatus(str(last or ""), int(pending or 0), int(refused or 0))
