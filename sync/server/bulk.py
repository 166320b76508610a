"""Many new records at once (the area list, a roster import, the demo district), fully ledgered.

Each record gets its own sequence number, index row and change log row, as if
written one by one by `ledger.write_change`, but with bulk inserts. Records must
come parents first (the order of `app.store.schema.SYNCED_MODELS`), so that each
one's scope is known from its parent's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.store import summary
from app.store.base import BOOKKEEPING_COLUMNS, utcnow
from app.store.changes import to_wire
from app.store.schema import MODEL_BY_ENTITY
from app.store.work import FormResponse
from sync.server import ledger, scope
from sync.server.tables import SERVER_ONLY, ChangeLog, RecordIndex

CHUNK = 2000
AreaCache = MutableMapping[tuple[str, str], str | None]


def cached_area(entity: str, values: Mapping[str, Any], cache: AreaCache) -> str | None:
    """A record's scope key from its parent's, kept in `cache` (UnknownParent if absent)."""
    if entity in scope.OWN_AREA:
        return str(values["area_code"])
    if entity in scope.PUBLIC:
        return None
    if entity in scope.KEPT_ON_SERVER:
        return SERVER_ONLY
    parent = scope.parent_of(entity, values)
    if parent is None or parent not in cache:
        raise scope.UnknownParent(*(parent or (entity, "")))
    return cache[parent]


def load_cache(session: Session, entities: Iterable[str]) -> dict[tuple[str, str], str | None]:
    """The scope keys of every record of these entities already on the server."""
    rows = session.execute(
        select(RecordIndex.entity, RecordIndex.record_id, RecordIndex.area_code).where(
            RecordIndex.entity.in_(list(entities))
        )
    )
    return {(e, i): a for e, i, a in rows}


def create_many(
    session: Session,
    entity: str,
    rows: Sequence[Mapping[str, Any]],
    *,
    author: ledger.Author,
    cache: AreaCache,
) -> int:
    """Insert new records (each a dict of column values with its `id`); returns how many."""
    if not rows:
        return 0
    model = MODEL_BY_ENTITY[entity]
    table = model.__table__  # type: ignore[attr-defined]
    names = [c.name for c in table.columns if c.name not in BOOKKEEPING_COLUMNS]
    first = ledger.allocate(session, len(rows))
    now = utcnow()
    records, index, log = [], [], []
    for offset, row in enumerate(rows):
        seq = first + offset
        area = cached_area(entity, row, cache)
        cache[(entity, row["id"])] = area
        values = {n: row[n] for n in names if n in row}
        records.append(
            {
                **values,
                "id": row["id"],
                "rev": seq,
                "updated_at": row.get("updated_at", now),
                "updated_by": author.username,
                "deleted": bool(row.get("deleted", False)),
            }
        )
        index.append(
            {
                "entity": entity,
                "record_id": row["id"],
                "seq": seq,
                "area_code": area,
                "created_seq": seq,
                "created_origin": author.origin,
            }
        )
        log.append(
            {
                "seq": seq,
                "entity": entity,
                "record_id": row["id"],
                "kind": "create",
                "fields": {k: to_wire(v) for k, v in values.items()},
                "area_code": area,
                "from_area": None,
                "username": author.username,
                "origin": author.origin,
                "op_id": None,
                "at": now,
            }
        )
    for start in range(0, len(rows), CHUNK):
        session.execute(insert(table), records[start : start + CHUNK])
        session.execute(insert(RecordIndex), index[start : start + CHUNK])
        session.execute(insert(ChangeLog), log[start : start + CHUNK])
    if table is FormResponse.__table__:
        summary.add_new(session.connection(), records)
    return len(rows)
