"""Registry use cases refuse bad input with its code and save nothing partially."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.domain.certificate import make_certificate
from app.domain.identity import make_resident_id
from app.domain.issues import ValidationFailed
from app.services.registry import Registry
from app.store.database import Database
from app.store.outbox import OutboxOp
from app.store.registry import Certificate, Household, Person
from tests.conftest import VILLAGE

ID_A = make_resident_id("330213", date(1961, 3, 9), 27)
ID_B = make_resident_id("330283", date(1990, 12, 31), 118)


def _counts(db: Database) -> tuple[int, int, int]:
    with db.session() as s:
        return (
            s.scalar(select(func.count()).select_from(Household)) or 0,
            s.scalar(select(func.count()).select_from(Person)) or 0,
            s.scalar(select(func.count()).select_from(OutboxOp)) or 0,
        )


@pytest.fixture
def registry(db: Database) -> Registry:
    return Registry(db, "member1")


@pytest.fixture
def household(registry: Registry) -> str:
    hid, _ = registry.add_household({"area_code": VILLAGE, "address": "南山路3号"})
    return hid


def test_person_gets_sex_and_birth_date_from_the_id(registry: Registry, household: str) -> None:
    cert = make_certificate(ID_A, 4, 2)
    pid, changed = registry.add_person(
        household,
        {"name": "王堃", "id_number": ID_A, "cert_number": cert, "category": "4", "grade": "2"},
    )
    assert changed.persons == {pid} and changed.households == {household}
    with registry.db.session() as s:
        person = s.get(Person, pid)
        assert person is not None
        assert person.birth_date == date(1961, 3, 9)
        assert person.sex == "1"
        [period] = s.scalars(select(Certificate).where(Certificate.person_id == pid))
        assert period.cert_number == cert


def test_lowercase_x_is_stored_uppercase(registry: Registry, household: str) -> None:
    ids = [make_resident_id("330213", date(1970, 1, 1), n) for n in range(1, 400)]
    with_x = next(i for i in ids if i.endswith("X"))
    pid, _ = registry.add_person(household, {"name": "李赟", "id_number": with_x.lower()})
    with registry.db.session() as s:
        assert s.get(Person, pid).id_number == with_x  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"area_code": "330213999999"}, "area.unknown"),
        ({"area_code": "33021300100"}, "area.invalid"),
        ({"area_code": "330213001000"}, "area.not_village"),
        ({"area_code": VILLAGE, "phone": "12345"}, "phone.mobile"),
        ({"area_code": VILLAGE, "hardship": ["1", "77"]}, "code.unknown"),
        ({"area_code": VILLAGE, "head_id_number": ID_A[:-1] + "0"}, "id.checksum"),
    ],
)
def test_bad_household_is_refused_with_its_code(
    registry: Registry, db: Database, fields: dict[str, object], code: str
) -> None:
    before = _counts(db)
    with pytest.raises(ValidationFailed) as caught:
        registry.add_household(fields)
    assert code in caught.value.codes
    assert _counts(db) == before


def test_duplicate_certificate_is_refused_and_nothing_is_saved(
    registry: Registry, db: Database, household: str
) -> None:
    registry.add_person(
        household,
        {
            "name": "甲",
            "id_number": ID_A,
            "cert_number": make_certificate(ID_A, 1, 1),
            "category": "1",
            "grade": "1",
        },
    )
    before = _counts(db)
    with pytest.raises(ValidationFailed) as caught:
        registry.add_person(
            household,
            {
                "name": "乙",
                "id_number": ID_B,
                "cert_number": make_certificate(ID_A, 1, 1),
                "category": "1",
                "grade": "1",
            },
        )
    assert "cert.duplicate" in caught.value.codes
    assert "cert.id_mismatch" in caught.value.codes
    assert _counts(db) == before
    with pytest.raises(ValidationFailed) as caught:
        registry.add_person(household, {"name": "丙", "id_number": ID_A})
    assert caught.value.codes == ("id.duplicate",)
    assert _counts(db) == before


def test_certificate_must_match_category_and_grade(registry: Registry, household: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        registry.add_person(
            household,
            {
                "name": "丁",
                "id_number": ID_B,
                "cert_number": make_certificate(ID_B, 4, 2),
                "category": "5",
                "grade": "3",
            },
        )
    assert {"cert.category_mismatch", "cert.grade_mismatch"} <= set(caught.value.codes)


def test_invalid_id_and_legacy_id_are_refused(registry: Registry, household: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        registry.add_person(household, {"name": "戊", "id_number": "330213610309271"})
    assert caught.value.codes == ("id.legacy15",)
    with pytest.raises(ValidationFailed) as caught:
        registry.add_person(household, {"name": "", "id_number": "33021319990230001X"})
    assert {"field.required", "id.birthdate"} <= set(caught.value.codes)
    assert "身份证号" in str(caught.value)


def test_sex_and_birth_date_cannot_be_typed(registry: Registry, household: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        registry.add_person(household, {"name": "己", "id_number": ID_B, "sex": "2"})
    assert caught.value.codes == ("field.derived",)


def test_grade_change_keeps_the_old_certificate_in_history(
    registry: Registry, household: str
) -> None:
    pid, _ = registry.add_person(
        household,
        {
            "name": "庚",
            "id_number": ID_B,
            "cert_number": make_certificate(ID_B, 4, 3),
            "category": "4",
            "grade": "3",
        },
    )
    registry.update_person(
        pid, {"cert_number": make_certificate(ID_B, 4, 2), "grade": "2"}, on=date(2026, 5, 1)
    )
    with registry.db.session() as s:
        periods = s.scalars(
            select(Certificate).where(Certificate.person_id == pid).order_by(Certificate.grade)
        ).all()
    assert [(p.grade, p.valid_to) for p in periods] == [("2", None), ("3", date(2026, 5, 1))]


def test_cancel_person_keeps_the_record(registry: Registry, household: str) -> None:
    pid, _ = registry.add_person(household, {"name": "辛", "id_number": ID_B})
    with pytest.raises(ValidationFailed):
        registry.cancel_person(pid, "no-such-reason", date(2026, 6, 1))
    registry.cancel_person(pid, "1", date(2026, 6, 1))
    with registry.db.session() as s:
        person = s.get(Person, pid)
        assert person is not None and person.status == "cancelled" and not person.deleted
