"""The laptop's sync bookkeeping: its state and token, the outbox as sent, receipts, conflicts.

`sync/client.py` drives the sync; every read and write of the local database it
needs is here (all SQL lives in app/store). Each batch of receipts is settled in
one transaction: an accepted op leaves the outbox, a refused one stays, marked
with the server's reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from app.store.base import utcnow
from app.store.changes import to_wire
from app.store.conflicts import SyncConflict
from app.store.database import Database
from app.store.outbox import LocalSecret, OutboxOp, SyncState
from app.store.pull import pending_fields, record_conflicts
from app.store.receipts import SyncReceipt
from app.store.schema import MODEL_BY_ENTITY
from app.store.work import Attachment

TOKEN = "device_token"
#: set by a restore from a backup until the laptop has signed in again (`app.store.restore`)
RESTORED = "restored_from_backup"
DONE = ("applied", "same", "conflict")


@dataclass(frozen=True)
class Settled:
    """The server's receipt of one op, as the laptop files it."""

    op_id: str
    outcome: str
    reason: str = ""
    #: conflicts as SyncConflict column values (`theirs` is adopted locally)
    conflicts: Sequence[Mapping[str, Any]] = field(default_factory=tuple)


def state(db: Database) -> dict[str, str]:
    with db.session() as s:
        return {row.key: row.value for row in s.scalars(select(SyncState))}


def put_state(db: Database, values: Mapping[str, str]) -> None:
    with db.transaction() as s:
        for key, value in values.items():
            s.merge(SyncState(key=key, value=value))


def forget_state(db: Database, key: str) -> None:
    with db.transaction() as s:
        row = s.get(SyncState, key)
        if row is not None:
            s.delete(row)


def token(db: Database) -> str | None:
    with db.session() as s:
        secret = s.get(LocalSecret, TOKEN)
        return secret.value.decode("utf-8") if secret else None


def store_token(db: Database, value: str, values: Mapping[str, str]) -> None:
    """Keep the device token (inside the encrypted database only) with the server's details."""
    with db.transaction() as s:
        s.merge(LocalSecret(name=TOKEN, value=value.encode("utf-8")))
        for key, text in values.items():
            s.merge(SyncState(key=key, value=text))


def pending_ops(db: Database, limit: int, skip: Iterable[str] = ()) -> list[OutboxOp]:
    """The next pending ops in outbox order, leaving out those already answered this sync."""
    skipped = list(skip)
    with db.session() as s:
        query = select(OutboxOp).where(OutboxOp.status == "pending")
        if skipped:
            query = query.where(OutboxOp.op_id.not_in(skipped))
        return list(s.scalars(query.order_by(OutboxOp.seq).limit(limit)))


def pending_count(db: Database) -> int:
    with db.session() as s:
        query = select(func.count()).select_from(OutboxOp).where(OutboxOp.status == "pending")
        return int(s.scalar(query) or 0)


def pending_hashes(db: Database) -> list[str]:
    """The contents the pending attachment ops refer to (to upload before the ops)."""
    with db.session() as s:
        rows = s.scalars(
            select(OutboxOp.fields).where(
                OutboxOp.status == "pending", OutboxOp.entity == "attachment"
            )
        )
        return sorted({str(f["sha256"]) for f in rows if f and f.get("sha256")})


def missing_blobs(db: Database) -> list[str]:
    """Hashes of live attachments whose content is not in the local blob store."""
    with db.session() as s:
        hashes = set(s.scalars(select(Attachment.sha256).where(Attachment.deleted.is_(False))))
    return sorted(h for h in hashes if h and not db.blobs.has(h))


def attachment_sizes(db: Database, hashes: list[str]) -> dict[str, int]:
    """The size in bytes of each content, as its attachments record it."""
    sizes: dict[str, int] = {}
    with db.session() as s:
        for start in range(0, len(hashes), 500):
            rows = s.execute(
                select(Attachment.sha256, Attachment.size).where(
                    Attachment.sha256.in_(hashes[start : start + 500])
                )
            )
            sizes.update({sha: int(size or 0) for sha, size in rows})
    return sizes


def _adopt(session: Any, item: Mapping[str, Any]) -> None:
    """Show the server's value (which it kept) until the conflict is resolved."""
    model = MODEL_BY_ENTITY.get(str(item["entity"]))
    record = session.get(model, item["record_id"]) if model else None
    if record is None:
        return
    pending = pending_fields(session.connection(), [record.id]).get(record.id, set())
    name = str(item["field"])
    if name in pending:
        return
    if name == "deleted":
        record.deleted = bool(item["theirs"])
    else:
        from app.store.changes import coerce

        setattr(record, name, coerce(model, name, item["theirs"]))  # type: ignore[arg-type]


def settle(db: Database, receipts: Sequence[Settled]) -> None:
    """File a batch of receipts in one transaction."""
    with db.transaction() as s:
        ops = {
            o.op_id: o
            for o in s.scalars(
                select(OutboxOp).where(OutboxOp.op_id.in_([r.op_id for r in receipts]))
            )
        }
        for receipt in receipts:
            op = ops.get(receipt.op_id)
            if op is None:
                continue
            if receipt.outcome in DONE:
                s.delete(op)
            elif receipt.outcome == "refused":
                op.status = "refused"
                op.refusal = receipt.reason
        s.flush()
        for receipt in receipts:
            for item in receipt.conflicts:
                _adopt(s, item)
        s.flush()
        record_conflicts(s.connection(), [c for r in receipts for c in r.conflicts])


def unsent_resolutions(db: Database) -> list[SyncConflict]:
    with db.session() as s:
        return list(s.scalars(select(SyncConflict).where(SyncConflict.unsent.is_(True))))


def mark_sent(db: Database, conflict_id: str) -> None:
    with db.transaction() as s:
        row = s.get(SyncConflict, conflict_id)
        if row is not None:
            row.unsent = False


def start_receipt(db: Database, username: str) -> int:
    with db.transaction() as s:
        receipt = SyncReceipt(started_at=utcnow(), username=username, status="running", detail={})
        s.add(receipt)
        s.flush()
        return receipt.id


def finish_receipt(
    db: Database, receipt_id: int, status: str, counts: Mapping[str, Any]
) -> SyncReceipt:
    """Write the final counts and details of a sync (done, cancelled or failed)."""
    with db.transaction() as s:
        receipt = s.get(SyncReceipt, receipt_id)
        assert receipt is not None
        for name in (
            "sent",
            "received",
            "removed",
            "conflicts",
            "refused",
            "blobs_sent",
            "blobs_received",
        ):
            setattr(receipt, name, int(counts.get(name, 0)))
        receipt.detail = {k: to_wire(v) for k, v in counts.get("detail", {}).items()}
        receipt.status = status
        receipt.finished_at = utcnow()
        return receipt


def last_receipt(db: Database) -> SyncReceipt | None:
    with db.session() as s:
        return s.scalars(select(SyncReceipt).order_by(SyncReceipt.id.desc()).limit(1)).first()


def completed_responses(db: Database) -> list[str]:
    """Responses completed on this laptop, which the sync submits."""
    from app.store.work import FormResponse

    with db.session() as s:
        return list(
            s.scalars(
                select(FormResponse.id).where(
                    FormResponse.state == "completed", FormResponse.deleted.is_(False)
                )
            )
        )
