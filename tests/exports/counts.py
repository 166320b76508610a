"""Counts the export tests compare row counts with, made here rather than by the exports."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.store.registry import Household, Person


def active_persons(session: Session, prefix: str = "") -> int:
    """Active persons of live households whose village code starts with `prefix`."""
    query = (
        select(func.count())
        .select_from(Person)
        .join(Household, Household.id == Person.household_id)
        .where(
            Person.status == "active",
            Person.deleted.is_(False),
            Household.deleted.is_(False),
            Household.area_code.like(f"{prefix}%"),
        )
    )
    return int(session.scalar(query) or 0)
