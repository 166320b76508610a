"""Review: a reviewer returns a response with a reason; the member reworks and completes it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.store.database import Database
from app.store.registry import Household
from app.store.work import FormResponse
from tests.ui.visit_support import open_visit, settle, type_chinese
from ui.forms.choices import ChoiceField
from ui.pages.review import ReviewPage
from ui.session import AppSession


def submitted_form_a(db: Database) -> tuple[str, str, str, str]:
    """A submitted Form A: (response id, household id, reviewer, member)."""
    with db.session() as s:
        response, area = s.execute(
            select(FormResponse, Household.area_code)
            .join(Household, Household.id == FormResponse.household_id)
            .where(
                FormResponse.state == "submitted",
                FormResponse.form_id == "dynamic-update",
                FormResponse.survey_round == "2026",
            )
            .order_by(FormResponse.id)
        ).first()  # type: ignore[misc]
        return response.id, response.household_id, f"town{area[6:9]}", f"m{area[6:]}"


def open_review(qtbot: QtBot, session: AppSession, response_id: str) -> ReviewPage:
    page = ReviewPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    qtbot.waitExposed(page)
    page.activate(response_id)
    qtbot.waitUntil(
        lambda: page.detail is not None and page.detail.response_id == response_id,
        timeout=15_000,
    )
    return page


def state_of(db: Database, response_id: str) -> FormResponse:
    with db.session() as s:
        response = s.get(FormResponse, response_id)
        assert response is not None
        s.expunge(response)
        return response


def test_c_returned_with_a_reason_then_reworked_and_completed(
    district: Database, qtbot: QtBot
) -> None:
    rid, household_id, reviewer, member = submitted_form_a(district)
    page = open_review(qtbot, AppSession(district, reviewer), rid)
    assert page.form is not None and not page.form.editable
    assert page.differences.count() >= 1  # the differences, or "与去年相同"
    # last year's answers beside the items
    shown = [r.last_mark.shown_text() for r in page.form.rows.values() if not r.isHidden()]
    assert any(t.startswith("去年：") for t in shown)

    qtbot.mouseClick(page.buttons["return"], Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.ok.isEnabled()  # no reason, no return
    type_chinese(dialog.reason, "R16 与去年不符，请核实")
    assert dialog.ok.isEnabled()
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: state_of(district, rid).state == "returned", timeout=10_000)
    qtbot.waitUntil(lambda: page.model.row_of(rid) < 0, timeout=10_000)
    assert "已退回" in page.status.text()
    settle()

    # the member's side: the visit shows the response as returned, with the reason
    visit = open_visit(qtbot, AppSession(district, member), household_id)
    index = visit.entry_of(rid)
    assert index >= 0 and visit.entries[index].state == "returned"
    assert "已退回" in visit.entry_list.item(index).text()
    visit.open_entry(index)
    qtbot.waitUntil(lambda: visit.current == rid, timeout=10_000)
    assert "R16 与去年不符" in visit.reason.shown_text()
    form = visit.current_form()
    assert form is not None and form.editable
    doctor = form.rows["family_doctor"].field
    assert isinstance(doctor, ChoiceField)
    other = "1" if doctor.value() == "2" else "2"
    qtbot.mouseClick(doctor.buttons[other], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(visit.buttons["finish"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: visit.finisher.confirm_box is not None or not visit.finisher.running,
        timeout=15_000,
    )
    if visit.finisher.confirm_box is not None:  # warnings, or other forms not started
        qtbot.mouseClick(visit.finisher.confirm_box.buttons()[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: state_of(district, rid).state == "completed", timeout=15_000)
    response = state_of(district, rid)
    assert response.answers["family_doctor"] == other
    moves = [(h["from"], h["to"]) for h in response.state_history]
    assert moves[-3:] == [("submitted", "returned"), ("returned", "draft"), ("draft", "completed")]
    assert response.state_history[-3]["reason"] == "R16 与去年不符，请核实"
    settle()
    visit.close()
    page.close()
    settle()


def test_accept_with_ctrl_enter_moves_to_the_next(district: Database, qtbot: QtBot) -> None:
    rid, _household, reviewer, _member = submitted_form_a(district)
    page = open_review(qtbot, AppSession(district, reviewer), rid)
    waiting = len(page.model.rows)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: state_of(district, rid).state == "accepted", timeout=10_000)
    qtbot.waitUntil(lambda: len(page.model.rows) == waiting - 1, timeout=10_000)
    assert "已通过" in page.status.text()
    settle()
    page.close()
    settle()


def test_a_member_cannot_review(district: Database, qtbot: QtBot) -> None:
    _rid, _household, _reviewer, member = submitted_form_a(district)
    page = ReviewPage(AppSession(district, member))
    qtbot.addWidget(page)
    page.activate()
    assert "只有审核员" in page.status.text()
    assert not page.buttons["accept"].isEnabled() and not page.buttons["return"].isEnabled()
