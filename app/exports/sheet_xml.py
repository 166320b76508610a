"""The rows of an export's sheet as worksheet XML, written directly, as openpyxl writes them.

openpyxl's write-only mode builds an element for every cell and serialises it, about
2 µs a cell; the year's Form A for a district is two million cells. The workbook (its
parts, styles, the frozen header, the second sheet) is still openpyxl's: only the rows
of `<sheetData>` are written here, cell for cell in openpyxl's own form (inline strings,
`t="n"` numbers through openpyxl's `safe_string`), which a test compares byte for byte
with openpyxl's output.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from openpyxl.compat import safe_string  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

#: characters a worksheet cannot hold (control characters): left out of the cell
ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
#: the longest text a cell holds (openpyxl cuts there too)
MAX_TEXT = 32767
SHEET_END = b"</sheetData>"
NUMBERS = (int, float, Decimal)


def writable(value: Any) -> bool:
    """Whether a cell value is one this writer writes (else the whole sheet is openpyxl's)."""
    return value is None or isinstance(value, (str, bool, *NUMBERS))


@cache
def _letter(column: int) -> str:
    return str(get_column_letter(column))


def _escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _cell(ref: str, value: Any) -> str:
    if isinstance(value, str):
        if not value:
            return f'<c r="{ref}" t="inlineStr" />'
        value = value[:MAX_TEXT]
        stripped = value.strip()
        space = ' xml:space="preserve"' if stripped and stripped != value else ""
        return f'<c r="{ref}" t="inlineStr"><is><t{space}>{_escape(value)}</t></is></c>'
    kind = "b" if isinstance(value, bool) else "n"
    return f'<c r="{ref}" t="{kind}"><v>{safe_string(value)}</v></c>'


def _row(number: int, row: list[Any]) -> str:
    cells = "".join(
        _cell(f"{_letter(column)}{number}", value)
        for column, value in enumerate(row, start=1)
        if value is not None
    )
    return f'<row r="{number}">{cells}</row>'


def rows_xml(rows: Iterable[list[Any]], first: int) -> Iterable[str]:
    """`<row>` elements of `rows`, numbered from `first`; empty cells (None) left out,
    characters a worksheet cannot hold (control characters) left out of the texts."""
    for number, row in enumerate(rows, start=first):
        xml = _row(number, row)
        if ILLEGAL.search(xml):  # rare: clean the texts, then write the row again
            xml = _row(number, [ILLEGAL.sub("", v) if isinstance(v, str) else v for v in row])
        yield xml


def insert_rows(
    path: Path,
    sheet_part: str,
    rows: Iterable[list[Any]],
    first: int,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Add `rows` at the end of `sheet_part`'s `<sheetData>` in the xlsx at `path`."""
    rebuilt = path.with_name(path.name + ".rows")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rebuilt, "w") as target:
        for info in source.infolist():
            if info.filename != sheet_part:
                with source.open(info) as part, target.open(info, "w") as out:
                    shutil.copyfileobj(part, out)
                continue
            head, tail = source.read(info).split(SHEET_END, 1)
            entry = zipfile.ZipInfo(info.filename, info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            with target.open(entry, "w", force_zip64=True) as out:
                out.write(head)
                chunk: list[str] = []
                for done, row in enumerate(rows_xml(rows, first), start=1):
                    chunk.append(row)
                    if len(chunk) == 500:
                        out.write("".join(chunk).encode())
                        chunk.clear()
                    if progress is not None:
                        progress(done)
                out.write("".join(chunk).encode())
                out.write(SHEET_END + tail)
    rebuilt.replace(path)
