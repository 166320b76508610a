"""The demo district: realistic shape, valid fictitious numbers, deterministic for a seed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sqlalchemy import func, select

from app.demo.__main__ import main as demo_main
from app.demo.district import build_demo_district
from app.domain.areas import load_areas
from app.domain.certificate import check_certificate
from app.domain.identity import check_resident_id
from app.domain.phone import check_phone
from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from app.store.outbox import OutboxOp
from app.store.registry import Area, Household, Person, Subsidy, User
from app.store.search import search

PERSONS = 1500


def _build(path: Path, seed: int) -> Database:
    db = Database.create(path, "pw", kdf=FAST_TEST_KDF)
    summary = build_demo_district(db, persons=PERSONS, seed=seed)
    assert summary.persons == PERSONS
    return db


def _fingerprint(db: Database) -> list[tuple[str, str, str, str]]:
    with db.session() as s:
        rows = s.execute(
            select(Person.id, Person.name, Person.id_number, Person.cert_number).order_by(
                Person.id_number
            )
        ).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def test_same_seed_same_district_other_seed_other_district(tmp_path: Path) -> None:
    a = _build(tmp_path / "a.db", 5)
    b = _build(tmp_path / "b.db", 5)
    c = _build(tmp_path / "c.db", 6)
    assert _fingerprint(a) == _fingerprint(b)
    assert _fingerprint(a) != _fingerprint(c)
    for db in (a, b, c):
        db.close()


def test_shape_and_validity(tmp_path: Path) -> None:
    db = _build(tmp_path / "d.db", 1)
    villages = {a.code for a in load_areas() if a.level.value == "village"}
    with db.session() as s:
        persons = s.scalars(select(Person)).all()
        households = s.scalars(select(Household)).all()
        assert s.scalar(select(func.count()).select_from(OutboxOp)) == 0  # as if pulled
        assert s.scalar(select(func.count()).select_from(Area)) == len(load_areas())
        roles = Counter(s.scalars(select(User.role)))
        subsidies = Counter(s.scalars(select(Subsidy.kind)))
    assert roles["admin"] == 1 and roles["reviewer"] == 12 and roles["member"] == len(villages)
    assert {h.area_code for h in households} <= villages
    # IDs: valid, unique, never colliding; certificates match their person
    assert len({p.id_number for p in persons}) == PERSONS
    for p in persons:
        assert check_resident_id(p.id_number) == [], p.id_number
        assert (
            check_certificate(
                p.cert_number, resident_id=p.id_number, category=p.category, grade=p.grade
            )
            == []
        ), p.cert_number
        for phone in (p.mobile, p.contact_phone):
            assert not phone or check_phone(phone) == [], phone
    # 1 to 3 certified persons per household, mostly 1
    per_household = Counter(Counter(p.household_id for p in persons).values())
    assert set(per_household) <= {1, 2, 3}
    assert per_household[1] > 0.75 * len(households)
    # physical about half, then multiple; every category present
    categories = Counter(p.category for p in persons)
    assert set(categories) == set("1234567")
    assert 0.4 < categories["4"] / PERSONS < 0.6
    assert categories.most_common(2)[1][0] == "7"
    assert subsidies["care"] > 0 and subsidies["living"] > 0
    # heads: every household has one, with a valid ID
    assert all(h.head_name and check_resident_id(h.head_id_number) == [] for h in households)
    with db.session() as s:
        some = persons[123]
        assert some.household_id in {h.household_id for h in search(s.connection(), some.name)}
        # a few names with a character outside GBK (issue 17), found by search like any other
        rare = [p for p in persons if not _in_gbk(p.name)]
        assert 1 <= len(rare) <= 0.02 * PERSONS
        for person in rare:
            found = search(s.connection(), person.name)
            assert person.household_id in {h.household_id for h in found}, person.name
    db.close()


def _in_gbk(text: str) -> bool:
    try:
        text.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


def test_command_line_builds_a_database(tmp_path: Path, capsys) -> None:
    out = tmp_path / "cli.db"
    assert demo_main(["--persons", "200", "--seed", "2", "--out", str(out)]) == 0
    assert "200 名残疾人" in capsys.readouterr().err
    db = Database.open(out, "demo2026")
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 200
    db.close()
    assert demo_main(["--persons", "10", "--out", str(out)]) == 1  # never overwrites
