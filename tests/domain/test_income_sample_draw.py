"""The income sample's rounds and its draw: reproducible from the seed, stratified by town."""

from __future__ import annotations

from collections import Counter
from datetime import date

from app.domain.income_sample import current_round, draw, rounds_of, shares

# 40 households in town 001 (two villages), 20 in town 002, 10 in town 003
ELIGIBLE = [
    (f"h{town}-{n:03d}", f"330213{town}{'001' if n % 2 else '002'}")
    for town, count in (("001", 40), ("002", 20), ("003", 10))
    for n in range(count)
]


def test_rounds_follow_the_setting() -> None:
    assert rounds_of(2026, "quarter") == ("2026Q1", "2026Q2", "2026Q3", "2026Q4")
    assert rounds_of(2026, "year") == ("2026",)
    assert current_round(2026, "quarter", date(2026, 5, 31)) == "2026Q2"
    assert current_round(2026, "quarter", date(2026, 12, 5)) == "2026Q4"
    assert current_round(2025, "quarter", date(2026, 2, 1)) == "2025Q4"  # a past year: its last
    assert current_round(2027, "quarter", date(2026, 2, 1)) == "2027Q1"
    assert current_round(2026, "year", date(2026, 2, 1)) == "2026"


def test_same_seed_same_households_another_seed_others() -> None:
    first = draw(ELIGIBLE, 14, seed=20261)
    assert draw(list(reversed(ELIGIBLE)), 14, seed=20261) == first  # the order read: no matter
    assert draw(ELIGIBLE, 14, seed=20262) != first
    assert len(first) == len(set(first)) == 14
    assert set(first) <= {h for h, _ in ELIGIBLE}


def test_each_town_gets_its_share() -> None:
    chosen = draw(ELIGIBLE, 14, seed=7)
    towns = Counter(h[1:4] for h in chosen)
    assert towns == {"001": 8, "002": 4, "003": 2}
    assert shares({"a": 1, "b": 1, "c": 1}, 2) == {"a": 1, "b": 1, "c": 0}
    assert shares({"a": 3}, 10) == {"a": 3}  # never more than there are
    assert draw([], 5, seed=1) == []
