"""A laptop's backup file (备份): the database, its photos and key information in one file.

The file is a zip (stored, not compressed: everything in it is already encrypted) of

- `fieldvisit.db`: a consistent copy of the database (`VACUUM INTO`, one read
  transaction, so it may be taken while the program runs), encrypted with the
  user's key as the database itself is;
- `fieldvisit.db.keyinfo`: the salt and Argon2id parameters (never the password);
- `blobs/<xx>/<name>.fvb`: the photos, as the encrypted files of the blob store;
- `manifest.json`: format, user, device, client id, time, program version, schema
  revision, and every file above with its size and sha256;
- `manifest.hmac`: HMAC-SHA256 of manifest.json under a key derived from the
  database key, so a manifest changed by anyone without the password is refused.

Blobs are immutable and stored before the rows that name them are committed, so the
database copy is taken first and the photos after it: every photo the copy names is
there. `app/store/restore.py` checks and restores such a file.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import metadata
from pathlib import Path
from typing import Any

from app.store import migrations
from app.store.database import Database, backups_of
from app.store.errors import DiskFull, StoreError, room_to_write
from app.store.keys import keyinfo_path
from app.store.outbox import SyncState

#: the format of the file this program writes; a newer one is refused (`NewerBackup`)
FORMAT = 1
SUFFIX = ".fvbackup"
MANIFEST = "manifest.json"
SEAL = "manifest.hmac"
DB_NAME = "fieldvisit.db"
KEYINFO_NAME = DB_NAME + ".keyinfo"
BLOBS = "blobs/"
_SEAL_LABEL = b"fieldvisit backup manifest"
#: rolling copies before a sync: one a day, the newest this many days kept
DAILY_DAYS = 7
DAILY_LABEL = "day"


def program_version() -> str:
    try:
        return metadata.version("fieldvisit")
    except metadata.PackageNotFoundError:  # a bundle without the package's metadata
        return "0.1.0"


def seal(key: bytes, manifest: bytes) -> str:
    """The manifest's HMAC under a key derived from the database key (not the key itself)."""
    seal_key = hmac.new(key, _SEAL_LABEL, hashlib.sha256).digest()
    return hmac.new(seal_key, manifest, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file says about itself (from its manifest)."""

    user: str
    device_id: str
    client_id: str
    created_at: str
    program_version: str
    schema_revision: str
    files: int
    size: int


def snapshot(db: Database, target: Path) -> None:
    """A consistent copy of the running database at `target`, under the same key."""
    with room_to_write(target), db.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.execute("VACUUM INTO ?", (str(target),))


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _blob_files(folder: Path) -> Iterator[tuple[str, Path]]:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.name.endswith(".tmp"):
            yield BLOBS + path.relative_to(folder).as_posix(), path


def backup_name(user: str, when: datetime) -> str:
    return f"入户走访助手-{user}-{when:%Y%m%d-%H%M%S}{SUFFIX}"


def write_backup(db: Database, folder: Path, *, now: datetime | None = None) -> Path:
    """Write one backup file of `db` into `folder` (a USB stick); its path.

    The file is written under a temporary name and renamed when whole, so a stick pulled
    out mid-way leaves no file that passes for a backup."""
    when = now or datetime.now()
    state = _sync_state(db)
    user = state.get("username", "")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / backup_name(user or "local", when)
    partial = target.with_name(target.name + ".part")
    copy = folder / (target.name + ".db.part")
    try:
        with room_to_write(partial, copy):
            snapshot(db, copy)
            parts: list[tuple[str, Path]] = [
                (DB_NAME, copy),
                (KEYINFO_NAME, keyinfo_path(db.path)),
                *_blob_files(db.blobs.folder),
            ]
            files = [
                {"name": name, "size": path.stat().st_size, "sha256": _sha256_file(path)}
                for name, path in parts
            ]
            manifest = {
                "format": FORMAT,
                "user": user,
                "device_id": state.get("device_id", ""),
                "client_id": state.get("client_id", ""),
                "created_at": when.astimezone().isoformat(timespec="seconds"),
                "program_version": program_version(),
                "schema_revision": migrations.current_revision(db.engine) or "",
                "files": files,
            }
            body = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as archive:
                archive.writestr(MANIFEST, body)
                archive.writestr(SEAL, seal(db.key, body))
                for name, path in parts:
                    archive.write(path, name)
            with open(partial, "rb+") as handle:
                os.fsync(handle.fileno())
        os.replace(partial, target)
    finally:
        copy.unlink(missing_ok=True)
        partial.unlink(missing_ok=True)
    return target


def _sync_state(db: Database) -> dict[str, str]:
    with db.session() as s:
        return {row.key: row.value for row in s.query(SyncState)}


def read_info(manifest: dict[str, Any]) -> BackupInfo:
    files = manifest.get("files") or []
    return BackupInfo(
        user=str(manifest.get("user", "")),
        device_id=str(manifest.get("device_id", "")),
        client_id=str(manifest.get("client_id", "")),
        created_at=str(manifest.get("created_at", "")),
        program_version=str(manifest.get("program_version", "")),
        schema_revision=str(manifest.get("schema_revision", "")),
        files=len(files),
        size=sum(int(f.get("size", 0)) for f in files),
    )


# -- the rolling copies before each sync ------------------------------------------------


def daily_copies(path: Path) -> list[Path]:
    """The rolling copies beside the database, newest first."""
    return [p for p in backups_of(path) if p.name.startswith(f"{path.name}.backup-{DAILY_LABEL}-")]


def daily_copy(db: Database, *, today: datetime | None = None) -> Path | None:
    """Before a sync: copy the database beside itself once a day (`<db>.backup-day-<date>`,
    with its key information, where an unreadable database's message points), and drop the
    copies older than `DAILY_DAYS` days. Photos are not copied: the blob files are never
    changed, only added. A copy that finds no room is left out: the sync goes on."""
    when = today or datetime.now()
    name = f"{db.path.name}.backup-{DAILY_LABEL}-{when:%Y%m%d}"
    target = db.path.with_name(name)
    made: Path | None = None
    if not target.exists():
        part = target.with_name(target.name + ".part")
        part.unlink(missing_ok=True)
        try:
            snapshot(db, part)
            keys = keyinfo_path(target)
            with room_to_write(keys):
                keys.write_bytes(keyinfo_path(db.path).read_bytes())
            os.replace(part, target)
            made = target
        except (DiskFull, OSError, StoreError):
            part.unlink(missing_ok=True)
            keyinfo_path(target).unlink(missing_ok=True)
    oldest = (when - timedelta(days=DAILY_DAYS - 1)).strftime("%Y%m%d")
    for copy in daily_copies(db.path):
        if copy.name.rsplit("-", 1)[-1] < oldest:
            copy.unlink(missing_ok=True)
            keyinfo_path(copy).unlink(missing_ok=True)
    return made
