"""Conflict records on the server: made by the merge, pulled by everyone in scope, resolved once.

A conflict keeps the laptop's value (`mine`), the server's value it lost to
(`theirs`), the value both started from (`base`, from the change log) and every
field of the op. Each conflict and each resolution takes a sequence number, so
pulls bring conflicts to the member and the reviewer of the area alike.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.base import utcnow
from sync.protocol import ConflictInfo, Op, Resolution
from sync.server import audit, ledger
from sync.server.auth import Actor
from sync.server.errors import ServerError, forbidden, not_found
from sync.server.scope import Scope
from sync.server.tables import Conflict, RecordIndex


def info(row: Conflict) -> ConflictInfo:
    return ConflictInfo(
        conflict_id=row.id,
        op_id=row.op_id,
        entity=row.entity,
        record_id=row.record_id,
        field=row.field,
        mine=row.mine,
        theirs=row.theirs,
        base=row.base,
        op_fields=dict(row.op_fields or {}),
        username=row.username,
        at=row.at.isoformat(timespec="seconds"),
        state="resolved" if row.state == "resolved" else "open",
        resolution=row.resolution,
        resolved_by=row.resolved_by,
    )


def store(
    session: Session,
    actor: Actor,
    op: Op,
    index: RecordIndex,
    clashes: Sequence[tuple[str, Any, Any]],
) -> list[ConflictInfo]:
    """Keep the laptop's value of each clashing field (field, mine, theirs) in a conflict."""
    first = ledger.allocate(session, len(clashes))
    rows: list[Conflict] = []
    for offset, (field, mine, theirs) in enumerate(clashes):
        base = (
            ledger.value_at(session, op.entity, op.record_id, field, op.base_rev)
            if op.base_rev > 0
            else None
        )
        row = Conflict(
            id=str(uuid.uuid4()),
            seq=first + offset,
            op_id=op.op_id,
            entity=op.entity,
            record_id=op.record_id,
            area_code=index.area_code,
            field=field,
            mine=mine,
            theirs=theirs,
            base=base,
            op_fields=dict(op.fields),
            username=actor.username,
            at=utcnow(),
            state="open",
            resolution="",
            resolved_by="",
        )
        session.add(row)
        rows.append(row)
    return [info(r) for r in rows]


def in_window(session: Session, scope: Scope, after: int, upto: int) -> list[ConflictInfo]:
    """Conflicts made or resolved in the sequence window, in the scope (for a pull page)."""
    rows = session.scalars(
        select(Conflict)
        .where(Conflict.seq > after, Conflict.seq <= upto, scope.where(Conflict.area_code))
        .order_by(Conflict.seq)
    )
    return [info(r) for r in rows]


def resolve(session: Session, actor: Actor, conflict_id: str, choice: Resolution) -> ConflictInfo:
    """Mark a conflict resolved (the chosen value itself travels as an ordinary op)."""
    ledger.lock(session)
    row = session.get(Conflict, conflict_id)
    if row is None:
        raise not_found("conflict")
    if not actor.scope.covers(row.area_code):
        raise forbidden()
    current = session.get(RecordIndex, (row.entity, row.record_id))
    if current is not None and not actor.scope.covers(current.area_code):
        raise forbidden()
    if choice.resolution == "edited" and choice.value is None:
        raise ServerError(400, "conflict.resolution", {"detail": "edited without a value"})
    if row.state != "resolved":
        row.state = "resolved"
        row.resolution = choice.resolution
        row.resolved_by = actor.username
        row.resolved_at = utcnow()
        row.seq = ledger.allocate(session)
        audit.record(
            session,
            actor.username,
            actor.device_id,
            "resolve",
            {"conflict": conflict_id, "resolution": choice.resolution},
            "",
        )
    return info(row)
