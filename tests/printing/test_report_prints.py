"""The printed reports read back: the weekly progress of the demo district against counts
made here in SQL, every figure's definition under its table, charts as vector drawings, and
the forms' look (QR code and page numbers on every page)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import text

from app.printing.model import parse_record_code
from app.printing.reports import MAX_BARS, SMALLEST_TEXT, Report, render_report, weekly_report
from app.reports.charts import cell as charts_cell
from app.reports.figure import Chart, Figure
from app.store.database import Database
from tests.printing.pdf_tools import (
    image_count,
    needs_poppler,
    page_image,
    page_texts,
    pdf_text,
    qr_texts,
)
from tests.printing.report_reading import form_a_by_town, page_operators, table_rows, word_boxes

pytestmark = needs_poppler
CLOCK = datetime(2026, 12, 5, 9, 0)


def _district(db: Database) -> str:
    with db.session() as s:
        code = s.scalar(text("SELECT code FROM area WHERE code LIKE '%000000' ORDER BY code"))
    assert code
    return str(code)[:6]


def pages_beginning_with_a_definition(pdf: bytes) -> list[int]:
    """The pages whose content (below the band's three lines) begins with a definition: a
    definition parted from its table."""
    found = []
    for number, page in enumerate(page_texts(pdf), start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if len(lines) > 3 and lines[3].startswith("口径"):
            found.append(number)
    return found


def _flat(pdf: bytes) -> str:
    return re.sub(r"\s+", "", pdf_text(pdf, layout=False))


def test_weekly_report_of_the_district_has_the_counts_made_in_sql(district_db: Database) -> None:
    district = _district(district_db)
    as_of = date.today()
    with district_db.session() as s:
        result = weekly_report(s, district, "2026", as_of, printed_by="测试员", printed_at=CLOCK)
        expected = form_a_by_town(s, district, "2026")
    assert result.warnings == ()  # every character of every figure printed
    layout = pdf_text(result.pdf)
    rows = table_rows(layout, {*expected, "合计"}, cells=10)
    assert set(rows) == {*expected, "合计"}
    for town, (due, done, accepted) in expected.items():
        assert rows[town][:3] == [str(due), str(done), str(accepted)], town
    totals = [sum(v[i] for v in expected.values()) for i in range(3)]
    assert rows["合计"][:3] == [str(n) for n in totals]
    assert totals[1] > 0  # the demo's season has work done


def test_each_figure_prints_its_title_chart_table_and_definition(district_db: Database) -> None:
    from app.reports.progress import progress_figures

    district = _district(district_db)
    as_of = date.today()
    with district_db.session() as s:
        result = weekly_report(s, district, "2026", as_of, printed_by="测试员", printed_at=CLOCK)
        figures = progress_figures(s, district, "2026", as_of)
    assert pages_beginning_with_a_definition(result.pdf) == []
    flat = _flat(result.pdf)
    printed = [f for f in figures if f.key != "progress.form_a.by_member"]
    assert flat.count("口径：") == len(printed)
    for figure in printed:
        assert figure.title in flat
        assert re.sub(r"\s+", "", figure.definition) in flat, figure.key
        for header in figure.columns:
            assert re.sub(r"\s+", "", header) in flat
    # the member table is a town's (two hundred rows is a list, not a district's overview)
    assert "按专职委员" not in flat
    charted = [f for f in printed if f.chart is not None]
    assert charted
    assert image_count(result.pdf) == 0  # charts (and the QR code) are drawn, not pictures
    operators = "\n".join(page_operators(result.pdf))
    assert len(re.findall(r"\bre\b", operators)) > 50  # the bars (and the table's cells)
    assert len(re.findall(r"\bl\b", operators)) > 50  # the trend, hatching and grid as paths


def test_a_villages_report_and_the_forms_look(district_db: Database) -> None:
    with district_db.session() as s:
        village = str(
            s.scalar(
                text(
                    "SELECT h.area_code FROM household h JOIN person p ON p.household_id = h.id"
                    " GROUP BY h.area_code ORDER BY count(*) DESC"
                )
            )
        )
        result = weekly_report(s, village, "2026", date.today(), printed_by="测试员")
    pages = page_texts(result.pdf)
    assert len(pages) == result.pages >= 1
    for number, page in enumerate(pages, start=1):
        assert re.search(rf"第\s*{number}\s*页\s*共\s*{result.pages}\s*页", page)
        codes = qr_texts(page_image(result.pdf, number))
        assert [parse_record_code(c).entity for c in codes] == ["report"]
        assert parse_record_code(codes[0]).form == "weekly"
    assert "按专职委员" in "".join(pages).replace(" ", "")


def _figure(key: str, chart: Chart | None, rows: int, title: str = "") -> Figure:
    return Figure(
        key,
        title or f"测试表{key}",
        f"{key}：测试用，截至2026-11-30。",
        "330213",
        "奉化区",
        "2026",
        date(2026, 11, 30),
        ("类别", "人数", "其中女性", "占比(%)"),
        tuple(
            (f"类别{n:02d}", 100 + 7 * n, 40 + 3 * n, round(12.5 + n * 1.3, 1)) for n in range(rows)
        ),
        chart,
    )


def test_a_statistics_report_of_given_figures_prints_every_cell() -> None:
    figures = [
        _figure("stats.category", Chart("bar", 0, (1, 2)), 7, "持证残疾人（按类别）"),
        _figure("stats.trend", Chart("line", 0, (1,)), 12, "按月人数"),
        _figure("stats.plain", None, 3, "无图表的表"),
        _figure("stats.many", Chart("bar", 0, (1,)), MAX_BARS + 1, "类别很多的表"),
        replace(
            _figure("stats.zero", Chart("bar", 0, (1,)), 3, "全为零的表"),
            rows=(("零类甲", 0, 0, 0.0), ("零类乙", 0, 0, 0.0)),
        ),
    ]
    report = Report(
        "statistics",
        "奉化区2026年度残疾人统计报表",
        "330213",
        "奉化区",
        "2026",
        date(2026, 11, 30),
        figures,
    )
    result = render_report(report, printed_by="测试员", printed_at=CLOCK)
    assert result.warnings == ()
    layout = pdf_text(result.pdf)
    for figure in figures:
        names = {str(row[0]) for row in figure.rows}
        rows = table_rows(layout, names, cells=3)
        assert rows == {str(r[0]): [str(r[1]), str(r[2]), f"{r[3]:.1f}"] for r in figure.rows}
    flat = _flat(result.pdf)
    assert flat.count("口径：") == len(figures)
    assert (
        flat.count(f"类别过多（{MAX_BARS + 1}项），不作图") == 1
    )  # the 31-category bar chart is left to its table
    assert flat.count("各项均为0，不作图") == 1  # a chart of zeros says nothing
    assert image_count(result.pdf) == 0


@pytest.mark.parametrize("rows", [0, 1])
def test_a_figure_with_no_or_one_row_prints(rows: int) -> None:
    figure = _figure("stats.small", Chart("line", 0, (1,)), rows)
    report = Report("statistics", "小表", "330213", "奉化区", "2026", date(2026, 11, 30), [figure])
    result = render_report(report, printed_by="测试员", printed_at=CLOCK)
    flat = _flat(result.pdf)
    assert ("无数据" in flat) == (rows == 0)
    assert "口径：" in flat


def test_every_progress_figures_chart_draws_with_its_values(district_db: Database) -> None:
    """Every chart the figures library asks for draws on paper and as SVG, each category
    and each value written (a figure whose chart names a text column would show 0s)."""
    from app.reports import charts
    from app.reports.progress import progress_figures

    district = _district(district_db)
    with district_db.session() as s:
        figures = progress_figures(s, district, "2026", date.today())
    charted = [f for f in figures if f.chart is not None]
    assert {f.chart.kind for f in charted if f.chart} == {"bar", "line"}
    for figure in charted:
        assert figure.chart is not None
        for column in figure.chart.value_columns:
            cells = [row[column] for row in figure.rows]
            assert all(isinstance(c, int | float) for c in cells), (figure.key, column)
        categories, series, labels = charts.series_of(figure)
        drawing = charts.drawing(figure, 480, charts.bar_height(figure))
        texts = _strings(drawing)
        if figure.chart.kind == "bar":
            assert set(categories) <= set(texts), figure.key
            for row in labels:
                assert set(row) <= set(texts), figure.key
        assert {s.name for s in series} <= set(texts)
        assert charts.svg_bytes(figure, 480, 300).startswith(b"<?xml")


def _strings(node: object) -> list[str]:
    from reportlab.graphics.shapes import Group, String

    if isinstance(node, String):
        return [node.text]
    if isinstance(node, Group):
        return [t for child in node.getContents() for t in _strings(child)]
    return []


def test_statistics_report_prints_every_figure_of_the_year(district_db: Database) -> None:
    from app.printing.reports import statistics_report
    from app.reports.statistics import statistics_figures

    district = _district(district_db)
    as_of = date.today()
    with district_db.session() as s:
        result = statistics_report(s, district, 2026, as_of, printed_by="测试员", printed_at=CLOCK)
        figures = statistics_figures(s, district, 2026, as_of)
        expected = form_a_by_town(s, district, "2026")
    assert result.warnings == ()
    assert pages_beginning_with_a_definition(result.pdf) == []
    flat = _flat(result.pdf)
    assert flat.count("口径：") == len(figures)
    for figure in figures:
        assert figure.title in flat
        assert re.sub(r"\s+", "", figure.definition) in flat, figure.key
    # the registry by town: each town's persons and the 合计, as the SQL of this test
    # counts them (active persons of live households)
    [by_town] = [f for f in figures if f.key == "stats.registry.by_area"]
    rows = table_rows(pdf_text(result.pdf), {*expected, "合计"}, cells=len(by_town.columns) - 1)
    for town, (due, _done, _accepted) in expected.items():
        assert rows[town][0] == str(due), town
    assert rows["合计"][0] == str(sum(due for due, _done, _acc in expected.values()))
    assert image_count(result.pdf) == 0


def test_a_towns_many_villages_are_charted_legibly_and_no_page_is_left_empty() -> None:
    """A town's 34 villages in two series (68 bars) are drawn, smaller but never below the
    least legible text, after their table when this page has no room: no page holds
    nothing but its band, every text of the print is at least SMALLEST_TEXT points, and
    every village is named twice (table and chart)."""
    figures = [
        _figure("progress.by_village", Chart("bar", 0, (1, 2)), 34, "按村进度"),
        _figure("progress.one_series", Chart("bar", 0, (3,)), 50, "按村占比"),
        _figure("progress.small", Chart("bar", 0, (1, 2)), 6, "少量类别"),
    ]
    report = Report("weekly", "锦屏街道周报", "330213001", "锦屏街道", "2026",
                    date(2026, 11, 30), figures)  # fmt: skip
    result = render_report(report, printed_by="测试员", printed_at=CLOCK)
    assert result.warnings == ()
    sizes = [
        float(size)
        for stream in page_operators(result.pdf)
        for size in re.findall(r"/F\d+ ([0-9.]+) Tf", stream)
    ]
    assert sizes and min(sizes) >= SMALLEST_TEXT
    for number, page in enumerate(page_texts(result.pdf), start=1):
        # every page shows some of the figures (a table's rows or a chart's names)
        assert re.search(r"类别\d\d", page), f"page {number} holds nothing but its band"
    flat = _flat(result.pdf)
    assert "不作图" not in flat
    for figure in figures:
        for row in figure.rows:
            assert flat.count(str(row[0])) >= 2, (figure.key, row[0])


def test_every_figures_title_and_chart_share_a_page_with_its_tables_first_row() -> None:
    """A figure with a chart and a definition of several lines, after tables of every
    length: wherever it falls at a page's foot, its title and chart are never left there
    with its table on the next page."""
    target = replace(
        _figure("stats.target", Chart("bar", 0, (1, 2)), 3, "带图的表"),
        definition="本表口径说明，" * 60,
        rows=(("目标甲", 3, 1, 33.3), ("目标乙", 5, 2, 40.0), ("目标丙", 2, 1, 50.0)),
    )
    for lead in range(20, 60, 2):
        figures = [_figure("stats.lead", None, lead), target]
        report = Report("statistics", "测试报表", "330213", "奉化区", "2026",
                        date(2026, 11, 30), figures)  # fmt: skip
        result = render_report(report, printed_by="测试员", printed_at=CLOCK)
        pages = [page.replace(" ", "") for page in page_texts(result.pdf)]
        titled = next(i for i, page in enumerate(pages) if target.title in page)
        # the first row's name twice on the title's page: in the chart and in the table
        assert pages[titled].count("目标甲") == 2, f"after {lead} rows: the table on another page"


def test_a_column_of_numbers_prints_set_right_under_its_total() -> None:
    """Counts, shares and yuan of different lengths stand digit under digit, as on the 统计
    page: their right edges line up, the names' left edges too."""
    figure = replace(
        _figure("stats.align", None, 3, "对齐的表"),
        rows=(("甲类", 7, 1234, 5.5), ("乙类", 12345, 6, 100.0), ("合计", 12352, 1240, 12.3)),
    )
    report = Report("statistics", "测试报表", "330213", "奉化区", "2026", date(2026, 11, 30),
                    [figure])  # fmt: skip
    result = render_report(report, printed_by="测试员", printed_at=CLOCK)
    words = word_boxes(result.pdf)
    for column in range(1, 4):
        texts = [charts_cell(row[column]) for row in figure.rows]
        rights = [max(b[2] for b in words if b[4] == t) for t in texts]
        assert max(rights) - min(rights) < 0.6, (figure.columns[column], rights)
    lefts = [min(b[0] for b in words if b[4] == str(row[0])) for row in figure.rows]
    assert max(lefts) - min(lefts) < 0.6
