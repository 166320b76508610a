"""A visit's note travels like its other fields: typed on one laptop, on the server and
on the reviewer's laptop after a sync; a change of the note alone sends the note alone."""

from __future__ import annotations

from collections.abc import Callable

from app.services.registry import Registry
from app.services.visits import Visits
from app.store.database import Database
from app.store.work import Visit
from sync.server.db import ServerDatabase
from tests.sync.laptops import outbox, sync
from tests.sync.servers import ALICE_VILLAGE, ServerProcess


def visit_on(db: Database | ServerDatabase, household_id: str) -> Visit:
    with db.read() if isinstance(db, ServerDatabase) else db.session() as s:
        [visit] = s.query(Visit).filter(Visit.household_id == household_id).all()
        s.expunge(visit)
        return visit


def test_a_visit_note_reaches_the_server_and_the_other_laptop(
    server: tuple[ServerProcess, ServerDatabase], laptops: Callable[..., Database]
) -> None:
    process, database = server
    alice, rita = laptops(process, "alice"), laptops(process, "rita")
    hid, _ = Registry(alice, "alice").add_household(
        {"area_code": ALICE_VILLAGE, "address": "南山路1号"}
    )
    visits = Visits(alice, "alice")
    visits.keep_note(hid, "母亲代答")
    assert sync(alice).status == "done"
    assert visit_on(database, hid).note == "母亲代答"
    visits.complete(hid, "母亲代答；证件已核对")
    [pending] = outbox(alice)
    assert set(pending.fields) == {"state", "method", "visited_at", "note"}
    assert sync(alice).status == "done"
    sync(rita)
    seen = visit_on(rita, hid)
    assert (seen.note, seen.state, seen.member) == ("母亲代答；证件已核对", "made", "alice")
