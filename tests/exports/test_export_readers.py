"""Every export as the person who opens it sees it: no header, name or 说明 line cut by its
column, no key of ours where words are due, and no number a masked copy hides shown
in a sentence beside it."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from app.exports.fields import ExportParams
from app.exports.templates import all_templates
from app.exports.write import ABOUT_WIDTH, MAX_WIDTH, text_width, write_export
from app.store.database import Database

AS_OF = date(2026, 11, 1)
MONTH = "2026-11"  # the demo's month of open verification tasks
LAST_MONTH = "2026-10"  # and the month of its tasks in every state
TOWN = "330213001000"
TOWN_NAME = "锦屏街道"
#: a key of ours (dibao, grade1, in_progress): never a cell of a column for people
KEY = re.compile(r"^[a-z]+[a-z0-9]*(_[a-z0-9]+)*$")
#: a run of digits as long as an ID, certificate or bank number
LONG_NUMBER = re.compile(r"[0-9]{15,}")


def written(db: Database, tmp_path: Path, name: str, fmt: str, month: str = MONTH) -> Path:
    template = all_templates()[name]
    params = ExportParams(
        survey_round="2026",
        area_code=TOWN,
        as_of=AS_OF,
        month=month if "month" in template.params else "",
    )
    path = tmp_path / f"{name}-{month}.{fmt}"
    with db.session() as s:
        write_export(s, template, params, path)
    return path


def cells(path: Path) -> list[list[Any]]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as stream:
            return [[v.lstrip("\t") or None for v in row] for row in csv.reader(stream)]
    book = load_workbook(path, read_only=True)
    rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    return rows


@pytest.mark.parametrize("name", sorted(all_templates()))
def test_no_header_or_about_line_is_cut_by_its_column(
    district_db: Database, tmp_path: Path, name: str
) -> None:
    template = all_templates()[name]
    path = written(district_db, tmp_path, name, "xlsx")
    book = load_workbook(path)
    data, about = book.worksheets
    rows = [list(r) for r in data.iter_rows(values_only=True)]
    for index, header in enumerate(template.headers, start=1):
        cell = data.cell(1, index)
        width = data.column_dimensions[get_column_letter(index)].width
        # the header whole in its column, or wrapping inside it (bold, the table's head)
        assert width >= min(text_width(header) + 1, MAX_WIDTH), (name, header, width)
        assert cell.font.b and (cell.alignment.wrap_text or width >= text_width(header)), header
        widest = max((text_width(str(r[index - 1])) for r in rows[1:] if r[index - 1]),
                     default=0.0)  # fmt: skip
        assert width >= min(widest, MAX_WIDTH), (name, header, widest, width)
    lines = [(a.value, b) for a, b in about.iter_rows(min_col=1, max_col=2)]
    assert lines and all(key and b.value for key, b in lines), "no empty line in 说明"
    label_width = about.column_dimensions["A"].width
    value_width = about.column_dimensions["B"].width
    for key, value in lines:
        assert label_width >= text_width(key), (name, key)
        text = str(value.value)
        assert value_width >= min(text_width(text), ABOUT_WIDTH), (name, text)
        assert value_width >= text_width(text) or value.alignment.wrap_text, (name, text)
    about_text = dict((k, v.value) for k, v in lines)
    assert about_text["区域"] == f"{TOWN_NAME}（{TOWN}）", "the area by its name, not a code"
    assert about_text["导出"] == template.title


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("name", sorted(all_templates()))
def test_people_read_words_and_masked_copies_hide_numbers_everywhere(
    district_db: Database, tmp_path: Path, name: str, fmt: str
) -> None:
    template = all_templates()[name]
    # this month's open tasks, and last month's checked, accepted and returned ones
    rows = cells(written(district_db, tmp_path, name, fmt))
    rows += cells(written(district_db, tmp_path, name, fmt, LAST_MONTH))[1:]
    coded = {c.header for c in template.columns if c.value == "code"}
    full = {c.header for c in template.columns if c.field.kind in ("id", "bank") and not c.mask}
    assert len(rows) > 1 or "month" in template.params, name
    for row in rows[1:]:
        for header, value in zip(rows[0], row, strict=False):
            if value is None or header in coded:
                continue
            text = str(value)
            assert not KEY.match(text), (name, fmt, header, text)
            if not template.full_numbers_for:
                assert not LONG_NUMBER.search(text), (name, fmt, header, text)
            elif header not in full and LONG_NUMBER.search(text):
                assert template.full_numbers_for, (name, header)
