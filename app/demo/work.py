"""The demo district's work: last year's accepted surveys, this season's progress, Form B.

Rows go in with bulk inserts as if pulled from the server (rev 1, no outbox rows).
Answers are random but valid: drawn for every item, then cleaned by the form engine.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select

from app.demo.answers import random_answers
from app.domain.income_sample import draw
from app.forms.context import FormContext
from app.forms.definition import FormDefinition
from app.forms.engine import FormEngine
from app.forms.loader import FormDefinitionError, get_form
from app.services.facts import facts_from, registry_facts
from app.store import income_sample, summary
from app.store.database import Database
from app.store.registry import Household, Person, Subsidy, User
from app.store.rounds import form_b_round
from app.store.work import FormResponse, IncomeSample

# This season's state of a Form A response (None: not started yet), by share.
SEASON_STATES: tuple[tuple[str | None, int], ...] = (
    (None, 62),
    ("accepted", 20),
    ("submitted", 6),
    ("completed", 5),
    ("draft", 4),
    ("returned", 1),
    ("assigned", 0),
)
PATH = {
    "draft": ["draft"],
    "completed": ["draft", "completed"],
    "submitted": ["draft", "completed", "submitted"],
    "returned": ["draft", "completed", "submitted", "returned"],
    "accepted": ["draft", "completed", "submitted", "accepted"],
}
#: the demo member m001001's village, which gets a few sampled households if the draw gave
#: it fewer
DEMO_VILLAGE = "330213001001"
DEMO_VILLAGE_SAMPLED = 3
FORM_B_STATES = ("assigned", "assigned", "draft", "completed", "submitted", "accepted")
RETURN_REASONS = ("R16 与去年不符，请核实", "缺少签字", "R28 与补贴登记不一致", "联系电话有误")


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _history(
    state: str, member: str, reviewer: str, at: datetime, reason: str = ""
) -> list[dict[str, Any]]:
    history: list[dict[str, Any]] = []
    previous = "assigned"
    for step, target in enumerate(PATH.get(state, [])):
        by, role = (
            (reviewer, "reviewer") if target in ("accepted", "returned") else (member, "member")
        )
        history.append(
            {
                "from": previous,
                "to": target,
                "by": by,
                "role": role,
                "at": (at + timedelta(days=step)).isoformat(timespec="seconds"),
                "reason": reason if target == "returned" else "",
            }
        )
        previous = target
    return history


class WorkBuilder:
    """Adds survey responses to a demo district that already has its registry."""

    def __init__(self, db: Database, *, seed: int, year: int, today: date | None = None) -> None:
        self.db = db
        self.rng = random.Random(seed * 7919 + year)
        self.year = year
        self.today = today or date(year, 11, 1)
        self._names: dict[str, str] | None = None

    def surveyor(self, member: str) -> str:
        """The member as a form names its surveyor: by name (a visit's member.name fact),
        never by the sign-in name."""
        if self._names is None:
            with self.db.session() as s:
                self._names = {u: n for u, n in s.execute(select(User.username, User.display_name))}
        return self._names.get(member) or member

    def _row(
        self,
        form: FormDefinition,
        survey_round: str,
        household_id: str,
        person_id: str | None,
        state: str,
        answers: dict[str, Any],
        member: str,
        reviewer: str,
        at: datetime,
    ) -> dict[str, Any]:
        return {
            "id": _uuid(self.rng),
            "rev": 1,
            "updated_at": at,
            "updated_by": "server",
            "deleted": False,
            "form_id": form.id,
            "form_version": form.version,
            "survey_round": survey_round,
            "household_id": household_id,
            "person_id": person_id,
            "visit_id": None,
            "state": state,
            "answers": answers,
            "state_history": _history(state, member, reviewer, at, self.rng.choice(RETURN_REASONS)),
            "filled_by": member if state not in ("assigned", "draft") else "",
            "filled_at": at if state not in ("assigned", "draft") else None,
        }

    def form_a(self, share_last_year: float = 0.9) -> int:
        """Last year's accepted Form A for most persons, and this season's progress."""
        form = get_form("dynamic-update", "2021.1")
        engine = FormEngine(form)
        rows: list[dict[str, Any]] = []
        with self.db.session() as s:
            households = {h.id: h for h in s.scalars(select(Household))}
            members: dict[str, list[Person]] = {}
            persons = list(
                s.scalars(
                    select(Person)
                    .where(Person.deleted.is_(False))
                    .order_by(Person.relation, Person.name)
                )
            )
            for person in persons:
                members.setdefault(person.household_id, []).append(person)
            paid: dict[str, list[Subsidy]] = {}
            for subsidy in s.scalars(select(Subsidy).where(Subsidy.status == "active")):
                paid.setdefault(subsidy.person_id, []).append(subsidy)
        for person in sorted(persons, key=lambda p: p.id):
            if person.status != "active":
                continue
            household = households[person.household_id]
            family = members[person.household_id]
            subsidies = [x for m in family for x in paid.get(m.id, [])]
            facts = facts_from(household, family, subsidies, person.id)
            area_code, household_id, person_id = household.area_code, household.id, person.id
            member, reviewer = f"m{area_code[6:]}", f"town{area_code[6:9]}"
            if self.rng.random() < share_last_year:
                rows.append(
                    self._response(
                        form,
                        engine,
                        facts,
                        self.year - 1,
                        "accepted",
                        household_id,
                        person_id,
                        member,
                        reviewer,
                    )
                )
            state = self.rng.choices(*zip(*SEASON_STATES, strict=True))[0]
            if state is not None:
                rows.append(
                    self._response(
                        form,
                        engine,
                        facts,
                        self.year,
                        state,
                        household_id,
                        person_id,
                        member,
                        reviewer,
                    )
                )
            if len(rows) >= 2000:
                self._insert(rows)
        self._insert(rows)
        return len(persons)

    def _response(
        self,
        form: FormDefinition,
        engine: FormEngine,
        facts: dict[str, Any],
        year: int,
        state: str,
        household_id: str,
        person_id: str | None,
        member: str,
        reviewer: str,
    ) -> dict[str, Any]:
        context = FormContext(reference_date=date(year, 1, 1), year=year, registry=facts)
        at = datetime(year, self.rng.randint(3, 10), self.rng.randint(1, 28), 9, 30)
        if state == "assigned":
            answers: dict[str, Any] = {}
        else:
            lost = self.rng.random() < 0.015
            overrides = {
                "method": "4" if lost else self.rng.choices("123", (96, 3, 1))[0],
                "surveyor": self.surveyor(member),
                "fill_date": at.date().isoformat(),
                "signature": f"demo-signature-{person_id}",
                "signature_reason": None,
            }
            if lost:
                overrides["lost_reason"] = self.rng.choice(("外出务工联系不上", "长期住院", "拒访"))
            answers = random_answers(form, context, self.rng, overrides=overrides, engine=engine)
            if state == "draft":  # a draft is half done
                keep = list(answers)[: len(answers) // 2]
                answers = {k: answers[k] for k in keep}
        return self._row(
            form, str(year), household_id, person_id, state, answers, member, reviewer, at
        )

    def form_b(self, sample_size: int) -> int:
        """The income-monitoring sample of last year and this one, drawn from the eligible
        households with a recorded seed (a few more added in the demo member's village so
        that it has some), with last round's forms accepted and this round's in all states."""
        try:
            form = get_form("income-monitoring", "2026.1")
        except FormDefinitionError:
            return 0
        engine = FormEngine(form)
        rows: list[dict[str, Any]] = []
        with self.db.session() as s:
            eligible = income_sample.eligible(s)
            seed = self.rng.randrange(1_000_000)
            chosen = {h: f"draw:{seed}" for h in draw(eligible, sample_size, seed)}
            village = dict(eligible)
            own = [h for h, a in eligible if a == DEMO_VILLAGE and h not in chosen]
            have = sum(1 for h in chosen if village[h] == DEMO_VILLAGE)
            for household_id in own[: max(0, DEMO_VILLAGE_SAMPLED - have)]:
                chosen[household_id] = "added"
            samples = [
                self._sample_row(h, year, how)
                for year in (self.year - 1, self.year)
                for h, how in sorted(chosen.items())
            ]
            with self.db.engine.begin() as conn:
                conn.execute(insert(IncomeSample), samples)
            for household_id in sorted(chosen):
                area_code = village[household_id]
                facts = registry_facts(s, household_id)
                member, reviewer = f"m{area_code[6:]}", f"town{area_code[6:9]}"
                this_season = self.rng.choice(FORM_B_STATES)
                last = form_b_round(self.year - 1, self.today)
                now = form_b_round(self.year, self.today)
                for year, survey_round, state in (
                    (self.year - 1, last, "accepted"),
                    (self.year, now, this_season),
                ):
                    context = FormContext(
                        reference_date=date(year, 1, 1),
                        year=year,
                        registry=facts,
                        settings=_SETTINGS,
                    )
                    at = datetime(year, self.rng.randint(3, 10), self.rng.randint(1, 28), 10)
                    answers = (
                        {}
                        if state == "assigned"
                        else random_answers(
                            form,
                            context,
                            self.rng,
                            engine=engine,
                            overrides={"method": "1", "surveyor": self.surveyor(member)},
                        )
                    )
                    rows.append(
                        self._row(
                            form,
                            survey_round,
                            household_id,
                            None,
                            state,
                            answers,
                            member,
                            reviewer,
                            at,
                        )
                    )
        self._insert(rows)
        return len(chosen)

    def _sample_row(self, household_id: str, year: int, how: str) -> dict[str, Any]:
        reason = "演示：让演示账号的村有样本户" if how == "added" else ""
        return {"id": _uuid(self.rng), "rev": 1, "updated_at": datetime(year, 1, 5, 9),
                "updated_by": "server", "deleted": False, "household_id": household_id,
                "year": year, "chosen": how, "reason": reason}  # fmt: skip

    def renovation_cases(self, count: int) -> int:
        """Renovation cases in every state of the life cycle (app/demo/cases.py)."""
        from app.demo.cases import build_cases

        return build_cases(self.db, self.rng, self.year, count)

    def _insert(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            with self.db.engine.begin() as conn:
                conn.execute(insert(FormResponse), rows)
                summary.add_new(conn, rows)
            rows.clear()


_SETTINGS = {
    "dibao_line": 1235.0,
    "near_dibao_multiple": 1.5,
    "cost_cap": 6000.0,
    "spending_ceiling": 50000.0,
}
