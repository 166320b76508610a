"""A person with both subsidies running and a month's task about them, as the server's import
would have sent it (for the task use case tests)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain.certificate import make_certificate
from app.domain.identity import make_resident_id
from app.services.registry import Registry
from app.services.tasks import due_date_of, row_key
from app.store import changes
from app.store.database import Database
from app.store.registry import Subsidy
from app.store.work import ChangeNotice

ID_DEAD = make_resident_id("330283", date(1950, 6, 1), 31)
ID_SECOND = make_resident_id("330283", date(1962, 2, 3), 57)


@dataclass(frozen=True)
class World:
    """The household, the person, their subsidies and the task."""

    household_id: str
    person_id: str
    living_id: str
    care_id: str
    task_id: str


def a_row(kind: str, day: str, source: str = "police", name: str = "王堃") -> dict[str, Any]:
    row = {"source": source, "kind": kind, "event_date": day, "name": name, "detail": ""}
    return {**row, "row_key": row_key(row)}


def subsidy(db: Database, person_id: str, kind: str, amount_fen: int, user: str) -> str:
    with db.transaction() as s:
        record = changes.create(
            s,
            Subsidy,
            {"person_id": person_id, "kind": kind, "start_month": "2024-01",
             "amount_fen": amount_fen, "status": "active", "group": "dibao"},
            user=user,
        )  # fmt: skip
        return record.id


def a_task(
    db: Database,
    person_id: str,
    rows: list[dict[str, Any]],
    month: str = "2026-12",
    user: str = "ada",
) -> str:
    with db.transaction() as s:
        task = changes.create(
            s,
            ChangeNotice,
            {"person_id": person_id, "kind": rows[0]["kind"], "source": rows[0]["source"],
             "month": month, "effective_date": rows[0]["event_date"] or None, "state": "open",
             "rows": rows, "due_date": due_date_of(month)},
            user=user,
        )  # fmt: skip
        return task.id


def build(
    db: Database,
    village: str,
    *,
    user: str = "alice",
    id_number: str = ID_DEAD,
    kind: str = "death",
    day: str = "2026-12-04",
) -> World:
    registry = Registry(db, user)
    hid, _ = registry.add_household(
        {"area_code": village, "address": "南山路8号", "hukou_type": "1"}
    )
    pid, _ = registry.add_person(
        hid,
        {"name": "王堃", "id_number": id_number, "category": "1", "grade": "1",
         "cert_number": make_certificate(id_number, 1, 1)},
    )  # fmt: skip
    living = subsidy(db, pid, "living", 36000, user)
    care = subsidy(db, pid, "care", 24000, user)
    task = a_task(db, pid, [a_row(kind, day)], user=user)
    return World(hid, pid, living, care, task)
