""" "Same as last year" (a part or the whole form) never copies this visit's own facts, and
they are never marked as changed: for every form; and a whole visit by Ctrl+Shift+L
completes and prints this year's interviewer phone."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.demo.answers import random_answers
from app.forms.context import FormContext
from app.forms.definition import FormDefinition, Item
from app.forms.engine import FormEngine
from app.forms.loader import load_forms
from app.printing.model import Mode
from app.services.prints import Prints
from app.store.database import Database
from app.store.registry import User
from tests.printing.pdf_tools import needs_poppler, pdf_text
from tests.ui.visit_support import candidates, open_visit, response_of, settle, sign
from ui.forms import FormWidget
from ui.forms.media import SignatureField
from ui.session import AppSession

FORMS = sorted(load_forms().values(), key=lambda f: f.key)
CONTEXT = FormContext(reference_date=date(2026, 1, 1), year=2026, registry={})
THIS_PHONE = "13700001111"
LAST_PHONE = "13811112222"


def this_visit_value(item: Item) -> Any:
    return {"phone": THIS_PHONE, "date": "2026-05-06", "text": "今年的调查员"}.get(
        item.type, f"this-visit-{item.type}"
    )


def last_year(form: FormDefinition) -> dict[str, Any]:
    """Last year's answers: every item answered, its visit facts with last year's values."""
    answers = random_answers(form, CONTEXT, random.Random(3), engine=FormEngine(form))
    for item in form.top_items():
        if item.visit_fact:
            answers[item.name] = {"phone": LAST_PHONE, "date": "2025-04-03"}.get(
                item.type, f"last-year-{item.type}"
            )
        elif item.type == "repeat" and isinstance(answers.get(item.name), list):
            for row in answers[item.name]:
                for column in item.items:
                    if column.visit_fact:
                        row[column.name] = f"last-year-{column.type}"
    return answers


def widget(qtbot: QtBot, form: FormDefinition, answers: dict[str, Any]) -> FormWidget:
    shown = FormWidget(form, FormEngine(form), CONTEXT, answers, last_year(form), True)
    qtbot.addWidget(shown)
    return shown


def assert_this_visit_kept(form: FormDefinition, shown: FormWidget, now: dict[str, Any]) -> None:
    answers = shown.answers()
    for item in form.top_items():
        if item.visit_fact:
            assert answers.get(item.name) == now.get(item.name), item.name
            assert shown._change(item, {item.name: "x"}) is None, item.name
            assert shown._last_hint(item) is None, item.name
        elif item.type == "repeat":
            for row in answers.get(item.name) or []:
                copied = {c.name for c in item.items if c.visit_fact} & set(row)
                assert not {k for k in copied if str(row[k]).startswith("last-year")}, item.name


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f"{f.id}@{f.version}")
@pytest.mark.parametrize("filled", [True, False], ids=["facts-given", "facts-empty"])
def test_same_as_last_year_keeps_this_visits_facts(
    qtbot: QtBot, form: FormDefinition, filled: bool
) -> None:
    facts = [i for i in form.top_items() if i.visit_fact]
    assert facts
    now = {i.name: this_visit_value(i) for i in facts} if filled else {}
    whole = widget(qtbot, form, now)
    whole.confirm_all_sections()
    assert_this_visit_kept(form, whole, now)
    by_part = widget(qtbot, form, now)
    copied: list[str] = []
    for section in form.sections:
        copied += by_part.confirm_section(section.id)
    assert copied  # the rest of last year's answers did come
    assert not {i.name for i in facts} & set(copied)
    assert_this_visit_kept(form, by_part, now)


@needs_poppler
def test_a_visit_by_ctrl_shift_l_keeps_and_prints_this_years_interviewer_phone(
    district: Database, qtbot: QtBot
) -> None:
    chosen = candidates(district)[4]
    with district.transaction() as s:
        member = s.scalars(select(User).where(User.username == chosen.member)).one()
        member.phone = THIS_PHONE
        name = member.display_name or chosen.member
    last_phone = str(chosen.last.get("surveyor_phone") or "")
    assert last_phone and last_phone != THIS_PHONE
    page = open_visit(qtbot, AppSession(district, chosen.member), chosen.household_id)
    form = page.current_form()
    assert form is not None
    assert form.answers()["surveyor_phone"] == THIS_PHONE
    qtbot.keyClick(
        page.buttons["same_all"],
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert "已按去年的答案填写" in page.status.text()
    assert form.answers()["surveyor_phone"] == THIS_PHONE
    assert form.answers()["surveyor"] == name
    assert form.answers()["fill_date"] == date.today().isoformat()
    signature = form.rows["signature"].field
    assert isinstance(signature, SignatureField)
    sign(qtbot, signature.pad)
    qtbot.keyClick(page.buttons["finish"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: page.finisher.confirm_box is not None or not page.finisher.running, timeout=15_000
    )
    if page.finisher.confirm_box is not None:
        page.finisher.confirm_box.buttons()[0].click()
    qtbot.waitUntil(lambda: bool(page.entries) and page.entries[0].done, timeout=15_000)
    settle()
    response = response_of(district, chosen.person_id)
    assert response.state == "completed"
    assert response.answers["surveyor_phone"] == THIS_PHONE
    differing = {d.item for d in page.session.responses.differences(response.id)}
    assert not differing & {"surveyor", "surveyor_phone", "fill_date", "signature"}
    printed = Prints(district, chosen.member).response(response.id, Mode.COMPLETED)
    text = pdf_text(printed.pdf).replace(" ", "")
    assert THIS_PHONE in text and last_phone not in text
    page.close()
    settle()
