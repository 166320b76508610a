"""备份 and 恢复: one file restored on a second data folder, and every kind of bad file refused
with the target folder's files byte for byte as they were."""

from __future__ import annotations

import json
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.services.attachments import attach
from app.services.registry import Registry
from app.store import syncing
from app.store.backup import DB_NAME, KEYINFO_NAME, MANIFEST, SEAL, daily_copies, daily_copy
from app.store.backup import write_backup as write
from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from app.store.outbox import OutboxOp
from app.store.registry import Household
from app.store.restore import (
    BackupDamaged,
    BackupOfAnotherUser,
    BackupWrongPassword,
    NewerBackup,
    restore_backup,
)
from app.store.work import Attachment
from tests.conftest import PASSWORD, VILLAGE

PHOTOS = [bytes([n]) * (5000 + n) for n in range(3)]


def filled(db: Database, user: str = "alice") -> tuple[list[str], list[str]]:
    """Households with photos on `user`'s laptop, all in the outbox; (ids, photo shas)."""
    syncing.put_state(db, {"username": user, "client_id": "client-1", "device_id": "dev-1"})
    registry = Registry(db, user)
    ids, shas = [], []
    for n, data in enumerate(PHOTOS):
        hid, _ = registry.add_household(
            {"area_code": VILLAGE, "address": f"南山路{n}号", "hukou_type": "1"}
        )
        ids.append(hid)
        attach(db, user, owner_entity="household", owner_id=hid, data=data, mime="image/jpeg")
        shas.append(db.blobs.put(data))
    return ids, shas


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes (what a refused restore must leave alone)."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def backup_file(db: Database, tmp_path: Path) -> Path:
    filled(db)
    return write(db, tmp_path / "usb")


@pytest.fixture
def other_laptop(tmp_path: Path) -> Path:
    """A second data folder that already holds alice's (older) database."""
    path = tmp_path / "other" / "fieldvisit.db"
    other = Database.create(path, PASSWORD, kdf=FAST_TEST_KDF)
    syncing.put_state(other, {"username": "alice"})
    other.blobs.put(b"an older photo")
    other.close()
    return path


def test_a_backup_restored_on_a_second_folder_has_every_record_and_photo(
    db: Database, tmp_path: Path
) -> None:
    ids, shas = filled(db)
    pending = [op.op_id for op in db.session().scalars(select(OutboxOp).order_by(OutboxOp.seq))]
    written = write(db, tmp_path / "usb")
    with zipfile.ZipFile(written) as archive:
        manifest = json.loads(archive.read(MANIFEST))
    assert manifest["user"] == "alice" and manifest["format"] == 1
    assert {f["name"] for f in manifest["files"]} >= {DB_NAME, KEYINFO_NAME}
    assert len(manifest["files"]) == 2 + len(PHOTOS)

    restored = restore_backup(written, PASSWORD, tmp_path / "new" / "fieldvisit.db")
    try:
        with restored.session() as s:
            assert sorted(s.scalars(select(Household.id))) == sorted(ids)
            assert s.scalar(select(func.count()).select_from(Attachment)) == len(PHOTOS)
            outbox = list(s.scalars(select(OutboxOp.op_id).order_by(OutboxOp.seq)))
        assert outbox == pending  # the unsynced work travels with the same op ids
        assert [restored.blobs.get(sha) for sha in shas] == PHOTOS
        state = syncing.state(restored)
        assert state["client_id"] == "client-1"  # the server knows its ops by it
        assert "device_id" not in state and syncing.token(restored) is None  # a new device
        assert state[syncing.RESTORED] == "1"  # until it has signed in again
    finally:
        restored.close()


def test_restoring_over_a_folder_keeps_its_old_files_aside(
    backup_file: Path, other_laptop: Path
) -> None:
    before = folder_bytes(other_laptop.parent)
    restored = restore_backup(backup_file, PASSWORD, other_laptop, owner="alice")
    restored.close()
    [kept] = other_laptop.parent.glob("fieldvisit.db.before-restore-*")
    assert folder_bytes(kept) == before  # nothing of the laptop is deleted by a restore


def _rewritten(source: Path, target: Path, change: dict[str, bytes]) -> Path:
    """A copy of the backup with members replaced, as someone without the password would."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            new.writestr(item.filename, change.get(item.filename, old.read(item.filename)))
    return target


def _flipped(source: Path, target: Path, member: str) -> Path:
    """A copy of the backup with one byte flipped in the middle of `member`'s data."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo(member)
    header = 30 + len(info.filename.encode()) + len(info.extra)
    data[info.header_offset + header + info.compress_size // 2] ^= 0x01
    target.write_bytes(bytes(data))
    return target


def _members(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return [n for n in archive.namelist() if not n.startswith("blobs/")] + [
            next(n for n in archive.namelist() if n.startswith("blobs/"))
        ]


def test_a_flipped_byte_in_any_part_is_refused_and_nothing_replaced(
    backup_file: Path, other_laptop: Path, tmp_path: Path
) -> None:
    before = folder_bytes(other_laptop.parent)
    for member in _members(backup_file):  # manifest, seal, database, key info, a photo
        bad = _flipped(backup_file, tmp_path / "flipped.fvbackup", member)
        with pytest.raises(BackupDamaged):
            restore_backup(bad, PASSWORD, other_laptop, owner="alice")
        assert folder_bytes(other_laptop.parent) == before, member


def test_a_truncated_backup_is_refused_and_nothing_replaced(
    backup_file: Path, other_laptop: Path, tmp_path: Path
) -> None:
    before = folder_bytes(other_laptop.parent)
    data = backup_file.read_bytes()
    for length in (0, 100, len(data) // 2, len(data) - 10):
        short = tmp_path / "short.fvbackup"
        short.write_bytes(data[:length])
        with pytest.raises(BackupDamaged):
            restore_backup(short, PASSWORD, other_laptop, owner="alice")
        assert folder_bytes(other_laptop.parent) == before, length


def test_a_manifest_rewritten_without_the_password_is_refused(
    backup_file: Path, other_laptop: Path, tmp_path: Path
) -> None:
    """The files and hashes agree, but the manifest says another user: its seal does not."""
    with zipfile.ZipFile(backup_file) as archive:
        manifest = json.loads(archive.read(MANIFEST))
    manifest["user"] = "bob"
    changed = json.dumps(manifest).encode()
    bad = _rewritten(backup_file, tmp_path / "bob.fvbackup", {MANIFEST: changed})
    before = folder_bytes(other_laptop.parent)
    with pytest.raises(BackupDamaged):
        restore_backup(bad, PASSWORD, other_laptop, owner="bob")
    assert folder_bytes(other_laptop.parent) == before


def test_a_folder_the_password_opens_is_known_to_be_its_users(db: Database, tmp_path: Path) -> None:
    """From the unlock screen nobody is signed in: the laptop's database tells its user."""
    filled(db, user="bob")
    bobs = write(db, tmp_path / "usb")
    path = tmp_path / "alices" / "fieldvisit.db"
    alices = Database.create(path, PASSWORD, kdf=FAST_TEST_KDF)
    syncing.put_state(alices, {"username": "alice"})
    alices.close()
    before = folder_bytes(path.parent)
    with pytest.raises(BackupOfAnotherUser):
        restore_backup(bobs, PASSWORD, path)
    assert folder_bytes(path.parent) == before


def test_a_wrong_password_is_refused_by_name_and_nothing_replaced(
    backup_file: Path, other_laptop: Path
) -> None:
    before = folder_bytes(other_laptop.parent)
    with pytest.raises(BackupWrongPassword) as refused:
        restore_backup(backup_file, PASSWORD + "x", other_laptop, owner="alice")
    assert "密码错误" in str(refused.value)
    assert folder_bytes(other_laptop.parent) == before


def test_another_users_backup_is_refused_and_nothing_replaced(
    backup_file: Path, other_laptop: Path
) -> None:
    before = folder_bytes(other_laptop.parent)
    with pytest.raises(BackupOfAnotherUser) as refused:
        restore_backup(backup_file, PASSWORD, other_laptop, owner="bob")
    assert "另一个用户" in str(refused.value)
    assert folder_bytes(other_laptop.parent) == before


@pytest.mark.parametrize(
    ("field", "value"),
    [("format", 2), ("schema_revision", "9999"), ("program_version", "99.0.0")],
)
def test_a_newer_programs_backup_is_refused_and_nothing_replaced(
    db: Database, other_laptop: Path, tmp_path: Path, field: str, value: object
) -> None:
    """A manifest of a newer program, sealed with the right key (written by that program)."""
    from app.store.backup import seal

    filled(db)
    written = write(db, tmp_path / "usb")
    with zipfile.ZipFile(written) as archive:
        manifest = json.loads(archive.read(MANIFEST))
    manifest[field] = value
    body = json.dumps(manifest).encode()
    newer = _rewritten(
        written, tmp_path / "newer.fvbackup", {MANIFEST: body, SEAL: seal(db.key, body).encode()}
    )
    before = folder_bytes(other_laptop.parent)
    with pytest.raises(NewerBackup) as refused:
        restore_backup(newer, PASSWORD, other_laptop, owner="alice")
    assert "更新版本" in str(refused.value)
    assert folder_bytes(other_laptop.parent) == before


def test_a_failure_during_the_swap_puts_the_old_files_back(
    backup_file: Path, other_laptop: Path
) -> None:
    before = folder_bytes(other_laptop.parent)
    now = datetime(2026, 12, 5, 18)
    kept = other_laptop.with_name(f"fieldvisit.db.before-restore-{now:%Y%m%d-%H%M%S}")

    def block_the_blobs() -> None:  # the old blobs cannot be moved aside: the swap stops
        (kept / "fieldvisit.db.blobs" / "in-the-way").mkdir(parents=True)

    with pytest.raises(OSError):
        restore_backup(
            backup_file, PASSWORD, other_laptop, owner="alice", now=now, before_swap=block_the_blobs
        )
    (kept / "fieldvisit.db.blobs" / "in-the-way").rmdir()
    (kept / "fieldvisit.db.blobs").rmdir()
    assert folder_bytes(other_laptop.parent) == before
    reopened = Database.open(other_laptop, PASSWORD)
    assert reopened.blobs.get(reopened.blobs.put(b"an older photo")) == b"an older photo"
    reopened.close()


def test_rolling_copies_keep_one_a_day_for_seven_days(db: Database) -> None:
    filled(db)
    start = datetime(2026, 12, 1, 9)
    for day in range(10):
        for hour in (0, 5):  # two syncs a day: one copy
            daily_copy(db, today=start + timedelta(days=day, hours=hour))
    names = sorted(c.name for c in daily_copies(db.path))
    assert names == [
        f"fieldvisit.db.backup-day-{start + timedelta(days=d):%Y%m%d}" for d in range(3, 10)
    ]
    for copy in daily_copies(db.path):  # each opens with the password, like the database
        opened = Database.open(copy, PASSWORD)
        with opened.session() as s:
            assert s.scalar(select(func.count()).select_from(Household)) == len(PHOTOS)
        opened.close()
