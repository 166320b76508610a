"""Child process of the full-disk test: stores a photo with too little room for its file.

The room is taken away the portable way, without root or a small file system of its
own: a file size limit (RLIMIT_FSIZE) with SIGXFSZ ignored, so that a write past it
fails with EFBIG as a write to a full disk fails with ENOSPC. Prints the message the
program would show and exits 3 on DiskFull.
"""

from __future__ import annotations

import os
import resource
import signal
import sys
from pathlib import Path

from app.services.attachments import attach
from app.store.database import Database
from app.store.errors import DiskFull

ROOM = 64 * 1024


def main() -> int:
    path, key_hex, household_id = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    db = Database.open_with_key(path, bytes.fromhex(key_hex))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (ROOM, resource.RLIM_INFINITY))
    try:
        attach(
            db,
            "alice",
            owner_entity="household",
            owner_id=household_id,
            data=os.urandom(5 * ROOM),
            mime="image/jpeg",
        )
    except DiskFull as exc:
        print(str(exc), flush=True)
        return 3
    finally:
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
