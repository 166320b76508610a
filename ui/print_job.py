"""Sending a print to a printer without freezing the window: the PDF itself where the print
system takes one (CUPS's `lp`, or a PDF file), else pictures of the pages painted onto the
QPrinter in small bands; all of it on a worker thread (ui/worker.py).

Where the PDF goes whole its text stays text (sharp at any printer resolution, small to
send). Painting a 300 dpi page onto a QPrinter in one call holds Python's lock for about half
a second (measured: the UI thread's 50 ms timer missed a whole second), so each page is
painted as bands of rows with a pause between them in which the UI thread runs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrinter

from ui.page_pictures import PageRenderer
from ui.worker import Progress

#: the highest resolution pages are drawn at for a printer (a 1200 dpi printer gets 300:
#: four times the memory and time for no difference on a form)
PRINT_DPI = 300
#: rows of a page picture painted in one call (about 50 ms each at 300 dpi)
BAND_ROWS = 200


class PrintFailed(Exception):
    """The print system refused the job (its own message is kept for the member)."""


@dataclass(frozen=True)
class PrintRequest:
    """What the member chose in the print dialog, read off the QPrinter on the UI thread."""

    title: str
    printer_name: str  # "" when printing to a file
    output_file: str  # the PDF file chosen in Qt's dialog, "" for a printer
    copies: int = 1
    duplex: bool = False
    first: int = 0  # pages from 1; 0 = every page
    last: int = 0

    def pages(self, count: int) -> list[int]:
        """The chosen pages (from 0) of a print of `count` pages."""
        if self.first <= 0:
            return list(range(count))
        return list(range(self.first - 1, min(self.last or count, count)))


def request_of(printer: QPrinter, title: str) -> PrintRequest:
    native = printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
    chosen_range = printer.printRange() == QPrinter.PrintRange.PageRange
    return PrintRequest(
        title=title,
        printer_name=printer.printerName() if native else "",
        output_file="" if native else printer.outputFileName(),
        copies=max(1, printer.copyCount()),
        duplex=printer.duplex() not in (QPrinter.DuplexMode.DuplexNone,),
        first=printer.fromPage() if chosen_range else 0,
        last=printer.toPage() if chosen_range else 0,
    )


def lp_program() -> str | None:
    """CUPS's `lp` where the print system is CUPS (Linux, BSD, macOS), else None."""
    if sys.platform == "win32":
        return None
    return shutil.which("lp")


def route(request: PrintRequest) -> str:
    """How a request is printed: "file" (the PDF written), "cups" (the PDF sent to `lp`),
    or "pictures" (pages painted onto the QPrinter, as on Windows)."""
    if request.output_file:
        return "file"
    if request.printer_name and lp_program():
        return "cups"
    return "pictures"


def cups_command(request: PrintRequest, lp: str = "lp") -> list[str]:
    """The `lp` command line of a request; the PDF goes in by standard input, so no copy
    of personal data is left on disk by the program."""
    command = [lp, "-d", request.printer_name, "-t", request.title, "-n", str(request.copies)]
    if request.duplex:
        command += ["-o", "sides=two-sided-long-edge"]
    if request.first > 0:
        command += ["-o", f"page-ranges={request.first}-{request.last or request.first}"]
    return command


def send_to_cups(request: PrintRequest, pdf: bytes, pages: int, report: Progress) -> int:
    """Hand the whole PDF to CUPS; returns the pages of the job."""
    lp = lp_program()
    if lp is None:
        raise PrintFailed("lp")
    report(0, 1)
    try:
        done = subprocess.run(
            cups_command(request, lp), input=pdf, capture_output=True, timeout=120, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PrintFailed(str(exc)) from exc
    if done.returncode != 0:
        raise PrintFailed(done.stderr.decode(errors="replace").strip() or str(done.returncode))
    report(1, 1)
    return len(request.pages(pages))


def write_file(request: PrintRequest, renderer: PageRenderer, pages: int) -> int:
    """Write the chosen pages as a PDF file, still vector."""
    chosen = request.pages(pages)
    data = renderer.pdf if len(chosen) == pages else renderer.pages(chosen)
    try:
        Path(request.output_file).write_bytes(data)
    except OSError as exc:
        raise PrintFailed(str(exc)) from exc
    return len(chosen)


def paint_pages(
    printer: QPrinter, renderer: PageRenderer, chosen: list[int], report: Progress
) -> int:
    """Paint pictures of the `chosen` pages onto `printer` (Qt allows a QPainter on a
    QPrinter in another thread); `report` raises Cancelled when the member cancels."""
    dpi = min(PRINT_DPI, max(72, printer.resolution()))
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed(printer.printerName())
    done = 0
    try:
        for index in chosen:
            report(done, len(chosen))
            image = renderer.render(index, dpi)
            if done:
                printer.newPage()
            target = QRectF(painter.viewport())
            scale = min(target.width() / image.width(), target.height() / image.height())
            for top in range(0, image.height(), BAND_ROWS):
                rows = min(BAND_ROWS, image.height() - top)
                painter.drawImage(
                    QRectF(0, top * scale, image.width() * scale, rows * scale),
                    image,
                    QRectF(0, top, image.width(), rows),
                )
                time.sleep(0.001)  # lets the UI thread take Python's lock between bands
            done += 1
        report(done, len(chosen))
    except BaseException:
        printer.abort()  # a cancelled job reaches no printer half done
        raise
    finally:
        painter.end()
    return done
