"""Progress of Form B (income monitoring), Form C (renovation) and the monthly tasks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.reports import progress_cases
from app.reports.figure import Chart, Figure, day_words, share
from app.reports.scope import child_areas, child_length, in_area_few
from app.store import rounds
from app.store.registry import Household

if TYPE_CHECKING:
    from app.reports.progress import Scope

FORM_B = "income-monitoring"
DONE = ("completed", "submitted", "accepted")
TOTAL = "合计"


def _rows_by_child(
    session: Session, area_code: str, found: dict[str, list[int]], width: int
) -> list[tuple[str, str, list[int]]]:
    """Counts per child area summed from per-village lists, every child listed."""
    length = child_length(area_code)
    grouped: dict[str, list[int]] = {}
    for code, values in found.items():
        old = grouped.setdefault(code[:length], [0] * width)
        grouped[code[:length]] = [a + b for a, b in zip(old, values, strict=True)]
    rows = [
        (c.code, c.name, grouped.pop(c.code, [0] * width)) for c in child_areas(session, area_code)
    ]
    return rows + [(code, code, values) for code, values in sorted(grouped.items())]


def form_b_round(scope: Scope) -> str:
    """The Form B round a figure covers: the scope's quarter, else the year's round in
    progress on the figure's day (as the year's settings say)."""
    if "Q" in scope.survey_round:
        return scope.survey_round
    return rounds.form_b_round(int(scope.survey_round[:4]), scope.as_of)


def form_b_figure(session: Session, scope: Scope) -> Figure:
    """Sampled households, visited this round, missing (Form B)."""
    survey_round = form_b_round(scope)
    # the area by its code range (an index), not `form_b_due`'s prefix (a LIKE: the
    # district's households walked for a town)
    area = in_area_few(Household.area_code, scope.area_code)
    due = rounds.form_b_due(survey_round).where(area).subquery()
    done = due.c.state.in_(DONE)
    query = select(
        due.c.area_code,
        func.count(),
        func.count(case((done, 1))),
        func.count(case((due.c.lost, 1))),
    ).group_by(due.c.area_code)
    found = {row[0]: [int(v or 0) for v in row[1:]] for row in session.execute(query)}
    children = _rows_by_child(session, scope.area_code, found, 3)
    rows = []
    totals = [0, 0, 0]
    for _, name, (sample, visited, lost_count) in children:
        rows.append((name, sample, visited, lost_count, sample - visited, share(visited, sample)))
        totals = [totals[0] + sample, totals[1] + visited, totals[2] + lost_count]
    rows.append(
        (TOTAL, totals[0], totals[1], totals[2], totals[0] - totals[1], share(totals[1], totals[0]))
    )
    return scope.figure(
        "progress.form_b.by_area",
        "表B收入监测进度",
        f"样本户：{survey_round[:4]}年度收入监测样本中的户（区里抽取或指定，"
        "与“今日”判断应调查的口径相同）；"
        f"已走访＝{survey_round}期的表B已完成、已提交或已通过；"
        "失访＝已走访且调查方式为失访；未走访＝样本户－已走访。"
        f"截至{day_words(scope.as_of)}。",
        columns=("区域", "样本户", "已走访", "其中失访", "未走访", "走访率(%)"),
        rows=tuple(rows),
        chart=Chart("bar", 0, (2, 4)),
        drill=(*(code for code, _, _ in children), ""),
    )


def work_figures(session: Session, scope: Scope) -> list[Figure]:
    """Forms B and C and the monthly tasks."""
    return [
        form_b_figure(session, scope),
        *progress_cases.form_c_figures(session, scope),
        *progress_cases.task_figures(session, scope),
    ]
