"""Ruled tables: wrapped text or pieces (tick boxes) in each cell, the header row repeated
at the top of every page the table runs onto."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import black
from reportlab.lib.units import mm

from app.printing.fonts import text_width
from app.printing.lines import Line, Piece, draw_line, flow, text_lines
from app.printing.sheet import LEFT, LIGHT, RULE, Sheet

Cell = str | Sequence[Piece]
PAD = 1.0 * mm


@dataclass(frozen=True)
class TableColumn:
    """A column: its header text and its width in points."""

    header: str
    width: float
    right: bool = False  # numbers: each line set against the cell's right edge


def fit_widths(
    natural: Sequence[float], minimum: Sequence[float], total: float
) -> list[float] | None:
    """Column widths that fill `total`: natural widths stretched or shrunk (not below the
    minimum); None when even the minimum widths do not fit."""
    low, high = sum(minimum), sum(natural)
    if low > total:
        return None
    if high <= total:
        extra = total - high
        return (
            [n + extra * n / high for n in natural]
            if high
            else [total / len(natural)] * len(natural)
        )
    share = (total - low) / (high - low)
    return [m + share * (n - m) for n, m in zip(natural, minimum, strict=True)]


def natural_width(texts: Sequence[str], size: float, cap: float) -> float:
    """The width the widest text wants (with padding), at most `cap`."""
    widest = max((text_width(t, size) for t in texts), default=0.0)
    return min(widest + 2 * PAD + 0.5, cap)


def _line_width(line: Line, size: float) -> float:
    """How wide a laid-out line of text prints."""
    return max((dx + text_width(text, piece.size or size) for dx, piece, text, _box in line),
               default=0.0)  # fmt: skip


def _cell_lines(cell: Cell, width: float, size: float) -> list[Line]:
    if isinstance(cell, str):
        return text_lines(cell, width, size) if cell else []
    return flow(cell, width, size, gap=2.0 * mm)


class Table:
    """Draws one table below the sheet's cursor, row by row."""

    def __init__(
        self,
        sheet: Sheet,
        columns: Sequence[TableColumn],
        *,
        size: float = 8,
        header_size: float = 7.5,
        where: str = "",
        x: float = LEFT,
    ) -> None:
        self.sheet = sheet
        self.columns = columns
        self.size = size
        self.header_size = header_size
        self.where = where
        self.x = x

    def draw(self, rows: Sequence[Sequence[Cell]]) -> None:
        header = [text_lines(c.header, c.width - 2 * PAD, self.header_size) for c in self.columns]
        header_height = self._height(header, self.header_size)
        first = self._lines(rows[0]) if rows else []
        self.sheet.need(header_height + (self._height(first, self.size) if rows else 0))
        self._row(header, header_height, self.header_size, shaded=True)
        for index, row in enumerate(rows):
            lines = first if index == 0 else self._lines(row)
            height = self._height(lines, self.size)
            if height > self.sheet.room:
                self.sheet.new_page()
                self._row(header, header_height, self.header_size, shaded=True)
            self._row(lines, height, self.size, shaded=False)

    def _lines(self, row: Sequence[Cell]) -> list[list[Line]]:
        return [
            _cell_lines(cell, column.width - 2 * PAD, self.size)
            for cell, column in zip(row, self.columns, strict=True)
        ]

    def _height(self, cells: Sequence[Sequence[Line]], size: float) -> float:
        leading = size * 0.47 * mm + 1.4 * mm
        return max((len(lines) for lines in cells), default=1) * leading + 2 * PAD

    def _row(
        self, cells: Sequence[Sequence[Line]], height: float, size: float, shaded: bool
    ) -> None:
        sheet = self.sheet
        canvas = sheet.canvas
        top = sheet.y
        leading = size * 0.47 * mm + 1.4 * mm
        x = self.x
        canvas.setLineWidth(0.5)
        canvas.setStrokeColor(RULE)
        for column in self.columns:
            if shaded:
                canvas.setFillColor(LIGHT)
                canvas.rect(x, top - height, column.width, height, stroke=1, fill=1)
                canvas.setFillColor(black)
            else:
                canvas.rect(x, top - height, column.width, height, stroke=1, fill=0)
            x += column.width
        canvas.setStrokeColor(black)
        x = self.x
        ink = sheet.ink()
        for column, lines in zip(self.columns, cells, strict=True):
            baseline = top - PAD - size * 0.9
            for line in lines:
                shift = column.width - 2 * PAD - _line_width(line, size) if column.right else 0
                draw_line(ink, x + PAD + max(shift, 0.0), baseline, line, size, self.where)
                baseline -= leading
            x += column.width
        ink.flush()
        sheet.y = top - height
