"""Fictitious people and answers for print tests (no real personal data)."""

from __future__ import annotations

import random
from datetime import date, datetime
from typing import Any

from app.demo.answers import random_answers
from app.domain.certificate import make_certificate
from app.domain.identity import make_resident_id
from app.forms.context import FormContext
from app.forms.loader import get_form
from app.printing.batches import render
from app.printing.form_print import FormPrint
from app.printing.model import Mode, PdfResult, RecordRef, Subject

FORM_A = get_form("dynamic-update", "2021.1")
FORM_B = get_form("income-monitoring", "2026.1")
RECORD_ID = "0f3c9a52-7d41-4e2b-9c1a-5b6d7e8f9a01"
PRINTED_AT = datetime(2026, 11, 28, 9, 30)
SETTINGS = {"dibao_line": 1235.0, "near_dibao_multiple": 1.5, "cost_cap": 6000.0,
            "spending_ceiling": 50000.0}  # fmt: skip


def resident_id(age: int, seq: int = 31) -> str:
    """The ID of someone `age` years old on the reference date 2026-01-01."""
    return make_resident_id("330283", date(2025 - age, 5, 9), seq)


def context(
    name: str = "王堃", age: int = 40, *, category: str = "4", grade: str = "2"
) -> FormContext:
    number = resident_id(age)
    registry = {
        "person.id_number": number,
        "person.name": name,
        "person.cert_number": make_certificate(number, int(category), int(grade)),
        "person.category": category,
        "person.grade": grade,
        "person.sex": "1",
        "person.marital": "2",
        "person.in_institution": "2",
        "person.living_subsidy": "2",
        "person.care_subsidy": "2",
        "household.hukou_type": "1",
        "household.head_name": name,
        "household.address": "奉中社区南山路8号",
        "household.members": [
            {"name": name, "relation": "1", "id_number": number, "ethnicity": "01",
             "member_hukou": "1", "marital": "2", "health": "4", "disability_category": category,
             "disability_grade": grade, "resident": "1"},
            {"name": "李赟", "relation": "2", "id_number": resident_id(age - 2, 42),
             "ethnicity": "01", "member_hukou": "1", "marital": "2", "health": "1",
             "resident": "1"},
        ],
    }  # fmt: skip
    return FormContext(date(2026, 1, 1), 2026, registry=registry, settings=SETTINGS)


def subject(ctx: FormContext) -> Subject:
    registry = ctx.registry
    return Subject(
        area="锦屏街道 奉中社区",
        area_code="330213001001",
        head_name=str(registry["person.name"]),
        address="奉中社区南山路8号",
        phone="13957400000",
        person_name=str(registry["person.name"]),
        id_number=str(registry["person.id_number"]),
        cert_number=str(registry["person.cert_number"]),
    )


def form_a_answers(ctx: FormContext, **overrides: Any) -> dict[str, Any]:
    fixed = {"method": "1", "surveyor": "李专委", "fill_date": "2026-03-02", "respondent": "1",
             "signature": "sig-1", "employed": "1", "employment_form": "7", "housing": "3",
             "renovation_needed": ["1", "2"]}  # fmt: skip
    return random_answers(FORM_A, ctx, random.Random(5), overrides={**fixed, **overrides})


def form_a(
    ctx: FormContext,
    answers: dict[str, Any] | None = None,
    *,
    mode: Mode = Mode.COMPLETED,
    own_file: bool = False,
    images: dict[str, bytes] | None = None,
) -> FormPrint:
    return FormPrint(
        definition=FORM_A,
        answers=form_a_answers(ctx) if answers is None else answers,
        context=ctx,
        subject=subject(ctx),
        record=RecordRef("form_response", RECORD_ID, 3, "dynamic-update@2021.1", "2026"),
        mode=mode,
        own_file=own_file,
        survey_round="2026",
        state="已完成",
        images=images or {},
    )


def draw(*prints: Any) -> PdfResult:
    return render(prints, printed_by="m001001", printed_at=PRINTED_AT, title="测试")
