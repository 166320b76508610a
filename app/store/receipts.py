"""The receipts of the syncs: what each one sent, received, and what came back refused."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.store.base import Base


class SyncReceipt(Base):
    """One sync, kept and printable: counts by stage, and the details of refusals and conflicts."""

    __tablename__ = "sync_receipt"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    #: running, done, cancelled or failed (a later sync resumes where this one stopped)
    status: Mapped[str] = mapped_column(String(10), default="running")
    username: Mapped[str] = mapped_column(String(64), default="")
    sent: Mapped[int] = mapped_column(Integer, default=0)
    received: Mapped[int] = mapped_column(Integer, default=0)
    removed: Mapped[int] = mapped_column(Integer, default=0)
    conflicts: Mapped[int] = mapped_column(Integer, default=0)
    refused: Mapped[int] = mapped_column(Integer, default=0)
    blobs_sent: Mapped[int] = mapped_column(Integer, default=0)
    blobs_received: Mapped[int] = mapped_column(Integer, default=0)
    #: {"refused": [{entity, record_id, op_id, reasons}], "conflicts": [...], "error": text}
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
