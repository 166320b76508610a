"""Survey rounds: who is due which form in a year, per village, and the progress counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, and_, case, select, text

from app.domain import income_sample
from app.domain.renovation import CLOSED_STATES
from app.domain.settings import SettingsError, load_settings
from app.store.registry import Household
from app.store.work import FormResponse, IncomeSample

FORM_A = "dynamic-update"
FORM_B = "income-monitoring"
DONE = ("completed", "submitted", "accepted")
# In the joins below `+r.survey_round` keeps SQLite from choosing the survey-round index
# (thousands of rows a year) over the person index (a handful): 20 s against 0.05 s at
# 15,000 persons.
CLOSED_CASE_STATES = tuple(sorted(CLOSED_STATES))  # a case in these is no longer open


@dataclass(frozen=True)
class DueForm:
    """One form due in the round: for a person (Form A), a household (B) or a case (C)."""

    form_id: str
    area_code: str
    household_id: str
    person_id: str | None
    response_id: str | None
    state: str | None  # None: not started
    lost: bool = False  # 失访: completed with method of contact 4
    survey_round: str = ""  # the round the form is due in

    @property
    def done(self) -> bool:
        return self.state in DONE


@dataclass(frozen=True)
class Progress:
    """Done, to do and lost to follow-up for one village (or a whole area)."""

    area_code: str
    name: str
    due: int
    done: int
    lost: int

    @property
    def to_do(self) -> int:
        return self.due - self.done

    @property
    def share_done(self) -> float:
        return self.done / self.due if self.due else 1.0


def _scope(area_prefix: str | None, column: str) -> str:
    return f" AND {column} LIKE :prefix" if area_prefix else ""


def form_a_source(area_prefix: str | None = None) -> str:
    """Who is due Form A in the year (`:year`), with this round's response if any: every
    active certified person of a live household. The one definition of "due" that the
    progress counts and the lists of persons to survey are both taken from."""
    return (
        "SELECT h.area_code AS area_code, h.id AS household_id, p.id AS person_id,"
        " r.id AS response_id, r.state AS state,"
        " json_extract(r.answers, '$.method') AS method"
        " FROM person p JOIN household h ON h.id = p.household_id"
        " LEFT JOIN form_response r ON r.person_id = p.id AND r.form_id = 'dynamic-update'"
        "  AND +r.survey_round = :year AND r.deleted = 0"
        " WHERE p.deleted = 0 AND p.status = 'active' AND h.deleted = 0"
        + _scope(area_prefix, "h.area_code")
    )


def form_b_round(year: int, today: date | None = None) -> str:
    """The Form B round of `year` in progress today, as the year's settings say (quarterly
    or yearly; a year the settings lack is yearly)."""
    try:
        income_round = str(load_settings().years[year]["income_round"])
    except (SettingsError, KeyError):
        income_round = income_sample.YEAR
    return income_sample.current_round(year, income_round, today or date.today())


def form_b_due(survey_round: str, area_prefix: str | None = None) -> Select[Any]:
    """Who is due Form B in the round ("2026" or "2026Q3"), with the round's response if
    any: every household of that year's income-monitoring sample. The one definition of
    "due" that 今日, the visit page, the figures and the exports take Form B from.
    Columns: area_code, household_id, response_id, state, lost, reason."""
    s, h, r = IncomeSample, Household, FormResponse
    response = and_(
        r.household_id == s.household_id,
        r.form_id == FORM_B,
        r.survey_round == survey_round,
        r.deleted.is_(False),
    )
    lost = and_(r.state.in_(DONE), r.answers["contact_method"].as_string() == "4")
    query = (
        select(
            h.area_code.label("area_code"),
            s.household_id.label("household_id"),
            r.id.label("response_id"),
            r.state.label("state"),
            case((lost, True), else_=False).label("lost"),
            s.reason.label("reason"),
        )
        .select_from(s)
        .join(h, h.id == s.household_id)
        .outerjoin(r, response)
        .where(s.deleted.is_(False), s.year == int(survey_round[:4]), h.deleted.is_(False))
    )
    if area_prefix:
        query = query.where(h.area_code.startswith(area_prefix, autoescape=True))
    return query


def households_due_form_b(
    conn: Connection, survey_round: str, area_prefix: str | None = None
) -> list[DueForm]:
    """The households due Form B in the round: exactly the year's sample, done or not."""
    query = form_b_due(survey_round, area_prefix).order_by("area_code", "household_id")
    return [
        DueForm(
            FORM_B,
            r.area_code,
            r.household_id,
            None,
            r.response_id,
            r.state,
            bool(r.lost),
            survey_round,
        )
        for r in conn.execute(query)
    ]


#: a due form not done yet (SQL over `form_a_source`'s columns)
NOT_DONE = f"(d.state IS NULL OR d.state NOT IN {DONE!r})"


def due_forms(
    conn: Connection, year: int, area_prefix: str | None = None, b_round: str | None = None
) -> list[DueForm]:
    """Form A for every active certified person, Form B for the households of the year's
    income sample in the round `b_round` (by default the one in progress), Form C for every
    open case."""
    params = {"year": str(year), "prefix": f"{area_prefix or ''}%"}
    rows = conn.execute(
        text(
            "SELECT 'dynamic-update', d.area_code, d.household_id, d.person_id, d.response_id,"
            " d.state, d.method = '4', :year"
            f" FROM ({form_a_source(area_prefix)}) d"
            " UNION ALL"
            " SELECT 'renovation', h.area_code, h.id, c.person_id, c.id, c.state, 0, ''"
            " FROM renovation_case c JOIN household h ON h.id = c.household_id"
            " WHERE c.deleted = 0 AND h.deleted = 0"
            f" AND c.state NOT IN {CLOSED_CASE_STATES!r}" + _scope(area_prefix, "h.area_code")
        ),
        params,
    )
    found = [
        DueForm(
            form_id=r[0],
            area_code=r[1],
            household_id=r[2],
            person_id=r[3],
            response_id=r[4],
            state=r[5],
            lost=bool(r[6]) and r[5] in DONE,
            survey_round=r[7],
        )
        for r in rows
    ]
    survey_round = b_round or form_b_round(year)
    return found + households_due_form_b(conn, survey_round, area_prefix)


def progress_by_village(
    conn: Connection, year: int, form_id: str = FORM_A, area_prefix: str | None = None
) -> list[Progress]:
    """The season's progress per village for one survey form (A, or B in its round in
    progress: the year's sample, `households_due_form_b`)."""
    if form_id != FORM_A:
        return _form_b_progress(conn, households_due_form_b(conn, form_b_round(year), area_prefix))
    params = {"year": str(year), "prefix": f"{area_prefix or ''}%"}
    source = form_a_source(area_prefix)
    done = f"state IN {DONE!r}"
    rows = conn.execute(
        text(
            f"SELECT d.area_code, a.name, count(*), sum({done}),"
            f" sum({done} AND method = '4')"
            f" FROM ({source}) d JOIN area a ON a.code = d.area_code"
            " GROUP BY d.area_code, a.name ORDER BY d.area_code"
        ),
        params,
    )
    return [Progress(r[0], r[1], int(r[2]), int(r[3] or 0), int(r[4] or 0)) for r in rows]


def _form_b_progress(conn: Connection, due: list[DueForm]) -> list[Progress]:
    counts: dict[str, list[int]] = {}
    for d in due:
        c = counts.setdefault(d.area_code, [0, 0, 0])
        c[0] += 1
        c[1] += d.done
        c[2] += d.lost
    areas = conn.execute(text("SELECT code, name FROM area WHERE deleted = 0"))
    names = {code: name for code, name in areas}
    return [Progress(code, names.get(code, code), *counts[code]) for code in sorted(counts)]


def total(progress: list[Progress], code: str = "", name: str = "合计") -> Progress:
    """The sum of several villages' progress (a town, the district)."""
    return Progress(
        area_code=code,
        name=name,
        due=sum(p.due for p in progress),
        done=sum(p.done for p in progress),
        lost=sum(p.lost for p in progress),
    )
