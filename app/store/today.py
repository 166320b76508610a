"""What the Today page shows: planned visits, what awaits the user, the sync state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Connection, text


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
class Waiting:
    """Counts of what awaits the user, by kind."""

    returned: int
    to_review: int
    open_cases: int
    notices: int
    drafts: int


@dataclass(frozen=True)
class SyncStatus:
    """The last sync and what waits to be sent."""

    last_sync: str
    pending: int
    refused: int


def _scope(prefixes: list[str], column: str) -> tuple[str, dict[str, str]]:
    if not prefixes:
        return "", {}
    clauses = " OR ".join(f"{column} LIKE :p{i}" for i in range(len(prefixes)))
    return f" AND ({clauses})", {f"p{i}": f"{p}%" for i, p in enumerate(prefixes)}


def planned_visits(
    conn: Connection, prefixes: list[str], start: date, days: int = 7
) -> list[PlannedVisit]:
    where, params = _scope(prefixes, "h.area_code")
    rows = conn.execute(
        text(
            "SELECT v.id, v.household_id, v.planned_date, a.name, h.head_name, h.address, v.note"
            " FROM visit v JOIN household h ON h.id = v.household_id"
            " JOIN area a ON a.code = h.area_code"
            " WHERE v.deleted = 0 AND v.state = 'planned' AND v.planned_date >= :start"
            " AND v.planned_date < :end" + where + " ORDER BY v.planned_date, h.area_code"
        ),
        {"start": start.isoformat(), "end": (start + timedelta(days=days)).isoformat(), **params},
    )
    return [
        PlannedVisit(r[0], r[1], date.fromisoformat(str(r[2])), r[3], r[4], r[5], r[6])
        for r in rows
    ]


def returned_responses(conn: Connection, prefixes: list[str]) -> list[tuple[str, str, str, str]]:
    """(response id, household id, person name or head, the return reason) of returned ones."""
    where, params = _scope(prefixes, "h.area_code")
    rows = conn.execute(
        text(
            "SELECT r.id, r.household_id, coalesce(p.name, h.head_name),"
            " json_extract(r.state_history, '$[#-1].reason')"
            " FROM form_response r JOIN household h ON h.id = r.household_id"
            " LEFT JOIN person p ON p.id = r.person_id"
            " WHERE r.deleted = 0 AND r.state = 'returned'" + where + " ORDER BY r.updated_at"
        ),
        params,
    )
    return [(r[0], r[1], r[2], r[3] or "") for r in rows]


def waiting(conn: Connection, prefixes: list[str]) -> Waiting:
    where, params = _scope(prefixes, "h.area_code")

    def count(sql: str) -> int:
        return int(conn.execute(text(sql + where), params).scalar_one())

    base = "SELECT count(*) FROM form_response r JOIN household h ON h.id = r.household_id"
    return Waiting(
        returned=count(base + " WHERE r.deleted = 0 AND r.state = 'returned'"),
        to_review=count(base + " WHERE r.deleted = 0 AND r.state = 'submitted'"),
        open_cases=count(
            "SELECT count(*) FROM renovation_case c JOIN household h ON h.id = c.household_id"
            " WHERE c.deleted = 0 AND c.state NOT IN ('withdrawn', 'followed_up')"
        ),
        notices=count(
            "SELECT count(*) FROM change_notice n JOIN person p ON p.id = n.person_id"
            " JOIN household h ON h.id = p.household_id WHERE n.deleted = 0 AND n.state = 'open'"
        ),
        drafts=count(base + " WHERE r.deleted = 0 AND r.state = 'draft'"),
    )


def sync_status(conn: Connection) -> SyncStatus:
    last = conn.execute(text("SELECT value FROM sync_state WHERE key = 'last_sync'")).scalar()
    pending = conn.execute(text("SELECT count(*) FROM outbox WHERE status = 'pending'")).scalar()
    refused = conn.execute(text("SELECT count(*) FROM outbox WHERE status = 'refused'")).scalar()
    return SyncStatus(str(last or ""), int(pending or 0), int(refused or 0))
