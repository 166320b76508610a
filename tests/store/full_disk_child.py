"""Child process of the full-disk test: each file the store writes, with no room to write it.

The room is taken away the portable way, without root or a small file system of its
own: a file size limit (RLIMIT_FSIZE) with SIGXFSZ ignored, so that a write past it
fails with EFBIG as a write to a full disk fails with ENOSPC. For each of the store's
file writers, prints one JSON line: its name, the message it ended with, and the files
it left beside the ones that were there before.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from app.services.attachments import attach
from app.store.database import Database, backup_copy
from app.store.errors import StoreError
from app.store.keys import KeyInfo, pending_keyinfo_path, write_keyinfo


def writers(db: Database, household_id: str) -> dict[str, Callable[[], object]]:
    """Every kind of file the laptop's store writes besides the database itself."""
    return {
        "photo": lambda: attach(
            db,
            "alice",
            owner_entity="household",
            owner_id=household_id,
            data=os.urandom(300 * 1024),
            mime="image/jpeg",
        ),
        "key information": lambda: write_keyinfo(pending_keyinfo_path(db.path), KeyInfo.new()),
        "backup copy": lambda: backup_copy(db.path, "rev0000"),
    }


def files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def main() -> int:
    path, key_hex, household_id, room = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    db = Database.open_with_key(path, bytes.fromhex(key_hex))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    for name, write in writers(db, household_id).items():
        before = files(path.parent)
        resource.setrlimit(resource.RLIMIT_FSIZE, (int(room), resource.RLIM_INFINITY))
        try:
            write()
            message = "written"
        except StoreError as exc:
            message = f"{type(exc).__name__}: {exc}"
        finally:
            resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY,) * 2)
        left = sorted(files(path.parent) - before)
        print(json.dumps({"writer": name, "message": message, "left": left}), flush=True)
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
