"""Phone numbers: mainland mobiles and landlines with their area code.

Stored forms: a mobile as its 11 digits (``13912345678``), a landline as area code,
hyphen, local number (``0574-88881234``). Input may carry spaces, hyphens,
parentheses around the area code, full-width digits and a ``+86``/``0086`` prefix.
"""

from __future__ import annotations

import re
from typing import Literal

from app.domain.issues import Issue
from app.domain.number_text import fold_number

PhoneKind = Literal["mobile", "landline"]

_PARENTHESES = re.compile(r"[()]+")
_COUNTRY_PREFIX = re.compile(r"^(?:\+86|0086)")
MOBILE_LENGTH = 11
# Mainland mobile prefixes run from 13 to 19.
_MOBILE_SECOND_DIGITS = "3456789"
# Area codes 010 and 020-029 are three characters long; every other one is four (0574).
_SHORT_AREA_CODE_STARTS = ("01", "02")
_LOCAL_LENGTHS = (7, 8)


def normalize_phone(text: str) -> str:
    """Return the stored form of a valid phone number, else `text` with separators removed."""
    cleaned = _clean(text)
    kind = _classify(cleaned)
    if kind == "mobile":
        return _strip_country(cleaned)
    if kind == "landline":
        area_length = _area_code_length(cleaned)
        return f"{cleaned[:area_length]}-{cleaned[area_length:]}"
    return cleaned


def check_phone(text: str, *, field: str | None = None) -> list[Issue]:
    """Return the issues of a phone number (empty when valid).

    An empty number gives ``phone.empty``: callers check optional phone fields only
    when they are filled in.
    """
    cleaned = _clean(text)
    issues: list[Issue] = []
    if not cleaned:
        issues.append(Issue("phone.empty"))
    elif not (cleaned.isascii() and _strip_country(cleaned).isdigit()):
        issues.append(Issue("phone.chars", {"phone": text.strip()}))
    elif _classify(cleaned) is None:
        issues.append(Issue(_problem_code(_strip_country(cleaned)), {"phone": text.strip()}))
    return [issue.at(field) for issue in issues]


def is_valid_phone(text: str) -> bool:
    """Return whether `text` is a valid mobile or landline number."""
    return _classify(_clean(text)) is not None


def phone_kind(text: str) -> PhoneKind | None:
    """Return "mobile" or "landline" for a valid number, None otherwise."""
    return _classify(_clean(text))


def _clean(text: str) -> str:
    """Fold full-width characters and drop spaces, dashes, invisible characters and
    parentheses (see `number_text.fold_number`)."""
    return _PARENTHESES.sub("", fold_number(text))


def _strip_country(digits: str) -> str:
    """Drop a +86 or 0086 country prefix, which only makes sense before a mobile number."""
    stripped = _COUNTRY_PREFIX.sub("", digits)
    return stripped if stripped.startswith("1") else digits


def _area_code_length(digits: str) -> int:
    return 3 if digits.startswith(_SHORT_AREA_CODE_STARTS) else 4


def _classify(cleaned: str) -> PhoneKind | None:
    """The kind of a cleaned number, or None when it is not a valid one."""
    digits = _strip_country(cleaned)
    if not (digits.isascii() and digits.isdigit()):
        return None
    if _is_mobile(digits):
        return "mobile"
    if _is_landline(digits):
        return "landline"
    return None


def _is_mobile(digits: str) -> bool:
    return len(digits) == MOBILE_LENGTH and digits[0] == "1" and digits[1] in _MOBILE_SECOND_DIGITS


def _is_landline(digits: str) -> bool:
    if not digits.startswith("0") or digits.startswith("00"):
        return False
    local = digits[_area_code_length(digits) :]
    # Local numbers never begin with 0 (trunk prefix) or 1 (service numbers).
    return len(local) in _LOCAL_LENGTHS and local[0] not in "01"


def _problem_code(digits: str) -> str:
    """The most helpful issue code for an all-digit number that is not valid."""
    if digits.startswith("1"):
        return "phone.mobile"
    if not digits.startswith("0") and len(digits) in _LOCAL_LENGTHS:
        return "phone.no_area_code"
    return "phone.invalid"
