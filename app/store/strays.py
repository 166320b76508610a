"""Households a laptop made outside its own scope, dropped once the server has them.

A member who moves a person to a new household in another village makes that
household on the laptop (the person needs it at once), though it lies outside the
member's scope: the server never sends it back, and the person leaves at the next
pull. Once sent (no op of it waits in the outbox) and empty (nothing hangs below it
any more), it is dropped here with its search documents, as a departure would be.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, exists, false, not_, or_, select

from app.store import search
from app.store.database import Database
from app.store.outbox import OutboxOp
from app.store.registry import Household, Person
from app.store.work import Attachment, FormResponse, RenovationCase, Visit

#: the records that hang below a household by their household_id
BELOW = (Person, Visit, FormResponse, RenovationCase)


def drop_strays(db: Database, prefixes: Sequence[str]) -> int:
    """Drop the sent, empty households outside the scope `prefixes`; how many were dropped."""
    if "" in prefixes:
        return 0
    inside = or_(false(), *[Household.area_code.startswith(p, autoescape=True) for p in prefixes])
    held = [~exists().where(model.household_id == Household.id) for model in BELOW]
    query = select(Household.id).where(
        not_(inside),
        ~exists().where(OutboxOp.record_id == Household.id),
        ~exists().where(
            and_(Attachment.owner_entity == "household", Attachment.owner_id == Household.id)
        ),
        *held,
    )
    with db.transaction() as s:
        ids = list(s.scalars(query))
        if not ids:
            return 0
        search.remove_households(s.connection(), ids)
        s.execute(Household.__table__.delete().where(Household.id.in_(ids)))  # type: ignore[attr-defined]
    return len(ids)
