"""The laptop program of `bench/faults.py`: one sync of a laptop database, to be killed.

python bench/faults_laptop.py DB KEY_HEX CHUNK_BYTES — prints "ready" once the database
is open, then syncs once (no pause and try again: a killed or failed sync is the point);
exits 0 when the sync is done, 1 when it failed.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.store.database import Database  # noqa: E402
from sync.client import SyncClient  # noqa: E402
from sync.transport import SyncError  # noqa: E402


def main() -> int:
    path, key, chunk = Path(sys.argv[1]), bytes.fromhex(sys.argv[2]), int(sys.argv[3])
    db = Database.open_with_key(path, key)
    client = SyncClient(db, chunk_bytes=chunk, retries=2, backoff=0.05, pauses=())
    print("ready", flush=True)
    try:
        client.sync()
    except SyncError as exc:
        print(f"sync failed: {exc}", file=sys.stderr)
        return 1
    finally:
        client.close()
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
