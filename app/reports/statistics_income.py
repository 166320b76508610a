"""Income monitoring (Form B): per-capita income and its parts, spending, the dibao line."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.settings import SettingsError, load_settings
from app.reports.figure import Cell, Chart, Figure, day_words, per, share, yuan
from app.reports.scope import full_code, in_year, live_household_few
from app.store.registry import Household
from app.store.work import FormResponse

if TYPE_CHECKING:
    from app.reports.statistics import StatScope

TOTAL = "合计"
DONE = ("completed", "submitted", "accepted")


def fen(value: Any) -> int | None:
    """A money answer in yuan as integer fen (None when empty or not a number)."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    return int((number * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


INCOME_PARTS = (
    ("工资性收入", "wages_total"),
    ("经营净收入", "business_total"),
    ("财产净收入", "property_total"),
    ("转移净收入", "transfers_total"),
)
SPENDING = (
    ("食品烟酒", "spend_food"),
    ("衣着", "spend_clothing"),
    ("居住", "spend_housing"),
    ("生活用品及服务", "spend_household"),
    ("交通通信", "spend_transport"),
    ("教育文化娱乐", "spend_education"),
    ("医疗保健", "spend_health"),
    ("其他用品和服务", "spend_other"),
)


def _latest_answers(session: Session, scope: StatScope) -> list[Mapping[str, Any]]:
    """The done Form B of each household in the year's rounds (the latest round wins)."""
    r = FormResponse
    rows = session.execute(
        select(r.household_id, r.survey_round, r.answers)
        .join(Household, Household.id == r.household_id)
        .where(
            r.form_id == "income-monitoring",
            in_year(r.survey_round, scope.year),
            r.deleted.is_(False),
            r.state.in_(DONE),
            live_household_few(scope.area_code),
        )
        .order_by(r.household_id, r.survey_round)
    )
    latest: dict[str, Mapping[str, Any]] = {}
    for household_id, _, answers in rows:
        latest[household_id] = answers or {}
    return list(latest.values())


def _per_capita(total_fen: int, persons: int) -> Decimal:
    return yuan(per(total_fen, persons))


def income_figures(session: Session, scope: StatScope) -> list[Figure]:
    """Per-capita disposable income and its parts, spending by class, against the dibao line."""
    answered = [
        a
        for a in _latest_answers(session, scope)
        if fen(a.get("income_total")) is not None and int(a.get("resident_size") or 0) > 0
    ]
    persons = sum(int(a["resident_size"]) for a in answered)
    income = sum(fen(a.get("income_total")) or 0 for a in answered)
    months = sum(int(a["resident_size"]) * int(a.get("period_months") or 12) for a in answered)
    rows: list[tuple[Cell, ...]] = [
        ("可支配收入", yuan(income), _per_capita(income, persons), 100.0)
    ]
    for label, key in INCOME_PARTS:
        part = sum(fen(a.get(key)) or 0 for a in answered)
        rows.append((label, yuan(part), _per_capita(part, persons), share(part, income)))
    spending = sum(fen(a.get("consumption_total")) or 0 for a in answered)
    rows.append(
        ("生活消费支出", yuan(spending), _per_capita(spending, persons), share(spending, income))
    )
    for label, key in SPENDING:
        part = sum(fen(a.get(key)) or 0 for a in answered)
        rows.append((f"  {label}", yuan(part), _per_capita(part, persons), share(part, spending)))
    try:
        line_fen: int | None = (
            load_settings().for_area(scope.year, full_code(scope.area_code)).dibao_line_fen
        )
    except SettingsError:
        line_fen = None
    monthly = per(income, months)
    below = sum(1 for a in answered if a.get("below_dibao") == "1")
    near = sum(1 for a in answered if a.get("near_dibao") == "1")
    line_text = (
        f"当地低保标准{yuan(line_fen)}元/人·月（设置文件），监测户人均月可支配收入{yuan(monthly)}元，"
        f"为低保标准的{share(monthly, line_fen)}%；"
        if line_fen
        else "设置文件未给出该年度的低保标准；"
    )
    definition = (
        f"{scope.year}年度收入监测（表B）已完成的样本户（季度监测取该户最近一季），"
        f"共{len(answered)}户{persons}人（常住人口）。人均＝合计÷常住人口数；"
        "人均月可支配收入＝可支配收入合计÷(常住人口×统计期月数)。"
        + line_text
        + f"人均月收入低于低保标准的{below}户，处于低保边缘的{near}户（表B监测标识B6.4、B6.5）。"
        f"金额以分精确累加；{scope.area_name}，截至{day_words(scope.as_of)}。"
    )
    dibao_rows: list[tuple[Cell, ...]] = [
        ("监测户", len(answered), 100.0 if answered else 0.0),
        ("低于低保标准", below, share(below, len(answered))),
        ("处于低保边缘", near, share(near, len(answered))),
        (
            "高于低保边缘",
            len(answered) - below - near,
            share(len(answered) - below - near, len(answered)),
        ),
    ]
    return [
        scope.figure(
            "stats.income.per_capita",
            "监测户收入与支出",
            definition,
            columns=("项目", "合计(元)", "人均(元)", "占比(%)"),
            rows=tuple(rows),
            chart=Chart("bar", 0, (2,)),
        ),
        scope.figure(
            "stats.income.dibao",
            "监测户与低保标准",
            definition,
            columns=("类别", "户数", "占比(%)"),
            rows=tuple(dibao_rows),
            chart=Chart("bar", 0, (1,)),
        ),
    ]
