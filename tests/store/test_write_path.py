"""The one write path: each change and its outbox row are saved together."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.domain.issues import ValidationFailed
from app.store import changes
from app.store.database import Database
from app.store.outbox import OutboxOp
from app.store.registry import Household
from tests.conftest import VILLAGE


def _ops(db: Database) -> list[OutboxOp]:
    with db.session() as s:
        return list(s.scalars(select(OutboxOp).order_by(OutboxOp.seq)))


def test_create_writes_the_record_and_a_full_outbox_row(db: Database) -> None:
    with db.transaction() as s:
        h = changes.create(
            s, Household, {"area_code": VILLAGE, "address": "南山路1号"}, user="member1"
        )
    [op] = _ops(db)
    assert (op.entity, op.record_id, op.kind, op.base_rev) == ("household", h.id, "upsert", 0)
    assert op.fields["address"] == "南山路1号"
    assert op.fields["area_code"] == VILLAGE
    assert op.username == "member1"
    assert len(op.op_id) == 36


def test_update_sends_only_changed_fields_and_a_no_op_sends_nothing(db: Database) -> None:
    with db.transaction() as s:
        h = changes.create(s, Household, {"area_code": VILLAGE, "address": "旧地址"}, user="u")
    with db.transaction() as s:
        changed = changes.update(
            s, Household, h.id, {"address": "新地址", "area_code": VILLAGE}, user="u"
        )
    assert changed == {"address": "新地址"}
    with db.transaction() as s:
        assert changes.update(s, Household, h.id, {"address": "新地址"}, user="u") == {}
    ops = _ops(db)
    assert [op.fields for op in ops[1:]] == [{"address": "新地址"}]


def test_delete_leaves_a_tombstone_and_an_outbox_row(db: Database) -> None:
    with db.transaction() as s:
        h = changes.create(s, Household, {"area_code": VILLAGE}, user="u")
    with db.transaction() as s:
        changes.delete(s, Household, h.id, user="u")
    with db.session() as s:
        assert s.get(Household, h.id).deleted is True  # type: ignore[union-attr]
    assert _ops(db)[-1].kind == "delete"
    with db.transaction() as s, pytest.raises(ValidationFailed) as caught:
        changes.update(s, Household, h.id, {"address": "x"}, user="u")
    assert caught.value.codes == ("record.deleted",)


def test_a_failed_transaction_keeps_neither_change_nor_outbox_row(db: Database) -> None:
    with pytest.raises(RuntimeError), db.transaction() as s:
        changes.create(s, Household, {"area_code": VILLAGE}, user="u")
        raise RuntimeError("power cut in the middle of saving")
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Household)) == 0
        assert s.scalar(select(func.count()).select_from(OutboxOp)) == 0


def test_unknown_and_bookkeeping_fields_are_refused(db: Database) -> None:
    with db.transaction() as s, pytest.raises(ValidationFailed) as caught:
        changes.create(s, Household, {"area_code": VILLAGE, "colour": "red", "rev": 5}, user="u")
    assert set(caught.value.codes) == {"field.unknown"}
    assert {i.field for i in caught.value.issues} == {"colour", "rev"}
