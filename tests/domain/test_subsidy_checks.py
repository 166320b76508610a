"""The subsidy rules: who qualifies in which group, amounts in fen, and each warning."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
import yaml

from app.domain import subsidies as rules
from app.domain.issues import ValidationFailed
from app.domain.settings import Settings, load_settings
from tests.domain.test_subsidy_settings import GOOD

GOOD_CARD = "6222021234567890128"  # 19 digits, Luhn valid
BAD_CARD = "6222021234567890127"


@dataclass
class P:
    name: str = "王堃"
    grade: str = "1"
    category: str = "4"
    status: str = "active"
    in_institution: bool = False
    bank_account: str = GOOD_CARD


@dataclass
class H:
    hardship: list[str] = field(default_factory=list)


@dataclass
class S:
    kind: str
    status: str = "active"
    start_month: str = "2024-03"
    end_month: str = ""
    end_reason: str = ""


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    path = tmp_path / "settings.yaml"
    path.write_text(yaml.safe_dump(GOOD), encoding="utf-8")
    return load_settings(path).for_area(2026, "330213003001")


def codes(person: P, household: H, periods: list[S], settings: Settings) -> list[str]:
    return [i.code for i in rules.checks(person, household, periods, settings)]


def test_months_and_yuan_text_are_exact() -> None:
    assert rules.next_month("2026-12") == "2027-01"
    assert rules.next_month("2026-01") == "2026-02"
    assert rules.previous_month("2027-01") == "2026-12"
    assert rules.is_month("2026-12") and not rules.is_month("2026-13")
    assert not rules.is_month("2026-1") and not rules.is_month("")
    assert rules.yuan_text(123_010) == "1230.10"
    assert rules.yuan_text(5) == "0.05"


def test_the_first_group_that_takes_the_person_in(settings: Settings) -> None:
    family = H(["1", "6"])
    assert rules.qualifies(P(grade="2"), family, settings, "care").name == "grade2"  # type: ignore[union-attr]
    assert rules.qualifies(P(), family, settings, "living").name == "dibao"  # type: ignore[union-attr]
    mind = P(grade="3", category="5")
    assert rules.qualifies(mind, family, settings, "care").name == "mind3"  # type: ignore[union-attr]
    assert rules.qualifies(P(grade="3", category="4"), family, settings, "care") is None
    assert rules.qualifies(P(status="cancelled"), family, settings, "care") is None
    assert rules.qualifies(P(), H(["1", "3"]), settings, "living") is None  # 特困 excluded
    assert rules.exclusion(P(), H(["1", "3"]), settings, "living") == "特困人员供养"
    assert rules.qualifies(P(in_institution=True), family, settings, "care") is None


def test_amounts_are_integer_fen_from_the_group(settings: Settings) -> None:
    amount = rules.amount_fen(settings, "living", "dibao")
    assert amount == 123_010 and type(amount) is int
    with pytest.raises(ValidationFailed) as error:
        rules.amount_fen(settings, "care", "grade4")
    assert error.value.codes == ("subsidy.no_group",)


def test_nothing_to_warn_for_a_person_paid_as_the_rules_say(settings: Settings) -> None:
    assert codes(P(), H(["1"]), [S("care"), S("living")], settings) == []
    assert codes(P(grade="4"), H([]), [], settings) == []
    assert codes(P(grade="3", category="6"), H([]), [S("care")], settings) == []


@pytest.mark.parametrize(
    ("person", "household", "periods", "code"),
    [
        # a grade 3-4 person receiving care outside the configured groups
        (P(grade="3", category="4"), H(), [S("care")], "subsidy.care_outside_groups"),
        (P(grade="4", category="5"), H(), [S("care")], "subsidy.care_outside_groups"),
        # receiving care while excluded (a care institution, when the settings say so)
        (P(in_institution=True), H(), [S("care")], "subsidy.care_excluded"),
        # a grade 1-2 (or configured grade 3) person without care and without a reason
        (P(grade="1"), H(), [], "subsidy.care_missing"),
        (P(grade="2"), H(), [S("care", "stopped", end_reason="grade_out")], "subsidy.care_missing"),
        (P(grade="3", category="5"), H(), [], "subsidy.care_missing"),
        # a person in a 低保 family without the living subsidy
        (P(grade="4"), H(["1"]), [], "subsidy.living_missing"),
        (
            P(grade="4"),
            H(["2"]),
            [S("living", "stopped", end_reason="left_dibao")],
            "subsidy.living_missing",
        ),
        # receiving it while the family is no longer 低保, or while 特困
        (P(grade="4"), H(["6"]), [S("living")], "subsidy.living_not_qualified"),
        (P(grade="4"), H(["1", "3"]), [S("living")], "subsidy.living_excluded"),
        # a cancelled person with a subsidy running
        (P(status="cancelled"), H(["1"]), [S("care")], "subsidy.cancelled_running"),
        (
            P(status="cancelled", grade="4"),
            H(["1"]),
            [S("living", "suspended")],
            "subsidy.cancelled_running",
        ),
        # a running subsidy with no bank account, or one that fails its check
        (P(bank_account=""), H(), [S("care")], "subsidy.bank_missing"),
        (P(bank_account=BAD_CARD), H(), [S("care")], "subsidy.bank_check_digit"),
        (P(bank_account="62220212345678901X"), H(), [S("care")], "subsidy.bank_format"),
        (P(bank_account="1234"), H(), [S("care")], "subsidy.bank_format"),
    ],
)
def test_each_warning(
    settings: Settings, person: P, household: H, periods: list[S], code: str
) -> None:
    found = rules.checks(person, household, periods, settings)
    assert [i.code for i in found] == [code]
    message = found[0].message
    assert "{" not in message and message != code
    if "name" in found[0].params:
        assert person.name in message


@pytest.mark.parametrize(
    "periods",
    [
        [S("care", "pending", start_month="")],  # an application in progress
        [S("care", "refused", start_month="")],  # refused: the reason is recorded
        [S("care", "stopped", end_reason="other_care")],  # takes a similar allowance
        [S("care", "stopped", end_reason="declined")],
        [S("care", "stopped", end_reason="institution")],
    ],
)
def test_a_recorded_reason_silences_the_missing_care_warning(
    settings: Settings, periods: list[S]
) -> None:
    assert codes(P(grade="1"), H(), periods, settings) == []


def test_a_cancelled_person_is_not_asked_to_apply_and_a_stopped_period_is_quiet(
    settings: Settings,
) -> None:
    cancelled = P(status="cancelled", bank_account="")
    stopped = [S("care", "stopped", end_month="2026-10", end_reason="death")]
    assert codes(cancelled, H(["1"]), stopped, settings) == []


def test_bank_accounts_luhn_only_for_card_lengths() -> None:
    assert rules.bank_issues(GOOD_CARD) == []
    assert rules.bank_issues("6222 0212 3456 7890 128") == []  # spaces as printed on cards
    assert rules.bank_issues("330201234567890") == []  # a 15-digit passbook account: no scheme
    [issue] = rules.bank_issues(BAD_CARD)
    assert "**** 0127" in issue.message and BAD_CARD not in issue.message  # masked


def test_both_at_once_is_allowed(settings: Settings) -> None:
    person = replace(P(), grade="2")
    assert codes(person, H(["1"]), [S("living"), S("care")], settings) == []
