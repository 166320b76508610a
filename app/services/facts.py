"""Registry facts a form is pre-filled and checked with, read from the store."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.money import yuan_number
from app.store.registry import Household, Person, Subsidy


def _yes_no(flag: bool) -> str:
    return "1" if flag else "2"


def _active_subsidies(session: Session, person_ids: list[str]) -> list[Subsidy]:
    if not person_ids:
        return []
    return list(
        session.scalars(
            select(Subsidy).where(
                Subsidy.person_id.in_(person_ids),
                Subsidy.deleted.is_(False),
                Subsidy.status == "active",
            )
        )
    )


def registry_facts(
    session: Session, household_id: str, person_id: str | None = None
) -> dict[str, Any]:
    """The `person.*` and `household.*` facts of resources/forms/README.md."""
    household = session.get(Household, household_id)
    if household is None:
        return {}
    members = list(
        session.scalars(
            select(Person)
            .where(Person.household_id == household_id, Person.deleted.is_(False))
            .order_by(Person.relation, Person.name)
        )
    )
    subsidies = _active_subsidies(session, [m.id for m in members])
    return facts_from(household, members, subsidies, person_id)


def facts_from(
    household: Household,
    members: Sequence[Person],
    subsidies: Sequence[Subsidy],
    person_id: str | None = None,
) -> dict[str, Any]:
    """The facts from rows already read (members in relation order, active subsidies)."""
    facts: dict[str, Any] = {
        "household.hukou_type": household.hukou_type,
        "household.address": household.address,
        "household.head_name": household.head_name,
        "household.phone": household.phone,
        "household.hardship": list(household.hardship or []),
        "household.living_subsidy_yuan": yuan_number(
            12 * sum(s.amount_fen for s in subsidies if s.kind == "living")
        ),
        "household.care_subsidy_yuan": yuan_number(
            12 * sum(s.amount_fen for s in subsidies if s.kind == "care")
        ),
        "household.members": [
            {
                "name": m.name,
                "relation": m.relation,
                "id_number": m.id_number,
                "ethnicity": m.ethnicity,
                "member_hukou": household.hukou_type,
                "marital": m.marital,
                "health": "4",
                "disability_category": m.category,
                "disability_grade": m.grade,
                "person_id": m.id,
                "resident": "2" if m.in_institution else "1",
            }
            for m in members
            if m.status == "active"
        ],
    }
    kinds_paid = {s.kind for s in subsidies}
    facts["household.living_subsidy"] = _yes_no("living" in kinds_paid)
    facts["household.care_subsidy"] = _yes_no("care" in kinds_paid)
    person = next((m for m in members if m.id == person_id), None)
    if person is not None:
        kinds = {s.kind for s in subsidies if s.person_id == person.id}
        facts.update(
            {
                "person.name": person.name,
                "person.id_number": person.id_number,
                "person.cert_number": person.cert_number,
                "person.category": person.category,
                "person.grade": person.grade,
                "person.sex": person.sex,
                "person.marital": person.marital,
                "person.in_institution": _yes_no(person.in_institution),
                "person.mobile": person.mobile,
                "person.landline": person.landline,
                "person.contact_name": person.contact_name,
                "person.contact_relation": person.contact_relation,
                "person.contact_phone": person.contact_phone,
                "person.living_subsidy": _yes_no("living" in kinds),
                "person.care_subsidy": _yes_no("care" in kinds),
            }
        )
    return facts
