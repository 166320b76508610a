"""The parts a paper is made of besides its items: the year's label, the copy's label, the
header's label-value pairs and the shaded bar of a part."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm

from app.printing.lines import Column, Line, draw_row, text_lines
from app.printing.sheet import GREY, LEFT, LIGHT, WIDTH, Sheet


def round_label(survey_round: str) -> str:
    """ "2026" -> "2026年度"; "2026Q3" -> "2026年第3季度"."""
    year, _, quarter = survey_round.partition("Q")
    return f"{year}年第{quarter}季度" if quarter else (f"{year}年度" if year else "")


def copy_label(own_file: bool) -> str:
    if own_file:
        return "本人档案联 · 证件号码完整，请妥善保管"
    return "工作联 · 证件号码已部分隐藏"


def pairs_rows(sheet: Sheet, pairs: Sequence[tuple[str, str]]) -> None:
    """Label-value pairs, two to a line, in a light box (the header of a paper)."""
    half = WIDTH / 2
    label_width = 22 * mm
    value_width = half - label_width - 2 * mm
    columns = [
        Column(LEFT + 1 * mm, label_width, 8),
        Column(LEFT + label_width, value_width, 9),
        Column(LEFT + half + 1 * mm, label_width, 8),
        Column(LEFT + half + label_width, value_width, 9),
    ]
    for start in range(0, len(pairs), 2):
        contents: list[list[Line]] = []
        for label, value in pairs[start : start + 2]:
            contents.append(text_lines(label, label_width, 8, grey=True))
            contents.append(text_lines(value or "—", value_width, 9))
        while len(contents) < 4:
            contents.append([])
        draw_row(sheet, columns, contents, leading=4.4 * mm, pad=0.9 * mm, where="表头")


def section_bar(sheet: Sheet, title: str, note: str = "", height: float = 6.5 * mm) -> None:
    """A shaded bar with a part's title (kept with the first lines of the part)."""
    sheet.need(height + 12 * mm)
    canvas = sheet.canvas
    canvas.setFillColor(LIGHT)
    canvas.rect(LEFT, sheet.y - height, WIDTH, height, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    base = sheet.y - height / 2 - 1.25 * mm
    width = sheet.text(LEFT + 2 * mm, base, title, 10, where=title)
    if note:
        sheet.text(LEFT + 5 * mm + width, base, note, 8, color=GREY)
    sheet.y -= height + 0.5 * mm
