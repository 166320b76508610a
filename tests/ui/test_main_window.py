"""The main window: pages, household corrections, the idle lock, text size and contrast."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.store.database import Database
from app.store.outbox import OutboxOp
from app.store.registry import Household, Person
from app.store.work import AuditEvent, Visit
from tests.conftest import PASSWORD
from ui import preferences, theme
from ui.fields_dialog import FieldsDialog
from ui.main_window import MainWindow
from ui.pages.household import HouseholdPage
from ui.pages.today import TodayPage
from ui.preferences import Preferences
from ui.session import AppSession


@pytest.fixture(autouse=True)
def standard_theme_after() -> Iterator[None]:
    """The shared application's theme as it was (preferences are private: tests/conftest.py)."""
    yield
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    # the test's windows (closed by pytest-qt) are deleted first: restyling them took 6-17 s
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    theme.apply(app, Preferences())  # leave the shared application as it was


@pytest.fixture
def window(qtbot: QtBot, district: Database) -> MainWindow:
    win = MainWindow(AppSession(district, "demo"), Preferences())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def first_household(db: Database) -> Household:
    with db.session() as s:
        household = s.scalars(
            select(Household).join(Person, Person.household_id == Household.id).limit(1)
        ).first()
        assert household is not None
        return household


def when_dialog_opens(qtbot: QtBot, act: Callable[[FieldsDialog], None]) -> list[str]:
    """Run `act` on the next modal FieldsDialog (the page's exec() blocks until it closes)."""
    seen: list[str] = []

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, FieldsDialog):
            QTimer.singleShot(20, handle)
            return
        seen.append(dialog.windowTitle())
        act(dialog)

    QTimer.singleShot(0, handle)
    return seen


def test_pages_open_from_the_navigation_and_shortcuts(qtbot: QtBot, window: MainWindow) -> None:
    assert window.current_page() is window.pages["today"]
    assert "您好" in window.pages["today"].greeting.text()  # type: ignore[attr-defined]
    window.activateWindow()
    qtbot.keyClick(window.nav, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.pages["households"]
    window.find_household()
    assert window.pages["households"].search_edit.hasFocus()  # type: ignore[attr-defined]


def test_opening_a_household_shows_it_and_audits_the_view(
    window: MainWindow, district: Database
) -> None:
    household = first_household(district)
    window.open_page("household", household.id)
    page = window.current_page()
    assert isinstance(page, HouseholdPage)
    assert household.head_name in page.heading.text()
    assert page.members.rowCount() >= 1
    # ID numbers are masked on the household page
    shown = page.members.data(page.members.index(0, 2))
    assert "********" in shown
    with district.session() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.target_id == household.id)).all()
    assert [e.action for e in events] == ["view"]


def test_correcting_a_household_is_checked_as_you_type(
    qtbot: QtBot, window: MainWindow, district: Database
) -> None:
    household = first_household(district)
    window.open_page("household", household.id)
    page = window.current_page()
    assert isinstance(page, HouseholdPage)
    observed: dict[str, object] = {}

    def act(dialog: FieldsDialog) -> None:
        phone = dialog.editor("phone")
        assert isinstance(phone, QLineEdit)
        phone.setText("12345")
        icon, text = dialog._errors["phone"]
        observed["error"] = text.text()
        observed["icon"] = icon.isVisible()
        observed["ok_enabled"] = dialog.buttons.buttons()[0].isEnabled()
        phone.setText("13957411234")
        dialog.accept()

    when_dialog_opens(qtbot, act)
    page.edit_household()
    assert "12345" in str(observed["error"]) and observed["icon"] is True
    assert observed["ok_enabled"] is False
    with district.session() as s:
        assert s.get(Household, household.id).phone == "13957411234"  # type: ignore[union-attr]
        op = s.scalars(select(OutboxOp).where(OutboxOp.record_id == household.id)).one()
    assert op.fields == {"phone": "13957411234"}
    assert page.heading.text()  # the page reloaded after the change news


def test_cancelling_a_person_asks_reason_and_date(
    qtbot: QtBot, window: MainWindow, district: Database
) -> None:
    household = first_household(district)
    window.open_page("household", household.id)
    page = window.current_page()
    assert isinstance(page, HouseholdPage)
    person_id = page.selected_person_id()
    assert person_id is not None
    when_dialog_opens(qtbot, lambda dialog: dialog.accept())
    page.cancel_person()
    with district.session() as s:
        person = s.get(Person, person_id)
        assert person is not None and person.status == "cancelled"
        assert person.cancel_reason == "1" and person.status_date is not None
    assert page.members.data(page.members.index(0, 8)) == "注销"


def test_planning_a_visit_shows_it_today(
    qtbot: QtBot, window: MainWindow, district: Database
) -> None:
    household = first_household(district)
    window.open_page("household", household.id)
    page = window.current_page()
    assert isinstance(page, HouseholdPage)
    when_dialog_opens(qtbot, lambda dialog: dialog.accept())
    page.plan_visit()
    with district.session() as s:
        assert len(s.scalars(select(Visit).where(Visit.household_id == household.id)).all()) == 1
    today = window.page("today")
    assert isinstance(today, TodayPage)
    with qtbot.waitSignal(today.lists_ready, timeout=30_000):  # the lists are read off the UI
        window.open_page("today")
    assert today.visits.rowCount() == 1
    assert today.visits.data(today.visits.index(0, 2)) == household.head_name


def test_lock_and_unlock(qtbot: QtBot, window: MainWindow) -> None:
    window.lock()
    assert window.locked
    panel = window.lock_panel
    qtbot.keyClicks(panel.password, "wrong")
    panel.button.click()
    assert window.locked and "密码错误" in panel.error.text()
    panel.password.setText(PASSWORD)
    panel.button.click()
    assert not window.locked


def test_idle_time_locks_the_window(qtbot: QtBot, window: MainWindow) -> None:
    window.idle.minutes = 1
    window.idle.timer.start(30)  # as if the minutes had passed
    qtbot.waitUntil(lambda: window.locked, timeout=20_000)


def test_text_size_and_high_contrast(qtbot: QtBot, window: MainWindow) -> None:
    window.open_page("settings")
    page = window.pages["settings"]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font().pointSizeF()
    page.size_combo.setCurrentIndex(page.size_combo.findData(200))  # type: ignore[attr-defined]
    page.contrast_box.setChecked(True)  # type: ignore[attr-defined]
    page.apply()  # type: ignore[attr-defined]
    assert app.font().pointSizeF() == pytest.approx(theme.BASE_POINT_SIZE * 2)
    assert app.font().pointSizeF() > before
    assert app.palette().color(QPalette.ColorRole.Window).name() == "#000000"
    assert preferences.load().text_size == 200  # remembered


def test_every_label_fits_at_200_percent(
    qtbot: QtBot, window: MainWindow, district: Database
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app, Preferences(text_size=200))
    window.resize(1400, 900)
    household = first_household(district)
    for name, record in (
        ("today", ""),
        ("households", ""),
        ("household", household.id),
        ("settings", ""),
    ):
        window.open_page(name, record)
        page = window.current_page()
        assert page is not None
        labels = [lb for lb in page.findChildren(QLabel) if lb.isVisible() and lb.text()]

        def laid_out(shown: list[QLabel] = labels) -> bool:
            return all(lb.height() > 0 for lb in shown)

        qtbot.waitUntil(laid_out, timeout=20_000)
        for label in labels:
            if not label.isVisible() or not label.text():
                continue
            if label.wordWrap():
                needed = label.heightForWidth(label.width())
                assert label.height() >= needed - 1, (name, label.text())
            else:
                hint = label.sizeHint()
                assert label.width() >= hint.width() - 1, (name, label.text())


def test_buttons_have_mnemonics(window: MainWindow, district: Database) -> None:
    for name in ("today", "households", "settings"):
        window.open_page(name)
    window.open_page("household", first_household(district).id)
    for name in ("today", "households", "household", "settings"):
        page = window.pages[name]
        for button in page.findChildren(QPushButton):
            assert "&" in button.text(), (name, button.text())


def test_a_detail_page_opened_from_another_stays_shown(
    qtbot: QtBot, window: MainWindow, district: Database
) -> None:
    household = first_household(district)
    window.open_page("household", household.id)
    page = window.current_page()
    assert isinstance(page, HouseholdPage)
    page.buttons[0].setFocus()  # the focus sits on the page when it is switched away
    page.start_visit()
    qtbot.wait(50)
    assert window.current_page() is window.pages["visit"]
    assert window.nav.currentRow() == -1
