"""On a province's server each laptop gets the area tree of its own district (and the areas
above it), not the tens of thousands of areas of every district.

Checked for every seeded user and one member of a second district, over both ways records
reach a laptop (the pages of a pull, the first-sync snapshot); the administrator gets all.
"""

from __future__ import annotations

import sqlite3
import uuid

import pytest

from app.domain.areas import prefix_of
from sync.server import admin, bulk, ledger
from sync.server.db import ServerDatabase
from sync.server.scope import DISTRICT_DIGITS, assigned_areas
from tests.sync.laptops import Wire
from tests.sync.servers import PASSWORDS, ServerProcess

Server = tuple[ServerProcess, ServerDatabase]
PAT_PASSWORD = "pat-password-2026"
#: a second district of the same province, with its city and the province above
OTHER_DISTRICT = [
    ("330000000000", "浙江省", "province", None),
    ("330200000000", "宁波市", "city", "330000000000"),
    ("331100000000", "模拟市", "city", "330000000000"),
    ("331181000000", "模拟区", "county", "331100000000"),
    ("331181001000", "模拟街道", "town", "331181000000"),
    ("331181001001", "模拟社区", "village", "331181001000"),
]


def _add_district(database: ServerDatabase) -> None:
    rows = [
        {"id": str(uuid.uuid4()), "code": code, "name": name, "level": level,
         "parent_code": parent, "valid_year": 2023}
        for code, name, level, parent in OTHER_DISTRICT
    ]  # fmt: skip
    with database.write() as s:
        ledger.lock(s)
        bulk.create_many(s, "area", rows, author=ledger.Author("server"), cache={})
    admin.add_user(database, "pat", "member", PAT_PASSWORD, areas=["331181001001"])


def _every_area(database: ServerDatabase) -> set[str]:
    from sqlalchemy import select

    from app.store.registry import Area

    with database.read() as s:
        return set(s.scalars(select(Area.code)))


def _expected(database: ServerDatabase, username: str, every: set[str]) -> set[str]:
    if username == "ada":  # the administrator
        return every
    with database.read() as s:
        areas = assigned_areas(s, username)
    districts = tuple(prefix_of(a)[:DISTRICT_DIGITS] for a in areas)
    above = {a[:n].ljust(12, "0") for a in areas for n in (2, 4, 6, 9)}
    return {code for code in every if code.startswith(districts) or code in above}


def _areas_pulled(wire: Wire) -> set[str]:
    records, _gone, _cursor = wire.pull_all()
    return {r["fields"]["code"] for r in records.values() if r["entity"] == "area"}


def _areas_in_snapshot(wire: Wire) -> set[str]:
    answer = wire.get("/snapshot")
    assert answer.status_code == 200
    image = sqlite3.connect(":memory:")
    try:
        image.deserialize(answer.content)
        return {code for (code,) in image.execute("SELECT code FROM area")}
    finally:
        image.close()


def test_each_laptop_gets_the_areas_of_its_district(
    any_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    process, database = any_server
    _add_district(database)
    monkeypatch.setitem(PASSWORDS, "pat", PAT_PASSWORD)
    every = _every_area(database)
    got: dict[str, set[str]] = {}
    for username in PASSWORDS:
        wire = Wire(process, username)
        expected = _expected(database, username, every)
        got[username] = _areas_pulled(wire)
        assert got[username] == expected, username
        assert _areas_in_snapshot(wire) == expected, username
    # the rule is neither everything nor nothing: the seed district's member has her own
    # district's tree and the province above it, not the other district
    assert "330213001000" in got["alice"] and "330000000000" in got["alice"]
    assert "331181001001" not in got["alice"] and "331181000000" not in got["alice"]
    assert "331181001001" in got["pat"] and "330213000000" not in got["pat"]
    assert got["ada"] == every
