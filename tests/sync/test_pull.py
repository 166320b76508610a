"""Pulling over a real socket: re-scope after an assignment change, a cancelled pull resumed,
and the receipt kept and printable."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.domain.identity import make_resident_id
from app.services.registry import Registry
from app.services.visits import Visits
from app.store import syncing
from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from app.store.receipts import SyncReceipt
from app.store.registry import Area, Household
from app.store.search import search
from sync.client import SyncClient, first_login
from sync.report import receipt_text
from sync.server import admin
from sync.server.db import ServerDatabase
from sync.transport import Cancelled, Unauthorized
from tests.sync.laptops import outbox, sync
from tests.sync.servers import ALICE_VILLAGE, BOB_VILLAGE, PASSWORDS, ServerProcess

Server = tuple[ServerProcess, ServerDatabase]
Laptops = Callable[..., Database]


def households(db: Database) -> set[str]:
    with db.session() as s:
        return set(s.scalars(select(Household.id)))


def test_an_assignment_change_rescopes_the_next_pull(server: Server, laptops: Laptops) -> None:
    process, database = server
    alice, bob = laptops(process, "alice"), laptops(process, "bob")
    bobs, _ = Registry(bob, "bob").add_household({"area_code": BOB_VILLAGE, "head_name": "柴进"})
    sync(bob)
    registry = Registry(alice, "alice")
    quiet, _ = registry.add_household({"area_code": ALICE_VILLAGE, "head_name": "王芳"})
    busy, _ = registry.add_household({"area_code": ALICE_VILLAGE, "head_name": "李四"})
    sync(alice)
    assert households(alice) == {quiet, busy}
    registry.update_household(busy, {"phone": "13957400001"})  # not sent yet
    admin.assign(database, "alice", add=[BOB_VILLAGE], remove=[ALICE_VILLAGE])
    receipt = sync(alice)
    # the edit is refused (no longer hers) and kept; the other household left with its area
    assert receipt.refused == 1 and outbox(alice)[0].status == "refused"
    assert households(alice) == {bobs, busy}
    assert receipt.removed >= 1
    admin.assign(database, "alice", add=[ALICE_VILLAGE], remove=[])
    sync(alice)
    assert households(alice) == {bobs, busy, quiet}
    assert syncing.state(alice)["rescope"] == ""


def test_a_cancelled_pull_resumes_where_it_stopped(server: Server, tmp_path: Path) -> None:
    process, _database = server
    path = tmp_path / "rita.db"
    cancel = threading.Event()

    def progress(stage: str, done: int, _total: int) -> None:
        if stage == "received" and done >= 100:
            cancel.set()

    with pytest.raises(Cancelled):
        first_login(
            process.url,
            "rita",
            PASSWORDS["rita"],
            path,
            kdf=FAST_TEST_KDF,
            progress=progress,
            cancel=cancel,
            page_size=50,
            snapshot=False,  # page by page (an empty laptop otherwise takes one image)
        )
    db = Database.open(path, PASSWORDS["rita"])
    try:
        cursor = int(syncing.state(db)["cursor"])
        assert cursor > 0
        with db.session() as s:
            assert 0 < s.scalar(select(func.count()).select_from(Area)) < 350  # type: ignore[operator]
        stopped = syncing.last_receipt(db)
        assert stopped is not None and stopped.status == "cancelled"
        client = SyncClient(db, page_size=100, snapshot=False)
        try:
            receipt = client.sync()
        finally:
            client.close()
        assert receipt.status == "done"
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(Area)) == 350
        assert int(syncing.state(db)["cursor"]) > cursor
    finally:
        db.close()


def test_the_receipt_is_kept_and_printable(server: Server, laptops: Laptops) -> None:
    process, _database = server
    alice = laptops(process, "alice")
    Registry(alice, "alice").add_household({"area_code": ALICE_VILLAGE, "head_name": "柴进"})
    sync(alice)
    receipt = syncing.last_receipt(alice)
    assert isinstance(receipt, SyncReceipt) and receipt.status == "done"
    text = receipt_text(receipt)
    assert "同步回执" in text and "发送修改：1 项" in text and "结果：已完成" in text


def test_the_command_line_signs_in_and_syncs(
    server: Server,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from sync.__main__ import main

    process, _database = server
    monkeypatch.setattr("getpass.getpass", lambda _prompt="": PASSWORDS["alice"])
    path = tmp_path / "laptop" / "fieldvisit.db"
    assert main(["--db", str(path), "login", process.url, "alice"]) == 0
    assert "同步回执" in capsys.readouterr().out
    assert main(["--db", str(path), "run"]) == 0
    assert "结果：已完成" in capsys.readouterr().out
    monkeypatch.setattr("getpass.getpass", lambda _prompt="": "wrong")
    assert main(["--db", str(path), "run"]) == 1
    assert "密码错误" in capsys.readouterr().err


def test_a_first_sync_finds_what_the_server_holds(any_server: Server, laptops: Laptops) -> None:
    """A first sync leaves the search index for the end and builds it once; the records come
    as the program stores them, on either server database."""
    process, _database = any_server
    bob = laptops(process, "bob")
    registry = Registry(bob, "bob")
    hid, _ = registry.add_household(
        {"area_code": BOB_VILLAGE, "head_name": "柴进", "hardship": ["1"]}
    )
    sync(bob)
    again = laptops(process, "bob", "bob-again")
    assert syncing.state(again)["search_stale"] == ""
    with again.session() as s:
        for query in ("柴进", "cj", "chaijin"):
            assert [h.household_id for h in search(s.connection(), query)] == [hid], query
        house = s.get(Household, hid)
        assert house is not None and house.hardship == ["1"] and house.head_name == "柴进"
    with bob.engine.connect() as a, again.engine.connect() as b:
        sql = "SELECT * FROM household WHERE id = ?"
        assert tuple(a.exec_driver_sql(sql, (hid,)).one()) == tuple(
            b.exec_driver_sql(sql, (hid,)).one()
        )


def test_a_refused_first_sign_in_leaves_no_database(server: Server, tmp_path: Path) -> None:
    """The database is made while the server checks the password: refused, it goes again."""
    process, _database = server
    path = tmp_path / "rita.db"
    with pytest.raises(Unauthorized):
        first_login(process.url, "rita", "not her password", path, kdf=FAST_TEST_KDF)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("rita")) == []
    db = first_login(process.url, "rita", PASSWORDS["rita"], path, kdf=FAST_TEST_KDF)
    db.close()
    assert path.exists()


def test_a_resumed_first_sync_indexes_once_the_registry_has_come(
    server: Server, laptops: Laptops
) -> None:
    """A first sync broken off before its index was built resumes with the index left behind;
    it builds it at the first page after the households and persons (here: the visit), and
    the pages after follow page by page."""
    process, _database = server
    bob = laptops(process, "bob")
    again = laptops(process, "bob", "bob-again")
    with again.engine.begin() as conn:  # as if broken off before the index was built
        for table in ("search_text", "search_short", "search_doc"):
            conn.exec_driver_sql(f"DELETE FROM {table}")
    syncing.put_state(again, {"search_stale": "1"})
    registry = Registry(bob, "bob")
    first, _ = registry.add_household({"area_code": BOB_VILLAGE, "head_name": "柴进"})
    registry.add_person(
        first, {"name": "王堃", "id_number": make_resident_id("330283", date(1970, 3, 1), 11)}
    )
    Visits(bob, "bob").plan(first, date.today())
    sync(bob)
    second, _ = registry.add_household({"area_code": BOB_VILLAGE, "head_name": "李逵"})
    sync(bob)
    states: list[str] = []

    def progress(stage: str, _done: int, _total: int) -> None:
        if stage == "received":
            states.append(syncing.state(again).get("search_stale", ""))

    assert sync(again, page_size=1, progress=progress).status == "done"
    assert states[0] == "1" and states[-1] == ""  # built before the last page
    assert syncing.state(again)["search_stale"] == ""
    with again.session() as s:
        names = ("柴进", "王堃", "李逵")
        found = {q: [h.household_id for h in search(s.connection(), q)] for q in names}
    assert found == {"柴进": [first], "王堃": [first], "李逵": [second]}
