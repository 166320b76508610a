"""The main window's 打印 menu: each print made off the UI thread, then shown in the preview."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from app.domain.settings import load_settings
from app.services.prints import Printed, Prints
from ui.i18n import QT_TRANSLATE_NOOP
from ui.print_preview import PrintPreviewDialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class PrintActions(QObject):
    """The 打印 menu's actions of the main window, and the preview they opened last."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: PrintPreviewDialog | None = None
        self.household_forms = QAction(self.tr("打印所选户的入户调查表（预填）(&H)"), window)
        self.household_forms.triggered.connect(self.print_household_forms)
        self.day_visits = QAction(self.tr("打印今天计划走访各户的调查表（一个文件）(&T)"), window)
        self.day_visits.triggered.connect(self.print_day_visits)
        self.case_papers = {
            paper: QAction(self.tr(text), window)
            for paper, text in (
                ("assessment", QT_TRANSLATE_NOOP("PrintActions", "打印本个案的评估表(&E)")),
                ("plan", QT_TRANSLATE_NOOP("PrintActions", "打印本个案的改造方案和预算(&B)")),
                ("acceptance", QT_TRANSLATE_NOOP("PrintActions", "打印本个案的验收表(&Y)")),
            )
        }
        for paper, action in self.case_papers.items():
            action.triggered.connect(lambda _checked=False, p=paper: self.print_case_paper(p))
        self.publicity = QAction(self.tr("打印无障碍改造公示名单(&G)"), window)
        self.publicity.triggered.connect(self.print_publicity)
        self.accepted = QAction(self.tr("打印已验收的无障碍改造个案（整个乡镇）(&A)"), window)
        self.accepted.triggered.connect(self.print_accepted_cases)
        self.accepted_own_file = QAction(
            self.tr("打印已验收的无障碍改造个案（整个乡镇，档案联，证件号完整）(&D)"), window
        )
        self.accepted_own_file.triggered.connect(
            lambda _checked=False: self.print_accepted_cases(own_file=True)
        )
        self.weekly_report = QAction(self.tr("打印调查进度周报（本人负责的区域）(&W)"), window)
        self.weekly_report.triggered.connect(self.print_weekly_report)
        self.statistics_report = QAction(self.tr("打印年度统计报表（本人负责的区域）(&S)"), window)
        self.statistics_report.triggered.connect(self.print_statistics_report)
        menu = window.print_menu
        menu.addAction(self.household_forms)
        menu.addAction(self.day_visits)
        menu.addSeparator()
        for action in self.case_papers.values():
            menu.addAction(action)
        menu.addAction(self.publicity)
        menu.addAction(self.accepted)
        menu.addAction(self.accepted_own_file)
        menu.addSeparator()
        menu.addAction(self.weekly_report)
        menu.addAction(self.statistics_report)

    def _prints(self) -> Prints:
        return Prints(self.window.session.db, self.window.session.username)

    def _household_id(self) -> str | None:
        """The household of the page shown (its page, a visit), else the list's selection."""
        current = self.window.current_page()
        shown = getattr(current, "household_id", "")
        if isinstance(shown, str) and shown:
            return shown
        page = self.window.page("households")
        selected = getattr(page, "selected_household", None)
        found = selected() if callable(selected) else None
        return str(found) if found else None

    def _area(self) -> str:
        """The town of the user's first area (the district for a district user)."""
        areas = self.window.session.areas
        code = areas[0] if areas else "330213000000"
        return code[:9] + "000" if not code.endswith("000") else code

    def _report_area(self) -> str:
        """The area a report covers: a member's first village, else `_area` (the town of
        a reviewer, the district of the admin): a member's laptop holds no whole town."""
        session = self.window.session
        if session.role == "member" and session.areas:
            return session.areas[0]
        return self._area()

    def print_weekly_report(self) -> None:
        prints, area = self._prints(), self._report_area()
        survey_round = str(load_settings().survey_year)
        self.run(lambda: prints.weekly_report(area, survey_round))

    def print_statistics_report(self) -> None:
        prints, area = self._prints(), self._report_area()
        year = load_settings().survey_year
        self.run(lambda: prints.statistics_report(area, year))

    def print_day_visits(self) -> None:
        from datetime import date

        session = self.window.session
        member = session.username if session.role == "member" else None
        prints = self._prints()
        self.run(lambda: prints.day_visits(date.today(), member=member))

    def print_case_paper(self, paper: str) -> None:
        case_id = getattr(self.window.current_page(), "case_id", "")
        if not case_id:
            QMessageBox.information(
                self.window, self.tr("打印"), self.tr("请先打开一个无障碍改造个案。")
            )
            return
        prints = self._prints()
        self.run(lambda: prints.case_paper(str(case_id), paper))

    def print_publicity(self) -> None:
        prints, area = self._prints(), self._area()
        self.run(lambda: prints.publicity_list(area))

    def print_accepted_cases(self, *, own_file: bool = False) -> None:
        prints, area = self._prints(), self._area()
        self.run(lambda: prints.accepted_cases(area, own_file=own_file))

    def print_household_forms(self) -> None:
        window = self.window
        household_id = self._household_id()
        if not household_id:
            QMessageBox.information(
                window, self.tr("打印"), self.tr("请先在“户和人员”页的户列表中选择一户。")
            )
            return
        prints = self._prints()
        self.run(lambda: prints.household_forms(str(household_id)))

    def run(self, make: Callable[[], Printed]) -> None:
        """Make the print off the UI thread, then show its preview."""
        self.window.session.run(lambda _report: make(), self._show, self._failed)

    def _show(self, printed: object) -> None:
        assert isinstance(printed, Printed)
        self.dialog = PrintPreviewDialog(printed, self.window)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.show()

    def _failed(self, error: Exception) -> None:
        QMessageBox.warning(self.window, self.tr("打印"), self.tr("没有打印：%s") % error)
