"""Monthly change lists in: each row matched to a registered person, a month's rows one task.

`import_changes` reads an agency's list (`changes_sheet`), checks every row and
refuses, with a Chinese reason, an ID that is malformed or fails its check digit, an
ID not in the registry, a person no longer in the district's registry (cancelled),
the same row twice in the file, a kind of change or a source it does not know, and a
bad date. The accepted rows become the month's verification tasks (核对任务,
`ChangeNotice`), one per person and month, written through the ledger so that each
gets its sequence number and the scope of the person's village and reaches that
village's member at the next pull. Everything is written in one transaction, or
nothing (a file that cannot be read stops before the database is touched).

Each row has a `row_key` (a hash of its source, kind, person and date): a row already
in the person's task adds nothing, so loading a list twice makes no second task and
no second row. Rows for a task that is already further along:
- open or returned: the rows are added; the task stays where it is;
- submitted: the rows are added and the task goes back to open, with a history
  entry, since the outcome the member gave does not cover them yet;
- accepted: the task is closed and its consequences applied, so it is not opened
  again (its consequences would be applied twice); the row is refused with reason
  "任务已核结", to be loaded with the next month if it still needs a visit.
"""

from __future__ import annotations

import csv
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.identity import check_resident_id, normalize_resident_id
from app.domain.months import MonthError, month_end, row_key
from app.domain.months import parse_month as _parse_month
from app.domain.workflow import history_entry
from app.services.tasks import due_date_of
from app.store.base import utcnow
from app.store.registry import Person
from app.store.work import ChangeNotice
from sync.server import bulk, ledger, published
from sync.server.admin import CLI, AdminError, Doer
from sync.server.changes_sheet import (
    COLUMN_NAMES,
    DATE_KINDS,
    kind_of,
    known_sources,
    label,
    parse_date,
    read_changes,
    source_of,
)
from sync.server.db import ServerDatabase
from sync.server.roster_sheet import EXCEL_NUMBER_FIX, ScientificId, header_key, scientific_id
from sync.server.tables import RecordIndex

REASONS = {
    "bad_id": "身份证号有误",
    "unknown_id": "未登记",
    "not_in_district": "不在本区在册人员中",
    "duplicate": "重复",
    "unknown_kind": "变动类型不明",
    "unknown_source": "来源不明",
    "bad_date": "日期有误",
    "closed": "任务已核结",
}
AUTHOR = ledger.Author("import")


@dataclass(frozen=True)
class RefusedRow:
    """One refused row: its line, the reason, what exactly is wrong, and its cells."""

    line: int
    reason: str
    message: str
    values: dict[str, str]


@dataclass
class ChangeReport:
    """What an import did: tasks made and grown, rows taken, rows refused."""

    month: str
    rows: int = 0
    tasks_new: int = 0
    tasks_grown: int = 0
    tasks_reopened: int = 0
    rows_added: int = 0
    rows_known: int = 0
    refused: list[RefusedRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    imported: bool = True

    @property
    def tasks(self) -> int:
        return self.tasks_new + self.tasks_grown

    def lines(self) -> list[str]:
        out = [f"第{r.line}行 拒绝（{REASONS[r.reason]}）：{r.message}" for r in self.refused]
        out += self.notes
        if not self.imported:
            out.append("未导入任何数据（--strict）")
        out.append(
            f"{self.month} 变动名单：{self.rows} 行；新建任务 {self.tasks_new} 个，"
            f"已有任务新增变动 {self.tasks_grown} 个（其中重新待核实 {self.tasks_reopened} 个），"
            f"已导入过的行 {self.rows_known} 行；拒绝 {len(self.refused)} 行"
        )
        return out

    def write_csv(self, path: Path) -> None:
        """The refused rows as CSV with a BOM (Excel opens it as UTF-8): line, reason,
        what is wrong, then the row's own cells."""
        columns = [c for c in COLUMN_NAMES if any(c in r.values for r in self.refused)]
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["行", "原因", "说明", *(COLUMN_NAMES[c] for c in columns)])
            for r in self.refused:
                cells = [r.values.get(c, "") for c in columns]
                writer.writerow([r.line, REASONS[r.reason], r.message, *cells])


def parse_month(text: str) -> str:
    """A month as YYYY-MM; AdminError (exit 2 on the command line) when not one."""
    try:
        return _parse_month(text)
    except MonthError as exc:
        raise AdminError(str(exc)) from exc


@dataclass
class _Row:
    """A row as accepted: the person it is about and the entry for the task's rows."""

    line: int
    person_id: str
    entry: dict[str, str]
    event_date: date | None


class _Checker:
    """Checks rows one by one against the registry and the rows before them."""

    def __init__(self, session: Session, month: str, source: str, kind: str) -> None:
        self.session = session
        self.month = month
        self.last_day = month_end(month)
        self.source = source
        self.kind = kind
        self.keys: dict[str, int] = {}
        self.notes: list[str] = []
        self.persons: dict[str, list[Person]] = {}

    def load(self, rows: list[tuple[int, dict[str, str]]]) -> None:
        """The registered persons of every ID in the list, in a few queries (not one a row)."""
        numbers = list({normalize_resident_id(r.get("id_number", "")) for _, r in rows})
        for start in range(0, len(numbers), 500):
            query = select(Person).where(Person.id_number.in_(numbers[start : start + 500]))
            for person in self.session.scalars(query):
                self.persons.setdefault(person.id_number, []).append(person)

    def check(self, line: int, row: dict[str, str]) -> _Row | RefusedRow:
        def refuse(reason: str, message: str) -> RefusedRow:
            return RefusedRow(line, reason, message, dict(row))

        source = self.source
        if row.get("source"):
            found = source_of(row["source"])
            if found is None:
                return refuse("unknown_source", f"来源“{row['source']}”不是{known_sources()}之一")
            source = found
        if not source:
            return refuse("unknown_source", "没有来源：表中无“来源”列时请用 --source 指定")
        kind, event_text = self.kind, row.get("event_date", "")
        for column, implied in DATE_KINDS.items():
            if row.get(column):
                kind, event_text = kind or implied, event_text or row[column]
        if row.get("kind"):
            found = kind_of(row["kind"], source)
            if found is None:
                hint = (
                    "：请写明死亡注销、户口迁出或残疾人证注销"
                    if header_key(row["kind"]) in ("注销", "户口注销", "销户")
                    else ""
                )
                return refuse("unknown_kind", f"变动类型“{row['kind']}”无法识别{hint}")
            kind = found
        if not kind:
            return refuse("unknown_kind", "没有变动类型")
        try:
            event_date = parse_date(event_text)
        except ValueError:
            return refuse("bad_date", f"日期“{event_text}”无法识别（应如 2026-12-03）")
        except (TypeError, OverflowError) as exc:
            return refuse("bad_date", f"日期“{event_text}”不存在：{exc}")
        if event_date is not None and event_date > self.last_day:
            return refuse("bad_date", f"日期 {event_date} 晚于核对月份 {self.month}")
        if event_date is not None and event_date.year < 1900:
            return refuse("bad_date", f"日期 {event_date} 过早")
        found_person = self._person(row, refuse)
        if isinstance(found_person, RefusedRow):
            return found_person
        person = found_person
        key = row_key(source, kind, person.id_number, event_date)
        if key in self.keys:
            return refuse("duplicate", f"与第{self.keys[key]}行相同（同一人、同一变动、同一日期）")
        self.keys[key] = line
        name = row.get("name", "").strip()
        if name and header_key(name) != header_key(person.name):
            self.notes.append(
                f"第{line}行 姓名“{name}”与登记的“{person.name}”不同（按身份证号匹配）"
            )
        entry = {
            "source": source,
            "kind": kind,
            "event_date": event_date.isoformat() if event_date else "",
            "name": name or person.name,
            "detail": row.get("detail", "").strip(),
            "row_key": key,
        }
        return _Row(line, person.id, entry, event_date)

    def _person(self, row: dict[str, str], refuse: Any) -> Person | RefusedRow:
        text = row.get("id_number", "")
        if not text.strip():
            return refuse("bad_id", "身份证号为空")  # type: ignore[no-any-return]
        scientific = scientific_id(text)
        if scientific is not None:
            return self._scientific(text, scientific, row, refuse)
        number = normalize_resident_id(text)
        issues = check_resident_id(number, today=self.last_day)
        if issues:
            return refuse("bad_id", "；".join(i.message for i in issues))  # type: ignore[no-any-return]
        return self._registered(number, self.persons.get(number, []), refuse)

    def _registered(self, number: str, persons: list[Person], refuse: Any) -> Person | RefusedRow:
        live = [p for p in persons if not p.deleted]
        active = [p for p in live if p.status != "cancelled"]
        if active:
            return active[0]
        if live:
            p = live[0]
            when = f"{p.status_date}" if p.status_date else ""
            return refuse(  # type: ignore[no-any-return]
                "not_in_district", f"{number}（{p.name}）已于{when}注销，不在本区在册人员中"
            )
        return refuse("unknown_id", f"本区残疾人登记中没有身份证号 {number}")  # type: ignore[no-any-return]

    def _scientific(
        self, text: str, sci: ScientificId, row: dict[str, str], refuse: Any
    ) -> Person | RefusedRow:
        """Excel kept 15 digits: the person whose ID starts with them and whose name is the
        row's, if exactly one; else the row is refused with what to do."""
        fix = EXCEL_NUMBER_FIX
        name = row.get("name", "").strip()
        if sci.length != 18 or len(sci.digits) < 15 or not name:
            return refuse(  # type: ignore[no-any-return]
                "bad_id", f"身份证号被 Excel 存成了数字（{text}），位数已丢失：{fix}"
            )
        query = select(Person).where(Person.id_number.startswith(sci.digits[:12]))
        candidates = [
            p
            for p in self.session.scalars(query)
            if sci.could_be(p.id_number) and header_key(p.name) == header_key(name)
        ]
        if len(candidates) != 1:
            return refuse(  # type: ignore[no-any-return]
                "bad_id",
                f"身份证号被 Excel 存成了数字（{text}），后三位已丢失，"
                f"按前15位和姓名找到 {len(candidates)} 人：{fix}",
            )
        person = candidates[0]
        self.notes.append(
            f"身份证号 {text} 被 Excel 存成了数字：按前15位和姓名“{name}”匹配到 {person.id_number}"
        )
        return self._registered(person.id_number, candidates, refuse)


def _scope_cache(session: Session, person_ids: set[str]) -> bulk.AreaCache:
    cache: bulk.AreaCache = {}
    ids = list(person_ids)
    for start in range(0, len(ids), 500):
        query = select(RecordIndex.record_id, RecordIndex.area_code).where(
            RecordIndex.entity == "person", RecordIndex.record_id.in_(ids[start : start + 500])
        )
        cache.update({("person", i): a for i, a in session.execute(query)})
    return cache


def _existing(session: Session, month: str, person_ids: set[str]) -> dict[str, ChangeNotice]:
    found: dict[str, ChangeNotice] = {}
    ids = list(person_ids)
    for start in range(0, len(ids), 500):
        query = select(ChangeNotice).where(
            ChangeNotice.month == month,
            ChangeNotice.deleted.is_(False),
            ChangeNotice.person_id.in_(ids[start : start + 500]),
        )
        for task in session.scalars(query):
            found.setdefault(task.person_id, task)
    return found


def _new_task(person_id: str, month: str, rows: list[_Row], due: date) -> dict[str, Any]:
    first = rows[0]
    return {
        "id": str(uuid.uuid4()),
        "person_id": person_id,
        "kind": first.entry["kind"],
        "source": first.entry["source"],
        "month": month,
        "effective_date": first.event_date,
        "state": "open",
        "resolution_note": "",
        "rows": [r.entry for r in rows],
        "due_date": due,
        "outcome": "",
        "method": "",
        "checked_on": None,
        "checked_by": "",
        "reason": "",
        "consequences": [],
        "state_history": [],
    }


def _grow(
    session: Session, task: ChangeNotice, rows: list[_Row], report: ChangeReport, now: datetime
) -> None:
    """Add the new rows to a task (an accepted task refuses them; a submitted one opens)."""
    known = {r.get("row_key") for r in task.rows}
    fresh = [r for r in rows if r.entry["row_key"] not in known]
    report.rows_known += len(rows) - len(fresh)
    if not fresh:
        return
    if task.state == "accepted":
        kinds = "、".join(sorted({label("change_kind", r["kind"]) for r in task.rows}))
        for r in fresh:
            same = any(r.entry["kind"] == old["kind"] for old in task.rows)
            why = "同一变动已核实，无需再核" if same else "如仍需核实，请随下月名单导入"
            report.refused.append(
                RefusedRow(
                    r.line,
                    "closed",
                    f"本月该人员的核对任务（{kinds}）已审核通过：{why}",
                    {"name": r.entry["name"], "kind": label("change_kind", r.entry["kind"])},
                )
            )
        return
    values: dict[str, Any] = {"rows": [*task.rows, *(r.entry for r in fresh)]}
    if task.state == "submitted":
        entry = history_entry("submitted", "open", "admin", AUTHOR.username, now, "新的变动名单行")
        values |= {"state": "open", "state_history": [*task.state_history, entry]}
        report.tasks_reopened += 1
    ledger.write_change(session, "change_notice", task.id, values, author=AUTHOR)
    report.tasks_grown += 1
    report.rows_added += len(fresh)


def import_changes(
    database: ServerDatabase,
    path: Path,
    *,
    month: str,
    source: str = "",
    kind: str = "",
    due_days: int | None = None,
    strict: bool = False,
    doer: Doer = CLI,
) -> ChangeReport:
    """Check every row, then write the month's tasks in one transaction.

    `source` (a code or label, e.g. 公安) applies to rows without a 来源 cell; `kind`
    to rows without a kind. The due date is the month's end plus `due_days`, by default
    the days the settings give for the person's village (`task_due_days_after_month`,
    as the laptop's `due_date_of` reads them). With `strict`, one refused row refuses the
    list. Raises AdminError (RosterFileError) before writing anything when the file cannot
    be read or lacks the ID column."""
    month = parse_month(month)
    source_code = ""
    if source:
        source_code = source_of(source) or ""
        if not source_code:
            raise AdminError(f"来源“{source}”不是{known_sources()}之一")
    kind_code = ""
    if kind:
        kind_code = kind_of(kind, source_code) or ""
        if not kind_code:
            raise AdminError(f"变动类型“{kind}”无法识别")
    sheet = read_changes(path)  # a file that is no list stops here, before any lock
    report = ChangeReport(month=month, rows=len(sheet.rows))
    if sheet.ignored:
        report.notes.append(f"未识别的列（未导入）：{'、'.join(sheet.ignored)}")
    with database.write() as s:
        published.put_in_use(s)  # the due days of the settings the district published
        ledger.lock(s)
        checker = _Checker(s, month, source_code, kind_code)
        checker.load(sheet.rows)
        accepted: dict[str, list[_Row]] = {}
        for line, row in sheet.rows:
            checked = checker.check(line, row)
            if isinstance(checked, RefusedRow):
                report.refused.append(checked)
            else:
                accepted.setdefault(checked.person_id, []).append(checked)
        report.notes = checker.notes + report.notes
        if strict and report.refused:
            report.imported = False
            return report
        existing = _existing(s, month, set(accepted))
        cache = _scope_cache(s, {p for p in accepted if p not in existing})
        now = utcnow()
        new_tasks = []
        dues: dict[str, date] = {}
        for person_id, rows in accepted.items():
            task = existing.get(person_id)
            if task is None:
                area = cache.get(("person", person_id)) or ""
                if area not in dues:  # one reading of the settings per village
                    dues[area] = (
                        due_date_of(month, area)
                        if due_days is None
                        else month_end(month) + timedelta(days=due_days)
                    )
                due = dues[area]
                new_tasks.append(_new_task(person_id, month, rows, due))
                report.rows_added += len(rows)
            else:
                _grow(s, task, rows, report, now)
        report.tasks_new = bulk.create_many(
            s, "change_notice", new_tasks, author=AUTHOR, cache=cache
        )
        report.refused.sort(key=lambda r: r.line)
        doer.record(
            s,
            "import_changes",
            {
                "file": path.name,
                "month": month,
                "source": source_code,
                "rows": report.rows,
                "tasks_new": report.tasks_new,
                "tasks_grown": report.tasks_grown,
                "rows_added": report.rows_added,
                "refused": len(report.refused),
            },
        )
    return report
