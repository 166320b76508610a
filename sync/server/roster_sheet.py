"""Reading a roster sheet as other systems export it: any header spelling, labels, encodings.

The certificate system and other agencies name their columns their own way
(村（社区）代码, 村社区编码, 身份证号码, 残疾证号 ...), write category and grade as labels
(肢体, 一级), and save CSV as GBK as often as UTF-8. Headers are normalised (full-width
to half-width, brackets, spaces and marks dropped, 编码 read as 代码, 号码 as 号) and
looked up in one table of aliases; labels become the codes of `resources/codes`. A file
that is not what it claims (random bytes, an empty file, an old .xls) raises
`RosterFileError` with a message for the clerk, never a traceback.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.domain.codes import load_code_lists
from sync.server.admin import AdminError

#: field -> the name the messages give the column (as the federations write it)
COLUMN_NAMES: dict[str, str] = {
    "household_ref": "户编号",
    "area_code": "村（社区）代码",
    "address": "现居住地址",
    "hukou_type": "户口性质",
    "head_name": "户主姓名",
    "head_id_number": "户主身份证号",
    "phone": "联系电话",
    "name": "姓名",
    "id_number": "身份证号",
    "relation": "与户主关系",
    "cert_number": "残疾人证号",
    "category": "残疾类别",
    "grade": "残疾等级",
}
#: field -> the header spellings seen in exports, each before normalisation (`header_key`)
_ALIASES: dict[str, tuple[str, ...]] = {
    "household_ref": ("户编号", "户号", "家庭编号", "家庭户号", "户序号"),
    "area_code": ("村（社区）代码", "村(居)代码", "村居代码", "社区(村)代码", "所属村社区代码",
                  "行政区划代码", "区划代码", "村代码", "社区代码"),
    "address": ("现居住地址", "居住地址", "现住址", "家庭住址", "住址", "地址", "现居住地"),
    "hukou_type": ("户口性质", "户籍性质", "户口类别", "户口类型"),
    "head_name": ("户主姓名", "户主"),
    "head_id_number": ("户主身份证号", "户主公民身份号码", "户主身份证"),
    "phone": ("联系电话", "电话", "手机", "手机号", "联系方式", "电话号码", "联系人电话"),
    "name": ("姓名", "残疾人姓名", "持证人姓名"),
    "id_number": ("身份证号", "公民身份号码", "身份证", "身份号码", "残疾人身份证号",
                  "持证人身份证号"),
    "relation": ("与户主关系", "与户主的关系", "家庭关系"),
    "cert_number": ("残疾人证号", "残疾证号", "残疾人证", "持证号", "证号"),
    "category": ("残疾类别", "残疾类型", "类别", "残疾种类"),
    "grade": ("残疾等级", "等级", "残疾级别"),
}  # fmt: skip
REQUIRED = ("area_code", "name", "id_number")
#: fields whose cells may hold a code list's label instead of its code
LABELLED = {
    "category": "disability_category",
    "grade": "disability_grade",
    "relation": "relation",
    "hukou_type": "hukou_type",
}
_DROPPED = re.compile(r"[\s()\[\]{}<>【】〔〕〈〉《》「」*:：_\-、.·]")
#: how far down a title block may push the header row
_HEADER_SEARCH_ROWS = 10
_CHINESE_NUMERALS = {"一": "1", "二": "2", "三": "3", "四": "4", "壹": "1", "贰": "2", "叁": "3",
                     "肆": "4"}  # fmt: skip


class RosterFileError(AdminError):
    """The file cannot be read as a roster at all; the message says why, in Chinese."""


def header_key(text: str) -> str:
    """A header as compared: NFKC-folded, without spaces, brackets and marks, 编码 as 代码,
    号码 as 号 (村（社区）代码, 村(社区) 编码 and 村社区代码 are one key)."""
    folded = unicodedata.normalize("NFKC", text)
    return _DROPPED.sub("", folded).replace("编码", "代码").replace("号码", "号").lower()


HEADERS: dict[str, str] = {header_key(a): f for f, names in _ALIASES.items() for a in names}
HEADERS.update({header_key(name): name for name in COLUMN_NAMES})  # the field names too


@functools.cache
def _label_table(list_id: str) -> dict[str, str]:
    """Every way a cell may name a code: the code, the label, the label without 残疾 or 级."""
    table: dict[str, str] = {}
    for item in load_code_lists()[list_id]:
        for text in (item.code, item.label, item.label.removesuffix("残疾")):
            table[header_key(text)] = item.code
        if list_id == "disability_grade":
            numeral = item.label.removesuffix("级")
            table[numeral] = item.code
            table[f"{item.code}级"] = item.code
    for numeral, digit in _CHINESE_NUMERALS.items():
        if list_id == "disability_grade":
            table.setdefault(numeral, digit)
            table.setdefault(f"{numeral}级", digit)
    return table


def code_of(name: str, text: str) -> str | None:
    """The code a cell of a labelled column means (None: not one of the list)."""
    return _label_table(LABELLED[name]).get(header_key(text))


def known_labels(name: str) -> str:
    return "、".join(item.label for item in load_code_lists()[LABELLED[name]])


@dataclass
class Sheet:
    """The rows of a roster file with its columns recognised."""

    rows: list[tuple[int, dict[str, str]]]
    columns: set[str]
    ignored: list[str] = field(default_factory=list)
    encoding: str = ""


#: from here on a float has lost digits (Excel keeps 15 significant ones)
_EXACT_FLOAT = 1e15
_SCIENTIFIC = re.compile(r"^(\d)(?:\.(\d+))?E\+?(\d+)$")
#: what the clerk should do about such an ID
EXCEL_NUMBER_FIX = "请在 Excel 中把身份证号列设为“文本”后重新导出"


@dataclass(frozen=True)
class ScientificId:
    """An ID number Excel stored as a number: its significant digits and the length it had."""

    text: str
    digits: str
    length: int

    def could_be(self, number: str) -> bool:
        """Whether Excel would show `number` so (rounded to the digits kept)."""
        if not number.isdigit() or len(number) != self.length:
            return False
        places = len(self.digits) - 1
        return format(Decimal(number), f".{places}E") == format(Decimal(self.text), f".{places}E")


def scientific_id(text: str) -> ScientificId | None:
    """`3.30283199001011E+17` as its significant digits and length (None: not that form)."""
    cleaned = text.strip().upper()
    match = _SCIENTIFIC.match(cleaned)
    if match is None:
        return None
    digits = match.group(1) + (match.group(2) or "")
    return ScientificId(cleaned, digits, int(match.group(3)) + 1)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and abs(value) >= _EXACT_FLOAT:
        # an ID number Excel took for a number: shown as Excel shows it, so that the
        # reader sees the digits are lost rather than a wrong check digit
        return f"{value:.14E}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # the old binary Excel (.xls) and other compound files


def _xlsx_table(path: Path, data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:  # from the bytes: openpyxl judges a file by its name, this one by its content
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # BadZipFile, KeyError, openpyxl's InvalidFileException ...
        raise RosterFileError(f"{path.name} 不是有效的 Excel 表格（.xlsx）：文件已损坏") from exc
    try:
        sheet = book.worksheets[0]
        return [[_cell(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _decoded(path: Path, data: bytes) -> tuple[str, str]:
    """The text of a CSV and the encoding found: UTF-8 (with or without BOM), UTF-16 with
    its BOM (Excel's "Unicode text"), else GB18030 (which reads every GBK file)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    if b"\x00" in data:
        raise RosterFileError(f"{path.name} 不是文本表格（CSV）：内容是二进制数据")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8"
        except UnicodeDecodeError as exc:
            raise RosterFileError(f"{path.name} 的编码有误：标为 UTF-8 但内容不是") from exc
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GBK"
    except UnicodeDecodeError as exc:
        raise RosterFileError(
            f"{path.name} 不是可识别的文本表格（CSV）：既不是 UTF-8 也不是 GBK 编码"
        ) from exc


def _csv_table(text: str) -> list[list[str]]:
    first = text.split("\n", 1)[0]
    delimiter = max(",\t;", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [[_cell(c) for c in row] for row in reader]


def _table(path: Path) -> tuple[list[list[str]], str]:
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise RosterFileError(f"找不到文件：{path}") from exc
    except OSError as exc:
        raise RosterFileError(f"无法读取文件 {path}：{exc.strerror}") from exc
    if not data.strip():
        raise RosterFileError(f"{path.name} 是空文件，没有任何内容")
    if data.startswith(_OLE):
        raise RosterFileError(
            f"{path.name} 是旧版 Excel（.xls）或其他二进制文件：请在 Excel 中另存为 .xlsx 或 CSV"
        )
    if data.startswith(_ZIP):  # an .xlsx whatever its name says
        return _xlsx_table(path, data), "xlsx"
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise RosterFileError(f"{path.name} 不是有效的 Excel 表格（.xlsx）：内容不是表格文件")
    text, encoding = _decoded(path, data)
    return _csv_table(text), encoding


def _header_row(table: list[list[str]], headers: dict[str, str]) -> int:
    """The index of the header row: the first of the top rows with the most known columns
    (a title line or two above it is common in exports)."""
    best, best_known = 0, 0
    for index, row in enumerate(table[:_HEADER_SEARCH_ROWS]):
        known = len({headers[k] for k in map(header_key, row) if k in headers})
        if known > best_known:
            best, best_known = index, known
    return best


def read_sheet(
    path: Path,
    *,
    headers: dict[str, str] = HEADERS,
    column_names: dict[str, str] = COLUMN_NAMES,
    required: tuple[str, ...] = REQUIRED,
) -> Sheet:
    """Every non-empty row of the first sheet or the CSV as {field: text}, with its line.

    `headers` maps each `header_key` to its field (the roster's by default; the monthly
    change lists bring their own). Raises RosterFileError when the file is unreadable,
    has no rows, or lacks a needed column (named once, in Chinese)."""
    table, encoding = _table(path)
    if not any(any(row) for row in table):
        raise RosterFileError(f"{path.name} 中没有任何数据：表格是空的")
    at = _header_row(table, headers)
    header = table[at]
    names = [headers.get(header_key(h), "") for h in header]
    ignored = [h for h, n in zip(header, names, strict=True) if h and not n]
    columns = {n for n in names if n}
    missing = [column_names[n] for n in required if n not in columns]
    if missing:
        raise RosterFileError(
            f"{path.name} 缺少必需的列：{'、'.join(missing)}（表头在第{at + 1}行："
            f"{'、'.join(h for h in header if h) or '空'}）"
        )
    rows: list[tuple[int, dict[str, str]]] = []
    for line, cells in enumerate(table[at + 1 :], start=at + 2):
        if any(cells):
            row = {n: (cells[i] if i < len(cells) else "") for i, n in enumerate(names) if n}
            rows.append((line, row))
    if not rows:
        raise RosterFileError(f"{path.name} 只有表头，没有数据行：0 行")
    return Sheet(rows, columns, ignored, encoding)
