"""A day's batch of 16 pages and more: previewed without poppler, zoomed by keyboard, printed
while the window stays responsive; the PDF itself sent where the print system takes one."""

from __future__ import annotations

import itertools
import os
import shutil
import stat
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QThreadPool, QTimer
from PySide6.QtGui import QAccessible, QWheelEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.printing.model import parse_record_code
from app.services.prints import Printed, Prints
from app.store import changes
from app.store.database import Database
from app.store.registry import Household
from app.store.work import Visit
from tests.printing.pdf_tools import needs_poppler, page_image, page_texts, pdf_text, qr_texts
from ui import print_job
from ui.print_preview import PrintPreviewDialog

pytestmark = needs_poppler
DAY = date(2026, 12, 1)


@pytest.fixture
def batch(district: Database) -> Printed:
    """The forms of a day's planned visits to five households: one PDF of 16 pages or more."""
    with district.transaction() as s:
        for household in s.scalars(select(Household).order_by(Household.id).limit(5)):
            values = {"household_id": household.id, "planned_date": DAY, "member": "demo"}
            changes.create(s, Visit, values, user="demo")
    printed = Prints(district, "demo").day_visits(DAY)
    assert printed.pages >= 16
    return printed


@pytest.fixture
def without_poppler(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PATH holds only a folder without pdftoppm (nor any other program)."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert shutil.which("pdftoppm") is None


def test_a_batch_previews_every_page_without_poppler(
    qtbot: QtBot, batch: Printed, without_poppler: None
) -> None:
    dialog = PrintPreviewDialog(batch)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: 1 in dialog.pages_drawn())  # the first page at once
    assert len(dialog.page_labels) == batch.pages
    assert not dialog.cancel_print_button.isVisible()  # only while printing
    bar = dialog.scroll_area.verticalScrollBar()
    seen: set[int] = set()
    for index, label in enumerate(dialog.page_labels):  # the member scrolls to every page
        dialog.scroll_area.ensureWidgetVisible(label, 0, 0)
        qtbot.waitUntil(lambda: index + 1 in dialog.pages_drawn())  # noqa: B023 (waited here)
        assert not dialog.page_labels[index].pixmap().isNull()
        seen.add(index + 1)
    assert seen == set(range(1, batch.pages + 1))
    assert bar.value() > bar.maximum() * 0.9  # scrolled to the end
    # pictures far from the view are forgotten: memory stays bounded on a long batch
    assert 1 not in dialog.pages_drawn() and dialog.page_labels[0].pixmap().isNull()
    assert "预览全部" in dialog.status_label.text()


def test_the_preview_zooms_by_keyboard(qtbot: QtBot, batch: Printed) -> None:
    dialog = PrintPreviewDialog(batch)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: 1 in dialog.pages_drawn())
    first = dialog.page_labels[0]
    width = first.width()
    box = QAccessible.queryAccessibleInterface(dialog.zoom_box)  # read with its label
    related = box.relations(QAccessible.RelationFlag.Label)
    labels = [other.text(QAccessible.Text.Name) for other, _relation in related]
    assert labels == ["缩放(Z)"] and box.text(QAccessible.Text.Value) == "100 %"
    for key, percent in ((Qt.Key.Key_Plus, 125), (Qt.Key.Key_Plus, 150), (Qt.Key.Key_Minus, 125)):
        qtbot.keyClick(dialog, key, Qt.KeyboardModifier.ControlModifier)
        assert dialog.zoom == percent and dialog.zoom_box.currentText() == f"{percent} %"
        assert abs(first.width() - width * percent / 100) <= 1
        qtbot.waitUntil(lambda: 1 in dialog.pages_drawn())  # drawn again, sharp
        assert abs(first.pixmap().deviceIndependentSize().width() - first.width()) <= 1
    qtbot.keyClick(dialog, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert dialog.zoom == 100 and first.width() == width
    dialog.zoom_box.setFocus()  # the zoom box by its keys too
    qtbot.keyClick(dialog.zoom_box, Qt.Key.Key_Down)
    assert dialog.zoom == 125
    viewport = dialog.scroll_area.viewport()  # and Ctrl+wheel, as in other programs
    for turn, percent in ((120, 150), (-120, 125), (-120, 100)):
        at = QPointF(viewport.rect().center())
        wheel = QWheelEvent(at, viewport.mapToGlobal(at), QPoint(), QPoint(0, turn),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                            Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip
        QApplication.sendEvent(viewport, wheel)
        assert dialog.zoom == percent


def test_printing_a_batch_leaves_the_window_responsive(
    tmp_path: Path, qtbot: QtBot, batch: Printed
) -> None:
    """Pictures of 16+ pages painted on a printer (the Windows way, the heaviest): the UI
    thread's timer ticks between every two pages sent; a blocked UI thread would tick none."""
    dialog = PrintPreviewDialog(batch)
    qtbot.addWidget(dialog)
    printer = dialog.printer()
    target = tmp_path / "printed.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    events: list[str] = []
    ticker = QTimer()
    ticker.setInterval(50)
    ticker.timeout.connect(lambda: events.append("tick"))
    dialog.print_progress.connect(lambda done, _total: events.append(f"page {done}"))
    request = print_job.request_of(printer, batch.title)
    ticker.start()
    with qtbot.waitSignal(dialog.printed_pages) as sent:
        assert dialog.send(request, printer, "pictures") is not None
        assert "正在打印" in dialog.status_label.text()
    ticker.stop()
    assert sent.args == [batch.pages]
    pages = [i for i, event in enumerate(events) if event.startswith("page")]
    assert len(pages) == batch.pages + 1  # before each page, and once at the end
    between = [events[a + 1 : b].count("tick") for a, b in itertools.pairwise(pages)]
    assert all(ticks > 0 for ticks in between), between
    pdf = target.read_bytes()
    assert len(page_texts(pdf)) == batch.pages
    codes = qr_texts(page_image(pdf, batch.pages, dpi=200))  # the last page's code still reads
    assert parse_record_code(codes[0]) == batch.result.records[-1].ref


def test_cancelling_a_print_stops_it(tmp_path: Path, qtbot: QtBot, batch: Printed) -> None:
    dialog = PrintPreviewDialog(batch)
    qtbot.addWidget(dialog)
    dialog.show()
    printer = dialog.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    request = print_job.request_of(printer, batch.title)
    assert dialog.send(request, printer, "pictures") is not None
    assert dialog.cancel_print_button.isVisible() and not dialog.print_button.isEnabled()
    dialog.cancel_print_button.click()
    qtbot.waitUntil(lambda: dialog.status_label.text() == "已取消打印")
    assert dialog.print_button.isEnabled() and not dialog.cancel_print_button.isVisible()


def test_a_print_goes_on_when_the_preview_is_closed(
    tmp_path: Path, qtbot: QtBot, batch: Printed
) -> None:
    dialog = PrintPreviewDialog(batch)
    qtbot.addWidget(dialog)
    dialog.show()
    printer = dialog.printer()
    target = tmp_path / "printed.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    assert dialog.send(print_job.request_of(printer, batch.title), printer, "pictures")
    dialog.close()
    assert QThreadPool.globalInstance().waitForDone(120_000)
    assert len(page_texts(target.read_bytes())) == batch.pages


def test_printing_to_a_file_writes_the_pdf_itself(
    tmp_path: Path, qtbot: QtBot, batch: Printed
) -> None:
    """Qt's "print to file" gets the print's own PDF: text stays text, no picture made."""
    dialog = PrintPreviewDialog(batch)
    qtbot.addWidget(dialog)
    printer = dialog.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "all.pdf"))
    with qtbot.waitSignal(dialog.printed_pages) as sent:
        dialog.print_to(printer)
    assert sent.args == [batch.pages]
    assert (tmp_path / "all.pdf").read_bytes() == batch.pdf
    printer.setOutputFileName(str(tmp_path / "two.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    with qtbot.waitSignal(dialog.printed_pages) as sent:
        dialog.print_to(printer)
    assert sent.args == [2]
    two = page_texts((tmp_path / "two.pdf").read_bytes())
    assert two == page_texts(batch.pdf)[1:3]  # the same text, taken out of pages 2 and 3


FAKE_LP = """#!/bin/sh
# stands in for CUPS's lp: keeps its arguments and the document it is given
printf '%s\\n' "$@" > "{folder}/argv"
cat > "{folder}/document.pdf"
if [ "$2" = "坏打印机" ]; then echo "lp: The printer or class does not exist." >&2; exit 1; fi
echo "request id is $2-17 (1 file(s))"
"""


@pytest.fixture
def cups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An `lp` program on PATH that records what it is given (no CUPS runs on the test
    machines; the real `lp` takes the same command line)."""
    folder = tmp_path / "cups"
    folder.mkdir()
    lp = folder / "lp"
    lp.write_text(FAKE_LP.format(folder=folder))
    lp.chmod(lp.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return folder


def test_the_lp_command_carries_the_members_choices() -> None:
    request = print_job.PrintRequest("表 A", "HP_LaserJet", "", copies=2, duplex=True)
    assert print_job.cups_command(request) == [
        "lp", "-d", "HP_LaserJet", "-t", "表 A", "-n", "2", "-o", "sides=two-sided-long-edge",
    ]  # fmt: skip
    ranged = print_job.PrintRequest("表 A", "HP_LaserJet", "", first=3, last=5)
    assert print_job.cups_command(ranged)[-2:] == ["-o", "page-ranges=3-5"]
    assert ranged.pages(10) == [2, 3, 4] and ranged.pages(4) == [2, 3]
    assert print_job.route(print_job.PrintRequest("t", "", "/tmp/x.pdf")) == "file"


def test_cups_gets_the_pdf_itself_and_the_window_is_told(
    qtbot: QtBot, batch: Printed, cups: Path
) -> None:
    dialog = PrintPreviewDialog(batch)
    qtbot.addWidget(dialog)
    request = print_job.PrintRequest(batch.title, "办公室打印机", "", copies=1)
    assert print_job.route(request) == "cups"
    with qtbot.waitSignal(dialog.printed_pages) as sent:
        dialog.send(request, dialog.printer())
    assert sent.args == [batch.pages]
    assert (cups / "argv").read_text().splitlines() == [
        "-d", "办公室打印机", "-t", batch.title, "-n", "1",
    ]  # fmt: skip
    sent_pdf = (cups / "document.pdf").read_bytes()
    assert sent_pdf == batch.pdf  # vector: the text is there to read, not a picture of it
    assert "计划走访清单" in pdf_text(sent_pdf)
    assert dialog.status_label.text() == f"已送去打印：{batch.pages} 页"


def test_a_printer_cups_refuses_is_named_to_the_member(
    qtbot: QtBot, batch: Printed, cups: Path
) -> None:
    dialog = PrintPreviewDialog(batch)
    qtbot.addWidget(dialog)
    request = print_job.PrintRequest(batch.title, "坏打印机", "")
    assert dialog.send(request, dialog.printer()) is not None
    refused = "没有打印：lp: The printer or class does not exist."
    qtbot.waitUntil(lambda: dialog.status_label.text() == refused)
    assert dialog.print_button.isEnabled()
