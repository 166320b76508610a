"""Scope in SQL (`Scope.where`) selects exactly the records `Scope.covers` lets a user read.

The filter is written as ranges of 12-digit codes (an index lookup), not as LIKE:
this checks the two agree on codes of every level, on public and server-only
rows, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from sync.server.db import ServerDatabase
from sync.server.scope import Scope
from sync.server.tables import SERVER_ONLY, RecordIndex
from tests.sync.conftest import _database_url
from tests.sync.servers import seed

CODES = [
    "330213001001",  # villages of one town
    "330213001002",
    "330213001010",
    "330213002001",  # a village of the next town
    "330213100214",
    "330213001000",  # a town's own code
    "330214001001",  # another county
    "330200000000",  # a city
]
SCOPES = [
    ("330213001001",),  # a member's village
    ("330213001",),  # a reviewer's town
    ("330213",),  # a county
    ("330213001002", "330213002"),  # a village and a town
    ("3302130010010",),  # longer than a code: nothing
    ("",),  # everything (an admin)
    (),  # no area
]


@pytest.fixture(params=["sqlite", "postgresql"])
def indexed(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ServerDatabase]:
    db = ServerDatabase(_database_url(request.param, tmp_path, request))
    seed(db)
    with db.write() as s:
        for n, area in enumerate([*CODES, None, SERVER_ONLY]):
            s.add(
                RecordIndex(
                    entity="scope_test",
                    record_id=f"r{n}",
                    seq=10_000 + n,
                    area_code=area,
                    created_seq=10_000 + n,
                )
            )
    yield db
    db.dispose()


@pytest.mark.parametrize("prefixes", SCOPES, ids=lambda p: ",".join(p) or "none")
@pytest.mark.parametrize("public", [True, False], ids=["with public", "without public"])
def test_the_sql_filter_agrees_with_covers(
    indexed: ServerDatabase, prefixes: tuple[str, ...], public: bool
) -> None:
    scope = Scope(prefixes)
    with indexed.read() as s:
        rows = s.execute(
            select(RecordIndex.area_code).where(
                RecordIndex.entity == "scope_test",
                scope.where(RecordIndex.area_code, public=public),
            )
        )
        found = sorted((a for (a,) in rows), key=str)
    expected = sorted(
        (a for a in [*CODES, None, SERVER_ONLY] if scope.covers(a) and (public or a is not None)),
        key=str,
    )
    assert found == expected
