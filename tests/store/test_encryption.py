"""Encryption at rest: no plaintext on disk, wrong password refused, password change."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services.registry import Registry
from app.store.database import Database
from app.store.errors import WrongPassword
from app.store.keys import FAST_TEST_KDF, KdfParams, KeyInfo, derive_key
from tests.conftest import PASSWORD, VILLAGE

NAME = "欧阳堃明"
RESIDENT_ID = "330213198807150014"


def _all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_database_and_blobs_hold_no_plaintext(db: Database, db_path: Path) -> None:
    registry = Registry(db, "member1")
    hid, _ = registry.add_household({"area_code": VILLAGE, "address": "南山路88号"})
    registry.add_person(hid, {"name": NAME, "id_number": RESIDENT_ID})
    photo = f"consent form of {NAME} {RESIDENT_ID}".encode()
    sha = db.blobs.put(photo)
    assert db.blobs.get(sha) == photo
    db.close()

    raw = _all_bytes(db_path.parent)
    for secret in (
        NAME.encode(),
        NAME.encode("utf-16-le"),
        RESIDENT_ID.encode(),
        b"SQLite format 3",
    ):
        assert secret not in raw
    assert b"consent form" not in raw
    assert db_path.read_bytes()[:16] != b"SQLite format 3\x00"


def test_wrong_password_says_so_and_changes_nothing(db: Database, db_path: Path) -> None:
    db.close()
    before = db_path.read_bytes()
    with pytest.raises(WrongPassword) as caught:
        Database.open(db_path, "not the password")
    assert str(caught.value) == "密码错误"
    assert db_path.read_bytes() == before
    assert not list(db_path.parent.glob("*.backup-*"))


def test_change_password(db: Database, db_path: Path) -> None:
    registry = Registry(db, "member1")
    hid, _ = registry.add_household({"area_code": VILLAGE, "address": "南山路1号"})
    sha = db.blobs.put(b"photo bytes")
    with pytest.raises(WrongPassword):
        db.change_password("wrong old password", "new secret")
    db.change_password(PASSWORD, "新的密码 2026")
    db.close()
    with pytest.raises(WrongPassword):
        Database.open(db_path, PASSWORD)
    reopened = Database.open(db_path, "新的密码 2026")
    from app.store.registry import Household

    with reopened.session() as s:
        assert s.get(Household, hid) is not None
    assert reopened.blobs.get(sha) == b"photo bytes"
    reopened.close()


def test_password_change_interrupted_after_rekey_still_opens(db: Database, db_path: Path) -> None:
    """A crash between the rekey and the rename of the key file loses nothing."""
    from app.store.keys import keyinfo_path, pending_keyinfo_path

    old_info = keyinfo_path(db_path).read_text()
    db.change_password(PASSWORD, "after crash")
    db.close()
    # put the world back as it was right before the rename
    pending_keyinfo_path(db_path).write_text(keyinfo_path(db_path).read_text())
    keyinfo_path(db_path).write_text(old_info)
    reopened = Database.open(db_path, "after crash")
    reopened.close()
    assert not pending_keyinfo_path(db_path).exists()


def test_default_kdf_is_slow_and_salted() -> None:
    params = KdfParams()
    assert params.memory_kib >= 65_536
    a, b = KeyInfo.new(FAST_TEST_KDF), KeyInfo.new(FAST_TEST_KDF)
    assert a.salt != b.salt
    assert derive_key("pw", a) != derive_key("pw", b)
    assert derive_key("pw", a) == derive_key("pw", a)
