"""Demo renovation cases in every state, walked through the real case use cases.

The cases are made with `RenovationCases` (so every step is checked as in real
use), then marked as synced: the demo district is what a laptop holds after its
first sync, with nothing pending.
"""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import select, text

from app.domain import assessment
from app.domain import renovation as rules
from app.services.renovation import RenovationCases
from app.store.database import Database
from app.store.registry import Household, Person
from app.store.work import RenovationCase

# The states to show, in the order a case reaches them.
TARGETS = (
    rules.NEED_REGISTERED,
    rules.ASSESSED,
    rules.PLAN_DRAFTED,
    rules.PLAN_APPROVED,
    rules.PUBLICISED,
    rules.IN_CONSTRUCTION,
    rules.COMPLETED,
    rules.RECTIFICATION,
    rules.ACCEPTED,
    rules.SETTLED,
    rules.FOLLOWED_UP,
    rules.WITHDRAWN,
)
CONTRACTORS = ("奉化安居装修队", "溪口建筑维修社", "锦屏无障碍工程部")


def _candidates(db: Database, rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    """Households with a grade 1 or 2 person, poor ones first: (household, person, area)."""
    with db.session() as s:
        rows = s.execute(
            select(
                Household.id, Person.id, Household.area_code, Household.hardship, Person.category
            )
            .join(Person, Person.household_id == Household.id)
            .where(
                Person.grade.in_(("1", "2")), Person.status == "active", Person.deleted.is_(False)
            )
            .order_by(Household.id)
        ).all()
    one_each: dict[str, object] = {}
    for r in rows:  # one case per household: the first severe member
        one_each.setdefault(r[0], r)
    rows = list(one_each.values())  # type: ignore[arg-type]
    # split by a flag, not `r not in poor`: a list search per row took the 100,000-person
    # demo half an hour (40,000 candidates against 9,000 poor ones)
    is_poor = [bool({"1", "2", "3"} & set(r[3] or [])) for r in rows]
    poor = [r for r, flag in zip(rows, is_poor, strict=True) if flag]
    others = [r for r, flag in zip(rows, is_poor, strict=True) if not flag]
    chosen = rng.sample(poor, min(count, len(poor)))
    chosen += rng.sample(others, min(count - len(chosen), len(others)))
    return [(r[0], r[1], r[4]) for r in chosen]


def _plan(rng: random.Random, category: str, cap_fen: int) -> list[dict[str, Any]]:
    """Two to four building items that fit under the cap."""
    catalogue = rules.load_catalogue()
    items = [i for i in rules.suggest_items(category, catalogue) if i.kind == "building"]
    items = items or [i for i in catalogue.suggest("4") if i.kind == "building"]
    plan: list[dict[str, Any]] = []
    total = 0
    for item in rng.sample(items, len(items)):
        quantity = 1 if item.unit in ("个", "套", "台", "处", "扇") else 2
        if total + item.price_fen * quantity > cap_fen:
            continue
        plan.append({"code": item.code, "quantity": quantity})
        total += item.price_fen * quantity
        if len(plan) >= rng.randint(2, 4):
            break
    return plan


def _plan_lines(db: Database, case_id: str) -> list[dict[str, Any]]:
    with db.session() as s:
        case = s.get(RenovationCase, case_id)
        assert case is not None
        return [e for e in case.items if isinstance(e, dict) and e.get("part") == "plan"]


def _walk(
    member: RenovationCases,
    reviewer: RenovationCases,
    case_id: str,
    target: str,
    rng: random.Random,
    category: str,
) -> None:
    """Take a freshly opened case to `target` the way members and reviewers would."""
    if target == rules.NEED_REGISTERED:
        return
    if target == rules.WITHDRAWN:
        member.withdraw(case_id, rng.choice(("户主不同意改造", "已搬迁", "房屋将拆迁")))
        return
    more = random.Random(case_id)  # its own draws: the rest of the district stays as it was
    member.record_assessment(
        case_id,
        {  # what the assessment dialog saves (app.domain.assessment)
            assessment.WISHES: "方便如厕和进出",
            assessment.NEEDS: more.choice(("轮椅进出、如厕", "如厕、洗浴", "上下台阶")),
            assessment.DOOR_WIDTH: rng.randint(60, 80),
            assessment.STEP_HEIGHT: rng.randint(8, 25),
            assessment.TOILET: more.choice(tuple(assessment.TOILETS)),
            assessment.MEASUREMENTS: f"卫生间门宽{more.randint(60, 75)}厘米",
            assessment.HOUSE_ADAPTABLE: True,
        },
    )
    steps: list[tuple[RenovationCases, str]] = [
        (member, rules.PLAN_DRAFTED),
        (reviewer, rules.PLAN_APPROVED),
        (reviewer, rules.PUBLICISED),
        (member, rules.IN_CONSTRUCTION),
        (member, rules.COMPLETED),
    ]
    for who, state in steps:
        if TARGETS.index(target) < TARGETS.index(state):
            return
        if state == rules.PLAN_DRAFTED:
            with who.db.session() as s:
                case = s.get(RenovationCase, case_id)
                household = s.get(Household, case.household_id) if case else None
                assert case is not None and household is not None
                cap = who.settings.for_area(case.year, household.area_code).renovation_cap_fen
            who.set_plan(case_id, _plan(rng, category, cap))
        elif state == rules.IN_CONSTRUCTION:
            who.move(case_id, state, details={"contractor": rng.choice(CONTRACTORS)})
        else:
            who.move(case_id, state)
    if target in (rules.COMPLETED,):
        return
    codes = [line["code"] for line in _plan_lines(member.db, case_id)]
    if target == rules.RECTIFICATION:
        results = {c: "done" for c in codes}
        results[codes[0]] = "not_done"
        reviewer.record_acceptance(case_id, results, "2")
        return
    reviewer.record_acceptance(case_id, dict.fromkeys(codes, "done"), rng.choice("112"))
    if target == rules.ACCEPTED:
        return
    plan = _plan_lines(member.db, case_id)
    reviewer.settle(case_id, {e["code"]: int(e["amount_fen"]) for e in plan})
    if target == rules.FOLLOWED_UP:
        member.move(case_id, rules.FOLLOWED_UP, details={"finding": "改造设施使用良好"})


def build_cases(db: Database, rng: random.Random, year: int, count: int) -> int:
    """`count` cases spread over every state; returns how many were made."""
    member = RenovationCases(db, "demo-member", "member")
    reviewer = RenovationCases(db, "demo-reviewer", "reviewer")
    made = 0
    for index, (household_id, person_id, category) in enumerate(_candidates(db, rng, count)):
        case_id, _ = member.open_case(
            household_id, person_id, year, from_need=["1", "2"], acknowledge="演示数据：已核实"
        )
        _walk(member, reviewer, case_id, TARGETS[index % len(TARGETS)], rng, category)
        made += 1
    with db.engine.begin() as conn:  # as if the first sync had brought them
        conn.execute(text("DELETE FROM outbox"))
        conn.execute(text("UPDATE renovation_case SET rev = 1, updated_by = 'server'"))
    return made
