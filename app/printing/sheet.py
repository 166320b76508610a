"""The drawing surface of a PDF: A4 pages, a cursor, and for each record its running band
(copy, title, QR code) and its footer "第 x 页 共 y 页".

Several records may share one PDF (a batch): each has its own page numbers and QR code.
What every page of a record shows is drawn once, as a form XObject shown on each page.
The total of a record's pages is not known while its first pages are drawn, so the
footer refers to another form XObject, filled in when the record ends.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.printing import qr, reuse
from app.printing.fonts import FONT, GlyphCheck, register_fonts, seed, show, text_width
from app.printing.ink import Ink
from app.printing.model import PdfResult, PrintedRecord, RecordRef

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = 15 * mm
RIGHT = PAGE_WIDTH - 15 * mm
WIDTH = RIGHT - LEFT
TOP = PAGE_HEIGHT - 10 * mm
BOTTOM = 15 * mm
QR_SIZE = 19 * mm
QR_BORDER = 2  # modules of quiet zone inside the code's square
BAND = 22 * mm  # from TOP down to where the content starts
BLANK_PAGE = "此页空白"
GREY = Color(0.4, 0.4, 0.4)
LIGHT = Color(0.9, 0.9, 0.9)
RULE = Color(0.6, 0.6, 0.6)


@dataclass
class _Record:
    ref: RecordRef
    title: str
    subtitle: str
    copy_label: str
    number: int
    first_page: int
    pages: int = 0

    @property
    def band_form(self) -> str:
        return f"band{self.number}"

    @property
    def total_form(self) -> str:
        return f"total{self.number}"


@dataclass(frozen=True)
class Stamp:
    """A drawn row kept as a form XObject, shown again wherever the same row comes back."""

    name: str
    height: float


class Sheet:
    """One PDF being drawn, record after record; `y` is the cursor (points from the bottom).

    Rows that come back unchanged (the same question with the same answer ticked, in a
    batch of a hundred forms) are drawn once as a stamp and shown again: a reference
    instead of a few dozen drawing operations. A single print has no batch to share them
    with: its rows are drawn in place, or copied from an earlier PDF (app.printing.reuse).
    """

    def __init__(
        self, printed_by: str, printed_at: datetime, title: str = "", *, even: bool = False
    ) -> None:
        register_fonts()
        #: rows come back only in a batch: a single record's rows are drawn in place (a
        #: stamp costs a PDF object of its own, paid back only when it is shown again)
        self.stamping = even
        #: every record ends on an even page (a blank back marked 此页空白), so that a
        #: batch printed on both sides splits into each record's own sheets
        self.even = even
        self._buffer = io.BytesIO()
        self.canvas = Canvas(
            self._buffer,
            pagesize=A4,
            initialFontName=FONT,  # type: ignore[arg-type]  # the stub says float; it is a name
            initialFontSize=9,
            pageCompression=1,
        )
        self.canvas.setCreator("入户走访助手 Fieldvisit")
        self.canvas.setAuthor(printed_by)
        self.canvas.setTitle(title or "入户走访助手打印")
        self.printed = f"{printed_by} 打印于 {printed_at:%Y-%m-%d %H:%M}"
        self.glyphs = GlyphCheck()
        self.y = 0.0
        self.page_number = 0
        self.records: list[PrintedRecord] = []
        self._record: _Record | None = None
        self._page_open = False
        self._stamps: dict[Hashable, Stamp] = {}
        self._stamping = False
        self._capture: list[str] | None = None
        #: room kept below what is drawn now for what must stay on its page (signatures)
        self.keep = 0.0

    # -- text ------------------------------------------------------------------------

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float = 9,
        *,
        where: str = "",
        color: Color = black,
        align: str = "left",
    ) -> float:
        """Draw one line (checked for missing glyphs); returns its width."""
        ink = self.ink()
        width = ink.text(x, y, text, size, where=where, color=color, align=align)
        ink.flush()
        return width

    def ink(self) -> Ink:
        """A batch of strings, boxes and lines to draw together."""
        return Ink(self.canvas, self.glyphs, self._capture)

    # -- records and pages -----------------------------------------------------------

    def seed(self, text: str) -> None:
        """Before the first record: the characters every print of its kind has (the form's
        labels), so that its font subsets are the same from one PDF to the next."""
        if not self.records and self._record is None:
            seed(self.canvas._doc, text)  # type: ignore[attr-defined]  # the PDF being made

    def begin_record(self, ref: RecordRef, title: str, subtitle: str, copy_label: str) -> None:
        """Start a record on a new page: its band (title, QR code) is drawn once for all."""
        if self._record is not None:
            self.end_record()
        number = len(self.records) + 1
        self._record = _Record(ref, title, subtitle, copy_label, number, self.page_number + 1)
        self._define_band(self._record)
        self.new_page()

    def new_page(self) -> None:
        record = self._record
        if record is None or self._stamping:
            raise RuntimeError("new_page outside a record or inside a stamp")
        if self._page_open:
            self.canvas.showPage()
        self.page_number += 1
        record.pages += 1
        self._page_open = True
        self._page_marks(record)
        self.y = TOP - BAND

    def need(self, height: float) -> None:
        """Make room for `height` points below the cursor (a new page if it does not fit),
        and for `keep` more: what is drawn now is then never parted from what follows."""
        if self.y - height - self.keep < BOTTOM:
            self.new_page()

    @property
    def floor(self) -> float:
        """How low drawing may go on this page (no limit while drawing a stamp)."""
        return -1e9 if self._stamping else BOTTOM

    @property
    def room(self) -> float:
        return self.y - self.floor - (0.0 if self._stamping else self.keep)

    # -- stamps ----------------------------------------------------------------------

    def stamp(self, key: Hashable) -> Stamp | None:
        """The stamp already drawn for `key`, if any."""
        return self._stamps.get(key)

    def stamped(self, key: Hashable, height: float, draw: Callable[[], None]) -> None:
        """A row of `height` points that looks the same wherever `key` comes back: shown
        from its stamp in a batch; in a single print, from the operators kept from an
        earlier PDF (app.printing.reuse) or drawn and kept."""
        stamp = self._stamps.get(key)
        if stamp is None and height > self.page_room:
            draw()  # draw_row makes its own room and breaks the row over pages
        elif stamp is not None or self.stamping:
            self.place(stamp or self.make_stamp(key, height, draw))
        else:
            self.need(height)
            self._reuse(key, height, draw)

    def _reuse(self, key: Hashable, height: float, draw: Callable[[], None]) -> None:
        doc = self.canvas._doc  # type: ignore[attr-defined]  # the PDF being made
        code: list[str] = self.canvas._code  # type: ignore[attr-defined]  # its operators
        moved = [f"q 1 0 0 1 0 {fp_str(self.y)} cm"]
        row = reuse.find(key, doc)
        if row is not None:
            code.extend([*moved, *row.ops, "Q"])
        else:
            start = len(code)
            code.extend(moved)
            saved, self.y, self._stamping, self._capture = self.y, 0.0, True, []
            try:
                draw()
            finally:
                texts, self._capture = self._capture, None
                self._stamping, self.y = False, saved
            code.append("Q")
            reuse.keep(key, code[start + 1 : -1], texts, doc)
        self.y -= height

    def make_stamp(self, key: Hashable, height: float, draw: Callable[[], None]) -> Stamp:
        """Draw a row of `height` points with `draw` (from the cursor down) as a stamp."""
        stamp = Stamp(f"row{len(self._stamps)}", height)
        saved = self.y
        self.canvas.beginForm(stamp.name, 0, -int(height) - 3, int(PAGE_WIDTH), 2)
        self._stamping = True
        self.y = 0.0
        try:
            draw()
        finally:
            self._stamping = False
            self.canvas.endForm()
            self.y = saved
        self._stamps[key] = stamp
        return stamp

    def place(self, stamp: Stamp) -> None:
        """Show a stamp below the cursor (on a new page if it does not fit)."""
        self.need(stamp.height)
        canvas = self.canvas
        canvas.saveState()
        canvas.translate(0, self.y)
        canvas.doForm(stamp.name)
        canvas.restoreState()
        self.y -= stamp.height

    @property
    def page_room(self) -> float:
        """The height of an empty page's content area."""
        return TOP - BAND - BOTTOM

    def end_record(self) -> None:
        record = self._record
        if record is None:
            return
        if self.even and record.pages % 2:
            self.new_page()
            self.text(PAGE_WIDTH / 2, PAGE_HEIGHT / 2, BLANK_PAGE, 12, color=GREY, align="center")
        canvas = self.canvas
        canvas.beginForm(record.total_form, 0, -6, 80, 20)  # room for descenders below 0
        text = canvas.beginText(0, 0)
        show(text, f" {record.pages} 页", 8)
        canvas.drawText(text)
        canvas.endForm()
        self.records.append(
            PrintedRecord(record.ref, record.title, record.first_page, record.pages)
        )
        self._record = None

    def finish(self) -> PdfResult:
        """End the last record and return the PDF."""
        self.end_record()
        if self._page_open:
            self.canvas.showPage()
        self.canvas.save()
        return PdfResult(
            pdf=self._buffer.getvalue(),
            pages=self.page_number,
            records=tuple(self.records),
            warnings=tuple(self.glyphs.messages()),
        )

    # -- the running band and the footer ---------------------------------------------

    def _define_band(self, record: _Record) -> None:
        """What every page of a record shows, drawn once: copy, title, QR code, footer."""
        canvas = self.canvas
        canvas.beginForm(record.band_form, 0, 0, int(PAGE_WIDTH), int(PAGE_HEIGHT))
        self._qr(record.ref.code(), RIGHT - QR_SIZE, TOP - QR_SIZE)
        ink = self.ink()
        ink.text(LEFT, TOP - 4 * mm, record.copy_label, 7.5, color=GREY, where="联次")
        title_size = 14 if text_width(record.title, 14) < WIDTH - QR_SIZE - 4 * mm else 12
        ink.text(LEFT, TOP - 10.5 * mm, record.title, title_size, where="标题")
        ink.text(LEFT, TOP - 16 * mm, record.subtitle, 8.5, color=GREY, where="标题")
        footer = f"记录 {record.ref.short} · {self.printed}"
        ink.text(LEFT, BOTTOM - 8 * mm, footer, 7, color=GREY, where="页脚")
        ink.flush()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(LEFT, TOP - BAND + 3 * mm, RIGHT - QR_SIZE - 2 * mm, TOP - BAND + 3 * mm)
        canvas.endForm()

    def _page_marks(self, record: _Record) -> None:
        canvas = self.canvas
        canvas.doForm(record.band_form)
        y = BOTTOM - 8 * mm
        x = RIGHT - 22 * mm
        width = self.text(x, y, f"第 {record.pages} 页 共", 8)
        canvas.saveState()
        canvas.translate(x + width, y)
        canvas.doForm(record.total_form)
        canvas.restoreState()

    def _qr(self, payload: str, left: float, bottom: float) -> None:
        """The QR code of `payload` as a square of QR_SIZE with its corner at (left, bottom):
        one filled path of the dark runs of each row, written in module units under one
        scaling (a few hundred small integers, not a thousand formatted lengths)."""
        modules = qr.modules(payload)
        count = len(modules) + 2 * QR_BORDER
        cell = QR_SIZE / count
        self.canvas.setFillColor(black)
        ops = [f"q {fp_str(cell)} 0 0 {fp_str(cell)} {fp_str(left)} {fp_str(bottom)} cm"]
        for row_index, row in enumerate(modules):
            # a hair taller than a module, so rows meet without a seam when rasterised
            y = f"{count - row_index - QR_BORDER - 1 - 0.02:.2f}"
            start: int | None = None
            for col, dark in enumerate([*row, False]):
                if dark and start is None:
                    start = col
                elif not dark and start is not None:
                    ops.append(f"{start + QR_BORDER} {y} {col - start} 1.04 re")
                    start = None
        ops.append("f Q")
        self.canvas._code.append("\n".join(ops))  # type: ignore[attr-defined]  # its operators
