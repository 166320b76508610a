"""Write an export: a template's rows to xlsx (openpyxl's write-only mode) or csv (UTF-8
with BOM, which Chinese Excel opens as UTF-8); the file appears whole or not at all."""

from __future__ import annotations

import csv
import itertools
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.exports import sheet_xml
from app.exports.fields import ExportParams
from app.exports.templates import ExportTemplate
from app.store.registry import Area

FORMATS = ("xlsx", "csv")
Progress = Callable[[int, int], None]
#: the part of the xlsx holding the data sheet (the first sheet made)
DATA_SHEET = "xl/worksheets/sheet1.xml"
#: a text Excel would read as a formula: written with a leading apostrophe in csv
_FORMULA_START = ("=", "@", "+", "-")
#: data columns' widths (spreadsheet units) and the rows read to find them
MIN_WIDTH, MAX_WIDTH, WIDTH_SAMPLE = 6.0, 40.0, 200
#: the widest the 说明 sheet's value column grows before its texts wrap
ABOUT_WIDTH = 80.0
WRAP = Alignment(wrap_text=True, vertical="top")
BOLD = Font(bold=True)


class ExportError(Exception):
    """The export cannot be made as asked (a parameter, the file): the message says why."""


def format_of(path: Path) -> str:
    """The file format named by the file's ending (.xlsx or .csv)."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ExportError(f"文件名必须以 .xlsx 或 .csv 结尾：{path.name}")
    return fmt


def check_params(session: Session, template: ExportTemplate, params: ExportParams) -> None:
    """Refuse parameters the template cannot run with (a missing or malformed round, an
    area the database does not know)."""
    if (
        params.area_code
        and session.scalar(select(Area.code).where(Area.code == params.area_code)) is None
    ):
        raise ExportError(f"没有区划代码 {params.area_code}")
    if "month" in template.params:
        text = params.month_text
        if not (len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit()
                and 1 <= int(text[5:]) <= 12):  # fmt: skip
            raise ExportError(f"「{template.title}」需要月份（如 2026-12），现为「{text}」")
    if "round" in template.params:
        text = params.survey_round
        if not (len(text) == 4 and text.isdigit()):
            raise ExportError(f"「{template.title}」需要调查年度（四位数字），现为「{text}」")


def rows_of(
    session: Session, template: ExportTemplate, params: ExportParams
) -> Iterator[list[Any]]:
    """The export's rows as cell values, in the template's column order."""
    check_params(session, template, params)
    cells = [(c.field.name, c.cell) for c in template.columns]
    for row in template.source.rows(session, params):
        get = row.get
        yield [None if (v := get(name)) is None else cell(v) for name, cell in cells]


def write_export(
    session: Session,
    template: ExportTemplate,
    params: ExportParams,
    path: Path,
    fmt: str | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the export to `path` (replacing it only once complete); returns the row count."""
    fmt = fmt or format_of(path)
    rows = list(rows_of(session, template, params))
    folder = path.resolve().parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=".export-", suffix=f".{fmt}", dir=folder)
    except OSError as exc:
        raise ExportError(f"无法在 {folder} 写入文件：{exc.strerror or exc}") from exc
    os.close(handle)
    try:
        if fmt == "xlsx":
            place = area_text(session, params.area_code)
            _xlsx(Path(temporary), template, params, rows, progress, place)
        else:
            _csv(Path(temporary), template, rows, progress)
        os.replace(temporary, path)
    except OSError as exc:
        raise ExportError(f"无法写入 {path}：{exc.strerror or exc}") from exc
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return len(rows)


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and (done % 1000 == 0 or done == total):
        progress(done, total)


def _xlsx(
    path: Path,
    template: ExportTemplate,
    params: ExportParams,
    rows: list[list[Any]],
    progress: Progress | None,
    place: str = "",
) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_sheet_title(template.title))
    sheet.freeze_panes = "A2"
    for letter, width in zip(_letters(), column_widths(template.headers, rows), strict=False):
        sheet.column_dimensions[letter].width = width
    sheet.append([_header_cell(sheet, header) for header in template.headers])
    total = len(rows)
    direct = all(sheet_xml.writable(value) for row in rows for value in row)
    if not direct:  # a value of another kind (none yet): openpyxl writes every cell
        for done, row in enumerate(rows, start=1):
            sheet.append([_xlsx_cell(sheet, v) if isinstance(v, str) else v for v in row])
            _report(progress, done, total)
    about = book.create_sheet("说明")
    lines = [line for line in about_lines(template, params, total, place) if line[1]]
    # the label's column as wide as the longest label, the value's as its longest value
    # (up to ABOUT_WIDTH, then it wraps), so that no name is cut where the sheet is read
    about.column_dimensions["A"].width = max(text_width(k) for k, _ in lines) + 2
    about.column_dimensions["B"].width = min(max(text_width(v) for _, v in lines) + 2,
                                             ABOUT_WIDTH)  # fmt: skip
    for key, value in lines:
        cell = WriteOnlyCell(about, value)
        cell.alignment = WRAP
        about.append([key, cell])
    book.save(path)
    if direct:
        sheet_xml.insert_rows(
            path, DATA_SHEET, rows, first=2, progress=lambda done: _report(progress, done, total)
        )


def text_width(text: str) -> float:
    """How wide a text shows in a spreadsheet, in its column units (a "0" is 1; a hanzi or
    another wide character 2)."""
    return float(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text))


def column_widths(headers: list[str], rows: list[list[Any]]) -> list[float]:
    """The data columns' widths: the widest of the header and the first rows' values, at
    least MIN_WIDTH and at most MAX_WIDTH (a longer header wraps in its cell)."""
    widths = [text_width(h) for h in headers]
    for row in rows[:WIDTH_SAMPLE]:
        for index, value in enumerate(row):
            if value is not None:
                widths[index] = max(widths[index], text_width(str(value)))
    return [min(max(w + 2, MIN_WIDTH), MAX_WIDTH) for w in widths]


def _letters() -> Iterator[str]:
    for index in itertools.count(1):
        yield get_column_letter(index)


def _header_cell(sheet: Any, header: str) -> Any:
    cell = WriteOnlyCell(sheet, header)
    cell.font = BOLD
    cell.alignment = WRAP
    return cell


def _xlsx_cell(sheet: Any, value: str) -> Any:
    if sheet_xml.ILLEGAL.search(value):
        value = sheet_xml.ILLEGAL.sub("", value)
    if value.startswith("=") and len(value) > 1:
        cell = WriteOnlyCell(sheet, value)  # text, never a formula
        cell.data_type = "s"
        return cell
    return value


def _sheet_title(title: str) -> str:
    return re.sub(r"[\\/?*\[\]:]", "_", title)[:31] or "导出"


def _csv(
    path: Path, template: ExportTemplate, rows: list[list[Any]], progress: Progress | None
) -> None:
    # people open it in Excel: long digit runs (IDs, area codes) and leading zeros are
    # kept as text; a system that imports it (full numbers) gets the values as they are
    for_people = not template.full_numbers_for
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(template.headers)
        total = len(rows)
        for done, row in enumerate(rows, start=1):
            writer.writerow([_csv_cell(v, for_people) for v in row])
            _report(progress, done, total)


def _csv_cell(value: Any, for_people: bool) -> Any:
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(_FORMULA_START) and len(value) > 1 and not value[1].isdigit():
        return "'" + value
    if for_people and value.isdigit() and (len(value) > 11 or value.startswith("0")):
        return "\t" + value  # Excel would show 3.30213E+11, or drop the zero
    return value


def area_text(session: Session, code: str) -> str:
    """An area as people read it: its name and its code ("" for all the database holds)."""
    if not code:
        return ""
    name = session.scalar(select(Area.name).where(Area.code == code))
    return f"{name}（{code}）" if name else code


def about_lines(
    template: ExportTemplate, params: ExportParams, rows: int, place: str = ""
) -> list[tuple[str, str]]:
    """What the file is: shown on the xlsx's second sheet (an empty value: not shown)."""
    numbers = (
        f"完整（供 {template.full_numbers_for} 使用）"
        if template.full_numbers_for
        else "身份证号、银行账号已遮盖"
    )
    return [
        ("导出", template.title),
        ("用途", template.purpose),
        ("模板", template.id),
        ("调查年度", params.survey_round if "round" in template.params else ""),
        ("月份", params.month_text if "month" in template.params else ""),
        ("区域", place or params.area_code or "全部"),
        ("数据日期", params.as_of.isoformat()),
        ("行数", str(rows)),
        ("号码", numbers),
        ("导出时间", datetime.now().isoformat(sep=" ", timespec="seconds")),
    ]


def audit_detail(
    template: ExportTemplate, params: ExportParams, path: Path, rows: int
) -> Mapping[str, Any]:
    """What the audit keeps of an export: which, for which area and round, how many rows."""
    return {
        "template": template.id,
        "round": params.survey_round,
        "month": params.month_text if "month" in template.params else "",
        "area": params.area_code,
        "file": path.name,
        "rows": rows,
        "full_numbers": bool(template.full_numbers_for),
    }
