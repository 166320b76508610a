"""All tables in one place, and the entity names of synced records."""

from __future__ import annotations

from app.store.base import Base, Synced
from app.store.conflicts import SyncConflict
from app.store.outbox import LocalSecret, OutboxOp, SyncState
from app.store.receipts import SyncReceipt
from app.store.registry import Area, Assignment, Certificate, Household, Person, Subsidy, User
from app.store.work import (
    Attachment,
    AuditEvent,
    ChangeNotice,
    FormResponse,
    RenovationCase,
    Visit,
)

SYNCED_MODELS: tuple[type[Synced], ...] = (
    Area,
    User,
    Assignment,
    Household,
    Person,
    Certificate,
    Subsidy,
    Visit,
    FormResponse,
    RenovationCase,
    Attachment,
    ChangeNotice,
    AuditEvent,
)

MODEL_BY_ENTITY: dict[str, type[Synced]] = {m.entity: m for m in SYNCED_MODELS}

__all__ = [
    "MODEL_BY_ENTITY",
    "SYNCED_MODELS",
    "Area",
    "Assignment",
    "Attachment",
    "AuditEvent",
    "Base",
    "Certificate",
    "ChangeNotice",
    "FormResponse",
    "Household",
    "LocalSecret",
    "OutboxOp",
    "Person",
    "RenovationCase",
    "Subsidy",
    "SyncConflict",
    "SyncReceipt",
    "SyncState",
    "Synced",
    "User",
    "Visit",
]
