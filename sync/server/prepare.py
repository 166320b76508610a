"""A push worked out before its write turn, then written in a short one.

The server writes one transaction at a time: SQLite has a single writer, and on
PostgreSQL every writer locks the sequence row. Most of a push's time goes to
reading (its records, index rows, field sequences and receipts) and merging
(each field, the form checks), not to writing. So a push is first worked out
outside the turn, on a snapshot (`prepare`): the usual merge runs in a session
that writes nothing (`ledger.DRY`), and what it would have written is taken out
of the session as rows, numbered from the sequence as the snapshot saw it.

In the turn (`Prepared.write`), every record the merge read is checked
unchanged since the snapshot (each change of a record moves its index row's
sequence), the rows' sequence numbers are moved up to the current top, and
they are written, a few statements in all. When a record changed meanwhile, a
row breaks a constraint (a duplicate ID number, a receipt sent twice at once),
or the push cannot be worked out ahead (it moves a household, or changes a
record made earlier in the same push), the push is merged in the turn as before
(`merge.apply_batch`). Either way the outcome is the same.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, bindparam, event, inspect, select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from app.store.base import Synced
from app.store.schema import SYNCED_MODELS
from sync.protocol import Op, Receipt
from sync.server import ledger, merge
from sync.server.auth import Actor
from sync.server.db import ServerDatabase
from sync.server.tables import FieldSeq, OpReceipt, RecordIndex, ServerBase

_SEEN = "fieldvisit.seen"
#: a record read twice at different sequences: the check can only fail
_TORN = -1
#: ids per IN list
_CHUNK = 500
_RECORD_TABLES: dict[str, Table] = {m.__table__.name: m.__table__ for m in SYNCED_MODELS}  # type: ignore[attr-defined]
#: the tables by name (a prepared push travels by name to the process that writes it)
_TABLES: dict[str, Table] = {**ServerBase.metadata.tables, **_RECORD_TABLES}
#: columns holding sequence numbers: a record's `rev`; the server tables' `seq`, `created_seq`
_RECORD_SEQS = ("rev",)
_SERVER_SEQS = ("seq", "created_seq")
_ORDER = {m.__table__.name: n for n, m in enumerate(SYNCED_MODELS)}  # type: ignore[attr-defined]


def _saw(session: Session, entity: str, record_id: str, seq: int) -> None:
    seen: dict[tuple[str, str], int] = session.info[_SEEN]
    key = (entity, record_id)
    seen[key] = seq if seen.get(key, seq) == seq else _TORN


def _loaded(session: Session, obj: Any) -> None:
    """Note the sequence of each record (or index row) a dry session reads."""
    if isinstance(obj, Synced):
        _saw(session, obj.entity, obj.id, obj.rev)
    elif isinstance(obj, RecordIndex):
        _saw(session, obj.entity, obj.record_id, obj.seq)


@dataclass
class Prepared:
    """A push's rows and receipts, numbered from the sequence `base` the snapshot saw."""

    base: int
    count: int
    receipts: list[Receipt]
    #: (entity, id) -> the sequence of the record's last change when read
    seen: dict[tuple[str, str], int]
    #: table name, rows (of any columns: `together` groups them by columns)
    inserts: list[tuple[str, list[dict[str, Any]]]]
    #: table name, its key columns, rows of key and changed values (the same)
    updates: list[tuple[str, tuple[str, ...], list[dict[str, Any]]]]
    field_seqs: list[dict[str, Any]]

    def write(self, session: Session) -> list[Receipt] | None:
        """Write the push in the caller's writing transaction; None (and nothing written)
        when it must be merged again (`merge.apply_batch`)."""
        ledger.lock(session)
        savepoint = session.begin_nested()
        try:
            [receipts], rows = together(session, [self])
            rows.write(session)
        except OperationalError:
            raise  # the database is busy or gone, not this push's fault
        except DBAPIError:
            savepoint.rollback()
            return None
        savepoint.commit()
        return receipts

    def written(self) -> set[tuple[str, str]]:
        """The records (entity, id) whose index rows this push writes."""
        index = RecordIndex.__tablename__
        rows = [r for name, rows in self.inserts if name == index for r in rows]
        rows += [r for name, _keys, rows in self.updates if name == index for r in rows]
        return {(r["entity"], r["record_id"]) for r in rows}

    def _moved(self, table: Table, row: Mapping[str, Any], shift: int) -> dict[str, Any]:
        """A row with its sequence numbers moved from the snapshot's to the turn's."""
        moved = dict(row)
        for name in _RECORD_SEQS if table.name in _RECORD_TABLES else _SERVER_SEQS:
            if name in moved:
                moved[name] = _up(moved[name], self.base, shift)
        if table.name == OpReceipt.__tablename__:
            body = dict(moved["body"])
            body["rev"] = _up(body.get("rev"), self.base, shift)
            moved["body"] = body
        return moved


def together(
    session: Session, pushes: Sequence[Prepared]
) -> tuple[list[list[Receipt] | None], ledger.Rows]:
    """Prepared pushes numbered for the caller's writing transaction, the rows of all of
    them to be written at once (`ledger.Rows`, one statement per table and set of
    columns): each push's receipts, or None for a push to be merged again, nothing of it
    in the rows (a record it read changed since its snapshot, also by a push before it
    here). Writing the rows may raise what the database raises (a constraint): the
    caller then writes the pushes one at a time to find which one it was."""
    ledger.lock(session)
    now = _index_seqs(session, [key for p in pushes for key in p.seen])
    inserts: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = {}
    updates: dict[tuple[str, tuple[str, ...], tuple[str, ...]], list[dict[str, Any]]] = {}
    field_seqs: list[dict[str, Any]] = []
    answers: list[list[Receipt] | None] = []
    for push in pushes:
        if any(now.get(key) != seq for key, seq in push.seen.items()):
            answers.append(None)
            continue
        shift = ledger.current(session) - push.base
        if push.count:
            ledger.allocate(session, push.count)
        for name, rows in push.inserts:
            table = _TABLES[name]
            for row in rows:
                inserts.setdefault((name, tuple(sorted(row))), []).append(
                    push._moved(table, row, shift)
                )
        for name, keys, rows in push.updates:
            table = _TABLES[name]
            for row in rows:
                updates.setdefault((name, keys, tuple(sorted(row))), []).append(
                    push._moved(table, row, shift)
                )
        field_seqs += [{**r, "seq": _up(r["seq"], push.base, shift)} for r in push.field_seqs]
        # a later push that read one of these records must be merged again
        now.update(dict.fromkeys(push.written(), _TORN))
        answers.append(
            [r.model_copy(update={"rev": _up(r.rev, push.base, shift)}) for r in push.receipts]
        )
    written = ledger.Rows()
    # parents before children (a record table's rows), then the server's tables
    for (name, _names), rows in sorted(
        inserts.items(), key=lambda i: _ORDER.get(i[0][0], len(_ORDER))
    ):
        written.inserts.append((_TABLES[name], rows))
    for (name, keys, _names), rows in updates.items():
        written.updates.append((_TABLES[name], keys, rows))
    key = ("entity", "record_id", "field")
    written.upserts.append((FieldSeq.__table__, key, field_seqs))  # type: ignore[arg-type]
    return answers, written


_SEQS_OF = select(RecordIndex.record_id, RecordIndex.seq).where(
    RecordIndex.entity == bindparam("entity"),
    RecordIndex.record_id.in_(bindparam("ids", expanding=True)),
)


def _index_seqs(session: Session, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """The sequence of each record's last change, as its index row has it now."""
    by_entity: dict[str, list[str]] = {}
    for entity, record_id in dict.fromkeys(keys):
        by_entity.setdefault(entity, []).append(record_id)
    seqs: dict[tuple[str, str], int] = {}
    for entity, ids in by_entity.items():
        for start in range(0, len(ids), _CHUNK):
            rows = session.execute(_SEQS_OF, {"entity": entity, "ids": ids[start : start + _CHUNK]})
            seqs.update({(entity, record_id): seq for record_id, seq in rows})
    return seqs


def apply(
    session: Session, prepared: Prepared | None, actor: Actor, ops: Sequence[Op]
) -> list[Receipt]:
    """A push in the write turn: its prepared rows written, or, when they cannot be, the
    push merged here as a whole (`merge.apply_batch`)."""
    receipts = prepared.write(session) if prepared is not None else None
    return receipts if receipts is not None else merge.apply_batch(session, actor, ops)


def _up(seq: Any, base: int, shift: int) -> Any:
    """A sequence number taken after `base` in the snapshot, moved up by `shift`."""
    return seq + shift if isinstance(seq, int) and seq > base else seq


def prepare(db: ServerDatabase, actor: Actor, ops: Sequence[Op]) -> Prepared | None:
    """Work a push out on a snapshot, outside the write turn; None when it cannot be."""
    with db.scratch() as session:
        session.info[ledger.DRY] = True
        session.info[_SEEN] = {}
        event.listen(session, "loaded_as_persistent", _loaded)
        base = ledger.lock(session)
        try:
            receipts = merge.apply_ahead(session, actor, ops)
        except ledger.NeedsTurn:
            return None
        field_seqs, deferred = ledger.take_pending(session)
        inserts: dict[Table, list[dict[str, Any]]] = {}
        updates: dict[Table, list[dict[str, Any]]] = {}
        for obj in session.new:
            table, row = _row(obj, changed_only=False)
            inserts.setdefault(table, []).append(row)
        for obj in session.dirty:
            table, row = _row(obj, changed_only=True)
            if len(row) > len(table.primary_key.columns):
                updates.setdefault(table, []).append(row)
        for table, rows in deferred.items():
            inserts.setdefault(table, []).extend(dict(r) for r in rows)
        return Prepared(
            base=base,
            count=ledger.current(session) - base,
            receipts=receipts,
            seen=dict(session.info[_SEEN]),
            inserts=[(table.name, rows) for table, rows in inserts.items()],
            updates=[
                (table.name, tuple(c.name for c in table.primary_key.columns), rows)
                for table, rows in updates.items()
            ],
            field_seqs=field_seqs,
        )


def _row(obj: Any, *, changed_only: bool) -> tuple[Table, dict[str, Any]]:
    """An object's table and its column values (all set ones, or its key and changed ones)."""
    state = inspect(obj)
    table, columns, keys = _columns(state.mapper)
    values = state.dict
    if not changed_only:
        return table, {name: values[key] for key, name in columns if key in values}
    # the attributes set since loading, with their loaded values (scalar columns only)
    before = state.committed_state
    row = {name: values[key] for key, name in keys}
    for key, name in columns:
        if key in before and key in values and before[key] != values[key]:
            row[name] = values[key]
    return table, row


@functools.cache
def _columns(mapper: Any) -> tuple[Table, list[tuple[str, str]], list[tuple[str, str]]]:
    """A mapper's table, its (attribute, column) names, and those of its key."""
    table: Table = mapper.local_table
    primary = {c.name for c in table.primary_key.columns}
    columns = [(prop.key, prop.columns[0].name) for prop in mapper.column_attrs]
    return table, columns, [(k, n) for k, n in columns if n in primary]
