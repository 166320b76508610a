"""Visits: plan a visit to a household, cancel it, keep its note, mark it made."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

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

    # -- the visit being made ------------------------------------------------------------------

    def _current(self, s: Session, household_id: str) -> Visit | None:
        """The user's visit to the household under way today: one made today, else the
        latest one planned for today or before and not made yet."""
        mine = select(Visit).where(
            Visit.household_id == household_id,
            Visit.member == self.user,
            Visit.deleted.is_(False),
        )
        today = date.today()
        made = s.scalars(
            mine.where(
                Visit.state == "made", Visit.visited_at >= datetime.combine(today, time())
            ).order_by(Visit.visited_at.desc())
        ).first()
        if made is not None:
            return made
        return s.scalars(
            mine.where(Visit.state == "planned", Visit.planned_date <= today).order_by(
                Visit.planned_date.desc()
            )
        ).first()

    def current_note(self, household_id: str) -> str:
        """The note of the visit under way (empty when there is none)."""
        with self.db.session() as s:
            visit = self._current(s, household_id)
            return visit.note if visit is not None else ""

    def keep_note(self, household_id: str, note: str) -> Changed:
        """Save the note of the visit under way (a visit planned for today is made for it
        when there is none; an empty note makes none)."""
        note = note.strip()
        with self.db.transaction() as s:
            visit = self._current(s, household_id)
            if visit is None:
                if not note:
                    return Changed()
                changes.get_live(s, Household, household_id)
                changes.create(
                    s,
                    Visit,
                    {"household_id": household_id, "planned_date": date.today(),
                     "member": self.user, "state": "planned", "note": note},
                    user=self.user,
                )  # fmt: skip
            elif visit.note != note:
                changes.update(s, Visit, visit.id, {"note": note}, user=self.user)
            else:
                return Changed()
            return Changed(households=frozenset({household_id}))

    def complete(self, household_id: str, note: str, method: str = "1") -> Changed:
        """The visit was made (its forms completed): record it with its note."""
        note = note.strip()
        with self.db.transaction() as s:
            visit = self._current(s, household_id)
            made = {"state": "made", "method": method, "visited_at": datetime.now(), "note": note}
            if visit is None:
                changes.get_live(s, Household, household_id)
                changes.create(
                    s,
                    Visit,
                    {"household_id": household_id, "member": self.user, **made},
                    user=self.user,
                )
            else:
                if visit.state == "made":
                    made.pop("visited_at")  # the first completion of the day is when it was made
                changes.update(s, Visit, visit.id, made, user=self.user)
            return Changed(households=frozenset({household_id}))
