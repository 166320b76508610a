"""Users on the laptop follow the server, over a real socket: a revoked device or a
disabled user is refused at the next sync, the laptop locks the user's data (kept,
encrypted), the unlock screen says why; once the admin enables the user, signing in
again opens the same data."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.store import account_lock, syncing
from app.store.database import Database
from app.store.registry import Household
from sync.admin_client import AdminClient
from sync.client import SyncClient
from sync.transport import Unauthorized
from tests.sync.laptops import make_laptop, sync
from tests.sync.servers import ALICE_VILLAGE, PASSWORDS, ServerProcess
from ui.account_stop import AccountLocked
from ui.main import open_for_user
from ui.unlock import UnlockDialog

Server = tuple[ServerProcess, object]
ATTEMPT_MS = 60_000


def _laptop_with_a_household(process: ServerProcess, path: Path) -> int:
    from app.services.registry import Registry

    db = make_laptop(process, path, "alice")
    try:
        Registry(db, "alice").add_household(
            {
                "area_code": ALICE_VILLAGE,
                "address": "南山路2号",
                "hukou_type": "1",
                "head_name": "柴进",
            }
        )
        assert sync(db).status == "done"
        return _households(db)
    finally:
        db.close()


def _households(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Household)) or 0)


def _ada(process: ServerProcess) -> AdminClient:
    return AdminClient.sign_in(process.url, "ada", PASSWORDS["ada"])


def _refused_and_locked(path: Path, code: str) -> None:
    db = Database.open(path, PASSWORDS["alice"])
    try:
        with pytest.raises(Unauthorized) as caught:
            sync(db)
        assert caught.value.code == code
        assert account_lock.locked(db) == code
    finally:
        db.close()


def test_a_revoked_device_locks_the_laptop_until_the_admin_enables_the_user(
    server: Server, tmp_path: Path, qtbot: QtBot
) -> None:
    process = server[0]
    path = tmp_path / "alice.db"
    before = _laptop_with_a_household(process, path)
    ada = _ada(process)
    db = Database.open(path, PASSWORDS["alice"])
    device = syncing.state(db)["device_id"]
    db.close()
    listed = {d.id: d for d in ada.devices("alice")}
    assert listed[device].last_sync is not None and listed[device].revoked_at is None
    assert ada.revoke(device, reason="丢失").revoked_at is not None

    _refused_and_locked(path, "auth.revoked")
    # the unlock screen refuses with the reason (a fresh sign-in is refused too)
    dialog = UnlockDialog(lambda u, p: open_for_user(path, u, p), user="alice")
    qtbot.addWidget(dialog)
    dialog.password_edit.setText(PASSWORDS["alice"])
    dialog.unlock()
    qtbot.waitUntil(lambda: not dialog._opening, timeout=ATTEMPT_MS)
    assert dialog.error_label.text() == "此设备已被注销，请联系区残联管理员"
    assert dialog.database is None
    # the data is there, encrypted, untouched
    db = Database.open(path, PASSWORDS["alice"])
    assert _households(db) == before
    db.close()

    ada.set_active("alice", True)  # the admin lets alice's laptops back in
    db = open_for_user(path, "alice", PASSWORDS["alice"])
    try:
        assert account_lock.locked(db) == ""
        assert _households(db) == before
        assert sync(db).status == "done"
    finally:
        db.close()
    ada.close()


def test_a_disabled_user_is_refused_everywhere_and_locks_the_laptop(
    server: Server, tmp_path: Path
) -> None:
    process = server[0]
    path = tmp_path / "alice.db"
    before = _laptop_with_a_household(process, path)
    ada = _ada(process)
    assert ada.set_active("alice", False).active is False

    _refused_and_locked(path, "auth.inactive")
    with pytest.raises(AccountLocked) as locked:
        open_for_user(path, "alice", PASSWORDS["alice"])
    assert str(locked.value) == "此账号已被停用，请联系区残联管理员"
    # a sign-in with the right password says so, a wrong one says only that it is wrong
    with pytest.raises(Unauthorized) as right:
        AdminClient.sign_in(process.url, "alice", PASSWORDS["alice"])
    assert right.value.code == "auth.inactive"
    with pytest.raises(Unauthorized) as wrong:
        AdminClient.sign_in(process.url, "alice", "not her password")
    assert wrong.value.code == "auth.failed"

    ada.set_active("alice", True)
    db = open_for_user(path, "alice", PASSWORDS["alice"])
    try:
        assert _households(db) == before and sync(db).status == "done"
    finally:
        db.close()
    audit = ada.audit(username="ada", action="user_disable")
    assert audit.total == 1 and audit.rows[0].detail == {"username": "alice"}
    ada.close()


def test_a_relogin_after_revocation_waits_for_the_admin(server: Server, tmp_path: Path) -> None:
    process = server[0]
    path = tmp_path / "alice.db"
    _laptop_with_a_household(process, path)
    ada = _ada(process)
    db = Database.open(path, PASSWORDS["alice"])
    try:
        ada.revoke(syncing.state(db)["device_id"])
        client = SyncClient(db)
        try:
            with pytest.raises(Unauthorized) as caught:
                client.relogin(PASSWORDS["alice"])
            assert caught.value.code == "auth.revoked"
            assert account_lock.locked(db) == "auth.revoked"
            ada.reset_password("alice", PASSWORDS["alice"])  # an admin's act lets it back
            client.relogin(PASSWORDS["alice"])
            assert account_lock.locked(db) == "" and client.sync().status == "done"
        finally:
            client.close()
    finally:
        db.close()
        ada.close()
