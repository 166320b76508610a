"""The one write path: every change of a synced record goes through here.

`create`, `update` and `delete` change the record and add its outbox row in the
caller's transaction, so the two are saved together or not at all. Nothing else
in the program writes a synced record (sync's pull applies server changes with
its own function, which writes no outbox row by design).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import Date, DateTime
from sqlalchemy.orm import Session

from app.domain.issues import Issue, ValidationFailed
from app.store.base import BOOKKEEPING_COLUMNS, Synced, new_id, utcnow
from app.store.outbox import OutboxOp

S = TypeVar("S", bound=Synced)


def to_wire(value: Any) -> Any:
    """A value as it travels in an outbox row (JSON)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _columns(model: type[Synced]) -> dict[str, Any]:
    table = model.__table__  # type: ignore[attr-defined]
    return {c.name: c for c in table.columns}


def coerce(model: type[Synced], name: str, value: Any) -> Any:
    """Turn wire values (ISO text) into the column's Python type."""
    column = _columns(model)[name]
    if isinstance(value, str) and value:
        if isinstance(column.type, DateTime):
            return datetime.fromisoformat(value)
        if isinstance(column.type, Date):
            return date.fromisoformat(value)
    if value == "" and isinstance(column.type, Date | DateTime):
        return None
    return value


def _checked_fields(model: type[Synced], fields: Mapping[str, Any]) -> dict[str, Any]:
    columns = _columns(model)
    unknown = [
        Issue("field.unknown", {"field": name}, field=name)
        for name in fields
        if name not in columns or name in BOOKKEEPING_COLUMNS
    ]
    if unknown:
        raise ValidationFailed(tuple(unknown))
    return {name: coerce(model, name, value) for name, value in fields.items()}


def _outbox(
    session: Session, obj: Synced, kind: str, fields: Mapping[str, Any], user: str
) -> OutboxOp:
    op = OutboxOp(
        op_id=str(uuid.uuid4()),
        entity=obj.entity,
        record_id=obj.id,
        base_rev=obj.rev,
        kind=kind,
        fields={k: to_wire(v) for k, v in fields.items()},
        at=utcnow(),
        username=user,
    )
    session.add(op)
    return op


def snapshot(obj: Synced) -> dict[str, Any]:
    """Every field of a record except the bookkeeping columns."""
    return {
        name: getattr(obj, name) for name in _columns(type(obj)) if name not in BOOKKEEPING_COLUMNS
    }


def create(
    session: Session,
    model: type[S],
    fields: Mapping[str, Any],
    *,
    user: str,
    record_id: str | None = None,
) -> S:
    """Add a new record and its outbox row (all fields, base rev 0)."""
    values = _checked_fields(model, fields)
    obj = model()
    for name, value in values.items():
        setattr(obj, name, value)
    obj.id = record_id or new_id()
    obj.rev = 0
    obj.updated_at = utcnow()
    obj.updated_by = user
    session.add(obj)
    session.flush()  # fills defaults, checks constraints, updates the search index
    _outbox(session, obj, "upsert", snapshot(obj), user)
    session.flush()
    return obj


def get_live(session: Session, model: type[S], record_id: str) -> S:
    obj = session.get(model, record_id)
    if obj is None:
        raise ValidationFailed((Issue("record.unknown", {"id": record_id}),))
    if obj.deleted:
        raise ValidationFailed((Issue("record.deleted", {"id": record_id}),))
    return obj


def update(
    session: Session,
    model: type[S],
    record_id: str,
    fields: Mapping[str, Any],
    *,
    user: str,
) -> dict[str, Any]:
    """Change fields of a record; returns the fields that really changed (empty: no-op)."""
    values = _checked_fields(model, fields)
    obj = get_live(session, model, record_id)
    changed = {k: v for k, v in values.items() if getattr(obj, k) != v}
    if not changed:
        return {}
    for name, value in changed.items():
        setattr(obj, name, value)
    obj.updated_at = utcnow()
    obj.updated_by = user
    _outbox(session, obj, "upsert", changed, user)
    session.flush()
    return changed


def delete(session: Session, model: type[Synced], record_id: str, *, user: str) -> None:
    """Mark a record deleted (a tombstone that syncs) with its outbox row."""
    obj = get_live(session, model, record_id)
    obj.deleted = True
    obj.updated_at = utcnow()
    obj.updated_by = user
    _outbox(session, obj, "delete", {}, user)
    session.flush()


def restore(
    session: Session, model: type[Synced], record_id: str, fields: Mapping[str, Any], *, user: str
) -> None:
    """Bring a deleted record back, with fields (a delete conflict resolved for this side)."""
    values = _checked_fields(model, fields)
    obj = session.get(model, record_id)
    if obj is None:
        raise ValidationFailed((Issue("record.unknown", {"id": record_id}),))
    for name, value in values.items():
        setattr(obj, name, value)
    obj.deleted = False
    obj.updated_at = utcnow()
    obj.updated_by = user
    _outbox(session, obj, "upsert", {**values, "deleted": False}, user)
    session.flush()
