"""The server's audit: one row for every request that changed data, and every sign-in try."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server.tables import Audit


def record(
    session: Session,
    username: str,
    device_id: str,
    action: str,
    detail: Mapping[str, Any],
    address: str,
) -> None:
    """Add an audit row in the caller's transaction (saved with the change it describes)."""
    session.add(
        Audit(
            username=username,
            device_id=device_id,
            action=action,
            detail=dict(detail),
            address=address,
        )
    )


def recent(session: Session, limit: int = 100) -> list[Audit]:
    """The latest audit rows, newest first (for the admin command line)."""
    return list(session.scalars(select(Audit).order_by(Audit.id.desc()).limit(limit)))
