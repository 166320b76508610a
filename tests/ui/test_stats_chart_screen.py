"""A chart on screen is drawn as in print: QtSvg reads the SVG of app.reports.charts the way
the PDF draws it (a line is a line, not a filled wedge)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from app.reports import charts
from app.reports.figure import Chart, Figure

WIDTH, HEIGHT = 400, 300


def figure(kind: str) -> Figure:
    """A season whose cumulative count rises ever faster: its line bows below the chord."""
    rows = tuple((f"{week:02d}周", week * week, week * week, 1.0) for week in range(1, 21))
    return Figure(
        key=f"test.{kind}",
        title="测试",
        definition="测试",
        area_code="330213",
        area_name="奉化区",
        survey_round="2026",
        as_of=date(2026, 11, 1),
        columns=("周", "本周完成", "累计完成", "完成率(%)"),
        rows=rows,
        chart=Chart(kind, 0, (2,)),
    )


def on_screen(drawn: Figure) -> QImage:
    """The chart as the 统计 page draws it: its SVG through QtSvg, on white."""
    renderer = QSvgRenderer(QByteArray(charts.svg_bytes(drawn, WIDTH, HEIGHT)))
    assert renderer.isValid()
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def dark_share(image: QImage) -> float:
    dark = sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if QColor(image.pixel(x, y)).lightness() < 100
    )
    return dark / ((image.width() // 2) * (image.height() // 2))


def test_a_line_chart_on_screen_is_lines_on_white(qapp: QApplication) -> None:
    # measured: 1.8 % of the chart dark when the line is a line; 12 % when QtSvg filled the
    # wedge between the line and its chord (reportlab's "fill: None", unknown to QtSvg)
    assert dark_share(on_screen(figure("line"))) < 0.06


def test_no_style_of_the_svg_is_one_qtsvg_misreads() -> None:
    svg = charts.svg_bytes(figure("line"), WIDTH, HEIGHT).decode("utf-8")
    assert ": None" not in svg
