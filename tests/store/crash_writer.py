"""Child process of the crash test: writes registry changes through the write path forever."""

from __future__ import annotations

import sys
from pathlib import Path

from app.store import changes
from app.store.database import Database
from app.store.registry import Household


def main() -> None:
    path, key_hex, village = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    db = Database.open_with_key(path, bytes.fromhex(key_hex))
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        with db.transaction() as s:
            h = changes.create(
                s, Household, {"area_code": village, "address": f"南山路{n}号"}, user="crash"
            )
            changes.update(s, Household, h.id, {"phone": f"1380000{n:04d}"}, user="crash")
        with db.transaction() as s:
            changes.update(s, Household, h.id, {"address": f"北山路{n}号"}, user="crash")


if __name__ == "__main__":
    main()
