"""Phone numbers: mobiles, landlines with area code, and what is refused."""

from __future__ import annotations

import pytest

from app.domain.messages import message_for
from app.domain.phone import check_phone, is_valid_phone, normalize_phone, phone_kind


@pytest.mark.parametrize(
    ("text", "stored", "kind"),
    [
        ("13912345678", "13912345678", "mobile"),
        ("139 1234 5678", "13912345678", "mobile"),
        ("139-1234-5678", "13912345678", "mobile"),
        ("+86 139 1234 5678", "13912345678", "mobile"),
        ("008619912345678", "19912345678", "mobile"),
        ("１３９１２３４５６７８", "13912345678", "mobile"),
        ("0574-88881234", "0574-88881234", "landline"),
        ("057488881234", "0574-88881234", "landline"),
        ("(0574) 8888 1234", "0574-88881234", "landline"),
        ("0574-8888123", "0574-8888123", "landline"),  # 7-digit local number
        ("010-62345678", "010-62345678", "landline"),  # three-character area code
        ("02162345678", "021-62345678", "landline"),
    ],
)
def test_valid_numbers(text: str, stored: str, kind: str) -> None:
    assert check_phone(text) == []
    assert is_valid_phone(text)
    assert normalize_phone(text) == stored
    assert phone_kind(text) == kind


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "phone.empty"),
        ("  ", "phone.empty"),
        ("1391234567", "phone.mobile"),  # 10 digits
        ("139123456789", "phone.mobile"),  # 12 digits
        ("12912345678", "phone.mobile"),  # no 12x mobiles
        ("88881234", "phone.no_area_code"),
        ("8888123", "phone.no_area_code"),
        ("0574-888812345", "phone.invalid"),  # local number too long
        ("0574-881234", "phone.invalid"),  # too short
        ("0574-08881234", "phone.invalid"),  # local numbers never start with 0
        ("00574-88881234", "phone.invalid"),
        ("12345", "phone.mobile"),
        ("555", "phone.invalid"),
        ("139abc45678", "phone.chars"),
        ("0574/88881234", "phone.chars"),
    ],
)
def test_invalid_numbers(text: str, code: str) -> None:
    issues = check_phone(text, field="mobile")
    assert [issue.code for issue in issues] == [code]
    assert issues[0].field == "mobile"
    assert not is_valid_phone(text)
    assert phone_kind(text) is None
    if text.strip():
        assert text.strip() in message_for(issues[0])


def test_normalize_leaves_invalid_input_recognisable() -> None:
    assert normalize_phone(" 8888 1234 ") == "88881234"
