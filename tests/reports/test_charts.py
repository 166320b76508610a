"""Charts: one drawing, vector in a PDF and SVG for QtSvg, every value written, series told
apart without colour."""

from __future__ import annotations

import io
import re
from datetime import date
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.pdfgen.canvas import Canvas

from app.printing.fonts import MISSING_MARK, register_fonts, text_width
from app.reports import charts
from app.reports.figure import Chart, Figure
from tests.printing.pdf_tools import image_count, needs_poppler, pdf_text
from tests.printing.report_reading import page_operators

TOWNS = ("城关街道", "东湖镇", "西山镇", "南岭乡", "北塘镇", "青石镇", "白沙街道")


def bar_figure(towns: tuple[str, ...] = TOWNS) -> Figure:
    rows = tuple(
        (town, 400 + 37 * n, 300 + 20 * n, 250 + 15 * n, f"{(300 + 20 * n) / (400 + 37 * n):.1%}")
        for n, town in enumerate(towns)
    )
    return Figure(
        "test.bars",
        "表A进度",
        "测试",
        "330100",
        "测试区",
        "2026",
        date(2026, 11, 20),
        ("镇（街道）", "应调查", "本周已完成", "上周已完成", "完成率"),
        rows,
        Chart("bar", 0, (2, 3)),
    )


def line_figure() -> Figure:
    rows = tuple((f"第{n + 1}周", 120 + 400 * n, 0.5 + n * 7.25) for n in range(8))
    return Figure(
        "test.trend",
        "每周进度",
        "测试",
        "330100",
        "测试区",
        "2026",
        date(2026, 11, 20),
        ("周", "累计完成", "完成率（%）"),
        rows,
        Chart("line", 0, (1, 2)),
    )


def chart_pdf(figure: Figure, width: float = 480, height: float = 300) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    renderPDF.draw(charts.drawing(figure, width, height), canvas, 40, 400)
    canvas.save()
    return buffer.getvalue()


def strings(node: Drawing | Group) -> list[str]:
    """The texts of a drawing, in order."""
    out: list[str] = []
    for child in node.getContents():
        if isinstance(child, String):
            out.append(child.text)
        elif isinstance(child, Group):
            out += strings(child)
    return out


@needs_poppler
@pytest.mark.parametrize("make", [bar_figure, line_figure])
def test_chart_prints_as_vector_with_every_value_and_legend(make: object) -> None:
    assert callable(make)
    figure: Figure = make()
    pdf = chart_pdf(figure)
    text = pdf_text(pdf, layout=False)
    words = set(text.split())
    categories, series, labels = charts.series_of(figure)
    assert [s.name for s in series] == [figure.columns[c] for c in figure.chart.value_columns]  # type: ignore[union-attr]
    for one in series:
        assert one.name in text  # the legend names each series
    if figure.chart and figure.chart.kind == "bar":
        for category in categories:
            assert category in words
    for row in labels:
        for value in row:
            assert value in words  # every bar and point carries its value
    assert image_count(pdf) == 0
    operators = "\n".join(page_operators(pdf))
    assert re.search(r" re\b", operators) or re.search(r" l\b", operators)
    assert " Do" not in operators  # no image or form XObject stands in for the drawing


def test_bar_values_read_from_the_table_as_written() -> None:
    figure = bar_figure()
    _categories, series, labels = charts.series_of(figure)
    assert series[0].values[0] == 300.0
    assert labels[0][0] == "300"
    assert charts.number("95.3%") == 95.3
    assert charts.label(7.25, 7.25) == "7.2" or charts.label(7.25, 7.25) == "7.3"


def test_series_told_apart_without_colour() -> None:
    """Each bar series has its own fill-and-hatch, each line its own dash-and-marker: in
    black and white (or to a reader who cannot tell colours apart) they stay distinct."""
    bars = [(style.fill.rgb(), style.hatch) for style in charts.BAR_STYLES]
    assert len(set(bars)) == len(bars)
    assert len({style for style in charts.LINE_STYLES}) == len(charts.LINE_STYLES)
    assert len({marker for _dash, marker in charts.LINE_STYLES}) == len(charts.LINE_STYLES)
    for style in charts.BAR_STYLES:  # greys only: the same on any printer
        red, green, blue = style.fill.rgb()
        assert red == green == blue


def test_svg_is_shown_by_qtsvg_in_the_programs_font(qapp: QApplication) -> None:
    figure = bar_figure()
    svg = charts.svg_bytes(figure, 480, charts.bar_height(figure))
    tree = ElementTree.fromstring(svg)
    texts = "".join(tree.itertext())
    for town in TOWNS:
        assert town in texts
    assert b"WenQuanYi Micro Hei" in svg
    renderer = QSvgRenderer(QByteArray(svg))
    assert renderer.isValid()
    image = QImage(renderer.defaultSize(), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    dark = sum(
        1
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
        if QColor(image.pixel(x, y)).lightness() < 80
    )
    assert dark > 200  # the solid bars and the text are drawn


def test_a_character_no_font_has_is_marked_not_dropped() -> None:
    figure = bar_figure(("城关街道", "\U000f0001村"))
    drawing = charts.drawing(figure, 400, 200)
    assert f"{MISSING_MARK}村" in strings(drawing)


def test_a_figure_without_rows_says_no_data() -> None:
    empty = Figure(
        "test.empty",
        "空",
        "测试",
        "330100",
        "测试区",
        "2026",
        date(2026, 11, 20),
        ("镇", "数"),
        (),
        Chart("bar", 0, (1,)),
    )
    drawing = charts.drawing(empty, 300, 100)
    assert strings(drawing) == ["无数据"]


def test_a_figure_without_a_chart_is_refused() -> None:
    figure = bar_figure()
    plain = Figure(**{**figure.__dict__, "chart": None})
    with pytest.raises(ValueError, match=figure.key):
        charts.drawing(plain, 300, 100)


def test_counts_get_whole_ticks_and_the_axis_covers_every_value() -> None:
    assert charts.scale([0, 0, 0], 5) == (0.0, 1.0, 1.0)
    assert charts.scale([0, 2, 3], 10)[2] == 1.0
    low, high, step = charts.scale([0.2, 0.7], 5)
    assert step < 1 and low == 0 and high >= 0.7
    low, high, step = charts.scale([-12, 380], 4)
    assert low <= -12 and high >= 380 and step == 100


def string_boxes(node: Drawing | Group) -> list[tuple[str, float, float, float, float]]:
    """The texts of a drawing with their boxes (left, bottom, right, top)."""
    out: list[tuple[str, float, float, float, float]] = []
    for child in node.getContents():
        if isinstance(child, String):
            width = text_width(child.text, child.fontSize)
            left = child.x - {"start": 0, "middle": width / 2, "end": width}[child.textAnchor]
            out.append((child.text, left, child.y - child.fontSize * 0.2, left + width,
                        child.y + child.fontSize * 0.8))  # fmt: skip
        elif isinstance(child, Group):
            out += string_boxes(child)
    return out


@pytest.mark.parametrize("weeks", [8, 40])
def test_the_values_of_close_lines_never_cover_each_other(weeks: int) -> None:
    rows = tuple(
        (f"第{n + 1}周", 5 * n + n % 3, 4 * n + 1, round(n * 2.4, 1)) for n in range(weeks)
    )
    figure = Figure("test.close", "每周进度", "测试", "330100", "测试区", "2026",
                    date(2026, 11, 20), ("周", "累计完成", "累计通过", "完成率（%）"), rows,
                    Chart("line", 0, (1, 2, 3)))  # fmt: skip
    boxes = string_boxes(charts.drawing(figure, 480, 300))
    values = {label for _c, _s, labels in [charts.series_of(figure)] for row in labels
              for label in row}  # fmt: skip
    written = [box for box in boxes if box[0] in values]
    covered = [
        (one[0], other[0])
        for n, one in enumerate(written)
        for other in written[n + 1 :]
        if one[1] < other[3] and other[1] < one[3] and one[2] < other[4] and other[2] < one[4]
    ]
    assert covered == []
    last = {row[-1] for row in charts.series_of(figure)[2]}
    assert last <= {box[0] for box in written}  # the last week's values are always written
