"""The laptop's sync from the command line: `python -m sync login|run ...`.

    login SERVER USER     first sign-in on this laptop: makes the encrypted database
                          (the password becomes its key), keeps the device token in it,
                          pulls the user's areas; then `python -m ui.main` opens it
    run                   sync now and print the receipt (the program's 同步 button)

The database is `--db PATH`, by default the program's own (the platform's data folder,
`Fieldvisit/district/fieldvisit.db`). `--ca FILE` trusts a district's own certificate.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from platformdirs import user_data_dir

from app.store import syncing
from app.store.database import Database
from app.store.errors import StoreError
from sync.client import STAGES, SyncClient, first_login
from sync.report import receipt_text
from sync.transport import SyncError


def default_db_path() -> Path:
    """Where the program looks for the district database (ui/main.py, not the demo)."""
    return Path(user_data_dir("Fieldvisit", appauthor=False)) / "district" / "fieldvisit.db"


def _progress(stage: str, done: int, total: int) -> None:
    shown = f"{done}/{total}" if total else str(done)
    print(f"\r{STAGES.get(stage, stage)} {shown}   ", end="", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sync",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--db", type=Path, default=default_db_path())
    parser.add_argument("--ca", type=Path, help="CA bundle for the server's certificate")
    sub = parser.add_subparsers(dest="command", required=True)
    login = sub.add_parser("login", help="first sign-in on this laptop")
    login.add_argument("server", help="e.g. https://sync.example.org or http://127.0.0.1:8765")
    login.add_argument("user")
    sub.add_parser("run", help="sync now")
    args = parser.parse_args(argv)
    password = getpass.getpass("密码：")
    try:
        if args.command == "login":
            db = first_login(
                args.server, args.user, password, args.db, ca_bundle=args.ca, progress=_progress
            )
        else:
            db = Database.open(args.db, password)
            client = SyncClient(db, ca_bundle=args.ca, progress=_progress)
            try:
                client.sync()
            finally:
                client.close()
    except (SyncError, StoreError) as exc:
        print(f"\n{exc}", file=sys.stderr)
        return 1
    try:
        receipt = syncing.last_receipt(db)
        print("\n" + (receipt_text(receipt) if receipt else ""))
    finally:
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
