"""The wire types both ends import: login, push batches and receipts, blobs, pull pages, errors.

Every request carries the protocol version in the `X-Fieldvisit-Protocol` header;
the server refuses another version with 426 and an `ErrorBody` saying which.
Values travel as JSON: dates and times as ISO text (`app.store.changes.to_wire`).
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    WithJsonSchema,
)

PROTOCOL_VERSION = 1
PROTOCOL_HEADER = "X-Fieldvisit-Protocol"
#: most ops in one push request, hashes in one blob query, records in one pull page
MAX_BATCH = 500
MAX_HASHES = 1000
MAX_PAGE = 5000
MAX_BLOB_BYTES = 50 * 1024 * 1024
#: the largest chunk of a file sent in pieces (the laptop sends 512 KiB at a time)
MAX_CHUNK_BYTES = 8 * 1024 * 1024

#: the largest sequence number, revision or cursor (the server keeps them as 32-bit integers)
MAX_SEQ = 2**31 - 1
#: the range of an integer anywhere in a JSON value (SQLite's, and a 64-bit integer's)
MAX_INT = 2**63 - 1

SHA256 = r"^[0-9a-f]{64}$"
UUID_TEXT = r"^[0-9a-fA-F-]{36}$"

Outcome = Literal["applied", "same", "conflict", "refused", "retry"]
"""What became of an op: applied (all its fields), same (nothing to change), conflict
(some fields kept the server's value, see `conflicts`), refused (nothing changed, see
`refusals`), retry (not applied now, e.g. its photo has not arrived: send it again)."""


def plain_json(value: Any) -> Any:
    """A JSON value every database and laptop takes as it is: its numbers finite, its
    integers within 64 bits (ValueError otherwise). JSON has no NaN nor Infinity, but
    Python's parser reads `NaN`, `Infinity` and `1e400` as such floats."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float) and not math.isfinite(item):
            raise ValueError(f"不是有限的数：{item}")
        if isinstance(item, int) and not -MAX_INT - 1 <= item <= MAX_INT:
            raise ValueError(f"整数超出范围：{str(item)[:30]}")
        if isinstance(item, dict):
            stack += item.values()
        elif isinstance(item, list):
            stack += item
    return value


#: any JSON value, checked by `plain_json`
PlainJson = Annotated[
    Any,
    AfterValidator(plain_json),
    # what the check asks, in the OpenAPI description (JSON Schema has no recursive bound)
    WithJsonSchema({"description": "Any JSON value: numbers finite, integers within 64 bits"}),
]


#: a number written as text (a time must not be given so)
NUMBER_TEXT = re.compile(r"\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*")


def time_text(value: object) -> object:
    """Refuse a time given as a number or as a number's text: pydantic would read 1700000000
    or "-2439" as seconds since 1970, and the API says ISO 8601 text (found by the fuzz test)."""
    if isinstance(value, (bool, int, float)) or (
        isinstance(value, str) and NUMBER_TEXT.fullmatch(value)
    ):
        raise ValueError("时间须写成 ISO 8601 文本，如 2026-12-05T08:00:00")
    return value


def in_utc(moment: datetime) -> datetime:
    """A time without an offset is UTC (the server keeps UTC): said so on the wire, where
    RFC 3339's date-time needs the offset (found by the fuzz test's schema check)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


#: a time on the wire: ISO 8601 text (or a datetime built by the program), never a number;
#: one without an offset is UTC
IsoTime = Annotated[datetime, BeforeValidator(time_text), Strict(False), AfterValidator(in_utc)]


class Wire(BaseModel):
    """Base of every wire type: unknown keys are an error, not silently dropped, and every
    value is of its own JSON type (strict): a number is never taken from `true` or "5", a
    text never from a number; times are `IsoTime`."""

    model_config = ConfigDict(extra="forbid", strict=True)


class ErrorBody(Wire):
    """The body of every error response: a code for programs, a Chinese message for people."""

    code: str
    message: str
    detail: dict[str, Any] = Field(default_factory=dict)


class LoginRequest(Wire):
    """User name and password, and the laptop's installation id (one per local database)."""

    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)
    client_id: str = Field(pattern=UUID_TEXT)
    device_name: str = Field(default="", max_length=100)


class Me(Wire):
    """Who the token belongs to: role, assigned areas and the scope as area-code prefixes."""

    username: str
    display_name: str = ""
    role: str
    areas: list[str]
    #: prefixes of the 12-digit codes the user may read and write ("" means everything)
    scope: list[str]


class LoginResponse(Wire):
    """A new device token (shown once; the server keeps its hash only)."""

    token: str
    device_id: str
    user: Me


class Op(Wire):
    """One outbox row of a laptop (app/store/outbox.py), as it travels."""

    op_id: str = Field(pattern=UUID_TEXT)
    entity: str = Field(max_length=40)
    record_id: str = Field(max_length=36)
    base_rev: int = Field(ge=0, le=MAX_SEQ)
    kind: Literal["upsert", "delete"]
    fields: dict[str, Any] = Field(default_factory=dict)
    at: str = ""
    username: str = ""


class PushRequest(Wire):
    """A batch of ops, applied in order, each in its own transaction."""

    ops: list[Op] = Field(max_length=MAX_BATCH)


class ConflictInfo(Wire):
    """A field changed on both sides to different values: the server kept `theirs`."""

    conflict_id: str
    op_id: str
    entity: str
    record_id: str
    field: str
    mine: Any = None
    theirs: Any = None
    #: the value both sides started from (None when unknown)
    base: Any = None
    #: every field of the laptop's op (what a deleted record held when it is brought back)
    op_fields: dict[str, Any] = Field(default_factory=dict)
    username: str = ""
    at: str = ""
    state: Literal["open", "resolved"] = "open"
    resolution: str = ""
    resolved_by: str = ""


class Refusal(Wire):
    """Why an op was refused: an issue code, its Chinese message, and the field or item."""

    code: str
    message: str
    field: str | None = None


class Receipt(Wire):
    """The server's answer to one op; stored by op id and sent again, unchanged, on a resend."""

    op_id: str
    outcome: Outcome
    #: the record's sequence number after the op (0 when nothing changed)
    rev: int = Field(default=0, ge=0, le=MAX_SEQ)
    applied: list[str] = Field(default_factory=list)
    conflicts: list[ConflictInfo] = Field(default_factory=list)
    refusals: list[Refusal] = Field(default_factory=list)


class PushResponse(Wire):
    """One receipt per op, in the order of the request."""

    receipts: list[Receipt]


class BlobQuery(Wire):
    """The hashes of the attachments a laptop is about to send."""

    hashes: list[str] = Field(max_length=MAX_HASHES)


class BlobMissing(Wire):
    """Which of the asked hashes the server does not have yet."""

    missing: list[str]


class BlobProgress(Wire):
    """How much of a file sent in chunks has arrived; `stored` once it is whole and checked."""

    received: int = Field(ge=0, le=MAX_BLOB_BYTES)
    stored: bool = False


class PullRequest(Wire):
    """Ask for the changes after `cursor`.

    Normal pull: `upto` is None; every change in the user's scope after the cursor.
    Re-scope catch-up (after an assignment change): `upto` is the laptop's normal
    cursor; the records of the `added` areas up to it, and, on the first page, the ids
    of the records in the `removed` areas, which the laptop no longer holds.
    """

    cursor: int = Field(default=0, ge=0, le=MAX_SEQ)
    limit: int = Field(default=1000, ge=1, le=MAX_PAGE)
    upto: int | None = Field(default=None, ge=0, le=MAX_SEQ)
    added: list[str] = Field(default_factory=list, max_length=200)
    removed: list[str] = Field(default_factory=list, max_length=200)


class PulledRecord(Wire):
    """A record as the server holds it now (its latest change), deletions included."""

    entity: str
    id: str
    rev: int = Field(ge=0, le=MAX_SEQ)
    deleted: bool
    updated_at: str
    updated_by: str
    fields: dict[str, Any]


class GoneRecord(Wire):
    """A record that left the user's scope: the laptop removes it (unless it has pending ops)."""

    entity: str
    id: str


class PullPage(Wire):
    """One page of changes, ordered by sequence; apply it with `next_cursor` in one transaction."""

    records: list[PulledRecord]
    gone: list[GoneRecord] = Field(default_factory=list)
    conflicts: list[ConflictInfo] = Field(default_factory=list)
    next_cursor: int = Field(ge=0, le=MAX_SEQ)
    more: bool
    scope: list[str]


class Resolution(Wire):
    """How a conflict was resolved on a laptop: mine, theirs or an edited value."""

    resolution: Literal["mine", "theirs", "edited"]
    value: PlainJson = None


class Health(Wire):
    """The answer of GET /health: the server is up, and speaks this protocol."""

    status: str
    protocol: int = Field(ge=0, le=MAX_SEQ)


class PublishedFile(Wire):
    """A form definition or settings file the district published (its YAML text as published)."""

    id: int = Field(ge=1, le=MAX_SEQ)
    kind: Literal["form", "settings"]
    form_id: str = Field(max_length=60)
    version: str = Field(max_length=30)
    #: the definition format it needs: a program whose loader is older says so
    requires: int = Field(ge=1, le=MAX_SEQ)
    file_name: str = Field(max_length=200)
    text: str


class DefinitionsRequest(Wire):
    """Ask for the publications after the last one the laptop has (`after`: its id)."""

    after: int = Field(default=0, ge=0, le=MAX_SEQ)


class DefinitionsPage(Wire):
    """The publications after the laptop's last one, oldest first."""

    definitions: list[PublishedFile]


class PublicationInfo(Wire):
    """One publication as the admin sees it (the text is not repeated)."""

    id: int = Field(ge=1, le=MAX_SEQ)
    kind: Literal["form", "settings"]
    form_id: str = Field(max_length=60)
    version: str = Field(max_length=30)
    file_name: str = Field(max_length=200)
    published_by: str = Field(max_length=64)
    new: bool = True
    #: when it was published (UTC; None from a server older than this field)
    published_at: IsoTime | None = None
    #: what it holds, for the admin's list: a form's title; the settings' years and the
    #: areas with their own values
    summary: str = Field(default="", max_length=300)
