"""The income-monitoring sample: its rounds, and a reproducible draw stratified by town."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import date

YEAR = "year"
QUARTER = "quarter"
TOWN_DIGITS = 9  # a village code's first nine digits name its town (街道/镇)


def rounds_of(year: int, income_round: str) -> tuple[str, ...]:
    """The year's Form B rounds: "2026" for a yearly round, "2026Q1".."2026Q4" quarterly."""
    if income_round == QUARTER:
        return tuple(f"{year}Q{q}" for q in range(1, 5))
    return (str(year),)


def current_round(year: int, income_round: str, today: date) -> str:
    """The round of `year` in progress on `today` (a past year's last, a future year's first)."""
    rounds = rounds_of(year, income_round)
    if len(rounds) == 1 or year < today.year:
        return rounds[-1]
    if year > today.year:
        return rounds[0]
    return rounds[(today.month - 1) // 3]


def shares(sizes: Mapping[str, int], size: int) -> dict[str, int]:
    """How many of `size` each stratum gets, proportional to its size (largest remainder,
    ties to the first code), never more than it has."""
    whole = sum(sizes.values())
    size = min(size, whole)
    if whole == 0:
        return {}
    exact = {k: size * n / whole for k, n in sizes.items()}
    got = {k: int(v) for k, v in exact.items()}
    rest = sorted(sizes, key=lambda k: (got[k] - exact[k], k))
    for k in rest[: size - sum(got.values())]:
        got[k] += 1
    return got


def draw(eligible: Sequence[tuple[str, str]], size: int, seed: int) -> list[str]:
    """`size` household ids drawn from `eligible` (household id, village code), each town
    getting its proportional share; the same seed and list always give the same ids."""
    by_town: dict[str, list[str]] = {}
    for household_id, area_code in sorted(eligible):
        by_town.setdefault(area_code[:TOWN_DIGITS], []).append(household_id)
    rng = random.Random(seed)
    chosen: list[str] = []
    for town, count in sorted(shares({t: len(h) for t, h in by_town.items()}, size).items()):
        chosen += rng.sample(by_town[town], count)
    return sorted(chosen)
