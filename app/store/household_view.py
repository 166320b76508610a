"""Everything the household page shows of one household, read in one go."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.registry import Area, Certificate, Household, Person, Subsidy
from app.store.work import Attachment, FormResponse, RenovationCase, Visit


@dataclass
class PersonView:
    """A certified person of the household with their certificate and subsidy history."""

    person: Person
    certificates: list[Certificate] = field(default_factory=list)
    subsidies: list[Subsidy] = field(default_factory=list)


@dataclass
class ResponseView:
    """One form response of the household (any round)."""

    id: str
    form_id: str
    survey_round: str
    person_name: str
    state: str
    updated_at: datetime


@dataclass
class HouseholdView:
    """A household page's data."""

    household: Household
    village: str
    town: str
    persons: list[PersonView]
    responses: list[ResponseView]
    visits: list[Visit]
    attachments: list[Attachment]
    cases: list[RenovationCase]

    def person_name(self, person_id: str | None) -> str:
        return next((p.person.name for p in self.persons if p.person.id == person_id), "")


def household_view(session: Session, household_id: str) -> HouseholdView | None:
    household = session.get(Household, household_id)
    if household is None or household.deleted:
        return None
    village = session.scalars(select(Area).where(Area.code == household.area_code)).first()
    town = (
        session.scalars(select(Area).where(Area.code == village.parent_code)).first()
        if village and village.parent_code
        else None
    )
    persons = list(
        session.scalars(
            select(Person)
            .where(Person.household_id == household_id, Person.deleted.is_(False))
            .order_by(Person.relation, Person.name)
        )
    )
    ids = [p.id for p in persons]
    certificates = session.scalars(
        select(Certificate)
        .where(Certificate.person_id.in_(ids), Certificate.deleted.is_(False))
        .order_by(Certificate.valid_from)
    ).all()
    subsidies = session.scalars(
        select(Subsidy)
        .where(Subsidy.person_id.in_(ids), Subsidy.deleted.is_(False))
        .order_by(Subsidy.start_month)
    ).all()
    views = [
        PersonView(
            p,
            [c for c in certificates if c.person_id == p.id],
            [s for s in subsidies if s.person_id == p.id],
        )
        for p in persons
    ]
    names = {p.id: p.name for p in persons}
    responses = [
        ResponseView(
            r.id, r.form_id, r.survey_round, names.get(r.person_id or "", ""), r.state, r.updated_at
        )
        for r in session.scalars(
            select(FormResponse)
            .where(FormResponse.household_id == household_id, FormResponse.deleted.is_(False))
            .order_by(FormResponse.survey_round.desc(), FormResponse.form_id)
        )
    ]
    visits = list(
        session.scalars(
            select(Visit)
            .where(Visit.household_id == household_id, Visit.deleted.is_(False))
            .order_by(Visit.planned_date.desc())
        )
    )
    cases = list(
        session.scalars(
            select(RenovationCase).where(
                RenovationCase.household_id == household_id, RenovationCase.deleted.is_(False)
            )
        )
    )
    owners = [household_id, *ids, *(c.id for c in cases)]
    attachments = list(
        session.scalars(
            select(Attachment)
            .where(Attachment.owner_id.in_(owners), Attachment.deleted.is_(False))
            .order_by(Attachment.taken_at)
        )
    )
    return HouseholdView(
        household=household,
        village=village.name if village else household.area_code,
        town=town.name if town else "",
        persons=views,
        responses=responses,
        visits=visits,
        attachments=attachments,
        cases=cases,
    )


def age_today(person: Person, today: date | None = None) -> int | None:
    if person.birth_date is None:
        return None
    day = today or date.today()
    born = person.birth_date
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
