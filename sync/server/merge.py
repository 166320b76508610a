"""Field-level merge of one op (ARCHITECTURE.md section 4), in the caller's transaction.

For each field of an op: the same value as the server's is fine; a field whose
last change on the server is not newer than the op's base rev (or was made by
the same laptop, whose ops arrive in order) is applied; a document field (a
form's answers) changed on both sides is merged item by item when no item was
changed on both to different values; otherwise it is a conflict: the server
keeps its value and stores the laptop's in a conflict record. A delete conflicts
with any change made by someone else since its base, and an edit with a deletion
made by someone else: nothing is dropped silently. Refusals raise `Unapplied`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    Integer,
    String,
    Text,
    and_,
    bindparam,
    select,
)
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from app.domain.areas import AreaLevel, is_area_code, level_of
from app.domain.issues import Issue
from app.store.base import BOOKKEEPING_COLUMNS, Synced
from app.store.changes import coerce, snapshot, to_wire
from app.store.registry import Area
from app.store.schema import MODEL_BY_ENTITY
from sync.protocol import MAX_INT, Op, Receipt, Refusal, plain_json
from sync.server import conflicts, ledger, moves, rules, scope
from sync.server.auth import Actor
from sync.server.tables import SERVER_ONLY, BlobUpload, OpReceipt, RecordIndex

#: ids per IN list (SQLite's bound-parameter limit is far above)
_CHUNK = 500


class Unapplied(Exception):
    """The op changed nothing: refused (with reasons) or to be sent again later."""

    def __init__(self, receipt: Receipt) -> None:
        super().__init__(receipt.outcome)
        self.receipt = receipt


def refusal(op: Op, issues: list[Issue], outcome: str = "refused") -> Unapplied:
    reasons = [Refusal(code=i.code, message=i.message, field=i.field) for i in issues]
    return Unapplied(Receipt(op_id=op.op_id, outcome=outcome, refusals=reasons))  # type: ignore[arg-type]


#: an integer column's range (PostgreSQL's `integer`; SQLite's is wider)
INT_MAX = 2**31 - 1


def _type_ok(column: Any, value: Any) -> bool:
    """Whether a value fits its column: its type, and a number within the column's range
    (finite; a whole number within 32 bits), so that every database stores it and every
    laptop reads it back as JSON."""
    if value is None:
        return bool(column.nullable)
    kind = column.type
    if isinstance(kind, Boolean):
        return isinstance(value, bool)
    if isinstance(kind, Integer):
        return isinstance(value, int) and not isinstance(value, bool) and abs(value) <= INT_MAX
    if isinstance(kind, Float):
        number = isinstance(value, int | float) and not isinstance(value, bool)
        # an integer past 64 bits does not even reach SQLite
        return (
            number
            and math.isfinite(value)
            and not (isinstance(value, int) and abs(value) > MAX_INT)
        )
    if isinstance(kind, String | Text):
        return isinstance(value, str) and (kind.length is None or len(value) <= kind.length)
    if isinstance(kind, Date | DateTime):
        return isinstance(value, date)  # parsed from its ISO text (`coerce`)
    try:
        plain_json(value)  # a document (JSON) column
    except ValueError:
        return False
    return True


def checked_values(op: Op, model: type[Synced]) -> dict[str, Any]:
    """The op's fields as column values; refuses unknown fields and values of the wrong type."""
    columns = {c.name: c for c in model.__table__.columns}  # type: ignore[attr-defined]
    values: dict[str, Any] = {}
    issues: list[Issue] = []
    for name, raw in op.fields.items():
        if name == "deleted" and op.kind == "upsert" and raw is False:
            values[name] = False  # a restore of a deleted record
            continue
        if name not in columns or name in BOOKKEEPING_COLUMNS:
            issues.append(Issue("field.unknown", {"field": name}, name))
            continue
        try:
            value = coerce(model, name, raw)
        except (ValueError, TypeError):
            value = raw
            issues.append(Issue("sync.bad_value", {"field": name, "value": str(raw)[:40]}, name))
            continue
        if not _type_ok(columns[name], value):
            issues.append(Issue("sync.bad_value", {"field": name, "value": str(raw)[:40]}, name))
        values[name] = value
    if issues:
        raise refusal(op, issues)
    return values


def _area_issues(session: Session, code: str) -> list[Issue]:
    if not is_area_code(code):
        return [Issue("area.invalid", {"code": code}, "area_code")]
    if session.scalar(select(Area.id).where(Area.code == code, Area.deleted.is_(False))) is None:
        return [Issue("area.unknown", {"code": code}, "area_code")]
    if level_of(code) is not AreaLevel.VILLAGE:
        return [Issue("area.not_village", {"code": code}, "area_code")]
    return []


def _integrity_issues(exc: DBAPIError, values: Mapping[str, Any]) -> list[Issue]:
    text = str(exc.orig)
    if "id_number" in text:
        return [Issue("id.duplicate", {"id": str(values.get("id_number", ""))}, "id_number")]
    if "cert_number" in text:
        return [
            Issue("cert.duplicate", {"cert": str(values.get("cert_number", ""))}, "cert_number")
        ]
    return [Issue("sync.integrity", {"constraint": text.splitlines()[0][:80]})]


def _check_scope(op: Op, actor: Actor, area: str | None, entity: str) -> None:
    if area == SERVER_ONLY and entity in scope.KEPT_ON_SERVER:
        return
    if area is None or not actor.scope.covers(area):
        raise refusal(op, [Issue("sync.out_of_scope", {"area": area or "-"})])


def _receipt(session: Session, actor: Actor, op: Op, receipt: Receipt) -> Receipt:
    ledger.defer(
        session,
        OpReceipt.__table__,  # type: ignore[arg-type]
        {
            "op_id": op.op_id,
            "username": actor.username,
            "client_id": actor.origin,
            "device_id": actor.device_id,
            "seq": receipt.rev,
            "outcome": receipt.outcome,
            "body": receipt.model_dump(mode="json"),
        },
    )
    return receipt


def apply_batch(session: Session, actor: Actor, ops: Sequence[Op]) -> list[Receipt]:
    """Apply a push's ops in order, each with its receipt, all or each in a savepoint.

    One transaction holds the sequence lock for the whole batch (one commit instead of
    one per op). The records, index rows, field sequences and receipts the batch needs
    are read up front, a few queries in all. The ops are first applied together and
    written at once; when one of them cannot be (a refusal after it began writing, or a
    constraint the database enforces), that attempt is rolled back and the batch is
    applied again op by op, each in its own savepoint, so a refused op rolls back alone.
    """
    ledger.lock(session)
    stored = _stored_receipts(session, actor, [op.op_id for op in ops])
    loaded = _prefetch(session, ops)
    together = session.begin_nested()
    try:
        receipts = _apply_together(session, actor, ops, dict(stored))
        session.flush()
        ledger.write_pending(session)
    except (_Again, DBAPIError):
        together.rollback()
        ledger.discard_pending(session)
        loaded = _prefetch(session, ops)
        receipts = _apply_one_by_one(session, actor, ops, dict(stored))
    else:
        together.commit()
    del loaded
    return receipts


class _Again(Exception):
    """The ops cannot be applied together: apply them one by one."""


def apply_ahead(session: Session, actor: Actor, ops: Sequence[Op]) -> list[Receipt]:
    """Work a push out in a dry session (`ledger.DRY`, `sync.server.prepare`): the ops
    applied together as in `apply_batch`, nothing written. Raises `ledger.NeedsTurn`
    when the push must be applied in the write turn instead."""
    stored = _stored_receipts(session, actor, [op.op_id for op in ops])
    loaded = _prefetch(session, ops)
    try:
        receipts = _apply_together(session, actor, ops, dict(stored))
    except _Again as again:
        raise ledger.NeedsTurn("the ops cannot be applied together") from again
    del loaded
    return receipts


def _apply_together(
    session: Session, actor: Actor, ops: Sequence[Op], stored: dict[str, Receipt]
) -> list[Receipt]:
    receipts: list[Receipt] = []
    for op in ops:
        if op.op_id in stored:
            receipts.append(stored[op.op_id])
            continue
        top = ledger.current(session)
        try:
            receipt = _apply_new(session, actor, op, flush=False)
        except Unapplied as unapplied:
            # refused before it wrote anything: nothing to undo
            if ledger.current(session) != top or isinstance(unapplied.__cause__, DBAPIError):
                raise _Again from unapplied
            receipt = unapplied.receipt
        else:
            stored[op.op_id] = receipt
        receipts.append(receipt)
    return receipts


def _apply_one_by_one(
    session: Session, actor: Actor, ops: Sequence[Op], stored: dict[str, Receipt]
) -> list[Receipt]:
    receipts: list[Receipt] = []
    for op in ops:
        if op.op_id in stored:
            receipts.append(stored[op.op_id])
            continue
        try:
            with session.begin_nested():
                receipt = _apply_new(session, actor, op, flush=True)
                ledger.write_pending(session)
        except Unapplied as unapplied:
            receipt = unapplied.receipt
            ledger.discard_pending(session)
        else:
            stored[op.op_id] = receipt
        receipts.append(receipt)
    return receipts


def _stored_receipts(session: Session, actor: Actor, op_ids: Sequence[str]) -> dict[str, Receipt]:
    """The receipts of these ops sent before by the same laptop (a resend)."""
    found: dict[str, Receipt] = {}
    sender = {"username": actor.username, "client_id": actor.origin}
    for start in range(0, len(op_ids), _CHUNK):
        rows = session.execute(_RECEIPTS, {"ids": op_ids[start : start + _CHUNK], **sender})
        found.update({op_id: Receipt.model_validate(body) for op_id, body in rows})
    return found


#: statements built once (building and keying a statement costs more than running it)
_RECEIPTS = select(OpReceipt.op_id, OpReceipt.body).where(
    OpReceipt.op_id.in_(bindparam("ids", expanding=True)),
    OpReceipt.username == bindparam("username"),
    OpReceipt.client_id == bindparam("client_id"),
)


#: each entity's records by id, with their index rows (both loaded in one query)
_RECORDS_WITH_INDEX: dict[str, Any] = {
    entity: select(model, RecordIndex)
    .join(RecordIndex, and_(RecordIndex.entity == entity, RecordIndex.record_id == model.id))
    .where(model.id.in_(bindparam("ids", expanding=True)))
    for entity, model in MODEL_BY_ENTITY.items()
}


def _prefetch(session: Session, ops: Sequence[Op]) -> list[Any]:
    """Load the batch's records and index rows into the session (kept alive by the list
    returned) and its field sequences into the ledger's cache."""
    by_entity: dict[str, set[str]] = {}
    for op in ops:
        if op.entity in MODEL_BY_ENTITY:
            by_entity.setdefault(op.entity, set()).add(op.record_id)
    loaded: list[Any] = []
    for entity, id_set in by_entity.items():
        statement = _RECORDS_WITH_INDEX[entity]
        ids = sorted(id_set)
        for start in range(0, len(ids), _CHUNK):
            loaded += session.execute(statement, {"ids": ids[start : start + _CHUNK]}).all()
        ledger.prefetch_field_seqs(session, [(entity, i) for i in ids])
    return loaded


def _apply_new(session: Session, actor: Actor, op: Op, *, flush: bool) -> Receipt:
    """One op not applied before; `flush` writes it at once (a constraint it breaks is
    then its refusal), otherwise it is written with the others."""
    model = MODEL_BY_ENTITY.get(op.entity)
    if model is None:
        raise refusal(op, [Issue("sync.entity_unknown", {"entity": op.entity})])
    if op.entity in scope.SERVER_MANAGED:
        raise refusal(op, [Issue("sync.server_managed", {"entity": op.entity})])
    values = checked_values(op, model)
    if ledger.is_dry(session) and _builds_on_new(session, op):
        raise ledger.NeedsTurn(f"{op.entity} {op.record_id} builds on a record made before it")
    try:
        receipt = _receipt(session, actor, op, _apply(session, actor, op, model, values))
        if flush:
            session.flush()
        return receipt
    except scope.UnknownParent as exc:
        raise refusal(
            op, [Issue("sync.parent_unknown", {"entity": exc.entity, "id": exc.record_id})]
        ) from exc
    except DBAPIError as exc:  # IntegrityError, or a value the database refuses
        issues = _integrity_issues(exc, values) if isinstance(exc, IntegrityError) else []
        raise refusal(op, issues or [Issue("sync.integrity", {"constraint": "?"})]) from exc


def _builds_on_new(session: Session, op: Op) -> bool:
    """Whether an op changes, or names (as its parent, say), a record created earlier in
    the same dry session (which, unwritten, the session's queries do not find)."""
    created = ledger.created_ids(session)
    if not created:
        return False
    return op.record_id in created or any(
        isinstance(v, str) and v in created for v in op.fields.values()
    )


def _apply(
    session: Session, actor: Actor, op: Op, model: type[Synced], values: dict[str, Any]
) -> Receipt:
    author = ledger.Author(actor.username, actor.origin, op.op_id)
    obj = ledger.held(session, model, (op.record_id,))
    if obj is None:
        if op.kind == "delete":
            return Receipt(op_id=op.op_id, outcome="same")
        if op.base_rev > 0:
            raise refusal(op, [Issue("record.unknown", {"id": op.record_id})])
        values.pop("deleted", None)
        return _create(session, actor, op, values, author)
    index = ledger.held(session, RecordIndex, (op.entity, op.record_id))
    assert index is not None, "every record on the server has its index row"
    _check_scope(op, actor, index.area_code, op.entity)
    before = snapshot(obj)
    if op.kind == "delete":
        return _delete(session, actor, op, obj, index, before, author)
    return _update(session, actor, op, obj, index, before, values, author)


def _blob_check(session: Session, actor: Actor, op: Op, values: Mapping[str, Any]) -> None:
    """An attachment names only a file its author has sent (a hash alone proves nothing):
    until then the op waits (the laptop sends the file at its next sync)."""
    sha = values.get("sha256")
    if op.entity == "attachment" and sha and session.get(BlobUpload, (sha, actor.username)) is None:
        raise refusal(op, [Issue("sync.blob_missing", {"sha": str(sha)})], outcome="retry")


def _create(
    session: Session, actor: Actor, op: Op, values: dict[str, Any], author: ledger.Author
) -> Receipt:
    area = scope.area_of(session, op.entity, op.fields)
    if not moves.household_for_move(session, actor, op.entity, values, area):
        _check_scope(op, actor, area, op.entity)
    issues = _area_issues(session, str(values.get("area_code"))) if op.entity == "household" else []
    issues = issues or rules.check_change(session, actor.role, op.entity, None, values, set(values))
    if issues:
        raise refusal(op, issues)
    _blob_check(session, actor, op, values)
    obj = ledger.write_change(session, op.entity, op.record_id, values, author=author)
    return Receipt(op_id=op.op_id, outcome="applied", rev=obj.rev, applied=sorted(values))


def _newer(seq_origin: tuple[int, str], op: Op, actor: Actor) -> bool:
    """Whether a field's last change is someone else's, made after the op's base."""
    seq, origin = seq_origin
    return seq > op.base_rev and not (origin and origin == actor.origin)


def _delete(
    session: Session,
    actor: Actor,
    op: Op,
    obj: Synced,
    index: RecordIndex,
    before: dict[str, Any],
    author: ledger.Author,
) -> Receipt:
    if obj.deleted:
        return Receipt(op_id=op.op_id, outcome="same", rev=index.seq)
    created = (index.created_seq, index.created_origin)
    seqs = ledger.field_seqs(session, op.entity, op.record_id)
    if _newer(created, op, actor) or any(_newer(s, op, actor) for s in seqs.values()):
        found = conflicts.store(session, actor, op, index, [("deleted", True, False)])
        return Receipt(op_id=op.op_id, outcome="conflict", rev=index.seq, conflicts=found)
    issues = rules.check_delete(actor.role, op.entity, before)
    if issues:
        raise refusal(op, issues)
    ledger.write_change(session, op.entity, op.record_id, {}, author=author, kind="delete")
    return Receipt(op_id=op.op_id, outcome="applied", rev=obj.rev, applied=["deleted"])


_ABSENT = object()


def _merge_items(session: Session, op: Op, name: str, mine: Any, theirs: Any) -> Any:
    """A document field (a form's answers, say) changed on both sides: merged item by item
    against the op's base when no item changed on both sides to different values; None
    when one did (the field is then a conflict as a whole: nothing is lost either way)."""
    if not (isinstance(mine, dict) and isinstance(theirs, dict)) or op.base_rev <= 0:
        return None
    base = ledger.value_at(session, op.entity, op.record_id, name, op.base_rev)
    if not isinstance(base, dict):
        return None
    merged: dict[str, Any] = {}
    for key in {**base, **theirs, **mine}:
        was, mine_now, theirs_now = (d.get(key, _ABSENT) for d in (base, mine, theirs))
        if mine_now == was:
            value = theirs_now
        elif theirs_now in (was, mine_now):
            value = mine_now
        else:
            return None
        if value is not _ABSENT:
            merged[key] = value
    return merged


def _update(
    session: Session,
    actor: Actor,
    op: Op,
    obj: Synced,
    index: RecordIndex,
    before: dict[str, Any],
    values: dict[str, Any],
    author: ledger.Author,
) -> Receipt:
    created = (index.created_seq, index.created_origin)
    seqs = ledger.field_seqs(session, op.entity, op.record_id)
    if obj.deleted and "deleted" not in values and _newer(seqs.get("deleted", created), op, actor):
        found = conflicts.store(session, actor, op, index, [("deleted", False, True)])
        return Receipt(op_id=op.op_id, outcome="conflict", rev=index.seq, conflicts=found)
    applied: dict[str, Any] = {}
    clashes: list[tuple[str, Any, Any]] = []
    for name, new in values.items():
        old = obj.deleted if name == "deleted" else before[name]
        if old == new:
            continue
        if not _newer(seqs.get(name, created), op, actor):
            applied[name] = new
            continue
        merged = _merge_items(session, op, name, new, old)
        if merged is None:
            clashes.append((name, to_wire(new), to_wire(old)))
        elif merged != old:
            applied[name] = merged
    restore = applied.pop("deleted", None) is False
    if applied or restore:
        issues = (
            _area_issues(session, str(applied["area_code"]))
            if (op.entity == "household" and "area_code" in applied)
            else []
        )
        after = {**before, **applied}
        issues = issues or rules.check_change(
            session, actor.role, op.entity, before, after, set(applied)
        )
        if issues:
            raise refusal(op, issues)
        _blob_check(session, actor, op, applied)
        kind = "restore" if restore else "update"
        ledger.write_change(session, op.entity, op.record_id, applied, author=author, kind=kind)
        if not moves.person_moved(actor, op.entity, applied, index.area_code):
            _check_scope(op, actor, index.area_code, op.entity)  # it may have moved out of scope
    found = conflicts.store(session, actor, op, index, clashes) if clashes else []
    names = sorted(applied) + (["deleted"] if restore else [])
    outcome = "conflict" if found else ("applied" if names else "same")
    return Receipt(op_id=op.op_id, outcome=outcome, rev=index.seq, applied=names, conflicts=found)  # type: ignore[arg-type]
