"""Write an export: a template's rows to xlsx (openpyxl's write-only mode) or csv (UTF-8
with BOM, which Chinese Excel opens as UTF-8); the file appears whole or not at all."""

from __future__ import annotations

import csv
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
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
            _xlsx(Path(temporary), template, params, rows, progress)
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
) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_sheet_title(template.title))
    sheet.freeze_panes = "A2"
    sheet.append(template.headers)
    total = len(rows)
    direct = all(sheet_xml.writable(value) for row in rows for value in row)
    if not direct:  # a value of another kind (none yet): openpyxl writes every cell
        for done, row in enumerate(rows, start=1):
            sheet.append([_xlsx_cell(sheet, v) if isinstance(v, str) else v for v in row])
            _report(progress, done, total)
    about = book.create_sheet("说明")
    for line in about_lines(template, params, total):
        about.append(list(line))
    book.save(path)
    if direct:
        sheet_xml.insert_rows(
            path, DATA_SHEET, rows, first=2, progress=lambda done: _report(progress, done, total)
        )


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


def about_lines(template: ExportTemplate, params: ExportParams, rows: int) -> list[tuple[str, str]]:
    """What the file is: shown on the xlsx's second sheet, and kept in the audit."""
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
        ("区域", params.area_code or "全部"),
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
