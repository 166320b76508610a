"""Lines of pieces (text, tick boxes, blanks to write on), laid out to a width and drawn,
and rows of a label column beside an answer column that may run onto the next page."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import black
from reportlab.lib.units import mm

from app.printing.fonts import text_width, wrap
from app.printing.ink import Ink
from app.printing.marks import BOX
from app.printing.sheet import GREY, Sheet

BOX_GAP = 1.0 * mm
PIECE_GAP = 3.5 * mm


@dataclass(frozen=True)
class Piece:
    """Text, optionally after a tick box, or a blank line to write on (`blank` points)."""

    text: str = ""
    box: bool = False
    ticked: bool = False
    grey: bool = False
    blank: float = 0.0
    size: float = 0.0  # 0: the line's size


#: one laid-out line: (x offset, piece, the part of its text on this line, box shown)
Line = Sequence[tuple[float, Piece, str, bool]]


@functools.lru_cache(maxsize=4096)
def _layout(
    specs: tuple[tuple[str, bool, float, float], ...], width: float, size: float, gap: float
) -> tuple[tuple[tuple[float, int, str, bool], ...], ...]:
    """Positions of pieces (text, box, blank, size) on lines: cached, as forms repeat."""
    lines: list[list[tuple[float, int, str, bool]]] = [[]]
    x = 0.0
    for index, (text, box, blank, own_size) in enumerate(specs):
        piece_size = own_size or size
        lead = BOX + BOX_GAP if box else 0.0
        full = lead + text_width(text, piece_size) + blank
        if x > 0 and x + full > width:
            lines.append([])
            x = 0.0
        if full <= width - x:
            lines[-1].append((x, index, text, box))
            x += full + gap
            continue
        chunks = wrap(text, max(width - lead - blank, 10 * mm), piece_size)
        for number, chunk in enumerate(chunks):
            if number:
                lines.append([])
            lines[-1].append((lead if number else 0.0, index, chunk, box and not number))
        x = lead + text_width(chunks[-1], piece_size) + blank + gap
    return tuple(tuple(line) for line in lines if line) or ((),)


def flow(pieces: Sequence[Piece], width: float, size: float, gap: float = PIECE_GAP) -> list[Line]:
    """`pieces` placed left to right, onto further lines when the width is used up."""
    specs = tuple((p.text, p.box, p.blank, p.size) for p in pieces)
    return [
        [(x, pieces[index], text, box) for x, index, text, box in line]
        for line in _layout(specs, width, size, gap)
    ]


def text_lines(text: str, width: float, size: float, *, grey: bool = False) -> list[Line]:
    """Plain text wrapped to `width`, as lines."""
    return list(_text_lines(text, width, size, grey))


@functools.lru_cache(maxsize=8192)
def _text_lines(
    text: str, width: float, size: float, grey: bool
) -> tuple[tuple[tuple[float, Piece, str, bool]], ...]:
    piece = Piece(text, grey=grey, size=size)
    return tuple(((0.0, piece, chunk, False),) for chunk in wrap(text, width, size))


def draw_line(ink: Ink, x: float, baseline: float, line: Line, size: float, where: str) -> None:
    """Add one laid-out line, its baseline at `baseline`, to the ink of its row."""
    for dx, piece, text, box in line:
        left = x + dx
        if box:
            ink.box(left, baseline - 0.8, BOX, piece.ticked)
            left += BOX + BOX_GAP
        if text:
            color = GREY if piece.grey else black
            left += ink.text(left, baseline, text, piece.size or size, color=color, where=where)
        if piece.blank:
            ink.rule(left + 0.5, baseline - 1.2, left + piece.blank - 0.5)


@dataclass(frozen=True)
class Column:
    """A column of a row: where it starts, how wide it is, the size of its text."""

    x: float
    width: float
    size: float = 9


def row_height(
    contents: Sequence[Sequence[Line]], leading: float = 4.6 * mm, pad: float = 1.2 * mm
) -> float:
    """The height `draw_row` gives to these columns of lines."""
    return max((len(lines) for lines in contents), default=0) * leading + 2 * pad


def draw_row(
    sheet: Sheet,
    columns: Sequence[Column],
    contents: Sequence[Sequence[Line]],
    *,
    leading: float = 4.6 * mm,
    pad: float = 1.2 * mm,
    where: str = "",
    rule: bool = True,
) -> None:
    """Draw columns of lines side by side below the cursor; a row too tall for the room
    left goes to a new page, and one taller than a page continues on the next."""
    count = max((len(lines) for lines in contents), default=0)
    height = row_height(contents, leading, pad)
    if height > sheet.room and height <= sheet.page_room:
        sheet.new_page()
    top = sheet.y
    baseline = top - pad - leading + 1.3 * mm
    ink = sheet.ink()
    for number in range(count):
        if baseline - 1.5 * mm < sheet.floor:  # the line would reach the bottom margin
            ink.flush()
            sheet.new_page()
            top = sheet.y
            baseline = top - pad - leading + 1.3 * mm
        for column, lines in zip(columns, contents, strict=True):
            if number < len(lines):
                draw_line(ink, column.x, baseline, lines[number], column.size, where)
        baseline -= leading
    ink.flush()
    sheet.y = baseline + leading - 1.3 * mm - pad
    if rule:
        canvas = sheet.canvas
        canvas.setStrokeColor(GREY)
        canvas.setLineWidth(0.25)
        canvas.line(columns[0].x, sheet.y, columns[-1].x + columns[-1].width, sheet.y)
        canvas.setStrokeColor(black)
