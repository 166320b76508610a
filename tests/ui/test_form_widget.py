"""The form renderer: choices, skips, marks as you type, confirming a part, tables, photos."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PIL import Image
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.domain.identity import make_resident_id
from app.forms.context import FormContext
from app.forms.engine import FormEngine
from app.forms.loader import get_form
from app.services.responses import Responses
from app.store.database import Database
from app.store.work import Attachment, FormResponse
from tests.ui.visit_support import settle, type_chinese
from ui.forms import FormWidget, SessionAttachments
from ui.forms.choices import ChoiceField, MultiField
from ui.forms.fields import LineField
from ui.forms.repeat import RepeatModel
from ui.forms.table import RepeatField
from ui.session import AppSession

FORM_A = get_form("dynamic-update", "2021.1")
FORM_B = get_form("income-monitoring", "2026.1")
ID_40 = make_resident_id("330283", date(1985, 6, 1), 33)  # 40 on 1 January 2026
REGISTRY = {
    "person.name": "王堃",
    "person.id_number": ID_40,
    "person.category": "4",
    "person.grade": "3",
    "person.marital": "2",
    "person.in_institution": "2",
    "household.hukou_type": "1",
}
CONTEXT = FormContext(reference_date=date(2026, 1, 1), year=2026, registry=REGISTRY)
LAST = {"method": "1", "respondent": "1", "marital": "1", "housing": "3", "poverty_status": "3",
        "employed": "1", "employment_form": "7", "help_received": ["6"]}  # fmt: skip


def form_a(qtbot: QtBot, last: dict[str, Any] | None = None, editable: bool = True) -> FormWidget:
    engine = FormEngine(FORM_A)
    widget = FormWidget(FORM_A, engine, CONTEXT, engine.prefill(CONTEXT, last), last, editable)
    qtbot.addWidget(widget)
    widget.resize(900, 800)
    widget.show()
    return widget


def click(qtbot: QtBot, form: FormWidget, name: str, code: str) -> None:
    field = form.rows[name].field
    assert isinstance(field, ChoiceField | MultiField)
    qtbot.mouseClick(field.buttons[code], Qt.MouseButton.LeftButton)


def test_none_unticks_the_others_and_the_others_untick_none(qtbot: QtBot) -> None:
    form = form_a(qtbot)
    with qtbot.waitSignal(form.changed):
        click(qtbot, form, "help_received", "1")
    click(qtbot, form, "help_received", "2")
    assert form.answers()["help_received"] == ["1", "2"]
    click(qtbot, form, "help_received", "6")
    assert form.answers()["help_received"] == ["6"]
    click(qtbot, form, "help_received", "4")
    assert form.answers()["help_received"] == ["4"]


def test_items_that_do_not_apply_are_hidden_and_not_saved(qtbot: QtBot) -> None:
    form = form_a(qtbot, LAST)
    click(qtbot, form, "method", "1")
    assert not form.boxes["part2"].isHidden() and form.rows["lost_reason"].isHidden()
    assert form.rows["income_vs_dibao"].isHidden()  # R6 asks the non-agricultural hukou only
    click(qtbot, form, "method", "4")  # lost to follow-up: only the reason
    assert form.boxes["part2"].isHidden() and not form.rows["lost_reason"].isHidden()
    lost = form.rows["lost_reason"].field
    assert isinstance(lost, LineField)
    type_chinese(lost.edit, "外出务工联系不上")
    answers = form.answers()
    assert answers["lost_reason"] == "外出务工联系不上" and "marital" not in answers


def test_marks_appear_on_touched_items_then_on_all(qtbot: QtBot) -> None:
    form = form_a(qtbot)
    row = form.rows["surveyor_phone"]
    field = row.field
    assert isinstance(field, LineField)
    assert form.rows["method"].error_mark.isHidden()  # untouched: not yet nagged
    qtbot.keyClicks(field.edit, "12")
    assert row.error_mark.shown_text().startswith("错误：")
    assert "错误" in field.edit.accessibleDescription()  # a screen reader hears it too
    form.show_all_issues()
    assert form.rows["method"].error_mark.shown_text() == "错误：必须填写"
    click(qtbot, form, "method", "3")  # by phone: a warning to confirm, not an error
    assert form.rows["method"].warning_mark.shown_text().startswith("提醒：")
    assert form.rows["method"].error_mark.isHidden()


def test_no_signature_needs_the_reason(qtbot: QtBot) -> None:
    form = form_a(qtbot)
    assert "signature" in {i.item for i in form.issues() if i.is_error}
    reason = form.rows["signature_reason"].field
    assert isinstance(reason, LineField)
    type_chinese(reason.edit, "本人不识字，按了手印")
    assert "signature" not in {i.item for i in form.issues()}


def test_a_part_is_confirmed_from_last_year_but_the_registry_wins(qtbot: QtBot) -> None:
    form = form_a(qtbot, LAST)
    assert form.answers()["marital"] == "2"  # this year's registry
    assert form.rows["housing"].last_mark.shown_text() == "去年：3 租住"  # a hint, not filled
    filled = form.confirm_section("part1") + form.confirm_section("part2")
    assert filled == ["poverty_status", "housing"]
    answers = form.answers()
    assert answers["marital"] == "2" and answers["housing"] == "3"
    mark = form.rows["marital"].changed_mark.shown_text()
    assert mark == "与去年不同：去年为 1 未婚"
    assert form.rows["housing"].changed_mark.isHidden()
    assert form.confirm_notes["part2"].text() == "已按去年填写 2 题"


def test_the_review_view_shows_last_years_answer_beside_each_item(qtbot: QtBot) -> None:
    engine = FormEngine(FORM_A)
    answers = {**engine.prefill(CONTEXT, LAST), "method": "1", "housing": "1"}
    form = FormWidget(FORM_A, engine, CONTEXT, answers, LAST, editable=False)
    qtbot.addWidget(form)
    housing = form.rows["housing"]
    assert housing.last_mark.shown_text() == "去年：3 租住"
    assert housing.changed_mark.shown_text() == "与去年不同：去年为 3 租住"
    assert form.confirm_buttons == {}
    field = housing.field
    assert isinstance(field, LineField) and field.edit.isReadOnly()
    assert field.edit.text() == "1 自有住房，安全"


def test_a_repeat_is_a_table_with_rows_to_add_and_remove(qtbot: QtBot, qtmodeltester) -> None:
    members = [{"name": "王堃", "relation": "1", "id_number": ID_40},
               {"name": "李娟", "relation": "2"}]  # fmt: skip
    context = FormContext(reference_date=date(2026, 1, 1), year=2026,
                          registry={"household.members": members})  # fmt: skip
    engine = FormEngine(FORM_B)
    form = FormWidget(FORM_B, engine, context, {"contact_method": "1", "members": members})
    qtbot.addWidget(form)
    table = form.rows["members"].field
    assert isinstance(table, RepeatField)
    model = table.model
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.index(0, 3).data() == "40岁"  # the age is calculated from the ID number
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    assert model.rowCount() == 3
    model.setData(model.index(2, 0), "王小明")
    assert form.answers()["members"][2]["name"] == "王小明"
    qtmodeltester.check(model)
    table.view.setCurrentIndex(model.index(1, 0))
    qtbot.mouseClick(table.remove_button, Qt.MouseButton.LeftButton)
    assert [r["name"] for r in form.answers()["members"]] == ["王堃", "王小明"]
    qtmodeltester.check(model)


def test_the_repeat_model_passes_the_model_tester_empty(qtmodeltester) -> None:
    model = RepeatModel(FORM_B.items["members"], editable=True)
    qtmodeltester.check(model)


def test_a_photo_item_stores_a_reduced_photo(
    district: Database, qtbot: QtBot, tmp_path: Path
) -> None:
    with district.session() as s:
        response = s.scalars(
            select(FormResponse).where(FormResponse.form_id == FORM_B.id,
                                       FormResponse.state == "assigned")
        ).first()  # fmt: skip
        assert response is not None
        household_id, survey_round = response.household_id, response.survey_round
    member = AppSession(district, "demo")
    member.responses = Responses(district, "demo", "member")
    rid, _ = member.responses.start(FORM_B, survey_round, household_id=household_id)
    with district.session() as s:
        saved = s.get(FormResponse, rid)
        assert saved is not None
        answers, context = dict(saved.answers), member.responses.context(s, saved)
    store = SessionAttachments(member, "form_response", rid)
    form = FormWidget(FORM_B, FormEngine(FORM_B), context, answers, attachments=store)
    qtbot.addWidget(form)
    click(qtbot, form, "contact_method", "1")
    photo = form.rows["consent_photo"].field
    assert photo is not None and not form.rows["consent_photo"].isHidden()
    path = tmp_path / "授权书.png"
    Image.new("RGB", (2400, 3200), (250, 250, 250)).save(path)
    qtbot.mouseClick(photo.add_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    photo.dialog.selectFile(str(path))  # type: ignore[attr-defined]
    photo.dialog.accept()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(form.answers().get("consent_photo")), timeout=10_000)
    [attachment_id] = form.answers()["consent_photo"]
    with district.session() as s:
        record = s.get(Attachment, attachment_id)
        assert record is not None and record.owner_id == rid and record.mime == "image/jpeg"
    settle()
