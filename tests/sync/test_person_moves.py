"""A person moved to another member's village leaves the old laptop and reaches the new one.

Member alice (village 1) moves a person of hers to a new household in bob's village
(another town of the district). After the syncs the person and everything that hangs
below them (certificate periods, subsidies, monthly tasks) are gone from alice's laptop
and on bob's; the old household's visits stay with it; the server's change log names
alice, the village left and the village entered.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from sqlalchemy import func, select

from app.services.registry import Registry
from app.store import changes
from app.store.database import Database
from app.store.registry import Certificate, Household, Person, Subsidy
from app.store.search import search
from app.store.work import ChangeNotice, Visit
from sync.server import ledger
from sync.server.db import ServerDatabase
from sync.server.tables import Audit, ChangeLog
from tests.sync.laptops import Wire, a_person, household, op, outbox, sync
from tests.sync.servers import ALICE_VILLAGE, BOB_VILLAGE, MOLLY_VILLAGE, ServerProcess

Server = tuple[ServerProcess, ServerDatabase]
Laptops = Callable[..., Database]


def _held(db: Database, person_id: str) -> dict[str, int]:
    """How many records of the person (and below them) a laptop holds."""
    with db.session() as s:
        return {
            model.__tablename__: s.scalar(
                select(func.count()).select_from(model).where(column == person_id)
            )
            or 0
            for model, column in (
                (Person, Person.id),
                (Certificate, Certificate.person_id),
                (Subsidy, Subsidy.person_id),
                (ChangeNotice, ChangeNotice.person_id),
            )
        }


def _server_records(database: ServerDatabase, person_id: str) -> None:
    """A running subsidy and an open task of the person, written on the server."""
    author = ledger.Author("server")
    with database.write() as s:
        ledger.lock(s)
        ledger.write_change(
            s,
            "subsidy",
            str(uuid.uuid4()),
            {"person_id": person_id, "kind": "care", "start_month": "2025-01", "amount_fen": 9000},
            author=author,
        )
        ledger.write_change(
            s,
            "change_notice",
            str(uuid.uuid4()),
            {"person_id": person_id, "kind": "move", "month": "2026-11", "source": "公安"},
            author=author,
        )


def test_a_move_to_another_members_village_rescopes_the_person(
    server: Server, laptops: Laptops
) -> None:
    process, database = server
    alice, bob = laptops(process, "alice"), laptops(process, "bob")
    old_household, pid = a_person(alice, "南山路3号")
    with alice.transaction() as s:
        changes.create(
            s, Visit, {"household_id": old_household, "planned_date": date(2026, 11, 3)}, user="a"
        )
    sync(alice)
    _server_records(database, pid)
    sync(alice)
    assert _held(alice, pid) == {"person": 1, "certificate": 1, "subsidy": 1, "change_notice": 1}
    sync(bob)
    assert _held(bob, pid)["person"] == 0

    new_household, _ = Registry(alice, "alice").move_person_to_new_household(
        pid, BOB_VILLAGE, {"address": "岳林路8号", "hukou_type": "1"}
    )
    receipt = sync(alice)
    assert (receipt.status, receipt.refused) == ("done", 0)
    assert outbox(alice) == []
    assert _held(alice, pid) == {"person": 0, "certificate": 0, "subsidy": 0, "change_notice": 0}
    with alice.session() as s:
        # the household she made for the move left with the person; the old one stays,
        # with its visit (a record of a visit made there)
        assert s.get(Household, new_household) is None
        assert s.get(Household, old_household) is not None
        assert s.scalar(select(func.count()).select_from(Visit)) == 1
        assert search(s.connection(), "王堃") == []

    sync(bob)
    assert _held(bob, pid) == {"person": 1, "certificate": 1, "subsidy": 1, "change_notice": 1}
    with bob.session() as s:
        person = s.get(Person, pid)
        assert person is not None and person.household_id == new_household
        assert s.get(Household, old_household) is None
        assert s.scalar(select(func.count()).select_from(Visit)) == 0
        assert {h.household_id for h in search(s.connection(), "王堃")} == {new_household}

    with database.read() as s:
        moved = s.scalars(
            select(ChangeLog).where(ChangeLog.entity == "person", ChangeLog.record_id == pid)
        ).all()[-1]
        assert (moved.username, moved.from_area, moved.area_code) == (
            "alice",
            ALICE_VILLAGE,
            BOB_VILLAGE,
        )
        assert moved.fields["household_id"] == new_household
        followed = s.scalars(
            select(ChangeLog.entity).where(
                ChangeLog.kind == "rescope", ChangeLog.area_code == BOB_VILLAGE
            )
        ).all()
        assert sorted(followed) == ["certificate", "change_notice", "subsidy"]
        pushes = s.scalars(select(Audit).where(Audit.username == "alice", Audit.action == "push"))
        assert any(a.detail.get("applied") == 2 for a in pushes)  # the household and the move


def test_another_villages_household_needs_one_of_the_users_persons_as_head(
    server: Server, laptops: Laptops
) -> None:
    process, _database = server
    alice = laptops(process, "alice")
    _hid, pid = a_person(alice, "南山路5号")
    sync(alice)
    with alice.session() as s:
        person = s.get(Person, pid)
        assert person is not None
        id_number = person.id_number
    wire = Wire(process, "molly")  # another member of the district: the person is not hers
    refused = wire.push(op("household", str(uuid.uuid4()), 0, household(BOB_VILLAGE)))
    refused += wire.push(
        op("household", str(uuid.uuid4()), 0, household(BOB_VILLAGE, head_id_number=id_number))
    )
    assert [r["outcome"] for r in refused] == ["refused", "refused"]
    assert {c["code"] for r in refused for c in r["refusals"]} == {"sync.out_of_scope"}
    alice_wire = Wire(process, "alice")
    [made] = alice_wire.push(
        op("household", str(uuid.uuid4()), 0, household(MOLLY_VILLAGE, head_id_number=id_number))
    )
    assert made["outcome"] == "applied"
    [foreign] = alice_wire.push(
        op("household", str(uuid.uuid4()), 0, household("330281001001", head_id_number=id_number))
    )
    assert foreign["outcome"] == "refused"
