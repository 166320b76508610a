"""The figure's shape: rows as wide as the headers, drill codes per row, charts in range."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.reports.figure import Chart, Figure, share, yuan


def _figure(**rest: object) -> Figure:
    fields: dict[str, object] = {
        "key": "k",
        "title": "标题",
        "definition": "定义",
        "area_code": "330213",
        "area_name": "奉化区",
        "survey_round": "2026",
        "as_of": date(2026, 11, 1),
        "columns": ("区域", "人数"),
        "rows": (("锦屏街道", 3), ("合计", 3)),
    }
    return Figure(**{**fields, **rest})  # type: ignore[arg-type]


def test_a_well_formed_figure_gives_its_columns() -> None:
    figure = _figure(chart=Chart("bar", 0, (1,)), drill=("330213001", ""))
    assert figure.column("人数") == [3, 3]


@pytest.mark.parametrize(
    "rest",
    [
        {"rows": (("锦屏街道",),)},
        {"drill": ("330213001",)},
        {"chart": Chart("bar", 0, (2,))},
    ],
)
def test_a_malformed_figure_is_refused(rest: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="k"):
        _figure(**rest)


def test_shares_and_money() -> None:
    assert share(1, 3) == 33.3
    assert share(0, 0) == 0.0
    assert yuan(123_456_789) == Decimal("1234567.89")
    assert yuan(5) == Decimal("0.05") and str(yuan(-150)) == "-1.50"


def test_money_is_shared_to_the_fen_halves_up() -> None:
    from app.reports.figure import per

    assert per(1_000_013, 4) == 250_003  # 250,003.25 -> 250,003
    assert per(1_000_025, 2) == 500_013  # 500,012.5 -> 500,013 (not to even)
    assert per(5, 0) == 0


def test_an_area_is_a_range_of_codes_even_at_the_last_code() -> None:
    from sqlalchemy import String, column, select
    from sqlalchemy.dialects import sqlite

    from app.reports.scope import in_area, prefix

    def sql(area: str) -> str:
        code = column("area_code", String)
        query = select(code).where(in_area(code, area))
        return str(query.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))

    assert "area_code >= '330213001' AND area_code < '330213002'" in sql("330213001000")
    assert "area_code < '330214000'" in sql("330213999")
    assert "LIKE '999999%'" in sql("999999")
    assert prefix("330213000000") == "330213"
    with pytest.raises(ValueError, match="区域代码"):
        prefix("3302")
