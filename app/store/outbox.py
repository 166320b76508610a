"""Local-only tables: the outbox of changes to send, the sync cursor, local settings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.store.base import Base


class OutboxOp(Base):
    """One local change waiting for the server's receipt; only a receipt removes it."""

    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True)
    entity: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    base_rev: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(8))  # "upsert" or "delete"
    fields: Mapped[dict[str, Any]] = mapped_column(default=dict)
    at: Mapped[datetime] = mapped_column(DateTime)
    username: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(10), default="pending")  # or "refused"
    refusal: Mapped[str] = mapped_column(Text, default="")


class SyncState(Base):
    """Key-value state of the sync (the pull cursor, the last sync time)."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class LocalSecret(Base):
    """Secrets kept inside the encrypted database only (the blob store's data key)."""

    __tablename__ = "local_secret"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[bytes] = mapped_column(LargeBinary)


class ReceivedDefinition(Base):
    """A form definition or settings file the district published, received in a sync
    (`app.forms.published` puts the usable ones in use)."""

    __tablename__ = "received_definition"

    #: the server's publication id (the next sync asks for those after the highest)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(10))
    form_id: Mapped[str] = mapped_column(String(60), default="")
    version: Mapped[str] = mapped_column(String(30))
    requires: Mapped[int] = mapped_column(Integer, default=1)
    file_name: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime)
