"""Statistics of the registry at a date: persons by category, grade, area, sex, age, hukou, card."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import Any

from sqlalchemy.orm import Session

from app.domain.codes import load_code_lists
from app.reports import statistics_income, statistics_money, statistics_needs
from app.reports.ages import AGE_BANDS
from app.reports.figure import Cell, Chart, Figure, day_words, share
from app.reports.progress_a import form_a_result
from app.reports.scope import area_name, child_areas, prefix

TOTAL = "合计"
UNKNOWN = "未填"


@dataclass(frozen=True)
class StatScope:
    """What every statistics figure of one call covers."""

    area_code: str
    area_name: str
    year: int
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
            survey_round=str(self.year),
            as_of=self.as_of,
            **rest,  # type: ignore[arg-type]
        )

    @property
    def registered(self) -> str:
        return (
            f"{self.area_name}登记库中状态正常的持证残疾人（户未注销），"
            f"按{day_words(self.as_of)}统计时数据库中的登记信息计"
        )


def _labels(list_id: str) -> list[tuple[str, str]]:
    return [(item.code, item.label) for item in load_code_lists()[list_id]]


def registry_cube(session: Session, scope: StatScope) -> dict[tuple[str, ...], int]:
    """Persons counted by (child area, category, grade, sex, age band, hukou, card generation):
    every registry figure is a sum over this; the Form A pass walks the same persons and
    groups them so too (one walk of the area for both)."""
    return form_a_result(session, scope.area_code, str(scope.year), scope.as_of).registry


AXES = {"area": 0, "category": 1, "grade": 2, "sex": 3, "band": 4, "hukou": 5, "card": 6}


Margins = dict[tuple[str, ...], dict[tuple[str, ...], int]]


def margins(cube: dict[tuple[str, ...], int], *combos: tuple[str, ...]) -> Margins:
    """The cube summed down to each combination of axes (a C-level itemgetter per key),
    each from the smallest sum already made that holds its axes: ("sex",) from
    ("area", "sex"), not from the cube again (a district's cube has thousands of keys)."""
    found: Margins = {}
    sources: list[tuple[tuple[str, ...], dict[tuple[str, ...], int]]] = [(tuple(AXES), cube)]
    for combo in sorted(combos, key=len, reverse=True):
        axes, source = min(
            ((a, d) for a, d in sources if set(combo) <= set(a)), key=lambda s: len(s[1])
        )
        pick = itemgetter(*(axes.index(a) for a in combo))  # one axis: the item, else a tuple
        into: dict[Any, int] = {}
        for key, n in source.items():
            short = pick(key)
            into[short] = into.get(short, 0) + n
        found[combo] = into if len(combo) > 1 else {(k,): n for k, n in into.items()}
        sources.append((combo, found[combo]))
    return found


def _flat(margin: dict[tuple[str, ...], int]) -> dict[str, int]:
    return {key[0]: n for key, n in margin.items()}


def _coded_rows(
    counts: dict[str, int], codes: Sequence[tuple[str, str]], whole: int
) -> list[tuple[Cell, ...]]:
    rows: list[tuple[Cell, ...]] = [
        (label, counts.get(code, 0), share(counts.get(code, 0), whole)) for code, label in codes
    ]
    other = whole - sum(counts.get(code, 0) for code, _ in codes)
    if other:
        rows.append((UNKNOWN, other, share(other, whole)))
    rows.append((TOTAL, whole, 100.0 if whole else 0.0))
    return rows


def registry_figures(session: Session, scope: StatScope) -> list[Figure]:
    """The registry by category × grade, by area, by sex, by age band, by hukou, by card."""
    cube = registry_cube(session, scope)
    whole = sum(cube.values())
    categories = _labels("disability_category")
    grades = _labels("disability_grade")
    m = margins(
        cube, ("category", "grade"), ("area", "sex"), ("area", "grade"), ("area", "card"),
        ("area",), ("sex",), ("grade",), ("card",), ("band", "sex"), ("band",), ("hukou",),
    )  # fmt: skip
    by_cat_grade = m[("category", "grade")]
    grade_codes = [g for g, _ in grades]
    cat_rows: list[tuple[Cell, ...]] = []
    for code, label in categories:
        counts = [by_cat_grade.get((code, g), 0) for g in grade_codes]
        cat_rows.append((label, *counts, sum(counts)))
    column_totals = [sum(by_cat_grade.get((c, g), 0) for c, _ in categories) for g in grade_codes]
    cat_rows.append((TOTAL, *column_totals, sum(column_totals)))
    figures = [
        scope.figure(
            "stats.registry.category_grade",
            "持证残疾人（按类别、等级）",
            scope.registered + "；类别、等级取残疾人证上现在的类别、等级。",
            columns=("残疾类别", *(label for _, label in grades), TOTAL),
            rows=tuple(cat_rows),
            chart=Chart("bar", 0, tuple(range(1, len(grades) + 1))),
        )
    ]
    children = child_areas(session, scope.area_code)
    by_area_rows: list[tuple[Cell, ...]] = []
    sexes = _labels("sex")
    area_sex, area_grade = m[("area", "sex")], m[("area", "grade")]
    area_card, area_total = m[("area", "card")], _flat(m[("area",)])
    sex_total, grade_total = _flat(m[("sex",)]), _flat(m[("grade",)])
    card_total = _flat(m[("card",)])
    for c in children:
        by_area_rows.append(
            (
                c.name,
                area_total.get(c.code, 0),
                *(area_sex.get((c.code, s), 0) for s, _ in sexes),
                *(area_grade.get((c.code, g), 0) for g in grade_codes),
                area_card.get((c.code, "3"), 0),
            )
        )
    by_area_rows.append(
        (
            TOTAL,
            whole,
            *(sex_total.get(s, 0) for s, _ in sexes),
            *(grade_total.get(g, 0) for g in grade_codes),
            card_total.get("3", 0),
        )
    )
    figures.append(
        scope.figure(
            "stats.registry.by_area",
            "持证残疾人（按区域）",
            scope.registered + "；第三代智能证＝残疾人证类型为第三代。",
            columns=(
                "区域",
                "人数",
                *(label for _, label in sexes),
                *(label for _, label in grades),
                "第三代智能证",
            ),
            rows=tuple(by_area_rows),
            chart=Chart("bar", 0, (1,)),
            drill=(*(c.code for c in children), ""),
        )
    )
    figures.append(
        scope.figure(
            "stats.registry.sex",
            "持证残疾人（按性别）",
            scope.registered + "。",
            columns=("性别", "人数", "占比(%)"),
            rows=tuple(_coded_rows(sex_total, sexes, whole)),
            chart=Chart("bar", 0, (1,)),
        )
    )
    bands = [(str(i), label) for i, (label, _, _) in enumerate(AGE_BANDS)]
    band_rows: list[tuple[Cell, ...]] = []
    band_sex, band_total = m[("band", "sex")], _flat(m[("band",)])
    for code, label in [*bands, (str(len(AGE_BANDS)), "出生日期未填")]:
        counts = [band_sex.get((code, s), 0) for s, _ in sexes]
        n = band_total.get(code, 0)
        if n or code != str(len(AGE_BANDS)):
            band_rows.append((label, n, *counts, share(n, whole)))
    band_rows.append(
        (TOTAL, whole, *(sex_total.get(s, 0) for s, _ in sexes), 100.0 if whole else 0.0)
    )
    figures.append(
        scope.figure(
            "stats.registry.age",
            "持证残疾人（按年龄段）",
            scope.registered + f"；年龄为{day_words(scope.as_of)}时的周岁。",
            columns=("年龄段", "人数", *(label for _, label in sexes), "占比(%)"),
            rows=tuple(band_rows),
            chart=Chart("bar", 0, (1,)),
        )
    )
    figures.append(
        scope.figure(
            "stats.registry.hukou",
            "持证残疾人（按户口性质）",
            scope.registered + "；户口性质取所在户的户口性质。",
            columns=("户口性质", "人数", "占比(%)"),
            rows=tuple(_coded_rows(_flat(m[("hukou",)]), _labels("hukou_type"), whole)),
            chart=Chart("bar", 0, (1,)),
        )
    )
    figures.append(
        scope.figure(
            "stats.registry.cards",
            "残疾人证（按证件类型）",
            scope.registered + "；第三代智能证的发放数即证件类型为第三代的持证人数。",
            columns=("证件类型", "人数", "占比(%)"),
            rows=tuple(_coded_rows(card_total, _labels("card_generation"), whole)),
            chart=Chart("bar", 0, (1,)),
        )
    )
    return figures


def statistics_figures(session: Session, area_code: str, year: int, as_of: date) -> list[Figure]:
    """Every statistics figure of the area for the year, as of a day."""
    code = prefix(area_code)
    scope = StatScope(code, area_name(session, code), year, as_of)
    return [*pass_statistics(session, scope), *other_statistics(session, scope)]


def pass_statistics(session: Session, scope: StatScope) -> list[Figure]:
    """The statistics over the Form A pass (the registry, the needs): one walk of the
    area's persons, shared with the Form A progress in the same session."""
    return [*registry_figures(session, scope), *statistics_needs.needs_figures(session, scope)]


def other_statistics(session: Session, scope: StatScope) -> list[Figure]:
    """The statistics each read by its own statement: subsidies, income, renovation."""
    return [
        *statistics_money.subsidy_figures(session, scope),
        *statistics_income.income_figures(session, scope),
        *statistics_money.renovation_figures(session, scope),
    ]
