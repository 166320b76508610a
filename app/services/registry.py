"""Registry use cases: add and correct households and persons, new certificates, moves, cancel.

Every value is checked before anything is written; a refused change raises
`ValidationFailed` with every issue found and saves nothing (the transaction is
rolled back whole). Sex and birth date are derived from the ID number, never typed.
A use case given a `session` runs inside the caller's transaction (a reviewer's
acceptance of a task applies its consequences together), otherwise in its own.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.areas import AreaLevel, is_area_code, level_of
from app.domain.certificate import check_certificate, normalize_certificate
from app.domain.codes import check_code
from app.domain.identity import (
    birth_date_from_id,
    check_resident_id,
    normalize_resident_id,
    sex_from_id,
)
from app.domain.issues import Issue, ValidationFailed
from app.domain.phone import check_phone, normalize_phone
from app.services import certificates
from app.services.changed import Changed
from app.store import changes
from app.store.database import Database
from app.store.registry import Area, Certificate, Household, Person

HOUSEHOLD_CODED = {"hukou_type": "hukou_type"}
PERSON_CODED = {
    "relation": "relation",
    "ethnicity": "ethnicity",
    "marital": "marital",
    "category": "disability_category",
    "grade": "disability_grade",
    "cause": "disability_cause",
    "self_care": "self_care",
    "contact_relation": "relation",
    "card_generation": "card_generation",
    "card_status": "card_status",
    "cancel_reason": "cancel_reason",
}
HOUSEHOLD_PHONES = ("phone", "phone2")
PERSON_PHONES = ("mobile", "landline", "contact_phone")
DERIVED = ("sex", "birth_date")
#: the digits of an area code naming its district (province, city, county): moves stay inside
DISTRICT_DIGITS = 6


def _codes(values: Mapping[str, Any], coded: Mapping[str, str]) -> list[Issue]:
    issues: list[Issue] = []
    for name, list_id in coded.items():
        value = values.get(name)
        if value:
            issues += check_code(list_id, str(value), field=name)
    return issues


def _phones(values: dict[str, Any], names: tuple[str, ...]) -> list[Issue]:
    issues: list[Issue] = []
    for name in names:
        if values.get(name):
            found = check_phone(str(values[name]), field=name)
            if found:
                issues += found
            else:
                values[name] = normalize_phone(str(values[name]))
    return issues


def _area_issues(session: Session, code: str) -> list[Issue]:
    if not is_area_code(code):
        return [Issue("area.invalid", {"code": code}, "area_code")]
    exists = session.scalar(select(Area.id).where(Area.code == code, Area.deleted.is_(False)))
    if exists is None:
        return [Issue("area.unknown", {"code": code}, "area_code")]
    if level_of(code) is not AreaLevel.VILLAGE:
        return [Issue("area.not_village", {"code": code}, "area_code")]
    return []


class Registry:
    """The registry use cases of one signed-in user."""

    def __init__(self, db: Database, user: str) -> None:
        self.db = db
        self.user = user

    @contextmanager
    def _transaction(self, session: Session | None) -> Iterator[Session]:
        """The caller's transaction when given one, else a new one of this use case."""
        if session is not None:
            yield session
        else:
            with self.db.transaction() as s:
                yield s

    # -- households --------------------------------------------------------------

    def _check_household(self, session: Session, values: dict[str, Any]) -> list[Issue]:
        issues: list[Issue] = []
        if "area_code" in values:
            issues += _area_issues(session, str(values["area_code"]))
        if values.get("head_id_number"):
            values["head_id_number"] = normalize_resident_id(values["head_id_number"])
            issues += check_resident_id(values["head_id_number"], field="head_id_number")
        for code in values.get("hardship") or []:
            issues += check_code("hardship", str(code), field="hardship")
        issues += _codes(values, HOUSEHOLD_CODED)
        issues += _phones(values, HOUSEHOLD_PHONES)
        return issues

    def add_household(
        self, fields: Mapping[str, Any], *, session: Session | None = None
    ) -> tuple[str, Changed]:
        values = dict(fields)
        if not values.get("area_code"):
            raise ValidationFailed([Issue("field.required", {"field": "area_code"}, "area_code")])
        with self._transaction(session) as s:
            issues = self._check_household(s, values)
            if issues:
                raise ValidationFailed(issues)
            household = changes.create(s, Household, values, user=self.user)
            return household.id, Changed(households=frozenset({household.id}))

    def update_household(
        self, household_id: str, fields: Mapping[str, Any], *, session: Session | None = None
    ) -> Changed:
        values = dict(fields)
        with self._transaction(session) as s:
            issues = self._check_household(s, values)
            if issues:
                raise ValidationFailed(issues)
            changes.update(s, Household, household_id, values, user=self.user)
            return Changed(households=frozenset({household_id}))

    # -- persons -----------------------------------------------------------------

    def _check_person(
        self, session: Session, values: dict[str, Any], current: Person | None
    ) -> list[Issue]:
        issues: list[Issue] = []
        for name in DERIVED:
            if name in values:
                issues.append(Issue("field.derived", {"field": name}, name))
        merged: dict[str, Any] = changes.snapshot(current) if current else {}
        if "id_number" in values:
            values["id_number"] = normalize_resident_id(str(values["id_number"]))
        if "cert_number" in values:
            values["cert_number"] = normalize_certificate(str(values["cert_number"]))
        merged.update(values)
        if not merged.get("name"):
            issues.append(Issue("field.required", {"field": "name"}, "name"))
        id_issues = check_resident_id(str(merged.get("id_number") or ""))
        issues += id_issues
        if not id_issues and "id_number" in values:
            values["sex"] = sex_from_id(values["id_number"])
            values["birth_date"] = birth_date_from_id(values["id_number"])
            other = session.scalar(
                select(Person.id).where(
                    Person.id_number == values["id_number"], Person.deleted.is_(False)
                )
            )
            if other is not None and (current is None or other != current.id):
                issues.append(Issue("id.duplicate", {"id": values["id_number"]}, "id_number"))
        cert = str(merged.get("cert_number") or "")
        if cert and ({"cert_number", "category", "grade", "id_number"} & values.keys()):
            for name in ("category", "grade"):
                if not merged.get(name):
                    issues.append(Issue("field.required", {"field": name}, name))
            issues += check_certificate(
                cert,
                resident_id=str(merged.get("id_number") or ""),
                category=merged.get("category"),
                grade=merged.get("grade"),
            )
            other = session.scalar(
                select(Person.id).where(Person.cert_number == cert, Person.deleted.is_(False))
            )
            if other is not None and (current is None or other != current.id):
                issues.append(Issue("cert.duplicate", {"cert": cert}, "cert_number"))
        issues += _codes(values, PERSON_CODED)
        issues += _phones(values, PERSON_PHONES)
        return issues

    def add_person(
        self, household_id: str, fields: Mapping[str, Any], *, session: Session | None = None
    ) -> tuple[str, Changed]:
        """Register a certified person in a household, with their first certificate period."""
        values = dict(fields)
        with self._transaction(session) as s:
            household = s.get(Household, household_id)
            if household is None or household.deleted:
                raise ValidationFailed([Issue("household.unknown", {"id": household_id})])
            issues = self._check_person(s, values, None)
            if issues:
                raise ValidationFailed(issues)
            values["household_id"] = household_id
            person = changes.create(s, Person, values, user=self.user)
            if person.cert_number:
                changes.create(
                    s,
                    Certificate,
                    {
                        "person_id": person.id,
                        "cert_number": person.cert_number,
                        "category": person.category,
                        "grade": person.grade,
                        "valid_from": person.card_issued,
                    },
                    user=self.user,
                )
            return person.id, Changed(
                households=frozenset({household_id}), persons=frozenset({person.id})
            )

    def update_person(
        self, person_id: str, fields: Mapping[str, Any], *, on: date | None = None
    ) -> Changed:
        """Correct a person's facts; a new certificate or grade keeps the old one in history."""
        values = dict(fields)
        with self.db.transaction() as s:
            person = s.get(Person, person_id)
            if person is None or person.deleted:
                raise ValidationFailed([Issue("person.unknown", {"id": person_id})])
            issues = self._check_person(s, values, person)
            if issues:
                raise ValidationFailed(issues)
            before = (person.cert_number, person.category, person.grade)
            changed = changes.update(s, Person, person_id, values, user=self.user)
            after = (person.cert_number, person.category, person.grade)
            if changed and before != after and person.cert_number:
                day = on or date.today()
                certificates.start_period(s, person, day, user=self.user, closing=day)
            households = {person.household_id}
            return Changed(households=frozenset(households), persons=frozenset({person_id}))

    def new_certificate(
        self,
        person_id: str,
        cert_number: str,
        category: str,
        grade: str,
        issued_on: date,
        *,
        valid_until: date | None = None,
        session: Session | None = None,
    ) -> Changed:
        """A new certificate after a grade or category change (换证): the old period is closed
        on `issued_on` and kept with its dates, a new one opens, the person shows the new one."""
        number = normalize_certificate(cert_number)
        issues: list[Issue] = []
        for name, value, list_id in (
            ("category", category, "disability_category"),
            ("grade", grade, "disability_grade"),
        ):
            if not value:
                issues.append(Issue("field.required", {"field": name}, name))
            else:
                issues += check_code(list_id, str(value), field=name)
        with self._transaction(session) as s:
            person = _active_person(s, person_id)
            issues += check_certificate(
                number, resident_id=person.id_number, category=category, grade=grade
            )
            if (number, str(category), str(grade)) == (
                person.cert_number,
                person.category,
                person.grade,
            ):
                issues.append(Issue("cert.unchanged", {"cert": number}, "cert_number"))
            other = s.scalar(
                select(Person.id).where(
                    Person.cert_number == number, Person.deleted.is_(False), Person.id != person_id
                )
            )
            if other is not None:
                issues.append(Issue("cert.duplicate", {"cert": number}, "cert_number"))
            started = [p.valid_from for p in certificates.open_periods(s, person_id)]
            started += [person.card_issued] if person.cert_number else []
            latest = max((d for d in started if d is not None), default=None)
            if latest is not None and issued_on < latest:
                issues.append(
                    Issue(
                        "cert.issued_before",
                        {"day": issued_on.isoformat(), "since": latest.isoformat()},
                        "card_issued",
                    )
                )
            if issues:
                raise ValidationFailed(issues)
            certificates.keep_untracked(s, person, issued_on, user=self.user)
            changes.update(
                s,
                Person,
                person_id,
                {
                    "cert_number": number,
                    "category": str(category),
                    "grade": str(grade),
                    "card_issued": issued_on,
                    "card_valid_until": valid_until,
                },
                user=self.user,
            )
            certificates.start_period(s, person, issued_on, user=self.user, closing=issued_on)
            return Changed(
                households=frozenset({person.household_id}), persons=frozenset({person_id})
            )

    # -- moves -------------------------------------------------------------------

    def move_person(
        self,
        person_id: str,
        household_id: str,
        *,
        relation: str = "",
        session: Session | None = None,
    ) -> Changed:
        """Move a person to another household, of the same or another village of the
        district. Their certificates, subsidies and tasks follow them; the responses and
        visits of the old household stay with it (they record visits made there)."""
        issues = check_code("relation", relation, field="relation") if relation else []
        with self._transaction(session) as s:
            person = _active_person(s, person_id)
            target = s.get(Household, household_id)
            if target is None or target.deleted:
                raise ValidationFailed(
                    [Issue("household.unknown", {"id": household_id}, "household_id")]
                )
            if target.id == person.household_id:
                issues.append(Issue("move.same_household", {"name": person.name}, "household_id"))
            issues += _same_district(s, person, target.area_code)
            if issues:
                raise ValidationFailed(issues)
            old = person.household_id
            changes.update(
                s,
                Person,
                person_id,
                {"household_id": household_id, "relation": relation},
                user=self.user,
            )
            return Changed(
                households=frozenset({old, household_id}), persons=frozenset({person_id})
            )

    def move_person_to_new_household(
        self,
        person_id: str,
        area_code: str,
        fields: Mapping[str, Any],
        *,
        session: Session | None = None,
    ) -> tuple[str, Changed]:
        """Move a person to a new household in a village of the district; the person heads
        it (relation 本人) unless `fields` name another head."""
        values = {"area_code": area_code, **dict(fields)}
        with self._transaction(session) as s:
            person = _active_person(s, person_id)
            issues = _same_district(s, person, area_code) if is_area_code(area_code) else []
            if issues:
                raise ValidationFailed(issues)
            if not values.get("head_name") and not values.get("head_id_number"):
                values["head_name"] = person.name
                values["head_id_number"] = person.id_number
            head = normalize_resident_id(str(values.get("head_id_number") or ""))
            household_id, added = self.add_household(values, session=s)
            relation = "1" if head == person.id_number else ""
            moved = self.move_person(person_id, household_id, relation=relation, session=s)
            return household_id, added | moved

    # -- cancel ------------------------------------------------------------------

    def cancel_person(
        self, person_id: str, reason: str, on: date, *, session: Session | None = None
    ) -> Changed:
        """Cancel a person (died, hukou moved out...): the record stays, marked 注销."""
        issues = check_code("cancel_reason", reason, field="cancel_reason")
        if issues:
            raise ValidationFailed(issues)
        with self._transaction(session) as s:
            person = changes.get_live(s, Person, person_id)
            changes.update(
                s,
                Person,
                person_id,
                {"status": "cancelled", "cancel_reason": reason, "status_date": on},
                user=self.user,
            )
            return Changed(
                households=frozenset({person.household_id}), persons=frozenset({person_id})
            )


def _active_person(session: Session, person_id: str) -> Person:
    person = session.get(Person, person_id)
    if person is None or person.deleted:
        raise ValidationFailed([Issue("person.unknown", {"id": person_id})])
    if person.status == "cancelled":
        raise ValidationFailed([Issue("person.cancelled", {"name": person.name})])
    return person


def _same_district(session: Session, person: Person, area_code: str) -> list[Issue]:
    """A person moves within their district: its member and reviewers take them over."""
    here = session.scalar(select(Household.area_code).where(Household.id == person.household_id))
    issues = _area_issues(session, area_code)
    if not issues and here and area_code[:DISTRICT_DIGITS] != here[:DISTRICT_DIGITS]:
        issues.append(Issue("move.other_district", {"code": area_code}, "area_code"))
    return issues
