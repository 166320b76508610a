"""Form A (dynamic-update 2021.1): every skip rule and age gate, the checks, cleaning."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.domain.certificate import make_certificate
from app.domain.identity import make_resident_id
from app.forms.context import FormContext
from app.forms.engine import FormEngine
from app.forms.loader import get_form

REFERENCE = date(2026, 1, 1)
FORM = get_form("dynamic-update", "2021.1")
ENGINE = FormEngine(FORM)


def person_aged(age: int, *, birthday_after_reference: bool = False) -> str:
    """An ID of someone who is `age` on the reference date (born 1 Jan, or 2 Jan: a day short)."""
    born = date(REFERENCE.year - age - (1 if birthday_after_reference else 0), 1,
                2 if birthday_after_reference else 1)  # fmt: skip
    return make_resident_id("330283", born, 21)


def context(age: int = 40, *, category: str = "4", grade: str = "3", hukou: str = "1",
            living: str = "2", care: str = "2", **extra: Any) -> FormContext:  # fmt: skip
    resident_id = extra.pop("resident_id", None) or person_aged(age)
    registry = {
        "person.id_number": resident_id,
        "person.name": "测试人",
        "person.cert_number": make_certificate(resident_id, int(category), int(grade)),
        "person.category": category,
        "person.grade": grade,
        "person.sex": "1",
        "person.marital": "2" if age >= 22 else "1",
        "person.in_institution": "2",
        "person.living_subsidy": living,
        "person.care_subsidy": care,
        "household.hukou_type": hukou,
        **extra,
    }
    return FormContext(reference_date=REFERENCE, year=2026, registry=registry)


def complete_answers(ctx: FormContext, **overrides: Any) -> dict[str, Any]:
    """A complete, valid response for a person of the context: the happy path."""
    answers = ENGINE.prefill(ctx)
    answers.update(
        method="1", surveyor="李专委", fill_date="2026-03-02", respondent="1",
        signature="attachment-1", literate="1", schooling="3", in_school="1", housing="1",
        income_vs_dibao="2", poverty_status="3", employed="1", employment_form="7",
        help_received=["6"], help_needed=["1"], employee_insurance=["4"],
        resident_pension="1", pension_subsidised="1", resident_medical="1",
        medical_subsidised="1", social_assistance=["5"],
        welfare_subsidy=[c for c, flag in (("1", ctx.registry["person.living_subsidy"]),
                                           ("2", ctx.registry["person.care_subsidy"]))
                         if flag == "1"] or ["4"],
        receives_care="1", ill_two_weeks="2", family_doctor="1", rehab_received=["2"],
        rehab_needed=["7"], renovated="2", renovation_needed=["8"],
        culture_participation="1", culture_needs=["4"], mobile="13957400000",
    )  # fmt: skip
    answers.update(overrides)
    return answers


def relevant(answers: dict[str, Any], ctx: FormContext) -> set[str]:
    evaluation = ENGINE.evaluate(answers, ctx)
    return {name for name, ok in evaluation.relevant.items() if ok}


def errors(answers: dict[str, Any], ctx: FormContext) -> list[str]:
    return [i.item for i in ENGINE.validate(answers, ctx) if i.is_error]


def test_every_paper_number_is_there_once() -> None:
    numbers = [i.number for i in FORM.items.values() if i.number]
    expected = [f"R{n}" for n in range(1, 43) if n not in (13, 14, 15)] + ["R16-1"]
    assert sorted(numbers) == sorted(expected)


@pytest.mark.parametrize("age", [3, 15, 16, 40, 59, 60, 80])
def test_complete_response_has_no_errors_at_any_age(age: int) -> None:
    ctx = context(age)
    assert errors(complete_answers(ctx), ctx) == []


@pytest.mark.parametrize(
    ("age", "employment_asked"),
    [(15, False), (16, True), (59, True), (60, False)],
)
def test_employment_part_is_for_ages_16_to_59(age: int, employment_asked: bool) -> None:
    ctx = context(age)
    shown = relevant(complete_answers(ctx), ctx)
    assert ("employed" in shown) is employment_asked
    assert ("help_needed" in shown) is employment_asked


def test_age_is_counted_on_the_reference_date() -> None:
    # born on 2 January: still 15 on 1 January, so no employment questions
    ctx = context(resident_id=person_aged(15, birthday_after_reference=True))
    assert "employed" not in relevant(complete_answers(ctx), ctx)
    ctx = context(resident_id=person_aged(16))
    assert "employed" in relevant(complete_answers(ctx), ctx)


@pytest.mark.parametrize(
    ("age", "in_school_asked", "education_asked"),
    [(2, False, False), (3, False, True), (5, False, True), (6, True, True), (17, True, True),
     (18, False, True)],
)  # fmt: skip
def test_education_gates(age: int, in_school_asked: bool, education_asked: bool) -> None:
    ctx = context(age)
    shown = relevant(complete_answers(ctx), ctx)
    assert ("literate" in shown) is education_asked
    assert ("in_school" in shown) is in_school_asked


def test_not_in_school_asks_the_reason() -> None:
    ctx = context(10)
    assert "not_in_school_reason" not in relevant(complete_answers(ctx, in_school="1"), ctx)
    answers = complete_answers(ctx, in_school="3")
    assert "not_in_school_reason" in relevant(answers, ctx)
    assert errors(answers, ctx) == ["not_in_school_reason"]


def test_employed_person_gets_form_of_employment_not_reasons() -> None:
    ctx = context(40)
    shown = relevant(complete_answers(ctx, employed="1"), ctx)
    assert {"employment_form", "help_received", "help_needed"} <= shown
    assert not {"registered_unemployed", "living_source", "not_working_reason"} & shown


@pytest.mark.parametrize(
    ("reason", "help_asked"),
    [("1", False), ("2", False), ("3", False), ("4", True), ("5", True), ("6", True),
     ("7", True)],
)  # fmt: skip
def test_each_reason_for_not_working_leads_where_it_should(reason: str, help_asked: bool) -> None:
    ctx = context(40)
    answers = complete_answers(ctx, employed="2", registered_unemployed="2", living_source="4",
                               not_working_reason=reason)  # fmt: skip
    shown = relevant(answers, ctx)
    assert "employment_form" not in shown
    assert {"registered_unemployed", "living_source", "not_working_reason"} <= shown
    assert ("help_received" in shown) is help_asked
    assert ("help_needed" in shown) is help_asked
    assert "resident_pension" in shown  # Part 5 always follows
    assert errors(answers, ctx) == []


def test_hukou_decides_between_r6_and_r7() -> None:
    ctx = context(40, hukou="2")
    shown = relevant(complete_answers(ctx), ctx)
    assert "income_vs_dibao" in shown and "poverty_status" not in shown
    ctx = context(40, hukou="1")
    shown = relevant(complete_answers(ctx), ctx)
    assert "poverty_status" in shown and "income_vs_dibao" not in shown
    # the member corrects the hukou on the form: the form follows the answer
    shown = relevant(complete_answers(ctx, hukou="2"), ctx)
    assert "income_vs_dibao" in shown


@pytest.mark.parametrize(
    ("age", "category", "grade", "care_asked"),
    [(30, "5", "3", True), (30, "6", "4", True), (30, "4", "1", True), (30, "4", "2", True),
     (30, "4", "3", False), (30, "1", "1", False), (15, "5", "1", False), (60, "6", "1", False),
     (16, "6", "2", True), (59, "5", "4", True)],
)  # fmt: skip
def test_care_services_gate(age: int, category: str, grade: str, care_asked: bool) -> None:
    ctx = context(age, category=category, grade=grade)
    assert ("receives_care" in relevant(complete_answers(ctx), ctx)) is care_asked


def test_care_need_only_when_not_receiving_care() -> None:
    ctx = context(30, category="5")
    assert "care_need" not in relevant(complete_answers(ctx, receives_care="1"), ctx)
    assert "care_need" in relevant(complete_answers(ctx, receives_care="2"), ctx)


@pytest.mark.parametrize(
    ("answers", "shown", "hidden"),
    [
        ({"resident_pension": "2"}, set(), {"pension_subsidised"}),
        ({"resident_medical": "2"}, set(), {"medical_subsidised"}),
        ({"ill_two_weeks": "1", "saw_doctor": "2"}, {"saw_doctor", "not_seen_reason"}, set()),
        ({"ill_two_weeks": "1", "saw_doctor": "1"}, {"saw_doctor"}, {"not_seen_reason"}),
        ({"ill_two_weeks": "2"}, set(), {"saw_doctor", "not_seen_reason"}),
        ({"rehab_received": ["5"]}, {"no_rehab_reason"}, set()),
        ({"rehab_received": ["1", "2"]}, set(), {"no_rehab_reason"}),
        ({"rehab_needed": ["3"]}, {"device_needed"}, set()),
        ({"help_received": ["1"]}, {"training_kind"}, set()),
        ({"culture_participation": "1"}, set(), {"culture_barrier"}),
        ({"culture_participation": "3"}, {"culture_barrier"}, set()),
        ({"respondent": "2"}, {"respondent_relation"}, set()),
    ],
)
def test_skip_rules(answers: dict[str, Any], shown: set[str], hidden: set[str]) -> None:
    ctx = context(40)
    found = relevant(complete_answers(ctx, **answers), ctx)
    assert shown <= found
    assert not hidden & found


def test_lost_to_follow_up_needs_only_the_reason() -> None:
    ctx = context(40)
    answers = {"method": "4", "surveyor": "李专委", "fill_date": "2026-03-02"}
    assert errors(answers, ctx) == ["lost_reason"]
    answers["lost_reason"] = "全家外出务工，联系不上"
    assert errors(answers, ctx) == []
    assert relevant(answers, ctx) & {"employed", "housing", "signature"} == set()


def test_none_excludes_every_other_option() -> None:
    ctx = context(40)
    issues = ENGINE.validate(complete_answers(ctx, renovation_needed=["1", "8"]), ctx)
    [issue] = [i for i in issues if i.item == "renovation_needed"]
    assert issue.code == "form.none_exclusive" and "无" in issue.message


def test_signature_or_the_reason_for_none() -> None:
    ctx = context(40)
    assert errors(complete_answers(ctx, signature=None), ctx) == ["signature"]
    answers = complete_answers(ctx, signature=None, signature_reason="本人为盲人，按手印")
    assert errors(answers, ctx) == []


def test_subsidies_are_cross_checked_with_the_registry() -> None:
    ctx = context(40, living="1")
    issues = ENGINE.validate(complete_answers(ctx, welfare_subsidy=["4"]), ctx)
    warnings = [i.message for i in issues if i.item == "welfare_subsidy"]
    assert any("生活补贴" in w for w in warnings)
    assert all(not i.is_error for i in issues)


def test_irrelevant_answers_are_cleared_on_save() -> None:
    ctx = context(40)
    answers = complete_answers(ctx, employed="1", employment_form="3")
    answers["employed"] = "2"  # the member changes their mind
    answers.update(registered_unemployed="2", living_source="4", not_working_reason="2")
    saved = ENGINE.clean(answers, ctx)
    assert "employment_form" not in saved
    assert "help_received" not in saved  # reason 2 (retired) skips R20 and R21
    assert saved["age_now"] == 40  # calculated values are kept
    lost = ENGINE.clean({"method": "4", "lost_reason": "迁出", "housing": "1"}, ctx)
    assert "housing" not in lost


def test_prefill_and_differences_from_last_year() -> None:
    ctx = context(40)
    last = complete_answers(ctx, employed="1", employment_form="7")
    answers = ENGINE.prefill(ctx, last)
    assert answers["name"] == "测试人" and answers["employed"] == "1"
    answers.update(complete_answers(ctx, employed="2", registered_unemployed="1",
                                    living_source="3", not_working_reason="5"))  # fmt: skip
    changed = {d.item for d in ENGINE.differences(answers, last, ctx)}
    assert {"employed", "employment_form", "not_working_reason"} <= changed
    assert "name" not in changed
    # a big change asks for a note, as a warning
    issues = ENGINE.validate(answers, ctx, last=last)
    assert [i.code for i in issues if i.item == "employed"] == ["form.change_needs_note"]
    answers["_notes"] = {"employed": "工厂关闭"}
    assert [i for i in ENGINE.validate(answers, ctx, last=last) if i.item == "employed"] == []


def test_wrong_kinds_of_answer_are_named() -> None:
    ctx = context(40)
    issues = ENGINE.validate(complete_answers(ctx, housing="9", mobile="123",
                                              fill_date="2026-02-30"), ctx)  # fmt: skip
    by_item = {i.item: i for i in issues}
    assert by_item["housing"].code == "form.option"
    assert by_item["mobile"].code == "form.phone"
    assert by_item["fill_date"].code == "form.date"
    assert "R8" in by_item["housing"].message
