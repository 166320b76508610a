"""Visits: plan a visit to a household, cancel it, mark it made."""

from __future__ import annotations

from datetime import date, datetime

from app.domain.issues import Issue, ValidationFailed
from app.services.changed import Changed
from app.store import changes
from app.store.database import Database
from app.store.registry import Household
from app.store.work import Visit


class Visits:
    """The visit use cases of one signed-in user."""

    def __init__(self, db: Database, user: str) -> None:
        self.db = db
        self.user = user

    def plan(self, household_id: str, day: date, note: str = "") -> tuple[str, Changed]:
        """Plan a visit; a day in the past is refused."""
        if day < date.today():
            raise ValidationFailed([Issue("visit.past", {"day": day.isoformat()}, "planned_date")])
        with self.db.transaction() as s:
            changes.get_live(s, Household, household_id)
            visit = changes.create(
                s,
                Visit,
                {
                    "household_id": household_id,
                    "planned_date": day,
                    "member": self.user,
                    "state": "planned",
                    "note": note.strip(),
                },
                user=self.user,
            )
            return visit.id, Changed(households=frozenset({household_id}))

    def cancel(self, visit_id: str) -> Changed:
        with self.db.transaction() as s:
            visit = changes.get_live(s, Visit, visit_id)
            changes.update(s, Visit, visit_id, {"state": "cancelled"}, user=self.user)
            return Changed(households=frozenset({visit.household_id}))

    def made(self, visit_id: str, method: str, at: datetime | None = None) -> Changed:
        with self.db.transaction() as s:
            visit = changes.get_live(s, Visit, visit_id)
            changes.update(
                s,
                Visit,
                visit_id,
                {"state": "made", "method": method, "visited_at": at or datetime.now()},
                user=self.user,
            )
            return Changed(households=frozenset({visit.household_id}))
