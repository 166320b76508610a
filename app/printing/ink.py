"""Ink: what one row draws (strings, tick boxes, ticks, lines to write on), collected and
drawn together as one text object and a few paths instead of an object for each."""

from __future__ import annotations

from reportlab.lib.colors import Color, black
from reportlab.pdfgen.canvas import Canvas

from app.printing.fonts import GlyphCheck, show, text_width


class Ink:
    """The strings, boxes and ticks of one row, drawn together when flushed: one text
    object and two paths instead of an object for each (a form has hundreds of them)."""

    def __init__(
        self, canvas: Canvas, glyphs: GlyphCheck, capture: list[str] | None = None
    ) -> None:
        self.canvas = canvas
        self.glyphs = glyphs
        self.capture = capture  # the texts drawn, for a row kept for later PDFs
        self._texts: list[tuple[float, float, str, float, Color, bool]] = []
        self._boxes: list[tuple[float, float, float]] = []
        self._ticks: list[tuple[float, float, float]] = []
        self._rules: list[tuple[float, float, float]] = []

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        *,
        where: str = "",
        color: Color = black,
        align: str = "left",
    ) -> float:
        """Add one string (checked for missing glyphs); returns its width."""
        clean = self.glyphs.clean(text, where)
        width = text_width(clean, size)
        if align == "right":
            x -= width
        elif align == "center":
            x -= width / 2
        self._texts.append((x, y, clean, size, color, False))
        return width

    def box(self, x: float, y: float, size: float, ticked: bool) -> None:
        """A tick box with its lower-left corner at (x, y), ticked or not.

        A tick is a drawn path; an invisible √ under it lets the answer be read back
        from the PDF's text (search, copy, screen readers, tests).
        """
        self._boxes.append((x, y, size))
        if ticked:
            self._ticks.append((x, y, size))
            self._texts.append((x + 0.1 * size, y + 0.2 * size, "√", size, black, True))

    def rule(self, x1: float, y: float, x2: float) -> None:
        """A line to write on, from x1 to x2 at height y."""
        self._rules.append((x1, y, x2))

    def flush(self) -> None:
        canvas = self.canvas
        if self.capture is not None:
            self.capture.extend(entry[2] for entry in self._texts)
        if self._texts:
            text = canvas.beginText()
            look: tuple[Color, bool] | None = None
            font: tuple[str, float] | None = None
            for x, y, clean, size, color, invisible in self._texts:
                if look is None or look[0] is not color:
                    text.setFillColor(color)
                if (look is None and invisible) or (look is not None and look[1] != invisible):
                    text.setTextRenderMode(3 if invisible else 0)
                look = (color, invisible)
                text.setTextOrigin(x, y)
                font = show(text, clean, size, font)
            canvas.drawText(text)
        if self._boxes:
            path = canvas.beginPath()
            for x, y, size in self._boxes:
                path.rect(x, y, size, size)
            canvas.setLineWidth(0.6)
            canvas.drawPath(path, stroke=1, fill=0)
        if self._ticks:
            path = canvas.beginPath()
            for x, y, size in self._ticks:
                path.moveTo(x + 0.16 * size, y + 0.55 * size)
                path.lineTo(x + 0.42 * size, y + 0.18 * size)
                path.lineTo(x + 0.92 * size, y + 0.95 * size)
            canvas.setLineWidth(1.3)
            canvas.drawPath(path, stroke=1, fill=0)
            canvas.setLineWidth(0.6)
        if self._rules:
            path = canvas.beginPath()
            for x1, y, x2 in self._rules:
                path.moveTo(x1, y)
                path.lineTo(x2, y)
            canvas.setLineWidth(0.5)
            canvas.drawPath(path, stroke=1, fill=0)
        self._rules.clear()
        self._texts.clear()
        self._boxes.clear()
        self._ticks.clear()
