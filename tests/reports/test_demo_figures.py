"""The demo district's figures against counts made in the test (its own SQL, or Python over
the rows), on the laptop's database and on the server's (SQLite, PostgreSQL); and the same
figures from both, as the same demo gives the same records to each."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.demo.district import build_demo_district
from app.reports import charts
from app.reports.figure import Figure
from app.reports.progress import persons_due, progress_figures
from app.reports.statistics import statistics_figures
from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from sync.server import db as server_db
from sync.server.demo import DEMO_DAY, build_demo_server
from tests.conftest import PASSWORD
from tests.reports.conftest import Sessions, server_url

PERSONS, SEED = 400, 5
DISTRICT = "330213"
DONE = ("completed", "submitted", "accepted")


@pytest.fixture(scope="module")
def laptop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sessions]:
    db = Database.create(tmp_path_factory.mktemp("demo") / "demo.db", PASSWORD, kdf=FAST_TEST_KDF)
    build_demo_district(db, persons=PERSONS, seed=SEED, today=DEMO_DAY)
    yield db.session
    db.close()


@pytest.fixture(scope="module")
def servers(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str], Sessions]]:
    """The demo on a server database of a backend, built once per module when first asked."""
    made: dict[str, Sessions] = {}
    databases: list[server_db.ServerDatabase] = []

    def get(backend: str) -> Sessions:
        if backend not in made:
            folder = tmp_path_factory.mktemp(backend)
            database = server_db.ServerDatabase(server_url(backend, folder, request))
            build_demo_server(database, persons=PERSONS, seed=SEED)
            databases.append(database)
            engine = database.read_engine

            def reader() -> Session:
                return Session(engine)

            made[backend] = reader
        return made[backend]

    yield get
    for database in databases:
        database.dispose()


@pytest.fixture(scope="module", params=["server-sqlite", "server-postgresql"])
def server(request: pytest.FixtureRequest, servers: Callable[[str], Sessions]) -> Sessions:
    return servers(request.param)


@pytest.fixture(scope="module", params=["laptop", "server-sqlite", "server-postgresql"])
def any_demo(
    request: pytest.FixtureRequest, laptop: Sessions, servers: Callable[[str], Sessions]
) -> Sessions:
    return laptop if request.param == "laptop" else servers(request.param)


def _figures(sessions: Sessions, area: str) -> dict[str, Figure]:
    with sessions() as s:
        found = progress_figures(s, area, "2026", DEMO_DAY)
        found += statistics_figures(s, area, 2026, DEMO_DAY)
    return {f.key: f for f in found}


def _sql(sessions: Sessions, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    with sessions() as s:
        method = (
            "json_extract(r.answers, '$.method')"
            if s.get_bind().dialect.name == "sqlite"
            else "(r.answers ->> 'method')"
        )
        rows = s.execute(text(sql.replace("{method}", method)), {"f": False, **params})
        return [tuple(r) for r in rows]


def _towns(sessions: Sessions) -> dict[str, str]:
    return dict(_sql(sessions, "SELECT substr(code, 1, 9), name FROM area WHERE level = 'town'"))


def test_laptop_and_server_give_the_same_figures(laptop: Sessions, server: Sessions) -> None:
    town = next(iter(sorted(_towns(laptop))))
    for area in (DISTRICT, town):
        on_laptop, on_server = _figures(laptop, area), _figures(server, area)
        assert list(on_laptop) == list(on_server)
        for key, figure in on_laptop.items():
            assert figure == on_server[key], (area, key)
    with laptop() as a, server() as b:
        assert persons_due(a, town, "2026") == persons_due(b, town, "2026")


def test_form_a_by_town_against_sql(any_demo: Sessions) -> None:
    rows = _sql(
        any_demo,
        "SELECT substr(h.area_code, 1, 9),"
        " count(*),"
        " sum(CASE WHEN r.state IN ('completed', 'submitted', 'accepted') THEN 1 ELSE 0 END),"
        " sum(CASE WHEN r.state = 'accepted' THEN 1 ELSE 0 END),"
        " sum(CASE WHEN r.state = 'returned' THEN 1 ELSE 0 END),"
        " sum(CASE WHEN r.state IN ('completed', 'submitted', 'accepted') AND {method} = '4'"
        "  THEN 1 ELSE 0 END),"
        " sum(CASE WHEN r.state = 'draft' THEN 1 ELSE 0 END),"
        " sum(CASE WHEN r.id IS NULL OR r.state = 'assigned' THEN 1 ELSE 0 END)"
        " FROM person p JOIN household h ON h.id = p.household_id"
        " LEFT JOIN form_response r ON r.person_id = p.id AND r.form_id = 'dynamic-update'"
        "  AND r.survey_round = '2026' AND r.deleted = :f"
        " WHERE p.deleted = :f AND p.status = 'active' AND h.deleted = :f"
        " GROUP BY substr(h.area_code, 1, 9)",
    )
    expected = {_towns(any_demo)[town]: tuple(int(v) for v in values) for town, *values in rows}
    figure = _figures(any_demo, DISTRICT)["progress.form_a.by_area"]
    shown = {row[0]: row[1:8] for row in figure.rows[:-1] if row[1]}
    assert shown == expected
    total = figure.rows[-1]
    assert total[1] == sum(v[0] for v in expected.values()) > 0
    with any_demo() as s:
        due = persons_due(s, DISTRICT, "2026")
    assert len(due) == int(total[1]) - int(total[2])


def test_registry_against_sql_and_ages_against_python(any_demo: Sessions) -> None:
    active = (
        " FROM person p JOIN household h ON h.id = p.household_id"
        " WHERE p.deleted = :f AND p.status = 'active' AND h.deleted = :f"
    )
    counts = dict(
        ((c, g), n)
        for c, g, n in _sql(
            any_demo, "SELECT p.category, p.grade, count(*)" + active + " GROUP BY 1, 2"
        )
    )
    figures = _figures(any_demo, DISTRICT)
    table = figures["stats.registry.category_grade"]
    for code, row in zip("1234567", table.rows[:7], strict=True):
        assert row[1:5] == tuple(counts.get((code, g), 0) for g in "1234"), row[0]
    assert table.rows[-1][-1] == sum(counts.values())
    births = [b for (b,) in _sql(any_demo, "SELECT p.birth_date" + active)]
    bands = [0, 0, 0, 0]
    for born in births:
        born = born if isinstance(born, date) else date.fromisoformat(str(born))
        age = DEMO_DAY.year - born.year - ((DEMO_DAY.month, DEMO_DAY.day) < (born.month, born.day))
        bands[0 if age < 7 else 1 if age < 18 else 2 if age < 60 else 3] += 1
    ages = figures["stats.registry.age"]
    assert [row[1] for row in ages.rows[:4]] == bands
    hukou = dict(_sql(any_demo, "SELECT h.hukou_type, count(*)" + active + " GROUP BY 1"))
    assert figures["stats.registry.hukou"].rows[0][1] == hukou.get("1", 0)
    cards = dict(_sql(any_demo, "SELECT p.card_generation, count(*)" + active + " GROUP BY 1"))
    assert figures["stats.registry.by_area"].rows[-1][-1] == cards.get("3", 0)


def test_needs_against_the_answers_read_in_python(any_demo: Sessions) -> None:
    rows = _sql(
        any_demo,
        "SELECT p.category, r.answers FROM form_response r"
        " JOIN person p ON p.id = r.person_id JOIN household h ON h.id = p.household_id"
        " WHERE r.form_id = 'dynamic-update' AND r.survey_round = '2026' AND r.deleted = :f"
        " AND r.state IN ('completed', 'submitted', 'accepted')"
        " AND p.deleted = :f AND p.status = 'active' AND h.deleted = :f",
    )

    def chosen(answers: dict[str, Any], item: str) -> set[str]:
        value = answers.get(item)
        return set(value) if isinstance(value, list) else {value} if value else set()

    tests = {
        "康复服务": lambda a: bool(chosen(a, "rehab_needed") & {"1", "2", "5", "6"}),
        "辅助器具": lambda a: bool(chosen(a, "rehab_needed") & {"3", "4"}),
        "教育（6至17岁未在学）": lambda a: a.get("in_school") == "3",
        "就业扶贫与培训": lambda a: bool(chosen(a, "help_needed") - {"6"}),
        "社会保障（未参加居民养老或医疗保险）": lambda a: (
            "2" in (a.get("resident_pension"), a.get("resident_medical"))
        ),
        "托养服务": lambda a: a.get("care_need") in ("1", "2", "3"),
        "家庭无障碍改造": lambda a: bool(chosen(a, "renovation_needed") - {"8"}),
    }
    expected: dict[str, list[int]] = {need: [0] * 7 for need in tests}
    surveyed = [0] * 7
    for category, raw in rows:
        answers = raw if isinstance(raw, dict) else json.loads(raw)
        if answers.get("method") == "4":
            continue
        surveyed[int(category) - 1] += 1
        for need, test in tests.items():
            expected[need][int(category) - 1] += bool(test(answers))
    figure = _figures(any_demo, DISTRICT)["stats.needs.counts"]
    shown = {row[0]: list(row[1:8]) for row in figure.rows}
    assert shown.pop("调查人数") == surveyed
    assert shown == expected
    assert sum(surveyed) > 0 and sum(expected["家庭无障碍改造"]) > 0


def test_subsidies_form_b_and_cases_against_sql(any_demo: Sessions) -> None:
    figures = _figures(any_demo, DISTRICT)
    periods = _sql(
        any_demo,
        "SELECT s.kind, s.status, s.start_month, s.end_month, s.amount_fen FROM subsidy s"
        " JOIN person p ON p.id = s.person_id JOIN household h ON h.id = p.household_id"
        " WHERE s.deleted = :f AND p.deleted = :f AND h.deleted = :f",
    )
    for month in ("2026-01", "2026-10"):
        paid = {"living": [0, 0], "care": [0, 0]}
        for kind, status, start, end, fen in periods:
            if (
                start
                and start <= month
                and (
                    (status == "active" and (not end or end >= month))
                    or (status == "stopped" and end and end >= month)
                )
            ):
                paid[kind][0] += 1
                paid[kind][1] += fen
        row = next(r for r in figures["stats.subsidies.monthly"].rows if r[0] == month)
        assert row[1:5] == (paid["living"][0], paid["living"][1] / 100,
                            paid["care"][0], paid["care"][1] / 100)  # fmt: skip
        assert int(row[1]) + int(row[3]) > 0
    sample = _sql(
        any_demo,
        "SELECT count(DISTINCT r.household_id),"
        " count(DISTINCT CASE WHEN r.state IN ('completed', 'submitted', 'accepted')"
        "  THEN r.household_id END)"
        " FROM form_response r JOIN household h ON h.id = r.household_id"
        " WHERE r.form_id = 'income-monitoring' AND r.survey_round LIKE '2026%'"
        " AND r.deleted = :f AND h.deleted = :f",
    )[0]
    assert figures["progress.form_b.by_area"].rows[-1][1:3] == tuple(int(v) for v in sample)
    cases = dict(
        _sql(
            any_demo,
            "SELECT c.state, count(*) FROM renovation_case c"
            " JOIN household h ON h.id = c.household_id"
            " WHERE c.deleted = :f AND h.deleted = :f AND c.year = 2026 GROUP BY c.state",
        )
    )
    by_state = figures["progress.form_c.by_state"]
    assert sum(int(row[1]) for row in by_state.rows) == sum(cases.values()) > 0
    from app.domain.renovation import STATE_LABELS

    for state, label in STATE_LABELS.items():
        assert next(r[1] for r in by_state.rows if r[0] == label) == cases.get(state, 0)


def test_a_figure_of_each_area_level_sums_to_its_total(laptop: Sessions) -> None:
    town = next(iter(sorted(_towns(laptop))))
    figures = _figures(laptop, town)
    for key in ("progress.form_a.by_area", "stats.registry.by_area", "progress.form_c.by_area"):
        figure = figures[key]
        assert figure.rows[-1][0] == "合计"
        for column in range(1, 4):
            assert figure.rows[-1][column] == sum(int(r[column]) for r in figure.rows[:-1]), key


def test_no_chart_draws_a_total_row(laptop: Sessions) -> None:
    town = next(iter(sorted(_towns(laptop))))
    charted = 0
    for area in (DISTRICT, town):
        for key, figure in _figures(laptop, area).items():
            if figure.chart is None:
                continue
            charted += 1
            drawn = set(charts.series_of(figure)[0])
            for row in figure.rows:
                words = [c for c in row if isinstance(c, str)]
                if any(
                    w.startswith(("合计", "总计")) or w.endswith(("合计", "总计")) for w in words
                ):
                    assert str(row[figure.chart.category_column]) not in drawn, (key, row)
    assert charted > 5
