"""The print commands of the pages: a form response's two copies (the paper file's with full
numbers, the shared one masked) and a case's papers, each made off the UI thread by the print
service (which logs it) and shown in the print preview."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QBoxLayout, QMenu, QMessageBox, QPushButton, QWidget

from app.domain import workflow
from app.printing.model import Mode
from app.services.prints import Printed, Prints
from ui.i18n import QT_TRANSLATE_NOOP
from ui.print_preview import PrintPreviewDialog
from ui.session import AppSession

#: a response in these states has its answers for good: it prints as completed
DONE_STATES = frozenset({workflow.COMPLETED, workflow.SUBMITTED, workflow.ACCEPTED})
#: the papers of a case, as the print service names them, and their menu texts
CASE_PAPERS = (
    ("assessment", QT_TRANSLATE_NOOP("PrintCommands", "评估表")),
    ("plan", QT_TRANSLATE_NOOP("PrintCommands", "改造方案和预算")),
    ("acceptance", QT_TRANSLATE_NOOP("PrintCommands", "验收表")),
)


def response_mode(state: str) -> Mode:
    """A done response prints completed; one still being filled prints pre-filled."""
    return Mode.COMPLETED if state in DONE_STATES else Mode.PREFILLED


class PrintCommands(QObject):
    """Makes prints for one page or window and shows each in the preview (the last kept)."""

    def __init__(self, session: AppSession, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.parent_widget = parent
        self.dialog: PrintPreviewDialog | None = None

    def run(self, make: Callable[[Prints], Printed]) -> None:
        """Make the print off the UI thread, then show its preview."""
        prints = Prints(self.session.db, self.session.username)
        self.session.run(lambda _r: make(prints), self._show, self._failed, owner=self)

    def response(self, response_id: str, state: str, *, own_file: bool) -> None:
        """A form response: completed once done, else pre-filled; the paper file's copy
        (`own_file`, full numbers) only of a done one."""
        mode = response_mode(state)
        whole = own_file and mode is Mode.COMPLETED
        self.run(lambda prints: prints.response(response_id, mode, own_file=whole))

    def case_paper(self, case_id: str, paper: str, *, own_file: bool) -> None:
        self.run(lambda prints: prints.case_paper(case_id, paper, own_file=own_file))

    def weekly_report(self, area_code: str, survey_round: str, as_of: date | None = None) -> None:
        """The weekly progress report of an area, as of `as_of` (today when not given)."""
        self.run(lambda prints: prints.weekly_report(area_code, survey_round, as_of))

    def statistics_report(self, area_code: str, year: int, as_of: date | None = None) -> None:
        """The year's statistics of an area, as of `as_of` (today when not given)."""
        self.run(lambda prints: prints.statistics_report(area_code, year, as_of))

    def case_papers_button(self, case_id: Callable[[], str], page: QWidget) -> QPushButton:
        """打印个案表(&R): a menu of the case's papers, each as the shared copy or the paper
        file's (full numbers)."""
        button = QPushButton(self.tr("打印个案表(&R)"), page)
        button.setAccessibleDescription(self.tr("评估表、改造方案和预算、验收表：工作联或档案联"))
        menu = QMenu(button)
        menu.setAccessibleName(self.tr("打印个案表"))
        for paper, name in CASE_PAPERS:
            for whole, copy in (
                (False, QT_TRANSLATE_NOOP("PrintCommands", "%s（工作联）")),
                (True, QT_TRANSLATE_NOOP("PrintCommands", "%s（档案联，证件号完整）")),
            ):
                action = QAction(self.tr(copy) % self.tr(name), menu)
                action.setData([paper, whole])
                action.triggered.connect(
                    lambda _c=False, paper=paper, whole=whole: self._case_paper_of(
                        case_id(), paper, whole
                    )
                )
                menu.addAction(action)
        button.setMenu(menu)
        return button

    def _case_paper_of(self, case_id: str, paper: str, whole: bool) -> None:
        if case_id:
            self.case_paper(case_id, paper, own_file=whole)

    def _show(self, printed: object) -> None:
        assert isinstance(printed, Printed)
        self.dialog = PrintPreviewDialog(printed, self.parent_widget.window())
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.destroyed.connect(self._forget)
        self.dialog.show()

    def _forget(self, gone: object = None) -> None:
        if self.dialog is gone or gone is None:
            self.dialog = None

    def _failed(self, error: Exception) -> None:
        message = getattr(error, "user_message", "") or str(error)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("打印"),
            self.tr("没有打印：%s") % message,
            QMessageBox.StandardButton.Ok,
            self.parent_widget,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


class ResponseCopies(QObject):
    """The two print buttons of the form response a page shows or has selected:
    打印档案联 (一人一档, full numbers, done responses only) and 打印工作联 (masked)."""

    def __init__(
        self,
        commands: PrintCommands,
        current: Callable[[], tuple[str, str] | None],
        row: QBoxLayout,
        page: QWidget,
    ) -> None:
        super().__init__(page)
        self.commands = commands
        self.current = current
        self.own_file = QPushButton(self.tr("打印档案联(&K)…"), page)
        self.own_file.setAccessibleDescription(
            self.tr("一人一档的纸质档案用：证件号码完整，打印记入日志")
        )
        self.shared = QPushButton(self.tr("打印工作联(&G)…"), page)
        self.shared.setAccessibleDescription(self.tr("证件号码部分隐藏；未完成的表印作预填表"))
        for button, whole in ((self.own_file, True), (self.shared, False)):
            button.setToolTip(button.accessibleDescription())
            button.clicked.connect(lambda _c=False, whole=whole: self.print_copy(own_file=whole))
            row.addWidget(button)
        self.update()

    @property
    def buttons(self) -> tuple[QPushButton, QPushButton]:
        return self.own_file, self.shared

    def update(self) -> None:
        """Enable the buttons for what is current now (call when it changes)."""
        shown = self.current()
        self.shared.setEnabled(shown is not None)
        self.own_file.setEnabled(shown is not None and shown[1] in DONE_STATES)

    def print_copy(self, *, own_file: bool) -> None:
        shown = self.current()
        if shown is None or (own_file and shown[1] not in DONE_STATES):
            return
        response_id, state = shown
        self.commands.response(response_id, state, own_file=own_file)
