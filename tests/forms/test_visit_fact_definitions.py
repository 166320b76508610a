"""Facts of this visit (interviewer, date, place, signatures, photos) are marked in every form's
definition, refused where they could come from last year, and never a difference from it."""

from __future__ import annotations

import random
import re
from datetime import date
from pathlib import Path

import pytest

from app.demo.answers import random_answers
from app.forms.context import FormContext
from app.forms.definition import VISIT_ONLY_TYPES, FormDefinition, Item
from app.forms.engine import FormEngine
from app.forms.loader import FormDefinitionError, load_form, load_forms

FORMS = sorted(load_forms().values(), key=lambda f: f.key)
#: words of a question about the visit itself rather than the person (any form, any version)
VISIT_WORDS = re.compile(r"调查员|签字|日期|照片|验收人|评估人员|编制人")


def all_items(form: FormDefinition) -> list[Item]:
    return list(form.items.values())


def test_every_form_is_checked() -> None:
    assert {f.id for f in FORMS} >= {
        "dynamic-update",
        "income-monitoring",
        "renovation-assessment",
        "renovation-plan",
        "renovation-acceptance",
    }


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f"{f.id}@{f.version}")
def test_questions_about_the_visit_are_visit_facts(form: FormDefinition) -> None:
    unmarked = [
        item.name
        for item in all_items(form)
        if item.is_input
        and (item.type in VISIT_ONLY_TYPES or VISIT_WORDS.search(item.label))
        and not item.visit_fact
    ]
    assert unmarked == []
    assert any(item.visit_fact for item in all_items(form))
    for item in all_items(form):
        if item.visit_fact:
            assert item.prefill is None and item.calculate is None, item.name


def test_the_interviewer_of_forms_a_and_b_is_filled_from_this_visit() -> None:
    fills = {(f.id, i.name): i.visit_fill for f in FORMS for i in f.top_items() if i.visit_fill}
    assert fills[("dynamic-update", "surveyor")] == "member.name"
    assert fills[("dynamic-update", "surveyor_phone")] == "member.phone"
    assert fills[("dynamic-update", "fill_date")] == "today"
    assert fills[("income-monitoring", "surveyor")] == "member.name"
    assert fills[("income-monitoring", "survey_date")] == "today"


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f"{f.id}@{f.version}")
def test_visit_facts_are_never_differences_from_last_year(form: FormDefinition) -> None:
    engine = FormEngine(form)
    context = FormContext(reference_date=date(2026, 1, 1), year=2026, registry={})
    last = random_answers(form, context, random.Random(1), engine=engine)
    now = random_answers(form, context, random.Random(2), engine=engine)
    facts = {i.name for i in all_items(form) if i.visit_fact}
    for item in form.top_items():
        if item.visit_fact and item.type not in ("photo", "signature"):
            last[item.name] = "13811112222" if item.type == "phone" else "去年的值"
    differing = {d.item for d in engine.differences(now, last, context)}
    assert differing.isdisjoint(facts)
    # the rest is still compared: an answer of last year's that changed is a difference
    same = {k: v for k, v in now.items() if k in facts}
    assert engine.differences({**last, **same}, last, context) == []


GOOD = """
form: t
version: "1"
title: 测试表
subject: person
sections:
  - id: s1
    title: 第一部分
    items:
      - {name: a, label: 甲, type: yesno}
      - {name: who, label: 调查员, type: text, visit_fact: member.name}
      - {name: sign, label: 签字, type: signature, visit_fact: true}
"""


@pytest.mark.parametrize(
    ("change", "item", "words"),
    [
        (("type: signature, visit_fact: true", "type: signature"), "sign", "visit_fact: true"),
        (("visit_fact: member.name", "visit_fact: member.mail"), "who", "visit_fact 只能是"),
        (("visit_fact: member.name", "visit_fact: true, prefill: last"), "who", "不能 prefill"),
        (
            ("visit_fact: member.name", "visit_fact: true, prefill: person.name"),
            "who",
            "不能 prefill",
        ),
    ],
)
def test_a_visit_fact_that_could_come_from_last_year_is_refused(
    tmp_path: Path, change: tuple[str, str], item: str, words: str
) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_form(path).items["who"].visit_fill == "member.name"
    path.write_text(GOOD.replace(*change), encoding="utf-8")
    with pytest.raises(FormDefinitionError) as raised:
        load_form(path)
    assert raised.value.item == item and words in str(raised.value)
