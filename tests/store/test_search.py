"""Search: names, fragments, pinyin, numbers; the index follows every write and delete."""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.demo.names import FEMALE_CHARS, MALE_CHARS, SURNAMES
from app.domain.certificate import make_certificate
from app.domain.identity import make_resident_id
from app.services.registry import Registry
from app.store import changes
from app.store.database import Database
from app.store.registry import Household, Person
from app.store.search import SURNAME_PINYIN, name_pinyin, plan, search
from tests.conftest import OTHER_VILLAGE, VILLAGE

ID_1 = make_resident_id("330283", date(1975, 4, 12), 311)
ID_2 = make_resident_id("330213", date(1990, 8, 1), 44)
ID_3 = make_resident_id("330224", date(1950, 1, 20), 502)


@pytest.fixture
def people(db: Database) -> dict[str, str]:
    """Three households: 张三 (and 张三丰 next door), 王堃 with a non-disabled head, 李赟."""
    registry = Registry(db, "member1")
    h1, _ = registry.add_household(
        {"area_code": VILLAGE, "address": "锦屏街道南山路12号", "phone": "13857400001"}
    )
    h2, _ = registry.add_household(
        {"area_code": VILLAGE, "address": "岳林街道中山路7号", "head_name": "赵长河",
         "head_id_number": ID_3}
    )  # fmt: skip
    h3, _ = registry.add_household({"area_code": OTHER_VILLAGE, "address": "条宅村3组5号"})
    p1, _ = registry.add_person(
        h1, {"name": "张三", "id_number": ID_1, "category": "4", "grade": "2",
             "cert_number": make_certificate(ID_1, 4, 2), "mobile": "13900001234"}
    )  # fmt: skip
    p2, _ = registry.add_person(h2, {"name": "王堃", "id_number": ID_2})
    p3, _ = registry.add_person(h3, {"name": "张三丰", "id_number": make_resident_id(
        "330283", date(1980, 2, 2), 18)})  # fmt: skip
    return {"h1": h1, "h2": h2, "h3": h3, "p1": p1, "p2": p2, "p3": p3}


def households(db: Database, query: str) -> list[str]:
    with db.session() as s:
        return [h.household_id for h in search(s.connection(), query)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("张三", {"h1", "h3"}),  # two characters
        ("张", {"h1", "h3"}),  # one character
        ("堃", {"h2"}),  # a rare character
        ("zs", {"h1", "h3"}),  # pinyin initials find 张三
        ("zsf", {"h3"}),
        ("zhangsan", {"h1", "h3"}),  # full pinyin
        ("wangkun", {"h2"}),
        ("南山路", {"h1"}),  # address fragment
        ("条宅", {"h3"}),  # a two-character place name
        ("中山", {"h2"}),
        ("赵长河", {"h2"}),  # the head, who is not a certified person
        ("1234", {"h1"}),  # last digits of the mobile
        ("13857400001", {"h1"}),  # household phone
        ("张 南山", {"h1"}),  # two words narrow the search
        ("nobody", set()),
    ],
)
def test_queries(db: Database, people: dict[str, str], query: str, expected: set[str]) -> None:
    assert set(households(db, query)) == {people[k] for k in expected}


def test_id_tail_and_exact_numbers(db: Database, people: dict[str, str]) -> None:
    assert households(db, ID_1[-6:]) == [people["h1"]]
    assert households(db, ID_1) == [people["h1"]]
    assert households(db, ID_1.lower()) == [people["h1"]]
    assert households(db, make_certificate(ID_1, 4, 2)) == [people["h1"]]
    assert households(db, ID_3) == [people["h2"]]  # the head's ID
    with db.session() as s:
        [hit] = search(s.connection(), ID_1)
    assert hit.exact and hit.person_id == people["p1"]


def test_a_name_that_starts_with_the_query_comes_first(
    db: Database, people: dict[str, str]
) -> None:
    registry = Registry(db, "member1")
    h, _ = registry.add_household({"area_code": VILLAGE, "address": "张家村1号"})
    registry.add_person(h, {"name": "李明", "id_number": make_resident_id("330283",
                        date(1970, 1, 1), 9)})  # fmt: skip
    found = households(db, "张")
    assert found[-1] == h  # matched by its address only: after the names
    assert set(found[:2]) == {people["h1"], people["h3"]}


def test_index_follows_updates_moves_and_deletes(db: Database, people: dict[str, str]) -> None:
    registry = Registry(db, "member1")
    registry.update_person(people["p2"], {"name": "王小堃"})
    assert households(db, "王堃") == []
    assert households(db, "王小堃") == [people["h2"]]
    registry.update_household(people["h1"], {"address": "西坞街道金海路1号"})
    assert households(db, "南山路") == []
    assert households(db, "金海路") == [people["h1"]]
    with db.transaction() as s:  # a person moves to another household
        changes.update(s, Person, people["p1"], {"household_id": people["h3"]}, user="u")
    assert set(households(db, ID_1[-6:])) == {people["h3"]}
    with db.transaction() as s:
        changes.delete(s, Person, people["p3"], user="u")
        changes.delete(s, Person, people["p1"], user="u")
        changes.delete(s, Household, people["h3"], user="u")
    assert households(db, "张三丰") == []
    assert households(db, "条宅") == []


def test_a_rolled_back_write_leaves_the_index_as_it_was(
    db: Database, people: dict[str, str]
) -> None:
    with pytest.raises(RuntimeError), db.transaction() as s:
        changes.update(s, Person, people["p2"], {"name": "钱多多"}, user="u")
        raise RuntimeError("cancelled")
    assert households(db, "钱多多") == []
    assert households(db, "王堃") == [people["h2"]]


def test_pinyin_of_surnames_with_two_readings() -> None:
    assert name_pinyin("曾小明") == ("zengxiaoming", "zxm")
    assert name_pinyin("单田芳")[1] == "stf"
    assert name_pinyin("张三") == ("zhangsan", "zs")


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=0, max_size=12))
def test_any_typed_text_makes_a_valid_query(typed: str) -> None:
    """Quotes, operators, punctuation: nothing typed may break the FTS5 query syntax."""
    for tier in plan(typed):
        assert tier.match.count('"') % 2 == 0


def test_any_typed_text_runs(db: Database, people: dict[str, str]) -> None:
    for typed in ['"', '张"三', "a OR b", "NEAR(", "*", "^", "-1", "()", "x:y", "：", "  "]:
        households(db, typed)  # must not raise


def test_pinyin_of_names_is_pypinyins_reading() -> None:
    """The character table gives what lazy_pinyin gives, for the demo district's names (every
    surname with every given character, and random two-character given names) and for names
    with words of pypinyin's phrase dictionary, other scripts and separators."""
    from pypinyin import lazy_pinyin

    surnames = [s for s, _ in SURNAMES]
    chars = sorted(set(MALE_CHARS) | set(FEMALE_CHARS))
    rng = random.Random(7)
    names = [s + c for s in surnames for c in chars]
    names += [rng.choice(surnames) + rng.choice(chars) + rng.choice(chars) for _ in range(3000)]
    names += ["长江", "王国东", "诸葛亮", "阿卜杜·热合曼", "张A三", "李 四", "〇", "", "𠀀张"]
    for name in names:
        expected = lazy_pinyin(name)
        if expected and name[:1] in SURNAME_PINYIN:
            expected[0] = SURNAME_PINYIN[name[0]]
        full = "".join(expected).lower()
        assert name_pinyin(name) == (full, "".join(s[:1] for s in expected).lower()), name
