"""The audit log: who viewed, edited, printed or exported what, and when (it syncs)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from app.store import changes
from app.store.base import utcnow
from app.store.database import Database
from app.store.work import AuditEvent

ACTIONS = ("view", "edit", "print", "export", "unlock", "lock")


def record_in(
    session: Session,
    user: str,
    action: str,
    target_entity: str = "",
    target_id: str = "",
    detail: Mapping[str, Any] | None = None,
) -> None:
    """Add an audit event in the caller's transaction."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    changes.create(
        session,
        AuditEvent,
        {
            "at": utcnow(),
            "username": user,
            "action": action,
            "target_entity": target_entity,
            "target_id": target_id,
            "detail": dict(detail or {}),
        },
        user=user,
    )


def record(
    db: Database,
    user: str,
    action: str,
    target_entity: str = "",
    target_id: str = "",
    detail: Mapping[str, Any] | None = None,
) -> None:
    """Add an audit event in a transaction of its own."""
    with db.transaction() as s:
        record_in(s, user, action, target_entity, target_id, detail)
