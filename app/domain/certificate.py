"""Disability certificate numbers (残疾人证号) of the 2nd and 3rd generation cards.

Accepted forms, per the domain reference ("a reissue may add B and a digit, up to 22
characters"):

- 20 characters: the holder's 18-character resident ID, the category digit (1-7) and
  the grade digit (1-4): ``<ID>42`` is a grade-2 physical disability;
- 22 characters: the same followed by ``B`` and one digit (0-9) for a reissued card,
  ``<ID>42B1`` is the first reissue of that card.

A 21-character number ending in a bare ``B`` is not accepted: the reissue mark always
comes with its digit, so a lone ``B`` is an incomplete number to be corrected.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from app.domain.identity import check_resident_id, normalize_resident_id
from app.domain.issues import Issue, ValidationFailed

CERTIFICATE_LENGTH = 20
REISSUE_CERTIFICATE_LENGTH = 22
CATEGORIES = ("1", "2", "3", "4", "5", "6", "7")
GRADES = ("1", "2", "3", "4")

_SUFFIX = re.compile(r"(?P<category>[1-7])(?P<grade>[1-4])(?:B(?P<reissue>[0-9]))?")


@dataclasses.dataclass(frozen=True)
class CertificateParts:
    """The parts of a well-formed certificate number."""

    resident_id: str
    category: str
    grade: str
    # The digit after B on a reissued card, None for an original card.
    reissue: str | None = None


def normalize_certificate(text: str) -> str:
    """Return `text` with white space removed, full-width characters folded and letters upper."""
    # The resident ID rules (x -> X, full-width digits) apply, and a lowercase b becomes B.
    return normalize_resident_id(text)


def check_certificate(
    cert: str,
    *,
    resident_id: str | None,
    category: str | int | None,
    grade: str | int | None,
    today: date | None = None,
    field: str | None = "cert_number",
) -> list[Issue]:
    """Return the issues of a certificate number checked against the person's record.

    `resident_id`, `category` and `grade` are the recorded values; one that is None or
    empty (not recorded yet) is not compared. The ID part gets its own resident
    ID checks (codes ``id.*``), reported on the certificate field.
    """
    number = normalize_certificate(cert)
    issues: list[Issue] = []
    if not number:
        issues.append(Issue("cert.empty"))
    elif len(number) not in (CERTIFICATE_LENGTH, REISSUE_CERTIFICATE_LENGTH):
        issues.append(Issue("cert.length", {"cert": number, "length": len(number)}))
    else:
        issues.extend(_parts_issues(number, resident_id, category, grade, today))
    return [issue.at(field) for issue in issues]


def is_valid_certificate(
    cert: str,
    *,
    resident_id: str | None = None,
    category: str | int | None = None,
    grade: str | int | None = None,
    today: date | None = None,
) -> bool:
    """Return whether `cert` is a valid certificate number (and matches what is given)."""
    return not check_certificate(
        cert, resident_id=resident_id, category=category, grade=grade, today=today
    )


def parse_certificate(cert: str) -> CertificateParts:
    """Split a certificate number into its parts; ValidationFailed when it is not valid."""
    number = normalize_certificate(cert)
    issues = check_certificate(number, resident_id=None, category=None, grade=None, today=date.max)
    if issues:
        raise ValidationFailed(issues)
    suffix = _SUFFIX.fullmatch(number[18:])
    assert suffix is not None  # check_certificate has checked the format
    return CertificateParts(
        resident_id=number[:18],
        category=suffix["category"],
        grade=suffix["grade"],
        reissue=suffix["reissue"],
    )


def make_certificate(
    resident_id: str, category: str | int, grade: str | int, *, reissue: int | None = None
) -> str:
    """Build the certificate number of a person from their ID number, category and grade.

    `reissue` (0-9) appends ``B`` and that digit for a reissued card. Raises
    ValidationFailed when the ID number is not valid and ValueError when the category,
    grade or reissue digit is out of range.
    """
    number = normalize_resident_id(resident_id)
    id_issues = check_resident_id(number, today=date.max, field="cert_number")
    if id_issues:
        raise ValidationFailed(id_issues)
    category_code, grade_code = str(category), str(grade)
    if category_code not in CATEGORIES:
        raise ValueError(f"disability category must be 1-7: {category!r}")
    if grade_code not in GRADES:
        raise ValueError(f"disability grade must be 1-4: {grade!r}")
    suffix = ""
    if reissue is not None:
        if not 0 <= reissue <= 9:
            raise ValueError(f"reissue digit must be 0-9: {reissue}")
        suffix = f"B{reissue}"
    return f"{number}{category_code}{grade_code}{suffix}"


def _parts_issues(
    number: str,
    resident_id: str | None,
    category: str | int | None,
    grade: str | int | None,
    today: date | None,
) -> list[Issue]:
    """Issues of a number of an accepted length: ID part, suffix, then the comparisons."""
    id_part = number[:18]
    issues = check_resident_id(id_part, today=today, field=None)
    suffix = _SUFFIX.fullmatch(number[18:])
    if suffix is None:
        issues.append(Issue("cert.format", {"cert": number}))
        # Comparing digits that are not a category and grade would only add noise.
        return issues
    if resident_id:
        recorded_id = normalize_resident_id(resident_id)
        if recorded_id != id_part:
            issues.append(Issue("cert.id_mismatch", {"cert": number, "id": recorded_id}))
    if category not in (None, "") and str(category) != suffix["category"]:
        issues.append(
            Issue(
                "cert.category_mismatch",
                {"cert": number, "cert_category": suffix["category"], "category": str(category)},
            )
        )
    if grade not in (None, "") and str(grade) != suffix["grade"]:
        issues.append(
            Issue(
                "cert.grade_mismatch",
                {"cert": number, "cert_grade": suffix["grade"], "grade": str(grade)},
            )
        )
    return issues
