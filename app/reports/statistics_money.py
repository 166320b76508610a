"""Money figures: subsidies per month and kind, started and stopped; renovation by kind of work."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from app.domain import renovation as rules
from app.domain.codes import load_code_lists
from app.reports.figure import Cell, Chart, Figure, day_words, yuan
from app.reports.progress_cases import FINISHED, SETTLED
from app.reports.scope import few_first, live_household_few
from app.store.registry import Household, Person, Subsidy
from app.store.work import RenovationCase

if TYPE_CHECKING:
    from app.reports.statistics import StatScope

TOTAL = "合计"
#: a period in one of these was (or is) paid for the months from its start to its end
PAID_STATUSES = ("active", "stopped")
#: a start or end month before the figures' year, an end month after it
BEFORE, AFTER = "0000-00", "9999-12"


def _labels(list_id: str) -> dict[str, str]:
    return {item.code: item.label for item in load_code_lists()[list_id]}


def _months(scope: StatScope) -> list[str]:
    last = scope.as_of.month if scope.as_of.year == scope.year else 12
    if scope.as_of.year < scope.year:
        return []
    return [f"{scope.year}-{m:02d}" for m in range(1, last + 1)]


def subsidy_figures(session: Session, scope: StatScope) -> list[Figure]:
    """Recipients and money per month for each kind; periods started and stopped this year."""
    s = Subsidy
    months = _months(scope)
    # One pass gives the periods grouped by kind, state, months and reason (a few hundred
    # groups); which months each group covers is worked out here, not in SQL. A month
    # before the year reads as BEFORE, an end after it as AFTER: they count the same
    # here, and grouping every month since the first subsidy cost a third of the pass.
    first, last = f"{scope.year}-01", f"{scope.year}-12"
    start_key = case(
        (and_(s.start_month != "", s.start_month < first), BEFORE), else_=s.start_month
    )
    end_key = case(
        (s.end_month > last, AFTER),
        (and_(s.end_month != "", s.end_month < first), BEFORE),
        else_=s.end_month,
    )
    periods = session.execute(
        select(s.kind, s.status, start_key, end_key, s.end_reason,
               func.count(), func.sum(s.amount_fen))
        .select_from(s)
        .join(Person, Person.id == few_first(s.person_id, scope.area_code))
        .join(Household, Household.id == Person.household_id)
        .where(
            s.deleted.is_(False),
            s.status.in_(PAID_STATUSES),
            Person.deleted.is_(False),
            live_household_few(scope.area_code),
        )
        .group_by(s.kind, s.status, start_key, end_key, s.end_reason)
    ).all()  # fmt: skip
    kinds = _labels("subsidy_kind")
    reasons = _labels("subsidy_end_reason")
    order = [*kinds, *sorted({p[0] for p in periods} - set(kinds))]
    year = str(scope.year)
    paid: dict[tuple[str, str], list[int]] = {}  # (kind, month) -> [periods, fen]
    changes: list[tuple[str, str, int, int]] = []
    for kind, status, start, end, reason, count, fen in periods:
        count, fen = int(count), int(fen or 0)
        # a stopped period without its end month is left out: nobody knows when it ended
        if start and (status == "active" or end):
            for month in months:
                if start <= month and (not end or end >= month):
                    into = paid.setdefault((kind, month), [0, 0])
                    into[0] += count
                    into[1] += fen
        changes.append((kind, reason, count if start[:4] == year else 0,
                        count if end[:4] == year else 0))  # fmt: skip
    month_rows: list[tuple[Cell, ...]] = []
    for month in months:
        cells: list[Cell] = [month]
        for kind in order:
            n, fen = paid.get((kind, month), [0, 0])
            cells += [n, yuan(fen)]
        cells += [
            sum(paid.get((k, month), [0, 0])[0] for k in order),
            yuan(sum(paid.get((k, month), [0, 0])[1] for k in order)),
        ]
        month_rows.append(tuple(cells))
    headers: list[str] = ["月份"]
    for kind in order:
        label = kinds.get(kind, kind)
        headers += [f"{label}人数", f"{label}金额(元)"]
    headers += ["合计人数", "合计金额(元)"]
    started = dict.fromkeys(order, 0)
    stopped: dict[tuple[str, str], int] = {}
    for kind, reason, start_count, stop_count in changes:
        started[kind] = started.get(kind, 0) + start_count
        if stop_count:
            stopped[(kind, reason or "")] = stopped.get((kind, reason or ""), 0) + int(stop_count)
    change_rows: list[tuple[Cell, ...]] = []
    for kind in order:
        label = kinds.get(kind, kind)
        change_rows.append((label, "新增发放", "", started.get(kind, 0)))
        for (k, reason), count in sorted(stopped.items()):
            if k == kind:
                change_rows.append(
                    (label, "停止发放", reasons.get(reason, reason or "未填原因"), count)
                )
    definition = (
        f"{scope.area_name}登记库中的补贴期：某月的发放人数＝起始月不晚于该月、"
        "且发放中（终止月为空或不早于该月）或已停发（终止月不早于该月）的补贴期数；已停发而未填终止月的不计；金额＝这些补贴期的月发放标准合计"
        "（以分精确累加）。暂停发放的补贴期不计（无法得知暂停的月份）。"
        f"{scope.year}年1月至{months[-1] if months else '—'}，截至{day_words(scope.as_of)}。"
    )
    return [
        scope.figure(
            "stats.subsidies.monthly",
            "补贴发放（按月）",
            definition,
            columns=tuple(headers),
            rows=tuple(month_rows),
            chart=Chart("line", 0, tuple(range(1, 2 * len(order), 2))),
        ),
        scope.figure(
            "stats.subsidies.changes",
            "补贴新增与停发",
            f"{scope.year}年内起始的补贴期为新增发放，{scope.year}年内终止（终止月在本年）的"
            "为停止发放，按停发原因分列；只计发放中或已停发的补贴期。"
            f"{scope.area_name}，截至{day_words(scope.as_of)}。",
            columns=("补贴", "变动", "原因", "人次"),
            rows=tuple(change_rows),
        ),
    ]


def _plan_lines(items: Any) -> list[Mapping[str, Any]]:
    return [p for p in items or [] if isinstance(p, Mapping) and p.get("part") == "plan"]


def _actual(items: Any) -> Mapping[str, Any]:
    settlements = [
        p for p in items or [] if isinstance(p, Mapping) and p.get("part") == "settlement"
    ]
    return settlements[-1].get("actual", {}) if settlements else {}


def renovation_figures(session: Session, scope: StatScope) -> list[Figure]:
    """The year's finished homes by item of work: homes, quantity, planned and settled cost."""
    rows = session.execute(
        select(RenovationCase.state, RenovationCase.items)
        .join(Household, Household.id == RenovationCase.household_id)
        .where(
            RenovationCase.deleted.is_(False),
            RenovationCase.year == scope.year,
            RenovationCase.state.in_(sorted(FINISHED)),
            live_household_few(scope.area_code),
        )
    ).all()
    kinds = {"building": "施工改造", "device": "辅具/设备"}
    by_item: dict[str, list[Any]] = {}
    homes = 0
    for state, items in rows:
        homes += 1
        actual = _actual(items) if state in SETTLED else {}
        for line in _plan_lines(items):
            code = str(line.get("code", ""))
            entry = by_item.setdefault(
                code, [line.get("name", code), line.get("kind", ""), 0, 0, 0, 0]
            )
            entry[2] += 1
            entry[3] += line.get("quantity", 0) or 0
            entry[4] += int(line.get("amount_fen", 0) or 0)
            if code in actual:
                entry[5] += int(actual[code] or 0)
    table: list[tuple[Cell, ...]] = []
    for code in sorted(by_item):
        name, kind, count, quantity, planned, settled = by_item[code]
        table.append(
            (code, name, kinds.get(kind, kind), count, quantity, yuan(planned), yuan(settled))
        )
    table.append(
        (
            TOTAL,
            "",
            "",
            homes,
            "",
            yuan(sum(v[4] for v in by_item.values())),
            yuan(sum(v[5] for v in by_item.values())),
        )
    )
    done = ", ".join(
        rules.STATE_LABELS[s] for s in sorted(FINISHED, key=list(rules.STATE_LABELS).index)
    )
    return [
        scope.figure(
            "stats.renovation.by_item",
            "无障碍改造完成情况（按改造项目）",
            f"{scope.year}年度已完工的无障碍改造案例（状态为{done}），按方案中的改造项目分列："
            "户数＝方案含该项目的户数，数量＝方案数量合计，计划金额＝方案金额，"
            "结算金额＝已结算案例结算时登记的该项目实际费用；合计行的户数为已完工户数。"
            f"{scope.area_name}，截至{day_words(scope.as_of)}。",
            columns=("项目代码", "项目", "类别", "户数", "数量", "计划金额(元)", "结算金额(元)"),
            rows=tuple(table),
            chart=Chart("bar", 1, (3,)),
        )
    ]
