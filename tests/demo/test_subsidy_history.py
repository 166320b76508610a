"""The demo's subsidies: whole periods with steps and decisions, history, work for the month."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from stdnum import luhn

from app.demo.district import build_demo_district
from app.domain import subsidies as rules
from app.domain.settings import load_settings
from app.services.subsidies import reviewer_checks, settings_for
from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from app.store.registry import Household, Person, Subsidy

DAY = date(2026, 11, 1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Database:
    db = Database.create(tmp_path_factory.mktemp("demo") / "d.db", "pw", kdf=FAST_TEST_KDF)
    build_demo_district(db, persons=900, seed=5, today=DAY, work=False)
    return db


def test_every_period_is_whole(demo: Database) -> None:
    book = load_settings()
    with demo.session() as s:
        rows = s.execute(select(Subsidy, Household.area_code).join(
            Person, Person.id == Subsidy.person_id).join(
            Household, Household.id == Person.household_id)).all()  # fmt: skip
        statuses = Counter(sub.status for sub, _area in rows)
        assert {"active", "stopped", "pending", "refused"} <= set(statuses)
        for sub, area in rows:
            names = [step["step"] for step in sub.steps]
            assert type(sub.amount_fen) is int
            assert names[0] == "apply" and sub.group
            if sub.status in ("active", "stopped"):
                assert sub.decision_date is not None and sub.decision_number
                assert sub.start_month == rules.next_month(rules.month_of(sub.decision_date))
                assert "approve" in names and sub.amount_fen > 0
            if sub.status == "active":
                group = settings_for(book, DAY.year, area).group(sub.kind, sub.group)
                assert group is not None and sub.amount_fen == group.amount_fen
            if sub.status == "stopped":
                assert names[-1] == "stop" and sub.end_reason
                assert sub.end_month >= rules.previous_month(sub.start_month)
            if sub.status == "refused":
                assert names[-1] == "refuse" and sub.steps[-1]["note"]
            if sub.status == "pending":
                assert not sub.start_month and sub.amount_fen == 0


def test_stops_have_their_reasons_and_some_periods_follow_an_earlier_one(demo: Database) -> None:
    with demo.session() as s:
        rows = s.scalars(select(Subsidy)).all()
    reasons = Counter(r.end_reason for r in rows if r.status == "stopped")
    assert {"death", "tekun", "left_dibao"} <= set(reasons)
    kinds: dict[tuple[str, str], list[str]] = {}
    for r in rows:
        kinds.setdefault((r.person_id, r.kind), []).append(r.status)
    again = [k for k, statuses in kinds.items() if {"stopped", "active"} <= set(statuses)]
    assert len(again) >= 5


def test_the_reviewers_list_has_a_little_of_every_kind_of_work(demo: Database) -> None:
    with demo.session() as s:
        rows = reviewer_checks(s, [], today=DAY)
        persons = s.scalar(select(Person.id).limit(1))
        accounts = s.scalars(select(Person.bank_account)).all()
    codes = Counter(i.code for r in rows for i in r.issues)
    assert codes["subsidy.cancelled_running"] >= 1
    assert codes["subsidy.bank_check_digit"] >= 1 and codes["subsidy.bank_missing"] == 1
    assert codes["subsidy.care_missing"] >= 1
    assert 0 < len(rows) < 60  # a list to work through, not the whole district
    assert persons is not None
    assert sum(luhn.is_valid(a) for a in accounts if a) >= len(accounts) - 5


def test_the_demo_with_subsidies_is_the_same_for_a_seed(tmp_path: Path, demo: Database) -> None:
    again = Database.create(tmp_path / "again.db", "pw", kdf=FAST_TEST_KDF)
    build_demo_district(again, persons=900, seed=5, today=DAY, work=False)

    def fingerprint(db: Database) -> list[tuple[object, ...]]:
        with db.session() as s:
            return [
                tuple(r)
                for r in s.execute(
                    select(
                        Subsidy.id, Subsidy.status, Subsidy.end_month, Subsidy.decision_number
                    ).order_by(Subsidy.id)
                )
            ]

    assert fingerprint(again) == fingerprint(demo)
