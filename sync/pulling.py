"""The receiving half of a sync: re-scope after an assignment change, pages, photos.

Each page is applied in one transaction together with the cursor it brings (or
the catch-up cursor of a re-scope), so a pull broken off anywhere resumes at the
next page. A re-scope (areas added or removed since the last sync) first pulls
the added areas up to the old cursor and drops the records of removed ones, then
the normal pull continues from the old cursor over the new scope.
"""

from __future__ import annotations

import hashlib
import json
import queue
import re
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from app.store import pull, strays, syncing
from sync.protocol import ConflictInfo, Me, PullPage, PullRequest
from sync.transport import BadAnswer, Refused

if TYPE_CHECKING:
    from sync.client import SyncClient

MAX_RESTARTS = 3


def conflict_row(info: ConflictInfo) -> dict[str, Any]:
    """A conflict as the laptop's SyncConflict column values."""
    return {
        "id": info.conflict_id,
        "op_id": info.op_id,
        "entity": info.entity,
        "record_id": info.record_id,
        "field": info.field,
        "mine": info.mine,
        "theirs": info.theirs,
        "base": info.base,
        "op_fields": dict(info.op_fields),
        "username": info.username,
        "at": datetime.fromisoformat(info.at) if info.at else None,
        "state": info.state,
        "resolution": info.resolution,
        "resolved_by": info.resolved_by,
    }


#: the entities whose records make the search index's documents
SEARCH_ENTITIES = frozenset({"household", "person"})
#: the types of a pulled record's keys (the JSON of `PulledRecord`)
RECORD_TYPES = (
    ("entity", str),
    ("id", str),
    ("rev", int),
    ("deleted", bool),
    ("updated_at", str),
    ("updated_by", str),
    ("fields", dict),
)


@dataclass
class Fetched:
    """A page as received: its envelope (without records), its records as driver rows,
    and the households they concern."""

    page: PullPage
    rows: pull.Prepared
    households: set[str]

    @property
    def feeds_search(self) -> bool:
        """Whether the page brings records the search index is made of."""
        return any(entity in SEARCH_ENTITIES for entity, _ in self.rows.keys)


def _check_records(records: Any) -> list[dict[str, Any]]:
    """The records of a page, checked as `PulledRecord` would (by hand: tens of thousands)."""
    if type(records) is not list:
        raise BadAnswer("records")
    size = len(RECORD_TYPES)
    for record in records:
        if type(record) is not dict or len(record) != size:
            raise BadAnswer("record")
        for key, kind in RECORD_TYPES:
            value = record.get(key)
            if type(value) is not kind:
                raise BadAnswer(f"record {key}")
    return records


def decode_page(data: Any, dialect: Any) -> Fetched:
    """Check a pull page's JSON and turn its records into rows for the laptop database."""
    if type(data) is not dict:
        raise BadAnswer("page")
    records = _check_records(data.get("records"))
    try:
        page = PullPage.model_validate({**data, "records": []})
    except ValidationError as exc:
        raise BadAnswer(str(exc.errors()[0].get("msg", ""))) from exc
    households = {
        r["id"] if r["entity"] == "household" else str(r["fields"].get("household_id") or "")
        for r in records
        if r["entity"] == "household" or "household_id" in r["fields"]
    }
    households.discard("")
    return Fetched(page, pull.prepare(records, dialect), households)


def _apply(
    client: SyncClient, fetched: Fetched, state: dict[str, str], reindex: bool = True
) -> None:
    page = fetched.page
    applied = pull.apply_prepared(
        client.db,
        fetched.rows,
        [(g.entity, g.id) for g in page.gone],
        [conflict_row(c) for c in page.conflicts],
        state,
        reindex=reindex,
    )
    client.households.update(fetched.households)
    client.add("received", applied.received)
    client.add("removed", applied.removed)
    client.progress("received", int(client.counts.get("received", 0)), 0)


#: the end of a page as the server writes it: its cursor is known before the page is decoded
TAIL = re.compile(rb'"next_cursor":(\d+),"more":(true|false),"scope":\[[^\[\]]*\]\}\s*$')
TAIL_BYTES = 65536


def peek_cursor(raw: bytes) -> tuple[int, bool] | None:
    """(next_cursor, more) read from the end of a page without decoding it, if written so."""
    found = TAIL.search(raw, max(0, len(raw) - TAIL_BYTES))
    return (int(found[1]), found[2] == b"true") if found else None


def _loads(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise BadAnswer(str(exc)) from exc


class _Pipeline:
    """Pages from a request on, in three stages that overlap: a thread asks for the next page
    as soon as a page has arrived (its cursor read from its end), a thread decodes and checks
    it and turns it into rows, and the caller applies it (SQLite works without the GIL, so
    decoding goes on meanwhile; the server builds the next page in its own process)."""

    DEPTH = 2

    def __init__(self, client: SyncClient, request: PullRequest) -> None:
        self.client = client
        self.request = request
        self.dialect = client.db.engine.dialect
        self.stop = threading.Event()
        self.arrived: queue.Queue[Any] = queue.Queue(self.DEPTH)
        self.decoded: queue.Queue[Any] = queue.Queue(self.DEPTH)
        self.threads = [
            threading.Thread(target=self._fetch, name="pull-fetch", daemon=True),
            threading.Thread(target=self._decode, name="pull-decode", daemon=True),
        ]

    def _put(self, into: queue.Queue[Any], item: Any) -> bool:
        while not self.stop.is_set():
            try:
                into.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def _get(self, out_of: queue.Queue[Any]) -> Any:
        while not self.stop.is_set():
            try:
                return out_of.get(timeout=0.2)
            except queue.Empty:
                continue
        return None

    def _fetch(self) -> None:
        cursor = self.request.cursor
        try:
            while not self.stop.is_set():
                ask = self.request.model_copy(update={"cursor": cursor})
                raw = self.client.transport.call_raw("POST", "/pull", ask)
                ahead = peek_cursor(raw)
                item: Any = raw
                if ahead is None:  # written otherwise: decode it here to go on
                    item = _loads(raw)
                    data = item if type(item) is dict else {}
                    after, more = data.get("next_cursor"), data.get("more")
                    if type(after) is not int or type(more) is not bool:
                        raise BadAnswer("next_cursor")
                    ahead = (after, more)
                if not self._put(self.arrived, (item, ahead)) or not ahead[1]:
                    return
                cursor = ahead[0]
        except BaseException as exc:  # handed to the caller, raised there
            self._put(self.arrived, exc)

    def _decode(self) -> None:
        try:
            while True:
                got = self._get(self.arrived)
                if got is None:
                    return
                if isinstance(got, BaseException):
                    self._put(self.decoded, got)
                    return
                item, ahead = got
                data = _loads(item) if isinstance(item, bytes) else item
                fetched = decode_page(data, self.dialect)
                if (fetched.page.next_cursor, fetched.page.more) != ahead:
                    raise BadAnswer("next_cursor")
                if not self._put(self.decoded, fetched) or not fetched.page.more:
                    return
        except BaseException as exc:
            self._put(self.decoded, exc)

    def __iter__(self) -> Iterator[Fetched]:
        for thread in self.threads:
            thread.start()
        try:
            while True:
                got = self._get(self.decoded)
                if isinstance(got, BaseException):
                    raise got
                yield got
                if not got.page.more:
                    return
        finally:
            self.stop.set()
            for thread in self.threads:
                thread.join()


def _pages(client: SyncClient, request: PullRequest) -> Iterator[Fetched]:
    """The pages from `request` on (see `_Pipeline`)."""
    yield from _Pipeline(client, request)


def _rescope(client: SyncClient, me: Me, plan: dict[str, Any]) -> None:
    """Pull the added areas up to the old cursor and drop the removed ones' records."""
    request = PullRequest(
        cursor=plan["cursor"],
        limit=client.page_size,
        upto=plan["upto"],
        added=plan["added"],
        removed=plan["removed"],
    )
    for fetched in _pages(client, request):
        client.check()
        page = fetched.page
        plan = {**plan, "cursor": page.next_cursor}
        if page.more:
            _apply(client, fetched, {"rescope": json.dumps(plan)})
        else:
            _apply(client, fetched, {"rescope": "", "scope": json.dumps(me.scope)})


def _from_snapshot(client: SyncClient, me: Me) -> bool:
    """An empty laptop's first sync: every record in scope from one SQLite image made by the
    server (`sync/server/snapshot.py`), copied table by table; its cursor, written with the
    last table, is where the pages go on from. Held in memory only: nothing of it lands
    unencrypted on the disk. False when the server gives none (an older server, or more
    than one image should carry): the pages then bring everything."""
    raw, client.image = client.image, None
    if raw is None:
        raw = client.transport.get_optional("/snapshot")
    if raw is None:
        return False
    image = sqlite3.connect(":memory:")
    try:
        try:
            image.deserialize(raw)
            del raw
            meta = dict(image.execute("SELECT key, value FROM meta").fetchall())
            tables = {row[0] for row in image.execute("SELECT name FROM sqlite_master")}
        except sqlite3.DatabaseError as exc:
            raise BadAnswer(f"snapshot: {exc}") from exc
        if meta.get("layout") != "1" or sorted(json.loads(meta["scope"])) != sorted(me.scope):
            return False  # another layout, or the areas changed meanwhile: pages instead
        found = [ConflictInfo.model_validate(c) for c in json.loads(meta["conflicts"])]
        models = [m for m in pull.SYNCED_MODELS if m.__table__.name in tables]  # type: ignore[attr-defined]
        for n, model in enumerate(models, start=1):
            client.check()
            columns = pull.row_columns(model)
            at = columns.index("id")
            names = ", ".join(f'"{c}"' for c in columns)
            rows = image.execute(f'SELECT {names} FROM "{model.__table__.name}"').fetchall()  # type: ignore[attr-defined]
            prepared = pull.Prepared(
                keys=[(model.entity, row[at]) for row in rows], full={model.entity: rows}
            )
            last = n == len(models)
            state = {
                "cursor": meta["cursor"],
                "scope": json.dumps(me.scope),
                "search_stale": "1",
            }
            applied = pull.apply_prepared(
                client.db,
                prepared,
                conflicts=[conflict_row(c) for c in found] if last else (),
                state=state if last else None,
                reindex=False,
            )
            client.add("received", applied.received)
            client.progress("received", int(client.counts.get("received", 0)), 0)
    finally:
        image.close()
    return True


def pull_all(client: SyncClient, me: Me, restarts: int = 0) -> None:
    """Pull every page after the cursor (re-scoping first when the user's areas changed).

    A first sync (cursor 0) leaves the search index behind while it pulls and rebuilds it
    once: much faster than page by page, and resumed like the pull itself. It rebuilds it as
    soon as the households and persons have come (a page without any after pages with some:
    a district's registry comes before its years of visits and forms), so that the index is
    built while the server makes the next pages; the pages after follow page by page.
    """
    state = syncing.state(client.db)
    cursor = int(state.get("cursor") or 0)
    held: list[str] = json.loads(state.get("scope") or "[]")
    plan: dict[str, Any] | None = json.loads(state["rescope"]) if state.get("rescope") else None
    if plan is None and state.get("scope") and sorted(held) != sorted(me.scope):
        plan = {
            "added": [p for p in me.scope if not any(p.startswith(q) for q in held)],
            "removed": [q for q in held if not any(q.startswith(p) for p in me.scope)],
            "upto": cursor,
            "cursor": 0,
        }
        syncing.put_state(client.db, {"rescope": json.dumps(plan)})
    if plan is not None:
        _rescope(client, me, plan)
    elif cursor == 0 and client.snapshot and _from_snapshot(client, me):
        state = syncing.state(client.db)
        cursor = int(state.get("cursor") or 0)
    stale = cursor == 0 or state.get("search_stale") == "1"
    scope = json.dumps(me.scope)
    changed = registry_came = False
    for fetched in _pages(client, PullRequest(cursor=cursor, limit=client.page_size)):
        client.check()
        page = fetched.page
        if sorted(page.scope) != sorted(me.scope):
            changed = True  # the areas changed during this sync: start again with the new ones
            break
        values = {"cursor": str(page.next_cursor), "scope": scope}
        if stale:
            values["search_stale"] = "1"
        _apply(client, fetched, values, reindex=not stale)
        if stale and page.more and registry_came and not fetched.feeds_search:
            pull.rebuild_search(client.db, {"search_stale": ""})
            stale = False
        registry_came = registry_came or fetched.feeds_search
    if changed:
        if restarts >= MAX_RESTARTS:
            raise BadAnswer("scope keeps changing")
        pull_all(client, client.transport.call("GET", "/me", Me), restarts + 1)
    elif stale:
        pull.rebuild_search(client.db, {"search_stale": ""})
    if not changed:
        strays.drop_strays(client.db, me.scope)


def fetch_blobs(client: SyncClient) -> None:
    """Download the photos of attachments received without their content. One that
    fails its check is named in the receipt and not kept (the next sync asks again):
    it does not stop the rest."""
    missing = syncing.missing_blobs(client.db)
    sizes = syncing.attachment_sizes(client.db, missing)
    total, done = sum(sizes.values()), 0
    for sha in missing:
        client.check()
        try:
            data = client.transport.get_blob(sha)
        except Refused:
            continue  # not on the server (yet): the next sync asks again
        finally:
            done += sizes.get(sha, 0)
        if hashlib.sha256(data).hexdigest() != sha:
            client.note_damaged(sha, "server")
            continue
        client.db.blobs.put(data)
        client.add("blobs_received")
        client.progress("photos_in", done, total)
