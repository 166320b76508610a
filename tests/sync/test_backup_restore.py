"""A laptop's backup restored on a second data folder: its unsynced work reaches a real server
exactly once, whether the old laptop was lost (and revoked: the restored laptop signs in as
a new installation) or sent the work after the backup (the same installation signed in
again: the server's receipts answer the resend)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select

from app.services.registry import Registry
from app.store import syncing
from app.store.backup import write_backup
from app.store.database import Database
from app.store.restore import restore_backup
from sync.client import SyncClient
from sync.server import auth
from sync.server.db import ServerDatabase
from sync.server.tables import ChangeLog
from tests.sync.laptops import Wire, outbox, sync
from tests.sync.servers import ALICE_VILLAGE, PASSWORDS, ServerProcess
from tests.sync.test_push_idempotency import server_counts

Server = tuple[ServerProcess, ServerDatabase]
Laptops = Callable[..., Database]


def unsynced_work(db: Database) -> str:
    """A new household and a change to it, both only in the laptop's outbox."""
    registry = Registry(db, "alice")
    hid, _ = registry.add_household(
        {"area_code": ALICE_VILLAGE, "address": "备份路1号", "hukou_type": "1"}
    )
    registry.update_household(hid, {"phone": "13957400009"})
    return hid


def restored_and_signed_in(backup: Path, folder: Path) -> Database:
    """The backup restored into an empty data folder, signed in again with the password."""
    db = restore_backup(backup, PASSWORDS["alice"], folder / "fieldvisit.db")
    client = SyncClient(db)
    try:
        client.relogin(PASSWORDS["alice"])
    finally:
        client.close()
    return db


def changes_of(database: ServerDatabase, record_id: str) -> int:
    with database.read() as s:
        return int(
            s.scalar(
                select(func.count()).select_from(ChangeLog).where(ChangeLog.record_id == record_id)
            )
            or 0
        )


def test_a_lost_laptops_unsynced_work_reaches_the_server_once_after_a_restore(
    server: Server, laptops: Laptops, tmp_path: Path
) -> None:
    process, database = server
    old = laptops(process, "alice", "old")
    hid = unsynced_work(old)
    backup = write_backup(old, tmp_path / "usb")
    auth.revoke(database, syncing.state(old)["device_id"], "admin")  # the laptop was lost

    new = restored_and_signed_in(backup, tmp_path / "new")
    try:
        restored, lost = syncing.state(new), syncing.state(old)
        assert restored["device_id"] != lost["device_id"]
        # the lost laptop's installation may not sign in again: the restored one is new
        assert restored["client_id"] != lost["client_id"]
        assert syncing.RESTORED not in restored
        receipt = sync(new)
        assert receipt.status == "done"
        assert outbox(new) == []
        records, _gone, _cursor = Wire(process, "alice").pull_all()
        assert records[hid]["fields"]["phone"] == "13957400009"
        assert changes_of(database, hid) == 2  # the creation and the change, once each
        counts = server_counts(database)
        assert sync(new).status == "done"
        assert server_counts(database) == counts
    finally:
        new.close()


def test_work_the_old_laptop_sent_after_the_backup_is_not_applied_twice(
    server: Server, laptops: Laptops, tmp_path: Path
) -> None:
    process, database = server
    old = laptops(process, "alice", "old")
    hid = unsynced_work(old)
    backup = write_backup(old, tmp_path / "usb")
    assert sync(old).status == "done"  # the old laptop sent it; the backup does not know
    counts = server_counts(database)

    new = restored_and_signed_in(backup, tmp_path / "new")
    try:
        assert len(outbox(new)) == 2
        # the same installation, signed in again: the server finds its receipts
        assert syncing.state(new)["client_id"] == syncing.state(old)["client_id"]
        assert sync(new).status == "done"  # resent under the same client id: receipts found
        assert outbox(new) == []
        assert changes_of(database, hid) == 2
        assert server_counts(database) == counts  # no sequence, change or receipt more
    finally:
        new.close()
