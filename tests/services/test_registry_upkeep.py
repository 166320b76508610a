"""New certificates and moves: each use case, each refusal, and one transaction for several."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.domain.certificate import make_certificate
from app.domain.identity import make_resident_id
from app.domain.issues import ValidationFailed
from app.services import certificates
from app.services.registry import Registry
from app.store.database import Database
from app.store.outbox import OutboxOp
from app.store.registry import Area, Certificate, Household, Person
from tests.conftest import OTHER_VILLAGE, VILLAGE

ID_A = make_resident_id("330213", date(1961, 3, 9), 27)
ID_B = make_resident_id("330283", date(1990, 12, 31), 118)
FOREIGN_VILLAGE = "330281001001"  # another district's village (余姚)


def _counts(db: Database) -> tuple[int, int, int, int]:
    with db.session() as s:
        return tuple(  # type: ignore[return-value]
            s.scalar(select(func.count()).select_from(m)) or 0
            for m in (Household, Person, Certificate, OutboxOp)
        )


@pytest.fixture
def registry(db: Database) -> Registry:
    with db.transaction() as s:
        s.add(Area(code=FOREIGN_VILLAGE, name="外区村", level="village", rev=1))
    return Registry(db, "member1")


@pytest.fixture
def household(registry: Registry) -> str:
    return registry.add_household({"area_code": VILLAGE, "address": "南山路3号"})[0]


@pytest.fixture
def person(registry: Registry, household: str) -> str:
    fields: dict[str, object] = {"name": "王堃", "id_number": ID_A, "relation": "1"}
    fields |= {"category": "4", "grade": "3"}
    fields |= {"cert_number": make_certificate(ID_A, 4, 3), "card_issued": date(2020, 3, 1)}
    return registry.add_person(household, fields)[0]


def test_new_certificate_keeps_the_old_one_with_its_dates(registry: Registry, person: str) -> None:
    new = make_certificate(ID_A, 4, 2)
    changed = registry.new_certificate(person, new, "4", "2", date(2026, 11, 20))
    assert changed.persons == {person}
    with registry.db.session() as s:
        current = s.get(Person, person)
        assert current is not None
        assert (current.cert_number, current.grade, current.card_issued) == (
            new,
            "2",
            date(2026, 11, 20),
        )
        periods = certificates.history(s, person)
        assert [(p.grade, p.valid_from, p.valid_to) for p in periods] == [
            ("2", date(2026, 11, 20), None),
            ("3", date(2020, 3, 1), date(2026, 11, 20)),
        ]


def test_new_certificate_of_a_person_without_periods_keeps_the_old_number(
    registry: Registry, person: str
) -> None:
    # a record loaded before certificate periods were kept: its number has no row
    with registry.db.transaction() as s:
        s.query(Certificate).delete()
    registry.new_certificate(person, make_certificate(ID_A, 5, 3), "5", "3", date(2026, 11, 2))
    with registry.db.session() as s:
        periods = certificates.history(s, person)
        assert [(p.category, p.valid_to) for p in periods] == [
            ("5", None),
            ("4", date(2026, 11, 2)),
        ]


@pytest.mark.parametrize(
    ("cert", "category", "grade", "issued", "codes"),
    [
        (make_certificate(ID_A, 4, 2), "4", "1", date(2026, 1, 1), {"cert.grade_mismatch"}),
        (make_certificate(ID_A, 4, 2), "5", "2", date(2026, 1, 1), {"cert.category_mismatch"}),
        (make_certificate(ID_B, 4, 2), "4", "2", date(2026, 1, 1), {"cert.id_mismatch"}),
        (make_certificate(ID_A, 4, 3), "4", "3", date(2026, 1, 1), {"cert.unchanged"}),
        (make_certificate(ID_A, 4, 2), "4", "2", date(2019, 1, 1), {"cert.issued_before"}),
        (make_certificate(ID_A, 4, 2)[:-1], "4", "2", date(2026, 1, 1), {"cert.length"}),
        ("", "", "2", date(2026, 1, 1), {"field.required", "cert.empty"}),
        (make_certificate(ID_A, 4, 2), "4", "8", date(2026, 1, 1), {"code.unknown"}),
    ],
)
def test_bad_new_certificate_is_refused_and_nothing_is_saved(
    registry: Registry,
    person: str,
    cert: str,
    category: str,
    grade: str,
    issued: date,
    codes: set[str],
) -> None:
    before = _counts(registry.db)
    with pytest.raises(ValidationFailed) as caught:
        registry.new_certificate(person, cert, category, grade, issued)
    assert codes <= set(caught.value.codes)
    assert _counts(registry.db) == before


def test_new_certificate_number_of_someone_else_is_refused(
    registry: Registry, person: str, household: str
) -> None:
    other = registry.add_person(household, {"name": "李赟", "id_number": ID_B})[0]
    taken = make_certificate(ID_A, 4, 3)
    with pytest.raises(ValidationFailed) as caught:
        registry.new_certificate(other, taken, "4", "3", date(2026, 1, 1))
    assert {"cert.duplicate", "cert.id_mismatch"} <= set(caught.value.codes)


def test_move_to_another_household_of_the_district(
    registry: Registry, person: str, household: str
) -> None:
    target = registry.add_household({"area_code": OTHER_VILLAGE, "head_name": "张三"})[0]
    changed = registry.move_person(person, target, relation="3")
    assert changed.households == {household, target}
    with registry.db.session() as s:
        moved = s.get(Person, person)
        assert moved is not None and (moved.household_id, moved.relation) == (target, "3")
        ops = s.scalars(select(OutboxOp).where(OutboxOp.record_id == person)).all()
        assert ops[-1].fields == {"household_id": target, "relation": "3"}
        assert ops[-1].username == "member1"
        # the certificate hangs below the person: it follows without a change of its own
        assert certificates.history(s, person)[0].person_id == person


def test_move_to_a_new_household_makes_the_person_its_head(registry: Registry, person: str) -> None:
    hid, changed = registry.move_person_to_new_household(
        person, OTHER_VILLAGE, {"address": "岳林路8号"}
    )
    assert hid in changed.households
    with registry.db.session() as s:
        new = s.get(Household, hid)
        moved = s.get(Person, person)
        assert new is not None and moved is not None
        assert (new.area_code, new.head_name, new.head_id_number) == (OTHER_VILLAGE, "王堃", ID_A)
        assert (moved.household_id, moved.relation) == (hid, "1")


@pytest.mark.parametrize(
    ("area", "code"),
    [
        (FOREIGN_VILLAGE, "move.other_district"),
        ("330213001000", "area.not_village"),
        ("330213999999", "area.unknown"),
        ("1234", "area.invalid"),
    ],
)
def test_bad_move_to_a_new_household_saves_nothing(
    registry: Registry, person: str, area: str, code: str
) -> None:
    before = _counts(registry.db)
    with pytest.raises(ValidationFailed) as caught:
        registry.move_person_to_new_household(person, area, {"address": "x"})
    assert code in caught.value.codes
    assert _counts(registry.db) == before


def test_bad_moves_are_refused(registry: Registry, person: str, household: str) -> None:
    foreign = registry.add_household({"area_code": FOREIGN_VILLAGE})[0]
    before = _counts(registry.db)
    cases = [
        (household, {}, "move.same_household"),
        (foreign, {}, "move.other_district"),
        ("no-such-household", {}, "household.unknown"),
        (household + "", {"relation": "77"}, "code.unknown"),
    ]
    for target, extra, code in cases:
        with pytest.raises(ValidationFailed) as caught:
            registry.move_person(person, target, **extra)  # type: ignore[arg-type]
        assert code in caught.value.codes
    registry.cancel_person(person, "1", date(2026, 6, 1))
    with pytest.raises(ValidationFailed) as caught:
        registry.move_person(person, foreign)
    assert caught.value.codes == ("person.cancelled",)
    assert "已注销" in str(caught.value)
    assert _counts(registry.db)[:3] == before[:3]


def test_use_cases_share_the_callers_transaction(
    registry: Registry, person: str, household: str
) -> None:
    target = registry.add_household({"area_code": OTHER_VILLAGE})[0]
    before = _counts(registry.db)
    with pytest.raises(RuntimeError), registry.db.transaction() as s:
        registry.move_person(person, target, session=s)
        registry.cancel_person(person, "2", date(2026, 6, 1), session=s)
        raise RuntimeError("the caller fails after both")
    assert _counts(registry.db) == before
    with registry.db.session() as s:
        assert s.get(Person, person).household_id == household  # type: ignore[union-attr]
    with registry.db.transaction() as s:
        registry.move_person(person, target, session=s)
        registry.cancel_person(person, "2", date(2026, 6, 1), session=s)
    with registry.db.session() as s:
        moved = s.get(Person, person)
        assert moved is not None and (moved.household_id, moved.status) == (target, "cancelled")
