"""A push worked out before the write turn (`sync.server.prepare`), then written in it.

Each test works a push out on a snapshot, lets something else be written in
between where the case needs it, then writes the push, and checks that the
outcome is what the push merged in the turn would have given: the same
receipts, a sequence that still orders every change, nothing applied twice.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from app.domain.certificate import make_certificate
from app.store.registry import Household, Person
from sync.protocol import LoginRequest, Op, Receipt
from sync.server import auth, ledger, merge, prepare, writer
from sync.server.db import ServerDatabase
from sync.server.tables import Audit, ChangeLog, Conflict, FieldSeq, OpReceipt, RecordIndex
from tests.services.test_responses import ID_40
from tests.sync.conftest import _database_url
from tests.sync.laptops import household, op
from tests.sync.servers import ALICE_VILLAGE, PASSWORDS, seed


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ServerDatabase]:
    """A seeded server database, used in this process (no server needed here)."""
    db = ServerDatabase(_database_url(request.param, tmp_path, request))
    seed(db)
    yield db
    db.dispose()


def actor(db: ServerDatabase, username: str) -> auth.Actor:
    login = LoginRequest(
        username=username, password=PASSWORDS[username], client_id=str(uuid.uuid4())
    )
    return auth.actor_for(db, auth.login(db, login, "127.0.0.1").token)


def ops(*raw: dict[str, Any]) -> list[Op]:
    return [Op.model_validate(r) for r in raw]


def pushed(db: ServerDatabase, who: auth.Actor, batch: list[Op]) -> list[Receipt]:
    """A push as the server takes it: worked out first, written in the turn."""
    ahead = prepare.prepare(db, who, batch)
    with db.write() as s:
        return prepare.apply(s, ahead, who, batch)


def new_households(db: ServerDatabase, who: auth.Actor, count: int) -> list[tuple[str, int]]:
    made = ops(
        *(op("household", str(uuid.uuid4()), 0, household(ALICE_VILLAGE)) for _ in range(count))
    )
    receipts = pushed(db, who, made)
    assert [r.outcome for r in receipts] == ["applied"] * count
    return [(o.record_id, r.rev) for o, r in zip(made, receipts, strict=True)]


def bookkeeping(db: ServerDatabase, hid: str) -> tuple[int, int, int, int]:
    """A household's rev, its index row's sequence, its last change log row's, its phone's."""
    with db.read() as s:
        record = s.get(Household, hid)
        index = s.get(RecordIndex, ("household", hid))
        phone = s.get(FieldSeq, ("household", hid, "phone"))
        logged = s.scalar(select(func.max(ChangeLog.seq)).where(ChangeLog.record_id == hid))
        assert record is not None and index is not None and phone is not None
        return record.rev, index.seq, int(logged or 0), phone.seq


def test_a_prepared_push_is_written_with_its_bookkeeping(database: ServerDatabase) -> None:
    alice = actor(database, "alice")
    (hid, rev), (other, other_rev) = new_households(database, alice, 2)
    batch = ops(
        op("household", hid, rev, {"phone": "13957400001"}),
        op("household", other, other_rev, {"phone": "13957400002", "address": "南山路3号"}),
    )

    ahead = prepare.prepare(database, alice, batch)
    assert ahead is not None  # edits of records on the server are worked out ahead
    with database.write() as s:
        receipts = ahead.write(s)

    assert receipts is not None and [r.outcome for r in receipts] == ["applied", "applied"]
    assert receipts[1].applied == ["address", "phone"]
    for (record_id, _), receipt in zip(((hid, rev), (other, other_rev)), receipts, strict=True):
        assert bookkeeping(database, record_id) == (receipt.rev,) * 4
    with database.read() as s:
        assert s.get(Household, other).address == "南山路3号"  # type: ignore[union-attr]
        stored = s.scalars(select(OpReceipt).where(OpReceipt.op_id == batch[0].op_id)).one()
        assert stored.body["rev"] == receipts[0].rev


def test_numbers_move_up_past_what_was_written_meanwhile(database: ServerDatabase) -> None:
    alice = actor(database, "alice")
    (hid, rev), (other, other_rev) = new_households(database, alice, 2)
    mine = ops(op("household", hid, rev, {"phone": "13957400001"}))
    ahead = prepare.prepare(database, alice, mine)
    assert ahead is not None
    # another laptop's push of another household is written first
    [theirs] = pushed(
        database, alice, ops(op("household", other, other_rev, {"phone": "13957400002"}))
    )

    with database.write() as s:
        [receipt] = prepare.apply(s, ahead, alice, mine)

    assert receipt.outcome == "applied" and receipt.rev > theirs.rev
    assert bookkeeping(database, hid) == (receipt.rev,) * 4
    with database.read() as s:
        seqs = list(s.scalars(select(RecordIndex.seq).order_by(RecordIndex.seq)))
        assert len(seqs) == len(set(seqs))


def test_a_record_changed_meanwhile_is_merged_again_and_conflicts(
    database: ServerDatabase,
) -> None:
    alice = actor(database, "alice")
    [(hid, rev)] = new_households(database, alice, 1)
    mine = ops(op("household", hid, rev, {"phone": "13957400001"}))
    ahead = prepare.prepare(database, alice, mine)
    assert ahead is not None
    # the reviewer changes the same field of the same household in between
    rita = actor(database, "rita")
    pushed(database, rita, ops(op("household", hid, rev, {"phone": "13957400009"})))

    with database.write() as s:
        assert ahead.write(s) is None  # stale: nothing of it written
        [receipt] = prepare.apply(s, ahead, alice, mine)

    assert receipt.outcome == "conflict"
    with database.read() as s:
        assert s.get(Household, hid).phone == "13957400009"  # type: ignore[union-attr]
        conflict = s.scalars(select(Conflict)).one()
        assert (conflict.field, conflict.mine, conflict.theirs) == (
            "phone",
            "13957400001",
            "13957400009",
        )


def test_a_push_sent_twice_at_once_applies_once(database: ServerDatabase) -> None:
    # a laptop whose first try timed out sends the same push again while the first runs
    alice = actor(database, "alice")
    [(hid, rev)] = new_households(database, alice, 1)
    batch = ops(op("household", hid, rev, {"phone": "13957400001"}))
    first = prepare.prepare(database, alice, batch)
    second = prepare.prepare(database, alice, batch)
    assert first is not None and second is not None

    with database.write() as s:
        [one] = prepare.apply(s, first, alice, batch)
    with database.write() as s:
        assert second.write(s) is None
        [two] = prepare.apply(s, second, alice, batch)

    assert one == two and one.outcome == "applied"
    with database.read() as s:
        receipts = select(func.count()).where(OpReceipt.op_id == batch[0].op_id)
        assert s.scalar(receipts) == 1
        changes = select(func.count()).where(ChangeLog.record_id == hid, ChangeLog.kind == "update")
        assert s.scalar(changes) == 1


def test_a_duplicate_id_found_at_writing_refuses_that_op_alone(database: ServerDatabase) -> None:
    alice = actor(database, "alice")
    [(hid, rev)] = new_households(database, alice, 1)
    person = {
        "household_id": hid,
        "name": "王堃",
        "id_number": ID_40,
        "category": "4",
        "grade": "3",
        "cert_number": make_certificate(ID_40, 4, 3),
    }
    first = str(uuid.uuid4())
    assert pushed(database, alice, ops(op("person", first, 0, person)))[0].outcome == "applied"
    twin = str(uuid.uuid4())
    batch = ops(
        op("person", twin, 0, person),  # the same ID number again
        op("household", hid, rev, {"phone": "13957400001"}),
    )

    ahead = prepare.prepare(database, alice, batch)
    assert ahead is not None  # nothing in the snapshot tells: the database's index does
    with database.write() as s:
        assert ahead.write(s) is None
        receipts = prepare.apply(s, ahead, alice, batch)

    assert [r.outcome for r in receipts] == ["refused", "applied"]
    assert receipts[0].refusals[0].field in {"id_number", "cert_number"}
    with database.read() as s:
        assert s.get(Person, twin) is None
        assert s.get(Household, hid).phone == "13957400001"  # type: ignore[union-attr]


def test_a_push_building_on_its_own_new_records_is_merged_in_the_turn(
    database: ServerDatabase,
) -> None:
    alice = actor(database, "alice")
    hid = str(uuid.uuid4())
    batch = ops(
        op("household", hid, 0, household(ALICE_VILLAGE)),
        op("household", hid, 0, {"phone": "13957400001"}),
    )
    assert prepare.prepare(database, alice, batch) is None
    receipts = pushed(database, alice, batch)
    assert [r.outcome for r in receipts] == ["applied", "applied"]
    with database.read() as s:
        assert s.get(Household, hid).phone == "13957400001"  # type: ignore[union-attr]


def test_a_move_is_merged_in_the_turn(database: ServerDatabase) -> None:
    # a household moving to another village takes its persons along (`ledger.cascade`)
    alice = actor(database, "alice")
    [(hid, rev)] = new_households(database, alice, 1)
    ada = actor(database, "ada")
    batch = ops(op("household", hid, rev, {"area_code": "330213002001"}))
    assert prepare.prepare(database, ada, batch) is None
    assert pushed(database, ada, batch)[0].outcome == "applied"


def test_a_prepared_push_leaves_the_database_as_the_turn_would(database: ServerDatabase) -> None:
    # the same edits, once worked out ahead and once merged in the turn, write the same
    alice = actor(database, "alice")
    made = new_households(database, alice, 4)
    ahead_ids, turn_ids = made[:2], made[2:]

    def edits(records: list[tuple[str, int]]) -> list[Op]:
        return ops(
            *(
                op("household", h, r, {"phone": "13957400001", "hardship": ["2"]})
                for h, r in records
            )
        )

    ahead = prepare.prepare(database, alice, edits(ahead_ids))
    assert ahead is not None
    with database.write() as s:
        assert ahead.write(s) is not None
    with database.write() as s:
        merge.apply_batch(s, alice, edits(turn_ids))

    def written(hid: str) -> tuple[Any, ...]:
        with database.read() as s:
            record = s.get(Household, hid)
            assert record is not None
            log = s.scalars(
                select(ChangeLog).where(ChangeLog.record_id == hid).order_by(ChangeLog.seq.desc())
            ).first()
            assert log is not None
            fields = s.scalars(
                select(FieldSeq.field).where(FieldSeq.record_id == hid).order_by(FieldSeq.field)
            ).all()
            return (
                record.phone,
                record.hardship,
                record.updated_by,
                log.kind,
                log.fields,
                log.op_id is not None,
                list(fields),
            )

    assert written(ahead_ids[0][0]) == written(turn_ids[0][0])


# -- pushes written together (`writer.write_pushes`) ----------------------------------------


def test_pushes_written_together_each_get_their_receipts(database: ServerDatabase) -> None:
    alice, rita = actor(database, "alice"), actor(database, "rita")
    (hid, rev), (other, other_rev) = new_households(database, alice, 2)
    mine = ops(op("household", hid, rev, {"phone": "13957400001"}))
    theirs = ops(op("household", hid, rev, {"phone": "13957400009"}))
    apart = ops(op("household", other, other_rev, {"address": "东街 5 号"}))
    # all three worked out on the same snapshot, then written in one turn
    items = [
        (who, batch, prepare.prepare(database, who, batch), "127.0.0.1")
        for who, batch in ((alice, mine), (rita, theirs), (alice, apart))
    ]

    answers = writer.write_pushes(database, items)

    assert [kind for kind, _ in answers] == ["ok", "ok", "ok"]
    [[first], [second], [third]] = [value for _, value in answers]
    # the reviewer's push read the household before alice's change: merged again, it conflicts
    assert (first.outcome, second.outcome, third.outcome) == ("applied", "conflict", "applied")
    assert first.rev < third.rev
    assert bookkeeping(database, hid) == (first.rev,) * 4
    with database.read() as s:
        assert s.get(Household, hid).phone == "13957400001"  # type: ignore[union-attr]
        assert s.get(Household, other).address == "东街 5 号"  # type: ignore[union-attr]
        assert s.scalars(select(Conflict.theirs)).one() == "13957400001"
        pushes = select(func.count()).select_from(Audit).where(Audit.action == "push")
        assert s.scalar(pushes) == 3  # one audit row per push


def test_a_push_that_fails_in_a_group_fails_alone(database: ServerDatabase) -> None:
    alice = actor(database, "alice")
    (hid, rev), (other, other_rev) = new_households(database, alice, 2)
    good = ops(op("household", hid, rev, {"phone": "13957400001"}))
    bad = ops(op("household", other, other_rev, {"phone": "13957400002"}))
    ahead = prepare.prepare(database, alice, bad)
    assert ahead is not None
    # its rows are written, then its writing breaks (a table the server does not have)
    broken = dataclasses.replace(ahead, updates=[*ahead.updates, ("gone", ("id",), [{}])])

    answers = writer.write_pushes(
        database,
        [
            (alice, bad, broken, "127.0.0.1"),
            (alice, good, prepare.prepare(database, alice, good), "127.0.0.1"),
        ],
    )

    assert answers[0][0] == "error" and "gone" in answers[0][1]
    assert answers[1][0] == "ok" and answers[1][1][0].outcome == "applied"
    with database.read() as s:
        assert s.get(Household, other).phone != "13957400002"  # type: ignore[union-attr]
        assert s.scalars(select(OpReceipt).where(OpReceipt.op_id == bad[0].op_id)).all() == []
        assert s.get(Household, hid).phone == "13957400001"  # type: ignore[union-attr]
    # sent again, the failed push is written
    assert pushed(database, alice, bad)[0].outcome == "applied"


def statements_of_a_group(database: ServerDatabase, size: int) -> int:
    """How many statements the writer sends for a group of `size` prepared pushes, each
    changing five households of its own."""
    alice = actor(database, "alice")
    made = new_households(database, alice, 5 * size)
    items: list[writer.Item] = []
    for k in range(size):
        batch = ops(
            *(
                op("household", hid, rev, {"phone": f"1395740{k:02d}{n:02d}"})
                for n, (hid, rev) in enumerate(made[5 * k : 5 * k + 5])
            )
        )
        items.append((alice, batch, prepare.prepare(database, alice, batch), "127.0.0.1"))
    sent: list[str] = []

    def count(*args: Any) -> None:
        sent.append(args[2])

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        answers = writer.write_pushes(database, items)
    finally:
        event.remove(database.engine, "before_cursor_execute", count)
    assert [kind for kind, _ in answers] == ["ok"] * size
    assert all(r.outcome == "applied" for _, receipts in answers for r in receipts)
    return len(sent)


def test_a_group_of_prepared_pushes_is_written_in_as_many_statements_as_one_push(
    database: ServerDatabase,
) -> None:
    # the rows of all of them go together: a statement per table (on PostgreSQL one for
    # all tables), not per push
    one = statements_of_a_group(database, 1)
    assert statements_of_a_group(database, 8) == one
    if database.url.get_backend_name() == "postgresql":
        assert one == 3  # the sequence's lock, the records' check, the rows


def test_the_same_new_records_pushed_twice_in_one_group_are_written_once(
    database: ServerDatabase,
) -> None:
    # a laptop whose first try timed out sends again, and both wait for the same turn
    alice = actor(database, "alice")
    batch = ops(
        *(op("household", str(uuid.uuid4()), 0, household(ALICE_VILLAGE)) for _ in range(3))
    )
    items: list[writer.Item] = [
        (alice, batch, prepare.prepare(database, alice, batch), "127.0.0.1") for _ in range(2)
    ]

    answers = writer.write_pushes(database, items)

    # together, the second's rows break the key: each then alone, the second merged again
    assert [kind for kind, _ in answers] == ["ok", "ok"]
    assert answers[0][1] == answers[1][1]
    assert [r.outcome for r in answers[0][1]] == ["applied"] * 3
    with database.read() as s:
        ids = [o.record_id for o in batch]
        assert s.scalar(select(func.count()).where(Household.id.in_(ids))) == 3
        logged = select(func.count()).where(ChangeLog.record_id.in_(ids))
        assert s.scalar(logged) == 3


# -- many rows in one statement (`ledger.Rows`) ------------------------------------------------


def phone_seqs(s: Session, *seqs: tuple[str, int]) -> None:
    """Upsert the phone's field sequence of households (record id, seq), in one statement."""
    rows = [{"entity": "household", "record_id": r, "field": "phone", "seq": q} for r, q in seqs]
    key = ("entity", "record_id", "field")
    ledger.Rows(upserts=[(FieldSeq.__table__, key, rows)]).write(s)  # type: ignore[list-item]


def test_rows_are_written_with_their_values_and_defaults(database: ServerDatabase) -> None:
    at = datetime(2026, 11, 29, 8, 30, 15, 250000)
    rows = [
        {
            "seq": 900 + n,
            "entity": "household",
            "record_id": f"r{n}",
            "kind": "update",
            "fields": {"address": "东街 5 号", "hardship": ["2", "3"], "n": n, "none": None},
            "area_code": ALICE_VILLAGE if n else None,
            "username": "alice",
            "op_id": None,
            "at": at,
        }
        for n in range(3)
    ]
    with database.write() as s:
        log: Any = ChangeLog.__table__
        ledger.Rows(inserts=[(log, rows)]).write(s)
        update = {"seq": 901, "kind": "delete", "from_area": "330213001002"}
        ledger.Rows(updates=[(log, ("seq",), [update])]).write(s)
        phone_seqs(s, ("r1", 5), ("r1", 7))
    with database.write() as s:
        phone_seqs(s, ("r1", 8), ("r2", 9))

    with database.read() as s:
        logged = s.scalars(select(ChangeLog).where(ChangeLog.seq >= 900).order_by("seq")).all()
        assert [(c.record_id, c.kind, c.from_area) for c in logged] == [
            ("r0", "update", None),
            ("r1", "delete", "330213001002"),
            ("r2", "update", None),
        ]
        assert logged[2].fields == rows[2]["fields"]
        assert [c.area_code for c in logged] == [None, ALICE_VILLAGE, ALICE_VILLAGE]
        assert all(c.at == at and c.origin == "" for c in logged)  # origin: its default
        seqs = s.execute(select(FieldSeq.record_id, FieldSeq.seq).order_by(FieldSeq.record_id))
        assert [tuple(r) for r in seqs if r[0] in ("r1", "r2")] == [("r1", 8), ("r2", 9)]
