"""Progress of Form C (renovation cases) and of the monthly verification tasks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.domain import renovation as rules
from app.domain.settings import SettingsError, load_settings
from app.reports.figure import Cell, Chart, Figure, day_words, per, share, yuan
from app.reports.scope import (
    child_areas,
    child_length,
    full_code,
    in_area_by_lookup,
    live_household_few,
    prefix,
)
from app.store.registry import Household, Person
from app.store.work import ChangeNotice, RenovationCase

if TYPE_CHECKING:
    from app.reports.progress import Scope

TOTAL = "合计"
#: the life cycle's states in the order a case reaches them (withdrawn last)
CASE_STATES = tuple(rules.STATE_LABELS)
APPROVED = frozenset(
    {
        rules.PLAN_APPROVED,
        rules.PUBLICISED,
        rules.IN_CONSTRUCTION,
        rules.COMPLETED,
        rules.RECTIFICATION,
        rules.ACCEPTED,
        rules.SETTLED,
        rules.FOLLOWED_UP,
    }
)
FINISHED = frozenset(
    {rules.COMPLETED, rules.RECTIFICATION, rules.ACCEPTED, rules.SETTLED, rules.FOLLOWED_UP}
)
ACCEPTED = frozenset({rules.ACCEPTED, rules.SETTLED, rules.FOLLOWED_UP})
SETTLED = frozenset({rules.SETTLED, rules.FOLLOWED_UP})
TASK_DONE = ("submitted", "accepted")
TASK_OPEN = ("open", "returned")


def settled_fen(items: Sequence[Any]) -> int:
    """A settled case's actual cost: its last settlement's total (fen)."""
    totals = [
        int(part.get("total_fen", 0))
        for part in items or []
        if isinstance(part, Mapping) and part.get("part") == "settlement"
    ]
    return totals[-1] if totals else 0


def renovation_target(year: int, area_code: str) -> int | None:
    """The year's number of homes to renovate (settings `renovation_target`): the year's
    value for the district, an override naming exactly the town or village for one of
    those (the district's target is not a town's); None when not set."""
    try:
        book = load_settings()
        settings = book.for_area(year, full_code(area_code))
    except SettingsError:
        return None
    code = prefix(area_code)
    if code != book.district and not any(
        o.prefix == code and "renovation_target" in o.values for o in book.overrides
    ):
        return None
    return settings.renovation_target or None


def _cases(session: Session, scope: Scope) -> dict[tuple[str, str], tuple[int, int]]:
    """(village, state) -> (cases, planned fen) of the round's year."""
    year = int(scope.survey_round[:4])
    rows = session.execute(
        select(
            Household.area_code,
            RenovationCase.state,
            func.count(RenovationCase.id),
            func.sum(RenovationCase.total_fen),
        )
        .join(Household, Household.id == RenovationCase.household_id)
        .where(
            RenovationCase.deleted.is_(False),
            RenovationCase.year == year,
            live_household_few(scope.area_code),
        )
        .group_by(Household.area_code, RenovationCase.state)
    )
    return {(r[0], r[1]): (int(r[2]), int(r[3] or 0)) for r in rows}


def _settled(session: Session, scope: Scope) -> dict[str, int]:
    """Village -> actual cost (fen) of the settled cases of the year (their items read)."""
    rows = session.execute(
        select(Household.area_code, RenovationCase.items)
        .join(Household, Household.id == RenovationCase.household_id)
        .where(
            RenovationCase.deleted.is_(False),
            RenovationCase.year == int(scope.survey_round[:4]),
            RenovationCase.state.in_(sorted(SETTLED)),
            live_household_few(scope.area_code),
        )
    )
    found: dict[str, int] = {}
    for village, items in rows:
        found[village] = found.get(village, 0) + settled_fen(items)
    return found


def _case_row(name: str, by_state: Mapping[str, tuple[int, int]], settled: int) -> list[Cell]:
    def count(states: frozenset[str] | set[str]) -> int:
        return sum(by_state.get(s, (0, 0))[0] for s in states)

    def money(states: frozenset[str] | set[str]) -> int:
        return sum(by_state.get(s, (0, 0))[1] for s in states)

    live = set(CASE_STATES) - {rules.WITHDRAWN}
    settled_count = count(SETTLED)
    return [
        name,
        count(live),
        count(APPROVED),
        count(FINISHED),
        count(ACCEPTED),
        settled_count,
        count({rules.WITHDRAWN}),
        yuan(money(live)),
        yuan(money(APPROVED)),
        yuan(settled),
        yuan(per(settled, settled_count)),
    ]


def form_c_figures(session: Session, scope: Scope) -> list[Figure]:
    """Cases by state, and by area with the money, against the year's target."""
    cases = _cases(session, scope)
    settled = _settled(session, scope)
    length = child_length(scope.area_code)
    year = scope.survey_round[:4]
    by_state: dict[str, tuple[int, int]] = {}
    by_child: dict[str, dict[str, tuple[int, int]]] = {}
    for (village, state), (count, fen) in cases.items():
        old = by_state.get(state, (0, 0))
        by_state[state] = (old[0] + count, old[1] + fen)
        child = by_child.setdefault(village[:length], {})
        old = child.get(state, (0, 0))
        child[state] = (old[0] + count, old[1] + fen)
    settled_child: dict[str, int] = {}
    for village, fen in settled.items():
        settled_child[village[:length]] = settled_child.get(village[:length], 0) + fen
    state_figure = scope.figure(
        "progress.form_c.by_state",
        "无障碍改造案例（按状态）",
        f"{year}年度{scope.area_name}的无障碍改造案例（表C）按当前状态计数；"
        f"计划金额为方案合计（元）。截至{day_words(scope.as_of)}。",
        columns=("状态", "案例数", "计划金额(元)"),
        rows=tuple(
            (rules.STATE_LABELS[s], by_state.get(s, (0, 0))[0], yuan(by_state.get(s, (0, 0))[1]))
            for s in CASE_STATES
        ),
        chart=Chart("bar", 0, (1,)),
    )
    children = child_areas(session, scope.area_code)
    rows = [
        tuple(_case_row(c.name, by_child.get(c.code, {}), settled_child.get(c.code, 0)))
        for c in children
    ]
    target = renovation_target(int(year), scope.area_code)
    rows.append(tuple(_case_row(TOTAL, by_state, sum(settled.values()))))
    done = int(rows[-1][4])
    target_text = (
        f"年度目标{target}户（设置文件），已验收{done}户，完成{share(done, target)}%。"
        if target
        else "设置文件未给出本区域的年度目标户数。"
    )
    area_figure = scope.figure(
        "progress.form_c.by_area",
        "无障碍改造进度与资金",
        f"{year}年度案例（不含已撤销）：已审批＝方案已审批及以后各状态；已完工＝已完工、整改中及以后；"
        "已验收＝已验收、已结算、已回访；已结算＝已结算、已回访。计划金额＝方案合计，"
        "审批金额＝已审批案例的方案合计，结算金额＝结算时登记的实际费用合计，"
        f"户均费用＝结算金额÷已结算户。{target_text}截至{day_words(scope.as_of)}。",
        columns=(
            "区域",
            "案例",
            "已审批",
            "已完工",
            "已验收",
            "已结算",
            "已撤销",
            "计划金额(元)",
            "审批金额(元)",
            "结算金额(元)",
            "户均费用(元)",
        ),
        rows=tuple(rows),
        chart=Chart("bar", 0, (1, 4)),
        drill=(*(c.code for c in children), ""),
    )
    whole = rows[-1]
    stages = (("已登记", 1), ("已审批", 2), ("已完工", 3), ("已验收", 4), ("已结算", 5))
    target_figure = scope.figure(
        "progress.form_c.target",
        "无障碍改造年度目标完成情况",
        f"{year}年度{scope.area_name}的案例（不含已撤销）到达各阶段的户数，与年度目标户数相比"
        "（各阶段的口径同“无障碍改造进度与资金”）。" + target_text,
        columns=("阶段", "户数", "占年度目标(%)"),
        rows=tuple(
            (label, int(whole[i]), share(int(whole[i]), target or 0)) for label, i in stages
        ),
        chart=Chart("bar", 0, (1,)),
    )
    return [state_figure, area_figure, target_figure]


def task_figures(session: Session, scope: Scope) -> list[Figure]:
    """The monthly verification tasks of the year: done, overdue, returned per area and month."""
    year = scope.survey_round[:4]
    length = child_length(scope.area_code)
    t = ChangeNotice
    overdue = t.state.in_(TASK_OPEN) & (t.due_date < scope.as_of)
    rows = session.execute(
        select(
            Household.area_code,
            t.month,
            func.count(t.id),
            func.sum(case((t.state.in_(TASK_DONE), 1), else_=0)),
            func.sum(case((t.state == "accepted", 1), else_=0)),
            func.sum(case((t.state == "returned", 1), else_=0)),
            func.sum(case((t.state.in_(TASK_OPEN), 1), else_=0)),
            func.sum(case((overdue, 1), else_=0)),
        )
        .join(Person, Person.id == t.person_id)
        .join(Household, Household.id == Person.household_id)
        .where(
            t.deleted.is_(False),
            t.month.like(year + "-%"),
            t.month <= f"{scope.as_of:%Y-%m}",
            in_area_by_lookup(Household.area_code, scope.area_code),
        )
        .group_by(Household.area_code, t.month)
    )
    by_child: dict[str, list[int]] = {}
    by_month: dict[str, list[int]] = {}
    for village, month, *values in rows:
        numbers = [int(v or 0) for v in values]
        for key, into in ((village[:length], by_child), (month, by_month)):
            old = into.get(key, [0] * 6)
            into[key] = [a + b for a, b in zip(old, numbers, strict=True)]
    whole = [sum(v[i] for v in by_child.values()) for i in range(6)]
    children = child_areas(session, scope.area_code)
    columns = ("任务", "已核实", "其中已通过", "退回", "待核实", "逾期", "完成率(%)")

    def row(name: str, v: list[int]) -> tuple[Cell, ...]:
        return (name, *v, share(v[1], v[0]))

    definition = (
        f"{year}年1月至{scope.as_of:%Y年%m月}的每月核对任务（变动核对）：已核实＝已提交或已通过；"
        "待核实＝待核实或已退回；逾期＝待核实或已退回且已过核实期限"
        f"（期限早于{day_words(scope.as_of)}）；完成率＝已核实÷任务。"
    )
    return [
        scope.figure(
            "progress.tasks.by_area",
            "每月核对任务（按区域）",
            definition,
            columns=("区域", *columns),
            rows=(
                *(row(c.name, by_child.get(c.code, [0] * 6)) for c in children),
                row(TOTAL, whole),
            ),
            chart=Chart("bar", 0, (2, 6)),
            drill=(*(c.code for c in children), ""),
        ),
        scope.figure(
            "progress.tasks.by_month",
            "每月核对任务（按月）",
            definition,
            columns=("月份", *columns),
            rows=tuple(row(m, v) for m, v in sorted(by_month.items())),
            chart=Chart("bar", 0, (2, 6)),
        ),
    ]
