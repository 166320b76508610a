"""Where an export's rows come from: the registry, the current subsidies, the renovation
cases of a year, and the survey forms (`form_sources`); `source(name)` finds one."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from sqlalchemy import or_
from sqlalchemy.orm import Session

from app.domain.renovation import STATE_LABELS as CASE_STATES
from app.domain.renovation import load_catalogue
from app.exports.fields import (
    AREA_FIELDS,
    HOUSEHOLD_FIELDS,
    PERSON_FIELDS,
    ExportParams,
    Field,
    Source,
    fields_of,
    household_query,
    in_address_order,
    in_area,
    person_query,
    read_rows,
)
from app.exports.form_sources import form_sources
from app.exports.monthly_sources import monthly_sources
from app.store.registry import Household, Person, Subsidy
from app.store.work import RenovationCase


def registry_rows(session: Session, params: ExportParams) -> list[dict[str, Any]]:
    """The registered persons (active) of the area with their households."""
    rows = read_rows(session, in_area(person_query().where(Person.status == "active"), params))
    return in_address_order(rows, "person.relation", "person.name")


SUBSIDY_FIELDS = (
    Field("subsidy.kind", "补贴类型", "code", "subsidy_kind"),
    Field("subsidy.start_month", "起始月份"),
    Field("subsidy.end_month", "终止月份"),
    Field("subsidy.amount", "月发放金额（元）", "money"),
    Field("subsidy.status", "发放状态", "code", "subsidy_status"),
)


def subsidy_rows(session: Session, params: ExportParams) -> list[dict[str, Any]]:
    """The subsidy periods current in the month of `as_of` (started, not ended, not stopped),
    one row per person and subsidy."""
    month = params.as_of.strftime("%Y-%m")
    query = in_area(
        person_query(
            Subsidy.kind.label("subsidy.kind"),
            Subsidy.start_month.label("subsidy.start_month"),
            Subsidy.end_month.label("subsidy.end_month"),
            Subsidy.amount_fen.label("subsidy.amount"),
            Subsidy.status.label("subsidy.status"),
        )
        .join(Subsidy, Subsidy.person_id == Person.id)
        .where(
            Subsidy.deleted.is_(False),
            Subsidy.status != "stopped",
            Subsidy.start_month <= month,
            or_(Subsidy.end_month == "", Subsidy.end_month >= month),
        ),
        params,
    )
    return in_address_order(read_rows(session, query), "person.name", "subsidy.kind")


CASE_FIELDS = (
    Field("case.year", "年度"),
    Field("case.state", "办理状态", "code", labels=CASE_STATES),
    Field("case.items", "改造项目"),
    Field("case.planned", "方案金额（元）", "money"),
    Field("case.cap", "补助上限（元）", "money"),
    Field("case.settled", "结算金额（元）", "money"),
    Field("case.contractor", "施工单位"),
    Field("case.opened", "登记日期", "date"),
    Field("case.settled_on", "结算日期", "date"),
)
_CASE_PERSON = ("person.name", "person.id_number", "person.cert_number", "person.category",
                "person.grade", "person.sex")  # fmt: skip


def _parts(items: list[Any], part: str) -> list[Mapping[str, Any]]:
    return [e for e in items or [] if isinstance(e, Mapping) and e.get("part") == part]


def _day(entry: Mapping[str, Any] | None) -> str:
    return str(entry.get("at") or "")[:10] if entry else ""


def case_rows(session: Session, params: ExportParams) -> list[dict[str, Any]]:
    """The renovation cases of the year (`round`) in the area, with their money in fen."""
    catalogue = load_catalogue()
    query = in_area(
        household_query(
            *(getattr(Person, n.split(".")[1]).label(n) for n in _CASE_PERSON),
            RenovationCase.year.label("case.year"),
            RenovationCase.state.label("case.state"),
            RenovationCase.items.label("case.parts"),
            RenovationCase.total_fen.label("case.planned"),
            RenovationCase.cap_fen.label("case.cap"),
        )
        .select_from(RenovationCase)
        .join(Household, Household.id == RenovationCase.household_id)
        .outerjoin(Person, Person.id == RenovationCase.person_id)
        .where(RenovationCase.deleted.is_(False), RenovationCase.year == int(params.survey_round)),
        params,
    )
    rows = read_rows(session, query)
    for row in rows:
        parts = row.pop("case.parts") or []
        plan = _parts(parts, "plan")
        settlements = _parts(parts, "settlement")
        works = _parts(parts, "in_construction")
        row["case.items"] = "、".join(
            f"{_name(catalogue, line)}×{line.get('quantity', 1)}" for line in plan
        )
        row["case.settled"] = settlements[-1].get("total_fen") if settlements else None
        row["case.settled_on"] = _day(settlements[-1] if settlements else None)
        row["case.contractor"] = str(works[-1].get("contractor") or "") if works else ""
        row["case.opened"] = _day(next(iter(_parts(parts, "opening")), None))
    return in_address_order(rows, "person.name")


def _name(catalogue: Any, line: Mapping[str, Any]) -> str:
    item = catalogue.get(str(line.get("code")))
    return str(line.get("name") or (item.name if item else line.get("code")))


@functools.cache
def all_sources() -> Mapping[str, Source]:
    """Every source an export template may name, by name."""
    found = (
        Source(
            "registry",
            "持证残疾人名册",
            fields_of(AREA_FIELDS, HOUSEHOLD_FIELDS, PERSON_FIELDS),
            registry_rows,
            needs_round=False,
        ),
        Source(
            "subsidies",
            "两项补贴当前发放名单",
            fields_of(AREA_FIELDS, HOUSEHOLD_FIELDS, PERSON_FIELDS, SUBSIDY_FIELDS),
            subsidy_rows,
            needs_round=False,
        ),
        Source(
            "renovation",
            "无障碍改造个案（含金额）",
            fields_of(
                AREA_FIELDS,
                HOUSEHOLD_FIELDS,
                [f for f in PERSON_FIELDS if f.name in _CASE_PERSON],
                CASE_FIELDS,
            ),
            case_rows,
        ),
        *form_sources(),
        *monthly_sources(),
    )
    return {s.name: s for s in found}


def source(name: str) -> Source:
    """The source called `name`; KeyError when there is none."""
    return all_sources()[name]
