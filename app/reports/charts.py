"""A figure's chart as one reportlab drawing: vector in the printed reports, SVG on screen.

Grouped horizontal bars (progress and counts: category names read level, however many)
and lines (the weekly trend). Nothing is told by colour alone: each series has its own
pattern (solid, hatched, empty, ruled) or its own dash and marker, a legend names it, and
every bar and point carries its value. Black and greys on white only, so it prints on
any printer and stays legible in high contrast.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Group,
    Line,
    Path,
    Polygon,
    PolyLine,
    Rect,
    String,
)
from reportlab.lib.colors import Color, black, white

from app.printing.fonts import FONT, GlyphCheck, register_fonts, text_width
from app.reports.figure import Figure

Anchor = Literal["start", "middle", "end"]
INK = black
GRID = Color(0.72, 0.72, 0.72)
AXIS = Color(0.25, 0.25, 0.25)
#: the category names of a table's total row
TOTALS = frozenset({"合计", "总计"})
#: the families the program registers for the same font files (ui/fonts.py), for QtSvg
SVG_FAMILIES = "'WenQuanYi Micro Hei','HanaMinA',sans-serif"


@dataclass(frozen=True)
class BarStyle:
    """How one series' bars look: a fill, and ruled lines over it."""

    fill: Color
    hatch: str  # "" | "diagonal" | "horizontal" | "cross"


BAR_STYLES = (
    BarStyle(Color(0.2, 0.2, 0.2), ""),
    BarStyle(white, "diagonal"),
    BarStyle(Color(0.78, 0.78, 0.78), ""),
    BarStyle(white, "horizontal"),
    BarStyle(white, "cross"),
)
#: the line series: dash array (empty: solid) and marker
LINE_STYLES = (
    ((), "circle"),
    ((4, 2), "square"),
    ((1, 2), "triangle"),
    ((6, 2, 1, 2), "diamond"),
)


@dataclass(frozen=True)
class Series:
    """One series of a chart: its name and a value per category."""

    name: str
    values: tuple[float, ...]


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def number(value: str | int | float | Decimal) -> float:
    """A table cell as a number for drawing ("95.3%" -> 95.3; no number -> 0)."""
    if isinstance(value, int | float | Decimal):
        return float(value)
    found = _NUMBER.search(value.replace(",", ""))
    return float(found.group()) if found else 0.0


def cell(value: str | int | float | Decimal) -> str:
    """A figure's cell as every table writes it, on screen and on paper: money (yuan) to
    the fen, a share with its one decimal (40.0 beside 27.6, not 40), a count as it is."""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, float):
        return f"{value:.1f}" if value != int(value) or abs(value) < 1000 else f"{value:.0f}"
    return str(value)


def label(value: float, like: str | int | float | Decimal) -> str:
    """A value as written on a bar or point: as the table writes it."""
    if isinstance(like, str | Decimal | float):
        return cell(like)
    if value == int(value):
        return f"{round(value):d}"
    return f"{value:.1f}"


def series_of(figure: Figure) -> tuple[list[str], list[Series], list[list[str]]]:
    """The categories, the series and the value labels of a figure's chart (a total row,
    合计 in any column, is the table's, not the chart's: its bar would dwarf the others)."""
    chart = figure.chart
    if chart is None:
        return [], [], []
    # (the total may stand in another column than the category: 合计 | "" | "" | 5 …)
    rows = [row for row in figure.rows if not any(str(cell) in TOTALS for cell in row)]
    categories = [str(row[chart.category_column]) for row in rows]
    series = [
        Series(figure.columns[c], tuple(number(row[c]) for row in rows))
        for c in chart.value_columns
    ]
    labels = [[label(number(row[c]), row[c]) for row in rows] for c in chart.value_columns]
    return categories, series, labels


#: the most of a bar chart's width its category names take (a longer name is cut)
NAMES_SHARE = 0.5
#: a bar chart of more bars than this (categories × series) is not drawn, the table has
#: them all: a town's 34 villages in two series (68 bars) still fit an A4 page at 6.5
#: points, a district's 333 members do not fit anything
MAX_BARS = 80


def why_not_drawn(figure: Figure) -> str:
    """Why the figure's chart is left out, on screen and on paper ("" when it is drawn, or
    when the figure has no chart): a chart of nothing but zeros says nothing its table does
    not, and more bars than fit a page (200 members of a district) are unreadable."""
    if figure.chart is None or not figure.rows:
        return ""
    categories, series, _labels = series_of(figure)
    if not any(value for one in series for value in one.values):
        return "各项均为 0，不作图"
    if figure.chart.kind == "bar" and len(categories) * max(len(series), 1) > MAX_BARS:
        return f"类别过多（{len(categories)} 项），不作图"
    return ""


def tick_label(tick: float, step: float) -> str:
    """An axis tick: whole numbers without decimals."""
    return f"{tick:.0f}" if step == int(step) else f"{tick:g}"


def nice_step(span: float, ticks: int) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) for about `ticks` ticks."""
    if span <= 0:
        return 1.0
    raw = span / max(ticks, 1)
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= raw:
            return float(factor * power)
    return float(10 * power)


def scale(values: Sequence[float], ticks: int) -> tuple[float, float, float]:
    """The value axis: (low, high, step), from zero, with room for the largest value; whole
    steps for whole values (counts: no tick at 0.2 person)."""
    low = min([0.0, *values])
    high = max([0.0, *values])
    if high == low:
        high = low + 1
    step = nice_step(high - low, ticks)
    if all(v == int(v) for v in values):
        step = max(step, 1.0)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


class _Text:
    """Strings in the chart's font, with characters it lacks printed as 〓."""

    def __init__(self, size: float) -> None:
        register_fonts()
        self.size = size
        self.glyphs = GlyphCheck()

    def string(
        self, x: float, y: float, text: str, *, size: float = 0, anchor: Anchor = "start"
    ) -> String:
        return String(
            x,
            y,
            self.glyphs.clean(text, "图表"),
            fontName=FONT,
            fontSize=size or self.size,
            fillColor=INK,
            textAnchor=anchor,
        )

    def width(self, text: str, size: float = 0) -> float:
        return text_width(text, size or self.size)


Segment = tuple[float, float, float, float]


def _hatch(x: float, y: float, w: float, h: float, kind: str, step: float) -> Path:
    """Ruled lines inside the rectangle (x, y, w, h), diagonal, horizontal or crossed, as
    one path (a shape for each line cost 40 ms a chart in reportlab's attribute checks)."""
    segments: list[Segment] = []
    if kind == "horizontal":
        level = y + step / 2
        while level < y + h:
            segments.append((x, level, x + w, level))
            level += step
    if kind in ("diagonal", "cross"):
        segments += _diagonals(x, y, w, h, step, 1)
    if kind == "cross":
        segments += _diagonals(x, y, w, h, step, -1)
    path = Path(strokeColor=INK, strokeWidth=0.5, fillColor=None)
    for x1, y1, x2, y2 in segments:
        path.moveTo(x1, y1)
        path.lineTo(x2, y2)
    return path


def _diagonals(x: float, y: float, w: float, h: float, step: float, slope: int) -> list[Segment]:
    """Segments of slope ±1 cut to the rectangle."""
    segments: list[Segment] = []
    offset = step / 2
    while offset < w + h:
        if slope == 1:
            x1, y1, x2, y2 = x + offset - h, y, x + offset, y + h
        else:
            x1, y1, x2, y2 = x + offset, y, x + offset - h, y + h
        cut = _clip_segment(x1, y1, x2, y2, x, y, x + w, y + h)
        if cut:
            segments.append(cut)
        offset += step
    return segments


def _clip_segment(
    x1: float, y1: float, x2: float, y2: float, left: float, bottom: float, right: float, top: float
) -> Segment | None:
    """The part of a segment inside a rectangle (Liang-Barsky), or None."""
    dx, dy = x2 - x1, y2 - y1
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x1 - left), (dx, right - x1), (-dy, y1 - bottom), (dy, top - y1)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
    if t0 >= t1:
        return None
    return x1 + t0 * dx, y1 + t0 * dy, x1 + t1 * dx, y1 + t1 * dy


def _rect(x: float, y: float, w: float, h: float, fill: Color, stroke: float) -> Rect:
    """A rectangle filled with `fill`, outlined in ink `stroke` points wide (0: none)."""
    rect = Rect(x, y, w, h)
    rect.fillColor = fill
    rect.strokeColor = INK if stroke else None
    rect.strokeWidth = stroke
    return rect


def _dashed(shape: Line | PolyLine, dash: Sequence[float]) -> Line | PolyLine:
    if dash:
        shape.strokeDashArray = list(dash)
    return shape


def bar_swatch(group: Group, x: float, y: float, w: float, h: float, index: int) -> None:
    """One bar (or legend swatch) in the style of series `index`."""
    style = BAR_STYLES[index % len(BAR_STYLES)]
    group.add(_rect(x, y, w, h, style.fill, 0.6))
    if style.hatch and w > 1 and h > 1:
        group.add(_hatch(x, y, w, h, style.hatch, 3.2))


def marker(group: Group, x: float, y: float, size: float, index: int) -> None:
    """The point marker of line series `index`: circle, square, triangle, diamond."""
    kind = LINE_STYLES[index % len(LINE_STYLES)][1]
    r = size / 2
    filled = index % 2 == 0
    fill = INK if filled else white
    if kind == "circle":
        group.add(Circle(x, y, r, fillColor=fill, strokeColor=INK, strokeWidth=0.8))
    elif kind == "square":
        group.add(_rect(x - r, y - r, size, size, fill, 0.8))
    else:
        if kind == "triangle":
            points = [x - r, y - r, x + r, y - r, x, y + r]
        else:
            points = [x, y - r * 1.2, x + r * 1.2, y, x, y + r * 1.2, x - r * 1.2, y]
        group.add(Polygon(points, fillColor=fill, strokeColor=INK, strokeWidth=0.8))


def _legend(
    group: Group, text: _Text, series: Sequence[Series], kind: str, x: float, top: float
) -> float:
    """The series' names with their swatches, in a row at the top; returns its height."""
    size = text.size
    swatch = size * (2.2 if kind == "line" else 1.4)
    at = x
    for index, one in enumerate(series):
        if kind == "bar":
            bar_swatch(group, at, top - size, swatch, size * 0.9, index)
        else:
            dash = LINE_STYLES[index % len(LINE_STYLES)][0]
            line_y = top - size * 0.55
            line = Line(at, line_y, at + swatch, line_y, strokeColor=INK, strokeWidth=1.2)
            group.add(_dashed(line, dash))
            marker(group, at + swatch / 2, line_y, size * 0.6, index)
        group.add(text.string(at + swatch + 3, top - size * 0.85, one.name))
        at += swatch + 3 + text.width(one.name) + size * 1.5
    return size * 1.6


def _empty(drawing: Drawing, text: _Text, width: float, height: float) -> Drawing:
    drawing.add(text.string(width / 2, height / 2, "无数据", anchor="middle"))
    return drawing


def names_width(figure: Figure, size: float = 8) -> float:
    """The width a bar chart's longest category name wants, in the chart's units."""
    categories, _series, _labels = series_of(figure)
    text = _Text(size)
    return max((text.width(c) for c in categories), default=0.0) + 6


def bar_height(figure: Figure, size: float = 8) -> float:
    """The height a bar chart of `figure` wants: a legible band for each category."""
    categories, series, _labels = series_of(figure)
    band = max(len(series), 1) * size * 1.25 + size * 0.6
    return size * 4.5 + len(categories) * band


def _bars(figure: Figure, width: float, height: float, size: float) -> Drawing:
    drawing = Drawing(width, height)
    text = _Text(size)
    categories, series, labels = series_of(figure)
    if not categories or not series:
        return _empty(drawing, text, width, height)
    group = Group()
    legend = _legend(group, text, series, "bar", 2, height - 2)
    widest_value = max(text.width(v) for row in labels for v in row)
    left = min(max(text.width(c) for c in categories) + 6, width * NAMES_SHARE)
    right = width - widest_value - 6
    bottom = size * 2.2
    top = height - legend - 4
    if right - left < 20 or top - bottom < 10:
        return _empty(drawing, text, width, height)
    low, high, step = scale([v for s in series for v in s.values], max(int((right - left) / 60), 2))

    def at(value: float) -> float:
        return left + (value - low) / (high - low) * (right - left)

    tick = low
    while tick <= high + step / 1000:
        x = at(tick)
        group.add(Line(x, bottom, x, top, strokeColor=GRID, strokeWidth=0.4))
        group.add(text.string(x, bottom - size * 1.3, tick_label(tick, step), anchor="middle"))
        tick += step
    band = (top - bottom) / len(categories)
    thick = min(band * 0.8 / len(series), size * 2.2)
    for row, category in enumerate(categories):
        band_top = top - row * band
        first = band_top - (band - thick * len(series)) / 2
        name = category if text.width(category) <= left - 6 else _cut(text, category, left - 6)
        group.add(text.string(left - 4, band_top - band / 2 - size * 0.35, name, anchor="end"))
        for index, one in enumerate(series):
            y = first - (index + 1) * thick
            value = one.values[row]
            x0, x1 = sorted((at(0), at(value)))
            bar_swatch(group, x0, y, max(x1 - x0, 0.01), thick * 0.92, index)
            value_size = min(size, thick * 0.95)
            group.add(
                text.string(
                    x1 + 2,
                    y + thick * 0.46 - value_size * 0.35,
                    labels[index][row],
                    size=value_size,
                )
            )
    group.add(Line(at(0), bottom, at(0), top, strokeColor=AXIS, strokeWidth=0.8))
    group.add(Line(left, bottom, right, bottom, strokeColor=AXIS, strokeWidth=0.8))
    drawing.add(group)
    return drawing


def _cut(text: _Text, value: str, width: float) -> str:
    while value and text.width(value + "…") > width:
        value = value[:-1]
    return value + "…"


Box = tuple[float, float, float, float]


def _overlap(one: Box, other: Box) -> bool:
    """Whether two boxes (left, bottom, right, top) overlap."""
    return one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3]


def _lines(figure: Figure, width: float, height: float, size: float) -> Drawing:
    drawing = Drawing(width, height)
    text = _Text(size)
    categories, series, labels = series_of(figure)
    if not categories or not series:
        return _empty(drawing, text, width, height)
    group = Group()
    legend = _legend(group, text, series, "line", 2, height - 2)
    low, high, step = scale([v for s in series for v in s.values], max(int(height / 50), 2))
    left = max(text.width(tick_label(t, step)) for t in (low, high)) + 8
    right = width - size * 2
    bottom = size * 2.4
    top = height - legend - size * 1.4  # room for the values above the highest points
    if right - left < 20 or top - bottom < 10:
        return _empty(drawing, text, width, height)

    def y_of(value: float) -> float:
        return bottom + (value - low) / (high - low) * (top - bottom)

    count = len(categories)
    slot = (right - left) / max(count, 1)

    def x_of(index: int) -> float:
        return left + slot * (index + 0.5)

    tick = low
    while tick <= high + step / 1000:
        y = y_of(tick)
        group.add(Line(left, y, right, y, strokeColor=GRID, strokeWidth=0.4))
        group.add(text.string(left - 4, y - size * 0.35, tick_label(tick, step), anchor="end"))
        tick += step
    widest = max(text.width(c) for c in categories) + size
    every = max(1, math.ceil(widest / slot))
    for index, category in enumerate(categories):
        if index % every == 0:
            group.add(text.string(x_of(index), bottom - size * 1.4, category, anchor="middle"))
    value_every = max(1, math.ceil((max(text.width(v) for r in labels for v in r) + 4) / slot))
    for index, one in enumerate(series):
        dash = LINE_STYLES[index % len(LINE_STYLES)][0]
        points = [c for i, v in enumerate(one.values) for c in (x_of(i), y_of(v))]
        if count > 1:
            group.add(_dashed(PolyLine(points, strokeColor=INK, strokeWidth=1.2), dash))
        for point, value in enumerate(one.values):
            marker(group, x_of(point), y_of(value), size * 0.6, index)
    # the values, the last point's first: one that would cover another is left to the table
    placed: list[Box] = []
    for point in reversed(range(count)):
        if (count - 1 - point) % value_every:
            continue
        for index, one in enumerate(series):
            value = one.values[point]
            # the highest series at a point writes above it, the others below
            above = value >= max(other.values[point] for other in series)
            tries = (size * 0.5, -size * 1.3) if above else (-size * 1.3, size * 0.5)
            written = labels[index][point]
            half = text.width(written) / 2 + 1
            for shift in tries:
                y = y_of(value) + shift
                box = (x_of(point) - half, y - size * 0.25, x_of(point) + half, y + size * 0.85)
                if y >= bottom + 1 and not any(_overlap(box, other) for other in placed):
                    placed.append(box)
                    group.add(text.string(x_of(point), y, written, anchor="middle"))
                    break
    group.add(Line(left, bottom, left, top, strokeColor=AXIS, strokeWidth=0.8))
    group.add(Line(left, bottom, right, bottom, strokeColor=AXIS, strokeWidth=0.8))
    drawing.add(group)
    return drawing


def drawing(figure: Figure, width: float, height: float, *, size: float = 8) -> Drawing:
    """The figure's chart as a reportlab drawing of `width` x `height` points."""
    chart = figure.chart
    if chart is not None and chart.kind == "line":
        return _lines(figure, width, height, size)
    if chart is not None and chart.kind == "bar":
        return _bars(figure, width, height, size)
    raise ValueError(f"figure {figure.key} has no chart of a known kind")


def svg_bytes(figure: Figure, width: float, height: float, *, size: float = 8) -> bytes:
    """The same chart as SVG (for QtSvg on screen), on a white ground."""
    chart = drawing(figure, width, height, size=size)
    chart.insert(0, _rect(0, 0, width, height, white, 0))
    svg = renderSVG.drawToString(chart)
    svg = re.sub(rf"font-family: ?{FONT}\b", f"font-family: {SVG_FAMILIES}", svg)
    # reportlab writes an unfilled line as "fill: None": QtSvg reads only "none" and fills
    # the line's polygon black (the weekly trend became a black wedge on screen)
    svg = re.sub(r"\b(fill|stroke): None\b", r"\1: none", svg)
    return svg.encode("utf-8")
