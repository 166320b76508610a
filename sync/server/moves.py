"""Moves across villages: where a user may send a person beyond their own scope.

A member answers for their villages, yet a person of theirs may move to another
village of the district (the monthly round's "moved within the district"). The
member may then (1) move the person, a record in their scope, to a household of a
village of their district, and (2) make the new household there that the person
heads: a household outside their scope is accepted only with one of their own
persons as its head, so no one writes into another village otherwise. Both are in
the change log with the user and the areas left and entered; the person and what
hangs below them (certificates, subsidies, tasks) leave the old village's laptops at
their next pull and reach the new village's. An admin's scope is everything anyway.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.areas import is_area_code
from app.store.registry import Person
from sync.server.auth import Actor
from sync.server.scope import DISTRICT_DIGITS
from sync.server.tables import RecordIndex


def in_district(actor: Actor, area: str | None) -> bool:
    """Whether an area lies in a district the user is assigned in."""
    if not area or not is_area_code(area):
        return False
    return any(a[:DISTRICT_DIGITS] == area[:DISTRICT_DIGITS] for a in actor.areas)


def person_moved(actor: Actor, entity: str, applied: Mapping[str, Any], area: str | None) -> bool:
    """A change that moved one of the user's persons to a household of their district."""
    return entity == "person" and "household_id" in applied and in_district(actor, area)


def household_for_move(
    session: Session, actor: Actor, entity: str, values: Mapping[str, Any], area: str | None
) -> bool:
    """A new household in a village of the user's district, headed by a person they hold."""
    if entity != "household" or not in_district(actor, area):
        return False
    head = str(values.get("head_id_number") or "")
    if not head:
        return False
    persons = session.scalars(
        select(Person.id).where(
            Person.id_number == head, Person.deleted.is_(False), Person.status != "cancelled"
        )
    )
    for person_id in persons:
        index = session.get(RecordIndex, ("person", person_id))
        if index is not None and actor.scope.covers(index.area_code):
            return True
    return False
