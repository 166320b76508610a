"""A receipt belongs to the laptop that sent the op: another's op id finds nothing of it.

Op ids travel in the clear (logs, a copied outbox, a proxy): a user who sends an op
under someone else's op id must get a receipt for their own op, never the stored
receipt of the other's (its record, its values, its conflicts). The sending laptop
itself, signed in again (a new token, the same installation), still gets its receipt
back unchanged: a resend is never applied twice.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import text

from sync.server import db
from sync.server.db import ServerDatabase
from tests.sync.laptops import Wire, household, op
from tests.sync.servers import ALICE_VILLAGE, BOB_VILLAGE, ServerProcess

Server = tuple[ServerProcess, ServerDatabase]


def _conflicting(process: ServerProcess, alice: Wire) -> tuple[dict[str, Any], dict[str, Any]]:
    """An op of alice's that ran into a conflict, and its receipt (it carries both values)."""
    hid = str(uuid.uuid4())
    [made] = alice.push(op("household", hid, 0, household(ALICE_VILLAGE, phone="13957400001")))
    Wire(process, "ada").push(op("household", hid, made["rev"], {"phone": "13957400002"}))
    sent = op("household", hid, made["rev"], {"phone": "13957400003"})
    [receipt] = alice.push(sent)
    assert receipt["outcome"] == "conflict"
    return sent, receipt


def test_anothers_op_id_gets_a_receipt_of_ones_own(any_server: Server) -> None:
    process, _database = any_server
    alice, bob = Wire(process, "alice"), Wire(process, "bob")
    created = op("household", str(uuid.uuid4()), 0, household(ALICE_VILLAGE, head_name="王芳"))
    [applied] = alice.push(created)
    conflicted, with_conflict = _conflicting(process, alice)
    for theirs, their_receipt in ((created, applied), (conflicted, with_conflict)):
        mine = op("household", str(uuid.uuid4()), 0, household(BOB_VILLAGE, head_name="柴进"))
        [receipt] = bob.push({**mine, "op_id": theirs["op_id"]})
        assert receipt != their_receipt
        assert (receipt["outcome"], receipt["conflicts"]) == ("applied", [])
        assert "13957400002" not in str(receipt) and "13957400003" not in str(receipt)
        # bob's own op was applied as his own, under his record's id
        records, _gone, _cursor = bob.pull_all()
        assert records[mine["record_id"]]["rev"] == receipt["rev"]
        assert theirs["record_id"] not in records
        # and a resend of alice's op still answers alice with her receipt, unchanged
        [again] = alice.push(theirs)
        assert again == their_receipt


def test_the_same_laptop_signed_in_again_gets_its_receipts(any_server: Server) -> None:
    process, _database = any_server
    first = Wire(process, "alice")
    created = op("household", str(uuid.uuid4()), 0, household(ALICE_VILLAGE))
    [receipt] = first.push(created)
    again = Wire(process, "alice", client_id=first.client_id)  # a new token, same laptop
    assert again.device_id != first.device_id
    assert again.push(created) == [receipt]
    # the same user on another laptop sending the same op id: that laptop's own op
    other = Wire(process, "alice")
    [elsewhere] = other.push({**created, "record_id": str(uuid.uuid4())})
    assert elsewhere["outcome"] == "applied" and elsewhere["rev"] != receipt["rev"]


def test_receipts_kept_before_the_upgrade_keep_their_sender(tmp_path: Path) -> None:
    database = ServerDatabase(f"sqlite:///{tmp_path / 'server.db'}")
    try:
        db.upgrade(database, "0004")
        with database.write() as s:
            s.execute(
                text(
                    "INSERT INTO device (id, username, client_id, name, token_hash, created_at,"
                    " revoked_by) VALUES ('d1', 'alice', 'c1', '', 'h', '2026-01-01', '')"
                )
            )
            for op_id, device in (("o1", "d1"), ("o2", "gone")):
                s.execute(
                    text(
                        "INSERT INTO op_receipt (op_id, device_id, seq, outcome, body, at)"
                        " VALUES (:op, :device, 1, 'applied', '{}', '2026-01-01')"
                    ),
                    {"op": op_id, "device": device},
                )
        db.upgrade(database)
        with database.read() as s:
            rows = s.execute(
                text("SELECT op_id, username, client_id FROM op_receipt ORDER BY op_id")
            ).all()
        assert [tuple(r) for r in rows] == [("o1", "alice", "c1"), ("o2", "", "")]
    finally:
        database.dispose()
