"""Form C (renovation assessment, plan, acceptance 2026.1): cap, devices-only, rectification."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import yaml

from app.domain.identity import make_resident_id
from app.forms.context import FormContext
from app.forms.engine import FormEngine, FormIssue
from app.forms.loader import forms_folder, load_form

ASSESSMENT = FormEngine(load_form(forms_folder() / "renovation-assessment-2026.1.yaml"))
PLAN = FormEngine(load_form(forms_folder() / "renovation-plan-2026.1.yaml"))
ACCEPTANCE = FormEngine(load_form(forms_folder() / "renovation-acceptance-2026.1.yaml"))
SETTINGS = {"dibao_line": 1200, "near_dibao_multiple": 1.5, "cost_cap": 6000,
            "spending_ceiling": 50000}  # fmt: skip
PERSON_ID = make_resident_id("330283", date(1958, 3, 9), 31)


def context(**settings: Any) -> FormContext:
    return FormContext(
        reference_date=date(2026, 1, 1),
        year=2026,
        registry={"person.name": "李四", "person.id_number": PERSON_ID},
        settings={**SETTINGS, **settings},
    )


def issues_of(issues: list[FormIssue], item: str, level: str | None = None) -> list[FormIssue]:
    return [i for i in issues if i.item == item and (level is None or i.level == level)]


def test_every_item_has_a_number_and_a_chinese_label() -> None:
    for engine, prefix in ((ASSESSMENT, "C1."), (PLAN, "C2."), (ACCEPTANCE, "C3.")):
        for item in engine.definition.items.values():
            assert item.number.startswith(prefix), item.name
            assert any("\u4e00" <= ch <= "\u9fff" for ch in item.label), item.name
        assert (engine.definition.subject, engine.definition.round) == ("case", "case")


# -- assessment -----------------------------------------------------------------------


def assessment(*places: dict[str, Any], **answers: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        **ASSESSMENT.prefill(context()),
        "assess_date": "2026-04-02",
        "wants_renovation": "1",
        "household_wishes": "希望能自己坐轮椅出门、上厕所",
        "mobility": "4",
        "functional_needs": ["1", "3"],
        "places": list(places)
        or [
            {"place": "1", "step_height": 15, "before_photos": ["p1"], "need": "门口建坡道"},
            {
                "place": "3",
                "door_width": 65,
                "toilet_type": "1",
                "before_photos": ["p2", "p3"],
                "need": "拓宽卫生间门，蹲便改坐便",
            },
        ],
        "house_owned": "1",
        "dangerous_house": "2",
        "assessors": "王委员、张技术员",
        "member_signature": "sig-1",
    }
    base.update(answers)
    return base


def test_assessment_prefills_the_person_and_passes_when_complete() -> None:
    answers = assessment()
    assert (answers["disabled_name"], answers["id_number"]) == ("李四", PERSON_ID)
    issues = ASSESSMENT.validate(answers, context())
    # the only remark: a bathroom door of 65 cm is too narrow for a wheelchair
    assert [(i.item, i.level, i.row) for i in issues] == [("door_width", "warning", 1)]


PLACE_CASES = [
    # (case, row, items required in that row)
    ("a door needs its width", {"place": "2"}, ["door_width", "before_photos", "need"]),
    ("an entrance needs the step height", {"place": "1"}, ["step_height", "before_photos", "need"]),
    ("a bathroom needs the toilet type", {"place": "3"}, ["toilet_type", "before_photos", "need"]),
    ("other place needs its name", {"place": "9"}, ["place_other", "before_photos", "need"]),
    ("a kitchen: photos and need only", {"place": "4"}, ["before_photos", "need"]),
]


@pytest.mark.parametrize(
    ("row", "required"), [c[1:] for c in PLACE_CASES], ids=[c[0] for c in PLACE_CASES]
)
def test_each_place_asks_for_its_measurements_and_before_photos(
    row: dict[str, Any], required: list[str]
) -> None:
    issues = ASSESSMENT.validate(assessment(row), context())
    assert [i.item for i in issues if i.code == "form.required" and i.row == 0] == required


HOUSE_CASES = [
    # (case, owned, owner agrees, dangerous, adaptable)
    ("owned, not dangerous", "1", None, "2", "1"),
    ("rented, owner agrees", "2", "1", "2", "1"),
    ("rented, owner refuses", "2", "2", "2", "2"),
    ("owned but dangerous", "1", None, "1", "2"),
]


@pytest.mark.parametrize(
    ("owned", "agrees", "dangerous", "adaptable"),
    [c[1:] for c in HOUSE_CASES],
    ids=[c[0] for c in HOUSE_CASES],
)
def test_house_adaptable_is_computed_and_a_no_is_a_warning_with_a_note(
    owned: str, agrees: str | None, dangerous: str, adaptable: str
) -> None:
    response = assessment(house_owned=owned, owner_agrees=agrees, dangerous_house=dangerous)
    assert ASSESSMENT.evaluate(response, context()).values["house_adaptable"] == adaptable
    issues = ASSESSMENT.validate(response, context())
    warned = issues_of(issues, "house_adaptable", "warning")
    note_missing = [i for i in issues_of(issues, "situation_note") if i.code == "form.required"]
    assert (len(warned), len(note_missing)) == ((1, 1) if adaptable == "2" else (0, 0))


# -- plan -----------------------------------------------------------------------------


def plan_item(code: str, kind: str, quantity: float, price: float) -> dict[str, Any]:
    return {"code": code, "item_name": f"项目{code}", "kind": kind, "quantity": quantity,
            "unit_price": price}  # fmt: skip


def plan(*items: dict[str, Any], **answers: Any) -> dict[str, Any]:
    return {"plan_items": list(items), "drafted_by": "王委员", "plan_date": "2026-04-10",
            **answers}  # fmt: skip


def test_line_totals_and_plan_total_are_computed() -> None:
    answers = plan(plan_item("B01", "1", 2.5, 150), plan_item("B06", "1", 2, 260.5))
    values = PLAN.evaluate(answers, context()).values
    assert [row["line_total"] for row in values["plan_items"]] == [375, 521]
    assert values["plan_total"] == 896
    assert values["cap_amount"] == 6000
    assert values["over_cap"] == "2"
    assert PLAN.validate(answers, context()) == []


OVER_CAP_REASON = "两处灶台都要改，经区残联同意"
CAP_CASES = [
    # (case, items, override reason, cap error expected)
    ("under the cap", [("B11", 1, 1200), ("B03", 2, 800), ("B08", 10, 120)], None, False),
    ("exactly the cap", [("B11", 1, 1200), ("B14", 3, 1600)], None, False),
    ("over the cap without a reason", [("B11", 1, 1200), ("B14", 3, 1800)], None, True),
    ("over the cap with a reason", [("B11", 1, 1200), ("B14", 3, 1800)], OVER_CAP_REASON, False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("items", "reason", "error"), [c[1:] for c in CAP_CASES], ids=[c[0] for c in CAP_CASES]
)
def test_plan_total_against_the_cap(
    items: list[tuple[str, float, float]], reason: str | None, error: bool
) -> None:
    answers = plan(*(plan_item(code, "1", q, p) for code, q, p in items), override_reason=reason)
    issues = PLAN.validate(answers, context())
    assert len(issues_of(issues, "plan_total", "error")) == (1 if error else 0)
    assert issues == issues_of(issues, "plan_total")  # nothing else is wrong


def test_cap_from_settings_given_as_decimal() -> None:
    # settings are kept as Decimal by app.domain.settings: the comparison must still work
    answers = plan(plan_item("B14", "1", 4, 1500))
    assert issues_of(PLAN.validate(answers, context(cost_cap=Decimal("5500"))), "plan_total")
    assert not PLAN.validate(answers, context(cost_cap=Decimal("6500")))


def test_without_a_cap_in_the_settings_the_cap_rule_is_not_applied() -> None:
    answers = plan(plan_item("B14", "1", 9, 1500))
    assert PLAN.validate(answers, context(cost_cap=None)) == []
    assert PLAN.evaluate(answers, context(cost_cap=None)).values["over_cap"] is None


DEVICE_CASES = [
    # (case, kinds of the items, override reason, devices only, error expected)
    ("building items only", ["1", "1"], None, "2", False),
    ("building and device", ["1", "2"], None, "2", False),
    ("devices only, no reason", ["2", "2"], None, "1", True),
    ("devices only, reviewer's reason", ["2"], "房屋为租住，房主不同意施工", "1", False),
]


@pytest.mark.parametrize(
    ("kinds", "reason", "devices_only", "error"),
    [c[1:] for c in DEVICE_CASES],
    ids=[c[0] for c in DEVICE_CASES],
)
def test_a_devices_only_plan_needs_an_override_reason(
    kinds: list[str], reason: str | None, devices_only: str, error: bool
) -> None:
    items = [plan_item(f"X{i}", kind, 1, 200) for i, kind in enumerate(kinds)]
    answers = plan(*items, override_reason=reason)
    assert PLAN.evaluate(answers, context()).values["devices_only"] == devices_only
    issues = PLAN.validate(answers, context())
    assert len(issues_of(issues, "plan_items", "error")) == (1 if error else 0)


@pytest.mark.parametrize("quantity", [0, -1])
def test_quantity_must_be_above_zero(quantity: float) -> None:
    issues = PLAN.validate(plan(plan_item("B02", "1", quantity, 80)), context())
    assert [(i.item, i.row, i.level) for i in issues] == [("quantity", 0, "error")]


def test_empty_plan_needs_an_item() -> None:
    issues = PLAN.validate(plan(), context())
    assert [(i.item, i.code) for i in issues] == [("plan_items", "form.required")]


def test_help_text_codes_are_in_the_catalogue() -> None:
    catalogue_path = forms_folder().parent / "renovation" / "catalogue.yaml"
    catalogue = yaml.safe_load(catalogue_path.read_text(encoding="utf-8"))
    codes = {entry["code"] for entry in catalogue["items"]}
    help_text = PLAN.definition.items["code"].help
    for code in ("B03", "B11", "D05"):
        assert code in help_text and code in codes


# -- acceptance -----------------------------------------------------------------------


def checked(code: str, result: str, **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"code": code, "result": result}
    if result in ("1", "2"):
        row.update(measured="已按方案完成", after_photos=[f"after-{code}"])
    if result in ("2", "3"):
        row.update(item_note="扶手未安装，待整改")
    row.update(extra)
    return row


def acceptance(*rows: dict[str, Any], **answers: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "accept_date": "2026-06-20",
        "accept_items": list(rows) or [checked("B01", "1"), checked("B11", "1")],
        "satisfaction": "1",
        "household_signature": "sig-household",
        "member_signature": "sig-member",
        "inspector_name": "赵工",
        "inspector_signature": "sig-inspector",
    }
    base.update(answers)
    return base


RECTIFICATION_CASES = [
    # (case, results of the items, needs rectification)
    ("every item done", ["1", "1", "1"], "2"),
    ("one item partly done", ["1", "2", "1"], "1"),
    ("one item not done", ["1", "1", "3"], "1"),
    ("nothing done", ["3", "3"], "1"),
]


@pytest.mark.parametrize(
    ("results", "rectify"),
    [c[1:] for c in RECTIFICATION_CASES],
    ids=[c[0] for c in RECTIFICATION_CASES],
)
def test_needs_rectification_when_an_item_is_not_fully_done(
    results: list[str], rectify: str
) -> None:
    answers = acceptance(*(checked(f"B0{i}", r) for i, r in enumerate(results, 1)))
    assert ACCEPTANCE.evaluate(answers, context()).values["needs_rectification"] == rectify
    assert ACCEPTANCE.validate(answers, context()) == []


NOTE_CASES = [
    # (case, row, items required in the row)
    ("done: measurement and after photos", {"code": "B01", "result": "1"},
     ["measured", "after_photos"]),
    ("partly done: measurement, photos and a note", {"code": "B01", "result": "2"},
     ["measured", "after_photos", "item_note"]),
    ("not done: a note only", {"code": "B01", "result": "3"}, ["item_note"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("row", "required"), [c[1:] for c in NOTE_CASES], ids=[c[0] for c in NOTE_CASES]
)
def test_item_requirements_follow_the_result(row: dict[str, Any], required: list[str]) -> None:
    issues = ACCEPTANCE.validate(acceptance(row), context())
    assert [i.item for i in issues if i.code == "form.required"] == required


SATISFACTION_CASES = [
    # (case, satisfaction, reason, reason required, reason kept on save)
    ("satisfied: no reason asked", "1", None, False, False),
    ("basically satisfied: a reason typed is cleared", "2", "一般", False, False),
    ("not satisfied without a reason", "3", None, True, False),
    ("not satisfied with a reason", "3", "坡道太陡", False, True),
]


@pytest.mark.parametrize(
    ("satisfaction", "reason", "required", "kept"),
    [c[1:] for c in SATISFACTION_CASES],
    ids=[c[0] for c in SATISFACTION_CASES],
)
def test_not_satisfied_requires_a_reason(
    satisfaction: str, reason: str | None, required: bool, kept: bool
) -> None:
    answers = acceptance(satisfaction=satisfaction, dissatisfaction_reason=reason)
    issues = ACCEPTANCE.validate(answers, context())
    assert len(issues_of(issues, "dissatisfaction_reason")) == (1 if required else 0)
    assert ("dissatisfaction_reason" in ACCEPTANCE.clean(answers, context())) == kept


@pytest.mark.parametrize(
    "signature", ["household_signature", "member_signature", "inspector_signature"]
)
def test_each_of_the_three_signatures_is_required(signature: str) -> None:
    answers = acceptance()
    del answers[signature]
    issues = ACCEPTANCE.validate(answers, context())
    assert [(i.item, i.code) for i in issues] == [(signature, "form.required")]
