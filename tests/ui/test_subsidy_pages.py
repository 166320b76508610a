"""The subsidies on screen: every period, the steps by role by keyboard, warnings, the list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.domain.subsidies import month_of, next_month
from app.services.registry import Registry
from app.services.subsidies import reviewer_checks
from app.store import changes
from app.store.database import Database
from app.store.registry import Household, Person, Subsidy
from app.store.work import ChangeNotice, FormResponse
from tests.ui.visit_support import settle, type_chinese
from ui.fields_dialog import FieldsDialog
from ui.main_window import MainWindow
from ui.pages.household import HouseholdPage
from ui.pages.review import ReviewPage
from ui.pages.subsidy_checks import KINDS, SubsidyChecksPage
from ui.pages.task_review import TaskReview
from ui.preferences import Preferences
from ui.session import AppSession

#: what failed inside a dialog (a test's check run by a timer): raised by `through_dialog`
FAULTS: list[Exception] = []


def when_dialog_opens(act: Callable[[FieldsDialog], None]) -> list[str]:
    """Run `act` on the next modal FieldsDialog (the page's exec() blocks until it closes)."""
    seen: list[str] = []

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, FieldsDialog):
            QTimer.singleShot(20, handle)
            return
        seen.append(dialog.windowTitle())
        try:
            act(dialog)
        except Exception as exc:
            FAULTS.append(exc)
            dialog.reject()

    QTimer.singleShot(0, handle)
    return seen


def page_of(qtbot: QtBot, db: Database, user: str, person_id: str) -> HouseholdPage:
    page = HouseholdPage(AppSession(db, user))
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    qtbot.waitExposed(page)
    page.activate(person_id)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def unpaid_care(db: Database) -> tuple[str, str]:
    """A person who qualifies for the care subsidy with none and no reason, and their area."""
    with db.session() as s:
        rows = reviewer_checks(s, [])
    row = next(r for r in rows if [i.code for i in r.issues] == ["subsidy.care_missing"])
    return row.person_id, row.area_code


def rows_of(db: Database, person_id: str) -> list[Subsidy]:
    with db.session() as s:
        return list(s.scalars(select(Subsidy).where(Subsidy.person_id == person_id)))


def press(qtbot: QtBot, page: HouseholdPage, key: Qt.Key) -> None:
    """A button's mnemonic, pressed where the focus is (as a user does)."""
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    target = QApplication.focusWidget() or page
    qtbot.keyClick(target, key, Qt.KeyboardModifier.AltModifier)


def through_dialog(
    qtbot: QtBot, page: HouseholdPage, key: Qt.Key, act: Callable[[FieldsDialog], None]
) -> None:
    """Press a button's mnemonic, do `act` in the dialog it opens, wait until it is closed
    (a mnemonic clicks its button a moment later, as a mouse would)."""
    seen = when_dialog_opens(act)
    press(qtbot, page, key)
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=20_000)
    if FAULTS:
        raise FAULTS.pop()


def send(dialog: FieldsDialog) -> None:
    """Save the dialog, as its enabled Save button does (its Ctrl+Enter is tested for every
    dialog in test_keyboard.py)."""
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled(), dialog.windowTitle()
    ok.click()


def test_the_steps_by_role_by_keyboard_and_every_period_shown(
    qtbot: QtBot, district: Database
) -> None:
    person, area = unpaid_care(district)
    member, town = f"m{area[6:]}", f"town{area[6:9]}"
    page = page_of(qtbot, district, member, person)
    panel = page.subsidies
    assert panel.person is not None and panel.person.id == person  # the person is selected
    assert "护理补贴条件" in panel.warnings.text.text()  # the warning on the person

    def apply(dialog: FieldsDialog) -> None:
        combo = dialog.editor("subsidy")
        assert isinstance(combo, QComboBox) and "（符合）" in combo.currentText()
        note = dialog.editor("note")
        note.setFocus()
        type_chinese(note, "本人申请")
        send(dialog)

    through_dialog(qtbot, page, Qt.Key.Key_S, apply)  # 申请补贴(&S)
    assert rows_of(district, person)[0].status == "pending"
    assert not panel.warnings.isVisible()  # an application on its way silences the warning
    assert panel.buttons["step"].text().startswith("受理")
    through_dialog(qtbot, page, Qt.Key.Key_T, send)  # 受理(&T)
    assert [s["step"] for s in rows_of(district, person)[0].steps] == ["apply", "accept"]
    assert not panel.buttons["step"].isEnabled()  # 审核 is the town's

    reviewer = page_of(qtbot, district, town, person)
    assert reviewer.subsidies.buttons["step"].text().startswith("审核")
    through_dialog(qtbot, reviewer, Qt.Key.Key_T, send)

    admin = page_of(qtbot, district, "demo", person)
    assert admin.subsidies.buttons["step"].text().startswith("审定")

    def approve(dialog: FieldsDialog) -> None:
        number = dialog.editor("decision_number")
        assert isinstance(number, QLineEdit)
        number.setFocus()
        type_chinese(number, "奉残联〔2026〕88号")
        send(dialog)

    through_dialog(qtbot, admin, Qt.Key.Key_T, approve)
    [row] = rows_of(district, person)
    assert row.status == "active" and row.decision_number == "奉残联〔2026〕88号"
    assert row.start_month == next_month(month_of(date.today()))  # from the next month

    def stop(dialog: FieldsDialog) -> None:
        reason = dialog.editor("reason")
        assert isinstance(reason, QComboBox)
        reason.setCurrentIndex(reason.findData("declined"))
        send(dialog)

    through_dialog(qtbot, admin, Qt.Key.Key_O, stop)  # 停发补贴(&O)
    [row] = rows_of(district, person)
    assert (row.status, row.end_reason) == ("stopped", "declined")
    settle()
    cells = [admin.subsidies.model.index(0, c).data() for c in range(10)]
    assert cells[0] == "重度残疾人护理补贴" and cells[1] in ("一级", "二级")
    assert cells[2] == row.start_month and cells[3] == row.end_month
    assert cells[4] == f"{row.amount_fen // 100}.{row.amount_fen % 100:02d}"
    assert cells[5] == "停止发放" and cells[6] == "本人放弃"
    assert cells[8] == "奉残联〔2026〕88号"
    assert cells[9].startswith("申请 ") and "停发" in cells[9]


def test_a_refused_step_says_why_and_changes_nothing(qtbot: QtBot, district: Database) -> None:
    person, area = unpaid_care(district)
    page = page_of(qtbot, district, f"m{area[6:]}", person)
    through_dialog(qtbot, page, Qt.Key.Key_S, send)
    before = [r.steps for r in rows_of(district, person)]
    texts: list[str] = []

    def answer() -> None:  # a second application: the message names the fault
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            texts.append(box.text())
            box.close()
            return
        if isinstance(box, FieldsDialog):
            send(box)
        QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)
    press(qtbot, page, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: bool(texts), timeout=20_000)
    assert "已有一份重度残疾人护理补贴的申请在办理中" in texts[0]
    assert [r.steps for r in rows_of(district, person)] == before


def test_a_cancelled_person_paid_is_warned_on_the_page(qtbot: QtBot, district: Database) -> None:
    with district.session() as s:
        rows = reviewer_checks(s, [])
    row = next(r for r in rows if "subsidy.cancelled_running" in {i.code for i in r.issues})
    page = page_of(qtbot, district, "demo", row.person_id)
    text = page.subsidies.warnings.text.text()
    assert "仍在发放" in text and page.subsidies.warnings.isVisible()
    assert page.subsidies.buttons["stop"].isEnabled()
    assert not page.subsidies.buttons["apply"].isEnabled()  # no application for the cancelled


def test_the_list_of_warnings_filters_and_enter_opens_the_person(
    qtbot: QtBot, district: Database
) -> None:
    window = MainWindow(AppSession(district, "demo"), Preferences())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_page("subsidy_checks")
    page = window.current_page()
    assert isinstance(page, SubsidyChecksPage)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20_000)
    everyone = page.model.rowCount()
    bank = next(i for i, (codes, _w) in enumerate(KINDS) if "subsidy.bank_missing" in codes)
    page.kind.setCurrentIndex(bank)
    assert 0 < page.model.rowCount() < everyone
    assert all("银行" in page.model.index(r, 2).data() for r in range(page.model.rowCount()))
    person_id = page.model.record_id(0)
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    household = window.current_page()
    assert isinstance(household, HouseholdPage)
    assert household.subsidies.person is not None
    assert household.subsidies.person.id == person_id


def test_review_shows_the_persons_subsidy_warnings_beside_the_response(
    qtbot: QtBot, district: Database
) -> None:
    with district.session() as s:
        response = s.scalars(
            select(FormResponse).where(
                FormResponse.state == "submitted", FormResponse.person_id.is_not(None)
            )
        ).first()
        assert response is not None
        person = s.get(Person, response.person_id)
        assert person is not None
        area = s.get(Household, person.household_id).area_code  # type: ignore[union-attr]
        rid, pid = response.id, person.id
    a_paid_person_without_account(district, pid)
    page = ReviewPage(AppSession(district, f"town{area[6:9]}"))
    qtbot.addWidget(page)
    page.show()
    page.activate(rid)
    qtbot.waitUntil(
        lambda: page.detail is not None and page.detail.response_id == rid, timeout=20_000
    )
    assert "没有登记银行账号" in page.subsidy_warnings.text.text()


def a_paid_person_without_account(db: Database, person_id: str) -> None:
    """Blank the person's bank account and make sure a subsidy runs: a warning to show."""
    Registry(db, "demo").update_person(person_id, {"bank_account": ""})
    if any(r.status == "active" for r in rows_of(db, person_id)):
        return
    with db.transaction() as s:
        changes.create(
            s,
            Subsidy,
            {"person_id": person_id, "kind": "care", "group": "grade1", "start_month": "2020-01",
             "amount_fen": 33_000, "status": "active", "decision_date": date(2019, 12, 2),
             "decision_number": "奉残联〔2019〕1号"},
            user="demo",
        )  # fmt: skip


def test_a_task_under_review_shows_the_persons_subsidy_warnings(
    qtbot: QtBot, district: Database
) -> None:
    with district.session() as s:
        task = s.scalars(select(ChangeNotice).where(ChangeNotice.state == "submitted")).first()
        assert task is not None  # the demo's month has outcomes waiting for review
        person = s.get(Person, task.person_id)
        assert person is not None
        area = s.get(Household, person.household_id).area_code  # type: ignore[union-attr]
        task_id, pid = task.id, person.id
    a_paid_person_without_account(district, pid)
    review = TaskReview(AppSession(district, f"town{area[6:9]}"))
    qtbot.addWidget(review)
    review.show()
    review.refresh()
    qtbot.waitUntil(lambda: any(r.task_id == task_id for r in review.rows), timeout=20_000)
    row = next(i for i, r in enumerate(review.rows) if r.task_id == task_id)
    review.table.selectRow(row)
    qtbot.waitUntil(
        lambda: review.detail is not None and review.detail.task_id == task_id, timeout=20_000
    )
    assert "没有登记银行账号" in review.subsidy_warnings.text.text()
