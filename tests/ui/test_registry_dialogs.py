"""新增人员, 换证 and 迁移 by keyboard alone: checks as one types, refusals kept in the dialog."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QListWidget,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.domain.areas import prefix_of
from app.domain.certificate import make_certificate
from app.domain.identity import make_resident_id
from app.services import certificates
from app.services.registry import Registry
from app.store.database import Database
from app.store.registry import Assignment, Household, Person, User
from tests.ui.test_household_list import type_chinese
from ui.fields_dialog import FieldsDialog
from ui.main_window import MainWindow
from ui.pages.household import HouseholdPage
from ui.pages.households import HouseholdsPage
from ui.pages.person_move import PersonMoveDialog
from ui.pages.registry_dialogs import add_person_dialog, new_certificate_dialog
from ui.preferences import Preferences
from ui.session import AppSession

NEW_ID = make_resident_id("330283", date(1988, 6, 30), 512)  # an even sequence: a woman


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def shown(qtbot: QtBot, dialog: QWidget) -> None:
    dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()


def tab(qtbot: QtBot, dialog: QWidget) -> QWidget:
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    return focused()


def ctrl_enter(qtbot: QtBot) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def error_of(dialog: FieldsDialog, key: str) -> str:
    return dialog.editor(key).accessibleDescription()


def a_person(db: Database) -> Person:
    with db.session() as s:
        person = s.scalars(
            select(Person).where(Person.cert_number != "", Person.status == "active")
        ).first()
        assert person is not None
        s.expunge(person)
        return person


def persons_of(db: Database, household_id: str) -> int:
    with db.session() as s:
        return (
            s.scalar(
                select(func.count()).select_from(Person).where(Person.household_id == household_id)
            )
            or 0
        )


def test_a_new_person_by_keyboard_with_the_certificate_checked(
    qtbot: QtBot, district: Database
) -> None:
    household_id = a_person(district).household_id
    before = persons_of(district, household_id)
    dialog = add_person_dialog(Registry(district, "demo"), household_id, None)
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    dialog.editor("name").setFocus()
    type_chinese(focused(), "林婕")
    assert isinstance(tab(qtbot, dialog), QLineEdit)
    qtbot.keyClicks(focused(), NEW_ID)
    assert "1988-06-30" in dialog.note.text() and "女" in dialog.note.text()
    tab(qtbot, dialog)
    qtbot.keyClicks(focused(), make_certificate(NEW_ID, 4, 2))
    combo = tab(qtbot, dialog)
    assert isinstance(combo, QComboBox) and combo.accessibleName() == "残疾类别"
    qtbot.keyClicks(combo, "4")
    grade = tab(qtbot, dialog)
    qtbot.keyClicks(grade, "3")  # the number says grade 2: the mismatch is named
    assert "残疾等级" in error_of(dialog, "cert_number")
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()
    qtbot.keyClick(grade, Qt.Key.Key_Up)  # grade 2
    assert error_of(dialog, "cert_number") == dialog.editor("cert_number").toolTip()
    ctrl_enter(qtbot)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert persons_of(district, household_id) == before + 1
    with district.session() as s:
        person = s.scalars(select(Person).where(Person.id_number == NEW_ID)).one()
        assert (person.name, person.sex, person.birth_date) == ("林婕", "2", date(1988, 6, 30))
        assert [c.grade for c in certificates.history(s, person.id)] == ["2"]


def test_a_refused_person_keeps_what_was_typed(qtbot: QtBot, district: Database) -> None:
    existing = a_person(district)
    dialog = add_person_dialog(Registry(district, "demo"), existing.household_id, None)
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    dialog.editor("name").setFocus()
    type_chinese(focused(), "重号")
    typed = {"id_number": existing.id_number, "cert_number": existing.cert_number}
    for key, text in typed.items():
        editor = dialog.editor(key)
        assert isinstance(editor, QLineEdit)
        editor.setText(text)
    for key, value in (("category", existing.category), ("grade", existing.grade)):
        combo = dialog.editor(key)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(value))
    ctrl_enter(qtbot)
    assert dialog.isVisible()  # refused: the dialog stays with everything typed
    assert "身份证号已登记" in dialog.problem.text()
    assert "身份证号已登记" in error_of(dialog, "id_number")
    assert dialog.values()["name"] == "重号"
    assert focused() is dialog.editor("id_number")
    dialog.reject()


def test_a_new_certificate_keeps_the_old_one_in_the_history(
    qtbot: QtBot, district: Database
) -> None:
    person = a_person(district)
    new_grade = "1" if person.grade != "1" else "2"
    dialog = new_certificate_dialog(Registry(district, "demo"), person, None)
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    assert "不一致" in error_of(dialog, "cert_number") or "应为20位" in error_of(
        dialog, "cert_number"
    )
    number = dialog.editor("cert_number")
    number.setFocus()
    qtbot.keyClicks(number, person.category + new_grade)
    tab(qtbot, dialog)
    grade = tab(qtbot, dialog)
    assert grade is dialog.editor("grade")
    qtbot.keyClicks(grade, new_grade)
    assert dialog.buttons.buttons()[0].isEnabled()
    ctrl_enter(qtbot)
    assert dialog.result() == dialog.DialogCode.Accepted
    with district.session() as s:
        periods = certificates.history(s, person.id)
        assert (periods[0].grade, periods[0].valid_to) == (new_grade, None)
        assert any(p.cert_number == person.cert_number and p.valid_to for p in periods)


def _member(db: Database) -> tuple[str, list[str]]:
    """The member whose village has the most households with a head's name."""
    with db.session() as s:
        busiest = s.execute(
            select(User.username, Assignment.area_code)
            .join(Assignment, Assignment.user_id == User.id)
            .join(Household, Household.area_code == Assignment.area_code)
            .where(User.role == "member", Household.head_name != "")
            .group_by(User.username, Assignment.area_code)
            .order_by(func.count().desc())
            .limit(1)
        ).one()
        return busiest.username, [busiest.area_code]


def test_a_move_to_a_household_found_by_its_head(qtbot: QtBot, district: Database) -> None:
    username, areas = _member(district)
    with district.session() as s:
        households = s.scalars(
            select(Household).where(
                Household.area_code.startswith(prefix_of(areas[0])), Household.head_name != ""
            )
        ).all()[:2]
        person = s.scalars(
            select(Person).where(Person.household_id == households[0].id, Person.status == "active")
        ).first()
        assert person is not None
        target = households[1]
        s.expunge_all()
    dialog = PersonMoveDialog(district, Registry(district, username), person, areas)
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    dialog.existing.setFocus()
    query = tab(qtbot, dialog)
    assert query is dialog.query
    type_chinese(query, target.head_name)
    qtbot.waitUntil(lambda: dialog.results.count() > 0)
    results = tab(qtbot, dialog)
    assert isinstance(results, QListWidget)
    while dialog.results.currentItem().data(Qt.ItemDataRole.UserRole) != target.id:
        qtbot.keyClick(results, Qt.Key.Key_Down)
    qtbot.keyClicks(tab(qtbot, dialog), "3")  # relation 子女
    ctrl_enter(qtbot)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.changed.households == {person.household_id, target.id}
    with district.session() as s:
        moved = s.get(Person, person.id)
        assert moved is not None and (moved.household_id, moved.relation) == (target.id, "3")


def test_a_move_to_a_new_household_chosen_on_the_area_tree(
    qtbot: QtBot, district: Database
) -> None:
    username, areas = _member(district)
    person = a_person(district)
    dialog = PersonMoveDialog(district, Registry(district, username), person, areas)
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    dialog.existing.setFocus()
    qtbot.keyClick(dialog.existing, Qt.Key.Key_Down)  # arrows choose within the two ways
    assert dialog.new.isChecked() and not dialog.query.isVisible()
    ctrl_enter(qtbot)  # nothing chosen yet: said, and nothing moves
    assert dialog.isVisible() and "区划树" in dialog.problem.text()
    tree = focused()
    assert isinstance(tree, QTreeWidget)
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Right)  # opens the town
    qtbot.keyClick(tree, Qt.Key.Key_Down)  # its first village
    chosen = tree.currentItem()
    assert chosen is not None
    village = chosen.data(0, Qt.ItemDataRole.UserRole)
    assert village
    address = tab(qtbot, dialog)
    type_chinese(address, "岳林路8号")
    qtbot.keyClicks(tab(qtbot, dialog), "12345")
    ctrl_enter(qtbot)
    assert dialog.isVisible() and "12345" in dialog.problem.text()  # a bad phone, named
    assert focused() is dialog.phone
    dialog.phone.clear()
    ctrl_enter(qtbot)
    assert dialog.result() == dialog.DialogCode.Accepted
    with district.session() as s:
        moved = s.get(Person, person.id)
        assert moved is not None
        home = s.get(Household, moved.household_id)
        assert home is not None
        assert (home.area_code, home.address, home.head_name) == (village, "岳林路8号", person.name)


def test_new_household_from_the_list_by_its_key_opens_the_new_household(
    qtbot: QtBot, district: Database
) -> None:
    username, areas = _member(district)
    window = MainWindow(AppSession(district, username), Preferences())
    qtbot.addWidget(window)
    window.resize(1300, 900)
    shown(qtbot, window)
    window.open_page("households")
    page = window.current_page()
    assert isinstance(page, HouseholdsPage)

    page.add_button.setFocus()
    qtbot.keyClick(page.add_button, Qt.Key.Key_Space)
    dialog = page.findChild(FieldsDialog)
    assert dialog is not None and dialog.windowTitle() == "新增户"
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    area = dialog.editor("area_code")
    assert isinstance(area, QComboBox) and area.currentData() == areas[0]  # her one village
    address = dialog.editor("address")
    address.setFocus()
    qtbot.waitUntil(address.hasFocus)  # the list's own focus (search field) has settled
    type_chinese(address, "南山路99号")
    assert dialog.buttons.buttons()[0].isEnabled(), dialog.values()
    qtbot.keyClick(address, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.problem.text()
    opened = window.current_page()
    assert isinstance(opened, HouseholdPage)
    with district.session() as s:
        made = s.get(Household, opened.household_id)
        assert made is not None and (made.area_code, made.address) == (areas[0], "南山路99号")
