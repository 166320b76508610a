"""The first sync's snapshot: every record in a user's scope in one SQLite database image.

An empty laptop would otherwise pull its whole area page by page: tens of thousands
of records as JSON, made by the server and taken apart by the laptop. The snapshot
carries the same records as of one sequence number, in tables laid out as the
laptop's driver rows (`app.store.pull.prepare`: a table's fields, then id, rev,
deleted, updated_at, updated_by), with the conflicts in scope and the cursor to pull
on from. It is made in memory and sent as bytes: nothing lands in a file.

On SQLite the server's tables store values exactly as the laptop's do (the same
models and column types), so the rows are copied inside SQLite (`CREATE TABLE ... AS
SELECT`). On PostgreSQL they go through the laptop's own conversion.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.orm import Session

from app.store import pull
from app.store.schema import SYNCED_MODELS
from sync.server import conflicts, feed, ledger
from sync.server.auth import Actor
from sync.server.tables import RecordIndex

#: beyond this many records (a province's administrator) the laptop pulls pages instead:
#: the image is held in memory while it is made and sent
MAX_RECORDS = 400_000
#: the version of the image's layout (the laptop checks it)
LAYOUT = 1
MEDIA_TYPE = "application/vnd.sqlite3"
#: the piece compressed at a time while the image is sent, and how hard (a fast level:
#: an image of a district is tens of MB, and shrinks fourfold at level 1 already)
PIECE = 1 << 20
LEVEL = 1

_DIALECT = sqlite_dialect.dialect()


def gzipped(data: bytes) -> Iterator[bytes]:
    """The image gzip-compressed, piece by piece."""
    deflate = zlib.compressobj(LEVEL, zlib.DEFLATED, 31)
    for start in range(0, len(data), PIECE):
        out = deflate.compress(data[start : start + PIECE])
        if out:
            yield out
    yield deflate.flush()


class TooBig(Exception):
    """More records in scope than one image should carry."""


def _select(model: Any, actor: Actor, top: int) -> Any:
    """The records of one table in scope up to `top`, as driver rows (rev: their sequence)."""
    table = model.__table__
    columns = [
        RecordIndex.seq.label("rev") if name == "rev" else table.c[name]
        for name in pull.row_columns(model)
    ]
    return (
        select(*columns)
        .join_from(
            table,
            RecordIndex,
            (RecordIndex.entity == model.entity) & (RecordIndex.record_id == table.c.id),
        )
        .where(RecordIndex.seq <= top, actor.readable())
    )


def build(session: Session, actor: Actor) -> bytes:
    """The image for the actor's scope, as of the session's snapshot of the database."""
    top = ledger.current(session)
    count = session.scalar(
        select(func.count())
        .select_from(RecordIndex)
        .where(RecordIndex.seq <= top, actor.readable())
    )
    if int(count or 0) > MAX_RECORDS:
        raise TooBig()
    found = conflicts.in_window(session, actor.scope, 0, top)
    conflict_rows = [c.model_dump(mode="json") for c in found]
    meta = [
        ("layout", str(LAYOUT)),
        ("cursor", str(top)),
        ("scope", json.dumps(list(actor.scope.prefixes))),
        ("conflicts", json.dumps(conflict_rows, ensure_ascii=False, allow_nan=False)),
    ]
    if session.get_bind().dialect.name == "sqlite":
        return _in_sqlite(session, actor, top, meta)
    image = sqlite3.connect(":memory:")
    try:
        for model in SYNCED_MODELS:
            names = ", ".join(f'"{n}"' for n in pull.row_columns(model))
            image.execute(f'CREATE TABLE "{model.__table__.name}" ({names})')  # type: ignore[attr-defined]
            _copy_through_python(session, image, model, actor, top)
        image.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        image.executemany("INSERT INTO meta VALUES (?, ?)", meta)
        image.commit()
        return image.serialize()
    finally:
        image.close()


# -- SQLite: copied inside SQLite, into a memory database attached to the reading connection --

_ATTACHED = "fieldvisit_snapshot"


def _in_sqlite(session: Session, actor: Actor, top: int, meta: list[tuple[str, str]]) -> bytes:
    connection = session.connection()
    attached = {row[1] for row in connection.exec_driver_sql("PRAGMA database_list")}
    if _ATTACHED not in attached:  # a pooled connection keeps it (emptied) for the next time
        connection.exec_driver_sql(f"ATTACH DATABASE ':memory:' AS {_ATTACHED}")
    names = [model.__table__.name for model in SYNCED_MODELS] + ["meta"]  # type: ignore[attr-defined]
    try:
        for model in SYNCED_MODELS:
            query = _select(model, actor, top)
            sql = str(query.compile(dialect=_DIALECT, compile_kwargs={"literal_binds": True}))
            name = model.__table__.name  # type: ignore[attr-defined]
            connection.exec_driver_sql(f'CREATE TABLE {_ATTACHED}."{name}" AS {sql}')
        connection.exec_driver_sql(
            f"CREATE TABLE {_ATTACHED}.meta (key TEXT PRIMARY KEY, value TEXT)"
        )
        for key, value in meta:
            connection.exec_driver_sql(f"INSERT INTO {_ATTACHED}.meta VALUES (?, ?)", (key, value))
        raw = connection.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        return raw.serialize(name=_ATTACHED)
    finally:
        for name in names:
            connection.exec_driver_sql(f'DROP TABLE IF EXISTS {_ATTACHED}."{name}"')


# -- PostgreSQL: through the laptop's conversion of wire records to driver rows --------------


def _copy_through_python(
    session: Session, image: sqlite3.Connection, model: Any, actor: Actor, top: int
) -> None:
    keys = [
        (model.entity, record_id, seq)
        for record_id, seq in session.execute(
            select(RecordIndex.record_id, RecordIndex.seq).where(
                RecordIndex.entity == model.entity,
                RecordIndex.seq <= top,
                actor.readable(),
            )
        )
    ]
    if not keys:
        return
    prepared = pull.prepare(feed.records(session, keys), _DIALECT)
    rows = prepared.full.get(model.entity, [])
    marks = ", ".join("?" for _ in pull.row_columns(model))
    image.executemany(f'INSERT INTO "{model.__table__.name}" VALUES ({marks})', rows)
