"""Applying pulled pages on the laptop: pending fields kept, departures, the index, the cursor."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from app.domain.identity import make_resident_id
from app.services.registry import Registry
from app.store import pull, syncing
from app.store.base import Synced
from app.store.changes import snapshot, to_wire
from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from app.store.registry import Household, Person
from app.store.search import search
from tests.conftest import PASSWORD, VILLAGE

ID_A = make_resident_id("330283", date(1970, 3, 1), 11)
ID_B = make_resident_id("330283", date(1971, 4, 2), 13)


def as_pulled(
    db: Database, model: type[Synced], record_id: str, rev: int, **changed: object
) -> pull.Pulled:
    """The server's version of a local record: its fields, with some changed."""
    with db.session() as s:
        record = s.get(model, record_id)
        assert record is not None
        fields = {k: to_wire(v) for k, v in snapshot(record).items()}
    fields.update(changed)
    return pull.Pulled(model.entity, record_id, rev, False, "2026-11-02T08:00:00", "rita", fields)


def test_a_page_keeps_local_pending_fields_and_takes_the_rest(db: Database) -> None:
    hid = "h-1"
    with db.transaction() as s:  # pulled by an earlier sync: no pending op
        s.add(Household(id=hid, area_code=VILLAGE, address="南山路1号", head_name="柴进", rev=3))
    Registry(db, "alice").update_household(hid, {"phone": "13957400001"})  # pending
    server = as_pulled(db, Household, hid, 42, phone="13957400002", address="南山路2号")
    applied = pull.apply_page(db, [server], state={"cursor": "42"})
    assert (applied.received, applied.kept) == (1, 1)
    with db.session() as s:
        record = s.get(Household, hid)
        assert record is not None
        assert (record.phone, record.address, record.rev) == ("13957400001", "南山路2号", 42)
        assert [h.household_id for h in search(s.connection(), "柴进")] == [hid]
    assert syncing.state(db)["cursor"] == "42"


def test_new_records_arrive_in_any_order_and_the_index_follows(db: Database) -> None:
    person = pull.Pulled(
        "person",
        "p-1",
        7,
        False,
        "2026-11-02T08:00:00",
        "server",
        {
            "household_id": "h-1",
            "name": "王堃",
            "id_number": ID_A,
            "birth_date": "1970-03-01",
            "component_grades": {},
        },
    )
    house = pull.Pulled(
        "household",
        "h-1",
        9,
        False,
        "2026-11-02T08:00:00",
        "server",
        {"area_code": VILLAGE, "address": "溪口路3号", "hardship": ["1"]},
    )
    pull.apply_page(db, [person], state={"cursor": "7"})  # the person first: no household yet
    pull.apply_page(db, [house], state={"cursor": "9"})
    with db.session() as s:
        found = s.get(Person, "p-1")
        assert found is not None and found.birth_date == date(1970, 3, 1)
        assert [(h.household_id, h.person_id) for h in search(s.connection(), "王堃")] == [
            ("h-1", "p-1")
        ]


def test_records_that_left_the_scope_go_unless_they_have_pending_ops(db: Database) -> None:
    registry = Registry(db, "alice")
    kept, _ = registry.add_household({"area_code": VILLAGE, "head_name": "柴进"})
    with db.transaction() as s:  # as if pulled long ago: no pending op
        s.add(Household(id="h-old", area_code=VILLAGE, head_name="王芳", rev=3))
    applied = pull.apply_page(db, [], gone=[("household", kept), ("household", "h-old")])
    assert applied.removed == 1
    with db.session() as s:
        assert s.get(Household, "h-old") is None and s.get(Household, kept) is not None
        assert search(s.connection(), "王芳") == []


def test_a_number_that_moved_between_persons_does_not_clash(db: Database) -> None:
    hid, _ = Registry(db, "alice").add_household({"area_code": VILLAGE})
    with db.transaction() as s:
        s.add(Person(id="p-1", household_id=hid, name="甲", id_number=ID_A, rev=1))
        s.add(Person(id="p-2", household_id=hid, name="乙", id_number=ID_B, rev=2))
    first = as_pulled(db, Person, "p-1", 10, id_number=ID_B)
    second = as_pulled(db, Person, "p-2", 11, id_number=ID_A)
    pull.apply_page(db, [first, second])
    with db.session() as s:
        rows = s.execute(select(Person.id, Person.id_number, Person.deleted)).all()
    assert sorted(rows) == [("p-1", ID_B, False), ("p-2", ID_A, False)]


def _stored(db: Database, table: str, record_id: str) -> tuple[object, ...]:
    with db.engine.connect() as conn:
        row = conn.exec_driver_sql(f"SELECT * FROM {table} WHERE id = ?", (record_id,)).one()
    return tuple(row)


def _as_sent(db: Database, model: type[Synced], record_id: str) -> pull.Pulled:
    """A local record exactly as the server would send it back."""
    with db.session() as s:
        record = s.get(model, record_id)
        assert record is not None
        fields = {k: to_wire(v) for k, v in snapshot(record).items()}
        return pull.Pulled(
            model.entity,
            record_id,
            record.rev,
            record.deleted,
            record.updated_at.isoformat(),
            record.updated_by,
            fields,
        )


def test_a_pulled_record_is_stored_as_the_program_stores_it(db: Database, tmp_path: Path) -> None:
    """Dates, times, flags and JSON go straight to the driver: the same text as the ORM's."""
    hid, _ = Registry(db, "alice").add_household(
        {"area_code": VILLAGE, "head_name": "柴进", "hardship": ["1", "5"]}
    )
    with db.transaction() as s:
        s.add(
            Person(
                id="p-1",
                household_id=hid,
                name="王堃",
                id_number=ID_A,
                birth_date=date(1970, 3, 1),
                component_grades={"视力": "二级"},
                in_institution=True,
                rev=4,
                updated_at=datetime(2026, 11, 2, 8, 30, 5, 120),
            )
        )
    pulled = [_as_sent(db, Household, hid), _as_sent(db, Person, "p-1")]
    other = Database.create(tmp_path / "other.db", PASSWORD, kdf=FAST_TEST_KDF)
    try:
        pull.apply_page(other, pulled)
        assert _stored(other, "household", hid) == _stored(db, "household", hid)
        assert _stored(other, "person", "p-1") == _stored(db, "person", "p-1")
    finally:
        other.close()


def test_a_record_without_some_field_takes_the_defaults(db: Database) -> None:
    """An older server that does not know a column yet: the rest is stored, the default fills it."""
    house = pull.Pulled(
        "household", "h-9", 5, False, "2026-11-02T08:00:00", "server", {"area_code": VILLAGE}
    )
    pull.apply_page(db, [house], state={"cursor": "5"})
    with db.session() as s:
        found = s.get(Household, "h-9")
        assert found is not None and found.hardship == [] and found.rev == 5
        assert found.updated_at == datetime(2026, 11, 2, 8, 0, 0)
