"""A figure: one table of counts with its definition, area, round and date, and how to chart it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from app.domain import money

Cell = str | int | float | Decimal


@dataclass(frozen=True)
class Chart:
    """How a figure is drawn: bars or a line over one category column and some value columns."""

    kind: str  # "bar" | "line"
    category_column: int  # column index of the categories (x axis)
    value_columns: tuple[int, ...]  # numeric columns drawn as series


@dataclass(frozen=True)
class Figure:
    """One table of the district's reporting, self-describing: two people running it agree."""

    key: str  # stable id, e.g. "progress.form_a.by_area"
    title: str  # Chinese title
    definition: str  # Chinese: what is counted, as of which date
    area_code: str  # the area covered
    area_name: str
    survey_round: str  # e.g. "2026" ("" where not about a round)
    as_of: date
    columns: tuple[str, ...]  # headers (Chinese)
    rows: tuple[tuple[Cell, ...], ...]
    chart: Chart | None = None
    drill: tuple[str, ...] = ()  # per row: area code to drill into ("" = none), or empty

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"{self.key}: row {row!r} has not {len(self.columns)} cells")
        if self.drill and len(self.drill) != len(self.rows):
            raise ValueError(
                f"{self.key}: drill has {len(self.drill)} codes for {len(self.rows)} rows"
            )
        if self.chart is not None:
            used = (self.chart.category_column, *self.chart.value_columns)
            if any(not 0 <= i < len(self.columns) for i in used):
                raise ValueError(f"{self.key}: chart column out of range")

    def column(self, header: str) -> list[Cell]:
        """The cells of one column, by its header."""
        index = self.columns.index(header)
        return [row[index] for row in self.rows]


def day_words(day: date, *, year: bool = True) -> str:
    """A date as a definition writes it, in words: 2026年11月20日 (11月20日 without year)."""
    return f"{day.year}年{day.month}月{day.day}日" if year else f"{day.month}月{day.day}日"


def share(part: int, whole: int) -> float:
    """A share in per cent with one decimal (0.0 when there is nothing to share)."""
    return round(100.0 * part / whole, 1) if whole else 0.0


def per(total_fen: int, count: int) -> int:
    """An amount of fen shared among `count` (persons, homes), to the fen, halves up."""
    if not count:
        return 0
    return int((Decimal(total_fen) / count).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def yuan(fen: int) -> Decimal:
    """Money from integer fen to yuan, exactly (a Decimal with two decimals)."""
    return money.yuan(fen)
