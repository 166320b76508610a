"""The 统计 page's statements read the registry and the Form A responses from their indexes:
a town's figures walk the town's code range, never a whole table, and never a Form A
response's answers (the response summary holds what the figures need). Checked on SQLite's
plans (without statistics, SQLite plans alike at any size)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event

from app.demo.district import build_demo_district
from app.reports.progress import progress_figures
from app.reports.statistics import statistics_figures
from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from tests.conftest import PASSWORD

AS_OF = date(2026, 11, 1)
#: the tables that grow with the district's persons: never walked whole
LARGE = ("household", "person", "form_response", "response_summary", "subsidy")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = Database.create(tmp_path_factory.mktemp("plans") / "d.db", PASSWORD, kdf=FAST_TEST_KDF)
    build_demo_district(db, persons=400, seed=5, work=True)
    yield db
    db.close()


def page_plans(db: Database, area: str) -> list[tuple[str, Any, list[str]]]:
    """Every statement the page's figures run for the area, with its plan."""
    seen: list[tuple[str, Any]] = []

    def grab(_c: Any, _cur: Any, statement: str, params: Any, _ctx: Any, _many: bool) -> None:
        seen.append((statement, params))

    event.listen(db.engine, "before_cursor_execute", grab)
    try:
        with db.session() as s:
            progress_figures(s, area, "2026", AS_OF)
            statistics_figures(s, area, 2026, AS_OF)
    finally:
        event.remove(db.engine, "before_cursor_execute", grab)
    found = []
    with db.engine.connect() as conn:
        for statement, params in seen:
            plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params)
            found.append((statement, params, [str(row[3]) for row in plan]))
    return found


#: walked whole for the district only: fewer rows than its persons, each person looked up
#: by id costs less than looking every person's rows up (a town still walks its range)
DISTRICT_READS_WHOLE = ("subsidy",)


@pytest.mark.parametrize("area", ["330213", "330213100"], ids=["district", "town"])
def test_no_large_table_is_walked_whole(demo: Database, area: str) -> None:
    plans = page_plans(demo, area)
    assert plans
    allowed = DISTRICT_READS_WHOLE if area == "330213" else ()
    walked = [
        (statement[:80], line)
        for statement, _, lines in plans
        for line in lines
        if line.startswith("SCAN") and line.split()[1] in LARGE
    ]
    assert [w for w in walked if w[1].split()[1] not in allowed] == []
    if area == "330213":  # the subsidies from their own index, each person by id
        assert [w[1] for w in walked] == ["SCAN subsidy USING COVERING INDEX ix_subsidy_report"]
        lookups = [lines for statement, _, lines in plans if "FROM subsidy" in statement]
        assert any("ix_person_live" in line for lines in lookups for line in lines)


def test_a_town_reads_its_persons_by_its_code_range(demo: Database) -> None:
    town = "330213100"
    ranged = [
        lines
        for statement, params, lines in page_plans(demo, town)
        if ("FROM household JOIN person" in statement or "FROM subsidy JOIN person" in statement)
        and town in params
    ]
    assert len(ranged) == 2  # the Form A pass and the subsidies
    for lines in ranged:
        assert "area_code>? AND area_code<?" in lines[0] and "household" in lines[0]


def test_no_form_a_answers_are_read(demo: Database) -> None:
    for statement, params, lines in page_plans(demo, "330213"):
        reads_responses = any(" form_response" in line for line in lines)
        assert not (reads_responses and "dynamic-update" in params), statement[:200]


@pytest.mark.parametrize("area", ["330213", "330213100"], ids=["district", "town"])
def test_each_household_is_looked_up_in_the_sample_not_the_sample_walked(
    demo: Database, area: str
) -> None:
    """Who is due Form B: the year's sample is read by household, never walked per household
    (households × sample rows at 100,000 persons: seconds)."""
    lookups = [
        line
        for statement, _, lines in page_plans(demo, area)
        if "income_sample" in statement
        for line in lines
        if " income_sample " in line
    ]
    assert lookups
    assert all("household_id=?" in line for line in lookups), lookups


def test_every_town_figure_starts_from_the_towns_households(demo: Database) -> None:
    """Every statement of a town's figures is restricted to the town in SQL, and those of
    the cases, the Form B sample and the subsidies start from the town's households by
    their code range: never the district's rows read and then filtered by area. Two read
    their own few rows first and look each household up (still filtered by the town in
    SQL), as measured faster at 100,000 persons: the tasks (a few hundred from the month
    index, 0.010 s, against 0.046 s looking each of the town's persons up) and the year's
    done Form B answers (SQLite prefers their form and round index)."""
    town, after = "330213100", "330213101"
    household_reads = [
        (statement, params, lines)
        for statement, params, lines in page_plans(demo, town)
        if any(line.split()[1:2] == ["household"] for line in lines)
    ]
    assert len(household_reads) >= 7  # Form A, Form B, cases (2), tasks, subsidies, renovation
    for statement, params, lines in household_reads:
        assert town in params and after in params, statement[:200]  # the town, in SQL
        if "FROM change_notice" in statement or (
            "form_response.answers" in statement and "income-monitoring" in params
        ):
            continue
        assert lines[0].startswith("SEARCH household"), (statement[:200], lines)
        assert "area_code>? AND area_code<?" in lines[0], (statement[:200], lines)


def test_a_districts_few_rows_are_read_from_their_own_index(demo: Database) -> None:
    """The district's cases, tasks and Form B answers are read from their own tables, each
    household looked up: not every household of the district walked to find the few."""
    for statement, _, lines in page_plans(demo, "330213"):
        if any(t in statement for t in ("FROM renovation_case", "FROM change_notice")) or (
            "FROM form_response" in statement
        ):
            assert not lines[0].startswith("SEARCH household"), (statement[:200], lines)
