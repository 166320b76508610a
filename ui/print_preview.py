"""Print preview: a print's pages as pictures, printing through Qt's print dialog, saving
as PDF; and the print actions of the main window's 打印 menu.

Pages are turned into pictures by QtPdf (the ``PySide6-Pdf`` package) when it is
installed, else by poppler's ``pdftoppm`` when the machine has it. With neither, the
dialog still saves the PDF (to print from a PDF reader) but cannot preview or print.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QBuffer, QByteArray, QObject, QRectF, QSize, Qt
from PySide6.QtGui import QAction, QImage, QPainter, QPixmap, QShowEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.settings import load_settings
from app.services.prints import Printed, Prints
from ui import worker
from ui.announce import MessageLine
from ui.i18n import QT_TRANSLATE_NOOP
from ui.theme import within_screen

if TYPE_CHECKING:
    from ui.main_window import MainWindow

PREVIEW_DPI = 80
PRINT_DPI = 300
PREVIEW_PAGES = 12  # a batch of hundreds of pages previews its first pages only


class PageRenderer(Protocol):
    """Turns pages of a PDF into images."""

    name: str

    def render(self, pdf: bytes, first: int, last: int, dpi: int) -> list[QImage]:
        """Pages `first` to `last` (1-based, inclusive) at `dpi`."""
        ...


class QtPdfRenderer:
    """Pages drawn by QtPdf (PySide6-Pdf), inside the program."""

    name = "QtPdf"

    def render(self, pdf: bytes, first: int, last: int, dpi: int) -> list[QImage]:
        from PySide6.QtPdf import QPdfDocument  # type: ignore[import-not-found,unused-ignore]

        data = QByteArray(pdf)
        buffer = QBuffer(data)
        buffer.open(QBuffer.OpenModeFlag.ReadOnly)
        document = QPdfDocument()
        document.load(buffer)
        images = []
        for page in range(first - 1, min(last, document.pageCount())):
            points = document.pagePointSize(page)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            images.append(document.render(page, size))
        document.close()
        return images


class PopplerRenderer:
    """Pages drawn by poppler's pdftoppm (a program of the poppler-utils package)."""

    name = "pdftoppm"

    def __init__(self, program: str) -> None:
        self.program = program

    def render(self, pdf: bytes, first: int, last: int, dpi: int) -> list[QImage]:
        # The PDF goes in by standard input and each page comes back by standard output:
        # no picture of personal data is written to disk unencrypted.
        images = []
        for page in range(first, last + 1):
            command = [self.program, "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-"]
            done = subprocess.run(command, input=pdf, capture_output=True, check=True, timeout=120)
            image = QImage()
            if not image.loadFromData(done.stdout, "PNG"):
                break
            images.append(image)
        return images


def find_renderer() -> PageRenderer | None:
    """QtPdf if installed, else pdftoppm if present, else None (save as PDF only)."""
    try:
        from PySide6 import QtPdf  # type: ignore[attr-defined,unused-ignore]  # noqa: F401
    except ImportError:
        program = shutil.which("pdftoppm")
        return PopplerRenderer(program) if program else None
    return QtPdfRenderer()


class PrintPreviewDialog(QDialog):
    """Shows a print's pages; prints them (Qt's print dialog) or saves the PDF."""

    def __init__(
        self,
        printed: Printed,
        parent: QWidget | None = None,
        *,
        find: Callable[[], PageRenderer | None] = find_renderer,
    ) -> None:
        super().__init__(parent)
        self.printed = printed
        self.renderer = find()
        self._printer: QPrinter | None = None  # kept alive while Qt uses it (STACK.md)
        self._job: worker.Job | None = None
        self.setWindowTitle(self.tr("打印预览 — %s") % printed.title)

        self.pages_label = QLabel(self.tr("共 %n 页", "", printed.pages))
        self.status_label = MessageLine()
        self.warnings_label = MessageLine()
        self.warnings_label.setProperty("tone", "warning")  # its colour follows the theme
        if printed.warnings:
            self.warnings_label.setText(
                self.tr("注意：以下字符字体中没有，纸上印作〓，请手写补上：\n")
                + "\n".join(printed.warnings)
            )
        self.warnings_label.setVisible(bool(printed.warnings))

        self.page_box = QWidget()
        self.page_layout = QVBoxLayout(self.page_box)
        self.page_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.page_box)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setAccessibleName(self.tr("预览的页面"))
        self.page_labels: list[QLabel] = []

        buttons = QDialogButtonBox()
        self.print_button = QPushButton(self.tr("打印(&P)…"))
        self.save_button = QPushButton(self.tr("另存为 PDF(&S)…"))
        close_button = QPushButton(self.tr("关闭(&C)"))
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button.clicked.connect(self.print_with_dialog)
        self.save_button.clicked.connect(self.save_with_dialog)
        close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages_label)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(buttons)
        self.resize(within_screen(self, QSize(760, 900)))  # an A4 page's shape, on the screen
        self._preview_started = False

    def showEvent(self, event: QShowEvent) -> None:
        if not self._preview_started:  # a dialog never shown renders nothing
            self._preview_started = True
            self._start_preview()
        super().showEvent(event)

    def done(self, result: int) -> None:
        job = self._job
        if job is not None:  # a preview still rendering reports to no one
            job.signals.finished.disconnect(self._show_pages)
            job.signals.failed.disconnect(self._preview_failed)
            self._job = None
        super().done(result)

    # -- preview -------------------------------------------------------------------------

    def _start_preview(self) -> None:
        renderer = self.renderer
        if renderer is None:
            self.print_button.setEnabled(False)
            self.status_label.setText(
                self.tr(
                    "本机不能预览和直接打印（缺少 PySide6-Pdf 和 pdftoppm）。"
                    "请另存为 PDF，再用 PDF 阅读器打印。"
                )
            )
            return
        last = min(self.printed.pages, PREVIEW_PAGES)
        self.status_label.setText(self.tr("正在生成预览…"))
        pdf = self.printed.pdf
        self._job = worker.start(worker.Job(lambda _r: renderer.render(pdf, 1, last, PREVIEW_DPI)))
        self._job.signals.finished.connect(self._show_pages)
        self._job.signals.failed.connect(self._preview_failed)

    def _show_pages(self, images: object) -> None:
        assert isinstance(images, list)
        self._job = None
        for number, image in enumerate(images, start=1):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(self.tr("第 %1 页").replace("%1", str(number)))
            self.page_layout.addWidget(label)
            self.page_labels.append(label)
        if len(images) < self.printed.pages:
            self.status_label.setText(
                self.tr("预览前 %1 页；打印和另存为包含全部 %2 页。")
                .replace("%1", str(len(images)))
                .replace("%2", str(self.printed.pages))
            )
        else:
            self.status_label.setText(self.tr("预览全部 %n 页", "", len(images)))

    def _preview_failed(self, error: object) -> None:
        self._job = None
        self.status_label.setText(self.tr("无法生成预览：%s") % error)

    # -- printing and saving ---------------------------------------------------------------

    def printer(self) -> QPrinter:
        """The printer of this dialog, kept for as long as the dialog lives."""
        if self._printer is None:
            self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            self._printer.setFullPage(True)
            self._printer.setDocName(self.printed.title)
        return self._printer

    def print_with_dialog(self) -> None:
        printer = self.printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("打印"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Print every page on `printer` (from pictures of the pages); returns the pages."""
        if self.renderer is None:
            return 0
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, self.tr("打印"), self.tr("无法开始打印"))
            return 0
        printed = 0
        try:
            for page in range(1, self.printed.pages + 1):
                images = self.renderer.render(self.printed.pdf, page, page, PRINT_DPI)
                if not images:
                    break
                if printed:
                    printer.newPage()
                target = QRectF(painter.viewport())
                image = images[0]
                scale = min(target.width() / image.width(), target.height() / image.height())
                width, height = image.width() * scale, image.height() * scale
                painter.drawImage(QRectF(0, 0, width, height), image)
                printed += 1
        finally:
            painter.end()
        return printed

    def save_with_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("另存为 PDF"), self.printed.file_name, self.tr("PDF 文件 (*.pdf)")
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            path.write_bytes(self.printed.pdf)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("另存为 PDF"), self.tr("没有保存：%s") % exc)
            return
        self.status_label.setText(self.tr("已保存到 %s") % path)


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
