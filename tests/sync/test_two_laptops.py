"""Two laptops and a real server process: changes travel, fields merge, one conflict resolved.

Runs on SQLite, then again on a throw-away PostgreSQL cluster when one can be made.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from app.services.conflicts import Conflicts
from app.services.registry import Registry
from app.store.conflicts import SyncConflict
from app.store.database import Database
from app.store.registry import Household
from app.store.search import search
from sync.server.db import ServerDatabase
from sync.server.tables import Conflict
from tests.sync.laptops import outbox, sync
from tests.sync.servers import ALICE_VILLAGE, ServerProcess

Server = tuple[ServerProcess, ServerDatabase]
Laptops = Callable[..., Database]


def household_on(db: Database | ServerDatabase, hid: str) -> Household:
    with db.read() if isinstance(db, ServerDatabase) else db.session() as s:
        found = s.get(Household, hid)
        assert found is not None
        s.expunge(found)
        return found


def shared_household(alice: Database, rita: Database) -> str:
    """A household alice made and both laptops hold after syncing."""
    hid, _ = Registry(alice, "alice").add_household(
        {"area_code": ALICE_VILLAGE, "address": "南山路1号", "hukou_type": "1"}
    )
    sync(alice)
    sync(rita)
    return hid


def test_a_change_on_one_laptop_appears_on_the_other(any_server: Server, laptops: Laptops) -> None:
    process, _database = any_server
    alice, rita = laptops(process, "alice"), laptops(process, "rita")
    hid, _ = Registry(alice, "alice").add_household(
        {"area_code": ALICE_VILLAGE, "address": "南山路1号", "hukou_type": "1", "head_name": "柴进"}
    )
    receipt = sync(alice)
    assert (receipt.status, receipt.sent, receipt.refused, receipt.conflicts) == ("done", 1, 0, 0)
    assert outbox(alice) == []
    received = sync(rita)
    assert received.received >= 1
    assert household_on(rita, hid).address == "南山路1号"
    with rita.session() as s:  # the search index followed the pulled record
        assert hid in {hit.household_id for hit in search(s.connection(), "柴进")}


def test_different_fields_merge(any_server: Server, laptops: Laptops) -> None:
    process, database = any_server
    alice, rita = laptops(process, "alice"), laptops(process, "rita")
    hid = shared_household(alice, rita)
    Registry(alice, "alice").update_household(hid, {"phone": "13957400001"})
    Registry(rita, "rita").update_household(hid, {"address": "南山路2号"})
    assert sync(alice).conflicts == 0
    assert sync(rita).conflicts == 0
    sync(alice)
    for db in (alice, rita, database):
        record = household_on(db, hid)
        assert (record.phone, record.address) == ("13957400001", "南山路2号")


def test_same_field_gives_one_conflict_resolved_on_a_laptop(
    any_server: Server, laptops: Laptops
) -> None:
    process, database = any_server
    alice, rita = laptops(process, "alice"), laptops(process, "rita")
    hid = shared_household(alice, rita)
    Registry(alice, "alice").update_household(hid, {"phone": "13957400001"})
    Registry(rita, "rita").update_household(hid, {"phone": "13957400002"})
    assert sync(alice).conflicts == 0
    receipt = sync(rita)
    assert receipt.conflicts == 1 and receipt.detail["conflicts"][0]["field"] == "phone"
    # the server kept its value; rita's laptop shows it, with hers kept in the conflict
    assert household_on(database, hid).phone == "13957400001"
    assert household_on(rita, hid).phone == "13957400001"
    conflicts = Conflicts(rita, "rita")
    [conflict] = conflicts.open_conflicts()
    assert (conflict.mine, conflict.theirs, conflict.base) == ("13957400002", "13957400001", "")
    conflicts.resolve(conflict.id, "mine")
    assert sync(rita).conflicts == 0
    sync(alice)
    for db in (alice, rita, database):
        assert household_on(db, hid).phone == "13957400002"
    with database.read() as s:
        [row] = s.scalars(select(Conflict)).all()
        assert (row.state, row.resolution, row.resolved_by) == ("resolved", "mine", "rita")
    with alice.session() as s:  # the member of the village sees it resolved too
        [seen] = s.scalars(select(SyncConflict)).all()
        assert (seen.state, seen.resolution) == ("resolved", "mine")
