"""The printed reports: the weekly progress of a town or the district, and the year's
statistics, in the look of the forms (band, QR code, page numbers). Each figure prints as
its title, its chart (a vector drawing), its table and its definition under the table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.lib.units import mm
from sqlalchemy.orm import Session

from app.printing.fonts import text_width
from app.printing.heading import pairs_rows, round_label, section_bar
from app.printing.lines import Column, draw_row, row_height, text_lines
from app.printing.model import PdfResult, RecordRef
from app.printing.sheet import GREY, LEFT, WIDTH, Sheet
from app.printing.table import Table, TableColumn, fit_widths, natural_width
from app.reports import charts
from app.reports.figure import Figure

MAX_BARS = charts.MAX_BARS
#: the charts' text in points, and the least it is made to fit a page's room
CHART_TEXT, SMALLEST_TEXT = 7.0, 5.5
LINE_HEIGHT = 62 * mm
TABLE_SIZE = 7.5
HEADER_SIZE = 7.0
#: figures printed for a town or a village but not for the whole district (a row for
#: each of the district's two hundred members is a list, not a weekly overview)
TOWN_ONLY = frozenset({"progress.form_a.by_member"})
DISTRICT = 6
COPY_LABEL = "统计报表 · 不含残疾人个人信息"


@dataclass(frozen=True)
class Report:
    """One report: its kind, title, what it covers, and its figures in order."""

    kind: str  # "weekly" | "statistics"
    title: str
    area_code: str
    area_name: str
    survey_round: str
    as_of: date
    figures: Sequence[Figure]

    @property
    def record(self) -> RecordRef:
        return RecordRef("report", self.area_code, 0, self.kind, self.survey_round)

    def draw(self, sheet: Sheet) -> None:
        subtitle = f"{self.area_name}（{self.area_code}） · 统计截至 {day_text(self.as_of)}"
        sheet.begin_record(self.record, self.title, subtitle, COPY_LABEL)
        pairs_rows(
            sheet,
            [
                ("区域", f"{self.area_name}（{self.area_code}）"),
                ("年度/轮次", round_label(self.survey_round)),
                ("统计截至", f"{day_text(self.as_of)}"),
                ("表格", f"{len(self.figures)} 张（每张表下注明统计口径）"),
            ],
        )
        sheet.y -= 3 * mm
        for figure in self.figures:
            draw_figure(sheet, figure)
        sheet.end_record()


def day_text(day: date) -> str:
    """A date as a Chinese report writes it: 2026年11月20日."""
    return f"{day.year}年{day.month}月{day.day}日"


def draw_figure(sheet: Sheet, figure: Figure) -> None:
    """A figure: its title bar, its chart, its table and its definition under the table."""
    note = f"{figure.area_name} · 截至 {day_text(figure.as_of)}"
    height, size = chart_size(figure, sheet.page_room - 30 * mm)
    definition = text_lines(f"口径：{figure.definition}", WIDTH - 2 * mm, 7, grey=True)
    leading, pad = 3.6 * mm, 0.8 * mm
    # room for the definition is kept below every row, so that it never goes alone onto
    # a page of its own: it stays with the table's last rows
    keep = row_height([definition], leading, pad)
    # the title, the chart and the table's first rows with that room, on one page: a chart
    # at a page's foot with its table on the next was measured without the definition
    first = 25 * mm + keep
    # a chart that needs a page of its own (a town's villages) and does not fit what is
    # left of this one follows its table, rather than leaving this page empty
    after = bool(height) and height + first > sheet.room and size < CHART_TEXT
    sheet.need((0 if after else height) + first)
    section_bar(sheet, figure.title, note)
    sheet.y -= 1 * mm
    if not after:
        _chart(sheet, figure, height, size)
    columns = table_columns(figure)
    rows = [[_cell(value) for value in row] for row in figure.rows]
    if not rows:
        rows = [["无数据", *([""] * (len(columns) - 1))]]
    sheet.keep = keep
    try:
        table = Table(sheet, columns, size=TABLE_SIZE, header_size=HEADER_SIZE, where=figure.title)
        table.draw(rows)
    finally:
        sheet.keep = 0.0
    draw_row(
        sheet,
        [Column(LEFT + 1 * mm, WIDTH - 2 * mm, 7)],
        [definition],
        leading=leading,
        pad=pad,
        where=figure.title,
        rule=False,
    )
    if after:
        sheet.need(height + 10 * mm)
        section_bar(sheet, f"{figure.title}（图）", note)
        sheet.y -= 1 * mm
        _chart(sheet, figure, height, size)
    sheet.y -= 4 * mm


def _cell(value: str | int | float | Decimal) -> str:
    return charts.cell(value)  # as the 统计 page's table writes it


def table_columns(figure: Figure) -> list[TableColumn]:
    """The table's columns: as wide as their texts want, fitted to the page width."""
    texts = [[_cell(row[i]) for row in figure.rows] for i in range(len(figure.columns))]
    natural = [
        max(
            natural_width(cells, TABLE_SIZE, 60 * mm),
            natural_width([header], HEADER_SIZE, 16 * mm),
        )
        for header, cells in zip(figure.columns, texts, strict=True)
    ]
    minimum = [min(n, max(12 * mm, text_width("00000", TABLE_SIZE) + 3 * mm)) for n in natural]
    widths = fit_widths(natural, minimum, WIDTH) or [WIDTH / len(natural)] * len(natural)
    # a column of numbers (counts, shares, yuan) is set right, as on the 统计 page: its
    # digits stand under each other and the total under its parts
    numeric = [
        bool(figure.rows) and all(isinstance(row[i], int | float | Decimal) for row in figure.rows)
        for i in range(len(figure.columns))
    ]
    return [
        TableColumn(h, w, right=n) for h, w, n in zip(figure.columns, widths, numeric, strict=True)
    ]


def why_no_chart(figure: Figure) -> str:
    """Why the figure's chart is not printed ("" when it is): a chart of nothing but zeros
    says nothing the table does not, and more bars than a page holds are unreadable."""
    if figure.chart is None or not figure.rows:
        return "-"  # nothing to say: the figure has no chart, or the table says 无数据
    why = charts.why_not_drawn(figure)  # the 统计 page leaves it out for the same reasons
    return f"（{why}；见下表）" if why else ""


def chart_size(figure: Figure, room: float) -> tuple[float, float]:
    """The height of the figure's chart on paper (0: not drawn), at most `room`, and its
    text size: 7 points, less (down to SMALLEST_TEXT) for bars that need more than `room`
    at 7 (a town's villages), so that every bar keeps a band of its text's height."""
    if why_no_chart(figure) or figure.chart is None:
        return 0.0, CHART_TEXT
    if figure.chart.kind == "line":
        return min(LINE_HEIGHT, room), CHART_TEXT
    size = CHART_TEXT * min(1.0, room / charts.bar_height(figure, size=CHART_TEXT))
    if size < SMALLEST_TEXT:
        return 0.0, size  # not legible on one page: _chart says so
    return min(charts.bar_height(figure, size=size), room), size


def _chart(sheet: Sheet, figure: Figure, height: float, size: float = 7) -> None:
    if not height:
        why = why_no_chart(figure) or "（类别过多，一页画不下，不作图；见下表）"
        if why != "-":
            sheet.text(LEFT + 1 * mm, sheet.y - 3 * mm, why, 7, color=GREY)
            sheet.y -= 5 * mm
        return
    drawing = charts.drawing(figure, WIDTH, height, size=size)
    renderPDF.draw(drawing, sheet.canvas, LEFT, sheet.y - height)
    sheet.y -= height + 2 * mm


def render_report(
    report: Report, *, printed_by: str, printed_at: datetime | None = None
) -> PdfResult:
    """The report as a PDF."""
    sheet = Sheet(printed_by, printed_at or datetime.now(), report.title)
    report.draw(sheet)
    return sheet.finish()


def weekly_title(area_name: str, survey_round: str, as_of: date) -> str:
    return f"{area_name}{round_label(survey_round)}残疾人调查进度周报（{day_text(as_of)}）"


def statistics_title(area_name: str, year: int) -> str:
    return f"{area_name}{year}年度残疾人统计报表"


def weekly(session: Session, area_code: str, survey_round: str, as_of: date) -> Report:
    """The weekly progress report of an area: Forms A, B, C and the monthly tasks."""
    from app.reports.progress import progress_figures

    figures = [
        figure
        for figure in progress_figures(session, area_code, survey_round, as_of)
        if len(figure.area_code) > DISTRICT or figure.key not in TOWN_ONLY
    ]
    first = figures[0]
    return Report(
        "weekly",
        weekly_title(first.area_name, survey_round, as_of),
        first.area_code,
        first.area_name,
        survey_round,
        as_of,
        figures,
    )


def statistics(session: Session, area_code: str, year: int, as_of: date) -> Report:
    """The year's statistics of an area."""
    from app.reports.statistics import statistics_figures

    figures = statistics_figures(session, area_code, year, as_of)
    first = figures[0]
    return Report(
        "statistics",
        statistics_title(first.area_name, year),
        first.area_code,
        first.area_name,
        str(year),
        as_of,
        figures,
    )


def _write(result: PdfResult, path: Path | None) -> PdfResult:
    if path is not None:
        Path(path).write_bytes(result.pdf)
    return result


def weekly_report(
    session: Session,
    area_code: str,
    survey_round: str,
    as_of: date,
    path: Path | None = None,
    *,
    printed_by: str = "",
    printed_at: datetime | None = None,
) -> PdfResult:
    """The weekly progress report as a PDF, written to `path` when given."""
    report = weekly(session, area_code, survey_round, as_of)
    return _write(render_report(report, printed_by=printed_by, printed_at=printed_at), path)


def statistics_report(
    session: Session,
    area_code: str,
    year: int,
    as_of: date,
    path: Path | None = None,
    *,
    printed_by: str = "",
    printed_at: datetime | None = None,
) -> PdfResult:
    """The year's statistics as a PDF, written to `path` when given."""
    report = statistics(session, area_code, year, as_of)
    return _write(render_report(report, printed_by=printed_by, printed_at=printed_at), path)
