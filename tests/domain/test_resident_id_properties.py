"""Property tests: generated resident ID numbers validate and give back what they encode."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from app.domain.identity import (
    birth_date_from_id,
    check_resident_id,
    is_valid_resident_id,
    make_resident_id,
    sex_from_id,
)

TODAY = date(2026, 11, 28)

regions = st.text(alphabet="0123456789", min_size=6, max_size=6)
births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
sequences = st.integers(min_value=0, max_value=999)


@given(region=regions, birth=births, seq=sequences)
def test_made_numbers_validate_and_derive_back(region: str, birth: date, seq: int) -> None:
    number = make_resident_id(region, birth, seq)
    assert len(number) == 18
    assert check_resident_id(number, today=TODAY) == []
    assert birth_date_from_id(number) == birth
    assert sex_from_id(number) == ("1" if seq % 2 == 1 else "2")
    assert number.startswith(region)


@given(
    region=regions,
    birth=births,
    seq=sequences,
    position=st.integers(min_value=0, max_value=17),
    replacement=st.sampled_from("0123456789X"),
)
def test_changing_one_character_invalidates(
    region: str, birth: date, seq: int, position: int, replacement: str
) -> None:
    number = make_resident_id(region, birth, seq)
    if number[position] == replacement:
        replacement = "0" if replacement != "0" else "1"
    changed = number[:position] + replacement + number[position + 1 :]
    assert not is_valid_resident_id(changed, today=TODAY)


@given(region=regions, birth=births, seq=sequences)
def test_lowercase_x_is_accepted(region: str, birth: date, seq: int) -> None:
    number = make_resident_id(region, birth, seq)
    assert is_valid_resident_id(number.lower(), today=TODAY)
