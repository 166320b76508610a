"""Applying the server's changes on the laptop: one page in one transaction, with its cursor.

This is the one writer of synced records besides `changes`, and it writes no
outbox rows by design (the change came from the server). A local field with a
pending or refused op keeps its local value; a record that left the user's
scope is removed unless it has such ops. Foreign keys are off while a page is
applied: the server sends records in the order of their last change, so a
person may arrive before the household it was moved into; the server keeps
them consistent. The search index follows every page, but for a bulk load (a
first sync), which builds it once at the end. The records are turned into the
rows the driver stores (`prepare`) before the page's transaction, so that a
sync can do that on another thread while the previous page is written.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Date, DateTime, delete, select, update
from sqlalchemy.dialects.sqlite import insert

from app.store import search, summary
from app.store.base import BOOKKEEPING_COLUMNS
from app.store.conflicts import SyncConflict
from app.store.database import Database
from app.store.outbox import OutboxOp, SyncState
from app.store.registry import Person
from app.store.schema import MODEL_BY_ENTITY, SYNCED_MODELS
from app.store.work import FormResponse

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


#: SQLite's default: the WAL is written into the database past this many pages
AUTOCHECKPOINT = 1000


@contextmanager
def _without_foreign_keys(db: Database, *, bulk: bool = False) -> Iterator[Connection]:
    with db.engine.connect() as conn:
        # outside a transaction (SQLite ignores this pragma inside one). NORMAL: a page lost
        # to a power cut is lost with its cursor, and simply pulled again.
        conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
        conn.exec_driver_sql("PRAGMA synchronous = NORMAL")
        if bulk:  # a bulk load writes the WAL into the database once at the end, not per page
            conn.exec_driver_sql("PRAGMA wal_autocheckpoint = 0")
        conn.commit()
        try:
            yield conn
        finally:
            conn.rollback()
            conn.exec_driver_sql("PRAGMA foreign_keys = ON")
            conn.exec_driver_sql("PRAGMA synchronous = FULL")
            conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT}")
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


#: the bookkeeping columns, in the order they follow a table's fields in its driver rows
WIRE_BOOKKEEPING = ("id", "rev", "deleted", "updated_at", "updated_by")


@dataclass(frozen=True)
class _Table:
    """How a table's rows go to the driver: the upsert, its columns (the fields, then
    `WIRE_BOOKKEEPING`) and a converter for each column that needs one (wire -> driver)."""

    name: str
    upsert: str
    names: tuple[str, ...]
    fields: tuple[str, ...]
    convert: tuple[tuple[int, Callable[[Any], Any]], ...]
    #: date and time fields: wire -> Python (for rows that go through SQLAlchemy)
    parse: tuple[tuple[str, Callable[[Any], Any]], ...]


def _stored_datetime(bind: Callable[[Any], Any] | None) -> Callable[[Any], Any]:
    """Wire time -> the text SQLAlchemy's SQLite dialect stores for it (the laptop's database),
    written directly: much faster than through the type."""

    def convert(value: Any) -> Any:
        moment = _datetime(value)
        if moment is not None and moment.tzinfo is None:
            return moment.isoformat(" ", "microseconds")
        return bind(moment) if bind is not None else moment

    return convert


def _stored_date(bind: Callable[[Any], Any] | None) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        day = _date(value)
        if day is not None:
            return day.isoformat()
        return bind(day) if bind is not None else day

    return convert


def row_columns(model: Any) -> tuple[str, ...]:
    """The columns of a table's driver rows, in order: its fields, then `WIRE_BOOKKEEPING`."""
    table = model.__table__
    fields = tuple(c.name for c in table.columns if c.name not in BOOKKEEPING_COLUMNS)
    return fields + WIRE_BOOKKEEPING


@functools.cache
def _table(model: Any, dialect: Any) -> _Table:
    table = model.__table__
    fields = tuple(c.name for c in table.columns if c.name not in BOOKKEEPING_COLUMNS)
    names = fields + WIRE_BOOKKEEPING
    convert: list[tuple[int, Callable[[Any], Any]]] = []
    parse: list[tuple[str, Callable[[Any], Any]]] = []
    for i, name in enumerate(names):
        column = table.columns[name]
        bind = column.type.dialect_impl(dialect).bind_processor(dialect)
        if isinstance(column.type, DateTime):
            parse.append((name, _datetime))
            convert.append((i, _stored_datetime(bind)))
        elif isinstance(column.type, Date):
            parse.append((name, _date))
            convert.append((i, _stored_date(bind)))
        elif bind is not None:
            convert.append((i, bind))
    quoted = [f'"{n}"' for n in names]
    upsert = (
        f'INSERT INTO "{table.name}" ({", ".join(quoted)}) VALUES ({", ".join("?" for _ in names)})'
        " ON CONFLICT (id) DO UPDATE SET "
        + ", ".join(f"{q} = excluded.{q}" for q, n in zip(quoted, names, strict=True) if n != "id")
    )
    return _Table(table.name, upsert, names, fields, tuple(convert), tuple(parse))


@dataclass
class Prepared:
    """A page's records turned into driver rows, grouped by entity, before the transaction that
    writes them (a sync prepares the next page on its fetching thread meanwhile)."""

    #: (entity, id) of every record, known entities or not
    keys: list[tuple[str, str]] = field(default_factory=list)
    #: entity -> rows with every column, as the driver stores them
    full: dict[str, list[list[Any]]] = field(default_factory=dict)
    #: entity -> rows lacking some column (an older server), as Python values
    partial: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def prepare(records: Iterable[Mapping[str, Any]], dialect: Any) -> Prepared:
    """Turn records in their wire shape (the JSON of `PulledRecord`: entity, id, rev, deleted,
    updated_at, updated_by, fields) into driver rows."""
    out = Prepared()
    tables: dict[str, _Table | None] = {}
    for record in records:
        entity = record["entity"]
        out.keys.append((entity, record["id"]))
        if entity not in tables:
            model: Any = MODEL_BY_ENTITY.get(entity)  # an entity of a newer server: ignored
            tables[entity] = _table(model, dialect) if model is not None else None
        spec = tables[entity]
        if spec is None:
            continue
        fields = record["fields"]
        try:
            values = [fields[n] for n in spec.fields]
        except KeyError:  # an older server without some field: the defaults fill it
            row = {n: v for n, v in fields.items() if n in spec.fields}
            row.update((n, record[n]) for n in WIRE_BOOKKEEPING)
            for name, wire in spec.parse:
                if name in row:
                    row[name] = wire(row[name])
            out.partial.setdefault(entity, []).append(row)
            continue
        values += (
            record["id"],
            record["rev"],
            record["deleted"],
            record["updated_at"],
            record["updated_by"],
        )
        for i, convert in spec.convert:
            values[i] = convert(values[i])
        out.full.setdefault(entity, []).append(values)
    return out


def _wire(record: Pulled) -> dict[str, Any]:
    return {
        "entity": record.entity,
        "id": record.id,
        "rev": record.rev,
        "deleted": record.deleted,
        "updated_at": record.updated_at,
        "updated_by": record.updated_by,
        "fields": record.fields,
    }


def _park_persons(conn: Connection, rows: Sequence[tuple[str, bool, Any, Any]]) -> None:
    """Make room for the persons of a page under the live-unique ID and certificate numbers.

    `rows`: (id, deleted, id_number, cert_number). The page's persons already here are
    parked (deleted) until they are written back, so numbers that moved between them
    never clash; a local person holding a number the server gave to another (a duplicate
    the server refused) is marked deleted: its refused op keeps what was typed.
    """
    conn.exec_driver_sql(
        "CREATE TEMP TABLE IF NOT EXISTS pulled_person"
        " (id TEXT PRIMARY KEY, id_number TEXT, cert_number TEXT)"
    )
    conn.exec_driver_sql("DELETE FROM pulled_person")
    conn.exec_driver_sql(
        "INSERT INTO pulled_person VALUES (?, ?, ?)",
        [
            (i, None if deleted else id_number, None if deleted else (cert_number or None))
            for i, deleted, id_number, cert_number in rows
        ],
    )
    conn.exec_driver_sql(
        "UPDATE person SET deleted = 1 WHERE deleted = 0 AND ("
        " id IN (SELECT id FROM pulled_person)"
        " OR id_number IN (SELECT id_number FROM pulled_person)"
        " OR (cert_number <> '' AND cert_number IN (SELECT cert_number FROM pulled_person)))"
    )


def _person_numbers(
    spec: _Table, full: Sequence[Sequence[Any]], partial: Sequence[Mapping[str, Any]]
) -> list[tuple[str, bool, Any, Any]]:
    at = {n: spec.names.index(n) for n in ("id", "deleted", "id_number", "cert_number")}
    rows = [
        (r[at["id"]], bool(r[at["deleted"]]), r[at["id_number"]], r[at["cert_number"]])
        for r in full
    ]
    rows += [
        (r["id"], bool(r["deleted"]), r.get("id_number"), r.get("cert_number")) for r in partial
    ]
    return rows


def _write(
    conn: Connection,
    model: Any,
    full: list[list[Any]],
    partial: list[dict[str, Any]],
    pending: Mapping[str, set[str]],
) -> int:
    table = model.__table__
    spec = _table(model, conn.dialect)
    at_id = spec.names.index("id")
    kept = 0
    if pending:
        waiting = [r for r in full if r[at_id] in pending]
        full = [r for r in full if r[at_id] not in pending]
    else:
        waiting = []
    if full:
        conn.exec_driver_sql(spec.upsert, [tuple(r) for r in full])
    for values in waiting:  # local pending fields keep their values
        kept += 1
        local = pending[values[at_id]]
        keep = [i for i, n in enumerate(spec.names) if n not in local and n != "id"]
        sets = ", ".join(f'"{spec.names[i]}" = ?' for i in keep)
        result = conn.exec_driver_sql(
            f'UPDATE "{spec.name}" SET {sets} WHERE id = ?',
            (*[values[i] for i in keep], values[at_id]),
        )
        if result.rowcount == 0:
            conn.exec_driver_sql(spec.upsert, tuple(values))
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for r in partial:
        if r["id"] not in pending:
            groups[tuple(sorted(r))].append(r)
    for group in groups.values():
        stmt = insert(table)
        columns = [c for c in group[0] if c != "id"]
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=["id"], set_={c: stmt.excluded[c] for c in columns}
            ),
            group,
        )
    for r in partial:
        mine = pending.get(r["id"])
        if mine is None:
            continue
        kept += 1
        kept_values = {k: v for k, v in r.items() if k not in mine and k != "id"}
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
    prepared = prepare([_wire(r) for r in records], db.engine.dialect)
    return apply_prepared(db, prepared, gone, conflicts, state, reindex=reindex)


def _has_pending(conn: Connection) -> bool:
    return bool(conn.exec_driver_sql("SELECT EXISTS (SELECT 1 FROM outbox)").scalar_one())


def apply_prepared(
    db: Database,
    page: Prepared,
    gone: Sequence[tuple[str, str]] = (),
    conflicts: Sequence[Mapping[str, Any]] = (),
    state: Mapping[str, str] | None = None,
    *,
    reindex: bool = True,
) -> Applied:
    """`apply_page` for records already turned into driver rows (`prepare`). Without `reindex`
    (a bulk load) the WAL also waits for the end (`rebuild_search`)."""
    with _without_foreign_keys(db, bulk=not reindex) as conn, conn.begin():
        keys = page.keys + list(gone)
        # an empty outbox (a first sync, most syncs) has nothing to keep: no lookups
        pending = pending_fields(conn, [i for _, i in keys]) if _has_pending(conn) else {}
        touched = _households_of(conn, keys) if reindex else set()
        kept = 0
        for model in SYNCED_MODELS:
            full = page.full.get(model.entity, [])
            partial = page.partial.get(model.entity, [])
            if not full and not partial:
                continue
            if model is Person:
                _park_persons(conn, _person_numbers(_table(Person, conn.dialect), full, partial))
            kept += _write(conn, model, full, partial, pending)
        removed = 0
        for entity, record_id in gone:
            leaving = MODEL_BY_ENTITY.get(entity)
            if leaving is None or record_id in pending:
                continue
            table = leaving.__table__  # type: ignore[attr-defined]
            removed += conn.execute(delete(table).where(table.c.id == record_id)).rowcount
        # the responses' summaries: worked out from the rows at hand, read back only for
        # those written otherwise (local pending fields kept, an older server's partial
        # rows) or gone
        responses = [i for e, i in keys if e == FormResponse.entity]
        if responses:
            made = summary.from_driver_rows(
                row_columns(FormResponse), page.full.get(FormResponse.entity, []), pending
            )
            summary.put_driver_rows(conn, made)
            at_id = summary.COLUMNS.index("id")
            written = {r[at_id] for r in made}
            summary.refresh(conn, [i for i in responses if i not in written])
        if reindex:
            touched |= _households_of(conn, keys)
            search.reindex_households(conn, touched)
        record_conflicts(conn, conflicts)
        set_state(conn, state or {})
    return Applied(received=len(page.keys), removed=removed, kept=kept)


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
    """Rebuild the whole search index (after a first sync), with sync state, in one transaction;
    then write the WAL the bulk load left into the database."""
    with db.engine.begin() as conn:
        search.rebuild(conn)
        set_state(conn, state or {})
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
