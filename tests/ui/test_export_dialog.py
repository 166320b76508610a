"""The export dialog by keyboard: offered to reviewers and the admin (not members), the
reviewer's towns or the admin's district, the file written off the UI thread, read back and
audited, every control named for a screen reader."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAccessible, QFont
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMenu, QSpinBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.store.database import Database
from app.store.registry import Subsidy
from app.store.work import AuditEvent
from tests.exports.counts import active_persons
from ui import theme
from ui.export_dialog import ExportDialog, export_areas
from ui.fonts import install_font
from ui.main_window import MainWindow
from ui.pages.stats import StatsPage
from ui.preferences import Preferences
from ui.session import AppSession

TOWN = "330213001000"
#: a 1366×768 laptop's screen width
LAPTOP_WIDTH = 1366


@pytest.fixture
def large_text() -> Iterator[QApplication]:
    """The program's own font at 200 %; the theme and font as they were afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QFont(app.font())
    theme.apply(app, Preferences(text_size=200), install_font(app))
    yield app
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    theme.apply(app, Preferences())
    app.setFont(before)


def persons(db: Database, prefix: str) -> int:
    with db.session() as s:
        return active_persons(s, prefix)


def file_menu_texts(window: MainWindow) -> list[str]:
    menu = window.menuBar().actions()[1].menu()
    assert isinstance(menu, QMenu)
    return [a.text() for a in menu.actions()]


def test_offered_to_reviewers_and_the_admin_not_to_members(
    qtbot: QtBot, district: Database
) -> None:
    for user, offered in (("demo", True), ("town001", True), ("m001001", False)):
        window = MainWindow(AppSession(district, user), Preferences())
        qtbot.addWidget(window)
        assert ("导出数据(&E)…" in file_menu_texts(window)) is offered, user
        window.open_export()
        assert (window.export_dialog is not None) is offered, user
        if window.export_dialog is not None:
            window.export_dialog.close()
        window.close()


def test_areas_are_the_reviewers_towns_or_the_admins_district(district: Database) -> None:
    reviewer = export_areas(AppSession(district, "town001"))
    assert [code for code, _ in reviewer] == [TOWN]
    admin = export_areas(AppSession(district, "demo"))
    assert admin[0][0] == "330213000000" and (TOWN, reviewer[0][1]) in admin
    assert all(code.endswith("000") for code, _ in admin)  # the district and its towns


def test_every_control_has_an_accessible_name(qtbot: QtBot, district: Database) -> None:
    dialog = ExportDialog(AppSession(district, "town001"))
    qtbot.addWidget(dialog)
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, QComboBox | QSpinBox | QLineEdit) and widget.isVisibleTo(dialog):
            if isinstance(widget.parent(), QSpinBox | QComboBox):
                continue  # a spin box's own line edit
            interface = QAccessible.queryAccessibleInterface(widget)
            assert interface is not None
            assert interface.text(QAccessible.Text.Name).strip(), widget


def test_a_reviewer_exports_by_keyboard(qtbot: QtBot, district: Database, tmp_path: Path) -> None:
    dialog = ExportDialog(AppSession(district, "town001"), template="registry")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    # Alt+M reaches the format, Down chooses csv; Alt+S the file, typed over
    qtbot.keyClick(dialog, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.format_box
    qtbot.keyClick(dialog.format_box, Qt.Key.Key_Down)
    assert dialog.fmt == "csv" and dialog.path_edit.text().endswith(".csv")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.path_edit
    dialog.path_edit.selectAll()
    qtbot.keyClicks(dialog.path_edit, str(tmp_path / "list"))
    with qtbot.waitSignal(dialog.export_button.clicked):
        qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已导出" in dialog.message.text() or "没有" in dialog.message.text())
    out = tmp_path / "list.csv"
    with out.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert len(rows) - 1 == persons(district, TOWN[:9]) > 0
    assert f"已导出 {len(rows) - 1} 行" in dialog.message.text()
    with district.session() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "export")).one()
    assert (event.username, event.target_id, event.detail["area"]) == ("town001", "registry", TOWN)


def test_the_admin_exports_the_districts_survey_to_xlsx(
    qtbot: QtBot, district: Database, tmp_path: Path
) -> None:
    dialog = ExportDialog(AppSession(district, "demo"), template="form-a-upper")
    qtbot.addWidget(dialog)
    dialog.round_box.setValue(2025)
    dialog.path_edit.setText(str(tmp_path / "a.xlsx"))
    dialog.run()
    qtbot.waitUntil(lambda: "已导出" in dialog.message.text() or "没有" in dialog.message.text())
    sheet = load_workbook(tmp_path / "a.xlsx", read_only=True).worksheets[0]
    assert sum(1 for _ in sheet.iter_rows()) - 1 == persons(district, "330213")


def test_a_file_that_cannot_be_written_is_said_in_words(
    qtbot: QtBot, district: Database, tmp_path: Path
) -> None:
    dialog = ExportDialog(AppSession(district, "town001"), template="registry")
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "no such folder" / "list.xlsx"))
    dialog.run()
    qtbot.waitUntil(lambda: "没有导出" in dialog.message.text())
    assert "无法" in dialog.message.text() and dialog.export_button.isEnabled()


def test_the_admin_exports_a_months_stop_list_by_keyboard(
    qtbot: QtBot, district: Database, tmp_path: Path
) -> None:
    """The month is chosen for the monthly exports (and only for them): last month's
    停发名单 has the persons whose subsidies the month's accepted tasks stopped."""
    dialog = ExportDialog(AppSession(district, "demo"), template="registry")
    qtbot.addWidget(dialog)
    assert not dialog.month_box.isEnabled() and "2026-10" in [
        dialog.month_box.itemData(i) for i in range(dialog.month_box.count())
    ]
    dialog.template_box.setCurrentIndex(dialog.template_box.findData("subsidy-stops"))
    assert dialog.month_box.isEnabled() and not dialog.round_box.isEnabled()
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.month_box
    while dialog.month_box.currentData() != "2026-10":
        qtbot.keyClick(dialog.month_box, Qt.Key.Key_Down)
    assert dialog.params().month == "2026-10" and "2026-10" in dialog.path_edit.text()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("csv"))
    dialog.path_edit.setText(str(tmp_path / "stops.csv"))
    dialog.run()
    qtbot.waitUntil(lambda: "已导出" in dialog.message.text() or "没有" in dialog.message.text())
    with (tmp_path / "stops.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    with district.session() as s:
        stopped = s.scalars(
            select(Subsidy).where(Subsidy.end_month == "2026-10", Subsidy.status == "stopped")
        ).all()
    assert len(rows) == len(stopped) > 0
    assert {r["停发月份"] for r in rows} == {"2026-11"}


def test_the_stats_page_opens_it_on_its_place_and_year(qtbot: QtBot, district: Database) -> None:
    member = StatsPage(AppSession(district, "m001001"))
    qtbot.addWidget(member)
    assert member.export_button is None, "members export nothing"
    page = StatsPage(AppSession(district, "town001"))
    qtbot.addWidget(page)
    assert page.export_button is not None
    village = "330213001001"
    page.area = village  # drilled down into one of the town's villages
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    dialog = page.export_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.area_box.currentData() == village
    assert str(dialog.round_box.value()) == page.query().survey_round
    assert [dialog.area_box.itemData(i) for i in range(dialog.area_box.count())] == [
        TOWN,
        village,
    ]
    dialog.close()


def test_every_export_shows_its_whole_file_name_at_200_percent(
    qtbot: QtBot, district: Database, large_text: QApplication
) -> None:
    """The 保存到 field shows the end of a long name only: under it the whole file name is
    shown wrapped, for every export, inside the dialog on the screen."""
    dialog = ExportDialog(AppSession(district, "demo"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    free = dialog.screen().availableGeometry().size()
    for index in range(dialog.template_box.count()):
        dialog.template_box.setCurrentIndex(index)
        QApplication.processEvents()
        name = dialog.template_box.currentText()
        path = dialog.path_edit.text()
        shown = dialog.path_shown
        assert dialog.shown_path() == path, name
        assert shown.isVisible() and shown.width() > 0, name
        assert shown.height() >= shown.heightForWidth(shown.width()), f"{name}: cut"
        assert shown.parentWidget() is dialog and dialog.rect().contains(shown.geometry()), name
        assert dialog.width() <= min(free.width(), LAPTOP_WIDTH) or (
            dialog.width() == dialog.minimumSizeHint().width() <= LAPTOP_WIDTH
        ), name  # (the test's screen is 800 wide; the dialog's least width at 200 % is more)
    dialog.path_edit.setText("/home/一位用户/文档/一个很长很长的文件夹名称/再一层文件夹/导出.csv")
    QApplication.processEvents()
    assert dialog.shown_path() == dialog.path_edit.text()
    assert dialog.path_shown.height() >= dialog.path_shown.heightForWidth(dialog.path_shown.width())
