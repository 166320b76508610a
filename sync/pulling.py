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
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.store import pull, syncing
from sync.protocol import ConflictInfo, Me, PulledRecord, PullPage, PullRequest
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


def _pulled(record: PulledRecord) -> pull.Pulled:
    return pull.Pulled(
        record.entity,
        record.id,
        record.rev,
        record.deleted,
        record.updated_at,
        record.updated_by,
        record.fields,
    )


def _apply(client: SyncClient, page: PullPage, state: dict[str, str], reindex: bool = True) -> None:
    applied = pull.apply_page(
        client.db,
        [_pulled(r) for r in page.records],
        [(g.entity, g.id) for g in page.gone],
        [conflict_row(c) for c in page.conflicts],
        state,
        reindex=reindex,
    )
    client.households.update(
        r.id if r.entity == "household" else str(r.fields.get("household_id") or "")
        for r in page.records
        if r.entity == "household" or "household_id" in r.fields
    )
    client.households.discard("")
    client.add("received", applied.received)
    client.add("removed", applied.removed)
    client.progress("received", int(client.counts.get("received", 0)), 0)


def _pages(client: SyncClient, request: PullRequest) -> Iterator[PullPage]:
    """The pages from `request` on, the next one fetched while the caller applies this one."""

    def fetch(cursor: int) -> PullPage:
        ask = request.model_copy(update={"cursor": cursor})
        return client.transport.call("POST", "/pull", PullPage, ask)

    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(fetch, request.cursor)
        while True:
            page = future.result()
            if page.more:
                future = pool.submit(fetch, page.next_cursor)
            yield page
            if not page.more:
                return


def _rescope(client: SyncClient, me: Me, plan: dict[str, Any]) -> None:
    """Pull the added areas up to the old cursor and drop the removed ones' records."""
    request = PullRequest(
        cursor=plan["cursor"],
        limit=client.page_size,
        upto=plan["upto"],
        added=plan["added"],
        removed=plan["removed"],
    )
    for page in _pages(client, request):
        client.check()
        plan = {**plan, "cursor": page.next_cursor}
        if page.more:
            _apply(client, page, {"rescope": json.dumps(plan)})
        else:
            _apply(client, page, {"rescope": "", "scope": json.dumps(me.scope)})


def pull_all(client: SyncClient, me: Me, restarts: int = 0) -> None:
    """Pull every page after the cursor (re-scoping first when the user's areas changed).

    A first sync (cursor 0) leaves the search index behind while it pulls and rebuilds it
    once at the end: much faster than page by page, and resumed like the pull itself.
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
    stale = cursor == 0 or state.get("search_stale") == "1"
    scope = json.dumps(me.scope)
    changed = False
    for page in _pages(client, PullRequest(cursor=cursor, limit=client.page_size)):
        client.check()
        if sorted(page.scope) != sorted(me.scope):
            changed = True  # the areas changed during this sync: start again with the new ones
            break
        values = {"cursor": str(page.next_cursor), "scope": scope}
        if stale:
            values["search_stale"] = "1"
        _apply(client, page, values, reindex=not stale)
    if changed:
        if restarts >= MAX_RESTARTS:
            raise BadAnswer("scope keeps changing")
        pull_all(client, client.transport.call("GET", "/me", Me), restarts + 1)
    elif stale:
        pull.rebuild_search(client.db, {"search_stale": ""})


def fetch_blobs(client: SyncClient) -> None:
    """Download the photos of attachments received without their content."""
    missing = syncing.missing_blobs(client.db)
    for done, sha in enumerate(missing, start=1):
        client.check()
        try:
            data = client.transport.get_blob(sha)
        except Refused:
            continue  # not on the server (yet): the next sync asks again
        if hashlib.sha256(data).hexdigest() != sha:
            raise BadAnswer(f"附件 {sha[:12]} 的内容与校验值不符")
        client.db.blobs.put(data)
        client.add("blobs_received")
        client.progress("photos_in", done, len(missing))
