"""One named test per merge case (STYLE.md's morango note), over a real socket.

Each test spells out what the server had, what arrives (an op with its base rev)
and what must result. Laptop A is alice (the village's member), laptop B is a
second device: rita, the reviewer of the town.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from app.store.registry import Household
from sync.server.db import ServerDatabase
from sync.server.tables import Conflict
from tests.sync.laptops import Wire, household, op
from tests.sync.servers import ALICE_VILLAGE, MOLLY_VILLAGE, ServerProcess

Server = tuple[ServerProcess, ServerDatabase]


@pytest.fixture(scope="module")
def a(shared_server: Server) -> Wire:
    return Wire(shared_server[0], "alice")


@pytest.fixture(scope="module")
def b(shared_server: Server) -> Wire:
    return Wire(shared_server[0], "rita")


def server_record(shared_server: Server, hid: str) -> Household:
    with shared_server[1].read() as s:
        record = s.get(Household, hid)
        assert record is not None
        s.expunge(record)
        return record


def conflicts_of(shared_server: Server, hid: str) -> list[Conflict]:
    with shared_server[1].read() as s:
        rows = list(s.scalars(select(Conflict).where(Conflict.record_id == hid)))
        s.expunge_all()
        return rows


def created(a: Wire, hid: str, **fields: Any) -> int:
    """The server has the household (made by A); returns its rev (the base both sides hold)."""
    [receipt] = a.push(op("household", hid, 0, household(ALICE_VILLAGE, **fields)))
    assert receipt["outcome"] == "applied"
    return int(receipt["rev"])


def test_fast_forward(shared_server: Server, a: Wire) -> None:
    # server: phone "" at rev r; arrives: phone X with base r; result: applied
    hid = "00000000-0000-4000-8000-000000000001"
    rev = created(a, hid, phone="")
    [receipt] = a.push(op("household", hid, rev, {"phone": "13957400001"}))
    assert receipt["outcome"] == "applied" and receipt["applied"] == ["phone"]
    assert receipt["rev"] > rev
    assert server_record(shared_server, hid).phone == "13957400001"
    assert conflicts_of(shared_server, hid) == []


def test_stale_base_disjoint_fields(shared_server: Server, a: Wire, b: Wire) -> None:
    # server: B changed the address after r; arrives: A's phone with base r; result: both kept
    hid = "00000000-0000-4000-8000-000000000002"
    rev = created(a, hid, address="南山路1号")
    assert b.push(op("household", hid, rev, {"address": "南山路2号"}))[0]["outcome"] == "applied"
    [receipt] = a.push(op("household", hid, rev, {"phone": "13957400001"}))
    assert receipt["outcome"] == "applied"
    record = server_record(shared_server, hid)
    assert (record.address, record.phone) == ("南山路2号", "13957400001")
    assert conflicts_of(shared_server, hid) == []


def test_same_field_same_value(shared_server: Server, a: Wire, b: Wire) -> None:
    # server: B set phone X after r; arrives: A's phone X with base r; result: fine, no conflict
    hid = "00000000-0000-4000-8000-000000000003"
    rev = created(a, hid)
    b.push(op("household", hid, rev, {"phone": "13957400001"}))
    [receipt] = a.push(op("household", hid, rev, {"phone": "13957400001"}))
    assert receipt["outcome"] == "same" and receipt["conflicts"] == []
    assert server_record(shared_server, hid).phone == "13957400001"
    assert conflicts_of(shared_server, hid) == []


def test_same_field_different_values(shared_server: Server, a: Wire, b: Wire) -> None:
    # server: B set phone X after r; arrives: A's phone Y (and an address) with base r;
    # result: the address applied, the server keeps X, Y kept in a conflict, the receipt says so
    hid = "00000000-0000-4000-8000-000000000004"
    rev = created(a, hid, phone="0574-88880000")
    b.push(op("household", hid, rev, {"phone": "13957400001"}))
    [receipt] = a.push(op("household", hid, rev, {"phone": "13957400002", "address": "新址"}))
    assert receipt["outcome"] == "conflict" and receipt["applied"] == ["address"]
    [info] = receipt["conflicts"]
    assert (info["field"], info["mine"], info["theirs"], info["base"]) == (
        "phone",
        "13957400002",
        "13957400001",
        "0574-88880000",
    )
    record = server_record(shared_server, hid)
    assert (record.phone, record.address) == ("13957400001", "新址")
    [row] = conflicts_of(shared_server, hid)
    assert (row.mine, row.theirs, row.state, row.username) == (
        "13957400002",
        "13957400001",
        "open",
        "alice",
    )
    # the reviewer of the area sees it in her pull too
    _records, _gone, _cursor = b.pull_all()
    page = b.post("/pull", {"cursor": 0, "limit": 5000}).json()
    assert info["conflict_id"] in {c["conflict_id"] for c in page["conflicts"]}


def test_delete_against_edit(shared_server: Server, a: Wire, b: Wire) -> None:
    # server: B changed the phone after r; arrives: A's delete with base r;
    # result: conflict, the server keeps the record (with B's phone), nothing lost
    hid = "00000000-0000-4000-8000-000000000005"
    rev = created(a, hid)
    b.push(op("household", hid, rev, {"phone": "13957400001"}))
    [receipt] = a.push(op("household", hid, rev, {}, kind="delete"))
    assert receipt["outcome"] == "conflict"
    assert [(c["field"], c["mine"], c["theirs"]) for c in receipt["conflicts"]] == [
        ("deleted", True, False)
    ]
    record = server_record(shared_server, hid)
    assert (record.deleted, record.phone) == (False, "13957400001")


def test_edit_against_delete(shared_server: Server, a: Wire, b: Wire) -> None:
    # server: B deleted the record after r; arrives: A's phone with base r;
    # result: conflict, the record stays deleted, A's fields kept in the conflict
    hid = "00000000-0000-4000-8000-000000000006"
    rev = created(a, hid)
    assert b.push(op("household", hid, rev, {}, kind="delete"))[0]["outcome"] == "applied"
    [receipt] = a.push(op("household", hid, rev, {"phone": "13957400002"}))
    assert receipt["outcome"] == "conflict"
    [info] = receipt["conflicts"]
    assert (info["field"], info["mine"], info["theirs"]) == ("deleted", False, True)
    assert info["op_fields"] == {"phone": "13957400002"}
    record = server_record(shared_server, hid)
    assert (record.deleted, record.phone) == (True, "")


def test_edit_of_a_record_that_left_the_scope(shared_server: Server, a: Wire, b: Wire) -> None:
    # server: B moved the household to another village after r (out of A's scope);
    # arrives: A's phone with base r; result: refused with the reason, nothing changed,
    # and A's next pull says the record is gone
    hid = "00000000-0000-4000-8000-000000000007"
    rev = created(a, hid)
    _records, _gone, cursor = a.pull_all()
    assert b.push(op("household", hid, rev, {"area_code": MOLLY_VILLAGE}))[0]["outcome"] == (
        "applied"
    )
    [receipt] = a.push(op("household", hid, rev, {"phone": "13957400002"}))
    assert receipt["outcome"] == "refused"
    assert [r["code"] for r in receipt["refusals"]] == ["sync.out_of_scope"]
    assert "不在您负责的区域内" in receipt["refusals"][0]["message"]
    record = server_record(shared_server, hid)
    assert (record.area_code, record.phone) == (MOLLY_VILLAGE, "")
    records, gone, _ = a.pull_all(cursor)
    assert hid not in records
    assert {"entity": "household", "id": hid} in gone
