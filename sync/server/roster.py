"""Roster import: households and persons from an xlsx or csv sheet, every refusal reported.

One row per person; rows with the same 户编号 form one household. A row without a
户编号 (the certificate system exports none) joins the household of its 户主身份证号 in
the same village when the sheet has that column, else it is a household of its own:
two households to join later are safer than strangers at one coarse address ("XX村")
put together. A row is refused with its reason, naming the column in Chinese (invalid
ID, unknown area, certificate mismatch, duplicate, a missing or bad value); the
accepted rows go in together in one transaction, so a failure half-way leaves
nothing. With `strict`, one refused row refuses the sheet. Reading the file (header
spellings, labels, encodings) is `roster_sheet`'s.
"""

from __future__ import annotations

import csv
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.areas import AreaLevel, is_area_code, level_of
from app.domain.certificate import check_certificate, normalize_certificate
from app.domain.identity import (
    birth_date_from_id,
    check_resident_id,
    normalize_resident_id,
    sex_from_id,
)
from app.domain.issues import Issue
from app.domain.phone import check_phone, normalize_phone
from app.store.registry import Area, Person
from sync.server import bulk, ledger
from sync.server.admin import CLI, Doer
from sync.server.db import ServerDatabase
from sync.server.roster_sheet import (
    COLUMN_NAMES,
    EXCEL_NUMBER_FIX,
    LABELLED,
    REQUIRED,
    Sheet,
    code_of,
    known_labels,
    read_sheet,
    scientific_id,
)

REASONS = {
    "invalid_id": "身份证号无效",
    "unknown_area": "区划不存在",
    "cert_mismatch": "残疾人证号不符",
    "duplicate": "重复",
    "missing": "缺少必填项",
    "invalid": "内容无效",
}


@dataclass(frozen=True)
class RefusedRow:
    """One refused row: its line in the sheet, the reason and what exactly is wrong."""

    line: int
    reason: str
    message: str


@dataclass
class ImportReport:
    """What an import did: households and persons added, and every refused row."""

    households: int = 0
    persons: int = 0
    refused: list[RefusedRow] = field(default_factory=list)
    imported: bool = True
    #: what the clerk should know of the file as a whole (encoding, columns, households)
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"第{r.line}行 拒绝（{REASONS[r.reason]}）：{r.message}" for r in self.refused]
        out += self.notes
        done = "已导入" if self.imported else "未导入任何数据（--strict）"
        out.append(f"{done}：{self.households} 户，{self.persons} 人；拒绝 {len(self.refused)} 行")
        return out

    def write_csv(self, path: Path) -> None:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["行", "原因", "说明"])
            writer.writerows([r.line, REASONS[r.reason], r.message] for r in self.refused)


def _messages(issues: list[Issue]) -> str:
    return "；".join(i.message for i in issues)


class _Checker:
    """Checks rows one by one against the server's registry and the rows before them."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.areas: dict[str, bool] = {}
        self.ids: dict[str, int] = {}
        self.certs: dict[str, int] = {}
        self.household_area: dict[str, tuple[str, int]] = {}

    def _area_known(self, code: str) -> bool:
        if code not in self.areas:
            found = self.session.scalar(select(Area.id).where(Area.code == code))
            self.areas[code] = found is not None and level_of(code) is AreaLevel.VILLAGE
        return self.areas[code]

    def check(self, line: int, row: dict[str, str]) -> RefusedRow | None:
        missing = [COLUMN_NAMES[name] for name in REQUIRED if not row.get(name)]
        if missing:
            return RefusedRow(line, "missing", "、".join(missing))
        for name in LABELLED:
            text = row.get(name, "")
            code = code_of(name, text) if text else ""
            if code is None:
                return RefusedRow(
                    line, "invalid", f"{COLUMN_NAMES[name]}“{text}”不是{known_labels(name)}之一"
                )
            row[name] = code
        if row.get("phone"):
            issues = check_phone(row["phone"])
            if issues:
                return RefusedRow(line, "invalid", f"联系电话：{_messages(issues)}")
        if scientific_id(row["id_number"]) is not None:  # never guessed: a new person
            return RefusedRow(
                line,
                "invalid_id",
                f"身份证号被 Excel 存成了数字（{row['id_number']}），位数已丢失："
                + EXCEL_NUMBER_FIX,
            )
        id_number = normalize_resident_id(row["id_number"])
        issues = check_resident_id(id_number)
        if issues:
            return RefusedRow(line, "invalid_id", _messages(issues))
        code = row["area_code"]
        if not is_area_code(code) or not self._area_known(code):
            return RefusedRow(line, "unknown_area", f"未知的村/社区代码：{code}")
        ref = row.get("household_ref") or _household_of(line, row)
        row["household_ref"] = ref
        first = self.household_area.get(ref)
        if first is not None and first[0] != code:
            return RefusedRow(line, "invalid", f"户编号{ref}的村社区代码与第{first[1]}行不一致")
        cert = normalize_certificate(row.get("cert_number", ""))
        if cert:
            issues = check_certificate(
                cert,
                resident_id=id_number,
                category=row.get("category") or None,
                grade=row.get("grade") or None,
            )
            if issues:
                return RefusedRow(line, "cert_mismatch", _messages(issues))
        if id_number in self.ids:
            return RefusedRow(
                line, "duplicate", f"身份证号{id_number}与第{self.ids[id_number]}行重复"
            )
        if cert and cert in self.certs:
            return RefusedRow(line, "duplicate", f"残疾人证号{cert}与第{self.certs[cert]}行重复")
        live = select(Person.id).where(Person.deleted.is_(False))
        if self.session.scalar(live.where(Person.id_number == id_number)) is not None:
            return RefusedRow(line, "duplicate", f"身份证号已登记：{id_number}")
        if cert and self.session.scalar(live.where(Person.cert_number == cert)) is not None:
            return RefusedRow(line, "duplicate", f"残疾人证号已登记：{cert}")
        self.ids[id_number] = line
        if cert:
            self.certs[cert] = line
        self.household_area.setdefault(ref, (code, line))
        row["id_number"], row["cert_number"] = id_number, cert
        return None


def _household_of(line: int, row: dict[str, str]) -> str:
    """The household of a row without 户编号: its head's in the same village, else its own."""
    head = normalize_resident_id(row.get("head_id_number", ""))
    if head:
        return f"head:{row['area_code']}:{head}"
    return f"line:{line}"


def _notes(sheet: Sheet) -> list[str]:
    notes = [f"文件编码：{sheet.encoding}"] if sheet.encoding not in ("", "xlsx") else []
    if sheet.ignored:
        notes.append(f"未识别的列（未导入）：{'、'.join(sheet.ignored)}")
    if "household_ref" not in sheet.columns:
        rule = (
            "按“户主身份证号”归户（同一村社区、同一户主为一户）"
            if "head_id_number" in sheet.columns
            else "每人单独成户（表中没有户主身份证号，同一地址不一定是同一户）"
        )
        notes.append(f"表中没有“户编号”列：{rule}")
    return notes


def _records(rows: list[dict[str, str]]) -> tuple[list[dict[str, Any]], ...]:
    households: dict[str, dict[str, Any]] = {}
    persons: list[dict[str, Any]] = []
    certificates: list[dict[str, Any]] = []
    for row in rows:
        household = households.setdefault(
            row["household_ref"],
            {
                "id": str(uuid.uuid4()),
                "area_code": row["area_code"],
                "address": row.get("address", ""),
                "hukou_type": row.get("hukou_type", ""),
                "head_name": row.get("head_name", ""),
                "head_id_number": normalize_resident_id(row.get("head_id_number", "")),
                "phone": normalize_phone(row.get("phone", "")) if row.get("phone") else "",
                "hardship": [],
            },
        )
        person = {
            "id": str(uuid.uuid4()),
            "household_id": household["id"],
            "name": row["name"],
            "id_number": row["id_number"],
            "relation": row.get("relation", ""),
            "sex": sex_from_id(row["id_number"]),
            "birth_date": birth_date_from_id(row["id_number"]),
            "cert_number": row["cert_number"],
            "category": row.get("category", ""),
            "grade": row.get("grade", ""),
            "component_grades": {},
        }
        persons.append(person)
        if row["cert_number"]:
            certificates.append(
                {
                    "id": str(uuid.uuid4()),
                    "person_id": person["id"],
                    "cert_number": row["cert_number"],
                    "category": person["category"],
                    "grade": person["grade"],
                    "note": "名册导入",
                }
            )
    return list(households.values()), persons, certificates


def import_roster(
    database: ServerDatabase, path: Path, *, strict: bool = False, doer: Doer = CLI
) -> ImportReport:
    """Check every row, then add the accepted ones in one transaction (none when strict)."""
    sheet = read_sheet(path)  # a file that is no roster stops here, before any lock
    report = ImportReport(notes=_notes(sheet))
    with database.write() as s:
        ledger.lock(s)
        checker = _Checker(s)
        accepted: list[dict[str, str]] = []
        for line, row in sheet.rows:
            refused = checker.check(line, row)
            if refused is None:
                accepted.append(row)
            else:
                report.refused.append(refused)
        if strict and report.refused:
            report.imported = False
            return report
        households, persons, certificates = _records(accepted)
        author = ledger.Author("import")
        cache: bulk.AreaCache = {}
        report.households = bulk.create_many(s, "household", households, author=author, cache=cache)
        report.persons = bulk.create_many(s, "person", persons, author=author, cache=cache)
        bulk.create_many(s, "certificate", certificates, author=author, cache=cache)
        doer.record(
            s,
            "import_roster",
            {
                "file": path.name,
                "households": report.households,
                "persons": report.persons,
                "refused": len(report.refused),
            },
        )
    return report
