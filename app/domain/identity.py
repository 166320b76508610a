"""Resident ID numbers (公民身份号码, GB 11643): normalising, checking, birth date, sex, age."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from app.domain.issues import Issue, ValidationFailed
from app.domain.number_text import fold_number

ID_LENGTH = 18
LEGACY_ID_LENGTH = 15
# Nobody alive was born before this; an earlier year is a typing error, not a date.
EARLIEST_BIRTH_YEAR = 1900

_ID_CHARACTERS = re.compile(r"[0-9]*[0-9X]")

Sex = Literal["1", "2"]


def normalize_resident_id(text: str) -> str:
    """Return `text` with spaces and invisible characters removed, full-width characters
    folded and x as X (see `number_text.fold_number`); a dash stays, for the check to refuse."""
    return fold_number(text, keep_dashes=True)


def check_resident_id(
    text: str, *, today: date | None = None, field: str | None = "id_number"
) -> list[Issue]:
    """Return the issues of a resident ID number (empty when valid).

    The number is normalised first, so a lowercase x passes. A birth date after `today`
    (default: the current date) is an issue. The birth-place code is deliberately not
    looked up: codes of abolished or renamed counties stay on the cards of people
    registered there, and a typo in them is caught by the check character anyway.
    """
    number = normalize_resident_id(text)
    issues = _shape_issues(number)
    if issues:
        return [issue.at(field) for issue in issues]
    reference = date.today() if today is None else today
    birth = _parse_birth_date(number)
    if birth is None or birth > reference:
        issues.append(Issue("id.birthdate", {"id": number, "birth": number[6:14]}))
    if number[-1] != ric.calc_check_digit(number):
        issues.append(Issue("id.checksum", {"id": number}))
    return [issue.at(field) for issue in issues]


def is_valid_resident_id(text: str, *, today: date | None = None) -> bool:
    """Return whether `text` is a valid resident ID number once normalised."""
    return not check_resident_id(text, today=today)


def birth_date_from_id(resident_id: str) -> date:
    """Return the birth date encoded in a valid resident ID number.

    Raises `ValidationFailed` when the number is not valid (a future date is tolerated
    here: deciding whether it is acceptable is `check_resident_id`'s job).
    """
    number = _require_valid(resident_id)
    birth = _parse_birth_date(number)
    assert birth is not None  # _require_valid has checked it
    return birth


def sex_from_id(resident_id: str) -> Sex:
    """Return the sex code of a valid resident ID number: "1" male (odd 17th digit), "2" female."""
    number = _require_valid(resident_id)
    return "1" if int(number[16]) % 2 == 1 else "2"


def age_on(birth: date, ref: date) -> int:
    """Return the age in full years on `ref` of someone born on `birth`.

    Someone born on 29 February becomes a year older on 1 March in a common year
    (the birthday has not yet come on 28 February). Raises ValueError if `ref` is
    before `birth`.
    """
    if ref < birth:
        raise ValueError(f"reference date {ref.isoformat()} is before birth {birth.isoformat()}")
    had_birthday = (ref.month, ref.day) >= (birth.month, birth.day)
    return ref.year - birth.year - (0 if had_birthday else 1)


def age_from_id(resident_id: str, ref: date) -> int:
    """Return the age in full years on `ref` of the holder of a valid resident ID number."""
    return age_on(birth_date_from_id(resident_id), ref)


def make_resident_id(region6: str, birth: date, seq3: int) -> str:
    """Build a valid resident ID number (for demo data and tests) with its check character.

    `region6` is a 6-digit area code, `seq3` the sequence number 0-999 (odd for a male).
    Raises ValueError on a malformed region, sequence or a birth year before 1900.
    """
    if not re.fullmatch(r"[0-9]{6}", region6):
        raise ValueError(f"region code must be 6 digits: {region6!r}")
    if not 0 <= seq3 <= 999:
        raise ValueError(f"sequence number must be between 0 and 999: {seq3}")
    if birth.year < EARLIEST_BIRTH_YEAR:
        raise ValueError(f"birth year before {EARLIEST_BIRTH_YEAR}: {birth.isoformat()}")
    body = f"{region6}{birth:%Y%m%d}{seq3:03d}"
    # calc_check_digit expects the full number and ignores its last character.
    return body + ric.calc_check_digit(body + "0")


def _shape_issues(number: str) -> list[Issue]:
    """Issues of length and characters; empty when the number has the shape of an 18-char ID."""
    if not number:
        return [Issue("id.empty")]
    if len(number) == LEGACY_ID_LENGTH and number.isascii() and number.isdigit():
        return [Issue("id.legacy15", {"id": number})]
    issues: list[Issue] = []
    if len(number) != ID_LENGTH:
        issues.append(Issue("id.length", {"id": number, "length": len(number)}))
    if not _has_id_characters(number):
        issues.append(Issue("id.chars", {"id": number}))
    return issues


def _has_id_characters(number: str) -> bool:
    """Digits only, except that the last character may be X."""
    return _ID_CHARACTERS.fullmatch(number) is not None


def _parse_birth_date(number: str) -> date | None:
    """The birth date of an ID-shaped number, or None when it is not a real date."""
    try:
        birth = ric.get_birth_date(number)
    except (ValidationError, ValueError):
        return None
    return birth if birth.year >= EARLIEST_BIRTH_YEAR else None


def _require_valid(resident_id: str) -> str:
    """The normalised number, or ValidationFailed when it is not a valid ID (future dates pass)."""
    number = normalize_resident_id(resident_id)
    issues = check_resident_id(number, today=date.max)
    if issues:
        raise ValidationFailed(issues)
    return number
