"""Resident ID numbers: the table of valid and invalid numbers, derived facts, ages."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.identity import (
    age_from_id,
    age_on,
    birth_date_from_id,
    check_resident_id,
    is_valid_resident_id,
    make_resident_id,
    normalize_resident_id,
    sex_from_id,
)
from app.domain.issues import ValidationFailed
from app.domain.messages import message_for

TODAY = date(2026, 11, 28)

# Synthetic numbers for the seed district's codes (made with make_resident_id).
MALE_1990 = "330283199001011238"  # sequence 123: odd, male
FEMALE_1985 = "330283198506150423"  # sequence 042: even, female
LEAP_2016 = "330213201602290077"
WITH_X = "33028319750308004X"

README_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def readme_check_character(body: str) -> str:
    """The ISO 7064 MOD 11-2 check character, computed as the domain README spells it out."""
    total = sum(int(digit) * weight for digit, weight in zip(body, README_WEIGHTS, strict=True))
    return "10X98765432"[total % 11]


@pytest.mark.parametrize("number", [MALE_1990, FEMALE_1985, LEAP_2016, WITH_X])
def test_examples_agree_with_the_readme_weights(number: str) -> None:
    assert number[-1] == readme_check_character(number[:17])


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        (MALE_1990, []),
        (FEMALE_1985, []),
        (LEAP_2016, []),
        (WITH_X, []),
        (WITH_X.lower(), []),
        (" 3302 8319 9001 0112 38 ", []),
        ("３３０２８３１９９００１０１１２３８", []),  # full-width digits from an input method
        ("", ["id.empty"]),
        ("   ", ["id.empty"]),
        ("330283199001011239", ["id.checksum"]),
        ("330283199001011236", ["id.checksum"]),
        ("33028319900101123", ["id.length"]),
        ("3302831990010112380", ["id.length"]),
        ("330283900101123", ["id.legacy15"]),
        ("330283199902301232", ["id.birthdate"]),  # 30 February does not exist
        ("33028319990230123X", ["id.birthdate", "id.checksum"]),  # and a wrong check character
        ("330283199913011230", ["id.birthdate"]),  # month 13
        ("330283189901011234", ["id.birthdate"]),  # before 1900
        ("33028319900101A238", ["id.chars"]),
        ("3302831990010112X8", ["id.chars"]),  # X only as the last character
        ("3302831990-0101123", ["id.chars"]),
        ("3302831990AB", ["id.length", "id.chars"]),
    ],
)
def test_check_resident_id_table(text: str, codes: list[str]) -> None:
    issues = check_resident_id(text, today=TODAY)
    assert [issue.code for issue in issues] == codes
    assert all(issue.field == "id_number" for issue in issues)
    assert is_valid_resident_id(text, today=TODAY) is (not codes)


def test_birth_date_after_today_is_an_issue() -> None:
    born_tomorrow = make_resident_id("330213", date(2026, 11, 29), 1)
    assert [i.code for i in check_resident_id(born_tomorrow, today=TODAY)] == ["id.birthdate"]
    assert check_resident_id(born_tomorrow, today=date(2026, 11, 29)) == []


def test_field_name_is_configurable() -> None:
    (issue,) = check_resident_id("", field="head_id_number")
    assert issue.field == "head_id_number"


def test_messages_name_the_offending_number() -> None:
    (issue,) = check_resident_id("330283199001011239", today=TODAY)
    assert "330283199001011239" in message_for(issue)
    (issue,) = check_resident_id("330283199902301232", today=TODAY)
    assert "19990230" in message_for(issue)


def test_normalize_uppercases_x_and_strips_spaces() -> None:
    assert normalize_resident_id(" 33028319750308004x\t") == WITH_X
    assert normalize_resident_id("330283 19750308 004X") == WITH_X


def test_derived_birth_date_and_sex() -> None:
    assert birth_date_from_id(MALE_1990) == date(1990, 1, 1)
    assert sex_from_id(MALE_1990) == "1"
    assert birth_date_from_id(FEMALE_1985) == date(1985, 6, 15)
    assert sex_from_id(FEMALE_1985) == "2"
    assert birth_date_from_id(WITH_X.lower()) == date(1975, 3, 8)
    assert sex_from_id(WITH_X) == "2"  # sequence 004


@pytest.mark.parametrize("bad", ["", "330283900101123", "330283199001011239"])
def test_derivations_refuse_invalid_numbers(bad: str) -> None:
    with pytest.raises(ValidationFailed):
        birth_date_from_id(bad)
    with pytest.raises(ValidationFailed):
        sex_from_id(bad)


@pytest.mark.parametrize(
    ("birth", "ref", "age"),
    [
        (date(1990, 6, 15), date(2020, 6, 14), 29),
        (date(1990, 6, 15), date(2020, 6, 15), 30),
        (date(1990, 6, 15), date(2020, 6, 16), 30),
        (date(1990, 12, 31), date(2021, 1, 1), 30),
        (date(1990, 1, 1), date(1990, 1, 1), 0),
        # Born on 29 February: a year older on 1 March in a common year.
        (date(2000, 2, 29), date(2001, 2, 28), 0),
        (date(2000, 2, 29), date(2001, 3, 1), 1),
        (date(2000, 2, 29), date(2004, 2, 28), 3),
        (date(2000, 2, 29), date(2004, 2, 29), 4),
        (date(2000, 2, 29), date(2018, 2, 28), 17),
        (date(2000, 2, 29), date(2018, 3, 1), 18),
        # Reference date on 29 February for someone born on 1 March.
        (date(2000, 3, 1), date(2004, 2, 29), 3),
    ],
)
def test_age_on(birth: date, ref: date, age: int) -> None:
    assert age_on(birth, ref) == age


def test_age_before_birth_is_refused() -> None:
    with pytest.raises(ValueError, match="before birth"):
        age_on(date(2000, 1, 2), date(2000, 1, 1))


def test_age_from_id() -> None:
    assert age_from_id(LEAP_2016, date(2034, 2, 28)) == 17
    assert age_from_id(LEAP_2016, date(2034, 3, 1)) == 18


def test_make_resident_id_examples() -> None:
    assert make_resident_id("330283", date(1990, 1, 1), 123) == MALE_1990
    assert make_resident_id("330213", date(2016, 2, 29), 7) == LEAP_2016
    assert make_resident_id("330283", date(1975, 3, 8), 4) == WITH_X


@pytest.mark.parametrize(
    ("region", "birth", "seq"),
    [
        ("33028", date(1990, 1, 1), 1),
        ("33028A", date(1990, 1, 1), 1),
        ("330283", date(1990, 1, 1), 1000),
        ("330283", date(1990, 1, 1), -1),
        ("330283", date(1899, 12, 31), 1),
    ],
)
def test_make_resident_id_refuses_bad_parts(region: str, birth: date, seq: int) -> None:
    with pytest.raises(ValueError):
        make_resident_id(region, birth, seq)
