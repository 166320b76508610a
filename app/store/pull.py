"""Applying the server's changes on the laptop: one page in one transaction, with its cursor.

This is the one writer of synced records besides `changes`, and it writes no
outbox rows by design (the change came from the server). A local field with a
pending or refused op keeps its local value; a record that left the user's
scope is removed unless it has such ops. Foreign keys are off while a page is
applied: the server sends records in the order of their last change, so a
person may arrive before the household it was moved into; the server keeps
them consistent. The search index follows every page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, select, update
from sqlalchemy.dialects.sqlite import insert

from app.store import search
from app.store.base import BOOKKEEPING_COLUMNS
from app.store.changes import coerce
from app.store.conflicts import SyncConflict
from app.store.database import Database
from app.store.outbox import OutboxOp, SyncState
from app.store.registry import Person
from app.store.schema import MODEL_BY_ENTITY, SYNCED_MODELS

CHUNK = 400


@dataclass(frozen=True)
class Pulled:
    """One record as the server holds it now (fields as wire values)."""

    entity: str
    id: str
    rev: int
    deleted: bool
    updated_at: str
    updated_by: str
    fields: Mapping[str, Any]


@dataclass(frozen=True)
class Applied:
    """What one page did on the laptop."""

    received: int
    removed: int
    #: records whose local pending fields were kept over the server's values
    kept: int


@contextmanager
def _without_foreign_keys(db: Database) -> Iterator[Connection]:
    with db.engine.connect() as conn:
        # outside a transaction (SQLite ignores this pragma inside one)
        conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
        conn.commit()
        try:
            yield conn
        finally:
            conn.rollback()
            conn.exec_driver_sql("PRAGMA foreign_keys = ON")
            conn.commit()


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def pending_fields(conn: Connection, record_ids: Sequence[str]) -> dict[str, set[str]]:
    """Per record id: the fields of its ops still in the outbox ("deleted" for a delete)."""
    found: dict[str, set[str]] = defaultdict(set)
    for part in _chunks(list(record_ids)):
        rows = conn.execute(
            select(OutboxOp.record_id, OutboxOp.kind, OutboxOp.fields).where(
                OutboxOp.record_id.in_(part)
            )
        )
        for record_id, kind, fields in rows:
            found[record_id].update(["deleted"] if kind == "delete" else list(fields or {}))
    return found


def _row(model: Any, record: Pulled) -> dict[str, Any]:
    names = {c.name for c in model.__table__.columns} - BOOKKEEPING_COLUMNS
    row = {n: coerce(model, n, v) for n, v in record.fields.items() if n in names}
    row.update(
        id=record.id,
        rev=record.rev,
        deleted=record.deleted,
        updated_by=record.updated_by,
        updated_at=datetime.fromisoformat(record.updated_at),
    )
    return row


def _park_persons(conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
    """Make room for the persons of a page under the live-unique ID and certificate numbers.

    The page's persons are parked (deleted) until they are written back, so numbers
    that moved between them never clash; a local person holding a number the
    server gave to another (a duplicate the server refused) is marked deleted: its
    refused op keeps what was typed.
    """
    ids = [r["id"] for r in rows]
    for part in _chunks(ids):
        conn.execute(update(Person).where(Person.id.in_(part)).values(deleted=True))
    live = [r for r in rows if not r["deleted"]]
    numbers = [r["id_number"] for r in live if r.get("id_number")]
    certs = [r["cert_number"] for r in live if r.get("cert_number")]
    for column, values in ((Person.id_number, numbers), (Person.cert_number, certs)):
        for part in _chunks(values):
            conn.execute(
                update(Person)
                .where(column.in_(part), Person.deleted.is_(False), Person.id.not_in(ids))
                .values(deleted=True)
            )


def _write(
    conn: Connection, model: Any, rows: list[dict[str, Any]], pending: Mapping[str, set[str]]
) -> int:
    table = model.__table__
    plain = [r for r in rows if r["id"] not in pending]
    if plain:
        stmt = insert(table)
        columns = [c for c in plain[0] if c != "id"]
        upsert = stmt.on_conflict_do_update(
            index_elements=["id"], set_={c: stmt.excluded[c] for c in columns}
        )
        by_shape: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
        for r in plain:
            by_shape[tuple(sorted(r))].append(r)
        for group in by_shape.values():
            conn.execute(upsert, group)
    kept = 0
    for r in rows:
        local = pending.get(r["id"])
        if local is None:
            continue
        kept += 1
        values = {k: v for k, v in r.items() if k not in local and k != "id"}
        result = conn.execute(update(table).where(table.c.id == r["id"]).values(**values))
        if result.rowcount == 0:
            conn.execute(insert(table).values(**r))
    return kept


def _households_of(conn: Connection, records: Iterable[tuple[str, str]]) -> set[str]:
    """The households whose search documents these (entity, id) records feed."""
    ids = [i for e, i in records if e == "person"]
    found = {i for e, i in records if e == "household"}
    for part in _chunks(ids):
        found.update(conn.scalars(select(Person.household_id).where(Person.id.in_(part))))
    return found


def set_state(conn: Connection, values: Mapping[str, str]) -> None:
    """Write sync state (cursor, scope) in the caller's transaction."""
    if values:
        stmt = insert(SyncState)
        conn.execute(
            stmt.on_conflict_do_update(index_elements=["key"], set_={"value": stmt.excluded.value}),
            [{"key": k, "value": v} for k, v in values.items()],
        )


def apply_page(
    db: Database,
    records: Sequence[Pulled],
    gone: Sequence[tuple[str, str]] = (),
    conflicts: Sequence[Mapping[str, Any]] = (),
    state: Mapping[str, str] | None = None,
) -> Applied:
    """Apply one page of pulled records, departures and conflicts with its new sync state."""
    with _without_foreign_keys(db) as conn, conn.begin():
        keys = [(r.entity, r.id) for r in records] + list(gone)
        pending = pending_fields(conn, [i for _, i in keys])
        touched = _households_of(conn, keys)
        by_entity: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for record in records:
            model = MODEL_BY_ENTITY.get(record.entity)
            if model is not None:  # an entity of a newer server: ignored
                by_entity[record.entity].append(_row(model, record))
        kept = 0
        for model in SYNCED_MODELS:
            rows = by_entity.get(model.entity)
            if not rows:
                continue
            if model is Person:
                _park_persons(conn, rows)
            kept += _write(conn, model, rows, pending)
        removed = 0
        for entity, record_id in gone:
            model = MODEL_BY_ENTITY.get(entity)
            if model is None or record_id in pending:
                continue
            table = model.__table__  # type: ignore[attr-defined]
            removed += conn.execute(delete(table).where(table.c.id == record_id)).rowcount
        touched |= _households_of(conn, keys)
        search.reindex_households(conn, touched)
        record_conflicts(conn, conflicts)
        set_state(conn, state or {})
    return Applied(received=len(records), removed=removed, kept=kept)


def record_conflicts(conn: Connection, conflicts: Sequence[Mapping[str, Any]]) -> None:
    """Add or update conflicts as the server reports them; a local, unsent resolution stays."""
    for item in conflicts:
        local = conn.execute(
            select(SyncConflict.state, SyncConflict.unsent).where(SyncConflict.id == item["id"])
        ).first()
        if local is None:
            conn.execute(insert(SyncConflict).values(resolved_value=None, **item))
        elif not local.unsent:
            conn.execute(
                update(SyncConflict)
                .where(SyncConflict.id == item["id"])
                .values({k: v for k, v in item.items() if k != "id"})
            )
