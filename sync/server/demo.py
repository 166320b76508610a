"""A demo server database: the demo district of `app.demo`, its users, one password for all.

The district is built exactly as the program's own demo builds it (same seed, same
record ids), in a throw-away laptop database, then copied into the server's
tables through the ledger. Every demo user (`demo` the admin, reviewers
`town001`..., members `m` + the last six digits of their village code) signs in
with the password DEMO_PASSWORD.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from app.demo.__main__ import DEMO_PASSWORD
from app.demo.district import DemoSummary, build_demo_district
from app.demo.monthly import write_change_lists
from app.domain.months import month_of
from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from app.store.registry import Area, User
from app.store.schema import SYNCED_MODELS
from sync.server import audit, auth, bulk, db, ledger
from sync.server.tables import Credential

DEMO_DAY = date(2026, 11, 1)


class NotEmpty(RuntimeError):
    """The server database has data already: the demo never writes over real data."""


def build_demo_server(
    database: db.ServerDatabase,
    *,
    persons: int = 15_000,
    seed: int = 1,
    password: str = DEMO_PASSWORD,
    progress: Callable[[str], None] | None = None,
    lists_folder: Path | None = None,
) -> DemoSummary:
    """Fill an empty, initialised server database with the demo district; with
    `lists_folder`, this month's change lists go there as the agencies' spreadsheets
    (for `import-changes`: their rows are the month's tasks already, plus some to refuse)."""
    db.upgrade(database)
    with database.read() as s:
        if s.scalar(select(func.count()).select_from(User)) or s.scalar(
            select(func.count()).select_from(Area)
        ):
            raise NotEmpty("the server database is not empty: the demo needs a new one")
    with tempfile.TemporaryDirectory(prefix="fieldvisit-demo-") as folder:
        # a throw-away local database: cheap key derivation is fine, it is deleted below
        laptop = Database.create(Path(folder) / "demo.db", "demo", kdf=FAST_TEST_KDF)
        try:
            summary = build_demo_district(laptop, persons=persons, seed=seed, today=DEMO_DAY)
            if progress:
                progress(f"built {summary.persons} persons; copying to the server")
            _copy(laptop, database)
            if lists_folder is not None:
                write_change_lists(laptop, lists_folder, month_of(DEMO_DAY))
        finally:
            laptop.close()
    # one hash for all: the same password, and 500 argon2 hashes would take half a minute
    hashed = auth.hash_password(password)
    with database.write() as s:
        s.add_all(Credential(username=u, password_hash=hashed) for u in summary.users)
        audit.record(s, "admin", "", "demo", {"persons": summary.persons}, "")
    return summary


def _copy(laptop: Database, database: db.ServerDatabase) -> None:
    author = ledger.Author("server")
    cache: bulk.AreaCache = {}
    with database.write() as s, laptop.engine.connect() as conn:
        ledger.lock(s)
        for model in SYNCED_MODELS:
            table = model.__table__  # type: ignore[attr-defined]
            query = select(table).order_by(table.c.rev, table.c.id)
            rows = [dict(r) for r in conn.execute(query).mappings()]
            bulk.create_many(s, model.entity, rows, author=author, cache=cache)
