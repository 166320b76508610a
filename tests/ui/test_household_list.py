"""The household list: lazy model, search as you type, filters, accessibility."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAccessible, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QTableView, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.services.registry import Registry
from app.store.database import Database
from app.store.registry import Household, Person
from ui.household_model import HouseholdListModel
from ui.pages.households import HouseholdsPage
from ui.session import AppSession


def type_chinese(widget: QWidget, text: str) -> None:
    """Type Chinese the way an input method does (keyClicks would abort Qt)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_model_passes_the_model_tester(qtmodeltester, district: Database) -> None:
    model = HouseholdListModel(district)
    qtmodeltester.check(model)
    model.set_query("zhang")
    qtmodeltester.check(model)


def test_model_fetches_lazily_in_pages(district: Database) -> None:
    model = HouseholdListModel(district)
    total = model.total()
    assert total > HouseholdListModel.PAGE * 2
    assert model.rowCount() == HouseholdListModel.PAGE
    assert model.canFetchMore(QModelIndex())
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == total
    with district.session() as s:
        ids = set(s.scalars(select(Household.id).where(Household.deleted.is_(False))))
    assert {model.household_id(r) for r in range(model.rowCount())} == ids


def test_search_as_you_type_finds_a_person_by_name_and_initials(
    qtbot: QtBot, district: Database
) -> None:
    window = HouseholdsPage(AppSession(district, "demo"))
    qtbot.addWidget(window)
    with district.session() as s:
        person = s.scalars(select(Person).where(Person.deleted.is_(False))).first()
    assert person is not None
    with qtbot.waitSignal(window.model.totalChanged, timeout=20_000):
        type_chinese(window.search_edit, person.name)
    assert window.search_edit.text() == person.name
    found = {window.model.household_id(r) for r in range(window.model.rowCount())}
    assert person.household_id in found
    assert "找到" in window.count_label.text()

    window.search_edit.clear()
    qtbot.waitUntil(lambda: window.model.query == "", timeout=20_000)
    assert window.model.total() > 200

    with qtbot.waitSignal(window.model.totalChanged, timeout=20_000):
        window.search_edit.setFocus()
        qtbot.keyClicks(window.search_edit, person.id_number[-6:])
    found = {window.model.household_id(r) for r in range(window.model.rowCount())}
    assert person.household_id in found


def test_exact_id_ranks_first_and_village_filter_narrows(qtbot: QtBot, district: Database) -> None:
    window = HouseholdsPage(AppSession(district, "demo"))
    qtbot.addWidget(window)
    with district.session() as s:
        person = s.scalars(select(Person).where(Person.deleted.is_(False))).all()[17]
        household = s.get(Household, person.household_id)
    assert household is not None
    window.search_edit.setText(person.id_number)
    window.apply_search()
    assert window.model.household_id(0) == person.household_id

    window.search_edit.setText("")
    window.apply_search()
    everything = window.model.total()
    index = window.village_combo.findData(household.area_code)
    window.village_combo.setCurrentIndex(index)
    assert 0 < window.model.total() < everything
    rows = window.model.rowCount()
    assert all(
        window.model.data(window.model.index(r, 0)) == window.model.data(window.model.index(0, 0))
        for r in range(rows)
    )


def test_a_registry_change_shows_after_refresh(qtbot: QtBot, district: Database) -> None:
    window = HouseholdsPage(AppSession(district, "demo"))
    qtbot.addWidget(window)
    household_id = window.model.household_id(0)
    changed = Registry(district, "demo").update_household(household_id, {"address": "新地址9号"})
    with qtbot.waitSignal(window.model.dataChanged, timeout=20_000):
        window.model.refresh(changed.households)
    assert window.model.data(window.model.index(0, 3)) == "新地址9号"
    # and the search index followed the write
    window.search_edit.setText("新地址9号")
    window.apply_search()
    assert window.model.household_id(0) == household_id


def test_every_control_has_an_accessible_name(qtbot: QtBot, district: Database) -> None:
    window = HouseholdsPage(AppSession(district, "demo"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    for widget in window.findChildren(QWidget):
        if isinstance(widget, QLineEdit | QComboBox | QTableView) and widget.isVisible():
            if widget.parent() is not None and isinstance(widget.parent(), QComboBox):
                continue
            interface = QAccessible.queryAccessibleInterface(widget)
            assert interface is not None
            assert interface.text(QAccessible.Text.Name), f"{widget!r} has no accessible name"


def test_tab_order_reaches_search_village_and_list(qtbot: QtBot, district: Database) -> None:
    window = HouseholdsPage(AppSession(district, "demo"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.search_edit.setFocus()
    qtbot.waitUntil(lambda: window.search_edit.hasFocus())
    seen = []
    for _ in range(3):
        seen.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert seen == [window.search_edit, window.village_combo, window.table]


def test_enter_in_the_search_opens_the_first_household(qtbot: QtBot, district: Database) -> None:
    page = HouseholdsPage(AppSession(district, "demo"))
    qtbot.addWidget(page)
    page.show()
    qtbot.keyClicks(page.search_edit, "zh")  # Enter before the search has run: it runs
    with qtbot.waitSignal(page.navigate, timeout=20_000) as opened:
        qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)  # one Enter opens
    assert opened.args == ["household", page.model.household_id(0)]


def test_down_goes_into_the_list_and_enter_in_the_search_opens_the_selected(
    qtbot: QtBot, district: Database
) -> None:
    page = HouseholdsPage(AppSession(district, "demo"))
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitActive(page):
        page.activateWindow()
    qtbot.keyClicks(page.search_edit, "zh")
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Down)
    assert page.table.hasFocus() and page.table.selectionModel().selectedRows()[0].row() == 0
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    page.search_edit.setFocus()  # back to the search (Shift+Tab twice, or Alt+S)
    with qtbot.waitSignal(page.navigate, timeout=20_000) as opened:
        qtbot.keyClick(page.search_edit, Qt.Key.Key_Enter)
    assert opened.args == ["household", page.model.household_id(1)]


def test_a_members_list_and_search_stay_in_the_members_village(
    qtbot: QtBot, district: Database
) -> None:
    with district.session() as s:
        village = s.scalars(select(Household.area_code)).first()
    assert village is not None
    member = "m" + village[6:]
    page = HouseholdsPage(AppSession(district, member))
    qtbot.addWidget(page)
    codes = {page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())}
    with district.session() as s:
        own = s.scalars(select(Household).where(Household.area_code == village)).all()
    assert page.model.total() == len(own) and len(codes) == 1
    page.search_edit.setText("zh")
    page.apply_search()
    assert all(
        page.model.household_id(r) in {h.id for h in own} for r in range(page.model.rowCount())
    )
