"""Every export template, written to xlsx and csv from a demo district and read back: the
headers, codes or labels per column, masking, money in yuan, and row counts against counts
made here in SQL."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from sqlalchemy import text

from app.domain.codes import load_code_lists
from app.exports.fields import ExportParams
from app.exports.templates import Column, ExportTemplate, all_templates
from app.exports.write import ExportError, write_export
from app.services.exports import export_to_file
from app.store.database import Database
from app.store.work import AuditEvent

ROUND = "2025"  # the demo's accepted round (last year's); 2026 is this season's progress
AS_OF = date(2026, 11, 1)
TOWN = "330213001000"
#: the rows of each source, counted here in SQL (":round", ":month", ":prefix")
COUNTS = {
    "form_a": "SELECT count(*) FROM person p JOIN household h ON h.id = p.household_id"
    " WHERE p.deleted = 0 AND h.deleted = 0 AND p.status = 'active'"
    " AND h.area_code LIKE :prefix",
    "registry": "SELECT count(*) FROM person p JOIN household h ON h.id = p.household_id"
    " WHERE p.deleted = 0 AND h.deleted = 0 AND p.status = 'active'"
    " AND h.area_code LIKE :prefix",
    # every household of the year's income sample, done or not
    "form_b": "SELECT count(*) FROM income_sample s JOIN household h ON h.id = s.household_id"
    " WHERE s.year = :year AND s.deleted = 0 AND h.deleted = 0 AND h.area_code LIKE :prefix",
    "renovation": "SELECT count(*) FROM renovation_case c JOIN household h"
    " ON h.id = c.household_id WHERE c.deleted = 0 AND h.deleted = 0 AND c.year = :year"
    " AND h.area_code LIKE :prefix",
    "subsidies": "SELECT count(*) FROM subsidy s JOIN person p ON p.id = s.person_id"
    " JOIN household h ON h.id = p.household_id WHERE s.deleted = 0 AND p.deleted = 0"
    " AND h.deleted = 0 AND s.status <> 'stopped' AND s.start_month <= :month"
    " AND (s.end_month = '' OR s.end_month >= :month) AND h.area_code LIKE :prefix",
}
_TASKS = (
    " FROM change_notice n JOIN person p ON p.id = n.person_id"
    " JOIN household h ON h.id = p.household_id WHERE n.deleted = 0 AND p.deleted = 0"
    " AND h.deleted = 0 AND n.month = :month AND h.area_code LIKE :prefix"
)
_SUBSIDIES = (
    "SELECT count(*) FROM subsidy s JOIN person p ON p.id = s.person_id"
    " JOIN household h ON h.id = p.household_id WHERE s.deleted = 0 AND p.deleted = 0"
    " AND h.deleted = 0 AND h.area_code LIKE :prefix"
)
_PERSONS = (
    " JOIN household h ON h.id = p.household_id WHERE p.deleted = 0 AND h.deleted = 0"
    " AND h.area_code LIKE :prefix"
)
for _agency in ("police", "civil", "health", "hrss", "cdpf"):
    COUNTS[f"feedback_{_agency}"] = (
        "SELECT count(*) FROM (SELECT json_extract(j.value, '$.source') AS source"
        + _TASKS.replace(" WHERE", ", json_each(n.rows) j WHERE")
        + f") WHERE source = '{_agency}'"
    )
COUNTS |= {
    "subsidy_stops": _SUBSIDIES + " AND s.status = 'stopped' AND s.end_month = :month",
    "subsidy_starts": _SUBSIDIES + " AND s.status IN ('active', 'suspended')"
    " AND ((s.decision_date >= :start AND s.decision_date < :after)"
    " OR (s.decision_date IS NULL AND s.start_month = :next))",
    "registry_changes": "SELECT (SELECT count(*) FROM person p"
    + _PERSONS
    + " AND p.status = 'cancelled' AND p.status_date >= :start AND p.status_date < :after)"
    " + (SELECT count(*) FROM certificate c JOIN person p ON p.id = c.person_id"
    + _PERSONS
    + " AND c.deleted = 0 AND c.valid_from >= :start AND c.valid_from < :after)"
    " + (SELECT count(*)"
    + _TASKS.replace(" WHERE", ", json_each(n.consequences) c WHERE")
    + " AND n.state = 'accepted' AND json_extract(c.value, '$.action') = 'move')",
    "task_progress": "SELECT count(DISTINCT h.area_code)" + _TASKS,
}
MONTHLY = {f"feedback_{a}" for a in ("police", "civil", "health", "hrss", "cdpf")} | {
    "subsidy_stops", "subsidy_starts", "registry_changes", "task_progress"}  # fmt: skip
#: the month of the monthly exports: the demo's last month, closed and reviewed
MONTH = "2026-10"
MASKED_ID = re.compile(r"^\d{6}\*{8}[0-9X]{4}[0-9A-Z]{0,4}$")
MASKED_BANK = re.compile(r"^\*{4}( \w{4})?$")
YUAN = re.compile(r"^-?\d+\.\d\d$")


def count(db: Database, source: str, year: str, area: str) -> int:
    month = MONTH if source in MONTHLY else AS_OF.strftime("%Y-%m")
    params = {"round": year, "year": int(year), "month": month,
              "prefix": f"{area.rstrip('0')[:9] if area else ''}%",
              "start": f"{MONTH}-01", "after": "2026-11-01", "next": "2026-11"}  # fmt: skip
    with db.engine.connect() as conn:
        return int(conn.execute(text(COUNTS[source]), params).scalar_one())


def read_xlsx(path: Path) -> list[list[Any]]:
    book = load_workbook(path, read_only=True)
    sheet = book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert book.sheetnames[1] == "说明"
    book.close()
    return rows


def read_csv(path: Path) -> list[list[Any]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Chinese Excel needs the BOM to read UTF-8"
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    # a people's csv keeps long digit runs as text for Excel with a leading tab
    return [[v.removeprefix("\t") or None for v in row] for row in rows]


def label_sets(column: Column) -> tuple[set[str], set[str]]:
    """The codes and the labels a coded column may show."""
    field = column.field
    labels = field.labels
    if labels is None:
        labels = {i.code: i.label for i in load_code_lists()[field.codes]}
    return set(labels), set(labels.values())


def check_cell(template: ExportTemplate, column: Column, value: Any, fmt: str) -> None:
    where = (template.id, fmt, column.header, value)
    if value is None:
        return
    kind = column.field.kind
    if column.mask == "id":
        assert MASKED_ID.match(str(value)), where
    elif column.mask == "bank":
        assert MASKED_BANK.match(str(value)), where
    elif kind == "id":
        assert "*" not in str(value) and len(str(value)) >= 18, where
    elif kind == "money":
        if fmt == "csv":
            assert YUAN.match(value), where
        else:
            assert isinstance(value, int | float), where
    elif column.value:
        codes, labels = label_sets(column)
        allowed = labels if column.value == "label" else codes
        separator = ("；" if column.value == "label" else ",") if column.field.multi else None
        for part in str(value).split(separator) if separator else [str(value)]:
            assert part in allowed, where


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("name", sorted(all_templates()))
def test_each_template_reads_back(
    district_db: Database, tmp_path: Path, name: str, fmt: str
) -> None:
    template = all_templates()[name]
    for year, area in (("2026", ""), (ROUND, TOWN)):
        month = MONTH if "month" in template.params else ""
        params = ExportParams(survey_round=year, area_code=area, as_of=AS_OF, month=month)
        path = tmp_path / f"{name}-{year}.{fmt}"
        with district_db.session() as s:
            written = write_export(s, template, params, path)
        rows = read_xlsx(path) if fmt == "xlsx" else read_csv(path)
        assert rows[0] == template.headers
        assert written == len(rows) - 1 == count(district_db, template.source.name, year, area)
        assert written > 0 or area, (name, year, area)
        for row in rows[1:]:
            assert len(row) <= len(template.columns)
            for column, value in zip(template.columns, row, strict=False):
                check_cell(template, column, value, fmt)


def rows_by_id(path: Path, fmt: str, key: str) -> dict[str, dict[str, Any]]:
    rows = read_xlsx(path) if fmt == "xlsx" else read_csv(path)
    width = len(rows[0])
    found = [dict(zip(rows[0], [*r, *[None] * (width - len(r))], strict=True)) for r in rows[1:]]
    return {str(r[key]): r for r in found}


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_form_a_upper_has_the_answers_in_codes_and_the_reason_of_the_rest(
    district_db: Database, tmp_path: Path, fmt: str
) -> None:
    template = all_templates()["form-a-upper"]
    path = tmp_path / f"a.{fmt}"
    with district_db.session() as s:
        write_export(s, template, ExportParams("2026", as_of=AS_OF), path)
    rows = rows_by_id(path, fmt, "公民身份号码")
    with district_db.engine.connect() as conn:
        responses = conn.execute(
            text(
                "SELECT p.id_number, r.state, json_extract(r.answers, '$.hukou'),"
                " json_extract(r.answers, '$.method'), json_extract(r.answers, '$.lost_reason'),"
                " json_extract(r.answers, '$.rehab_needed')"
                " FROM form_response r JOIN person p ON p.id = r.person_id"
                " WHERE r.form_id = 'dynamic-update' AND r.survey_round = '2026'"
                " AND r.deleted = 0 AND p.status = 'active'"
            )
        ).all()
    seen = Counter[str]()
    for id_number, state, hukou, method, lost_reason, rehab in responses:
        row = rows[id_number]
        if state == "accepted" and method == "4":
            assert (row["完成情况"], row["未完成原因"]) == ("2", f"失访：{lost_reason}")
            seen["lost"] += 1
        elif state == "accepted":
            assert row["完成情况"] == "1" and row["未完成原因"] is None
            assert row["R3 户口性质"] == hukou
            needed = ",".join(json.loads(rehab)) if rehab else None
            assert row["R37 目前需要的康复服务（可多选）"] == needed
            seen["done"] += 1
        else:
            assert row["R3 户口性质"] is None, "answers not accepted yet are not handed up"
            if state == "returned":
                assert str(row["未完成原因"]).startswith("已退回")
            seen[state] += 1
    not_started = [r for r in rows.values() if r["完成情况"] == "3"]
    assert len(not_started) == len(rows) - len(responses) + seen["assigned"]
    assert all(r["未完成原因"] == "未开始" for r in not_started)
    assert seen["done"] and seen["returned"]


def test_money_is_yuan_from_fen_exactly(district_db: Database, tmp_path: Path) -> None:
    template = all_templates()["renovation-cases"]
    path = tmp_path / "cases.csv"
    with district_db.session() as s:
        write_export(s, template, ExportParams("2026", as_of=AS_OF), path)
    rows = read_csv(path)
    column = rows[0].index("方案金额（元）")
    written = sorted(int(Decimal(r[column]) * 100) for r in rows[1:])
    with district_db.engine.connect() as conn:
        fen = sorted(
            conn.execute(text("SELECT total_fen FROM renovation_case WHERE year = 2026")).scalars()
        )
    assert written == fen and fen


def test_an_export_is_audited_with_its_row_count(district_db: Database, tmp_path: Path) -> None:
    template = all_templates()["registry"]
    path = tmp_path / "registry.xlsx"
    rows = export_to_file(district_db, "town001", template, ExportParams(area_code=TOWN), path)
    with district_db.session() as s:
        event = s.query(AuditEvent).filter(AuditEvent.action == "export").one()
    assert (event.username, event.target_id) == ("town001", "registry")
    assert event.detail["rows"] == rows and event.detail["area"] == TOWN


def test_bad_parameters_and_files_are_refused_in_words(
    district_db: Database, tmp_path: Path
) -> None:
    template = all_templates()["form-a-upper"]
    with district_db.session() as s, pytest.raises(ExportError, match="调查年度"):
        write_export(s, template, ExportParams("26"), tmp_path / "a.xlsx")
    with district_db.session() as s, pytest.raises(ExportError, match=r"\.xlsx 或 \.csv"):
        write_export(s, template, ExportParams("2026"), tmp_path / "a.ods")
    with district_db.session() as s, pytest.raises(ExportError, match="无法"):
        write_export(s, template, ExportParams("2026"), tmp_path / "missing" / "a.csv")
    assert not list(tmp_path.glob("**/.export-*")), "no half-written file is left behind"
