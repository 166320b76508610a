"""The export's rows written directly as worksheet XML are openpyxl's own, byte for byte."""

from __future__ import annotations

import random
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]

from app.exports import sheet_xml
from app.exports.write import DATA_SHEET, _xlsx_cell

HEADERS = ["编号", "姓名", "金额", "说明"]
SAMPLE: list[list[Any]] = [
    ["01", "王<&>\"'芳", 12.5, 3],
    [None, "", Decimal("1230.10"), Decimal("0.00")],
    ["=SUM(A1:A2)", "  两边有空格 ", "   ", "a\nb\tc"],
    [True, False, -7, 1e20],
    ["䶮𠮷", "控制\x01字符\x0b", "]]>", 2**53 + 1],
    [],
    [None, None, None, "最后一列"],
    ["x" * 40000, 0, 0.1 + 0.2, float(10**16)],
]


def _random_rows(count: int) -> list[list[Any]]:
    rnd = random.Random(5)
    pool: list[Any] = [None, "", "3302", "男", "肢体；视力", " 空格", "&amp;", 0, 17, 3.25,
                       Decimal("5500.00"), "\x02", "一级", "2026-12-05"]  # fmt: skip
    return [[rnd.choice(pool) for _ in range(30)] for _ in range(count)]


def _sheet(path: Path) -> bytes:
    with zipfile.ZipFile(path) as book:
        return book.read(DATA_SHEET)


def _by_openpyxl(rows: list[list[Any]], path: Path) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("导出")
    sheet.freeze_panes = "A2"
    sheet.append(HEADERS)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, v) if isinstance(v, str) else v for v in row])
    book.create_sheet("说明").append(["导出", "测试"])
    book.save(path)


def _direct(rows: list[list[Any]], path: Path) -> list[int]:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("导出")
    sheet.freeze_panes = "A2"
    sheet.append(HEADERS)
    book.create_sheet("说明").append(["导出", "测试"])
    book.save(path)
    done: list[int] = []
    sheet_xml.insert_rows(path, DATA_SHEET, rows, first=2, progress=done.append)
    return done


def test_every_kind_of_cell_is_written_as_openpyxl_writes_it(tmp_path: Path) -> None:
    for rows in (SAMPLE, _random_rows(400)):
        assert all(sheet_xml.writable(v) for row in rows for v in row)
        _by_openpyxl(rows, tmp_path / "openpyxl.xlsx")
        done = _direct(rows, tmp_path / "direct.xlsx")
        assert _sheet(tmp_path / "direct.xlsx") == _sheet(tmp_path / "openpyxl.xlsx")
        assert done == list(range(1, len(rows) + 1))


def test_the_direct_file_opens_with_its_values_and_second_sheet(tmp_path: Path) -> None:
    path = tmp_path / "direct.xlsx"
    _direct(SAMPLE, path)
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == ["导出", "说明"]
    values = [list(row) for row in book["导出"].iter_rows(values_only=True)]
    assert values[0] == HEADERS
    assert values[1] == ["01", "王<&>\"'芳", 12.5, 3]
    assert values[3][:2] == ["=SUM(A1:A2)", "  两边有空格 "]  # text, never a formula
    assert values[5][1] == "控制字符"  # control characters left out
    assert len(values[8][0]) == sheet_xml.MAX_TEXT
    assert not any(values[6])  # an empty row stays a row
    assert values[7] == [None, None, None, "最后一列"]
    assert list(book["说明"].iter_rows(values_only=True)) == [("导出", "测试")]


def test_a_value_of_another_kind_is_left_to_openpyxl() -> None:
    from datetime import date

    assert not sheet_xml.writable(date(2026, 12, 5))
    assert not sheet_xml.writable([1, 2])
