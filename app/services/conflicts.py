"""Sync conflicts and refused changes on the laptop: list them, resolve them, resend or drop.

A resolution writes through `app.store.changes` (so the chosen value syncs as an
ordinary op) and marks the conflict resolved; the next sync tells the server,
which passes the resolution on to everyone else in the area.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.domain.issues import Issue, ValidationFailed
from app.services.changed import Changed
from app.store import changes
from app.store.base import utcnow
from app.store.conflicts import SyncConflict
from app.store.database import Database
from app.store.outbox import OutboxOp
from app.store.registry import Household, Person
from app.store.schema import MODEL_BY_ENTITY

CHOICES = ("mine", "theirs", "edited")


@dataclass(frozen=True)
class ConflictView:
    """One conflict side by side: the laptop's value, the server's, and what it was before."""

    id: str
    entity: str
    record_id: str
    field: str
    mine: Any
    theirs: Any
    base: Any
    username: str
    state: str
    resolution: str


@dataclass(frozen=True)
class RefusedOp:
    """A change the server refused, with its reason; it stays until resent or dropped."""

    op_id: str
    entity: str
    record_id: str
    fields: dict[str, Any]
    reason: str


def _view(row: SyncConflict) -> ConflictView:
    return ConflictView(
        row.id,
        row.entity,
        row.record_id,
        row.field,
        row.mine,
        row.theirs,
        row.base,
        row.username,
        row.state,
        row.resolution,
    )


class Conflicts:
    """The conflict and refusal use cases of one signed-in user."""

    def __init__(self, db: Database, user: str) -> None:
        self.db = db
        self.user = user

    def open_conflicts(self) -> list[ConflictView]:
        with self.db.session() as s:
            rows = s.scalars(
                select(SyncConflict).where(SyncConflict.state == "open").order_by(SyncConflict.at)
            )
            return [_view(r) for r in rows]

    def refused_ops(self) -> list[RefusedOp]:
        with self.db.session() as s:
            rows = s.scalars(
                select(OutboxOp).where(OutboxOp.status == "refused").order_by(OutboxOp.seq)
            )
            return [
                RefusedOp(o.op_id, o.entity, o.record_id, dict(o.fields), o.refusal) for o in rows
            ]

    def resolve(self, conflict_id: str, choice: str, value: Any = None) -> Changed:
        """Keep mine, theirs, or an edited value; the choice syncs with the next sync."""
        if choice not in CHOICES:
            raise ValidationFailed([Issue("field.unknown", {"field": choice})])
        with self.db.transaction() as s:
            row = s.get(SyncConflict, conflict_id)
            if row is None:
                raise ValidationFailed([Issue("record.unknown", {"id": conflict_id})])
            model = MODEL_BY_ENTITY[row.entity]
            record = s.get(model, row.record_id)
            if record is None:
                raise ValidationFailed([Issue("record.unknown", {"id": row.record_id})])
            if row.field == "deleted":
                self._resolve_deletion(s, row, model, record.deleted, choice)
            elif choice != "theirs" or changes.to_wire(getattr(record, row.field)) != row.theirs:
                chosen = {"mine": row.mine, "theirs": row.theirs, "edited": value}[choice]
                if record.deleted:
                    changes.restore(s, model, row.record_id, {row.field: chosen}, user=self.user)
                else:
                    changes.update(s, model, row.record_id, {row.field: chosen}, user=self.user)
            row.state = "resolved"
            row.resolution = choice
            row.resolved_value = value if choice == "edited" else None
            row.resolved_by = self.user
            row.resolved_at = utcnow()
            row.unsent = True
            return Changed(households=frozenset(_households(s, row.entity, row.record_id)))

    def _resolve_deletion(
        self, session: Any, row: SyncConflict, model: Any, deleted_here: bool, choice: str
    ) -> None:
        wants_deleted = row.mine if choice == "mine" else row.theirs
        if choice == "edited":
            raise ValidationFailed([Issue("field.unknown", {"field": "edited"})])
        if wants_deleted and not deleted_here:
            changes.delete(session, model, row.record_id, user=self.user)
        elif not wants_deleted and deleted_here:
            fields = {k: v for k, v in (row.op_fields or {}).items() if k != "deleted"}
            changes.restore(session, model, row.record_id, fields, user=self.user)

    def resend(self, op_id: str) -> None:
        """Send a refused change again with the next sync (after the cause was fixed)."""
        with self.db.transaction() as s:
            op = s.scalars(select(OutboxOp).where(OutboxOp.op_id == op_id)).first()
            if op is not None and op.status == "refused":
                op.status = "pending"
                op.refusal = ""

    def drop(self, op_id: str) -> None:
        """Give up a refused change: it is never sent (the record keeps its local value until
        the server sends it again)."""
        with self.db.transaction() as s:
            op = s.scalars(select(OutboxOp).where(OutboxOp.op_id == op_id)).first()
            if op is not None and op.status == "refused":
                s.delete(op)


def _households(session: Any, entity: str, record_id: str) -> set[str]:
    if entity == "household":
        return {record_id}
    model = MODEL_BY_ENTITY[entity]
    record = session.get(model, record_id)
    household = getattr(record, "household_id", None)
    if household is None and entity in ("certificate", "subsidy", "change_notice"):
        person = session.get(Person, getattr(record, "person_id", ""))
        household = person.household_id if person else None
    return {household} if household and session.get(Household, household) else set()
