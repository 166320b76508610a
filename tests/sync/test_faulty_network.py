"""Syncs through a faulty network (`faulty_proxy`): drops, cut bodies, resets, delays, 502s
and repeated deliveries at 30 % each way. Every sync completes by retrying, photos sent in
chunks included, and afterwards the server and both laptops hold the same records, each
change applied once, and every photo's bytes."""

from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from app.domain.certificate import make_certificate
from app.domain.identity import make_resident_id
from app.services.attachments import attach
from app.services.registry import Registry
from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from app.store.schema import SYNCED_MODELS
from app.store.work import Attachment
from sync.client import SyncClient, first_login
from sync.server.blobs import BlobFolder
from sync.server.db import ServerDatabase
from sync.server.tables import ChangeLog, OpReceipt, RecordIndex
from tests.sync.faulty_proxy import FaultyProxy
from tests.sync.laptops import outbox
from tests.sync.servers import ALICE_VILLAGE, PASSWORDS, ServerProcess

Server = tuple[ServerProcess, ServerDatabase]
#: quick retries (the proxy's faults are not a village link's minutes): each request is
#: tried 7 times, and a sync that still breaks off goes on by itself, as in the program
QUICK: dict[str, Any] = {"backoff": 0.01, "pauses": (0.05,) * 12}
CHUNK = 32 * 1024
ROUNDS = 2


def work(db: Database, round_: int) -> None:
    """A day's work on alice's laptop: new households with a person, changed phones, a
    small photo and one sent in chunks."""
    registry = Registry(db, "alice")
    made = []
    for n in range(6):
        hid, _ = registry.add_household(
            {"area_code": ALICE_VILLAGE, "address": f"风险路{round_}-{n}号", "hukou_type": "1"}
        )
        made.append(hid)
        number = make_resident_id("330283", date(1970, 1, 1 + round_), 10 * n + 1)
        registry.add_person(
            hid,
            {
                "name": f"王{round_}{n}",
                "id_number": number,
                "category": "4",
                "grade": "3",
                "marital": "2",
                "cert_number": make_certificate(number, 4, 3),
            },
        )
    for n, hid in enumerate(made[:3]):
        registry.update_household(hid, {"phone": f"1395740{round_}{n:03d}"})
    for size in (5_000, 5 * CHUNK + 1234):
        data = os.urandom(size)
        attach(
            db, "alice", owner_entity="household", owner_id=made[0], data=data, mime="image/jpeg"
        )


def sync(db: Database) -> None:
    client = SyncClient(db, chunk_bytes=CHUNK, retries=6, **QUICK)
    try:
        assert client.sync().status == "done"
    finally:
        client.close()


def rows(db_session: Any, scope_ids: set[str] | None = None) -> dict[tuple[str, str], Any]:
    """Every synced record's columns (all but the laptop's own bookkeeping)."""
    found = {}
    for model in SYNCED_MODELS:
        for record in db_session.scalars(select(model)):
            if scope_ids is not None and record.id not in scope_ids:
                continue
            values = {
                c.name: getattr(record, c.name)
                for c in model.__table__.columns  # type: ignore[attr-defined]
                if c.name not in ("updated_at",)
            }
            found[(model.entity, record.id)] = values
    return found


def test_syncs_through_a_faulty_network_lose_nothing_and_apply_nothing_twice(
    any_server: Server, tmp_path: Path
) -> None:
    process, database = any_server
    with FaultyProxy(("127.0.0.1", process.port), seed=20261205) as proxy:
        alice = first_login(
            proxy.url, "alice", PASSWORDS["alice"], tmp_path / "a.db", kdf=FAST_TEST_KDF, **QUICK
        )
        sent: list[str] = []
        try:
            for round_ in range(ROUNDS):
                work(alice, round_)
                sent += [o.op_id for o in outbox(alice)]
                sync(alice)
                assert outbox(alice) == []
            rita = first_login(
                proxy.url, "rita", PASSWORDS["rita"], tmp_path / "r.db", kdf=FAST_TEST_KDF, **QUICK
            )
            try:
                sync(alice)  # what the server made of hers (revisions), after the others'
                with alice.session() as s:
                    mine = rows(s)
                with rita.session() as s:
                    theirs = rows(s, {rid for _, rid in mine})
                    photos_rita = {
                        a.sha256: rita.blobs.get(a.sha256) for a in s.scalars(select(Attachment))
                    }
            finally:
                rita.close()
            with alice.session() as s:
                shas = set(s.scalars(select(Attachment.sha256)))
                photos_alice = {sha: alice.blobs.get(sha) for sha in shas}
        finally:
            alice.close()
    # the faults did strike, every kind and both ways
    assert {kind for _, kind in proxy.struck} == {
        "drop",
        "truncate",
        "reset",
        "delay",
        "502",
        "duplicate",
    }
    assert {way for way, _ in proxy.struck} == {"to_server", "to_laptop"}

    with database.read() as s:
        applied = dict(
            s.execute(
                select(ChangeLog.op_id, func.count())
                .where(ChangeLog.op_id.in_(sent))
                .group_by(ChangeLog.op_id)
            ).all()
        )
        outcomes = s.execute(
            select(OpReceipt.outcome, func.count())
            .where(OpReceipt.op_id.in_(sent))
            .group_by(OpReceipt.outcome)
        ).all()
        seqs = list(s.scalars(select(RecordIndex.seq)))
        server = rows(s, {rid for _, rid in mine})
    assert set(applied) == set(sent) and set(applied.values()) == {1}  # each once
    assert outcomes == [("applied", len(sent))]
    assert len(seqs) == len(set(seqs))
    assert server == mine == theirs  # every record, every field, on all three
    assert len(photos_alice) == 2 * ROUNDS
    folder = BlobFolder(process.blobs)
    for sha, data in photos_alice.items():
        assert hashlib.sha256(data).hexdigest() == sha
        assert folder.path_of(sha).read_bytes() == data == photos_rita[sha]
