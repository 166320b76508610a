"""Save a small table (headers and rows of text) as a sheet someone opens in Excel: .xlsx or
.csv (UTF-8 with BOM), as the exports write them; the file appears whole or not at all."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook  # type: ignore[import-untyped]

from app.exports.write import _csv_cell, _sheet_title, _xlsx_cell


class TableFileError(Exception):
    """The file cannot be written (a bad name, a full disk, no right to the folder)."""


def save_table(
    path: Path, title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]
) -> Path:
    """Write the table to `path` (.xlsx or .csv, by its suffix)."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise TableFileError(f"文件名必须以 .xlsx 或 .csv 结尾：{path.name}")
    try:
        handle, temporary = tempfile.mkstemp(suffix=suffix, dir=path.parent)
        os.close(handle)
    except OSError as exc:
        raise TableFileError(f"{path.parent}：{exc.strerror or exc}") from exc
    try:
        if suffix == ".xlsx":
            book = Workbook(write_only=True)
            sheet = book.create_sheet(_sheet_title(title))
            sheet.freeze_panes = "A2"
            sheet.append(list(headers))
            for row in rows:
                sheet.append([_xlsx_cell(sheet, value) for value in row])
            book.save(temporary)
        else:
            with open(temporary, "w", encoding="utf-8-sig", newline="") as stream:
                writer = csv.writer(stream)
                writer.writerow(list(headers))
                writer.writerows([_csv_cell(value, True) for value in row] for row in rows)
        os.replace(temporary, path)
    except OSError as exc:
        raise TableFileError(f"{path}：{exc.strerror or exc}") from exc
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return path
