"""The income-monitoring sample in the database: who is eligible, who is sampled in a year.

Eligible: a live household with at least one active certified disabled member (Form B
monitors "households with a certified disabled member", domain/form-income-monitoring.md);
the draw is stratified by town so every town is monitored in proportion to its households.
"""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.store.registry import Household, Person
from app.store.work import IncomeSample


def eligible(session: Session, area_prefix: str = "") -> list[tuple[str, str]]:
    """(household id, village code) of every household that may be sampled, by id."""
    certified = exists().where(
        Person.household_id == Household.id, Person.deleted.is_(False), Person.status == "active"
    )
    query = select(Household.id, Household.area_code).where(Household.deleted.is_(False), certified)
    if area_prefix:
        query = query.where(Household.area_code.startswith(area_prefix, autoescape=True))
    return [(h, a) for h, a in session.execute(query.order_by(Household.id))]


def sampled(session: Session, year: int) -> list[IncomeSample]:
    """The year's sample (live rows), by village then household."""
    query = (
        select(IncomeSample)
        .join(Household, Household.id == IncomeSample.household_id)
        .where(IncomeSample.year == year, IncomeSample.deleted.is_(False))
        .order_by(Household.area_code, IncomeSample.household_id)
    )
    return list(session.scalars(query))
