"""The keyboard, tested on every page of the real window: Tab stays in the page, no two
actions of one screen share a key, Enter and Ctrl+Enter do what the screen says."""

from __future__ import annotations

import ast
import importlib
import io
import pkgutil
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

import ui
from app.domain import renovation as rules
from app.services.prints import Prints
from app.services.registry import Registry
from app.services.renovation import RenovationCases
from app.store.database import Database
from app.store.registry import Household, Person
from app.store.work import FormResponse, RenovationCase
from tests.conftest import PASSWORD
from tests.ui.visit_support import candidates, each_tab, settle, type_chinese
from ui.backup_dialogs import BackupDialog, RestoreDialog
from ui.export_dialog import ExportDialog
from ui.first_login import FirstLoginDialog
from ui.i18n import install_translation
from ui.main_window import DETAIL_PAGES, PAGES, MainWindow
from ui.pages import subsidy_dialogs
from ui.pages.base import Page
from ui.pages.case_detail import load_case
from ui.pages.case_dialogs import AssessmentDialog, MoveDialog, PhotoDialog
from ui.pages.case_photos import PhotoViewer
from ui.pages.case_plan import AcceptanceDialog, PlanDialog, SettleDialog
from ui.pages.household_dialogs import cancel_dialog, household_dialog, person_dialog, plan_dialog
from ui.pages.person_move import PersonMoveDialog
from ui.pages.registry_dialogs import (
    add_household_dialog,
    add_person_dialog,
    new_certificate_dialog,
)
from ui.pages.review import ReturnDialog
from ui.pages.task_outcome import OutcomeDialog
from ui.pages.tasks import report_dialog
from ui.pages.visit import VisitPage
from ui.preferences import Preferences
from ui.print_preview import PrintPreviewDialog
from ui.same_password import SamePasswordDialog
from ui.session import AppSession
from ui.unlock import UnlockDialog
from ui.window_lock import LockHost


def make_window(qtbot: QtBot, db: Database, user: str) -> MainWindow:
    win = MainWindow(AppSession(db, user), Preferences())
    qtbot.addWidget(win)
    win.resize(1300, 900)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win


def records(db: Database) -> tuple[str, str, str]:
    """A household whose member has a Form A to fill, that member, and a renovation case."""
    found = candidates(db)[0]
    with db.session() as s:
        case_id = s.scalars(select(RenovationCase.id).order_by(RenovationCase.id)).first()
        assert case_id is not None
        assert s.get(Household, found.household_id) is not None
    return found.household_id, found.member, case_id


def open_every_page(
    qtbot: QtBot, db: Database, user: str = "demo"
) -> Iterator[tuple[MainWindow, str, Page]]:
    """Every page of the window, shown with a record where it is about one, loaded."""
    household_id, member, case_id = records(db)
    window = make_window(qtbot, db, user if user != "member" else member)
    record = {"household": household_id, "visit": household_id, "case": case_id}
    for name in [n for n, *_ in PAGES] + list(DETAIL_PAGES):
        if window.page(name) is None:
            continue  # a page this build or this role does not have
        window.open_page(name, record.get(name, ""))
        page = window.current_page()
        assert page is not None
        settle()
        if isinstance(page, VisitPage) and user == "member":
            wait_for_form(qtbot, page)  # the member's form opens: its controls count too
        settle()
        for tab in each_tab(page):  # every tab of the 管理 and review pages, not the first only
            yield window, name + tab, page


def wait_for_form(qtbot: QtBot, page: VisitPage) -> None:
    qtbot.waitUntil(lambda: page.current_form() is not None, timeout=15_000)


def focusable(page: QWidget) -> list[QWidget]:
    """The page's widgets that Tab may stop on."""
    return [
        w
        for w in page.findChildren(QWidget)
        if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]


@pytest.mark.parametrize("user", ["demo", "member"])
def test_tab_and_shift_tab_stay_within_the_page(
    qtbot: QtBot, district: Database, user: str
) -> None:
    for window, name, page in open_every_page(qtbot, district, user):
        stops = focusable(page)
        if not stops:
            continue
        for key, modifier in (
            (Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier),
            (Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier),
        ):
            stops[0].setFocus(Qt.FocusReason.TabFocusReason)
            qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
            seen: set[QWidget] = set()
            for _ in range(len(stops) + 3):
                current = QApplication.focusWidget()
                assert current is not None, (name, key)
                assert page.isAncestorOf(current), (name, user, key, type(current).__name__,
                                                    current.accessibleName())  # fmt: skip
                seen.add(current)
                qtbot.keyClick(current, key, modifier)
                if len(stops) > 1:  # every Tab moves on: no control swallows it
                    assert QApplication.focusWidget() is not current, (
                        name,
                        user,
                        key,
                        type(current).__name__,
                        current.accessibleName(),
                    )
            assert window.current_page() is page, name
    settle()


def test_f6_reaches_the_page_list_and_tab_goes_back_into_the_page(
    qtbot: QtBot, district: Database
) -> None:
    window = make_window(qtbot, district, "demo")
    window.open_page("households")
    page = window.current_page()
    assert page is not None
    settle()
    page.search_edit.setFocus()  # type: ignore[attr-defined]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert window.nav.hasFocus()
    assert window.current_page() is page  # reaching the list opens nothing
    qtbot.keyClick(window.nav, Qt.Key.Key_Tab)
    focus = QApplication.focusWidget()
    assert focus is not None and page.isAncestorOf(focus)
    settle()


# -- one key, one action ------------------------------------------------------------------


def shown_on(widget: QWidget, root: QWidget) -> bool:
    """Whether `widget` is on the screen of `root`, or hidden only for now (a button shown
    in another state of the same screen, such as 重新打开修改)."""
    if widget.isVisibleTo(root):
        return True
    parent = widget.parentWidget()
    return widget.isHidden() and parent is not None and (parent is root or parent.isVisibleTo(root))


def keys_in_effect(root: QWidget, window: QMainWindow | None = None) -> dict[str, list[str]]:
    """Every key that does something on the screen of `root` (a page with its window, or a
    dialog), with what it does: menu titles' mnemonics, actions' shortcuts, QShortcuts, and
    the mnemonics of its buttons, labels with a buddy, group boxes and tabs."""
    found: dict[str, list[str]] = defaultdict(list)

    def add(keys: Iterable[QKeySequence], what: str) -> None:
        for key in keys:
            text = key.toString(QKeySequence.SequenceFormat.PortableText)
            if text:
                found[text].append(what)

    if window is not None and window.menuBar().isVisible():  # (hidden while locked)
        for action in window.menuBar().actions():
            add([QKeySequence.mnemonic(action.text())], f"menu {action.text()}")
            menu = action.menu()
            for item in menu.actions() if isinstance(menu, QMenu) else []:
                if item.isEnabled():
                    add(item.shortcuts(), f"menu item {item.text()}")
        add(_shortcuts(a for a in window.actions() if a.isEnabled()), "window action")
    actions = {id(a): a for a in root.actions()}  # one action may be found twice
    for action in root.findChildren(QAction):
        owner = action.parent()
        if isinstance(owner, QWidget) and (owner is root or shown_on(owner, root)):
            actions[id(action)] = action
    for action in actions.values():
        if action.isEnabled():  # (all are off while locked)
            add(action.shortcuts(), f"action {action.text()}")
    shortcuts = (window or root).findChildren(QShortcut)
    for shortcut in shortcuts:
        if not shortcut.isEnabled():
            continue
        owner = shortcut.parent()
        if owner is window or owner is root or (isinstance(owner, QWidget)
                                                and root.isAncestorOf(owner)
                                                and shown_on(owner, root)):  # fmt: skip
            add([shortcut.key()], f"QShortcut on {type(owner).__name__}")
    for widget in root.findChildren(QWidget):
        if not shown_on(widget, root):
            continue
        text = ""
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                add([QKeySequence.mnemonic(widget.tabText(i))], f"tab {widget.tabText(i)}")
        if text:
            add([QKeySequence.mnemonic(text)], f"{type(widget).__name__} {text}")
    return found


def _shortcuts(actions: Iterable[QAction]) -> list[QKeySequence]:
    return [key for action in actions for key in action.shortcuts()]


def shared_keys(found: dict[str, list[str]]) -> dict[str, list[str]]:
    return {key: what for key, what in found.items() if len(what) > 1}


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The program in each of its languages (English has mnemonics of its own)."""
    translator = install_translation(qapp, request.param)
    yield request.param
    if translator is not None:
        qapp.removeTranslator(translator)


@pytest.mark.parametrize("user", ["demo", "member"])
def test_no_two_actions_of_a_page_share_a_key(
    qtbot: QtBot, district: Database, user: str, language: str
) -> None:
    shared = {}
    for window, name, page in open_every_page(qtbot, district, user):
        clash = shared_keys(keys_in_effect(page, window))
        if clash:
            shared[name] = clash
    settle()
    assert shared == {}


def test_no_two_keys_share_the_lock_screen(qtbot: QtBot, district: Database) -> None:
    window = make_window(qtbot, district, "demo")
    window.lock()
    found = keys_in_effect(window.lock_panel, window)
    assert found["Alt+P"] == ["QLabel 密码(&P)："]  # the window's 打印(&P) menu is off
    assert shared_keys(found) == {}
    assert window.unlock(PASSWORD)  # (a window left locked keeps its seal on the application)
    settle()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, "PNG")
    return out.getvalue()


def proposed(outcome: str, household: str) -> list[dict[str, str]]:
    """A proposal as the task service makes it (for the outcome dialog)."""
    lines = [{"action": "cancel", "reason": "1", "on": "2026-12-01"}]
    return lines + ([{"action": "move", "household_id": household}] if household else [])


def disputed(dialog: OutcomeDialog) -> OutcomeDialog:
    """The outcome dialog with 不属实 and a method chosen: its reason is all it waits for."""
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("disputed"))
    dialog.method.setCurrentIndex(dialog.method.findData("phone"))
    return dialog


def dialogs_of_the_program(db: Database, parent: QWidget) -> list[QDialog]:
    """One of each dialog of the program (each kind of step dialog of a case too)."""
    with db.session() as s:
        household = s.scalars(select(Household).limit(1)).one()
        person = s.scalars(select(Person).where(Person.household_id == household.id)).first()
        response_id = s.scalars(
            select(FormResponse.id).where(FormResponse.state == "accepted")
        ).first()
        case_id = s.scalars(
            select(RenovationCase.id).where(RenovationCase.state == rules.ACCEPTED)
        ).first()
        assert person is not None and response_id is not None and case_id is not None
        s.expunge_all()
    cases = RenovationCases(db, "demo", "admin")
    registry = Registry(db, "demo")
    detail = load_case(db, case_id)
    assert detail is not None
    return [
        household_dialog(household, parent),
        person_dialog(person, parent),
        add_household_dialog(registry, [(household.area_code, "村")], parent),
        add_person_dialog(registry, household.id, parent),
        new_certificate_dialog(registry, person, parent),
        PersonMoveDialog(db, registry, person, [], parent),
        cancel_dialog(person, parent),
        plan_dialog(parent),
        *subsidy_dialogs.every_dialog(parent),
        ReturnDialog("张三", parent),
        AssessmentDialog({}, parent),
        PlanDialog(cases.catalogue, "4", detail.plan, detail.cap_fen, "", parent),
        AcceptanceDialog(detail.plan, parent),
        SettleDialog(detail.plan, detail.cap_fen, parent),
        PhotoDialog([("", "全屋")], "before", parent),
        *[MoveDialog(state, target, "step", parent=parent)
          for state, target in rules.CASES.rules if (state, target) not in rules.DATA_MOVES],
        PhotoViewer("照片", png(), parent),
        disputed(OutcomeDialog("王堃：死亡", proposed, [("h1", "奉中社区 南山路1号")], parent,
                               moving=True)),
        report_dialog("王堃", parent),
        PrintPreviewDialog(Prints(db, "demo").response(response_id), parent, find=lambda: None),
        UnlockDialog(lambda _u, _p: db, user="demo", parent=parent),
        FirstLoginDialog(db.path.with_name("other.db"), parent),
        LockHost(parent),
        ExportDialog(AppSession(db, "demo"), parent),
        BackupDialog(db, parent=parent),
        RestoreDialog(db.path.with_name("restored.db"), "demo", parent),
        SamePasswordDialog(AppSession(db, "demo"), "the server's password", parent),
    ]  # fmt: skip


def test_no_two_actions_of_a_dialog_share_a_key(
    qtbot: QtBot, district: Database, language: str
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    shared = {}
    for dialog in dialogs_of_the_program(district, parent):
        dialog.show()
        qtbot.waitExposed(dialog)
        clash = shared_keys(keys_in_effect(dialog))
        if clash:
            shared[f"{type(dialog).__name__} {dialog.windowTitle()}"] = clash
        dialog.close()
    settle()
    assert shared == {}


def test_every_dialog_of_the_program_is_checked_for_its_keys(
    qtbot: QtBot, district: Database
) -> None:
    for module in pkgutil.walk_packages(ui.__path__, "ui."):
        importlib.import_module(module.name)
    made = {
        cls
        for cls in _subclasses(QDialog)
        if cls.__module__.startswith("ui.") and not cls.__subclasses__()
    }
    parent = QWidget()
    qtbot.addWidget(parent)
    checked = {type(d) for d in dialogs_of_the_program(district, parent)}
    assert made - checked == set()  # a new dialog joins dialogs_of_the_program
    settle()


def _subclasses(cls: type) -> Iterator[type]:
    sub: type
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_no_two_actions_of_a_case_page_share_a_key_in_any_state(
    qtbot: QtBot, district: Database, language: str
) -> None:
    with district.session() as s:
        found = s.execute(
            select(RenovationCase.state, RenovationCase.id, Household.area_code)
            .join(Household, Household.id == RenovationCase.household_id)
            .order_by(RenovationCase.id)
        ).all()
    first: dict[str, tuple[str, str]] = {}
    for state, case_id, area in found:
        first.setdefault(state, (case_id, area))
    windows: dict[str, MainWindow] = {}
    shared: dict[tuple[str, str], dict[str, list[str]]] = {}
    for state, (case_id, area) in sorted(first.items()):
        for user in (f"m{area[6:]}", f"town{area[6:9]}"):
            if user not in windows:
                windows[user] = make_window(qtbot, district, user)
            window = windows[user]
            window.open_page("case", case_id)
            page = window.current_page()
            assert page is not None
            settle()
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the last case's
            clash = shared_keys(keys_in_effect(page, window))
            if clash:
                shared[(state, user)] = clash
    settle()
    assert len(first) >= 8  # most states of the life cycle are in the demo district
    assert shared == {}


def test_the_visit_page_keys_do_what_their_labels_say(qtbot: QtBot, district: Database) -> None:
    household_id, member, _case = records(district)
    window = make_window(qtbot, district, member)
    window.open_page("visit", household_id)
    page = window.current_page()
    assert isinstance(page, VisitPage)
    wait_for_form(qtbot, page)
    form = page.current_form()
    assert form is not None
    section = next(s for s, box in form.boxes.items() if s != "part1" and not box.isHidden())
    form.confirm_buttons[section].setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert "本部分已按去年填写" in page.status.text()
    assert not window.locked
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert page.entry_list.hasFocus()  # 本次要填的表(&B), not a menu
    qtbot.keyClick(page.entry_list, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.locked  # Ctrl+L locks, on the visit page too
    assert window.unlock(PASSWORD)
    settle()


# -- Enter and Ctrl+Enter -------------------------------------------------------------------


def accept_button(dialog: QDialog) -> QAbstractButton | None:
    for box in dialog.findChildren(QDialogButtonBox):
        for button in box.buttons():
            if box.buttonRole(button) == QDialogButtonBox.ButtonRole.AcceptRole:
                return button
    return None


def test_ctrl_enter_sends_every_dialog_with_a_text_of_several_lines(
    qtbot: QtBot, district: Database
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    checked = []
    for dialog in dialogs_of_the_program(district, parent):
        boxes: list[QPlainTextEdit | QTextEdit] = [
            *dialog.findChildren(QPlainTextEdit),
            *dialog.findChildren(QTextEdit),
        ]
        boxes = [b for b in boxes if not b.isReadOnly()]
        if not boxes:
            continue
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda d=dialog: QApplication.activeWindow() is d)  # type: ignore[misc]
        button = accept_button(dialog)
        assert button is not None, dialog.windowTitle()
        assert "Ctrl+Enter" in button.text(), dialog.windowTitle()  # the button says so
        box = next((b for b in boxes if b.isVisible()), None)
        if box is None:
            continue  # its only text box shows later (确认理由)
        box.setFocus()
        qtbot.keyClicks(box, "ok")
        qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter starts a new line
        assert box.toPlainText().endswith("ok\n") and dialog.isVisible()
        with qtbot.waitSignal(button.clicked, timeout=20_000):
            qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        checked.append(type(dialog).__name__)
        dialog.hide()  # (a step dialog being saved refuses to close)
    assert {"ReturnDialog", "MoveDialog", "AssessmentDialog"} <= set(checked)
    settle()


def test_the_return_dialog_sends_the_reason_with_ctrl_enter(qtbot: QtBot) -> None:
    dialog = ReturnDialog("张三")
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()  # no reason yet: nothing is sent
    type_chinese(dialog.reason, "地址不对")
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    assert dialog.text() == "地址不对"


# -- dates ---------------------------------------------------------------------------------


def test_planning_a_visit_a_typed_date_then_tab_then_a_note(qtbot: QtBot) -> None:
    dialog = plan_dialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    day, note = dialog.editor("day"), dialog.editor("note")
    assert isinstance(day, QDateEdit) and isinstance(note, QLineEdit)
    year = date.today().year + 1
    day.setDate(QDate(year, 3, 10))
    day.setFocus(Qt.FocusReason.TabFocusReason)  # on the year, as after a Tab
    qtbot.keyClicks(day, str(year + 1))  # the member changes the year only
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    wanted = date(year + 1, 3, 10)
    assert note.hasFocus()  # Tab left the date, not moved to its month
    qtbot.keyClicks(note, "after 3pm")
    qtbot.keyClick(note, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert day.hasFocus()  # and Shift+Tab comes back to it whole
    assert dialog.values() == {"day": wanted, "note": "after 3pm"}


def test_tab_leaves_every_date_field_of_every_dialog(qtbot: QtBot, district: Database) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen = 0
    for dialog in dialogs_of_the_program(district, parent):
        dates = [d for d in dialog.findChildren(QDateTimeEdit)]
        if not dates:
            continue
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda d=dialog: QApplication.activeWindow() is d)  # type: ignore[misc]
        for edit in [d for d in dates if d.isVisible() and d.isEnabled()]:
            for key, modifier in (
                (Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier),
                (Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier),
            ):
                edit.setFocus(Qt.FocusReason.TabFocusReason)
                qtbot.keyClick(QApplication.focusWidget(), key, modifier)
                focus = QApplication.focusWidget()
                assert focus is not None and focus is not edit, dialog.windowTitle()
                assert not edit.isAncestorOf(focus), dialog.windowTitle()
            seen += 1
        dialog.hide()
    assert seen >= 4  # the plan and cancel dialogs, the case steps' dates
    settle()


def test_every_date_field_of_the_program_is_one_tab_stop() -> None:
    """No screen makes its own QDateEdit (whose Tab walks the parts): ui.date_edit does."""
    made_elsewhere = []
    for path in Path(ui.__file__).parent.rglob("*.py"):
        if path.name == "date_edit.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("QDateEdit", "QDateTimeEdit", "QTimeEdit")
            ):
                made_elsewhere.append(f"{path.name}:{node.lineno}")
    assert made_elsewhere == []


def test_tab_and_shift_tab_move_through_every_dialog(qtbot: QtBot, district: Database) -> None:
    """No control of a dialog keeps the Tab (a text of several lines, a date's parts)."""
    parent = QWidget()
    qtbot.addWidget(parent)
    for dialog in dialogs_of_the_program(district, parent):
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda d=dialog: QApplication.activeWindow() is d)  # type: ignore[misc]
        stops = focusable(dialog)
        for key, modifier in (
            (Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier),
            (Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier),
        ):
            if len(stops) < 2:
                continue
            stops[0].setFocus(Qt.FocusReason.TabFocusReason)
            for _ in range(len(stops) + 2):
                current = QApplication.focusWidget()
                assert current is not None and dialog.isAncestorOf(current), dialog.windowTitle()
                qtbot.keyClick(current, key, modifier)
                assert QApplication.focusWidget() is not current, (
                    dialog.windowTitle(),
                    type(current).__name__,
                    current.accessibleName(),
                )
        dialog.hide()
    settle()
