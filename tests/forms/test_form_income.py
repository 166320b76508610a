"""Form B (income-monitoring 2026.1): sums, per-capita values, consent gating, flags, warnings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from app.domain.identity import make_resident_id
from app.forms.context import FormContext
from app.forms.engine import FormEngine, FormIssue
from app.forms.loader import forms_folder, load_form

FORM = load_form(forms_folder() / "income-monitoring-2026.1.yaml")
ENGINE = FormEngine(FORM)
SETTINGS = {"dibao_line": 1200, "near_dibao_multiple": 1.5, "cost_cap": 6000,
            "spending_ceiling": 50000}  # fmt: skip
REFERENCE = date(2026, 1, 1)

#: money lines of parts 2-4 that a complete response answers (0 when there is nothing)
INCOME_LINES = (
    "wages_local", "wages_away", "business_primary", "business_secondary", "business_tertiary",
    "property_rent", "property_interest", "property_dividends", "property_land", "pension",
    "dibao_income", "extreme_poverty_income", "subsidy_living", "subsidy_care",
    "other_assistance", "relatives_support", "transfers_paid",
)  # fmt: skip
SPENDING_LINES = (
    "spend_food", "spend_clothing", "spend_housing", "spend_household", "spend_transport",
    "spend_education", "spend_health", "spend_other", "rigid_medical", "rigid_education",
    "rigid_rehabilitation", "rigid_disaster",
)  # fmt: skip
ASSET_LINES = ("deposits", "securities", "insurance", "receivables", "other_property", "debts")


def context(
    *, living: str = "2", care: str = "2", quarter: int | None = None, **settings: Any
) -> FormContext:
    return FormContext(
        reference_date=REFERENCE,
        year=2026,
        quarter=quarter,
        registry={"person.living_subsidy": living, "person.care_subsidy": care},
        settings={**SETTINGS, **settings},
    )


def person_id(birth_year: int, seq: int = 11) -> str:
    return make_resident_id("330283", date(birth_year, 5, 1), seq)


def member(
    relation: str = "1",
    *,
    birth_year: int = 1980,
    seq: int = 11,
    resident: str = "1",
    work_income: float = 0,
) -> dict[str, Any]:
    return {
        "name": f"成员{seq}",
        "relation": relation,
        "id_number": person_id(birth_year, seq),
        "ethnicity": "01",
        "member_hukou": "1",
        "marital": "2",
        "health": "1",
        "work_ability": "1",
        "work_income": work_income,
        "resident": resident,
    }


def household(*members: dict[str, Any], **answers: Any) -> dict[str, Any]:
    """A complete response (consent given, every line 0 unless given) for these members."""
    base: dict[str, Any] = {
        "sample_no": "330213001001-007",
        "head_name": "成员11",
        "address": "锦屏街道奉中社区1号",
        "contact_method": "1",
        "surveyor": "王委员",
        "survey_date": "2026-03-01",
        "respondent": "成员11",
        "consent_photo": "blob-consent-1",
        "members": list(members) or [member()],
        "housing_tenure": "1",
        "floor_area": 80.0,
        "structure": "1",
        "dangerous_house": "2",
        "vehicles": ["0"],
        "assistance": ["0"],
    }
    base.update(dict.fromkeys(INCOME_LINES + SPENDING_LINES + ASSET_LINES, 0))
    base.update(answers)
    return base


def issues_of(issues: list[FormIssue], item: str, level: str | None = None) -> list[FormIssue]:
    return [i for i in issues if i.item == item and (level is None or i.level == level)]


def test_every_item_has_a_number_and_a_chinese_label() -> None:
    for item in FORM.items.values():
        assert item.number.startswith("B"), item.name
        assert any("\u4e00" <= ch <= "\u9fff" for ch in item.label), item.name


def test_complete_household_of_one_has_no_issues() -> None:
    assert ENGINE.validate(household(), context()) == []


# -- sums and per-capita values ----------------------------------------------------------

FOUR = (
    member("1", seq=11),
    member("2", seq=12),
    member("3", birth_year=2010, seq=13),
    member("4", birth_year=1950, seq=14),
)

SUM_CASES = [
    # (case, members, answers, expected values)
    (
        "household of 1, wages only",
        (member(),),
        {"wages_local": 20000, "wages_away": 4000},
        {"wages_total": 24000, "income_total": 24000, "resident_size": 1,
         "income_per_capita": 24000, "share_wages": 100.0, "share_business": 0.0},
    ),
    (
        "household of 4 with a business loss (negative business income)",
        FOUR,
        {"wages_local": 40000, "business_primary": -5000, "business_tertiary": 1000,
         "property_rent": 2000, "property_interest": -500, "pension": 6000,
         "subsidy_living": 1200, "subsidy_care": 1800, "transfers_paid": 700},
        {"wages_total": 40000, "business_total": -4000, "property_total": 1500,
         "transfers_total": 8300, "income_total": 45800, "resident_size": 4,
         "income_per_capita": 11450, "share_wages": 87.3, "share_business": -8.7,
         "share_property": 3.3, "share_transfers": 18.1},
    ),
    (
        "household of 4 of whom one lives away: per capita over the 3 residents",
        (*FOUR[:3], member("4", birth_year=1950, seq=14, resident="2")),
        {"wages_local": 30000},
        {"resident_size": 3, "income_total": 30000, "income_per_capita": 10000},
    ),
    (
        "no resident member: per capita and shares not computed (guarded division)",
        (member(resident="2"),),
        {"wages_local": 12000},
        {"resident_size": 0, "income_total": 12000, "income_per_capita": None,
         "consumption_per_capita": None, "monthly_income_per_capita": None,
         "below_dibao": None, "near_dibao": None},
    ),
    (
        "total income 0: shares not computed",
        (member(),),
        {},
        {"income_total": 0, "income_per_capita": 0, "share_wages": None},
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("members", "answers", "expected"),
    [case[1:] for case in SUM_CASES],
    ids=[case[0] for case in SUM_CASES],
)
def test_income_sums_and_per_capita(
    members: tuple[dict[str, Any], ...], answers: dict[str, Any], expected: dict[str, Any]
) -> None:
    values = ENGINE.evaluate(household(*members, **answers), context()).values
    for name, value in expected.items():
        if value is None:
            assert values[name] is None, name
        else:
            assert values[name] == pytest.approx(value), name


def test_spending_totals_and_income_after_rigid_spending() -> None:
    # household of 2 residents, income 30000, consumption 18000, rigid spending 8000
    answers = household(
        member("1", seq=11),
        member("2", seq=12),
        wages_local=30000,
        spend_food=10000,
        spend_health=5000,
        spend_other=3000,
        rigid_medical=6000,
        rigid_rehabilitation=2000,
    )
    values = ENGINE.evaluate(answers, context()).values
    assert values["consumption_total"] == 18000
    assert values["consumption_per_capita"] == 9000
    assert values["rigid_total"] == 8000
    assert values["income_after_rigid"] == 22000
    assert values["income_after_rigid_per_capita"] == 11000


def test_spending_over_the_ceiling_is_a_warning_and_negative_spending_an_error() -> None:
    issues = ENGINE.validate(household(spend_housing=60000, spend_food=-1), context())
    assert [i.level for i in issues_of(issues, "spend_housing")] == ["warning"]
    assert [i.code for i in issues_of(issues, "spend_food")] == ["form.min"]


def test_business_and_property_lines_may_be_negative() -> None:
    issues = ENGINE.validate(household(business_secondary=-3000, property_land=-100), context())
    assert issues_of(issues, "business_secondary") == []
    assert issues_of(issues, "property_land") == []


# -- members --------------------------------------------------------------------------

HEAD_CASES = [
    ("one head", ["1"], 0),
    ("head, spouse and child", ["1", "2", "3"], 0),
    ("no head", ["2", "3"], 1),
    ("two heads", ["1", "1", "3"], 1),
]


@pytest.mark.parametrize(
    ("relations", "errors"),
    [case[1:] for case in HEAD_CASES],
    ids=[case[0] for case in HEAD_CASES],
)
def test_the_head_appears_exactly_once(relations: list[str], errors: int) -> None:
    members = [member(r, seq=11 + i) for i, r in enumerate(relations)]
    issues = ENGINE.validate(household(*members), context())
    assert len(issues_of(issues, "members", "error")) == errors


@pytest.mark.parametrize(
    ("birth_year", "working_age"),
    [(2011, "2"), (2010, "2"), (2009, "1"), (1980, "1"), (1966, "1"), (1965, "2")],
)
def test_working_age_is_16_to_59_on_the_reference_date(birth_year: int, working_age: str) -> None:
    # born 1 May, so on 2026-01-01 one born in 2010 is 15 (not 16), one born in 1965 is 60
    values = ENGINE.evaluate(household(member(birth_year=birth_year)), context()).values
    assert values["members"][0]["working_age"] == working_age


def test_working_age_unknown_without_a_valid_id_number() -> None:
    row = {**member(), "id_number": "33028319800501001X"}
    values = ENGINE.evaluate(household(row), context()).values
    assert values["members"][0]["member_age"] is None
    assert values["members"][0]["working_age"] is None


def test_illness_and_disability_asked_only_for_the_matching_health() -> None:
    rows = [
        {**member("1", seq=11), "health": "3"},  # serious illness: name required
        {**member("2", seq=12), "health": "4"},  # disabled: category and grade required
        {**member("3", seq=13), "health": "1", "illness": "感冒"},  # healthy: cleared
    ]
    answers = household(*rows)
    issues = ENGINE.validate(answers, context())
    assert [(i.item, i.row) for i in issues if i.code == "form.required"] == [
        ("illness", 0),
        ("disability_category", 1),
        ("disability_grade", 1),
    ]
    assert "illness" not in ENGINE.clean(answers, context())["members"][2]


def test_members_and_subsidies_are_prefilled_from_the_registry() -> None:
    rows = [member("1", seq=11), member("2", seq=12)]
    ctx = FormContext(
        reference_date=REFERENCE,
        year=2026,
        registry={
            "household.members": rows,
            "household.head_name": "成员11",
            "household.living_subsidy_yuan": 1560,
            "household.care_subsidy_yuan": 1200,
        },
        settings=SETTINGS,
    )
    answers = ENGINE.prefill(ctx)
    assert answers["members"] == rows
    assert answers["members"] is not rows  # a copy: editing it leaves the registry alone
    assert answers["head_name"] == "成员11"
    assert (answers["subsidy_living"], answers["subsidy_care"]) == (1560, 1200)


def test_differences_from_last_round_name_the_changed_lines() -> None:
    # last round: wages 20000; this round: 26000, all else the same
    last = ENGINE.clean(household(wages_local=20000), context())
    now = household(wages_local=26000)
    changed = {d.item for d in ENGINE.differences(now, last, context())}
    assert "wages_local" in changed
    assert "wages_total" not in changed  # calculations are not compared
    assert "pension" not in changed


def test_unchanged_member_table_is_not_a_difference() -> None:
    # the same members as last round: the table must not be marked as changed
    last = ENGINE.clean(household(), context())
    assert ENGINE.differences(household(), last, context()) == []


# -- consent gating -------------------------------------------------------------------


def test_income_items_are_cleared_when_the_consent_photo_is_removed() -> None:
    answers = household(wages_local=24000, deposits=5000, assistance=["1"])
    with_consent = ENGINE.clean(answers, context())
    assert with_consent["wages_local"] == 24000
    assert with_consent["income_total"] == 24000

    without = {k: v for k, v in answers.items() if k != "consent_photo"}
    cleaned = ENGINE.clean(without, context())
    for name in ("wages_local", "income_total", "deposits", "spend_food", "assistance",
                 "below_dibao", "housing_tenure"):  # fmt: skip
        assert name not in cleaned, name
    assert cleaned["members"][0]["name"] == "成员11"  # part 1 is kept
    assert cleaned["resident_size"] == 1


def test_without_consent_the_income_items_are_hidden_and_not_required() -> None:
    answers = {k: v for k, v in household().items() if k not in INCOME_LINES}
    answers.pop("consent_photo")
    evaluation = ENGINE.evaluate(answers, context())
    assert evaluation.relevant["wages_local"] is False
    assert evaluation.relevant["consent_note"] is True
    issues = ENGINE.validate(answers, context())
    assert [i.item for i in issues] == ["consent_photo"]  # only the photo itself is missing


def test_lost_household_needs_only_the_header() -> None:
    answers = {
        "sample_no": "330213001001-007",
        "head_name": "成员11",
        "address": "锦屏街道奉中社区1号",
        "contact_method": "4",
        "lost_reason": "1",
        "surveyor": "王委员",
        "survey_date": "2026-03-01",
    }
    assert ENGINE.validate(answers, context()) == []


# -- flags: per-capita monthly income against the dibao line -----------------------------

FLAG_CASES = [
    # (case, residents, income of the period, quarter, below dibao, near dibao)
    ("household of 1 below the line: 1199/month", 1, 1199 * 12, None, "1", "2"),
    ("household of 1 exactly on the line: in the band", 1, 1200 * 12, None, "2", "1"),
    ("household of 1 in the band: 1799/month", 1, 1799 * 12, None, "2", "1"),
    ("household of 1 at the band's upper edge 1800: above", 1, 1800 * 12, None, "2", "2"),
    ("household of 4 below the line: 1000/person/month", 4, 4 * 1000 * 12, None, "1", "2"),
    ("household of 4 in the band: 1500/person/month", 4, 4 * 1500 * 12, None, "2", "1"),
    ("household of 4 above: 3000/person/month", 4, 4 * 3000 * 12, None, "2", "2"),
    ("quarterly round: income of 3 months, 1000/month", 1, 3 * 1000, 2, "1", "2"),
    ("quarterly round: income of 3 months, 1500/month", 1, 3 * 1500, 2, "2", "1"),
]


@pytest.mark.parametrize(
    ("residents", "income", "quarter", "below", "near"),
    [case[1:] for case in FLAG_CASES],
    ids=[case[0] for case in FLAG_CASES],
)
def test_dibao_flags(
    residents: int, income: float, quarter: int | None, below: str, near: str
) -> None:
    members = [member("1" if i == 0 else "3", seq=11 + i) for i in range(residents)]
    answers = household(*members, pension=income)
    values = ENGINE.evaluate(answers, context(quarter=quarter)).values
    assert values["period_months"] == (3 if quarter else 12)
    assert (values["below_dibao"], values["near_dibao"]) == (below, near)


def test_near_dibao_band_uses_the_configured_multiple() -> None:
    # Hangzhou used 2: 2000/month is in the band with 2, above it with 1.5
    answers = household(pension=2000 * 12)
    assert ENGINE.evaluate(answers, context(near_dibao_multiple=2)).values["near_dibao"] == "1"
    assert ENGINE.evaluate(answers, context()).values["near_dibao"] == "2"
    values = ENGINE.evaluate(answers, context(near_dibao_multiple=None)).values
    assert values["near_dibao_upper"] == 1800  # default multiple 1.5


def test_flags_with_settings_given_as_decimal() -> None:
    # app.domain.settings keeps the multiple as a Decimal: 1300/month with 1230 × 1.5
    ctx = context(dibao_line=Decimal("1230"), near_dibao_multiple=Decimal("1.5"))
    values = ENGINE.evaluate(household(pension=1300 * 12), ctx).values
    assert (values["below_dibao"], values["near_dibao"]) == ("2", "1")
    assert values["near_dibao_upper"] == 1845


def test_flags_unknown_without_a_dibao_line() -> None:
    values = ENGINE.evaluate(household(pension=1000), context(dibao_line=None)).values
    assert (values["below_dibao"], values["near_dibao"]) == (None, None)


# -- warnings -------------------------------------------------------------------------

WAGE_CASES = [
    # (case, members' monthly work income, wages lines (local, away), warning expected)
    ("equal: 5000/month × 12 = 60000", (3000, 2000), (50000, 10000), False),
    ("18% above", (3000, 2000), (70800, 0), False),
    ("exactly 20% below", (3000, 2000), (48000, 0), False),
    ("22% above", (3000, 2000), (73200, 0), True),
    ("25% below", (3000, 2000), (45000, 0), True),
    ("wages without any member's work income", (0, 0), (10000, 0), True),
    ("no wages and no work income", (0, 0), (0, 0), False),
]


@pytest.mark.parametrize(
    ("monthly", "wages", "warned"),
    [case[1:] for case in WAGE_CASES],
    ids=[case[0] for case in WAGE_CASES],
)
def test_wages_line_against_members_monthly_work_income(
    monthly: tuple[float, float], wages: tuple[float, float], warned: bool
) -> None:
    members = [
        member("1", seq=11, work_income=monthly[0]),
        member("2", seq=12, work_income=monthly[1]),
    ]
    answers = household(*members, wages_local=wages[0], wages_away=wages[1])
    issues = ENGINE.validate(answers, context())
    assert [i.level for i in issues_of(issues, "wages_total")] == (["warning"] if warned else [])
    assert not [i for i in issues if i.is_error]


SUBSIDY_CASES = [
    # (case, registry living, registry care, answers, items warned)
    ("no subsidy paid, none declared", "2", "2", {}, []),
    ("living subsidy paid but 0 declared", "1", "2", {}, ["subsidy_living"]),
    ("living subsidy paid and declared", "1", "2", {"subsidy_living": 1560}, []),
    ("care subsidy paid but 0 declared", "2", "1", {"subsidy_living": 500}, ["subsidy_care"]),
    ("both paid, both declared", "1", "1", {"subsidy_living": 1560, "subsidy_care": 1200}, []),
    ("both paid, none declared", "1", "1", {}, ["subsidy_living", "subsidy_care"]),
]


@pytest.mark.parametrize(
    ("living", "care", "answers", "warned"),
    [case[1:] for case in SUBSIDY_CASES],
    ids=[case[0] for case in SUBSIDY_CASES],
)
def test_subsidies_paid_to_members_must_be_in_the_income_lines(
    living: str, care: str, answers: dict[str, Any], warned: list[str]
) -> None:
    issues = ENGINE.validate(household(**answers), context(living=living, care=care))
    subsidy_items = ("subsidy_living", "subsidy_care")
    assert [i.item for i in issues if i.item in subsidy_items and i.level == "warning"] == warned


def test_registry_link_of_a_certified_member_is_kept_on_save() -> None:
    # a pre-filled row carries the registry person's id: saving must not drop it
    row = {**member(), "person_id": "P-000123"}
    cleaned = ENGINE.clean(household(row), context())
    assert cleaned["members"][0]["person_id"] == "P-000123"
