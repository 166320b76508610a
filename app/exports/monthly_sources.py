"""The monthly round's exports: the feedback sheet per agency, the subsidy stop and start
lists, the month's registry changes, and the tasks per village (done, overdue, returned).

Each is a `Source` like the others, so a template of `resources/exports` chooses its
columns, and the server's `export NAME --month 2026-12` and the program's export dialog
write it. The month is the round's (`ExportParams.month_text`):
- feedback: each row of the month's tasks from that agency, with the outcome, method,
  date and reason (and the task's state, so a row not yet reviewed is seen as such);
- stops (停发名单): subsidy periods stopped whose last paid month is the month;
- starts (新增名单): subsidy periods approved (审定) in the month, or, with no decision
  date recorded, whose payment starts the month after;
- registry changes: persons cancelled in the month, certificates issued in it (new or
  replacing one), and moves confirmed by an accepted task of the month;
- progress: per village, the month's tasks open, submitted, returned, accepted, overdue.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.codes import load_code_lists
from app.domain.months import month_start, next_month
from app.domain.settings import SettingsError, load_settings
from app.domain.subsidies import group_label
from app.exports.fields import (
    AREA_FIELDS,
    HOUSEHOLD_FIELDS,
    PERSON_FIELDS,
    ExportParams,
    Field,
    Places,
    Source,
    fields_of,
    in_address_order,
    in_area,
    person_query,
    read_rows,
)
from app.store.registry import Area, Certificate, Household, Person, Subsidy, User
from app.store.work import ChangeNotice

AGENCIES = {"police": "公安", "civil": "民政", "health": "卫健", "hrss": "人社", "cdpf": "残联"}
TASK_FIELDS = (
    Field("task.month", "核对月份"),
    Field("task.source", "变动来源", "code", "change_source"),
    Field("task.kind", "变动类型", "code", "change_kind"),
    Field("task.event_date", "变动日期", "date"),
    Field("task.name", "来源姓名"),
    Field("task.detail", "来源备注"),
    Field("task.state", "核对状态", "code", "task_state"),
    Field("task.outcome", "核实结果", "code", "task_outcome"),
    Field("task.method", "核实方式", "code", "verify_method"),
    Field("task.checked_on", "核实日期", "date"),
    Field("task.checked_by", "核实人"),
    Field("task.reason", "核实说明"),
    Field("task.due_date", "完成期限", "date"),
)
MONTHLY_SUBSIDY_FIELDS = (
    Field("subsidy.kind", "补贴类型", "code", "subsidy_kind"),
    Field("subsidy.start_month", "起始月份"),
    Field("subsidy.end_month", "末次发放月份"),
    Field("subsidy.stop_from", "停发月份"),
    Field("subsidy.amount", "月发放金额（元）", "money"),
    Field("subsidy.status", "发放状态", "code", "subsidy_status"),
    Field("subsidy.end_reason", "停发原因", "code", "subsidy_end_reason"),
    Field("subsidy.reason", "原因"),
    Field("subsidy.group", "补贴对象类别"),
    Field("subsidy.decision_date", "审定日期", "date"),
    Field("subsidy.decision_number", "审定文号"),
)
CHANGE_FIELDS = (
    Field("change.kind", "变动"),
    Field("change.date", "变动日期", "date"),
    Field("change.detail", "说明"),
)
PROGRESS_FIELDS = (
    Field("progress.month", "核对月份"),
    Field("progress.total", "任务数", "number"),
    Field("progress.open", "待核实", "number"),
    Field("progress.submitted", "待审核", "number"),
    Field("progress.returned", "已退回", "number"),
    Field("progress.accepted", "已完成", "number"),
    Field("progress.overdue", "已逾期", "number"),
    Field("progress.done_share", "完成率"),
)


def _month_range(month: str) -> tuple[date, date]:
    return month_start(month), month_start(next_month(month))


def _labels(list_id: str) -> dict[str, str]:
    return {i.code: i.label for i in load_code_lists()[list_id]}


def _tasks(session: Session, params: ExportParams, *extra: Any) -> list[dict[str, Any]]:
    query = in_area(
        person_query(
            ChangeNotice.id.label("task.id"),
            ChangeNotice.month.label("task.month"),
            ChangeNotice.rows.label("task.rows"),
            ChangeNotice.state.label("task.state"),
            ChangeNotice.outcome.label("task.outcome"),
            ChangeNotice.method.label("task.method"),
            ChangeNotice.checked_on.label("task.checked_on"),
            # the checker by name, as the agencies read it (the sign-in name only when
            # the user is not known here)
            func.coalesce(func.nullif(User.display_name, ""), ChangeNotice.checked_by).label(
                "task.checked_by"
            ),
            ChangeNotice.reason.label("task.reason"),
            ChangeNotice.resolution_note.label("task.note"),
            ChangeNotice.due_date.label("task.due_date"),
            ChangeNotice.consequences.label("task.consequences"),
            *extra,
        )
        .join(ChangeNotice, ChangeNotice.person_id == Person.id)
        .outerjoin(User, User.username == ChangeNotice.checked_by)
        .where(ChangeNotice.deleted.is_(False), ChangeNotice.month == params.month_text),
        params,
    )
    return read_rows(session, query)


def feedback_rows(agency: str) -> Any:
    """The rows function of one agency's feedback sheet."""

    def rows(session: Session, params: ExportParams) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for task in _tasks(session, params):
            for entry in task.pop("task.rows") or []:
                if not isinstance(entry, Mapping) or entry.get("source") != agency:
                    continue
                row = dict(task)
                row["task.source"] = agency
                row["task.kind"] = entry.get("kind", "")
                row["task.event_date"] = entry.get("event_date") or None
                row["task.name"] = entry.get("name", "")
                row["task.detail"] = entry.get("detail", "")
                if not row["task.reason"]:
                    row["task.reason"] = row.get("task.note") or ""
                out.append(row)
        return in_address_order(out, "person.name", "task.kind")

    return rows


def _subsidies(session: Session, params: ExportParams, *where: Any) -> list[dict[str, Any]]:
    query = in_area(
        person_query(
            Subsidy.kind.label("subsidy.kind"),
            Subsidy.start_month.label("subsidy.start_month"),
            Subsidy.end_month.label("subsidy.end_month"),
            Subsidy.amount_fen.label("subsidy.amount"),
            Subsidy.status.label("subsidy.status"),
            Subsidy.end_reason.label("subsidy.end_reason"),
            Subsidy.group.label("subsidy.group"),
            Subsidy.decision_date.label("subsidy.decision_date"),
            Subsidy.decision_number.label("subsidy.decision_number"),
            Subsidy.task_id.label("subsidy.task_id"),
        )
        .join(Subsidy, Subsidy.person_id == Person.id)
        .where(Subsidy.deleted.is_(False), *where),
        params,
    )
    rows = read_rows(session, query)
    _name_groups(rows, int(params.month_text[:4]))
    return rows


def _name_groups(rows: list[dict[str, Any]], year: int) -> None:
    """Each row's subsidy group in words (its hardship, or its grades and categories), as
    the subsidy panel shows it: the group's key is the settings file's, not the reader's."""
    try:
        book = load_settings()
    except SettingsError:
        return
    years = sorted(book.years)  # the year's settings, or the nearest configured before it
    chosen = year if year in years else max((y for y in years if y <= year), default=years[0])
    for row in rows:
        group = row["subsidy.group"]
        if group:
            settings = book.for_area(chosen, row["area.code"])
            row["subsidy.group"] = group_label(settings, row["subsidy.kind"], group)


def _task_kinds(session: Session, ids: set[str]) -> dict[str, str]:
    """The change kinds (labels) of the tasks a subsidy row was made by."""
    if not ids:
        return {}
    kinds = _labels("change_kind")
    found: dict[str, str] = {}
    for task_id, rows in session.execute(
        select(ChangeNotice.id, ChangeNotice.rows).where(ChangeNotice.id.in_(list(ids)))
    ):
        names = [kinds.get(str(r.get("kind")), str(r.get("kind"))) for r in rows or []]
        found[task_id] = "、".join(dict.fromkeys(names))
    return found


def stop_rows(session: Session, params: ExportParams) -> list[dict[str, Any]]:
    """停发名单: periods stopped whose last paid month is the month (stopped from the next)."""
    month = params.month_text
    rows = _subsidies(session, params, Subsidy.status == "stopped", Subsidy.end_month == month)
    reasons = _labels("subsidy_end_reason")
    tasks = _task_kinds(session, {r["subsidy.task_id"] for r in rows if r["subsidy.task_id"]})
    for row in rows:
        row["subsidy.stop_from"] = next_month(month)
        why = reasons.get(row["subsidy.end_reason"] or "", row["subsidy.end_reason"] or "")
        found = tasks.get(row["subsidy.task_id"] or "")
        row["subsidy.reason"] = f"{why}（核对：{found}）" if found and why else why or found
    return in_address_order(rows, "person.name", "subsidy.kind")


def start_rows(session: Session, params: ExportParams) -> list[dict[str, Any]]:
    """新增名单: periods approved in the month (or, without a decision date, starting the
    month after), paid from their start month."""
    month = params.month_text
    start, after = _month_range(month)
    rows = [
        r
        for r in _subsidies(session, params, Subsidy.status.in_(("active", "suspended")))
        if (r["subsidy.decision_date"] is not None and start <= r["subsidy.decision_date"] < after)
        or (r["subsidy.decision_date"] is None and r["subsidy.start_month"] == next_month(month))
    ]
    tasks = _task_kinds(session, {r["subsidy.task_id"] for r in rows if r["subsidy.task_id"]})
    for row in rows:
        found = tasks.get(row["subsidy.task_id"] or "")
        group = row["subsidy.group"] or ""
        row["subsidy.reason"] = "；".join(
            t for t in (group, f"核对：{found}" if found else "") if t
        )
    return in_address_order(rows, "person.name", "subsidy.kind")


def change_rows(session: Session, params: ExportParams) -> list[dict[str, Any]]:
    """The month's registry changes: cancellations, certificates issued, confirmed moves."""
    start, after = _month_range(params.month_text)
    reasons = _labels("cancel_reason")
    out: list[dict[str, Any]] = []
    cancelled = in_area(
        person_query(Person.cancel_reason.label("person.cancel_reason")).where(
            Person.status == "cancelled", Person.status_date >= start, Person.status_date < after
        ),
        params,
    )
    for row in read_rows(session, cancelled):
        why = reasons.get(row.get("person.cancel_reason") or "", "")
        row |= {"change.kind": "注销", "change.date": row["person.status_date"]}
        row["change.detail"] = why
        out.append(row)
    certificates = in_area(
        person_query(
            Certificate.cert_number.label("cert.number"),
            Certificate.valid_from.label("cert.from"),
            Certificate.person_id.label("cert.person"),
        )
        .join(Certificate, Certificate.person_id == Person.id)
        .where(
            Certificate.deleted.is_(False),
            Certificate.valid_from >= start,
            Certificate.valid_from < after,
        ),
        params,
    )
    rows = read_rows(session, certificates)
    earlier = _earlier_certificates(session, {r["cert.person"] for r in rows}, start)
    for row in rows:
        replaced = row["cert.person"] in earlier
        row |= {"change.kind": "换证" if replaced else "新办证", "change.date": row["cert.from"]}
        row["change.detail"] = f"残疾人证号 {row['cert.number']}"
        out.append(row)
    out += _moves(session, params)
    return in_address_order(out, "person.name", "change.kind")


def _earlier_certificates(session: Session, persons: set[str], start: date) -> set[str]:
    if not persons:
        return set()
    query = select(Certificate.person_id).where(
        Certificate.person_id.in_(list(persons)),
        Certificate.deleted.is_(False),
        Certificate.valid_from < start,
    )
    return set(session.scalars(query))


def _moves(session: Session, params: ExportParams) -> list[dict[str, Any]]:
    """Moves confirmed by the month's accepted tasks (their `move` consequence)."""
    names = {c: n for c, n in session.execute(select(Area.code, Area.name))}
    out = []
    for task in _tasks(session, params):
        if task["task.state"] != "accepted":
            continue
        for step in task["task.consequences"] or []:
            if not isinstance(step, Mapping) or step.get("action") != "move":
                continue
            row = dict(task)
            target = str(step.get("area_code") or step.get("to_area") or "")
            where = names.get(target, target)
            row |= {"change.kind": "迁移", "change.date": task["task.checked_on"]}
            row["change.detail"] = f"迁至{where}" if where else "户内迁移"
            out.append(row)
    return out


def progress_rows(session: Session, params: ExportParams) -> list[dict[str, Any]]:
    """Per village: the month's tasks by state, the overdue ones (open or returned past
    their due date on the day of the export) and the share done (accepted)."""
    query = (
        select(Household.area_code, ChangeNotice.state, ChangeNotice.due_date)
        .select_from(ChangeNotice)
        .join(Person, Person.id == ChangeNotice.person_id)
        .join(Household, Household.id == Person.household_id)
        .where(ChangeNotice.deleted.is_(False), ChangeNotice.month == params.month_text)
    )
    if params.prefix:
        query = query.where(Household.area_code.like(f"{params.prefix}%"))
    counts: dict[str, dict[str, Any]] = {}
    for area, state, due in session.execute(query):
        row = counts.setdefault(
            area,
            {"area.code": area, "progress.month": params.month_text, "progress.total": 0}
            | {f"progress.{s}": 0 for s in ("open", "submitted", "returned", "accepted")}
            | {"progress.overdue": 0},
        )
        row["progress.total"] += 1
        if f"progress.{state}" in row:
            row[f"progress.{state}"] += 1
        if state in ("open", "returned") and due is not None and due < params.as_of:
            row["progress.overdue"] += 1
    places = Places(session)
    out = [places.add(row) for _, row in sorted(counts.items())]
    for row in out:
        share = row["progress.accepted"] / row["progress.total"]
        row["progress.done_share"] = f"{share:.0%}"
    return out


def monthly_sources() -> tuple[Source, ...]:
    """The monthly round's sources (they need the `month` parameter, not the round)."""
    person = fields_of(AREA_FIELDS, HOUSEHOLD_FIELDS, PERSON_FIELDS)
    feedback = tuple(
        Source(
            f"feedback_{code}",
            f"变动核对反馈（{name}）",
            person | fields_of(TASK_FIELDS),
            feedback_rows(code),
            needs_round=False,
        )
        for code, name in AGENCIES.items()
    )
    return (
        *feedback,
        Source(
            "subsidy_stops",
            "两项补贴停发名单",
            person | fields_of(MONTHLY_SUBSIDY_FIELDS),
            stop_rows,
            needs_round=False,
        ),
        Source(
            "subsidy_starts",
            "两项补贴新增名单",
            person | fields_of(MONTHLY_SUBSIDY_FIELDS),
            start_rows,
            needs_round=False,
        ),
        Source(
            "registry_changes",
            "本月人员变动",
            person | fields_of(CHANGE_FIELDS),
            change_rows,
            needs_round=False,
        ),
        Source(
            "task_progress",
            "变动核对进度",
            fields_of(AREA_FIELDS, PROGRESS_FIELDS),
            progress_rows,
            needs_round=False,
        ),
    )
