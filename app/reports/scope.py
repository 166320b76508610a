"""Which area a figure covers: its name, its child areas and the SQL condition of belonging."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import QueryableAttribute, Session

from app.domain.areas import CODE_LENGTH
from app.store.registry import Area, Assignment, Household, User

#: digits of a district's, a town's and a village's significant prefix
DISTRICT, TOWN, VILLAGE = 6, 9, 12


@dataclass(frozen=True)
class ChildArea:
    """One row of a figure by area: a town of the district, a village of the town."""

    code: str  # its significant prefix (9 digits for a town, 12 for a village)
    name: str


def prefix(area_code: str) -> str:
    """The significant prefix of a code given as a prefix (6, 9, 12 digits) or a full code."""
    code = area_code.strip()
    if len(code) == CODE_LENGTH:
        for length in (DISTRICT, TOWN):
            if set(code[length:]) <= {"0"}:
                return code[:length]
    if len(code) not in (DISTRICT, TOWN, VILLAGE) or not code.isdigit():
        raise ValueError(f"区域代码应为6、9或12位数字：{area_code!r}")
    return code


def full_code(area_code: str) -> str:
    """The 12-digit code of an area given by its prefix."""
    return prefix(area_code).ljust(CODE_LENGTH, "0")


def child_length(area_code: str) -> int:
    """The prefix length of the rows of a figure by area (a village has no child areas)."""
    return {DISTRICT: TOWN, TOWN: VILLAGE}.get(len(prefix(area_code)), VILLAGE)


def in_area(
    column: ColumnElement[str] | QueryableAttribute[str], area_code: str
) -> ColumnElement[bool]:
    """The condition that a village code column lies in the area: a range of codes, which
    both SQLite and PostgreSQL answer from an index (a LIKE is not, under most collations)."""
    start = prefix(area_code)
    end = str(int(start) + 1).zfill(len(start))  # codes are digits: the next prefix bounds them
    if len(end) != len(start):  # ...999: no next prefix of the same length
        return column.like(start + "%")
    return and_(column >= start, column < end)


def in_area_by_lookup(column: QueryableAttribute[str], area_code: str) -> ColumnElement[bool]:
    """`in_area` for a query driven by another table's index at every level (the tasks: a
    town has a few hundred, found faster from the month index with each person and
    household looked up than by looking each of its thousands of persons up in the tasks):
    `|| ''` keeps SQLite from walking the area's households first instead."""
    return in_area(column.concat(""), area_code)


def in_area_few(column: QueryableAttribute[str], area_code: str) -> ColumnElement[bool]:
    """`in_area` for a query of a table with few rows per household (the cases, the tasks,
    the Form B responses): a district's rows are read from that table's index and each
    household looked up (`|| ''` keeps SQLite from walking the district's households
    first); a town's or village's households are walked by their code range and each one's
    rows looked up, never the district's rows read and filtered."""
    if len(prefix(area_code)) == DISTRICT:
        return in_area(column.concat(""), area_code)
    return in_area(column, area_code)


def few_first(column: QueryableAttribute[str], area_code: str) -> ColumnElement[str]:
    """The join column of a table with few rows per person, for `in_area_few`'s queries:
    for a district, `|| ''` keeps SQLite from walking the district's persons to look each
    one's rows up, so that it reads that table's rows and looks each person up instead
    (index ix_person_live, migration 0011); for a town or village, the column itself."""
    if len(prefix(area_code)) == DISTRICT:
        return column.concat("")
    return column  # type: ignore[return-value]


def live_household_few(area_code: str) -> ColumnElement[bool]:
    """A live household of the area, for a query driven by a table with few rows per
    household (`in_area_few`): for a district, its `deleted` too is left to a filter (else
    SQLite walks every live household's index entry to look each one's rows up)."""
    deleted = Household.deleted
    if len(prefix(area_code)) == DISTRICT:
        return and_(
            func.coalesce(deleted, False).is_(False), in_area_few(Household.area_code, area_code)
        )
    return and_(deleted.is_(False), in_area_few(Household.area_code, area_code))


def in_year(column: QueryableAttribute[str], year: int | str) -> ColumnElement[bool]:
    """A survey round of the year ("2026", "2026Q3"): a range an index can answer."""
    return and_(column >= str(year)[:4], column < str(int(str(year)[:4]) + 1))


def area_name(session: Session, area_code: str) -> str:
    """The area's name from the area table (its code when the table does not know it)."""
    name = session.scalar(select(Area.name).where(Area.code == full_code(area_code)))
    return name or prefix(area_code)


def child_areas(session: Session, area_code: str) -> list[ChildArea]:
    """The towns of a district or the villages of a town, by code; a village gives itself."""
    code = prefix(area_code)
    length = child_length(code)
    if len(code) == VILLAGE:
        return [ChildArea(code, area_name(session, code))]
    rows = session.execute(
        select(Area.code, Area.name)
        .where(Area.deleted.is_(False), Area.code.like(code + "%"))
        .where(Area.parent_code == full_code(code))
        .order_by(Area.code)
    )
    return [ChildArea(c[:length], n) for c, n in rows]


def villages(session: Session, area_code: str) -> dict[str, str]:
    """Every village of the area: code to name."""
    rows = session.execute(
        select(Area.code, Area.name).where(
            Area.deleted.is_(False), Area.level == "village", in_area(Area.code, area_code)
        )
    )
    return dict(rows.tuples())


def members_by_village(session: Session, area_code: str) -> dict[str, list[str]]:
    """The members assigned to each village of the area (display name or user name)."""
    rows = session.execute(
        select(
            Assignment.area_code, func.coalesce(func.nullif(User.display_name, ""), User.username)
        )
        .join(User, User.id == Assignment.user_id)
        .where(
            Assignment.deleted.is_(False),
            User.deleted.is_(False),
            User.role == "member",
            in_area(Assignment.area_code, area_code),
        )
        .order_by(Assignment.area_code, User.username)
    )
    found: dict[str, list[str]] = {}
    for village, name in rows:
        found.setdefault(village, []).append(name)
    return found
