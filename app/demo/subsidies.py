"""The demo district's two subsidies as living records: periods with their steps and history.

Run after the registry is built (`build_demo_district`): every period gets its group, its
decision (date, number) and its steps (申请 by the village's member, 受理, 审核 by the town,
审定 by the district); a cancelled person's periods stop at the month of the event with
the reason; 特困 families' living subsidy stopped when they entered support; some running
periods follow an older one stopped for a reason; persons who qualify without a subsidy
mostly have a refusal, a stop or an application in progress, a few have nothing (so the
warnings list shows work); a few bank accounts are missing or mistyped. Written in bulk
like the rest of the demo (records as the server sends them: rev 1, no outbox).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, insert, select, update

from app.domain import subsidies as rules
from app.domain.settings import Settings, SettingsBook, load_settings
from app.store.database import Database
from app.store.registry import Household, Person, Subsidy

ADMIN = "demo"
END_REASON_OF_CANCEL = {"1": "death", "2": "hukou_out", "3": "cert_cancelled", "9": "other"}
REFUSALS = (
    "已享受工伤保险生活护理费，按就高原则不重复享受",
    "本人表示暂不申请",
    "材料不全，补齐后可重新申请",
)
#: cancelled persons whose subsidy is still running: the month's work (a warning)
STILL_PAID_CANCELLED = 2
BAD_ACCOUNTS = 3


@dataclass
class SubsidyStory:
    """What the demo's subsidy history holds."""

    periods: int = 0
    earlier_periods: int = 0
    stopped: int = 0
    pending: int = 0
    refused: int = 0
    left_unexplained: int = 0


def _month(day: date) -> str:
    return rules.month_of(day)


def _first_day(month: str) -> date:
    return date(int(month[:4]), int(month[5:7]), 1)


class _Writer:
    """Steps, decisions and rows for one demo district."""

    def __init__(self, rng: random.Random, today: date, now: datetime) -> None:
        self.rng = rng
        self.today = today
        self.now = now
        self.numbers: dict[int, int] = {}

    def number(self, day: date) -> str:
        self.numbers[day.year] = self.numbers.get(day.year, 0) + self.rng.randint(1, 4)
        return f"奉残联〔{day.year}〕{self.numbers[day.year]}号"

    def step(self, name: str, by: str, day: date, note: str = "") -> dict[str, str]:
        return {"step": name, "by": by, "on": day.isoformat(), "note": note}

    def applied_steps(self, area: str, decided: date, upto: str = "approve") -> list[Any]:
        """申请 … up to `upto`, dated in the weeks before the decision."""
        member, town = f"m{area[6:]}", f"town{area[6:9]}"
        days = sorted(self.rng.sample(range(3, 60), 3), reverse=True)
        taken = [
            self.step("apply", member, decided - timedelta(days=days[0]), "本人申请"),
            self.step("accept", member, decided - timedelta(days=days[1]), "材料齐全，已入户核实"),
            self.step("review", town, decided - timedelta(days=days[2]), "审核通过"),
            self.step("approve", ADMIN, decided),
        ]
        return taken[: [s["step"] for s in taken].index(upto) + 1]

    def decided_before(self, start_month: str) -> date:
        """A decision day in the month before the period's first month."""
        first = _first_day(start_month)
        return first - timedelta(days=self.rng.randint(3, 25))

    def row(self, person_id: str, kind: str, group: str, **values: Any) -> dict[str, Any]:
        return {
            "id": str(uuid.UUID(int=self.rng.getrandbits(128), version=4)),
            "rev": 1,
            "updated_at": self.now,
            "updated_by": "server",
            "deleted": False,
            "person_id": person_id,
            "kind": kind,
            "group": group,
            "start_month": "",
            "end_month": "",
            "amount_fen": 0,
            "status": rules.PENDING,
            "end_reason": "",
            "decision_date": None,
            "decision_number": "",
            "steps": [],
            "task_id": "",
            **values,
        }


def _settings(book: SettingsBook, year: int, area: str, cache: dict[str, Settings]) -> Settings:
    if area not in cache:
        from app.services.subsidies import settings_for

        cache[area] = settings_for(book, year, area)
    return cache[area]


def build_subsidy_history(
    db: Database, *, seed: int, today: date, book: SettingsBook | None = None
) -> SubsidyStory:
    """Give the demo's subsidy rows their groups, decisions, steps and history."""
    rng = random.Random(seed * 7919 + 13)
    book = book or load_settings()
    writer = _Writer(rng, today, datetime(today.year, today.month, today.day, 8))
    story = SubsidyStory()
    cache: dict[str, Settings] = {}
    with db.engine.begin() as conn:
        people = {
            r.id: r
            for r in conn.execute(
                select(
                    Person.id,
                    Person.name,
                    Person.status,
                    Person.status_date,
                    Person.cancel_reason,
                    Person.grade,
                    Person.category,
                    Person.in_institution,
                    Person.bank_account,
                    Household.hardship,
                    Household.area_code,
                ).join(Household, Household.id == Person.household_id)
            )
        }
        rows = conn.execute(
            select(Subsidy.id, Subsidy.person_id, Subsidy.kind, Subsidy.start_month,
                   Subsidy.amount_fen, Subsidy.status)
        ).all()  # fmt: skip
        cancelled = sorted({r.person_id for r in rows if people[r.person_id].status != "active"})
        still_paid = set(rng.sample(cancelled, min(STILL_PAID_CANCELLED, len(cancelled))))
        new_rows: list[dict[str, Any]] = []
        for row in rows:
            person = people[row.person_id]
            local = _settings(book, today.year, person.area_code, cache)
            changes = _period(writer, local, person, row, row.person_id in still_paid)
            conn.execute(update(Subsidy).where(Subsidy.id == row.id).values(**changes))
            story.periods += 1
            story.stopped += changes["status"] == rules.STOPPED
            if changes["status"] == rules.ACTIVE and rng.random() < 0.08:
                new_rows.append(_earlier(writer, person, row.kind, changes))
                story.earlier_periods += 1
        paid = {(r.person_id, r.kind) for r in rows}
        new_rows += _unpaid(writer, people, paid, book, today, cache, story)
        if new_rows:
            conn.execute(insert(Subsidy), new_rows)
        _accounts(conn, rng, [pid for pid, p in people.items() if p.status == "active"],
                  {r.person_id for r in rows})  # fmt: skip
    return story


def _period(
    writer: _Writer, local: Settings, person: Any, row: Any, still_paid: bool
) -> dict[str, Any]:
    """The group, decision, amount, steps and (for a cancelled person) the stop of a period."""
    household = _Facts(list(person.hardship or []))
    group = rules.group_for(person, household, local, row.kind)
    if group is None and row.kind == rules.LIVING:
        group = local.group(rules.LIVING, "dibao")  # a 特困 family: was 低保 before
    name = group.name if group is not None else ""
    decided = writer.decided_before(row.start_month)
    steps = writer.applied_steps(person.area_code, decided)
    values: dict[str, Any] = {
        "group": name,
        "decision_date": decided,
        "decision_number": writer.number(decided),
        "status": rules.ACTIVE,
        "amount_fen": group.amount_fen if group is not None else row.amount_fen,
        "steps": steps,
    }
    town = f"town{person.area_code[6:9]}"
    if person.status != "active" and not still_paid:
        day = person.status_date or writer.today
        reason = END_REASON_OF_CANCEL.get(person.cancel_reason, "other")
        end = max(_month(day), rules.previous_month(row.start_month))
        values.update(status=rules.STOPPED, end_month=end, end_reason=reason)
        values["steps"] = [*steps, writer.step("stop", town, day, "")]
    elif row.kind == rules.LIVING and rules.exclusion(person, household, local, rules.LIVING):
        first = _first_day(row.start_month)
        span = max(1, (writer.today - first).days)
        day = first + timedelta(days=writer.rng.randint(min(span, 60), span))
        values.update(status=rules.STOPPED, end_month=_month(day), end_reason="tekun")
        values["steps"] = [*steps, writer.step("stop", town, day, "纳入特困人员供养")]
    return values


@dataclass
class _Facts:
    hardship: list[str]


def _earlier(writer: _Writer, person: Any, kind: str, current: dict[str, Any]) -> dict[str, Any]:
    """A period that ended before the running one began (left 低保 and came back, ...)."""
    start = str(current["steps"][0]["on"])[:7]
    end = rules.previous_month(rules.previous_month(start))
    first = _first_day(end) - timedelta(days=31 * writer.rng.randint(12, 40))
    begin = _month(first)
    decided = writer.decided_before(begin)
    reason = (
        "left_dibao" if kind == rules.LIVING else writer.rng.choice(("institution", "declined"))
    )
    town = f"town{person.area_code[6:9]}"
    stopped_on = _first_day(end) + timedelta(days=writer.rng.randint(0, 27))
    steps = [
        *writer.applied_steps(person.area_code, decided),
        writer.step("stop", town, stopped_on),
    ]
    return writer.row(
        person.id,
        kind,
        current["group"],
        start_month=begin,
        end_month=end,
        amount_fen=max(100, current["amount_fen"] - writer.rng.randint(20, 60) * 100),
        status=rules.STOPPED,
        end_reason=reason,
        decision_date=decided,
        decision_number=writer.number(decided),
        steps=steps,
    )


def _unpaid(
    writer: _Writer,
    people: dict[str, Any],
    paid: set[tuple[str, str]],
    book: SettingsBook,
    today: date,
    cache: dict[str, Settings],
    story: SubsidyStory,
) -> list[dict[str, Any]]:
    """Persons who qualify without a subsidy: mostly explained, some applying, a few not."""
    found: list[dict[str, Any]] = []
    rng = writer.rng
    for pid, person in people.items():
        if person.status != "active":
            continue
        local = _settings(book, today.year, person.area_code, cache)
        for kind in rules.KINDS:
            group = rules.qualifies(person, _Facts(list(person.hardship or [])), local, kind)
            if group is None or (pid, kind) in paid:
                continue
            roll = rng.random()
            decided = today - timedelta(days=rng.randint(5, 50))
            if roll < 0.3:  # an application on its way
                upto = rng.choice(("apply", "accept", "review"))
                steps = writer.applied_steps(person.area_code, decided, upto)
                found.append(writer.row(pid, kind, group.name, steps=steps))
                story.pending += 1
            elif roll < 0.9:  # refused, with the reason
                steps = writer.applied_steps(person.area_code, decided, "review")
                town = f"town{person.area_code[6:9]}"
                steps.append(writer.step("refuse", town, decided, rng.choice(REFUSALS)))
                found.append(writer.row(pid, kind, group.name, status=rules.REFUSED, steps=steps))
                story.refused += 1
            else:
                story.left_unexplained += 1
    return found


def _accounts(conn: Connection, rng: random.Random, active: Sequence[str], paid: set[str]) -> None:
    """A few paid persons with a mistyped card number (check digit) or none at all."""
    chosen = rng.sample(sorted(set(active) & paid), min(BAD_ACCOUNTS + 1, len(paid)))
    for n, pid in enumerate(chosen):
        if n == 0:
            conn.execute(update(Person).where(Person.id == pid).values(bank_account=""))
            continue
        account = conn.execute(select(Person.bank_account).where(Person.id == pid)).scalar_one()
        wrong = account[:-1] + str((int(account[-1]) + 1) % 10)
        conn.execute(update(Person).where(Person.id == pid).values(bank_account=wrong))
