"""Disability certificate numbers: format, reissue, and agreement with the person's record."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.certificate import (
    CertificateParts,
    check_certificate,
    is_valid_certificate,
    make_certificate,
    normalize_certificate,
    parse_certificate,
)
from app.domain.identity import make_resident_id
from app.domain.issues import ValidationFailed
from app.domain.messages import message_for

TODAY = date(2026, 11, 28)
ID = make_resident_id("330283", date(1990, 1, 1), 123)  # 330283199001011238
OTHER_ID = make_resident_id("330213", date(1985, 6, 15), 42)
ID_WITH_X = make_resident_id("330283", date(1975, 3, 8), 4)  # ends in X


def codes(
    cert: str,
    *,
    resident_id: str | None = ID,
    category: str | int | None = "4",
    grade: str | int | None = "2",
) -> list[str]:
    issues = check_certificate(
        cert, resident_id=resident_id, category=category, grade=grade, today=TODAY
    )
    return [issue.code for issue in issues]


@pytest.mark.parametrize(
    ("cert", "expected"),
    [
        (ID + "42", []),  # 20 characters
        (ID + "42B1", []),  # reissue, 22 characters
        (ID + "42b1", []),  # lowercase b accepted
        (" " + ID + "42 ", []),
        ("", ["cert.empty"]),
        (ID, ["cert.length"]),  # the ID alone
        (ID + "4", ["cert.length"]),
        (ID + "42B", ["cert.length"]),  # a bare B without its digit
        (ID + "42B12", ["cert.length"]),
        (ID + "82", ["cert.format"]),  # no category 8
        (ID + "45", ["cert.format"]),  # no grade 5
        (ID + "40", ["cert.format"]),
        (ID + "42C1", ["cert.format"]),
        (ID + "42BX", ["cert.format"]),
        (ID + "32", ["cert.category_mismatch"]),
        (ID + "41", ["cert.grade_mismatch"]),
        (ID + "11", ["cert.category_mismatch", "cert.grade_mismatch"]),
        (OTHER_ID + "42", ["cert.id_mismatch"]),
        (ID[:17] + "9" + "42", ["id.checksum", "cert.id_mismatch"]),
    ],
)
def test_check_certificate_table(cert: str, expected: list[str]) -> None:
    assert codes(cert) == expected


def test_x_in_the_id_part_may_be_lowercase() -> None:
    cert = (ID_WITH_X + "71").lower()
    assert codes(cert, resident_id=ID_WITH_X.lower(), category="7", grade="1") == []
    assert normalize_certificate(cert) == ID_WITH_X + "71"


def test_unrecorded_values_are_not_compared() -> None:
    for missing in (None, ""):
        assert codes(OTHER_ID + "11", resident_id=missing, category=missing, grade=missing) == []


def test_integer_category_and_grade_are_compared_as_codes() -> None:
    assert codes(ID + "42", category=4, grade=2) == []
    assert codes(ID + "42", category=5, grade=2) == ["cert.category_mismatch"]


def test_issues_are_on_the_certificate_field_and_name_the_values() -> None:
    (issue,) = check_certificate(ID + "32", resident_id=ID, category="4", grade="2", today=TODAY)
    assert issue.field == "cert_number"
    text = message_for(issue)
    assert ID + "32" in text and "3" in text and "4" in text
    (issue,) = check_certificate(OTHER_ID + "42", resident_id=ID, category=None, grade=None)
    assert OTHER_ID in message_for(issue) and ID in message_for(issue)


def test_make_and_parse_round_trip() -> None:
    assert make_certificate(ID, "4", "2") == ID + "42"
    assert make_certificate(ID, 7, 1, reissue=1) == ID + "71B1"
    assert make_certificate(ID_WITH_X.lower(), 1, 4) == ID_WITH_X + "14"
    assert parse_certificate(ID + "71B1") == CertificateParts(ID, "7", "1", "1")
    assert parse_certificate(ID + "42") == CertificateParts(ID, "4", "2", None)
    assert is_valid_certificate(make_certificate(ID, 5, 3), resident_id=ID, category="5")


@pytest.mark.parametrize(
    ("category", "grade", "reissue"),
    [("8", "1", None), ("0", "1", None), ("1", "5", None), (1, 1, 10)],
)
def test_make_certificate_refuses_out_of_range_parts(
    category: str | int, grade: str | int, reissue: int | None
) -> None:
    with pytest.raises(ValueError):
        make_certificate(ID, category, grade, reissue=reissue)


def test_make_and_parse_refuse_invalid_numbers() -> None:
    with pytest.raises(ValidationFailed) as caught:
        make_certificate(ID[:17] + "9", "4", "2")
    assert caught.value.codes == ("id.checksum",)
    with pytest.raises(ValidationFailed):
        parse_certificate(ID + "82")
