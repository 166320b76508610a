"""Repeats on a form print: a table with one row a line when its columns fit the page's
width, else turned so that each row of answers is a column (bands of a few rows); the
codes of choice columns with many options are listed under the table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm

from app.forms.definition import CHOICE_TYPES, Item
from app.forms.engine import is_empty
from app.printing.answers import NOT_APPLICABLE, shown
from app.printing.lines import Column, Piece, draw_row, text_lines
from app.printing.sheet import LEFT, WIDTH, Sheet
from app.printing.table import Cell, Table, TableColumn, fit_widths, natural_width

SIZE = 8
MAX_COLUMNS = 9
LABEL_COLUMN = 42 * mm
DATA_COLUMN = 33 * mm
BOXED_OPTIONS = 3  # a blank choice cell with this many options or fewer gets tick boxes


@dataclass(frozen=True)
class RepeatPrint:
    """A repeat's rows as printed."""

    item: Item
    rows: Sequence[Mapping[str, Any]]
    relevance: Sequence[Mapping[str, bool]]
    blank_rows: int
    own_file: bool
    blank: bool  # printed to be filled in by hand: empty choice cells get tick boxes


def _header(column: Item) -> str:
    text = f"{column.number}\n{column.label}"
    if column.unit:
        text += f"（{column.unit}）"
    return text + ("\n（自动计算）" if column.calculate is not None else "")


def cell(column: Item, value: Any, relevant: bool, repeat: RepeatPrint) -> Cell:
    """One cell: the answer in words, 不适用, or tick boxes / nothing to fill in by hand."""
    if not relevant and not repeat.blank:
        return [Piece(NOT_APPLICABLE, grey=True)]
    if is_empty(value):
        if repeat.blank and column.type in CHOICE_TYPES and len(column.options) <= BOXED_OPTIONS:
            return [Piece(f"{o.code}{o.label}", box=True) for o in column.options]
        return ""
    return shown(column, value, repeat.own_file)


def _rows(repeat: RepeatPrint) -> list[list[Cell]]:
    columns = repeat.item.items
    rows: list[list[Cell]] = []
    for index, row in enumerate(repeat.rows):
        relevance = repeat.relevance[index] if index < len(repeat.relevance) else {}
        rows.append(
            [cell(c, row.get(c.name), relevance.get(c.name, True), repeat) for c in columns]
        )
    for _ in range(repeat.blank_rows):
        rows.append([cell(c, None, True, repeat) for c in columns])
    return rows


def _cell_text(value: Cell) -> str:
    return value if isinstance(value, str) else " ".join(p.text for p in value)


def draw_repeat(sheet: Sheet, repeat: RepeatPrint) -> None:
    """The table of a repeat, and the code legend of its choice columns."""
    columns = repeat.item.items
    rows = _rows(repeat)
    where = repeat.item.title
    if not rows:
        draw_row(sheet, [Column(LEFT, WIDTH, SIZE)], [text_lines("（无）", WIDTH, SIZE, grey=True)])
        return
    widths = None
    if len(columns) <= MAX_COLUMNS:
        natural = [
            max(
                natural_width([_cell_text(r[i]) for r in rows], SIZE, 60 * mm),
                natural_width([c.label], 7.5, 26 * mm),
            )
            for i, c in enumerate(columns)
        ]
        minimum = [
            max(
                12 * mm,
                natural_width([_cell_text(r[i]) for r in rows if r[i]], SIZE, 30 * mm)
                if c.type == "id_number"
                else 12 * mm,
            )
            for i, c in enumerate(columns)
        ]
        widths = fit_widths(natural, minimum, WIDTH)
    if widths is not None:
        table_columns = [TableColumn(_header(c), w) for c, w in zip(columns, widths, strict=True)]
        Table(sheet, table_columns, size=SIZE, where=where).draw(rows)
    else:
        _turned(sheet, repeat, rows)
    _legend(sheet, repeat.item)


def _turned(sheet: Sheet, repeat: RepeatPrint, rows: list[list[Cell]]) -> None:
    """Each row of answers as a column, a few at a time."""
    per_band = max(1, int((WIDTH - LABEL_COLUMN) // DATA_COLUMN))
    columns = repeat.item.items
    for start in range(0, len(rows), per_band):
        band = rows[start : start + per_band]
        data_width = (WIDTH - LABEL_COLUMN) / max(len(band), 2)
        table_columns = [TableColumn("题目", LABEL_COLUMN)] + [
            TableColumn(f"第 {start + n + 1} 行", data_width) for n in range(len(band))
        ]
        lines: list[list[Cell]] = []
        for index, column in enumerate(columns):
            label = f"{column.number} {column.label}" + (
                f"（{column.unit}）" if column.unit else ""
            )
            if column.calculate is not None:
                label += "（自动计算）"
            lines.append([label, *(row[index] for row in band)])
        Table(sheet, table_columns, size=SIZE, where=repeat.item.title).draw(lines)
        sheet.y -= 2 * mm


def _legend(sheet: Sheet, repeat: Item) -> None:
    for column in repeat.items:
        if column.type not in CHOICE_TYPES or len(column.options) <= BOXED_OPTIONS:
            continue
        codes = "  ".join(f"{o.code} {o.label}" for o in column.options)
        text = f"{column.number} {column.label} 代码：{codes}"
        lines = text_lines(text, WIDTH, 7, grey=True)
        draw_row(
            sheet,
            [Column(LEFT, WIDTH, 7)],
            [lines],
            leading=3.4 * mm,
            pad=0.6 * mm,
            where=column.title,
            rule=False,
        )
