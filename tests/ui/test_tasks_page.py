"""The task list and the outcome dialog by keyboard alone, with accessible names."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QListWidget, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.services.tasks import Tasks
from app.store import changes
from app.store.database import Database
from app.store.registry import Household, Person, Subsidy
from app.store.work import ChangeNotice
from tests.services.task_world import a_row, a_task
from tests.ui.test_main_window import when_dialog_opens
from tests.ui.visit_support import settle
from ui.fields_dialog import FieldsDialog
from ui.main_window import MainWindow
from ui.pages.household import HouseholdPage
from ui.pages.review import ReturnDialog, ReviewPage
from ui.pages.task_outcome import OutcomeDialog
from ui.pages.task_review import TaskReview
from ui.pages.tasks import TasksPage, report_dialog
from ui.preferences import Preferences
from ui.session import AppSession


@dataclass(frozen=True)
class Seeded:
    """A task of this month about a person of m001001's village with a living subsidy."""

    task_id: str
    person_id: str
    household_id: str
    member: str


def seeded(db: Database, kind: str = "death") -> Seeded:
    with db.session() as s:
        person, area = s.execute(
            select(Person, Household.area_code)
            .join(Household, Household.id == Person.household_id)
            .where(Person.status == "active", Household.area_code.like("%001001"))
            .order_by(Person.id)
        ).first()  # type: ignore[misc]
        pid, hid = person.id, person.household_id
    month = date.today().strftime("%Y-%m")
    with db.transaction() as s:
        fields = {"person_id": pid, "kind": "living", "start_month": "2024-01",
                  "amount_fen": 36000, "status": "active"}  # fmt: skip
        changes.create(s, Subsidy, fields, user="ada")
    task_id = a_task(db, pid, [a_row(kind, date.today().replace(day=1).isoformat())], month)
    return Seeded(task_id, pid, hid, f"m{area[6:]}")


def show(qtbot: QtBot, page: TasksPage, record_id: str = "") -> TasksPage:
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    page.activate(record_id)
    qtbot.waitUntil(lambda: page.detail is not None)
    return page


@pytest.fixture
def world(district: Database) -> Iterator[tuple[Database, Seeded]]:
    yield district, seeded(district)
    settle()


def key(
    qtbot: QtBot,
    widget: QWidget,
    which: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    qtbot.keyClick(widget, which, modifier)


def test_the_list_shows_the_task_and_enter_opens_the_person(
    qtbot: QtBot, world: tuple[Database, Seeded]
) -> None:
    db, task = world
    page = show(qtbot, TasksPage(AppSession(db, task.member)), task.task_id)
    assert page.accessibleName() == "变动核对"
    assert page.table.accessibleName() == "核对任务" and page.table.hasFocus()
    assert page.detail is not None and page.detail.task_id == task.task_id
    source = [page.sides.source.item(i).text() for i in range(page.sides.source.count())]
    registry = [page.sides.registry.item(i).text() for i in range(page.sides.registry.count())]
    assert "死亡" in source[0] and "公安" in source[0]
    assert any("困难残疾人生活补贴：发放中" in line for line in registry)
    assert any("*" in line for line in registry if line.startswith("身份证号"))  # masked
    for widget in (page.month, page.state, *page.sides.views(), *page.buttons.values()):
        assert widget.accessibleName() or widget.property("text"), widget
    with qtbot.waitSignal(page.navigate) as opened:
        key(qtbot, page.table, Qt.Key.Key_Return)
    assert opened.args == ["household", task.household_id]


def test_the_outcome_is_recorded_by_keyboard_alone(
    qtbot: QtBot, world: tuple[Database, Seeded]
) -> None:
    db, task = world
    page = show(qtbot, TasksPage(AppSession(db, task.member)), task.task_id)
    key(qtbot, page.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(page.dialog, OutcomeDialog) and page.dialog.isVisible())
    dialog = page.dialog
    assert isinstance(dialog, OutcomeDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.outcome)
    assert not dialog.ok.isEnabled()  # nothing chosen yet
    key(qtbot, dialog.outcome, Qt.Key.Key_Down)  # 属实
    assert dialog.outcome.currentData() == "confirmed"
    key(qtbot, dialog.outcome, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.method
    key(qtbot, dialog.method, Qt.Key.Key_Down)  # 入户
    lines = [dialog.consequences.item(i).text() for i in range(dialog.consequences.count())]
    assert lines[0].startswith("注销此人（死亡") and "停发困难残疾人生活补贴" in lines[1]
    assert dialog.ok.isEnabled()
    names = [w.accessibleName() for w in (dialog.outcome, dialog.method, dialog.checked_on,
                                          dialog.reason, dialog.consequences)]  # fmt: skip
    assert names == ["核实结果", "核实方式", "核实日期", "理由或说明", "核实后的处理"]
    # untick the stop with the keyboard: only the cancel is confirmed
    dialog.consequences.setFocus()
    dialog.consequences.setCurrentRow(1)
    key(qtbot, dialog.consequences, Qt.Key.Key_Space)
    assert [c["action"] for c in dialog.chosen()] == ["cancel"]
    key(qtbot, dialog.consequences, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _state(db, task.task_id) == "submitted")
    with db.session() as s:
        done = s.get(ChangeNotice, task.task_id)
        assert done is not None
        assert (done.outcome, done.method) == ("confirmed", "home")
        assert [c["action"] for c in done.consequences] == ["cancel"]
        assert s.get(Person, task.person_id).status == "active"  # type: ignore[union-attr]
    settle()


def test_a_disputed_outcome_waits_for_its_reason(
    qtbot: QtBot, world: tuple[Database, Seeded]
) -> None:
    db, task = world
    page = show(qtbot, TasksPage(AppSession(db, task.member)), task.task_id)
    page.ask_outcome()
    dialog = page.dialog
    assert isinstance(dialog, OutcomeDialog)
    qtbot.waitExposed(dialog)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("disputed"))
    dialog.method.setCurrentIndex(dialog.method.findData("phone"))
    assert not dialog.ok.isEnabled() and "必须填写理由" in dialog.errors.text()
    assert dialog.chosen() == []
    qtbot.keyClicks(dialog.reason, "alive, phoned")
    assert dialog.ok.isEnabled() and dialog.errors.text() == ""
    dialog.ok.click()
    qtbot.waitUntil(lambda: _state(db, task.task_id) == "submitted")
    settle()


def test_a_member_reports_a_change_from_the_list(
    qtbot: QtBot, world: tuple[Database, Seeded]
) -> None:
    db, task = world
    page = show(qtbot, TasksPage(AppSession(db, task.member)), task.task_id)
    key(qtbot, page.table, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    assert dialog is not None and not isinstance(dialog, OutcomeDialog)
    kind = dialog.editor("kind")
    assert isinstance(kind, QComboBox)
    kind.setCurrentIndex(kind.findData("dibao_out"))
    dialog.accept()
    qtbot.waitUntil(lambda: len(_rows(db, task.task_id)) == 2)
    assert _rows(db, task.task_id)[1]["source"] == "member"
    settle()


def test_the_page_and_its_dialog_look_right(qtbot: QtBot, world: tuple[Database, Seeded]) -> None:
    db, task = world
    page = show(qtbot, TasksPage(AppSession(db, task.member)), task.task_id)
    page.ask_outcome()
    dialog = page.dialog
    assert isinstance(dialog, OutcomeDialog)
    qtbot.waitExposed(dialog)
    dialog.outcome.setCurrentIndex(1)
    report = report_dialog("王堃", page)
    report.show()
    qtbot.waitExposed(report)
    assert isinstance(report.findChild(QListWidget), type(None))
    report.close()
    settle()


def _state(db: Database, task_id: str) -> str:
    with db.session() as s:
        return str(s.scalar(select(ChangeNotice.state).where(ChangeNotice.id == task_id)))


def _rows(db: Database, task_id: str) -> list[dict[str, str]]:
    with db.session() as s:
        return list(s.scalar(select(ChangeNotice.rows).where(ChangeNotice.id == task_id)) or [])


def test_a_member_reports_a_change_from_the_person_s_page(
    qtbot: QtBot, world: tuple[Database, Seeded]
) -> None:
    db, task = world
    window = MainWindow(AppSession(db, task.member), Preferences())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_page("household", task.household_id)
    page = window.current_page()
    assert isinstance(page, HouseholdPage)
    row = next(i for i in range(page.members.rowCount())
               if page.members.record_id(i) == task.person_id)  # fmt: skip
    page.members_view.selectRow(row)
    assert page.selected_person_id() == task.person_id

    def report(dialog: FieldsDialog) -> None:
        kind = dialog.editor("kind")
        assert isinstance(kind, QComboBox)
        kind.setCurrentIndex(kind.findData("moved_in_district"))
        dialog.accept()

    titles = when_dialog_opens(qtbot, report)
    page.report_change()
    assert titles and titles[0].startswith("报告变动")
    rows = _rows(db, task.task_id)  # the month's task of the person takes the row
    assert [(r["source"], r["kind"]) for r in rows][-1] == ("member", "moved_in_district")
    settle()


def submitted(db: Database, task: Seeded) -> None:
    """The member's confirmation of the death, with every proposed line."""
    tasks = Tasks(db, task.member, "member")
    lines = tasks.propose(task.task_id, "confirmed")
    tasks.record(task.task_id, outcome="confirmed", method="home", checked_on=date.today(),
                 consequences=lines)  # fmt: skip


def open_task_review(qtbot: QtBot, db: Database, task: Seeded) -> ReviewPage:
    reviewer = f"town{task.member[1:4]}"
    page = ReviewPage(AppSession(db, reviewer))
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    page.activate()
    bar = page.tabs.tabBar()
    bar.setFocus()
    qtbot.keyClick(bar, Qt.Key.Key_Right)  # the tab bar's next tab: 变动核对
    assert page.on_tasks()
    review = page.task_review
    qtbot.waitUntil(lambda: any(r.task_id == task.task_id for r in review.rows))
    _select(review, task)
    qtbot.waitUntil(lambda: review.detail is not None and review.detail.task_id == task.task_id)
    return page


def _select(review: TaskReview, task: Seeded) -> None:
    row = next(i for i, r in enumerate(review.rows) if r.task_id == task.task_id)
    review.table.selectRow(row)


def test_the_reviewer_accepts_an_outcome_with_ctrl_enter_and_it_applies(
    qtbot: QtBot, world: tuple[Database, Seeded]
) -> None:
    db, task = world
    submitted(db, task)
    page = open_task_review(qtbot, db, task)
    lines = [page.task_review.sides.outcome.item(i).text()
             for i in range(page.task_review.sides.outcome.count())]  # fmt: skip
    assert any(line.startswith("通过后执行：注销此人") for line in lines)
    assert page.buttons["accept"].isEnabled() and page.buttons["return"].isEnabled()
    page.task_review.table.setFocus()
    qtbot.keyClick(page.task_review.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _state(db, task.task_id) == "accepted")
    with db.session() as s:
        person = s.get(Person, task.person_id)
        assert person is not None and person.status == "cancelled"
        stopped = s.scalars(select(Subsidy.status).where(Subsidy.person_id == task.person_id))
        assert set(stopped) == {"stopped"}
    qtbot.waitUntil(lambda: "已通过并执行处理" in page.status.text())
    settle()


def test_the_reviewer_returns_an_outcome_with_ctrl_r_and_nothing_changes(
    qtbot: QtBot, world: tuple[Database, Seeded]
) -> None:
    db, task = world
    submitted(db, task)
    page = open_task_review(qtbot, db, task)
    page.task_review.table.setFocus()
    qtbot.keyClick(page.task_review.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(page.dialog, ReturnDialog) and page.dialog.isVisible())
    dialog = page.dialog
    assert isinstance(dialog, ReturnDialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClicks(dialog.reason, "photo please")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _state(db, task.task_id) == "returned")
    with db.session() as s:
        person = s.get(Person, task.person_id)
        assert person is not None and person.status == "active"
    settle()


def test_a_move_to_a_new_household_waits_for_its_address(qtbot: QtBot, district: Database) -> None:
    task = seeded(district, kind="moved_in_district")
    page = show(qtbot, TasksPage(AppSession(district, task.member)), task.task_id)
    page.ask_outcome()
    dialog = page.dialog
    assert isinstance(dialog, OutcomeDialog)
    qtbot.waitExposed(dialog)
    assert dialog.household.isVisible() and not dialog.address.isVisible()
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("corrected"))
    dialog.method.setCurrentIndex(dialog.method.findData("home"))
    new = next(i for i in range(dialog.household.count())
               if str(dialog.household.itemData(i)).startswith("new:"))  # fmt: skip
    dialog.household.setCurrentIndex(new)
    assert dialog.address.isVisible() and dialog.address.accessibleName() == "新住址"
    assert not dialog.ok.isEnabled() and "新住址" in dialog.errors.text()
    qtbot.keyClicks(dialog.address, "No. 9")
    assert dialog.ok.isEnabled()
    dialog.ok.click()
    qtbot.waitUntil(lambda: _state(district, task.task_id) == "submitted")
    with district.session() as s:
        done = s.get(ChangeNotice, task.task_id)
        assert done is not None
        [line] = done.consequences
        assert line["action"] == "move" and line["address"] == "No. 9" and line["area_code"]
    settle()


def test_a_line_that_cannot_apply_is_shown_why_and_cannot_be_ticked(
    qtbot: QtBot, district: Database
) -> None:
    task = seeded(district, "dibao_in")
    with district.transaction() as s:  # the family is 特困: no living subsidy with it
        changes.update(s, Household, task.household_id, {"hardship": ["3"]}, user="ada")
        for sid in s.scalars(select(Subsidy.id).where(Subsidy.person_id == task.person_id)):
            changes.update(s, Subsidy, sid, {"status": "stopped", "end_month": "2025-06"},
                           user="ada")  # fmt: skip
    page = show(qtbot, TasksPage(AppSession(district, task.member)), task.task_id)
    key(qtbot, page.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(page.dialog, OutcomeDialog) and page.dialog.isVisible())
    dialog = page.dialog
    assert isinstance(dialog, OutcomeDialog)
    key(qtbot, dialog.outcome, Qt.Key.Key_Down)  # 属实
    items = [dialog.consequences.item(i) for i in range(dialog.consequences.count())]
    blocked = [i for i in items if "不能申请困难残疾人生活补贴" in i.text()]
    assert len(blocked) == 1 and "特困人员供养" in blocked[0].text()
    assert blocked[0].checkState() == Qt.CheckState.Unchecked
    dialog.consequences.setFocus()
    dialog.consequences.setCurrentRow(items.index(blocked[0]))
    key(qtbot, dialog.consequences, Qt.Key.Key_Space)
    assert blocked[0].checkState() == Qt.CheckState.Unchecked
    assert all(not line.get("blocked") for line in dialog.chosen())
    dialog.reject()
    settle()
