"""A push is applied as a batch: what one op's refusal does to the others in it.

The server applies a batch's ops together and writes them at once; when one of
them breaks a constraint or is refused after it began writing, the batch is
applied again op by op, each in its own savepoint. Either way the others apply,
and exactly once.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select

from app.domain.certificate import make_certificate
from app.domain.issues import Issue
from app.services.registry import Registry
from app.store.database import Database
from app.store.registry import Household, Person
from sync.server.db import ServerDatabase
from sync.server.tables import FieldSeq, OpReceipt
from tests.services.test_responses import ID_40
from tests.sync.laptops import Wire, a_person, household, op, sync
from tests.sync.servers import ALICE_VILLAGE, MOLLY_VILLAGE, ServerProcess

Server = tuple[ServerProcess, ServerDatabase]
Laptops = Callable[..., Database]


def test_a_duplicate_id_refuses_its_op_and_the_rest_of_the_batch_applies(
    any_server: Server, laptops: Laptops
) -> None:
    process, database = any_server
    first = laptops(process, "alice", "first")
    second = laptops(process, "alice", "second")  # offline: it has not seen the first's person
    a_person(first, "南山路1号")
    assert sync(first).refused == 0
    hid, pid = a_person(second, "南山路2号")
    Registry(second, "alice").update_household(hid, {"phone": "13957400009"})

    receipt = sync(second)

    refused = {r["record_id"]: r for r in receipt.detail["refused"]}
    # both numbers are taken; which unique index the database checks first is its own affair
    cert = make_certificate(ID_40, 4, 3)
    assert refused[pid]["reason"] in {
        Issue("id.duplicate", {"id": ID_40}).message,
        Issue("cert.duplicate", {"cert": cert}).message,
    }
    with database.read() as s:
        server_household = s.get(Household, hid)
        assert server_household is not None
        assert server_household.phone == "13957400009"  # the op after the refused one
        assert s.get(Person, pid) is None
        assert s.scalar(select(func.count()).select_from(Person)) == 1
        phone_seq = s.get(FieldSeq, ("household", hid, "phone"))
        assert phone_seq is not None and phone_seq.seq == server_household.rev
        rev = server_household.rev
        receipts = s.scalar(select(func.count()).select_from(OpReceipt))
    sync(second)  # the refused op waits to be fixed; nothing applies twice
    with database.read() as s:
        again = s.get(Household, hid)
        assert again is not None and again.rev == rev
        assert s.scalar(select(func.count()).select_from(OpReceipt)) == receipts


def test_a_move_out_of_scope_is_refused_alone_and_nothing_of_it_stays(
    any_server: Server,
) -> None:
    # the member moves a household to another village (refused after the move was
    # written: it leaves her scope), between two ops that apply
    process, database = any_server
    alice = Wire(process, "alice")
    kept = "00000000-0000-4000-8000-0000000000b1"
    moved = "00000000-0000-4000-8000-0000000000b2"
    created = alice.push(
        op("household", kept, 0, household(ALICE_VILLAGE)),
        op("household", moved, 0, household(ALICE_VILLAGE)),
    )
    assert [r["outcome"] for r in created] == ["applied", "applied"]
    kept_rev, moved_rev = (int(r["rev"]) for r in created)

    receipts = alice.push(
        op("household", kept, kept_rev, {"phone": "13957400011"}),
        op("household", moved, moved_rev, {"area_code": MOLLY_VILLAGE, "phone": "13957400012"}),
        op("household", kept, kept_rev, {"address": "南山路3号"}),
    )

    assert [r["outcome"] for r in receipts] == ["applied", "refused", "applied"]
    assert [c["code"] for c in receipts[1]["refusals"]] == ["sync.out_of_scope"]
    with database.read() as s:
        k, m = s.get(Household, kept), s.get(Household, moved)
        assert k is not None and m is not None
        assert (k.phone, k.address) == ("13957400011", "南山路3号")
        assert (m.area_code, m.phone, m.rev) == (ALICE_VILLAGE, "", moved_rev)
        assert s.get(FieldSeq, ("household", moved, "area_code")) is None
        refused = select(OpReceipt).where(OpReceipt.op_id == receipts[1]["op_id"])
        assert s.scalars(refused).all() == []  # a refusal is not kept
    # resent: the applied ones answer with their receipts, the refused one is refused again
    again = alice.post(
        "/push",
        {
            "ops": [
                {**o, "op_id": r["op_id"]}
                for o, r in zip(
                    [
                        op("household", kept, kept_rev, {"phone": "13957400011"}),
                        op("household", moved, moved_rev, {"area_code": MOLLY_VILLAGE}),
                        op("household", kept, kept_rev, {"address": "南山路3号"}),
                    ],
                    receipts,
                    strict=True,
                )
            ]
        },
    ).json()["receipts"]
    assert again[0] == receipts[0] and again[2] == receipts[2]
    assert again[1]["outcome"] == "refused"
