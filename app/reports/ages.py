"""Age bands of the registry figures, computed in SQL at a date."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, case
from sqlalchemy.orm import QueryableAttribute

AGE_BANDS = (("0-6岁", 0, 7), ("7-17岁", 7, 18), ("18-59岁", 18, 60), ("60岁及以上", 60, None))


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier (28 February for 29 February in a common year)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def age_band(birth: QueryableAttribute[date | None], as_of: date) -> ColumnElement[str]:
    """The index of the person's age band at `as_of`, as text ("0"; str(len(AGE_BANDS)):
    birth date unknown), the way the registry figures key their counts."""
    whens: list[tuple[ColumnElement[bool], str]] = [(birth.is_(None), str(len(AGE_BANDS)))]
    for index, (_, _, upper) in enumerate(AGE_BANDS[:-1]):
        assert upper is not None
        # younger than `upper`: born after the day `upper` years before
        whens.append((birth > years_before(as_of, upper), str(index)))
    return case(*whens, else_=str(len(AGE_BANDS) - 1))
