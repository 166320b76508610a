"""The response summary on the laptop: one derivation of its values, kept equal to it by every
writer of responses (the write path, a statement through a session, a pull's page and its
departures, the demo) and filled for the responses already there by migration 0009."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select, update

from app.demo.district import build_demo_district
from app.domain.needs import NEEDS, has_code
from app.store import changes, migrations, pull
from app.store.database import Database, make_engine
from app.store.keys import FAST_TEST_KDF, KeyInfo, derive_key, keyinfo_path, write_keyinfo
from app.store.summary import ResponseSummary, derive
from app.store.work import FormResponse
from tests.conftest import PASSWORD
from tests.reports import district
from tests.store.test_pull_apply import as_pulled
from tests.summary_check import assert_summary_matches

RETURNED = [
    {"state": "submitted", "at": "2026-03-02T08:00:00", "by": "m1"},
    {"state": "returned", "at": "2026-03-03T08:00:00", "by": "r1", "reason": "缺照片"},
]


def test_each_value_is_derived_from_the_answers_and_history() -> None:
    answers = {
        "method": "1",
        "rehab_needed": ["3", "7"],  # 辅助器具, not 康复服务
        "in_school": "3",
        "help_needed": ["6"],  # “无”
        "resident_pension": "1",
        "resident_medical": "2",
        "care_need": "4",
        "renovation_needed": ["8"],
    }
    found = derive(answers, RETURNED)
    labels = [n.label for i, n in enumerate(NEEDS) if found["needs"] >> i & 1]
    assert labels == ["辅助器具", "教育（6至17岁未在学）", "社会保障（未参加居民养老或医疗保险）"]
    assert (found["method"], found["sent_back"]) == ("1", True)
    # no answers, a number where a code belongs, a history never returned
    assert derive({}, []) == {"method": None, "sent_back": False, "needs": 0}
    assert derive({"method": 4, "in_school": 3}, RETURNED[:1])["needs"] == 0


def _district(tmp_path: Path) -> Database:
    db = Database.create(tmp_path / "d.db", PASSWORD, kdf=FAST_TEST_KDF)
    with db.engine.begin() as conn:
        district.build(conn)
    return db


def _responses(db: Database) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(FormResponse.id).order_by(FormResponse.id)))


def test_the_write_path_keeps_the_summary(tmp_path: Path) -> None:
    db = _district(tmp_path)
    first, second = _responses(db)[:2]
    with db.session() as s:
        owner = s.get(FormResponse, first)
        assert owner is not None
        household, person = owner.household_id, owner.person_id
    with db.transaction() as s:
        changes.update(
            s, FormResponse, first, {"answers": {"method": "4"}, "state_history": RETURNED},
            user="m1",
        )  # fmt: skip
        changes.delete(s, FormResponse, second, user="m1")
        made = changes.create(
            s, FormResponse,
            {"form_id": "dynamic-update", "form_version": "2021.1", "survey_round": "2027",
             "household_id": household, "person_id": person, "state": "draft",
             "answers": {"care_need": "2"}},
            user="m1",
        )  # fmt: skip
    with db.session() as s:
        kept = assert_summary_matches(s)
    assert (kept[first]["method"], kept[first]["sent_back"]) == ("4", True)
    assert kept[second]["deleted"] is True
    assert kept[made.id]["needs"] == 1 << 5  # 托养服务
    db.close()


def test_a_statement_through_a_session_keeps_the_summary(tmp_path: Path) -> None:
    db = _district(tmp_path)
    with db.transaction() as s:
        s.execute(
            update(FormResponse).where(FormResponse.state == "draft").values(state="accepted")
        )
    with db.session() as s:
        kept = assert_summary_matches(s)
    assert "draft" not in {r["state"] for r in kept.values()}
    db.close()


def test_a_pulled_page_and_its_departures_keep_the_summary(tmp_path: Path) -> None:
    db = _district(tmp_path)
    changed, gone = _responses(db)[:2]
    page = [as_pulled(db, FormResponse, changed, 9, state="returned", state_history=RETURNED)]
    pull.apply_page(db, page, gone=[("form_response", gone)])
    with db.session() as s:
        kept = assert_summary_matches(s)
    assert kept[changed]["sent_back"] is True and gone not in kept
    db.close()


def test_the_demo_district_has_its_summary(tmp_path: Path) -> None:
    db = Database.create(tmp_path / "demo.db", PASSWORD, kdf=FAST_TEST_KDF)
    build_demo_district(db, persons=300, seed=3, work=True)
    with db.session() as s:
        kept = assert_summary_matches(s)
    assert any(r["needs"] for r in kept.values()) and any(r["sent_back"] for r in kept.values())
    db.close()


def test_migration_fills_the_summary_of_an_older_database(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    info = KeyInfo.new(FAST_TEST_KDF)
    write_keyinfo(keyinfo_path(path), info)
    engine = make_engine(path, derive_key(PASSWORD, info))
    migrations.upgrade(engine, "0008")  # before the summary
    with engine.begin() as conn:
        district.build(conn, summaries=False)
    engine.dispose()
    db = Database.open(path, PASSWORD)  # migrated forward at open
    with db.session() as s:
        kept = assert_summary_matches(s)
        assert len(kept) == s.scalar(select(func.count()).select_from(FormResponse))
        assert kept
        assert s.scalar(select(func.count()).select_from(ResponseSummary)) == len(kept)
    db.close()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.sampled_from(["1", "3", "returned", 'x"3"', ""]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(["state", "3", "returned", "by"]), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(value=JSON)
def test_a_code_is_held_as_the_answers_text_would_show_it_quoted(value: object) -> None:
    """`has_code` on lists and objects is what the figures' SQL once asked of the JSON text
    (LIKE '%"code"%'), without writing the text out."""
    if isinstance(value, list | dict):
        text = json.dumps(value, ensure_ascii=False)
        for codes in (("3",), ("returned",), ("1", "3")):
            assert has_code(value, codes) == any(f'"{c}"' in text for c in codes)
