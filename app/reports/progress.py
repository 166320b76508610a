"""Progress of the survey season (the "作战图"): Forms A, B, C and the monthly tasks, per area."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.domain.areas import address_key
from app.domain.workflow import STATE_LABELS
from app.reports import progress_a, progress_work
from app.reports.figure import Cell, Chart, Figure, day_words, share
from app.reports.progress_a import Counts
from app.reports.scope import (
    VILLAGE,
    area_name,
    child_areas,
    child_length,
    in_area,
    members_by_village,
    prefix,
)
from app.store.registry import Area, Household, Person
from app.store.work import FormResponse

TOTAL = "合计"
AREA_COLUMNS = (
    "区域",
    "应调查",
    "已完成",
    "其中已通过",
    "退回",
    "失访",
    "草稿",
    "未开始",
    "完成率(%)",
    "本周完成",
    "上周完成",
)
NOT_STARTED_LABEL = "未开始"


@dataclass(frozen=True)
class Scope:
    """What every figure of one call covers."""

    area_code: str
    area_name: str
    survey_round: str
    as_of: date

    def figure(self, key: str, title: str, definition: str, **rest: object) -> Figure:
        if not rest.get("rows"):
            rest["chart"] = None  # nothing to draw: the table says so
        return Figure(
            key=key,
            title=title,
            definition=definition,
            area_code=self.area_code,
            area_name=self.area_name,
            survey_round=self.survey_round,
            as_of=self.as_of,
            **rest,  # type: ignore[arg-type]
        )


def _due_text(scope: Scope) -> str:
    return (
        f"应调查：{scope.area_name}截至{day_words(scope.as_of)}在册、状态正常的持证残疾人（户未注销）；"
        f"状态取{scope.survey_round}年度动态更新调查表（表A）。已完成＝已完成、已提交、已通过；"
        "失访＝已完成且调查方式为失访；未开始＝没有表或仅分配。"
    )


def _area_row(name: str, c: Counts) -> tuple[Cell, ...]:
    return (
        name,
        c.due,
        c.done,
        c.accepted,
        c.returned,
        c.lost,
        c.draft,
        c.not_started,
        share(c.done, c.due),
        c.this_week,
        c.last_week,
    )


def _by_child(
    session: Session, area_code: str, villages: dict[str, Counts]
) -> list[tuple[str, str, Counts]]:
    """(code, name, counts) per child area, in code order; children without persons show 0."""
    length = child_length(area_code)
    grouped: dict[str, Counts] = {}
    for code, counts in villages.items():
        grouped.setdefault(code[:length], Counts()).add(counts)
    rows = []
    for child in child_areas(session, area_code):
        rows.append((child.code, child.name, grouped.pop(child.code, Counts())))
    rows += [(code, code, counts) for code, counts in sorted(grouped.items())]  # not in area table
    return rows


def form_a_figures(session: Session, scope: Scope) -> list[Figure]:
    """The Form A figures: by area, the weekly trend, the quality, by member (the pass)."""
    area, survey_round, as_of = scope.area_code, scope.survey_round, scope.as_of
    villages = progress_a.counts_by_village(session, area, survey_round, as_of)
    weekly = progress_a.weekly_done(session, area, survey_round, as_of)
    children = _by_child(session, scope.area_code, villages)
    whole = progress_a.total(c for _, _, c in children)
    this_week = progress_a.monday(as_of)
    last_week = this_week - timedelta(days=7)
    week_text = (
        f"本周＝{day_words(this_week, year=False)}至{day_words(as_of, year=False)}，"
        f"上周＝{day_words(last_week, year=False)}起七天，"
        "按填表完成时间（状态记录中“已完成”的时间）计，只计现在仍为已完成的表。"
    )
    drill = tuple(code if len(code) <= VILLAGE else "" for code, _, _ in children)
    by_area = scope.figure(
        "progress.form_a.by_area",
        "表A动态更新进度",
        _due_text(scope) + "完成率＝已完成÷应调查。" + week_text,
        columns=AREA_COLUMNS,
        rows=(*(_area_row(name, c) for _, name, c in children), _area_row(TOTAL, whole)),
        chart=Chart("bar", 0, (2, 7)),
        drill=(*drill, ""),
    )
    quality = scope.figure(
        "progress.form_a.quality",
        "表A调查质量",
        "入户率＝调查方式为入户的已完成表÷已完成表（目标不低于95%）；"
        "审核退回率＝已完成表中曾被审核员退回（状态记录中有“退回”）的÷已完成表"
        "（目标不高于0.3%）。审核员不改答案，只能退回由调查员改正，"
        "故以曾被退回近似“审核中改正”。" + _due_text(scope),
        columns=("区域", "已完成", "入户", "入户率(%)", "曾被退回", "退回率(%)"),
        rows=tuple(
            (
                name,
                c.done,
                c.at_home,
                share(c.at_home, c.done),
                c.sent_back,
                round(100.0 * c.sent_back / c.done, 2) if c.done else 0.0,
            )
            for name, c in [*((n, c) for _, n, c in children), (TOTAL, whole)]
        ),
        chart=Chart("bar", 0, (3,)),
    )
    trend_rows = []
    cumulative = 0
    for start, done in weekly:
        cumulative += done
        trend_rows.append((f"{start:%m-%d}", done, cumulative, share(cumulative, whole.due)))
    trend = scope.figure(
        "progress.form_a.trend",
        "表A每周进度",
        f"自本年度{scope.area_name}第一份表A完成的那一周起至本周，每周（周一至周日）完成的表数及累计；"
        + week_text
        + f"完成率以应调查{whole.due}人为分母。",
        columns=("周(起始日)", "本周完成", "累计完成", "完成率(%)"),
        rows=tuple(trend_rows),
        chart=Chart("line", 0, (2,)),
    )
    members = members_by_village(session, scope.area_code)
    by_member: dict[str, Counts] = {}
    first_village: dict[str, str] = {}
    for village, counts in sorted(villages.items()):
        for name in members.get(village, ["（未分配）"]):
            first_village.setdefault(name, village)
            by_member.setdefault(name, Counts()).add(counts)
    member = scope.figure(
        "progress.form_a.by_member",
        "表A进度（按专职委员）",
        _due_text(scope) + "每位专职委员计其负责的村（社区）；一个村有几位委员时各计一次。",
        columns=("专职委员", *AREA_COLUMNS[1:]),
        rows=tuple(
            _area_row(name, by_member[name])
            for name in sorted(by_member, key=lambda n: first_village[n])
        ),
        chart=Chart("bar", 0, (2, 7)),
    )
    return [by_area, trend, quality, member]


def progress_figures(
    session: Session, area_code: str, survey_round: str, as_of: date
) -> list[Figure]:
    """Every progress figure of the area for the round, as of a day."""
    code = prefix(area_code)
    scope = Scope(code, area_name(session, code), survey_round, as_of)
    return [
        *form_a_figures(session, scope),
        *progress_work.work_figures(session, scope),
    ]


@dataclass(frozen=True)
class DueRow:
    """A person still due Form A in the round (not done yet), for the drill-down list."""

    person_id: str
    household_id: str
    name: str
    village_name: str
    address: str
    state: str  # Chinese label; 未开始 when there is no form yet


def persons_due(session: Session, area_code: str, survey_round: str) -> list[DueRow]:
    """The persons of the area whose Form A of the round is not done, nearest first
    (village by code, address in natural order, then name) — the by-area figure's
    应调查 minus 已完成, one by one."""
    r = FormResponse
    rows = session.execute(
        select(
            Person.id,
            Household.id,
            Person.name,
            Area.name,
            Household.address,
            r.state,
            Household.area_code,
        )
        .select_from(Household)
        .join(Person, Person.household_id == Household.id)
        .join(Area, Area.code == Household.area_code)
        .outerjoin(
            r,
            and_(
                r.person_id == Person.id,
                r.form_id == progress_a.FORM_A,
                r.survey_round.concat("") == survey_round,
                r.deleted.is_(False),
            ),
        )
        .where(
            Person.deleted.is_(False),
            Person.status == "active",
            Household.deleted.is_(False),
            in_area(Household.area_code, area_code),
            or_(r.state.is_(None), r.state.not_in(progress_a.DONE)),
        )
    ).all()
    ordered = sorted(rows, key=lambda x: (x[6], address_key(x[4]), x[2], x[0]))
    return [
        DueRow(
            p,
            h,
            name,
            village,
            address,
            STATE_LABELS.get(state, state) if state and state != "assigned" else NOT_STARTED_LABEL,
        )
        for p, h, name, village, address, state, _ in ordered
    ]
