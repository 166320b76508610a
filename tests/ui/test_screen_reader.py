"""What a screen reader hears: visible text is what is read, on every page and dialog, per role."""

from __future__ import annotations

import ast
import importlib
import io
import pkgutil
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

import ui
from app.domain import renovation as rules
from app.printing.model import Mode
from app.services.prints import Prints
from app.services.registry import Registry
from app.store.database import Database
from app.store.registry import Household, Person
from app.store.work import FormResponse
from tests.conftest import PASSWORD
from tests.ui.test_cases_pages import case_in
from tests.ui.test_form_widget import form_a
from tests.ui.test_review import submitted_form_a
from tests.ui.visit_support import candidates, each_tab, settle, sign, type_chinese
from ui.announce import INVALID, MessageLine, spoken
from ui.backup_dialogs import BackupDialog, RestoreDialog
from ui.export_dialog import ExportDialog
from ui.first_login import FirstLoginDialog
from ui.forms.choices import ChoiceField
from ui.forms.fields import LineField
from ui.forms.media import SignatureField
from ui.main import open_for_user
from ui.main_window import DETAIL_PAGES, PAGES, MainWindow
from ui.pages.case import CasePage
from ui.pages.case_dialogs import AssessmentDialog, MoveDialog, PhotoDialog
from ui.pages.case_photos import PhotoViewer
from ui.pages.case_plan import AcceptanceDialog, PlanDialog, SettleDialog
from ui.pages.household_dialogs import cancel_dialog, household_dialog, person_dialog, plan_dialog
from ui.pages.person_move import PersonMoveDialog
from ui.pages.registry_dialogs import add_person_dialog, new_certificate_dialog
from ui.pages.review import ReturnDialog, ReviewPage
from ui.pages.settings import SettingsPage
from ui.pages.task_outcome import OutcomeDialog
from ui.pages.visit import VisitPage
from ui.preferences import Preferences
from ui.print_preview import PrintPreviewDialog
from ui.same_password import SamePasswordDialog
from ui.session import AppSession
from ui.unlock import UnlockDialog


def read_name(widget: QWidget) -> str:
    """What a screen reader says as the widget's name."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def without_mnemonic(text: str) -> str:
    return re.sub(r"&(.)", r"\1", text)


def visible_text(widget: QWidget) -> str | None:
    """The text a sighted user sees on the widget itself (None: it shows no text)."""
    if isinstance(widget, QLabel):
        text = widget.text()
        if widget.textFormat() != widget.textFormat().PlainText and "<" in text:
            text = QTextDocumentFragment.fromHtml(text).toPlainText()
        return without_mnemonic(text) if widget.buddy() is not None else text
    if isinstance(widget, QAbstractButton):
        return without_mnemonic(widget.text())
    if isinstance(widget, QGroupBox):
        return without_mnemonic(widget.title())
    if isinstance(widget, QDialog):
        return widget.windowTitle()
    return None


def has_picture(label: QLabel) -> bool:
    return not label.pixmap().isNull()


def misread(root: QWidget) -> list[str]:
    """Widgets with visible text whose accessible name is something else; labels with a
    name that would hide the text they show later (a name only for a picture)."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        shown = visible_text(widget)
        if shown is None:
            continue
        where = f"{type(widget).__name__} {shown!r}"
        if shown:
            if read_name(widget) != shown:
                found.append(f"{where} read as {read_name(widget)!r}")
        elif widget.accessibleName() and not (isinstance(widget, QLabel) and has_picture(widget)):
            found.append(f"{where} named {widget.accessibleName()!r} (hides its text)")
    return found


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "gray").save(out, "PNG")
    return out.getvalue()


#: dialogs of ui/ not walked on their own (why)
NOT_WALKED = {"LockHost": "it only holds the lock panel, walked as the page 'lock'"}


def dialog_classes() -> list[type[QDialog]]:
    """Every dialog class of ui/ (a new one must be added to the walk)."""
    for module in pkgutil.walk_packages(ui.__path__, "ui."):
        importlib.import_module(module.name)
    found: list[type[QDialog]] = []
    todo = list(QDialog.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if cls.__module__.startswith("ui.") and cls.__name__ not in NOT_WALKED:
            found.append(cls)
    return found


@dataclass
class Role:
    """A user of the demo district and a household and a case in the user's area."""

    username: str
    household_id: str
    case_id: str


def roles(db: Database) -> list[Role]:
    visit = candidates(db)[0]
    case_id, member, reviewer = case_in(db, rules.PLAN_DRAFTED)
    with db.session() as s:
        area = s.scalars(
            select(Household.area_code).where(Household.id == visit.household_id)
        ).one()
    member_case = case_id if member == visit.member else ""
    return [
        Role(visit.member, visit.household_id, member_case),
        Role(f"town{area[6:9]}", visit.household_id, case_id if reviewer[4:] == area[6:9] else ""),
        Role("demo", visit.household_id, case_id),
    ]


def form_shown(page: VisitPage) -> Callable[[], bool]:
    return lambda: page.current_form() is not None


def shown_pages(qtbot: QtBot, window: MainWindow, role: Role) -> Iterator[tuple[str, QWidget]]:
    """Every page the role can open, shown in the window (a visit with its form open)."""
    names = [(n, "") for n, *_ in PAGES] + [(n, role.household_id) for n in DETAIL_PAGES]
    for name, record in names:
        if name == "case":
            if not role.case_id:
                continue
            record = role.case_id
        if window.page(name) is None or (not record and name not in window._nav_names):
            continue  # a page this build or this role does not have
        window.open_page(name, record)
        page = window.current_page()
        assert page is not None
        if isinstance(page, VisitPage):
            qtbot.waitUntil(form_shown(page), timeout=15_000)
        for tab in each_tab(page):  # every tab of the 管理 and review pages, not the first only
            yield name + tab, page
    window.lock()
    yield "lock", window.lock_panel
    assert window.unlock(PASSWORD)


def test_visible_text_is_what_a_screen_reader_reads_on_every_page(
    qtbot: QtBot, district: Database
) -> None:
    wrong: list[str] = []
    every: set[str] = set()
    for role in roles(district):
        window = MainWindow(AppSession(district, role.username), Preferences())
        qtbot.addWidget(window)
        window.resize(1300, 900)
        window.show()
        qtbot.waitExposed(window)
        seen = []
        for name, page in shown_pages(qtbot, window, role):
            seen.append(name)
            wrong += [f"{role.username} {name}: {w}" for w in misread(page)]
        assert {"today", "households", "household", "visit", "settings", "lock"} <= set(seen)
        every.update(seen)
        settle()
        window.close()
        settle()
    assert {"review", "cases", "case", "sync", "admin tab 抽样(&Z)"} <= every
    assert wrong == [], "\n".join(wrong)


def test_visible_text_is_what_a_screen_reader_reads_in_every_dialog(
    qtbot: QtBot, district: Database, tmp_path_factory: pytest.TempPathFactory
) -> None:
    window = MainWindow(AppSession(district, "demo"), Preferences())
    qtbot.addWidget(window)
    household_id = roles(district)[0].household_id
    window.open_page("household", household_id)
    page = window.current_page()
    assert page is not None
    with district.session() as s:
        household = s.get(Household, household_id)
        person = s.scalars(select(Person).where(Person.household_id == household_id)).first()
        assert household is not None and person is not None
        s.expunge_all()
        response_id = s.scalars(
            select(FormResponse.id).where(FormResponse.state == "accepted")
        ).first()
    assert response_id is not None
    printed = Prints(district, "demo").response(response_id, Mode.COMPLETED)
    case_id, _member, _reviewer = case_in(district, rules.ACCEPTED)
    window.open_page("case", case_id)
    case_page = window.current_page()
    detail = case_page.detail  # type: ignore[union-attr]
    catalogue = case_page.session.cases.catalogue  # type: ignore[union-attr]
    dialogs: list[QDialog] = [
        plan_dialog(page),
        household_dialog(household, page),
        person_dialog(person, page),
        cancel_dialog(person, page),
        ReturnDialog("张三", page),
        AssessmentDialog({}, page),
        PlanDialog(catalogue, "4", detail.plan, detail.cap_fen, "", page),
        AcceptanceDialog(detail.plan, page),
        SettleDialog(detail.plan, detail.cap_fen, page),
        PhotoDialog([("", "全屋")], "before", page),
        PhotoViewer("改造前 · 全屋", png(), page),
        UnlockDialog(lambda _u, _p: district, user="demo", parent=page),
        FirstLoginDialog(tmp_path_factory.mktemp("first") / "new.db", page),
        UnlockDialog(lambda _u, _p: district, restore_path=district.path, parent=page),
        BackupDialog(district, parent=page),
        RestoreDialog(district.path, parent=page),
        PrintPreviewDialog(printed, page, find=lambda: None),
        add_person_dialog(Registry(district, "demo"), household_id, page),
        new_certificate_dialog(Registry(district, "demo"), person, page),
        PersonMoveDialog(district, Registry(district, "demo"), person, [], page),
        OutcomeDialog(
            "王堃（奉中社区）：死亡 2026-12-01",
            lambda _o, _h: [{"action": "cancel", "reason": "1", "on": "2026-12-01"}],
            [("h1", "奉中社区 南山路1号 张三"), ("new:330213001002", "岳林一村 的新户")],
            page,
            moving=True,
        ),
        ExportDialog(AppSession(district, "demo"), page),
        SamePasswordDialog(AppSession(district, "demo"), "the server's password", page),
    ] + [
        MoveDialog(state, target, "step", parent=page)
        for state, target in rules.CASES.rules
        if (state, target) not in rules.DATA_MOVES
    ]
    wrong = []
    for dialog in dialogs:
        dialog.show()
        qtbot.waitExposed(dialog)
        wrong += [f"{dialog.windowTitle()}: {w}" for w in misread(dialog)]
        dialog.close()
    settle()
    assert wrong == [], "\n".join(wrong)
    walked = {type(d) for d in dialogs}
    unwalked = [c for c in dialog_classes() if not any(issubclass(w, c) for w in walked)]
    assert [c.__name__ for c in unwalked] == []


def test_a_household_page_reads_each_fact_s_value_described_by_its_field(
    qtbot: QtBot, district: Database
) -> None:
    window = MainWindow(AppSession(district, "demo"), Preferences())
    qtbot.addWidget(window)
    household_id = roles(district)[0].household_id
    window.open_page("household", household_id)
    page = window.current_page()
    with district.session() as s:
        household = s.get(Household, household_id)
        assert household is not None
        address = household.address
    facts = page.facts  # type: ignore[union-attr]
    values = {}
    for row in range(facts.rowCount()):
        field = facts.itemAt(row, facts.ItemRole.LabelRole).widget()
        value = facts.itemAt(row, facts.ItemRole.FieldRole).widget()
        assert isinstance(field, QLabel) and isinstance(value, QLabel)
        assert field.buddy() is value  # a screen reader relates the two
        assert value.accessibleDescription() + "：" == field.text()
        values[value.accessibleDescription()] = read_name(value)
    assert values["现居住地址"] == address


# -- messages: shown and said -----------------------------------------------------------------

#: a label or mark that holds a status or an error is called so
MESSAGE_NAMES = re.compile(r"(^|_)(status|message|error|note|result|warnings?|problems?)(_\w+)?$")
#: labels so called that show a value, not a message (where: why)
VALUES = {"ui/main_window.py:status_label": "who is signed in"}


def assigned_names(target: ast.expr) -> str:
    if isinstance(target, ast.Attribute):
        return target.attr
    return target.id if isinstance(target, ast.Name) else ""


def test_every_status_or_error_label_says_what_it_shows() -> None:
    """A label for messages is a MessageLine (ui/announce.py), whose text is said; a Mark
    for messages says whether it is spoken."""
    wrong = []
    for path in sorted(Path("ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Call):
                continue
            called = node.value.func
            kind = called.id if isinstance(called, ast.Name) else ""
            for target in node.targets:
                name = assigned_names(target)
                where = f"{path}:{name}"
                if not MESSAGE_NAMES.search(name) or where in VALUES:
                    continue
                if kind == "QLabel" and not name.endswith("_icon"):
                    wrong.append(f"{where} (line {node.lineno}) is a QLabel")
                spoken = {k.arg for k in node.value.keywords} >= {"spoken"}
                if kind == "Mark" and not spoken:
                    wrong.append(f"{where} (line {node.lineno}) does not say if it is spoken")
    assert wrong == [], "\n".join(wrong)


@pytest.fixture
def said(qtbot: QtBot) -> Iterator[list[tuple[str, bool]]]:
    """What is said to a screen reader while the test runs: (text, urgent)."""
    heard: list[tuple[str, bool]] = []

    def hear(_about: object, text: str, urgent: bool) -> None:
        heard.append((text, urgent))

    spoken.said.connect(hear)
    yield heard
    spoken.said.disconnect(hear)


def test_a_wrong_password_is_said_each_time_and_locking_is_said(
    qtbot: QtBot, district: Database, said: list[tuple[str, bool]]
) -> None:
    window = MainWindow(AppSession(district, "demo"), Preferences())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.lock()
    assert said == [("已锁定。请输入密码解锁；正在进行的工作已保存。", False)]
    panel = window.lock_panel
    for _attempt in range(2):
        qtbot.keyClicks(panel.password, "wrong")
        qtbot.keyClick(panel.password, Qt.Key.Key_Return)
    assert said[1:] == [("⚠ 密码错误", True)] * 2  # urgent: it interrupts, every time
    assert read_name(panel.error) == "⚠ 密码错误"
    assert window.unlock(PASSWORD)  # a locked window seals every other window too


def test_the_unlock_dialog_says_its_error(
    qtbot: QtBot, district_file: Path, said: list[tuple[str, bool]]
) -> None:
    dialog = UnlockDialog(lambda u, p: open_for_user(district_file, u, p), user="demo")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.password_edit, "wrong password")
    dialog.unlock()
    qtbot.waitUntil(lambda: dialog.error_label.text() == "密码错误", timeout=20_000)
    assert said == [("密码错误", True)], said


def test_saved_settings_are_said(
    qtbot: QtBot, district: Database, said: list[tuple[str, bool]]
) -> None:
    page = SettingsPage(AppSession(district, "demo"), Preferences())
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    assert said == [("设置已保存。", False)]


def test_an_error_while_typing_is_shown_marked_and_said_on_leaving_the_field(
    qtbot: QtBot, said: list[tuple[str, bool]]
) -> None:
    form = form_a(qtbot)
    row = form.rows["surveyor_phone"]
    field = row.field
    assert isinstance(field, LineField)
    field.edit.setFocus()
    qtbot.waitUntil(field.edit.hasFocus)
    for key in "1234":
        qtbot.keyClicks(field.edit, key)
        assert field.edit.accessibleDescription().startswith("错误：")  # the error first
        assert field.edit.property(INVALID) is True
    assert said == []  # typing is not drowned in errors that quote each key
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    assert said == [(row.error_mark.shown_text(), False)]  # once, on leaving the field
    field.edit.setText("13812345678")
    assert field.edit.property(INVALID) is False
    assert not field.edit.accessibleDescription().startswith("错误")


def test_an_error_after_a_choice_is_said_at_once(
    qtbot: QtBot, said: list[tuple[str, bool]]
) -> None:
    form = form_a(qtbot)
    form.show_all_issues()
    method = form.rows["method"].field
    assert isinstance(method, ChoiceField)
    qtbot.mouseClick(method.buttons["1"], Qt.MouseButton.LeftButton)
    method.buttons["3"].setFocus()
    qtbot.waitUntil(method.buttons["3"].hasFocus)
    said.clear()
    qtbot.mouseClick(method.buttons["3"], Qt.MouseButton.LeftButton)  # by phone: a warning
    assert method.value() == "3"
    assert said == [(form.rows["method"].warning_mark.shown_text(), False)]


def test_an_error_in_a_dialog_field_is_said_and_marks_it_invalid(
    qtbot: QtBot, district: Database, said: list[tuple[str, bool]]
) -> None:
    with district.session() as s:
        household = s.scalars(select(Household).limit(1)).one()
        s.expunge(household)
    dialog = household_dialog(household, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert said == []  # nothing said before the user does anything
    phone = dialog.editor("phone")
    assert isinstance(phone, QLineEdit)
    phone.clear()
    phone.setFocus()
    qtbot.waitUntil(phone.hasFocus)
    qtbot.keyClicks(phone, "12")
    assert phone.property(INVALID) is True
    assert phone.accessibleDescription().startswith("错误：")
    assert said == []
    qtbot.keyClick(phone, Qt.Key.Key_Tab)
    error = dialog.findChildren(MessageLine)[list(dialog.values()).index("phone")]
    assert said == [(error.text(), False)]


# -- focus: one change per action -------------------------------------------------------------


def focus_name(widget: QWidget | None) -> str:
    return f"{type(widget).__name__}:{read_name(widget)}" if widget is not None else "None"


@contextmanager
def focus_changes() -> Iterator[list[str]]:
    """The focus changes (each one is a move a screen reader announces) inside the block."""
    changes: list[str] = []

    def moved(old: QWidget | None, new: QWidget | None) -> None:
        if new is not None:  # None: a window lost the focus (a dialog closed), none is read
            changes.append(f"{focus_name(old)} -> {focus_name(new)}")

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.focusChanged.connect(moved)
    try:
        yield changes
    finally:
        app.focusChanged.disconnect(moved)


def active_window(qtbot: QtBot, district: Database, user: str) -> MainWindow:
    window = MainWindow(AppSession(district, user), Preferences())
    qtbot.addWidget(window)
    window.resize(1300, 900)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_switching_pages_moves_the_focus_once(qtbot: QtBot, district: Database) -> None:
    chosen = candidates(district)[0]
    window = active_window(qtbot, district, chosen.member)
    opened = [(n, "") for n in window._nav_names] + [
        ("household", chosen.household_id),
        ("visit", chosen.household_id),
        ("households", ""),
        ("visit", chosen.household_id),  # the same visit again: its form is kept
        ("today", ""),
    ]
    moves = {}
    for name, record in opened:
        with focus_changes() as changes:
            window.open_page(name, record)
            page = window.current_page()
            if isinstance(page, VisitPage):
                qtbot.waitUntil(form_shown(page), timeout=15_000)
            settle()
        moves[name] = changes
        focus = QApplication.focusWidget()
        assert page is not None and focus is not None and page.isAncestorOf(focus), name
    assert {n: len(c) for n, c in moves.items() if len(c) != 1} == {}, moves
    settle()


def test_completing_a_visit_moves_the_focus_once(qtbot: QtBot, district: Database) -> None:
    chosen = candidates(district)[0]
    window = active_window(qtbot, district, chosen.member)
    window.open_page("visit", chosen.household_id)
    page = window.current_page()
    assert isinstance(page, VisitPage)
    qtbot.waitUntil(form_shown(page), timeout=15_000)
    form = page.current_form()
    assert form is not None
    page.same_all()
    signature = form.rows["signature"].field
    assert isinstance(signature, SignatureField)
    sign(qtbot, signature.pad)
    first = form.controls()[0]
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    with focus_changes() as changes:
        qtbot.keyClick(first, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(
            lambda: page.finisher.confirm_box is not None or not page.finisher.running,
            timeout=15_000,
        )
        if page.finisher.confirm_box is not None:  # a dialog: the focus moves to it, once
            assert len(changes) == 1, changes
            changes.clear()
            page.finisher.confirm_box.defaultButton().click()  # Enter: the box closes
            window.activateWindow()  # what the window manager does then
            qtbot.waitUntil(window.isActiveWindow)
        qtbot.waitUntil(lambda: bool(page.entries) and page.entries[0].done, timeout=15_000)
        settle()
    assert len(changes) == 1 and changes[0].endswith("-> QListWidget:本次要填的表"), changes
    settle()


def test_a_refused_completion_for_no_signature_goes_to_the_reason(
    qtbot: QtBot, district: Database
) -> None:
    chosen = candidates(district)[0]
    window = active_window(qtbot, district, chosen.member)
    window.open_page("visit", chosen.household_id)
    page = window.current_page()
    assert isinstance(page, VisitPage)
    qtbot.waitUntil(form_shown(page), timeout=15_000)
    form = page.current_form()
    assert form is not None
    page.same_all()  # everything but the signature
    reason = form.rows["signature_reason"].field
    assert isinstance(reason, LineField)
    first = form.controls()[0]
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    with focus_changes() as changes:
        qtbot.keyClick(first, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not page.finisher.running, timeout=15_000)
        settle()
    assert "错误" in page.status.text()
    assert reason.edit.hasFocus()  # the keyboard's way out, not 清除签字 on the pad
    assert len(changes) == 1, changes
    settle()


def test_accepting_a_form_in_review_moves_the_focus_once(qtbot: QtBot, district: Database) -> None:
    rid, _household, reviewer, _member = submitted_form_a(district)
    window = active_window(qtbot, district, reviewer)
    window.open_page("review", rid)
    page = window.current_page()
    assert isinstance(page, ReviewPage)
    qtbot.waitUntil(lambda: page.form is not None, timeout=15_000)
    assert page.form is not None
    reading = page.form.controls()[0]  # the reviewer is reading the form
    reading.setFocus()
    qtbot.waitUntil(reading.hasFocus)
    waiting = len(page.model.rows)
    with focus_changes() as changes:
        qtbot.keyClick(reading, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: len(page.model.rows) == waiting - 1, timeout=15_000)
        qtbot.waitUntil(lambda: page.form is not None or not page.model.rows, timeout=15_000)
        settle()
    assert len(changes) == 1 and changes[0].endswith("-> QTableView:待审核的表"), changes
    settle()


def test_saving_a_case_step_moves_the_focus_once(qtbot: QtBot, district: Database) -> None:
    case_id, member, _reviewer = case_in(district, rules.ASSESSED)
    window = active_window(qtbot, district, member)
    window.open_page("case", case_id)
    page = window.current_page()
    assert isinstance(page, CasePage)
    withdraw = next(b for b in page.move_buttons if b.text().startswith("撤销个案"))
    withdraw.setFocus()
    qtbot.waitUntil(withdraw.hasFocus)
    qtbot.keyClick(withdraw, Qt.Key.Key_Space)
    dialog = page.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    type_chinese(dialog.reason, "户主不同意改造")  # type: ignore[attr-defined]
    with focus_changes() as changes:
        dialog.save.click()
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=15_000)
        window.activateWindow()  # what the window manager does when a dialog closes
        qtbot.waitUntil(window.isActiveWindow)
        settle()
    assert len(changes) == 1 and changes[0].endswith("返回个案列表(B)"), changes
    settle()
