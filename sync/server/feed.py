"""The pull: pages of the records in a user's scope changed after a cursor, in sequence order.

The page's upper bound is read from the sequence row first: every change with a
number up to it has committed (writers hold that row until they commit), so no
late commit can ever slip in behind a cursor. A page carries the records as they
are now (deletions included), the records that left the scope in its window, and
the conflicts made or resolved in it.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    Date,
    DateTime,
    Select,
    Text,
    and_,
    bindparam,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from app.domain.areas import CODE_LENGTH, is_area_code, prefix_of
from app.store.base import BOOKKEEPING_COLUMNS
from app.store.registry import Assignment, User
from app.store.schema import MODEL_BY_ENTITY
from sync.protocol import GoneRecord, PullRequest
from sync.server import conflicts, ledger
from sync.server.auth import Actor
from sync.server.errors import forbidden
from sync.server.scope import Scope
from sync.server.scope import readable as scope_readable
from sync.server.tables import ChangeLog, RecordIndex

CHUNK = 500


def _when(value: Any) -> Any:
    """A date or time column as its wire text (SQLite: the stored text, PostgreSQL: a value)."""
    if value is None:
        return None
    if type(value) is str:  # SQLite keeps a date as its ISO text already
        return datetime.fromisoformat(value).isoformat() if len(value) > 10 else value
    return value.isoformat()


#: the bookkeeping columns, in the order they follow a table's fields in `_reader`'s select
BOOKKEEPING_ORDER = ("id", "rev", "deleted", "updated_at", "updated_by")


@functools.cache
def _reader(model: Any) -> tuple[Any, tuple[str, ...], tuple[int, ...], tuple[int, ...]]:
    """A table's select (its fields, then `BOOKKEEPING_ORDER`) with its date, time and JSON
    columns read as stored (converted here, faster than value by value through their types),
    the field names, and the positions of the date and time columns and of the JSON ones."""
    table = model.__table__
    fields = tuple(c.name for c in table.columns if c.name not in BOOKKEEPING_COLUMNS)
    columns, when, documents = [], [], []
    for i, name in enumerate(fields + BOOKKEEPING_ORDER):
        column = table.columns[name]
        if isinstance(column.type, Date | DateTime):
            when.append(i)
            columns.append(type_coerce(column, Text).label(name))
        elif isinstance(column.type, JSON):
            documents.append(i)
            columns.append(type_coerce(column, Text).label(name))
        else:
            columns.append(column)
    return select(*columns), fields, tuple(when), tuple(documents)


def records(session: Session, keys: Sequence[tuple[str, str, int]]) -> list[dict[str, Any]]:
    """The current state of these records (entity, id, seq), in the given order, as the JSON
    of `PulledRecord` (built directly: a first sync sends tens of thousands)."""
    by_entity: dict[str, list[str]] = defaultdict(list)
    for entity, record_id, _ in keys:
        by_entity[entity].append(record_id)
    found: dict[tuple[str, str], dict[str, Any]] = {}
    as_text = session.get_bind().dialect.name == "sqlite"
    for entity, ids in by_entity.items():
        model: Any = MODEL_BY_ENTITY[entity]
        table = model.__table__
        query, fields, when, documents = _reader(model)
        at = len(fields)  # where the bookkeeping columns start
        for start in range(0, len(ids), CHUNK):
            part = ids[start : start + CHUNK]
            rows = [list(r) for r in session.execute(query.where(table.c.id.in_(part))).all()]
            # SQLite hands JSON columns over as text: decoded in one go, not one by one
            # (PostgreSQL's driver decodes them itself)
            texts = [
                (row, i) for row in rows for i in documents if type(row[i]) is str
            ] if as_text else []  # fmt: skip
            if texts:
                decoded = json.loads("[" + ",".join(row[i] for row, i in texts) + "]")
                for (row, i), value in zip(texts, decoded, strict=True):
                    row[i] = value
            for row in rows:
                for i in when:
                    row[i] = _when(row[i])
                record_id, rev, deleted, updated_at, updated_by = row[at:]
                found[(entity, record_id)] = {
                    "entity": entity,
                    "id": record_id,
                    "rev": rev,
                    "deleted": bool(deleted),
                    "updated_at": updated_at,
                    "updated_by": updated_by,
                    "fields": dict(zip(fields, row, strict=False)),  # the fields come first
                }
    out = []
    for entity, record_id, seq in keys:
        record = found.get((entity, record_id))
        if record is not None:
            record["rev"] = seq
            out.append(record)
    return out


def _departures(session: Session, scope: Scope, after: int, upto: int) -> list[GoneRecord]:
    """Records whose scope left the user's in the window and is still outside it."""
    rows = session.execute(
        select(ChangeLog.entity, ChangeLog.record_id, ChangeLog.from_area)
        .where(ChangeLog.seq > after, ChangeLog.seq <= upto, ChangeLog.from_area.is_not(None))
        .order_by(ChangeLog.seq)
    ).all()
    gone: dict[tuple[str, str], GoneRecord] = {}
    for entity, record_id, from_area in rows:
        if not scope.covers(from_area):
            continue
        index = session.get(RecordIndex, (entity, record_id))
        if index is not None and not scope.covers(index.area_code):
            gone[(entity, record_id)] = GoneRecord(entity=entity, id=record_id)
    return list(gone.values())


def _left_areas(
    session: Session, actor: Actor, removed: Sequence[str], upto: int
) -> list[GoneRecord]:
    """The records of areas the user no longer has (ids only: the laptop drops them).

    Only what the laptop can have held: the records of an area the user was assigned
    once (an assignment since removed), made before it was removed, and outside the
    user's scope now. A `removed` area the user never had names nothing (it would
    otherwise list another area's records)."""
    if not removed:
        return []
    former: dict[str, int] = {}  # prefix of a removed assignment -> when it was removed
    for code, rev in session.execute(_FORMER, {"username": actor.username}):
        if is_area_code(code):
            former[prefix_of(code)] = max(rev, former.get(prefix_of(code), 0))
    area = RecordIndex.area_code
    held = [
        and_(Scope((inner,)).where(area, public=False), RecordIndex.created_seq <= until)
        for asked in set(removed)
        for had, until in former.items()
        if (inner := _narrower(asked, had)) is not None
    ]
    if not held:
        return []
    rows = session.execute(
        select(RecordIndex.entity, RecordIndex.record_id).where(
            RecordIndex.seq <= upto, or_(*held), ~actor.scope.where(area)
        )
    )
    return [GoneRecord(entity=e, id=i) for e, i in rows]


def _narrower(one: str, other: str) -> str | None:
    """The prefix of the codes both prefixes cover (None when they cover none in common)."""
    if one.startswith(other):
        return one
    if other.startswith(one):
        return other
    return None


#: the areas of a user's removed assignments, with the sequence of their removal
_FORMER = (
    select(Assignment.area_code, Assignment.rev)
    .join(User, User.id == Assignment.user_id)
    .where(User.username == bindparam("username"), Assignment.deleted.is_(True))
)


def _changes(readable: ColumnElement[bool]) -> Select[str, str, int]:
    """The records a filter lets through in a window of the sequence, by sequence."""
    return (
        select(RecordIndex.entity, RecordIndex.record_id, RecordIndex.seq)
        .where(
            RecordIndex.seq > bindparam("cursor"),
            RecordIndex.seq <= bindparam("top"),
            readable,
        )
        .order_by(RecordIndex.seq)
        .limit(bindparam("limit"))
    )


@functools.lru_cache(maxsize=4096)
def _readable_changes(
    prefixes: tuple[str, ...], areas: tuple[str, ...], username: str
) -> Select[str, str, int]:
    """`_changes` of what a user reads, built once per user and scope: building and keying
    the statement (with its users' filter) costs more than running it on a pull near the
    top of the sequence, and a statement used again keeps its key."""
    return _changes(scope_readable(Scope(prefixes), areas, username))


def pull(session: Session, actor: Actor, request: PullRequest) -> dict[str, Any]:
    """One page after `request.cursor` (normal, or a re-scope catch-up when `upto` is set),
    as the JSON of `PullPage`."""
    top = ledger.current(session)
    catch_up = request.upto is not None
    if catch_up:
        if not all(actor.scope.covers_prefix(a) for a in request.added):
            raise forbidden()
        top = min(top, request.upto or 0)
        scope = Scope(tuple(request.added))
    else:
        scope = actor.scope
    if catch_up:
        # the added areas' records, and the users they bring (their members, reviewers)
        codes = tuple(p.ljust(CODE_LENGTH, "0") for p in request.added)
        users = and_(RecordIndex.entity == "user", scope_readable(scope, codes, actor.username))
        statement = _changes(or_(scope.where(RecordIndex.area_code, public=False), users))
    else:
        statement = _readable_changes(actor.scope.prefixes, actor.areas, actor.username)
    window = {"cursor": request.cursor, "top": top, "limit": request.limit}
    keys: list[tuple[str, str, int]] = [
        tuple(row)  # type: ignore[misc]
        for row in session.execute(statement, window).all()
    ]
    more = len(keys) == request.limit
    end = keys[-1][2] if more else max(top, request.cursor)
    if catch_up:
        gone = _left_areas(session, actor, request.removed, top) if request.cursor == 0 else []
        found = []
    else:
        gone = _departures(session, scope, request.cursor, end)
        found = conflicts.in_window(session, scope, request.cursor, end)
    return {
        "records": records(session, keys),
        "gone": [g.model_dump() for g in gone],
        "conflicts": [c.model_dump(mode="json") for c in found],
        "next_cursor": end,
        "more": more,
        "scope": list(actor.scope.prefixes),
    }
