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

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Date, DateTime, delete, select, update
from sqlalchemy.dialects.sqlite import insert

from app.store import search
from app.store.base import BOOKKEEPING_COLUMNS
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
        # outside a transaction (SQLite ignores this pragma inside one). NORMAL: a page lost
        # to a power cut is lost with its cursor, and simply pulled again.
        conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
        conn.exec_driver_sql("PRAGMA synchronous = NORMAL")
        conn.commit()
        try:
            yield conn
        finally:
            conn.rollback()
            conn.exec_driver_sql("PRAGMA foreign_keys = ON")
            conn.exec_driver_sql("PRAGMA synchronous = FULL")
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


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _datetime(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@functools.cache
def _columns(model: Any) -> tuple[frozenset[str], dict[str, Callable[[Any], Any]]]:
    """A model's field names, and a converter for each date and time field (wire -> Python)."""
    names = frozenset(c.name for c in model.__table__.columns) - BOOKKEEPING_COLUMNS
    convert: dict[str, Callable[[Any], Any]] = {}
    for column in model.__table__.columns:
        if isinstance(column.type, DateTime):
            convert[column.name] = _datetime
        elif isinstance(column.type, Date):
            convert[column.name] = _date
    return names, convert


def _row(model: Any, record: Pulled) -> dict[str, Any]:
    names, convert = _columns(model)
    row = {n: v for n, v in record.fields.items() if n in names}
    for name, fn in convert.items():
        if name in row:
            row[name] = fn(row[name])
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

    The page's persons already here are parked (deleted) until they are written back, so
    numbers that moved between them never clash; a local person holding a number the
    server gave to another (a duplicate the server refused) is marked deleted: its
    refused op keeps what was typed.
    """
    conn.exec_driver_sql(
        "CREATE TEMP TABLE IF NOT EXISTS pulled_person"
        " (id TEXT PRIMARY KEY, id_number TEXT, cert_number TEXT)"
    )
    conn.exec_driver_sql("DELETE FROM pulled_person")
    conn.exec_driver_sql(
        "INSERT INTO pulled_person VALUES (?, ?, ?)",
        [
            (r["id"], None if r["deleted"] else r.get("id_number"),
             None if r["deleted"] else (r.get("cert_number") or None))
            for r in rows
        ],
    )  # fmt: skip
    conn.exec_driver_sql(
        "UPDATE person SET deleted = 1 WHERE deleted = 0 AND ("
        " id IN (SELECT id FROM pulled_person)"
        " OR id_number IN (SELECT id_number FROM pulled_person)"
        " OR (cert_number <> '' AND cert_number IN (SELECT cert_number FROM pulled_person)))"
    )


@functools.cache
def _upsert(model: Any, dialect: Any) -> tuple[str, tuple[str, ...], tuple[tuple[int, Any], ...]]:
    """The upsert statement of a table, its columns, and each column's bind processor."""
    table = model.__table__
    names = tuple(c.name for c in table.columns)
    processors = tuple(
        (i, p) for i, c in enumerate(table.columns) if (p := c.type.bind_processor(dialect))
    )
    quoted = [f'"{n}"' for n in names]
    sql = (
        f'INSERT INTO "{table.name}" ({", ".join(quoted)}) VALUES ({", ".join("?" for _ in names)})'
        f" ON CONFLICT (id) DO UPDATE SET "
        + ", ".join(f"{q} = excluded.{q}" for q, n in zip(quoted, names, strict=True) if n != "id")
    )
    return sql, names, processors


def _write(
    conn: Connection, model: Any, rows: list[dict[str, Any]], pending: Mapping[str, set[str]]
) -> int:
    table = model.__table__
    sql, names, processors = _upsert(model, conn.dialect)
    full: list[tuple[Any, ...]] = []
    partial: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if r["id"] in pending:
            continue
        if len(r) == len(names):  # every column: straight to the driver (a first sync's bulk)
            values = [r[n] for n in names]
            for i, process in processors:
                values[i] = process(values[i])
            full.append(tuple(values))
        else:  # an older server without some column: the defaults fill it
            partial[tuple(sorted(r))].append(r)
    if full:
        conn.exec_driver_sql(sql, full)
    for group in partial.values():
        stmt = insert(table)
        columns = [c for c in group[0] if c != "id"]
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=["id"], set_={c: stmt.excluded[c] for c in columns}
            ),
            group,
        )
    kept = 0
    for r in rows:
        local = pending.get(r["id"])
        if local is None:
            continue
        kept += 1
        kept_values = {k: v for k, v in r.items() if k not in local and k != "id"}
        result = conn.execute(update(table).where(table.c.id == r["id"]).values(**kept_values))
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
    *,
    reindex: bool = True,
) -> Applied:
    """Apply one page of pulled records, departures and conflicts with its new sync state.

    Without `reindex` the search index is left behind (a first sync rebuilds it once at
    the end, `rebuild_search`, rather than page by page).
    """
    with _without_foreign_keys(db) as conn, conn.begin():
        keys = [(r.entity, r.id) for r in records] + list(gone)
        pending = pending_fields(conn, [i for _, i in keys])
        touched = _households_of(conn, keys) if reindex else set()
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
        if reindex:
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


def rebuild_search(db: Database, state: Mapping[str, str] | None = None) -> None:
    """Rebuild the whole search index (after a first sync), with sync state, in one transaction."""
    with db.engine.begin() as conn:
        search.rebuild(conn)
        set_state(conn, state or {})
