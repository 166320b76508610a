"""Restore (恢复) a backup file (`app/store/backup.py`) into a data folder.

The file is checked whole before anything is replaced: the zip and every member's CRC,
every file's size and sha256 against the manifest, the manifest's HMAC under the key
derived from the password, the database's every page (cipher_integrity_check) and its
structure (integrity_check), its schema revision. Then the parts are written beside the
data folder's own files and swapped in by renames; the files they replace are kept in
`<db>.before-restore-<time>/` (nothing of the laptop is deleted by a restore).

The restored laptop drops the device token, so it signs in again with the password as
a new device (two laptops never share one token), and keeps the backup's client id, so
the server recognises the ops of its outbox that the old laptop may have sent after the
backup (receipts are kept per user and installation) and applies each once. If the old
laptop was revoked (lost, stolen), the server refuses that installation's sign-in: the
restored laptop (marked `syncing.RESTORED` until it has signed in) then signs in as a
new installation (`sync.client.SyncClient.relogin`), so the revocation does not block it;
its outbox then holds only what the lost laptop never sent, or what it sent before it was
revoked, which comes back to the server as a change to values already there.
"""

from __future__ import annotations

import hmac
import json
import os
import shutil
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlcipher3

from app.store import migrations
from app.store.backup import (
    BLOBS,
    DB_NAME,
    FORMAT,
    KEYINFO_NAME,
    MANIFEST,
    SEAL,
    BackupInfo,
    _sha256_file,
    program_version,
    read_info,
    seal,
)
from app.store.database import Database, _raw_key_literal
from app.store.errors import StoreError, WrongPassword, room_to_write
from app.store.keys import derive_key, keyinfo_path, read_keyinfo
from app.store.outbox import LocalSecret, SyncState
from app.store.syncing import RESTORED, TOKEN


class BackupRefused(StoreError):
    """A backup file that is not restored; nothing of the laptop was changed."""

    user_message = "无法恢复此备份，本机数据未作任何改动"


class BackupDamaged(BackupRefused):
    """The file is truncated, changed or damaged."""

    user_message = "备份文件不完整或已损坏，无法恢复；本机数据未作任何改动"


class BackupWrongPassword(BackupRefused, WrongPassword):
    """The password does not open this backup."""

    user_message = "密码错误：这个密码打不开此备份；本机数据未作任何改动"


class BackupOfAnotherUser(BackupRefused):
    """The data folder belongs to another user than the backup's."""

    user_message = "这是另一个用户的备份，本机数据属于别的用户；本机数据未作任何改动"

    def __init__(self, backup_user: str, owner: str) -> None:
        super().__init__(f"{backup_user} ≠ {owner}")
        self.backup_user = backup_user
        self.owner = owner


class NewerBackup(BackupRefused):
    """The backup was written by a newer program."""

    user_message = "此备份由更新版本的入户走访助手创建，请先升级程序；本机数据未作任何改动"


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split("."):
        digits = "".join(c for c in piece if c.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def _manifest(archive: zipfile.ZipFile) -> tuple[bytes, dict[str, Any]]:
    try:
        body = archive.read(MANIFEST)
        manifest = json.loads(body.decode("utf-8"))
    except (KeyError, ValueError) as exc:
        raise BackupDamaged("manifest") from exc
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), list):
        raise BackupDamaged("manifest")
    return body, manifest


def _open_archive(path: Path) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise BackupDamaged(str(exc)) from exc
    return archive


def _check_newer(manifest: dict[str, Any]) -> None:
    if int(manifest.get("format", 0)) > FORMAT:
        raise NewerBackup(f"format {manifest.get('format')}")
    revision = str(manifest.get("schema_revision", ""))
    if revision and revision not in migrations.KNOWN_REVISIONS:
        raise NewerBackup(f"schema {revision}")
    theirs = str(manifest.get("program_version", ""))
    if theirs and _version_tuple(theirs) > _version_tuple(program_version()):
        raise NewerBackup(f"program {theirs}")


def _extract(archive: zipfile.ZipFile, manifest: dict[str, Any], staged: Path) -> None:
    """Every listed file into `staged` (db, keyinfo, blobs), checked against the manifest;
    a file in the zip that the manifest does not list is refused too."""
    listed = {str(f.get("name", "")): f for f in manifest["files"]}
    names = set(archive.namelist()) - {MANIFEST, SEAL}
    if names != set(listed) or DB_NAME not in listed or KEYINFO_NAME not in listed:
        raise BackupDamaged("files")
    for name, entry in listed.items():
        if name in (DB_NAME, KEYINFO_NAME):
            target = staged / name
        else:
            relative = name[len(BLOBS) :]
            if not name.startswith(BLOBS) or ".." in relative.split("/") or not relative:
                raise BackupDamaged(name)
            target = staged / (DB_NAME + ".blobs") / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with archive.open(name) as source, room_to_write(target), open(target, "wb") as out:
                shutil.copyfileobj(source, out, 1 << 20)
        except (zipfile.BadZipFile, EOFError, ValueError) as exc:  # a disk error goes on up
            raise BackupDamaged(name) from exc
        if target.stat().st_size != int(entry.get("size", -1)):
            raise BackupDamaged(name)
        if _sha256_file(target) != entry.get("sha256"):
            raise BackupDamaged(name)


def _database_checks(path: Path, key: bytes) -> str | None:
    """Open the staged copy with `key`: every page and the structure must check; its
    schema revision (None: none). Raises WrongPassword when the key does not fit."""
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(f'PRAGMA key = "{_raw_key_literal(key)}"')
        conn.execute("PRAGMA cipher_log_level = NONE")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
        except sqlcipher3.DatabaseError as exc:
            raise WrongPassword() from exc
        if conn.execute("PRAGMA cipher_integrity_check").fetchall():
            raise BackupDamaged("cipher_integrity_check")
        if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            raise BackupDamaged("integrity_check")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    except sqlcipher3.DatabaseError as exc:
        raise BackupDamaged(str(exc)) from exc
    finally:
        conn.close()


def _forget_device(path: Path, key: bytes) -> None:
    """The restored laptop signs in again as a new device (its client id is kept)."""
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(f'PRAGMA key = "{_raw_key_literal(key)}"')
        conn.execute(f"DELETE FROM {LocalSecret.__tablename__} WHERE name = ?", (TOKEN,))
        conn.execute(f"DELETE FROM {SyncState.__tablename__} WHERE key = 'device_id'")
        conn.execute(
            f"INSERT OR REPLACE INTO {SyncState.__tablename__} (key, value) VALUES (?, '1')",
            (RESTORED,),
        )
        conn.commit()
    finally:
        conn.close()


def check_backup(
    backup: Path, password: str, staged: Path, *, owner: str | None = None
) -> BackupInfo:
    """Extract and check the whole backup into the empty folder `staged`; raises a
    `BackupRefused` naming what is wrong. `owner`: the user the data folder belongs to."""
    with _open_archive(backup) as archive:
        try:
            bad = archive.testzip()  # every member's CRC: a flipped byte anywhere
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise BackupDamaged(str(exc)) from exc
        if bad is not None:
            raise BackupDamaged(bad)
        body, manifest = _manifest(archive)
        if int(manifest.get("format", 0)) > FORMAT:
            raise NewerBackup(f"format {manifest.get('format')}")
        _extract(archive, manifest, staged)
        try:
            signed = archive.read(SEAL).decode("ascii").strip()
        except (KeyError, UnicodeDecodeError) as exc:
            raise BackupDamaged(SEAL) from exc
    db_path = staged / DB_NAME
    try:
        key = derive_key(password, read_keyinfo(staged / KEYINFO_NAME))
    except StoreError as exc:
        raise BackupDamaged(KEYINFO_NAME) from exc
    if not hmac.compare_digest(seal(key, body), signed):
        # every file matched the manifest: either the password is wrong, or the manifest
        # was rewritten by someone without the password; the database tells which
        try:
            _database_checks(db_path, key)
        except WrongPassword as exc:
            raise BackupWrongPassword() from exc
        raise BackupDamaged(SEAL)
    try:
        revision = _database_checks(db_path, key)
    except WrongPassword as exc:  # the seal fits but the database does not: replaced
        raise BackupDamaged(DB_NAME) from exc
    _check_newer(manifest)
    if revision is not None and revision not in migrations.KNOWN_REVISIONS:
        raise NewerBackup(f"schema {revision}")
    info = read_info(manifest)
    if owner and info.user and owner != info.user:
        raise BackupOfAnotherUser(info.user, owner)
    _forget_device(db_path, key)
    return info


def owner_of(db_path: Path, password: str) -> str | None:
    """The user whose database is at `db_path`, if `password` opens it (None: no database,
    or one this password does not open, a damaged one say: its files are kept aside)."""
    if not db_path.exists():
        return None
    try:
        key = derive_key(password, read_keyinfo(keyinfo_path(db_path)))
    except StoreError:
        return None
    conn = sqlcipher3.connect(str(db_path))
    try:
        conn.execute(f'PRAGMA key = "{_raw_key_literal(key)}"')
        conn.execute("PRAGMA cipher_log_level = NONE")
        query = f"SELECT value FROM {SyncState.__tablename__} WHERE key = 'username'"
        row = conn.execute(query).fetchone()
    except sqlcipher3.DatabaseError:
        return None
    finally:
        conn.close()
    return str(row[0]) if row else None


#: the parts of a data folder's database that a restore replaces
def _parts(db_path: Path) -> list[Path]:
    return [
        db_path,
        keyinfo_path(db_path),
        db_path.with_name(db_path.name + ".blobs"),
        db_path.with_name(db_path.name + "-wal"),
        db_path.with_name(db_path.name + "-shm"),
        db_path.with_name(db_path.name + "-journal"),
    ]


def restore_backup(
    backup: Path,
    password: str,
    db_path: Path,
    *,
    owner: str | None = None,
    now: datetime | None = None,
    before_swap: Callable[[], None] | None = None,
) -> Database:
    """Check `backup` whole, then put it in place of `db_path`'s files and open it.

    The data folder's own files are kept in `<db>.before-restore-<time>/`; a failure at
    any point before the swap has finished puts them back. `owner`: the user the data
    folder belongs to (refused: another user's backup); None: the user of the database
    there, if the password opens it (`owner_of`)."""
    db_path = Path(db_path)
    folder = db_path.parent
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    staged = folder / f".{db_path.name}.restoring-{stamp}"
    shutil.rmtree(staged, ignore_errors=True)
    staged.mkdir()
    if owner is None:
        owner = owner_of(db_path, password)
    try:
        check_backup(backup, password, staged, owner=owner)
        if before_swap is not None:
            before_swap()
        _swap(staged, db_path, folder / f"{db_path.name}.before-restore-{stamp}")
    finally:
        shutil.rmtree(staged, ignore_errors=True)
    return Database.open(db_path, password)


def _swap(staged: Path, db_path: Path, kept: Path) -> None:
    """Move the old parts aside into `kept`, the staged ones in; undo on any failure."""
    moved_out: list[tuple[Path, Path]] = []
    moved_in: list[Path] = []
    try:
        for part in _parts(db_path):
            if part.exists():
                kept.mkdir(exist_ok=True)
                os.replace(part, kept / part.name)
                moved_out.append((part, kept / part.name))
        incoming = (
            (staged / KEYINFO_NAME, keyinfo_path(db_path)),
            (staged / (DB_NAME + ".blobs"), db_path.with_name(db_path.name + ".blobs")),
            (staged / DB_NAME, db_path),  # last: until it is in place, no database opens
        )
        for source, part in incoming:
            if source.exists():
                os.replace(source, part)
                moved_in.append(part)
    except BaseException:
        for part in moved_in:
            if part.is_dir():
                shutil.rmtree(part, ignore_errors=True)
            else:
                part.unlink(missing_ok=True)
        for original, aside in moved_out:
            os.replace(aside, original)
        if kept.exists() and not any(kept.iterdir()):
            kept.rmdir()
        raise
