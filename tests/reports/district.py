"""A small hand-built district whose every figure is known, written the same way into a
laptop's database and a server's (SQLite or PostgreSQL).

Two towns: 锦屏街道 (villages 奉中社区, 锦山社区) and 岳林街道 (岳林一村 and an empty
village). The figures are taken on Wednesday 4 November 2026 (this week from 2 November,
last week from 26 October). The expected numbers are in the tests, worked out by hand
from the records below; each record says what it is there to test.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, insert

from app.store import summary
from app.store.registry import Area, Assignment, Household, Person, Subsidy, User
from app.store.work import ChangeNotice, FormResponse, IncomeSample, RenovationCase

AS_OF = date(2026, 11, 4)
DISTRICT, TOWN1, TOWN2 = "330213", "330213001", "330213002"
V11, V12, V21, V22 = "330213001001", "330213001002", "330213002001", "330213002002"


def _ids(prefix: str, n: int) -> list[str]:
    return [f"{prefix}{i:02d}-0000-4000-8000-000000000000"[:36] for i in range(n + 1)]


H = _ids("00000000-", 5)
P = _ids("11111111-", 11)


def _history(*steps: tuple[str, str, str]) -> list[dict[str, Any]]:
    """(from, to, at) steps as the workflow writes them."""
    return [
        {"from": a, "to": b, "by": "m", "role": "member", "at": at, "reason": ""}
        for a, b, at in steps
    ]


ACCEPTED_PATH = _history(
    ("assigned", "draft", "2026-10-30T09:00:00"),
    ("draft", "completed", "2026-11-02T10:00:00"),
    ("completed", "submitted", "2026-11-02T11:00:00"),
    ("submitted", "accepted", "2026-11-03T09:00:00"),
)
SENT_BACK_PATH = _history(
    ("assigned", "draft", "2026-10-10T09:00:00"),
    ("draft", "completed", "2026-10-12T09:00:00"),
    ("completed", "submitted", "2026-10-12T10:00:00"),
    ("submitted", "returned", "2026-10-15T10:00:00"),
    ("returned", "draft", "2026-10-27T10:00:00"),
    ("draft", "completed", "2026-10-28T10:00:00"),
    ("completed", "submitted", "2026-10-28T11:00:00"),
)


def _rows() -> Iterable[tuple[Any, list[dict[str, Any]]]]:
    yield (
        Area,
        [
            {"code": "330213000000", "name": "奉化区", "level": "county"},
            {
                "code": "330213001000",
                "name": "锦屏街道",
                "level": "town",
                "parent_code": "330213000000",
            },
            {
                "code": "330213002000",
                "name": "岳林街道",
                "level": "town",
                "parent_code": "330213000000",
            },
            {"code": V11, "name": "奉中社区", "level": "village", "parent_code": "330213001000"},
            {"code": V12, "name": "锦山社区", "level": "village", "parent_code": "330213001000"},
            {"code": V21, "name": "岳林一村", "level": "village", "parent_code": "330213002000"},
            {"code": V22, "name": "岳林二村", "level": "village", "parent_code": "330213002000"},
        ],
    )
    users = {"m1": ("张委员", "member"), "m2": ("李委员", "member"), "r1": ("审核员", "reviewer")}
    yield (
        User,
        [
            {"id": f"{u}-user", "username": u, "display_name": n, "role": role}
            for u, (n, role) in users.items()
        ],
    )
    yield (
        Assignment,
        [
            {"user_id": "m1-user", "area_code": V11},
            {"user_id": "m2-user", "area_code": V12},
            {"user_id": "m2-user", "area_code": V21},
            {"user_id": "r1-user", "area_code": "330213001000"},
        ],
    )
    yield (
        Household,
        [
            {"id": H[1], "area_code": V11, "hukou_type": "1", "address": "奉中社区1号"},
            {"id": H[2], "area_code": V11, "hukou_type": "2", "address": "奉中社区10号"},
            {"id": H[3], "area_code": V12, "hukou_type": "1", "address": "锦山社区2号"},
            {"id": H[4], "area_code": V21, "hukou_type": "2", "address": "岳林一村3号"},
            {
                "id": H[5],
                "area_code": V21,
                "hukou_type": "1",
                "address": "岳林一村9号",
                "deleted": True,
            },
        ],
    )
    person: list[Any] = [  # (household, category, grade, sex, birth, card generation, status)
        None,
        (1, "4", "1", "1", date(1950, 3, 1), "3", "active"),
        (1, "1", "2", "2", date(2019, 11, 4), "", "active"),  # 7 on the day: 7-17
        (2, "4", "3", "1", date(2019, 11, 5), "2", "active"),  # 6 on the day: 0-6
        (2, "7", "1", "2", date(1966, 11, 4), "", "active"),  # 60 on the day: 60+
        (2, "2", "4", "1", date(1980, 1, 1), "3", "cancelled"),  # not due, not counted
        (3, "5", "2", "2", date(1990, 1, 1), "3", "active"),
        (3, "6", "3", "1", date(2008, 11, 5), "", "active"),  # 17: 7-17
        (3, "4", "4", "1", date(2008, 11, 4), "", "active"),  # 18: 18-59
        (3, "3", "2", "2", None, "", "active"),  # birth date unknown
        (4, "4", "1", "1", date(1940, 6, 1), "3", "active"),
        (5, "4", "1", "1", date(1960, 1, 1), "3", "active"),  # household deleted
    ]
    yield Person, [
        {"id": P[i], "household_id": H[h], "name": f"人{i:02d}", "id_number": f"ID{i:02d}",
         "category": c, "grade": g, "sex": s, "birth_date": b, "card_generation": card,
         "status": status}
        for i, (h, c, g, s, b, card, status) in enumerate(person[1:], start=1)
    ]  # fmt: skip
    yield FormResponse, list(_responses())
    yield (
        Subsidy,
        [
            _subsidy(1, "care", "2020-01", "", 33_000, "active"),
            _subsidy(4, "living", "2026-03", "", 48_500, "active"),  # started this year
            _subsidy(6, "living", "2019-05", "2026-06", 48_500, "stopped", "left_dibao"),
            _subsidy(10, "care", "2018-01", "", 33_000, "stopped"),  # no end month: left out
            _subsidy(7, "care", "", "", 33_000, "pending"),  # applied for: never paid yet
            _subsidy(11, "care", "2020-01", "", 33_000, "active"),  # household deleted
        ],
    )
    yield RenovationCase, list(_cases())
    yield (
        IncomeSample,
        [
            {"id": f"s{year}-{h}", "household_id": H[h], "year": year, "chosen": "draw:1"}
            for year, h in ((2026, 1), (2026, 3), (2026, 4), (2026, 5), (2025, 2))
        ],
    )
    yield (
        ChangeNotice,
        [
            _task(1, "2026-10", "accepted", date(2026, 10, 20)),
            _task(2, "2026-10", "open", date(2026, 10, 31)),  # overdue
            _task(6, "2026-10", "returned", date(2026, 11, 10)),  # returned, not yet overdue
            _task(10, "2026-11", "submitted", date(2026, 11, 20)),
            _task(9, "2025-12", "open", date(2026, 1, 10)),  # last year's
        ],
    )


def _response(
    person: int | None, household: int, state: str, survey_round: str = "2026",
    form_id: str = "dynamic-update", filled: datetime | None = None,
    answers: dict[str, Any] | None = None, history: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:  # fmt: skip
    return {
        "form_id": form_id,
        "form_version": "2021.1" if form_id == "dynamic-update" else "2026.1",
        "survey_round": survey_round,
        "household_id": H[household],
        "person_id": P[person] if person else None,
        "state": state,
        "answers": answers or {},
        "state_history": history or [],
        "filled_at": filled,
    }


def _responses() -> Iterable[dict[str, Any]]:
    yield _response(1, 1, "accepted", filled=datetime(2026, 11, 2, 10), history=ACCEPTED_PATH,
                    answers={"method": "1", "rehab_needed": ["2", "3"], "help_needed": ["6"],
                             "resident_pension": "1", "resident_medical": "1",
                             "renovation_needed": ["1", "2"]})  # fmt: skip
    yield _response(2, 1, "submitted", filled=datetime(2026, 10, 28, 10), history=SENT_BACK_PATH,
                    answers={"method": "3", "rehab_needed": ["7"], "in_school": "3",
                             "help_needed": ["1"], "resident_pension": "2",
                             "resident_medical": "1", "renovation_needed": ["8"]})  # fmt: skip
    yield _response(3, 2, "completed", filled=datetime(2026, 10, 14, 9),  # lost to follow-up
                    answers={"method": "4", "rehab_needed": ["2"]})  # fmt: skip
    yield _response(6, 3, "draft", answers={"method": "1"})
    yield _response(7, 3, "returned", filled=datetime(2026, 10, 1, 9),
                    answers={"method": "1", "rehab_needed": ["2"]})  # fmt: skip
    yield _response(8, 3, "assigned")
    yield _response(9, 3, "accepted", survey_round="2025", filled=datetime(2025, 5, 5, 9),
                    answers={"method": "1", "rehab_needed": ["2"]})  # fmt: skip
    yield _response(10, 4, "accepted", filled=datetime(2026, 3, 3, 9),
                    answers={"method": "1", "rehab_needed": ["4"], "care_need": "2",
                             "resident_pension": "1", "resident_medical": "2",
                             "renovation_needed": ["3"]})  # fmt: skip
    yield _response(5, 2, "completed", filled=datetime(2026, 9, 1, 9),  # person cancelled
                    answers={"method": "1", "rehab_needed": ["2"]})  # fmt: skip
    yield _response(11, 5, "accepted", filled=datetime(2026, 9, 1, 9),  # household deleted
                    answers={"method": "1", "rehab_needed": ["2"]})  # fmt: skip
    income = {"contact_method": "1", "resident_size": 2, "period_months": 3,
              "income_total": 36000.5, "wages_total": 20000.25, "business_total": 10000.25,
              "property_total": 1000, "transfers_total": 5000, "consumption_total": 24000,
              "spend_food": 12000.1, "spend_health": 11999.9, "below_dibao": "2",
              "near_dibao": "2"}  # fmt: skip
    form_b = "income-monitoring"
    # the round in progress on AS_OF is 2026Q4 (quarterly rounds); the sample: 1, 3, 4 (and
    # the deleted 5) this year, 2 last year (`_sample`)
    yield _response(None, 1, "accepted", "2026Q4", form_b, datetime(2026, 10, 9), income)
    yield _response(None, 3, "completed", "2026Q4", form_b, datetime(2026, 10, 6),
                    {"contact_method": "4", "period_months": 3})  # fmt: skip
    yield _response(None, 3, "assigned", "2026Q3", form_b)
    yield _response(None, 4, "assigned", "2026Q4", form_b)
    yield _response(None, 2, "draft", "2026Q4", form_b)  # not sampled this year: not counted
    yield _response(None, 2, "accepted", "2025", form_b, datetime(2025, 6, 6), income)


def _subsidy(
    person: int, kind: str, start: str, end: str, fen: int, status: str, reason: str = ""
) -> dict[str, Any]:
    return {"person_id": P[person], "kind": kind, "start_month": start, "end_month": end,
            "amount_fen": fen, "status": status, "end_reason": reason}  # fmt: skip


def _plan(code: str, name: str, quantity: int, fen: int) -> dict[str, Any]:
    return {"part": "plan", "code": code, "name": name, "unit": "处", "kind": "building",
            "quantity": quantity, "unit_price_fen": fen // quantity, "amount_fen": fen}  # fmt: skip


def _cases() -> Iterable[dict[str, Any]]:
    settled = [
        _plan("B01", "坡化/平整地面", 2, 30_000),
        _plan("B06", "卫生间坐便扶手", 1, 26_000),
        {"part": "settlement", "actual": {"B01": 28_000, "B06": 25_000}, "total_fen": 53_000},
    ]
    base = {"cap_fen": 550_000, "override_reason": "", "state_history": []}
    yield {**base, "household_id": H[1], "person_id": P[1], "year": 2026, "state": "settled",
           "items": settled, "total_fen": 56_000}  # fmt: skip
    yield {**base, "household_id": H[3], "person_id": P[6], "year": 2026,
           "state": "plan_approved", "items": [_plan("B03", "拓宽门洞", 1, 100_000)],
           "total_fen": 100_000}  # fmt: skip
    yield {**base, "household_id": H[4], "person_id": P[10], "year": 2026, "state": "withdrawn",
           "items": [], "total_fen": 0}  # fmt: skip
    yield {**base, "household_id": H[2], "person_id": P[4], "year": 2026,
           "state": "need_registered", "items": [], "total_fen": 0}  # fmt: skip
    yield {**base, "household_id": H[1], "person_id": P[1], "year": 2025, "state": "settled",
           "items": settled, "total_fen": 56_000}  # fmt: skip


def _task(person: int, month: str, state: str, due: date) -> dict[str, Any]:
    return {"person_id": P[person], "kind": "death", "source": "民政", "month": month,
            "state": state, "due_date": due}  # fmt: skip


def build(conn: Connection, *, summaries: bool = True) -> None:
    """Write the district's records (as a first sync would: rev 1, nothing pending); without
    `summaries`, as a program before the response summary wrote them."""
    for model, rows in _rows():
        for row in rows:  # one by one: the rows leave out different columns
            conn.execute(insert(model), {"rev": 1, **row})
    if summaries:
        summary.rebuild(conn)  # what the figures read of the responses, as every writer keeps it
