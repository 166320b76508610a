"""The visit page's note (走访备注): typed in Chinese, kept when leaving, made with the visit,
sent like the visit's other fields, shown again when the visit is opened again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.store.database import Database
from app.store.outbox import OutboxOp
from app.store.work import Visit
from tests.ui.visit_support import candidates, open_visit, settle, sign, type_chinese
from ui.forms.media import SignatureField
from ui.pages.visit import VisitPage
from ui.session import AppSession


def visits_of(db: Database, household_id: str) -> list[Visit]:
    with db.session() as s:
        found = list(s.scalars(select(Visit).where(Visit.household_id == household_id)))
        s.expunge_all()
        return found


def complete(qtbot: QtBot, page: VisitPage) -> None:
    """Every part as last year, a signature, 完成走访 (and confirm the warnings)."""
    form = page.current_form()
    assert form is not None
    page.same_all()
    signature = form.rows["signature"].field
    assert isinstance(signature, SignatureField)
    sign(qtbot, signature.pad)
    qtbot.keyClick(page.buttons["finish"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.finisher.confirm_box is not None or not page.finisher.running,
                    timeout=15_000)  # fmt: skip
    if page.finisher.confirm_box is not None:
        page.finisher.confirm_box.buttons()[0].click()
    qtbot.waitUntil(lambda: bool(page.entries) and page.entries[0].done, timeout=15_000)
    qtbot.waitUntil(lambda: not page.note.busy, timeout=20_000)
    settle()


def test_a_note_is_kept_on_leaving_and_made_with_the_visit(
    qtbot: QtBot, district: Database
) -> None:
    chosen = candidates(district)[3]
    session = AppSession(district, chosen.member)
    page = open_visit(qtbot, session, chosen.household_id)
    qtbot.waitUntil(lambda: page.note.edit.text() == "" and not page.note.busy)
    assert visits_of(district, chosen.household_id) == []  # opening makes no visit
    assert page.note.label.buddy() is page.note.edit
    type_chinese(page.note.edit, "本人外出务工，母亲代答")
    page.hide()  # leaving the page saves the drafts, the note with them
    qtbot.waitUntil(lambda: not page.note.busy, timeout=20_000)
    settle()
    [visit] = visits_of(district, chosen.household_id)
    assert (visit.note, visit.state, visit.member) == ("本人外出务工，母亲代答", "planned",
                                                      chosen.member)  # fmt: skip
    with district.session() as s:
        ops = s.scalars(select(OutboxOp).where(OutboxOp.record_id == visit.id)).all()
    assert ops and ops[-1].fields["note"] == "本人外出务工，母亲代答"  # sent like any field

    again = open_visit(qtbot, AppSession(district, chosen.member), chosen.household_id)
    qtbot.waitUntil(lambda: again.note.edit.text() == "本人外出务工，母亲代答")
    type_chinese(again.note.edit, "；电话已核对")
    complete(qtbot, again)
    [visit] = visits_of(district, chosen.household_id)
    assert visit.state == "made" and visit.visited_at is not None
    assert visit.note == "本人外出务工，母亲代答；电话已核对"
    assert again.note.edit.text() == visit.note  # still shown after the forms are read again
    settle()
    for shown in (page, again):
        shown.close()
    settle()


def test_tab_reaches_the_note_between_the_form_and_the_commands(
    qtbot: QtBot, district: Database
) -> None:
    chosen = candidates(district)[4]
    page = open_visit(qtbot, AppSession(district, chosen.member), chosen.household_id)
    with qtbot.waitActive(page):
        page.activateWindow()
    form = page.current_form()
    assert form is not None
    last = [c for c in form.controls() if c.isVisible() and c.isEnabled()][-1]
    last.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert page.note.edit.hasFocus()  # the issues are hidden: none yet
    qtbot.keyClick(page.note.edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() in page.buttons.values()
    settle()
    page.close()
    settle()
