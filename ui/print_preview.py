"""Print preview: a print's pages as pictures with zoom, printing without freezing the
window, saving as PDF (the 打印 menu that opens it is ui/print_menu.py).

Pages are drawn by PDFium (pypdfium2, part of the desktop extra) on a worker thread, only
those in view and near it, page by page: the first page shows at once, a batch of hundreds
of pages keeps about a dozen pictures in memory. How a print reaches the printer is
ui/print_job.py's business.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMetaObject, QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QImage, QKeySequence, QPixmap, QShowEvent, QWheelEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services.prints import Printed
from ui import print_job, worker
from ui.announce import MessageLine
from ui.page_pictures import PageRenderer, PageSize, renderer_available
from ui.theme import within_screen

if TYPE_CHECKING:
    pass

#: the zoom levels offered, in percent; 100 % shows a page at its paper size
ZOOMS = (50, 75, 100, 125, 150, 200, 300, 400)
SCREEN_DPI = 96
#: pages drawn beyond the visible ones, and kept as pictures, on either side
AHEAD = 2
KEPT = 6


def find_renderer() -> type[PageRenderer] | None:
    """PDFium's renderer, or None where pypdfium2 is missing (the PDF can still be saved)."""
    return PageRenderer if renderer_available() else None


class PagePost(QObject):
    """Carries pictures of pages from the worker to the UI thread: (zoom, page, picture)."""

    page = Signal(int, int, QImage)


class PrintPreviewDialog(QDialog):
    """Shows a print's pages with zoom; prints them without freezing, or saves the PDF."""

    printed_pages = Signal(int)  # a print has reached the printer, the print system or file
    print_progress = Signal(int, int)  # pages sent so far, of how many

    def __init__(
        self,
        printed: Printed,
        parent: QWidget | None = None,
        *,
        find: Callable[[], type[PageRenderer] | None] = find_renderer,
    ) -> None:
        super().__init__(parent)
        self.printed = printed
        kind = find()
        self.renderer = kind(printed.pdf) if kind is not None else None
        self._printer: QPrinter | None = None  # kept alive while Qt uses it (STACK.md)
        self._job: worker.Job | None = None
        self._print_job: worker.Job | None = None
        self._connections: list[QMetaObject.Connection] = []  # of the jobs, cut on closing
        self.sizes: list[PageSize] = []
        self.zoom = 100
        self._shown_zoom: list[int] = []  # per page: the zoom its picture was drawn at, or 0
        self._post = PagePost(self)
        self._post.page.connect(self._show_page)
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

        self.zoom_box = QComboBox()
        for percent in ZOOMS:
            self.zoom_box.addItem(f"{percent} %", percent)
        self.zoom_box.setCurrentIndex(ZOOMS.index(self.zoom))
        self.zoom_box.setToolTip(self.tr("放大 Ctrl++，缩小 Ctrl+-，原大 Ctrl+0"))
        self.zoom_box.currentIndexChanged.connect(lambda i: self.set_zoom(ZOOMS[i]))
        zoom_label = QLabel(self.tr("缩放(&Z)"))
        zoom_label.setBuddy(self.zoom_box)
        self.zoom_in = QPushButton(self.tr("放大"))
        self.zoom_out = QPushButton(self.tr("缩小"))
        self.zoom_in.clicked.connect(lambda: self.step_zoom(1))
        self.zoom_out.clicked.connect(lambda: self.step_zoom(-1))
        for keys, step in (
            ((QKeySequence.StandardKey.ZoomIn, "Ctrl+="), 1),
            ((QKeySequence.StandardKey.ZoomOut,), -1),
            (("Ctrl+0",), 0),
        ):
            action = QAction(self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.triggered.connect(lambda _c=False, s=step: self.step_zoom(s))
            self.addAction(action)
        top = QHBoxLayout()
        top.addWidget(self.pages_label, 1)
        top.addWidget(zoom_label)
        top.addWidget(self.zoom_out)
        top.addWidget(self.zoom_box)
        top.addWidget(self.zoom_in)

        self.page_box = QWidget()
        self.page_layout = QVBoxLayout(self.page_box)
        self.page_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.page_box)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setAccessibleName(self.tr("预览的页面"))
        self.page_labels: list[QLabel] = []
        self._pump_soon = QTimer(self)
        self._pump_soon.setSingleShot(True)
        self._pump_soon.setInterval(30)
        self._pump_soon.timeout.connect(self._pump)
        self.scroll_area.verticalScrollBar().valueChanged.connect(self._pump_soon.start)
        self.scroll_area.viewport().installEventFilter(self)  # Ctrl+wheel zooms

        buttons = QDialogButtonBox()
        self.print_button = QPushButton(self.tr("打印(&P)…"))
        self.cancel_print_button = QPushButton(self.tr("取消打印(&X)"))
        self.save_button = QPushButton(self.tr("另存为 PDF(&S)…"))
        close_button = QPushButton(self.tr("关闭(&C)"))
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.cancel_print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button.clicked.connect(self.print_with_dialog)
        self.cancel_print_button.clicked.connect(self.cancel_print)
        self.save_button.clicked.connect(self.save_with_dialog)
        close_button.clicked.connect(self.reject)
        self.cancel_print_button.setVisible(False)  # after addButton, which shows it

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(buttons)
        self.resize(within_screen(self, QSize(760, 900)))  # an A4 page's shape, on the screen
        self._preview_started = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(event, QWheelEvent)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            turn = event.angleDelta().y()
            if turn:
                self.step_zoom(1 if turn > 0 else -1)
            return True  # not a scroll as well
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._preview_started:  # a dialog never shown renders nothing
            self._preview_started = True
            self.scroll_area.setFocus()  # the pages: arrows and Page Down scroll them
            self._start_preview()
        super().showEvent(event)

    def done(self, result: int) -> None:
        if self._job is not None:  # a preview still drawing stops and reports to no one
            self._job.cancel()
        # a print already going goes on to the end, as in other programs: its job holds
        # the printer and the PDF, not the dialog; it only reports to no one
        for connection in self._connections:
            QObject.disconnect(connection)
        self._connections.clear()
        self._job = self._print_job = None
        super().done(result)

    def _follow(self, job: worker.Job, **slots: Callable[..., None]) -> None:
        """Connect a job's signals (by name) to this dialog, cut again when it closes."""
        for name, slot in slots.items():
            self._connections.append(getattr(job.signals, name).connect(slot))

    # -- preview -------------------------------------------------------------------------

    def _start_preview(self) -> None:
        renderer = self.renderer
        if renderer is None:
            self.print_button.setEnabled(False)
            for widget in (self.zoom_box, self.zoom_in, self.zoom_out):
                widget.setEnabled(False)
            self.status_label.setText(
                self.tr(
                    "本机不能预览和直接打印（缺少 pypdfium2）。请另存为 PDF，再用 PDF 阅读器打印。"
                )
            )
            return
        self.status_label.setText(self.tr("正在生成预览…"))
        job = worker.Job(lambda _report: renderer.page_sizes())
        self._follow(job, finished=self._lay_out_pages, failed=self._preview_failed)
        self._job = worker.start(job)

    def _lay_out_pages(self, sizes: object) -> None:
        """One empty page of the right size for every page; pictures come as they are drawn."""
        assert isinstance(sizes, list)
        self._job = None
        self.sizes = sizes
        self._shown_zoom = [0] * len(sizes)
        for number in range(1, len(sizes) + 1):
            label = QLabel()
            label.setAccessibleName(self.tr("第 %1 页").replace("%1", str(number)))
            label.setStyleSheet("background: white;")
            self.page_layout.addWidget(label)
            self.page_labels.append(label)
        self._size_pages()
        self._pump_soon.start()

    def _size_pages(self) -> None:
        for label, size in zip(self.page_labels, self.sizes, strict=True):
            width, height = size.pixels(SCREEN_DPI * self.zoom / 100)
            label.setFixedSize(width, height)

    def _wanted_pages(self) -> list[int]:
        """The pages in view, then those just before and after it."""
        bar = self.scroll_area.verticalScrollBar()
        height = max(1, self.scroll_area.viewport().height())
        view = QRect(0, bar.value(), max(1, self.page_box.width()), height)
        visible = [
            i for i, label in enumerate(self.page_labels) if label.geometry().intersects(view)
        ]
        if not visible:
            visible = [0] if self.page_labels else []
        if not visible:
            return []
        first, last = visible[0], visible[-1]
        around = range(max(0, first - AHEAD), min(len(self.page_labels), last + AHEAD + 1))
        return visible + [i for i in around if i not in visible]

    def _pump(self) -> None:
        """Draw the wanted pages not yet drawn at this zoom; forget pictures far from view."""
        if self._job is not None or self.renderer is None or not self.page_labels:
            return
        wanted = self._wanted_pages()
        low, high = min(wanted) - KEPT, max(wanted) + KEPT
        for index, label in enumerate(self.page_labels):
            if self._shown_zoom[index] and not low <= index <= high:
                label.clear()
                self._shown_zoom[index] = 0
        missing = [i for i in wanted if self._shown_zoom[i] != self.zoom]
        if not missing:
            self._preview_complete()
            return
        renderer, post, zoom = self.renderer, self._post, self.zoom
        ratio = self.devicePixelRatioF()
        dpi = SCREEN_DPI * zoom / 100 * ratio

        def draw(report: worker.Progress) -> None:
            for done, index in enumerate(missing):
                report(done, len(missing))  # raises Cancelled when the zoom changed
                image = renderer.render(index, dpi)
                image.setDevicePixelRatio(ratio)
                post.page.emit(zoom, index, image)

        job = worker.Job(draw)
        self._follow(job, finished=self._drawn, cancelled=self._drawn, failed=self._preview_failed)
        self._job = worker.start(job)

    def _drawn(self, _result: object = None) -> None:
        self._job = None
        self._pump()

    def _show_page(self, zoom: int, index: int, image: QImage) -> None:
        if zoom != self.zoom or index >= len(self.page_labels):
            return  # drawn for a zoom left meanwhile
        self.page_labels[index].setPixmap(QPixmap.fromImage(image))
        self._shown_zoom[index] = zoom
        if self.status_label.text() == self.tr("正在生成预览…"):
            self._preview_complete()

    def _preview_complete(self) -> None:
        text = self.tr("预览全部 %n 页", "", len(self.page_labels))
        if self.status_label.text() != text and self._print_job is None:
            self.status_label.setText(text)

    def _preview_failed(self, error: object) -> None:
        self._job = None
        self.status_label.setText(self.tr("无法生成预览：%s") % error)

    def pages_drawn(self) -> list[int]:
        """The pages (from 1) shown as pictures at the current zoom."""
        return [i + 1 for i, zoom in enumerate(self._shown_zoom) if zoom == self.zoom]

    # -- zoom -----------------------------------------------------------------------------

    def step_zoom(self, step: int) -> None:
        """One zoom level up (1) or down (-1), or back to 100 % (0)."""
        if step == 0:
            self.set_zoom(100)
            return
        at = ZOOMS.index(self.zoom) if self.zoom in ZOOMS else ZOOMS.index(100)
        self.set_zoom(ZOOMS[max(0, min(len(ZOOMS) - 1, at + step))])

    def set_zoom(self, percent: int) -> None:
        if percent == self.zoom:
            return
        bar = self.scroll_area.verticalScrollBar()
        where = bar.value() / max(1, bar.maximum())
        self.zoom = percent
        self.zoom_box.setCurrentIndex(ZOOMS.index(percent))
        if self._job is not None and self.sizes:
            self._job.cancel()  # its pictures are for the old zoom; it ends, then pumps
        for index, label in enumerate(self.page_labels):
            pixmap = label.pixmap()
            if self._shown_zoom[index] and not pixmap.isNull():  # stretched until redrawn
                width, height = self.sizes[index].pixels(SCREEN_DPI * percent / 100)
                label.setPixmap(
                    pixmap.scaled(
                        round(width * pixmap.devicePixelRatio()),
                        round(height * pixmap.devicePixelRatio()),
                    )
                )
        self._size_pages()
        self.page_box.adjustSize()
        bar.setValue(round(where * bar.maximum()))
        self._pump_soon.start()

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

    def print_to(self, printer: QPrinter) -> worker.Job | None:
        """Send the print to `printer` on a worker thread, the PDF itself where the print
        system takes one; `printed_pages` says how many pages went when it is done."""
        return self.send(print_job.request_of(printer, self.printed.title), printer)

    def send(
        self, request: print_job.PrintRequest, printer: QPrinter, how: str = ""
    ) -> worker.Job | None:
        """Print `request` the way its printer takes it (`how`: print_job.route's answer,
        or "pictures" for pictures of the pages on `printer` whatever it is)."""
        renderer = self.renderer
        if renderer is None or self._print_job is not None:
            return None
        pages, pdf = self.printed.pages, self.printed.pdf
        how = how or print_job.route(request)
        if how == "file":
            job = worker.Job(lambda _report: print_job.write_file(request, renderer, pages))
        elif how == "cups":
            job = worker.Job(lambda report: print_job.send_to_cups(request, pdf, pages, report))
        else:
            chosen = request.pages(pages)
            job = worker.Job(
                lambda report: print_job.paint_pages(printer, renderer, chosen, report)
            )
        return self._start_print(job)

    def _start_print(self, job: worker.Job) -> worker.Job:
        self._follow(
            job,
            progress=self._print_progress,
            finished=self._print_done,
            failed=self._print_failed,
            cancelled=self._print_cancelled,
        )
        self._print_job = job
        self.print_button.setEnabled(False)
        self.cancel_print_button.setVisible(True)
        self.status_label.setText(self.tr("正在打印…"))
        return worker.start(job)

    def cancel_print(self) -> None:
        if self._print_job is not None:
            self._print_job.cancel()

    def _print_progress(self, done: int, total: int) -> None:
        self.print_progress.emit(done, total)
        self.status_label.setText(
            self.tr("正在打印：已送出 %1 页，共 %2 页")
            .replace("%1", str(done))
            .replace("%2", str(total))
        )

    def _print_ended(self, text: str) -> None:
        self._print_job = None
        self.print_button.setEnabled(True)
        self.cancel_print_button.setVisible(False)
        self.status_label.setText(text)

    def _print_done(self, pages: object) -> None:
        assert isinstance(pages, int)
        self._print_ended(self.tr("已送去打印：%n 页", "", pages))
        self.printed_pages.emit(pages)

    def _print_failed(self, error: object) -> None:
        self._print_ended(self.tr("没有打印：%s") % error)

    def _print_cancelled(self) -> None:
        self._print_ended(self.tr("已取消打印"))

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
