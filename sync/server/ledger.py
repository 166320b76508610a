"""The ledger: the global sequence, and writing one record change with all its bookkeeping.

Every change the server accepts (a laptop's op, an admin's command, a roster
import) goes through `write_change`: the record itself, its index row (scope
and sequence), the sequence of each changed field, and a change log row with the
new values. A change of scope is passed on to the records below (`cascade`), so
pulls send them to their new readers and tell the old ones they left.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, and_, bindparam, event, insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.store import summary
from app.store.base import Synced, utcnow
from app.store.changes import to_wire
from app.store.schema import MODEL_BY_ENTITY
from app.store.work import FormResponse
from sync.server import scope
from sync.server.tables import ChangeLog, FieldSeq, RecordIndex, SeqCounter


@dataclass(frozen=True)
class Author:
    """Who made a change: the user, the laptop (client id, "" for the server), the op."""

    username: str
    origin: str = ""
    op_id: str | None = None


def ensure_counter(session: Session) -> None:
    if session.get(SeqCounter, 1) is None:
        session.add(SeqCounter(id=1, value=0))
        session.flush()


@dataclass
class _Counter:
    """The sequence as this transaction holds it: taken from memory, written back at commit."""

    value: int
    written: int


_COUNTER = "fieldvisit.seq"
_FIELD_SEQS = "fieldvisit.field_seqs"
_PENDING = "fieldvisit.pending_field_seqs"
_DEFERRED = "fieldvisit.deferred_rows"
#: set in a session that works a push out before its write turn (`sync.server.prepare`)
DRY = "fieldvisit.dry"
_CREATED = "fieldvisit.created"


class NeedsTurn(Exception):
    """A change that cannot be worked out ahead (it moves records, or builds on a record
    made earlier in the same push): it is made in the write turn instead."""


def is_dry(session: Session) -> bool:
    """Whether the session only works changes out: nothing it does is written."""
    return bool(session.info.get(DRY))


def created_ids(session: Session) -> set[str]:
    """The ids of the records a dry session has created so far."""
    created: set[str] = session.info.setdefault(_CREATED, set())
    return created


def lock(session: Session) -> int:
    """Lock the sequence row for this transaction; call it first in every writing transaction.

    From then on `allocate` hands out numbers from memory and the new top is written
    back just before the transaction commits (one UPDATE however many changes)."""
    counter = session.info.get(_COUNTER)
    if isinstance(counter, _Counter):
        return counter.value
    value = int(session.execute(_TOP if is_dry(session) else _TOP_LOCKED).scalar_one())
    session.info[_COUNTER] = _Counter(value, value)
    return value


_TOP = select(SeqCounter.value).where(SeqCounter.id == 1)
_TOP_LOCKED = _TOP.with_for_update()


@event.listens_for(Session, "before_commit")
def _write_counter(session: Session) -> None:
    if session.in_nested_transaction():
        return
    write_pending(session)
    counter = session.info.get(_COUNTER)
    if not isinstance(counter, _Counter):
        return
    if counter.value != counter.written:
        session.execute(update(SeqCounter).where(SeqCounter.id == 1).values(value=counter.value))
        counter.written = counter.value


@event.listens_for(Session, "after_transaction_end")
def _forget_counter(session: Session, transaction: Any) -> None:
    # committed or rolled back: the next transaction locks and reads again (the numbers
    # of a rolled-back savepoint are a gap in the sequence, which pulls do not mind)
    if transaction.parent is None:
        session.info.pop(_COUNTER, None)
        session.info.pop(_FIELD_SEQS, None)
        session.info.pop(_PENDING, None)
        session.info.pop(_DEFERRED, None)
        session.info.pop(_CREATED, None)


def allocate(session: Session, count: int = 1) -> int:
    """Take `count` new sequence numbers; returns the first."""
    counter = session.info.get(_COUNTER)
    if isinstance(counter, _Counter):
        counter.value += count
        return counter.value - count + 1
    top = session.execute(
        update(SeqCounter)
        .where(SeqCounter.id == 1)
        .values(value=SeqCounter.value + count)
        .returning(SeqCounter.value)
    ).scalar_one()
    return int(top) - count + 1


def current(session: Session) -> int:
    counter = session.info.get(_COUNTER)
    if isinstance(counter, _Counter):
        return counter.value
    return int(session.execute(_TOP).scalar_one())


def _multi_row(session: Session) -> bool:
    """Whether many rows go in one statement, as one JSON document (`Rows.write`): on
    PostgreSQL, where an executemany sends, binds and runs a statement per row. SQLite's
    executemany loops in C, cheaply."""
    return session.get_bind().dialect.name == "postgresql"


_PG = postgresql.dialect()  # type: ignore[no-untyped-call]


def _q(name: str) -> str:
    return _PG.identifier_preparer.quote(name)


def _list(names: Sequence[str]) -> str:
    return ", ".join(_q(n) for n in names)


def _document(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a column value")


def _with_defaults(table: Table, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The rows with the column defaults set in Python (a plain statement does not add them)."""
    missing = [
        c
        for c in table.columns
        if c.name not in rows[0]
        and c.default is not None
        and (c.default.is_scalar or c.default.is_callable)
    ]
    if not missing:
        return [dict(r) for r in rows]
    out = []
    for row in rows:
        full = dict(row)
        for c in missing:
            default: Any = c.default
            full[c.name] = default.arg(None) if default.is_callable else default.arg
        out.append(full)
    return out


@dataclass
class Rows:
    """Rows of several tables written at once: each list's rows set the same columns.

    On PostgreSQL every list is one statement, and all of them go in one statement (a
    WITH of data-modifying statements, which PostgreSQL runs each once): one round trip.
    Lists must not touch the same row twice. On SQLite, a statement each (executemany).
    """

    #: table, rows (inserted in this order: parents first)
    inserts: list[tuple[Table, Sequence[Mapping[str, Any]]]] = field(default_factory=list)
    #: table, key columns, rows (key and new values)
    updates: list[tuple[Table, tuple[str, ...], Sequence[Mapping[str, Any]]]] = field(
        default_factory=list
    )
    #: table, key columns, rows inserted or, when their key is there, updated
    upserts: list[tuple[Table, tuple[str, ...], Sequence[Mapping[str, Any]]]] = field(
        default_factory=list
    )

    def write(self, session: Session, *, with_counter: bool = False) -> None:
        """Write the rows; `with_counter` also writes the sequence's new top back in the
        same statement (on PostgreSQL; else it is written at commit as always). The
        responses written get their summaries (`app.store.summary`) in the same turn."""
        self._write(session, with_counter=with_counter)
        written = [*self.inserts, *((table, rows) for table, _keys, rows in self.updates)]
        summary.refresh(
            session.connection(),
            [
                r["id"]
                for table, rows in written
                if table.name == FormResponse.__tablename__
                for r in rows
            ],
        )

    def _write(self, session: Session, *, with_counter: bool) -> None:
        if not _multi_row(session):
            self._write_each(session)
            return
        parts: list[str] = []
        params: dict[str, str] = {}

        def given(table: Table, rows: Sequence[Mapping[str, Any]]) -> str:
            name = f"rows{len(params)}"
            params[name] = json.dumps(list(rows), default=_document, ensure_ascii=False)
            return f"json_populate_recordset(NULL::{_q(table.name)}, CAST(:{name} AS JSON))"

        for table, rows in self.inserts:
            if rows:
                full = _with_defaults(table, rows)
                names = _list(list(full[0]))
                source = given(table, full)
                parts.append(f"INSERT INTO {_q(table.name)} ({names}) SELECT {names} FROM {source}")
        for table, keys, rows in self.updates:
            changed = [n for n in (rows[0] if rows else ()) if n not in keys]
            if changed:
                sets = ", ".join(f"{_q(n)} = given.{_q(n)}" for n in changed)
                match = " AND ".join(f"{_q(table.name)}.{_q(k)} = given.{_q(k)}" for k in keys)
                parts.append(
                    f"UPDATE {_q(table.name)} SET {sets} FROM {given(table, rows)} AS given"
                    f" WHERE {match}"
                )
        for table, keys, rows in self.upserts:
            if rows:
                # one row per key (a statement may not change a row twice): the last given
                last = _with_defaults(
                    table, list({tuple(r[k] for k in keys): r for r in rows}.values())
                )
                names = _list(list(last[0]))
                sets = ", ".join(f"{_q(c)} = excluded.{_q(c)}" for c in last[0] if c not in keys)
                parts.append(
                    f"INSERT INTO {_q(table.name)} ({names}) SELECT {names}"
                    f" FROM {given(table, last)} ON CONFLICT ({_list(keys)}) DO UPDATE SET {sets}"
                )
        counter = session.info.get(_COUNTER)
        top = counter.value if isinstance(counter, _Counter) and with_counter else None
        if top is not None and top != counter.written:  # type: ignore[union-attr]
            parts.append(
                f"UPDATE {_q(SeqCounter.__tablename__)} SET value = {int(top)} WHERE id = 1"
            )
        if not parts:
            return
        *first, last_part = parts
        ahead = ", ".join(f"w{n} AS ({part})" for n, part in enumerate(first))
        session.execute(text(f"WITH {ahead} {last_part}" if first else last_part), params)
        if top is not None:
            counter.written = top  # type: ignore[union-attr]

    def _write_each(self, session: Session) -> None:
        for table, rows in self.inserts:
            if rows:
                session.execute(insert(table), list(rows))
        for table, keys, rows in self.updates:
            changed = [n for n in (rows[0] if rows else ()) if n not in keys]
            if changed:
                where = and_(*(table.c[k] == bindparam(f"key_{k}") for k in keys))
                session.execute(
                    update(table).where(where).values({n: bindparam(n) for n in changed}),
                    [{f"key_{k}" if k in keys else k: v for k, v in r.items()} for r in rows],
                )
        for table, keys, rows in self.upserts:
            if rows:
                stmt = sqlite.insert(table)
                columns = [c for c in rows[0] if c not in keys]
                session.execute(
                    stmt.on_conflict_do_update(
                        index_elements=list(keys), set_={c: stmt.excluded[c] for c in columns}
                    ),
                    list(rows),
                )


def held(session: Session, model: type[Any], key: tuple[Any, ...]) -> Any:
    """`session.get`, looking first in the session's identity map only: a push's records
    are loaded beforehand, and `get`'s own path there costs more than the merge of a field."""
    found = session.identity_map.get((model, key, None))
    return found if found is not None else session.get(model, key)


def write_change(
    session: Session,
    entity: str,
    record_id: str,
    values: Mapping[str, Any],
    *,
    author: Author,
    kind: str = "update",
) -> Synced:
    """Write one change (kind create, update, delete or restore) with its bookkeeping.

    `values` are column values of the Python types (`changes.coerce`); for a create,
    every field the record has. Raises scope.UnknownParent when the record's parent
    is missing, and the database's IntegrityError when a constraint refuses it.
    """
    model = MODEL_BY_ENTITY[entity]
    obj: Synced | None = held(session, model, (record_id,))
    index = held(session, RecordIndex, (entity, record_id))
    seq = allocate(session)
    created = obj is None
    if obj is None:
        if is_dry(session):
            created_ids(session).add(record_id)
        obj = model()
        obj.id = record_id
        session.add(obj)
    for name, value in values.items():
        setattr(obj, name, value)
    changed = list(values)
    if kind in ("delete", "restore"):
        obj.deleted = kind == "delete"
        changed.append("deleted")
    elif created:
        obj.deleted = False
    obj.rev = seq
    obj.updated_at = utcnow()
    obj.updated_by = author.username
    area = scope.area_of(session, entity, {n: getattr(obj, n) for n in scope.area_inputs(entity)})
    from_area = None
    if index is None:
        session.add(
            RecordIndex(
                entity=entity,
                record_id=record_id,
                seq=seq,
                area_code=area,
                created_seq=seq,
                created_origin=author.origin,
            )
        )
    else:
        if index.area_code != area:
            from_area = index.area_code
        index.seq = seq
        index.area_code = area
        # the field sequences are written together at commit (`write_pending`); until
        # then the cache answers for them
        seqs = _record_seqs(session, entity, record_id)
        pending = _pending(session)
        for f in changed:
            seqs[f] = (seq, author.origin)
            pending[(entity, record_id, f)] = {
                "entity": entity,
                "record_id": record_id,
                "field": f,
                "seq": seq,
                "origin": author.origin,
            }
    log = {k: to_wire(v) for k, v in values.items()}
    kind = "create" if created else kind
    _log(session, seq, entity, record_id, kind, log, area, from_area, author)
    if from_area is not None:
        cascade(session, entity, record_id, area, author)
    return obj


def _log(
    session: Session,
    seq: int,
    entity: str,
    record_id: str,
    kind: str,
    fields: Mapping[str, Any],
    area: str | None,
    from_area: str | None,
    author: Author,
) -> None:
    """A change log row, inserted with the others at `write_pending`."""
    row = {"seq": seq, "entity": entity, "record_id": record_id, "kind": kind, "fields": fields}
    row |= {"area_code": area, "from_area": from_area, "username": author.username}
    row |= {"origin": author.origin, "op_id": author.op_id}
    defer(session, ChangeLog.__table__, row)  # type: ignore[arg-type]


def cascade(
    session: Session, entity: str, record_id: str, area: str | None, author: Author
) -> None:
    """Give the records below a record its new scope, each with a new sequence number."""
    if is_dry(session):
        raise NeedsTurn(f"{entity} {record_id} moves")
    for child, child_id in scope.children(session, entity, record_id):
        index = session.get(RecordIndex, (child, child_id))
        if index is None or index.area_code == area:
            continue
        seq = allocate(session)
        _log(session, seq, child, child_id, "rescope", {}, area, index.area_code, author)
        index.seq = seq
        index.area_code = area
        model = MODEL_BY_ENTITY[child]
        session.execute(update(model).where(model.id == child_id).values(rev=seq))
        session.flush()
        cascade(session, child, child_id, area, author)


def _cached_seqs(session: Session) -> dict[tuple[str, str], dict[str, tuple[int, str]]]:
    cache = session.info.get(_FIELD_SEQS)
    if cache is None:
        cache = session.info[_FIELD_SEQS] = {}
    return cache


def _pending(session: Session) -> dict[tuple[str, str, str], dict[str, Any]]:
    pending = session.info.get(_PENDING)
    if pending is None:
        pending = session.info[_PENDING] = {}
    return pending


def forget_cached(session: Session) -> None:
    """Forget the field sequences read so far (statements written past the session may
    have changed them)."""
    session.info.pop(_FIELD_SEQS, None)


def defer(session: Session, table: Table, row: Mapping[str, Any]) -> None:
    """Insert a row with the others of its table at `write_pending` (at the latest at
    commit): many rows in one statement, and no ORM object for each."""
    deferred: dict[Table, list[Mapping[str, Any]]] = session.info.setdefault(_DEFERRED, {})
    deferred.setdefault(table, []).append(row)


def write_pending(session: Session) -> None:
    """Write the field sequences and deferred rows of the changes made so far (a dry
    session keeps them, for `take_pending`)."""
    if is_dry(session):
        return
    pending = session.info.pop(_PENDING, None)
    deferred: dict[Table, list[Mapping[str, Any]]] | None = session.info.pop(_DEFERRED, None)
    rows = Rows(inserts=list((deferred or {}).items()))
    if pending:
        key = ("entity", "record_id", "field")
        rows.upserts.append((FieldSeq.__table__, key, list(pending.values())))  # type: ignore[arg-type]
    rows.write(session)


def take_pending(
    session: Session,
) -> tuple[list[dict[str, Any]], dict[Table, list[Mapping[str, Any]]]]:
    """The unwritten field sequence rows and deferred rows, taken out of the session."""
    pending = session.info.pop(_PENDING, None) or {}
    deferred = session.info.pop(_DEFERRED, None) or {}
    return list(pending.values()), deferred


def discard_pending(session: Session) -> None:
    """Forget unwritten rows and the cache (after a savepoint rolled back)."""
    session.info.pop(_PENDING, None)
    session.info.pop(_DEFERRED, None)
    session.info.pop(_FIELD_SEQS, None)


def prefetch_field_seqs(session: Session, keys: Iterable[tuple[str, str]]) -> None:
    """Read the field sequences of many records at once (a push reads them record by record)."""
    cache = _cached_seqs(session)
    by_entity: dict[str, set[str]] = {}
    for entity, record_id in keys:
        if (entity, record_id) not in cache:
            by_entity.setdefault(entity, set()).add(record_id)
    for entity, ids in by_entity.items():
        for record_id in ids:
            cache[(entity, record_id)] = {}
        rows = session.execute(_FIELD_SEQS_OF, {"entity": entity, "ids": sorted(ids)})
        for record_id, name, seq, origin in rows:
            cache[(entity, record_id)][name] = (seq, origin)


#: statements built once (building and keying a statement costs more than running it)
_FIELD_SEQS_OF = select(FieldSeq.record_id, FieldSeq.field, FieldSeq.seq, FieldSeq.origin).where(
    FieldSeq.entity == bindparam("entity"), FieldSeq.record_id.in_(bindparam("ids", expanding=True))
)


def _record_seqs(session: Session, entity: str, record_id: str) -> dict[str, tuple[int, str]]:
    """The cached (and so current, pending ones included) field sequences of one record."""
    cache = _cached_seqs(session)
    found = cache.get((entity, record_id))
    if found is None:
        rows = session.execute(
            select(FieldSeq.field, FieldSeq.seq, FieldSeq.origin).where(
                FieldSeq.entity == entity, FieldSeq.record_id == record_id
            )
        )
        found = cache[(entity, record_id)] = {field: (seq, origin) for field, seq, origin in rows}
    return found


def field_seqs(session: Session, entity: str, record_id: str) -> dict[str, tuple[int, str]]:
    """The sequence and origin of the last change of each field changed since creation."""
    return dict(_record_seqs(session, entity, record_id))


def value_at(session: Session, entity: str, record_id: str, field: str, seq: int) -> Any:
    """A field's value as of sequence `seq` (the conflict's base), from the change log."""
    write_pending(session)
    rows = session.scalars(
        select(ChangeLog)
        .where(
            ChangeLog.entity == entity,
            ChangeLog.record_id == record_id,
            ChangeLog.seq <= seq,
        )
        .order_by(ChangeLog.seq.desc())
    )
    for row in rows:
        if field == "deleted" and row.kind in ("create", "delete", "restore"):
            return row.kind == "delete"
        if field in row.fields:
            return row.fields[field]
    return None
