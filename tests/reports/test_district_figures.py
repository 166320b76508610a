"""Every figure of the hand-built district (tests/reports/district.py) against the numbers
worked out by hand from its records, on a laptop's database and on a server's (SQLite and
PostgreSQL): the same call gives the same numbers everywhere."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from app.reports.figure import Figure
from app.reports.page import page_figures
from app.reports.progress import persons_due, progress_figures
from app.reports.statistics import statistics_figures
from tests.reports import district
from tests.reports.conftest import Sessions


def _figures(sessions: Sessions, area: str) -> dict[str, Figure]:
    with sessions() as s:
        found = progress_figures(s, area, "2026", district.AS_OF)
        found += statistics_figures(s, area, 2026, district.AS_OF)
    by_key = {f.key: f for f in found}
    assert len(by_key) == len(found), "figure keys are unique"
    return by_key


@pytest.fixture(scope="module")
def whole(district_sessions: Sessions) -> dict[str, Figure]:
    return _figures(district_sessions, district.DISTRICT)


@pytest.mark.parametrize("area", [district.DISTRICT, district.TOWN1, district.TOWN1 + "001"])
def test_the_page_reads_the_same_figures_in_two_sessions(
    district_sessions: Sessions, area: str
) -> None:
    # the 统计 page reads the Form A pass in one session and the rest in another, on a
    # second thread: the same figures, in the same order, as one session one by one
    progress, statistics = page_figures(district_sessions, area, "2026", 2026, district.AS_OF)
    one_by_one = list(_figures(district_sessions, area).values())
    assert [f.key for f in [*progress, *statistics]] == [f.key for f in one_by_one]
    assert [*progress, *statistics] == one_by_one


def _rows(figure: Figure) -> dict[Any, tuple[Any, ...]]:
    return {row[0]: row[1:] for row in figure.rows}


def test_form_a_by_area(whole: dict[str, Figure]) -> None:
    figure = whole["progress.form_a.by_area"]
    assert figure.area_name == "奉化区" and figure.survey_round == "2026"
    assert figure.as_of == district.AS_OF and "2026年11月4日" in figure.definition
    # due, done, accepted, returned, lost, draft, not started, rate, this week, last week
    assert _rows(figure) == {
        "锦屏街道": (8, 3, 1, 1, 1, 1, 3, 37.5, 1, 1),
        "岳林街道": (1, 1, 1, 0, 0, 0, 0, 100.0, 0, 0),
        "合计": (9, 4, 2, 1, 1, 1, 3, 44.4, 1, 1),
    }
    assert figure.drill == ("330213001", "330213002", "")


def test_form_a_of_a_town_by_village_and_of_a_village(district_sessions: Sessions) -> None:
    town = _figures(district_sessions, district.TOWN1)["progress.form_a.by_area"]
    assert _rows(town) == {
        "奉中社区": (4, 3, 1, 0, 1, 0, 1, 75.0, 1, 1),
        "锦山社区": (4, 0, 0, 1, 0, 1, 2, 0.0, 0, 0),
        "合计": (8, 3, 1, 1, 1, 1, 3, 37.5, 1, 1),
    }
    assert town.drill == (district.V11, district.V12, "")
    # a town has no target of its own unless the settings give one for it
    town_target = _figures(district_sessions, district.TOWN1)["progress.form_c.target"]
    assert "未给出本区域的年度目标" in town_target.definition
    empty = _figures(district_sessions, district.V22)["progress.form_a.by_area"]
    assert _rows(empty) == {
        "岳林二村": (0, 0, 0, 0, 0, 0, 0, 0.0, 0, 0),
        "合计": (0, 0, 0, 0, 0, 0, 0, 0.0, 0, 0),
    }


def test_form_a_quality_members_and_trend(whole: dict[str, Figure]) -> None:
    # done, at home, share, returned once, share
    assert _rows(whole["progress.form_a.quality"]) == {
        "锦屏街道": (3, 1, 33.3, 1, 33.33),
        "岳林街道": (1, 1, 100.0, 0, 0.0),
        "合计": (4, 2, 50.0, 1, 25.0),
    }
    assert _rows(whole["progress.form_a.by_member"]) == {
        "张委员": (4, 3, 1, 0, 1, 0, 1, 75.0, 1, 1),
        "李委员": (5, 1, 1, 1, 0, 1, 2, 20.0, 0, 0),
    }
    trend = whole["progress.form_a.trend"]
    assert trend.rows[0] == ("03-02", 1, 1, 11.1)  # the first form done: 3 March
    assert trend.rows[-1] == ("11-02", 1, 4, 44.4)
    assert len(trend.rows) == 36  # every week from 2 March to 2 November
    weekly = {row[0]: row[1] for row in trend.rows if row[1]}
    assert weekly == {"03-02": 1, "10-12": 1, "10-26": 1, "11-02": 1}


def test_persons_due_are_the_not_done_nearest_first(district_sessions: Sessions) -> None:
    with district_sessions() as s:
        due = persons_due(s, district.DISTRICT, "2026")
        town2 = persons_due(s, district.TOWN2, "2026")
    assert [(d.name, d.village_name, d.state) for d in due] == [
        ("人04", "奉中社区", "未开始"),
        ("人06", "锦山社区", "草稿"),
        ("人07", "锦山社区", "已退回"),
        ("人08", "锦山社区", "未开始"),
        ("人09", "锦山社区", "未开始"),
    ]
    assert due[0].person_id == district.P[4] and due[0].household_id == district.H[2]
    assert town2 == []


def test_form_b_and_income(whole: dict[str, Figure]) -> None:
    # sample, visited, of which lost, not visited, rate
    assert _rows(whole["progress.form_b.by_area"]) == {
        "锦屏街道": (2, 2, 1, 0, 100.0),
        "岳林街道": (1, 0, 0, 1, 0.0),
        "合计": (3, 2, 1, 1, 66.7),
    }
    income = _rows(whole["stats.income.per_capita"])
    d = Decimal  # money in yuan is exact, to the fen
    assert income["可支配收入"] == (d("36000.50"), d("18000.25"), 100.0)
    assert income["工资性收入"] == (d("20000.25"), d("10000.13"), 55.6)  # 1,000,012.5 fen: half up
    assert income["生活消费支出"] == (d("24000.00"), d("12000.00"), 66.7)
    assert income["  食品烟酒"] == (d("12000.10"), d("6000.05"), 50.0)
    assert all(isinstance(v, Decimal) for row in income.values() for v in row[:2])
    definition = whole["stats.income.per_capita"].definition
    assert "共1户2人" in definition and "6000.08元" in definition
    assert _rows(whole["stats.income.dibao"])["监测户"] == (1, 100.0)


def test_form_c(whole: dict[str, Figure]) -> None:
    states = _rows(whole["progress.form_c.by_state"])
    assert {k: v for k, v in states.items() if v[0]} == {
        "已登记需求": (1, 0.0),
        "方案已审批": (1, 1000.0),
        "已结算": (1, 560.0),
        "已撤销": (1, 0.0),
    }
    # cases, approved, finished, accepted, settled, withdrawn, planned, approved, settled, mean
    assert _rows(whole["progress.form_c.by_area"]) == {
        "锦屏街道": (3, 2, 1, 1, 1, 0, 1560.0, 1560.0, 530.0, 530.0),
        "岳林街道": (0, 0, 0, 0, 0, 1, 0.0, 0.0, 0.0, 0.0),
        "合计": (3, 2, 1, 1, 1, 1, 1560.0, 1560.0, 530.0, 530.0),
    }
    target = whole["progress.form_c.target"]
    assert "年度目标150户" in target.definition  # the shipped settings' target for 2026
    assert target.rows == (
        ("已登记", 3, 2.0),
        ("已审批", 2, 1.3),
        ("已完工", 1, 0.7),
        ("已验收", 1, 0.7),
        ("已结算", 1, 0.7),
    )
    assert _rows(whole["stats.renovation.by_item"]) == {
        "B01": ("坡化/平整地面", "施工改造", 1, 2, 300.0, 280.0),
        "B06": ("卫生间坐便扶手", "施工改造", 1, 1, 260.0, 250.0),
        "合计": ("", "", 1, "", 560.0, 530.0),
    }


def test_monthly_tasks(whole: dict[str, Figure]) -> None:
    # tasks, done, accepted, returned, open, overdue, rate
    assert _rows(whole["progress.tasks.by_area"]) == {
        "锦屏街道": (3, 1, 1, 1, 2, 1, 33.3),
        "岳林街道": (1, 1, 0, 0, 0, 0, 100.0),
        "合计": (4, 2, 1, 1, 2, 1, 50.0),
    }
    assert _rows(whole["progress.tasks.by_month"]) == {
        "2026-10": (3, 1, 1, 1, 2, 1, 33.3),
        "2026-11": (1, 1, 0, 0, 0, 0, 100.0),
    }


def test_registry(whole: dict[str, Figure]) -> None:
    assert _rows(whole["stats.registry.category_grade"]) == {
        "视力残疾": (0, 1, 0, 0, 1),
        "听力残疾": (0, 0, 0, 0, 0),
        "言语残疾": (0, 1, 0, 0, 1),
        "肢体残疾": (2, 0, 1, 1, 4),
        "智力残疾": (0, 1, 0, 0, 1),
        "精神残疾": (0, 0, 1, 0, 1),
        "多重残疾": (1, 0, 0, 0, 1),
        "合计": (3, 3, 2, 1, 9),
    }
    # persons, men, women, grades 1-4, third-generation cards
    assert _rows(whole["stats.registry.by_area"]) == {
        "锦屏街道": (8, 4, 4, 2, 3, 2, 1, 2),
        "岳林街道": (1, 1, 0, 1, 0, 0, 0, 1),
        "合计": (9, 5, 4, 3, 3, 2, 1, 3),
    }
    assert _rows(whole["stats.registry.sex"]) == {
        "男": (5, 55.6),
        "女": (4, 44.4),
        "合计": (9, 100.0),
    }
    # persons, men, women, share: ages on 4 November 2026, birthdays on the day counted
    assert _rows(whole["stats.registry.age"]) == {
        "0-6岁": (1, 1, 0, 11.1),
        "7-17岁": (2, 1, 1, 22.2),
        "18-59岁": (2, 1, 1, 22.2),
        "60岁及以上": (3, 2, 1, 33.3),
        "出生日期未填": (1, 0, 1, 11.1),
        "合计": (9, 5, 4, 100.0),
    }
    assert _rows(whole["stats.registry.hukou"]) == {
        "农业": (6, 66.7),
        "非农业": (3, 33.3),
        "合计": (9, 100.0),
    }
    assert _rows(whole["stats.registry.cards"]) == {
        "第二代残疾人证": (1, 11.1),
        "第三代残疾人证（智能证）": (3, 33.3),
        "未填": (5, 55.6),
        "合计": (9, 100.0),
    }


def test_needs(whole: dict[str, Figure]) -> None:
    counts = whole["stats.needs.counts"]
    assert counts.columns[1:8] == ("视力残疾", "听力残疾", "言语残疾", "肢体残疾", "智力残疾",
                                   "精神残疾", "多重残疾")  # fmt: skip
    # per category 1..7, total, share of the surveyed
    assert _rows(counts) == {
        "康复服务": (0, 0, 0, 1, 0, 0, 0, 1, 33.3),
        "辅助器具": (0, 0, 0, 2, 0, 0, 0, 2, 66.7),
        "教育（6至17岁未在学）": (1, 0, 0, 0, 0, 0, 0, 1, 33.3),
        "就业扶贫与培训": (1, 0, 0, 0, 0, 0, 0, 1, 33.3),
        "社会保障（未参加居民养老或医疗保险）": (1, 0, 0, 1, 0, 0, 0, 2, 66.7),
        "托养服务": (0, 0, 0, 1, 0, 0, 0, 1, 33.3),
        "家庭无障碍改造": (0, 0, 0, 2, 0, 0, 0, 2, 66.7),
        "调查人数": (1, 0, 0, 2, 0, 0, 0, 3, 100.0),
    }
    shares = _rows(whole["stats.needs.shares"])
    assert shares["康复服务"] == (0.0, 0.0, 0.0, 50.0, 0.0, 0.0, 0.0, 33.3)


def test_subsidies(whole: dict[str, Figure]) -> None:
    monthly = whole["stats.subsidies.monthly"]
    assert monthly.columns == ("月份", "困难残疾人生活补贴人数", "困难残疾人生活补贴金额(元)",
                               "重度残疾人护理补贴人数", "重度残疾人护理补贴金额(元)",
                               "合计人数", "合计金额(元)")  # fmt: skip
    rows = _rows(monthly)
    assert list(rows) == [f"2026-{m:02d}" for m in range(1, 12)]
    assert rows["2026-01"] == (1, 485.0, 1, 330.0, 2, 815.0)
    assert rows["2026-03"] == (2, 970.0, 1, 330.0, 3, 1300.0)
    assert rows["2026-06"] == (2, 970.0, 1, 330.0, 3, 1300.0)
    assert rows["2026-07"] == (1, 485.0, 1, 330.0, 2, 815.0)
    assert whole["stats.subsidies.changes"].rows == (
        ("困难残疾人生活补贴", "新增发放", "", 1),
        ("困难残疾人生活补贴", "停止发放", "家庭退出低保", 1),
        ("重度残疾人护理补贴", "新增发放", "", 0),
    )


def test_every_text_of_every_figure_prints_in_the_font(whole: dict[str, Figure]) -> None:
    """A character the print font lacks prints as 〓 (the minus sign did, once): every
    title, definition, header and text cell of every figure is checked."""
    from app.printing.fonts import GlyphCheck

    check = GlyphCheck()
    for figure in whole.values():
        texts = [figure.title, figure.definition, figure.area_name, *figure.columns]
        texts += [cell for row in figure.rows for cell in row if isinstance(cell, str)]
        for text in texts:
            check.clean(text, figure.key)
    assert check.messages() == []


def test_cells_are_numbers_where_charted_and_money_has_two_decimals(
    whole: dict[str, Figure],
) -> None:
    for figure in whole.values():
        for row in figure.rows:
            for header, cell in zip(figure.columns, row, strict=True):
                if "(元)" in header and cell != "":
                    assert isinstance(cell, Decimal), figure.key  # exact, never a float
                    assert cell == cell.quantize(Decimal("0.01")), figure.key
                if header in ("人数", "应调查", "已完成", "案例", "任务", "样本户"):
                    assert isinstance(cell, int), (figure.key, header)
