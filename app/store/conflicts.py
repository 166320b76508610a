"""Conflicts on the laptop: a field changed here and on the server to different values.

The server kept its value (`theirs`); the laptop's (`mine`) and the value both
started from (`base`) wait here, side by side, until the member or the reviewer
chooses (app/services/conflicts.py). Rows come from push receipts and pulls.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from app.store.base import Base


class SyncConflict(Base):
    """One conflicting field of one record, as the server reported it (its id is the server's)."""

    __tablename__ = "sync_conflict"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    op_id: Mapped[str] = mapped_column(String(36))
    entity: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(64))
    mine: Mapped[Any] = mapped_column(JSON(none_as_null=False), default=None)
    theirs: Mapped[Any] = mapped_column(JSON(none_as_null=False), default=None)
    base: Mapped[Any] = mapped_column(JSON(none_as_null=False), default=None)
    #: every field of the op that clashed (a deleted record brought back gets them)
    op_fields: Mapped[dict[str, Any]] = mapped_column(default=dict)
    username: Mapped[str] = mapped_column(String(64), default="")
    at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    state: Mapped[str] = mapped_column(String(10), default="open")  # or "resolved"
    resolution: Mapped[str] = mapped_column(String(10), default="")  # mine, theirs, edited
    resolved_value: Mapped[Any] = mapped_column(JSON(none_as_null=False), default=None)
    resolved_by: Mapped[str] = mapped_column(String(64), default="")
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    #: the resolution still has to be told to the server (sent with the next sync)
    unsent: Mapped[bool] = mapped_column(Boolean, default=False)
