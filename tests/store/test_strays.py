"""Households a laptop made outside its scope are dropped once sent and empty, and only then."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select

from app.domain.identity import make_resident_id
from app.services.registry import Registry
from app.store.database import Database
from app.store.outbox import OutboxOp
from app.store.registry import Household
from app.store.search import search
from app.store.strays import drop_strays
from tests.conftest import OTHER_VILLAGE, VILLAGE

SCOPE = [VILLAGE[:9]]  # the laptop's scope: the town of VILLAGE


def _sent(db: Database) -> None:
    """As after a push: the server has every op."""
    with db.transaction() as s:
        s.execute(delete(OutboxOp))


def _households(db: Database) -> set[str]:
    with db.session() as s:
        return set(s.scalars(select(Household.id)))


def test_only_sent_empty_households_outside_the_scope_are_dropped(db: Database) -> None:
    registry = Registry(db, "member1")
    own, _ = registry.add_household({"area_code": VILLAGE, "head_name": "柴进"})
    registry.add_household({"area_code": OTHER_VILLAGE, "head_name": "宋江"})
    held, _ = registry.add_household({"area_code": OTHER_VILLAGE, "head_name": "吴用"})
    registry.add_person(
        held, {"name": "吴用", "id_number": make_resident_id("330213", date(1961, 3, 9), 27)}
    )
    assert drop_strays(db, SCOPE) == 0  # not sent yet: its ops wait in the outbox
    _sent(db)
    assert drop_strays(db, SCOPE) == 1
    assert _households(db) == {own, held}  # a household with a person stays
    with db.session() as s:
        assert search(s.connection(), "宋江") == []
    assert drop_strays(db, [""]) == 0  # nothing is outside an admin's scope
    assert drop_strays(db, SCOPE) == 0
