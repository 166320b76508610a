"""Build a fictitious district: areas, users, households, persons, certificates, subsidies.

Deterministic for a seed. ID numbers are random with correct check characters and
never taken from real data. Rows go in with bulk inserts as if a first sync had
pulled them from the server (rev 1, no outbox rows), then the search index is built.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, insert
from stdnum import luhn

from app.demo.names import (
    BANKS,
    BIRTH_REGIONS,
    FEMALE_CHARS,
    MALE_CHARS,
    ROADS,
    SURNAMES,
    with_rare_character,
)
from app.domain.areas import AreaLevel, load_areas
from app.domain.certificate import make_certificate
from app.domain.identity import make_resident_id
from app.store import search
from app.store.database import Database
from app.store.registry import Area, Assignment, Certificate, Household, Person, Subsidy, User

T = TypeVar("T")
Progress = Callable[[int, int], None]

# Category mix: physical about half, then multiple, hearing, visual, psychosocial,
# intellectual, speech (the order of the published national figures).
CATEGORY_WEIGHTS = (("4", 50), ("7", 13), ("2", 11), ("1", 9), ("6", 8), ("5", 7), ("3", 2))
GRADE_WEIGHTS = (("1", 14), ("2", 26), ("3", 30), ("4", 30))
HOUSEHOLD_SIZE_WEIGHTS = ((1, 14), (2, 30), (3, 24), (4, 18), (5, 9), (6, 5))
CERTIFIED_WEIGHTS = ((1, 86), (2, 11), (3, 3))
HARDSHIP_WEIGHTS = (
    ((), 62),
    (("1",), 14),
    (("2",), 6),
    (("3",), 2),
    (("4",), 7),
    (("5",), 3),
    (("1", "5"), 2),
    (("6",), 2),
    (("7",), 2),
)
LIVING_SUBSIDY_FEN = 48_500
CARE_SUBSIDY_FEN = {"1": 33_000, "2": 26_500}
SURVEY_USER = "demo"
# the seed district: 133 income-monitoring households and 150 cases a year for 14,536 persons
INCOME_SAMPLE_PER_PERSON = 133 / 14_536
CASES_PER_PERSON = 150 / 14_536
CASE_STATES_SHOWN = 12


@dataclass
class DemoSummary:
    """What was built."""

    villages: int = 0
    households: int = 0
    persons: int = 0
    income_households: int = 0
    cases: int = 0
    tasks: int = 0  # the monthly round's (app/demo/monthly.py)
    users: list[str] = field(default_factory=list)


def _pick(rng: random.Random, weighted: Sequence[tuple[T, int]]) -> T:
    values = [v for v, _ in weighted]
    weights = [w for _, w in weighted]
    return rng.choices(values, weights)[0]


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _name(rng: random.Random, sex: str) -> str:
    surname = _pick(rng, SURNAMES)
    chars = MALE_CHARS if sex == "1" else FEMALE_CHARS
    given = "".join(rng.choice(chars) for _ in range(1 if rng.random() < 0.3 else 2))
    return surname + given


def _birth(rng: random.Random, today: date) -> date:
    # disability is more frequent with age: a triangular mix leaning old
    age = int(rng.triangular(1, 98, 70))
    return date(today.year - age, rng.randint(1, 12), rng.randint(1, 28))


def _mobile(rng: random.Random) -> str:
    return "1" + rng.choice("3578") + "".join(rng.choice("0123456789") for _ in range(9))


def _village_label(name: str) -> str:
    for suffix in ("村民委员会", "村委会", "居委会", "社区居委会"):
        if name.endswith(suffix):
            return name[: -len(suffix)] + ("村" if "村" in suffix else "社区")
    return name


class DistrictBuilder:
    """Generates the rows of one demo district into an open database."""

    def __init__(self, db: Database, *, persons: int, seed: int, today: date) -> None:
        self.db = db
        self.target = persons
        self.rng = random.Random(seed)
        # rare name characters draw from a stream of their own: the rest of a seed's
        # district stays as it was
        self.rare_rng = random.Random(seed + 0x5EED)
        self.today = today
        self.now = datetime(today.year, today.month, today.day, 8, 0)
        self.used_ids: set[str] = set()

    def _common(self) -> dict[str, Any]:
        return {
            "id": _uuid(self.rng),
            "rev": 1,
            "updated_at": self.now,
            "updated_by": "server",
            "deleted": False,
        }

    def _resident_id(self, birth: date, sex: str) -> str:
        while True:
            seq = self.rng.randrange(0, 1000)
            if (seq % 2 == 1) != (sex == "1"):
                seq = (seq + 1) % 1000
            number = make_resident_id(_pick(self.rng, BIRTH_REGIONS), birth, seq)
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def build(self, progress: Progress | None = None) -> DemoSummary:
        summary = DemoSummary()
        areas = load_areas()
        villages = [a for a in areas if a.level is AreaLevel.VILLAGE]
        towns = [a for a in areas if a.level is AreaLevel.TOWN]
        summary.villages = len(villages)
        # villages differ in size: weights around the average of the scale file
        weights = [self.rng.uniform(0.5, 1.7) for _ in villages]
        with self.db.engine.begin() as conn:
            conn.execute(
                insert(Area),
                [
                    {
                        **self._common(),
                        "code": a.code,
                        "name": a.name,
                        "level": a.level.value,
                        "parent_code": a.parent,
                        "valid_year": 2023,
                    }
                    for a in areas
                ],
            )
            summary.users = self._users(conn, towns, villages)
        batch: dict[str, list[dict[str, Any]]] = {"h": [], "p": [], "c": [], "s": []}
        made = 0
        while made < self.target:
            village = self.rng.choices(villages, weights)[0]
            made += self._household(village.code, village.name, batch, self.target - made)
            summary.households += 1
            if len(batch["p"]) >= 5000 or made >= self.target:
                self._flush(batch)
                if progress:
                    progress(made, self.target)
        summary.persons = made
        with self.db.engine.begin() as conn:
            search.rebuild(conn)
        if progress:
            progress(self.target, self.target)
        return summary

    def _users(self, conn: Connection, towns: Sequence[Any], villages: Sequence[Any]) -> list[str]:
        users = [
            {
                **self._common(),
                "username": SURVEY_USER,
                "display_name": "演示管理员",
                "role": "admin",
                "phone": "",
            }
        ]
        assignments = [{**self._common(), "user_id": users[0]["id"], "area_code": "330213000000"}]
        for town in towns:
            user = {
                **self._common(),
                "username": f"town{town.code[6:9]}",
                "display_name": f"{town.name}审核员",
                "role": "reviewer",
                "phone": "",
            }
            users.append(user)
            assignments.append({**self._common(), "user_id": user["id"], "area_code": town.code})
        for village in villages:
            user = {
                **self._common(),
                "username": f"m{village.code[6:]}",
                "display_name": f"{_village_label(village.name)}专职委员",
                "role": "member",
                "phone": _mobile(self.rng),
            }
            users.append(user)
            assignments.append({**self._common(), "user_id": user["id"], "area_code": village.code})
        conn.execute(insert(User), users)
        conn.execute(insert(Assignment), assignments)
        return [u["username"] for u in users]

    def _household(
        self,
        village_code: str,
        village_name: str,
        batch: dict[str, list[dict[str, Any]]],
        remaining: int,
    ) -> int:
        rng = self.rng
        size = _pick(rng, HOUSEHOLD_SIZE_WEIGHTS)
        certified = min(size, _pick(rng, CERTIFIED_WEIGHTS), remaining)
        hardship = list(_pick(rng, HARDSHIP_WEIGHTS))
        label = _village_label(village_name)
        address = f"{label}{rng.choice(ROADS)}{rng.randint(1, 300)}号"
        if rng.random() < 0.3:
            address = f"{label}{rng.randint(1, 30)}组{rng.randint(1, 120)}号"
        household = {
            **self._common(),
            "area_code": village_code,
            "address": address,
            "registered_address": address
            if rng.random() < 0.8
            else f"{label}{rng.randint(1, 99)}号",
            "hukou_number": f"{rng.randrange(10**8, 10**9)}",
            "hukou_type": "1" if rng.random() < 0.65 else "2",
            "phone": _mobile(rng)
            if rng.random() < 0.85
            else f"0574-88{rng.randrange(10**5, 10**6)}",
            "phone2": "",
            "hardship": hardship,
            "gps_lat": None,
            "gps_lon": None,
            "multi_disability_code": "",
            "head_name": "",
            "head_id_number": "",
        }
        head_is_certified = rng.random() < 0.6
        for i in range(certified):
            relation = "1" if (i == 0 and head_is_certified) else rng.choice("23345")
            batch["p"].append(self._person(household, relation, hardship, batch))
        if certified > 1:
            household["multi_disability_code"] = f"DC{village_code[6:]}{rng.randrange(10**5):05d}"
        if head_is_certified:
            head = batch["p"][-certified]
            household["head_name"], household["head_id_number"] = head["name"], head["id_number"]
        else:
            sex = rng.choice("12")
            birth = _birth(rng, self.today)
            birth = birth if (self.today.year - birth.year) >= 18 else date(1960, 5, 5)
            household["head_name"] = _name(rng, sex)
            household["head_id_number"] = self._resident_id(birth, sex)
        batch["h"].append(household)
        return certified

    def _person(
        self,
        household: dict[str, Any],
        relation: str,
        hardship: list[str],
        batch: dict[str, list[dict[str, Any]]],
    ) -> dict[str, Any]:
        rng = self.rng
        sex = rng.choice("12")
        birth = _birth(rng, self.today)
        resident_id = self._resident_id(birth, sex)
        category = _pick(rng, CATEGORY_WEIGHTS)
        grade = _pick(rng, GRADE_WEIGHTS)
        if category in "56" and rng.random() < 0.3:
            grade = rng.choice("12")
        reissue = 1 if rng.random() < 0.02 else None
        cert = make_certificate(resident_id, int(category), int(grade), reissue=reissue)
        issued = date(rng.randint(2014, self.today.year), rng.randint(1, 12), rng.randint(1, 28))
        age = self.today.year - birth.year
        cancelled = rng.random() < 0.03
        person = {
            **self._common(),
            "household_id": household["id"],
            "relation": relation,
            "name": with_rare_character(self.rare_rng, _name(rng, sex), sex),
            "id_number": resident_id,
            "sex": sex,
            "birth_date": birth,
            "ethnicity": "01" if rng.random() < 0.985 else rng.choice(["03", "04", "09", "11"]),
            "marital": "1" if age < 25 else _pick(rng, (("1", 10), ("2", 65), ("3", 5), ("4", 20))),
            "cert_number": cert,
            "category": category,
            "grade": grade,
            "component_grades": {},
            "cause": rng.choice("1234569"),
            "self_care": "3" if grade == "1" else ("2" if grade == "2" else "1"),
            "contact_name": _name(rng, rng.choice("12")),
            "contact_relation": rng.choice("2345"),
            "contact_phone": _mobile(rng),
            "mobile": _mobile(rng) if age >= 16 else "",
            "landline": "",
            "card_generation": "3" if issued.year >= 2018 else "2",
            "card_issued": issued,
            "card_valid_until": date(issued.year + 10, issued.month, issued.day),
            "card_status": "1",
            "in_institution": rng.random() < 0.02,
            "bank_name": rng.choice(BANKS),
            "bank_account": _card_number(
                "6" + "".join(rng.choice("0123456789") for _ in range(18))
            ),
            "status": "cancelled" if cancelled else "active",
            "cancel_reason": rng.choice("1129") if cancelled else "",
            "status_date": date(self.today.year, rng.randint(1, self.today.month), 1)
            if cancelled
            else None,
        }
        if category == "7":
            parts = rng.sample("123456", 2)
            person["component_grades"] = {p: rng.choice("1234") for p in parts}
        batch["c"].append(
            {
                **self._common(),
                "person_id": person["id"],
                "cert_number": cert,
                "category": category,
                "grade": grade,
                "valid_from": issued,
                "valid_to": None,
                "note": "",
            }
        )
        subsidy_status = "stopped" if cancelled else "active"
        if {"1", "2", "3"} & set(hardship) and rng.random() < 0.9:
            batch["s"].append(
                self._subsidy(person["id"], "living", LIVING_SUBSIDY_FEN, issued, subsidy_status)
            )
        if grade in CARE_SUBSIDY_FEN and rng.random() < 0.92:
            batch["s"].append(
                self._subsidy(person["id"], "care", CARE_SUBSIDY_FEN[grade], issued, subsidy_status)
            )
        return person

    def _subsidy(
        self, person_id: str, kind: str, amount: int, issued: date, status: str
    ) -> dict[str, Any]:
        start = max(issued, date(2016, 1, 1))
        return {
            **self._common(),
            "person_id": person_id,
            "kind": kind,
            "start_month": f"{start.year}-{start.month:02d}",
            "end_month": "",
            "amount_fen": amount,
            "status": status,
        }

    def _flush(self, batch: dict[str, list[dict[str, Any]]]) -> None:
        with self.db.engine.begin() as conn:
            for key, model in (("h", Household), ("p", Person), ("c", Certificate), ("s", Subsidy)):
                if batch[key]:
                    conn.execute(insert(model), batch[key])
                    batch[key].clear()


def _card_number(drawn: str) -> str:
    """A bank card number: the drawn digits with the last one made the Luhn check digit
    (as many random draws as before, so the rest of the demo stays the same)."""
    return drawn[:-1] + luhn.calc_check_digit(drawn[:-1])


def build_demo_district(
    db: Database,
    *,
    persons: int = 15_000,
    seed: int = 1,
    today: date | None = None,
    progress: Progress | None = None,
    work: bool = True,
) -> DemoSummary:
    """Fill an empty database with a fictitious district of about `persons` persons.

    With `work`, the district also gets its survey work (app/demo/work.py): last
    year's accepted Form A for most persons, this season's progress, the sampled
    income-monitoring households and renovation cases in every state, and the monthly
    round (app/demo/monthly.py): last month's tasks in every state, this month's open.
    """
    day = today or date(2026, 11, 1)
    summary = DistrictBuilder(db, persons=persons, seed=seed, today=day).build(progress)
    from app.demo.subsidies import build_subsidy_history

    build_subsidy_history(db, seed=seed, today=day)
    if work:
        from app.demo.work import WorkBuilder

        builder = WorkBuilder(db, seed=seed, year=day.year, today=day)
        builder.form_a()
        summary.income_households = builder.form_b(
            max(5, round(INCOME_SAMPLE_PER_PERSON * persons))
        )
        summary.cases = builder.renovation_cases(
            max(CASE_STATES_SHOWN, round(CASES_PER_PERSON * persons))
        )
        from app.demo.monthly import build_monthly

        summary.tasks = sum(build_monthly(db, seed=seed, today=day).tasks.values())
    return summary
