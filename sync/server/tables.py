"""The server's tables: its own bookkeeping, plus the laptop's record tables copied in.

Records are kept in the very tables the laptop has (`app.store.schema`), copied
into the server's metadata, so the server reads them with the same models (the
form checks read registry facts with `app.services.facts`, the export reads
`FormResponse`). Around them, the server's own tables: the global sequence, the
record index (scope and last change of every record, the pull's feed), the
per-field last changes (the merge), the change log, users' credentials, devices,
op receipts, conflicts, blobs and the audit.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.store.base import NAMING, utcnow
from app.store.schema import SYNCED_MODELS, ResponseSummary

#: the scope key of records only the server keeps (never pulled): laptops' audit events
SERVER_ONLY = "server"


class ServerBase(DeclarativeBase):
    """Base of the server's own tables (the record tables are copied into its metadata)."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, Any: JSON}


class SeqCounter(ServerBase):
    """The global sequence: one row, locked by every writing transaction, so commits come
    in sequence order and a pull never skips a change committed late."""

    __tablename__ = "seq_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class RecordIndex(ServerBase):
    """Every record's scope (village code of its household) and the sequence of its last change."""

    __tablename__ = "record_index"
    __table_args__ = (
        Index("ix_record_index_seq", "seq", unique=True),
        # a pull's records: those of its areas after the cursor (`Scope.where`)
        Index("ix_record_index_area_seq", "area_code", "seq"),
    )

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    #: None: every user reads it (areas, users); SERVER_ONLY: nobody pulls it
    area_code: Mapped[str | None] = mapped_column(String(12), default=None)
    created_seq: Mapped[int] = mapped_column(Integer)
    #: the laptop (client id) that created the record, "" for the server
    created_origin: Mapped[str] = mapped_column(String(36), default="")


class FieldSeq(ServerBase):
    """The sequence of the last change of one field of one record (absent: its creation)."""

    __tablename__ = "field_seq"

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    field: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String(36), default="")


class ChangeLog(ServerBase):
    """Every accepted change, with its new values: history, base values, departures."""

    __tablename__ = "change_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(10))  # create, update, delete, restore, rescope
    fields: Mapped[dict[str, Any]] = mapped_column(default=dict)
    area_code: Mapped[str | None] = mapped_column(String(12), default=None)
    #: the scope the record left with this change (None when its scope did not change)
    from_area: Mapped[str | None] = mapped_column(String(12), default=None)
    username: Mapped[str] = mapped_column(String(64), default="")
    origin: Mapped[str] = mapped_column(String(36), default="")
    op_id: Mapped[str | None] = mapped_column(String(36), default=None, index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


Index("ix_change_log_record", ChangeLog.entity, ChangeLog.record_id, ChangeLog.seq)
#: the changes of scope, which every pull looks through (few among many changes)
Index(
    "ix_change_log_departures",
    ChangeLog.seq,
    ChangeLog.entity,
    ChangeLog.record_id,
    ChangeLog.from_area,
    sqlite_where=ChangeLog.from_area.is_not(None),
    postgresql_where=ChangeLog.from_area.is_not(None),
)


class Credential(ServerBase):
    """A user's argon2 password hash (the user is `user_account`); `failures` and
    `locked_until` are no longer used (the throttle is per place: `SignIn`)."""

    __tablename__ = "credential"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SignIn(ServerBase):
    """Sign-in failures of one user from one place (an address, and the laptop once it has
    signed the user in; "" for any other): the throttle (`sync.server.throttle`)."""

    __tablename__ = "sign_in"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    address: Mapped[str] = mapped_column(String(64), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    last_failure_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    #: the last sign-in that succeeded from here (a known place)
    succeeded_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


class Device(ServerBase):
    """A laptop signed in by a user: only the sha256 of its token is kept; revocable."""

    __tablename__ = "device"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    client_id: Mapped[str] = mapped_column(String(36), index=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    revoked_by: Mapped[str] = mapped_column(String(64), default="")


class OpReceipt(ServerBase):
    """The receipt of an op that changed (or would have changed) data, by op id and the
    laptop that sent it (its user and installation, the same across sign-ins): a resend
    finds its own receipt, and another's op id finds nothing of anyone else's."""

    __tablename__ = "op_receipt"

    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36), index=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    outcome: Mapped[str] = mapped_column(String(10))
    body: Mapped[dict[str, Any]] = mapped_column(default=dict)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Conflict(ServerBase):
    """A field changed on both sides: the laptop's value kept here, the server's in the record."""

    __tablename__ = "conflict"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    #: sequence of its last change (made, resolved): pulls carry conflicts in scope
    seq: Mapped[int] = mapped_column(Integer, index=True)
    op_id: Mapped[str] = mapped_column(String(36), index=True)
    entity: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    area_code: Mapped[str | None] = mapped_column(String(12), default=None)
    field: Mapped[str] = mapped_column(String(64))
    mine: Mapped[Any] = mapped_column(JSON(none_as_null=False), default=None)
    theirs: Mapped[Any] = mapped_column(JSON(none_as_null=False), default=None)
    base: Mapped[Any] = mapped_column(JSON(none_as_null=False), default=None)
    #: every field of the op, so that nothing of the laptop's change is lost
    op_fields: Mapped[dict[str, Any]] = mapped_column(default=dict)
    username: Mapped[str] = mapped_column(String(64), default="")
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    state: Mapped[str] = mapped_column(String(10), default="open")
    resolution: Mapped[str] = mapped_column(String(10), default="")
    resolved_by: Mapped[str] = mapped_column(String(64), default="")
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


class Blob(ServerBase):
    """An attachment's content, stored as a file named by its sha256 in the blob folder."""

    __tablename__ = "blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    #: who sent it first (every sender is a `BlobUpload`)
    username: Mapped[str] = mapped_column(String(64), default="")
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class BlobUpload(ServerBase):
    """A user who sent a blob's whole content (and so holds it): only they may attach it
    to a record, and only attachments made by one of its senders make it readable."""

    __tablename__ = "blob_upload"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Audit(ServerBase):
    """One request that changed data (or tried to sign in): who, when, what."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    username: Mapped[str] = mapped_column(String(64), default="")
    device_id: Mapped[str] = mapped_column(String(36), default="")
    action: Mapped[str] = mapped_column(String(30))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    address: Mapped[str] = mapped_column(Text, default="")


def _copy_record_tables(metadata: MetaData) -> None:
    """Copy the laptop's record tables; partial unique indexes get a where clause both
    SQLite and PostgreSQL understand (`NOT deleted`, not the laptop's `deleted = 0`)."""
    for model in SYNCED_MODELS:
        source = model.__table__  # type: ignore[attr-defined]
        table = source.to_metadata(metadata)
        for index in list(table.indexes):
            where = index.dialect_options["sqlite"]["where"]
            if where is None:
                continue
            clause = str(where).replace("deleted = 0", "NOT deleted")
            table.indexes.discard(index)
            Index(
                index.name,
                *[table.c[c.name] for c in index.columns],
                unique=index.unique,
                sqlite_where=text(clause),
                postgresql_where=text(clause),
            )


_copy_record_tables(ServerBase.metadata)
# what the figures read of each response (`app.store.summary`), kept by the server's writers too
ResponseSummary.__table__.to_metadata(ServerBase.metadata)  # type: ignore[attr-defined]

#: the users assigned inside an area (`scope.readable`: a laptop's reviewers and fellow
#: members, on every pull that carries a user): a province has tens of thousands of them
Index("ix_assignment_area_code", ServerBase.metadata.tables["assignment"].c.area_code)


class PublishedDefinition(ServerBase):
    """A form definition or settings file the admin published (the built-in files seed a new
    server): its YAML text as published, checked by the program's own loader."""

    __tablename__ = "published_definition"
    __table_args__ = (
        Index("ix_published_definition_key", "kind", "form_id", "version", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    #: "form" or "settings"
    kind: Mapped[str] = mapped_column(String(10))
    #: the form's id ("" for settings)
    form_id: Mapped[str] = mapped_column(String(60), default="")
    #: the form's version; for settings, the publication's number (1, 2, ...)
    version: Mapped[str] = mapped_column(String(30))
    #: the definition format it needs (the loader's `requires`)
    requires: Mapped[int] = mapped_column(Integer, default=1)
    file_name: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    published_by: Mapped[str] = mapped_column(String(64), default="")
    published_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
