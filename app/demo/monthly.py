"""The demo district's monthly round: last month's tasks in every state, this month's lists.

Last month (October for the demo's 1 November) was loaded, checked and mostly reviewed:
its accepted deaths and moves cancelled the person and stopped their subsidies, its
accepted 低保 entries opened a living subsidy (some approved, starting this month),
and a few tasks wait for the town (submitted), were returned, or are overdue. This
month's lists came in today: their tasks are open, due at the month's end. The rows
of this month's lists are also written as the agencies' spreadsheets
(`write_change_lists`), with a few rows the import must refuse, for the demo server's
admin to load again (nothing new: the import knows its rows) or to look at. The
member `m001001` also gets planned visits for the coming days, and keeps a returned
form and a draft, so their 今日 shows a working day.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update

from app.domain import tasks as rules
from app.domain.identity import make_resident_id
from app.domain.months import month_end, month_of, next_month, previous_month, row_key
from app.store import summary
from app.store.database import Database
from app.store.registry import Household, Person, Subsidy
from app.store.work import ChangeNotice, FormResponse, Visit

DEMO_MEMBER, DEMO_VILLAGE, DEMO_REVIEWER = "m001001", "330213001001", "town001"
#: (kind, source, weight) of a month's rows, as the district's lists bring them
KINDS = (
    ("death", "police", 22), ("death", "health", 8), ("hukou_out", "police", 8),
    ("dibao_in", "civil", 16), ("dibao_out", "civil", 12), ("cremation", "civil", 4),
    ("grade_changed", "cdpf", 10), ("cert_reissued", "cdpf", 6), ("pension_stopped", "hrss", 5),
    ("moved_in_district", "police", 5), ("near_dibao_in", "civil", 4),
)  # fmt: skip
#: the first rows of each month: every agency, a stop, a start (so every export has rows)
FIRST = (("death", "police"), ("dibao_in", "civil"), ("death", "health"),
         ("pension_stopped", "hrss"), ("grade_changed", "cdpf"))  # fmt: skip
#: last month's states, by share
LAST_STATES = (("accepted", 62), ("submitted", 16), ("returned", 8), ("open", 14))
RETURN_REASONS = ("请补充核实日期和方式", "请写明核实时看到的材料", "请附村委会证明照片")
#: a death's outcome comes back for what a death needs
DEATH_RETURN_REASONS = (
    "请补充核实日期和方式",
    "死亡日期与公安名单不一致，请再核",
    "请上传火化证明照片",
)
DEATHS = frozenset({"death", "cremation", "pension_stopped"})
DISPUTE_REASONS = ("本人仍在村居住，已入户见到本人", "系同名同姓，身份证号不符", "家属称已迁回")
AGENCY_FILES = {"police": "公安", "civil": "民政", "health": "卫健", "hrss": "人社", "cdpf": "残联"}
KIND_WORDS = {"death": "死亡注销", "hukou_out": "户口迁出", "dibao_in": "新增低保",
              "dibao_out": "退出低保", "cremation": "火化", "grade_changed": "残疾等级变更",
              "cert_reissued": "换证", "pension_stopped": "养老金停发",
              "moved_in_district": "区内迁居", "near_dibao_in": "纳入低保边缘"}  # fmt: skip


@dataclass
class MonthlySummary:
    """What the demo's round made."""

    month: str
    tasks: dict[str, int] = field(default_factory=dict)  # by state
    cancelled: int = 0
    stopped: int = 0
    started: int = 0


def _standard(year: int, area: str) -> int:
    """The living subsidy's monthly standard for a 低保 family (settings; 0 when unset)."""
    from app.domain.issues import ValidationFailed
    from app.domain.settings import SettingsError, load_settings
    from app.domain.subsidies import amount_fen

    try:
        return amount_fen(load_settings().for_area(year, area), "living", "dibao")
    except (SettingsError, ValidationFailed):
        return 0


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _at(day: date, hour: int = 9) -> str:
    return datetime(day.year, day.month, day.day, hour).isoformat(timespec="seconds")


class MonthlyBuilder:
    """Adds the monthly round to a demo district that has its registry and its surveys."""

    def __init__(self, db: Database, *, seed: int, today: date) -> None:
        self.db = db
        self.rng = random.Random(seed * 104_729 + today.toordinal())
        self.today = today
        self.month = month_of(today)
        self.last = previous_month(self.month)
        self.now = datetime(today.year, today.month, today.day, 8, 0)
        self.first: set[str] = set()  # the ids of the tasks of `FIRST`
        self.families: dict[str, tuple[str, list[str]]] = {}  # person -> household, hardship
        self.running: dict[str, set[str]] = {}  # person -> the subsidy kinds paid now

    def _common(self) -> dict[str, Any]:
        return {"rev": 1, "updated_at": self.now, "updated_by": "server", "deleted": False}

    def _persons(self) -> list[Any]:
        with self.db.session() as s:
            return list(
                s.execute(
                    select(
                        Person.id,
                        Person.id_number,
                        Person.name,
                        Household.area_code,
                        Household.id.label("household_id"),
                        Household.hardship,
                    )
                    .join(Household, Household.id == Person.household_id)
                    .where(Person.status == "active", Person.deleted.is_(False))
                    .order_by(Person.id)
                )
            )

    def build(self) -> MonthlySummary:
        persons = self._persons()
        self.families = {p.id: (p.household_id, list(p.hardship or [])) for p in persons}
        summary = MonthlySummary(self.month)
        if not persons:
            return summary
        per_month = max(12, round(len(persons) * 0.012))
        ours = [p for p in persons if p.area_code == DEMO_VILLAGE]
        rng = self.rng
        chosen = rng.sample(persons, min(len(persons), 2 * per_month))
        paid = self._paid()
        # the first death stops a subsidy, the first 低保 entry opens one
        with_pay = [p for p in chosen if p.id in paid][:1]
        without = [p for p in chosen if p.id not in paid][:1]
        chosen = with_pay + without + [p for p in chosen if p not in with_pay + without]
        mine = [p for p in rng.sample(ours, min(len(ours), 10)) if p not in chosen]
        last_people = chosen[:per_month] + mine[:5]
        this_people = chosen[per_month:] + mine[5:]
        tasks = [
            self._task(p, self.last, "accepted" if k < len(FIRST) else self._state(p, k), k)
            for k, p in enumerate(last_people)
        ]
        tasks += [self._task(p, self.month, "open", k) for k, p in enumerate(this_people)]
        consequences = self._consequences(tasks, {p.id: p for p in persons})
        with self.db.engine.begin() as conn:
            conn.execute(insert(ChangeNotice), tasks)
            for statement, rows in consequences:
                if rows:
                    conn.execute(statement, rows)
                else:
                    conn.execute(statement)
        for task in tasks:
            summary.tasks[task["state"]] = summary.tasks.get(task["state"], 0) + 1
        summary.cancelled = sum(1 for t in tasks if self._cancels(t))
        self._member_day()
        return summary

    def _paid(self) -> set[str]:
        """Who is paid a subsidy now (kept by kind in `running`, for the proposals)."""
        with self.db.session() as s:
            query = select(Subsidy.person_id, Subsidy.kind).where(
                Subsidy.status == "active", Subsidy.end_month == "", Subsidy.deleted.is_(False)
            )
            for person_id, kind in s.execute(query):
                self.running.setdefault(person_id, set()).add(kind)
        return set(self.running)

    def _state(self, person: Any, k: int) -> str:
        if person.area_code == DEMO_VILLAGE and k % 4 != 3:  # the member's: one of each
            return ("returned", "open", "submitted")[k % 3]
        return self.rng.choices([s for s, _ in LAST_STATES], [w for _, w in LAST_STATES])[0]

    def _rows(self, person: Any, month: str, k: int) -> list[dict[str, str]]:
        kinds = [(k, s) for k, s, _ in KINDS]
        kind, source = self.rng.choices(kinds, [w for *_, w in KINDS])[0]
        if k < len(FIRST):
            kind, source = FIRST[k]
        first = month_end(previous_month(month)) + timedelta(days=1)
        day = first + timedelta(days=self.rng.randint(0, 24))
        if month == self.month:  # this month's lists came today: events of last month
            day = month_end(self.last) - timedelta(days=self.rng.randint(0, 20))
        pairs = [(kind, source)]
        if kind == "death" and self.rng.random() < 0.4:  # health confirms police's death
            pairs.append(("death", "health" if source == "police" else "police"))
        if kind == "dibao_out" and self.rng.random() < 0.3:
            pairs.append(("pension_stopped", "hrss"))
        return [
            {"source": s, "kind": k, "event_date": day.isoformat(), "name": person.name,
             "detail": "", "row_key": row_key(s, k, person.id_number, day)}
            for k, s in dict.fromkeys(pairs)
        ]  # fmt: skip

    def _task(self, person: Any, month: str, state: str, k: int) -> dict[str, Any]:
        rows = self._rows(person, month, k)
        loaded = month_end(previous_month(month)) + timedelta(days=3)
        if month == self.month:
            loaded = self.today
        task: dict[str, Any] = {
            **self._common(),
            "id": _uuid(self.rng),
            "person_id": person.id,
            "kind": rows[0]["kind"],
            "source": rows[0]["source"],
            "month": month,
            "effective_date": date.fromisoformat(rows[0]["event_date"]),
            "state": state,
            "resolution_note": "",
            "rows": rows,
            "due_date": month_end(month),
            "outcome": "",
            "method": "",
            "checked_on": None,
            "checked_by": "",
            "reason": "",
            "consequences": [],
            "state_history": [],
        }
        if state == "open":
            return task
        checked = loaded + timedelta(days=self.rng.randint(2, 15))
        member = DEMO_MEMBER if person.area_code == DEMO_VILLAGE else f"m{person.area_code[-6:]}"
        reviewer = f"town{person.area_code[6:9]}"
        outcome = self.rng.choices(("confirmed", "disputed", "corrected"), (85, 10, 5))[0]
        if k < len(FIRST):
            outcome = "confirmed"
            self.first.add(task["id"])
        task |= {
            "outcome": outcome,
            "method": self.rng.choice(("home", "home", "phone", "committee", "neighbour")),
            "checked_on": checked,
            "checked_by": member,
            "reason": self.rng.choice(DISPUTE_REASONS) if outcome == "disputed" else "",
        }
        history = [self._step("open", "submitted", member, "member", checked)]
        if state in ("accepted", "returned"):
            reasons = DEATH_RETURN_REASONS if task["kind"] in DEATHS else RETURN_REASONS
            reason = self.rng.choice(reasons) if state == "returned" else ""
            later = checked + timedelta(days=2)
            history.append(self._step("submitted", state, reviewer, "reviewer", later, reason))
        task["state_history"] = history
        if outcome == "confirmed":
            task["consequences"] = self._proposed(task)
        return task

    @staticmethod
    def _step(frm: str, to: str, by: str, role: str, day: date, reason: str = "") -> dict[str, str]:
        return {"from": frm, "to": to, "by": by, "role": role, "at": _at(day), "reason": reason}

    def _proposed(self, task: dict[str, Any]) -> list[dict[str, Any]]:
        """What the member confirmed: the program's own proposal (app.domain.tasks)."""
        running = self.running.get(task["person_id"], set())
        kinds = {r["kind"] for r in task["rows"]}
        hardship = self.families.get(task["person_id"], ("", []))[1]
        after = rules.hardship_after(task["rows"], hardship)
        qualifies = {"living": "dibao"} if "1" in after and "3" not in after else {}
        if not kinds & {"dibao_in", "near_dibao_in"}:
            qualifies = {}
        return rules.propose(
            task["rows"], task["month"], running=running, qualifies=qualifies, hardship=hardship
        )

    def _cancels(self, task: dict[str, Any]) -> bool:
        return task["state"] == "accepted" and any(
            c["action"] == "cancel" for c in task["consequences"]
        )

    def _consequences(self, tasks: list[dict[str, Any]], persons: dict[str, Any]) -> list[Any]:
        """The accepted tasks' consequences, applied as the reviewer's accept applies them."""
        statements: list[Any] = []
        with self.db.session() as s:
            subsidies = list(s.scalars(select(Subsidy).where(Subsidy.deleted.is_(False))))
        running: dict[str, list[Subsidy]] = {}
        for subsidy in subsidies:
            if subsidy.status == "active" and not subsidy.end_month:
                running.setdefault(subsidy.person_id, []).append(subsidy)
        new_subsidies: list[dict[str, Any]] = []
        for task in tasks:
            if task["state"] != "accepted":
                continue
            reviewed = date.fromisoformat(task["state_history"][-1]["at"][:10])
            for step in task["consequences"]:
                action = step["action"]
                if action == rules.CANCEL:
                    statements.append(
                        (
                            update(Person)
                            .where(Person.id == task["person_id"])
                            .values(status="cancelled", cancel_reason=step["reason"],
                                    status_date=date.fromisoformat(step["on"])),
                            None,
                        )
                    )  # fmt: skip
                elif action == rules.STOP:
                    for subsidy in running.get(task["person_id"], []):
                        if step["kind"] != subsidy.kind:
                            continue
                        steps = [*subsidy.steps, {"step": "stop", "by": "district",
                                 "on": reviewed.isoformat(), "note": step["reason"]}]  # fmt: skip
                        statements.append(
                            (
                                update(Subsidy)
                                .where(Subsidy.id == subsidy.id)
                                .values(status="stopped", end_month=step["last_month"],
                                        end_reason=step["reason"], task_id=task["id"],
                                        steps=steps),
                                None,
                            )
                        )  # fmt: skip
                elif action == rules.HARDSHIP:
                    household = self.families[task["person_id"]][0]
                    statements.append(
                        (
                            update(Household)
                            .where(Household.id == household)
                            .values(hardship=step["codes"]),
                            None,
                        )
                    )
                elif action == rules.APPLY:
                    area = persons[task["person_id"]].area_code
                    new_subsidies.append(self._application(task, reviewed, area))
        if new_subsidies:
            statements.append((insert(Subsidy), new_subsidies))
        return statements

    def _application(self, task: dict[str, Any], reviewed: date, area: str) -> dict[str, Any]:
        """A living subsidy application from an accepted 低保 entry: half of them already
        approved by the district (paid from this month), the others waiting."""
        approved = self.rng.random() < 0.5 or task["id"] in self.first
        steps = [
            {"step": "apply", "by": task["checked_by"], "on": task["checked_on"].isoformat(),
             "note": "低保新增，核对属实"},
            {"step": "accept", "by": task["checked_by"], "on": task["checked_on"].isoformat(),
             "note": ""},
            {"step": "review", "by": task["state_history"][-1]["by"], "on": reviewed.isoformat(),
             "note": ""},
        ]  # fmt: skip
        decided = reviewed + timedelta(days=3)
        if approved:
            steps.append({"step": "approve", "by": "demo", "on": decided.isoformat(), "note": ""})
        return {
            **self._common(),
            "id": _uuid(self.rng),
            "person_id": task["person_id"],
            "kind": "living",
            "start_month": next_month(task["month"]) if approved else "",
            "end_month": "",
            "amount_fen": _standard(int(task["month"][:4]), area),
            "status": "active" if approved else "pending",
            "group": "dibao",
            "end_reason": "",
            "decision_date": decided if approved else None,
            "decision_number": f"民残补〔{decided.year}〕{self.rng.randint(10, 99)}号"
            if approved
            else "",
            "steps": steps,
            "task_id": task["id"],
        }

    def _member_day(self) -> None:
        """m001001's day: planned visits for the coming days, a returned form, a draft."""
        with self.db.session() as s:
            households = list(
                s.scalars(
                    select(Household.id)
                    .where(Household.area_code == DEMO_VILLAGE, Household.deleted.is_(False))
                    .order_by(Household.id)
                    .limit(40)
                )
            )
            responses = list(
                s.scalars(
                    select(FormResponse)
                    .join(Household, Household.id == FormResponse.household_id)
                    .where(Household.area_code == DEMO_VILLAGE, FormResponse.deleted.is_(False))
                    .order_by(FormResponse.id)
                )
            )
            for response in responses:
                s.expunge(response)
        if not households:
            return
        visits = [
            {**self._common(), "id": _uuid(self.rng), "household_id": hid,
             "planned_date": self.today + timedelta(days=days), "visited_at": None,
             "method": "", "member": DEMO_MEMBER, "gps_lat": None, "gps_lon": None,
             "state": "planned", "note": note}
            for hid, days, note in zip(
                self.rng.sample(households, min(4, len(households))),
                (0, 0, 1, 3),
                ("核实低保变动", "年度走访", "送达护理补贴告知书", "核对残疾等级变更"),
                strict=False,
            )
        ]  # fmt: skip
        with self.db.engine.begin() as conn:
            conn.execute(insert(Visit), visits)
            added = self._open_forms(responses)
            if added:
                conn.execute(insert(FormResponse), added)
                summary.add_new(conn, added)

    def _open_forms(self, responses: list[FormResponse]) -> list[dict[str, Any]]:
        """A returned form and a draft of this season in the member's village, when the
        survey work left none there: last year's answers taken up again (as the program
        prefills them), one sent back by the town with its reason, one saved unfinished."""
        season = str(self.today.year)
        have = {r.state for r in responses if r.survey_round == season}
        started = {r.person_id for r in responses if r.survey_round == season}
        last_year = [
            r
            for r in responses
            if r.survey_round == str(self.today.year - 1)
            and r.state == "accepted"
            and r.person_id not in started
        ]
        added: list[dict[str, Any]] = []
        for state in ("returned", "draft"):
            if state in have or not last_year:
                continue
            old = last_year.pop(0)
            day = self.today - timedelta(days=3)
            history = [self._step("assigned", "draft", DEMO_MEMBER, "member", day)]
            if state == "returned":
                history += [
                    self._step("draft", "completed", DEMO_MEMBER, "member", day),
                    self._step("completed", "submitted", DEMO_MEMBER, "member", day),
                    self._step("submitted", "returned", DEMO_REVIEWER, "reviewer",
                               day + timedelta(days=1), "R16 与去年不符，请核实"),
                ]  # fmt: skip
            added.append(
                {**self._common(), "id": _uuid(self.rng), "form_id": old.form_id,
                 "form_version": old.form_version, "survey_round": season,
                 "household_id": old.household_id, "person_id": old.person_id,
                 "visit_id": None, "state": state, "answers": dict(old.answers),
                 "state_history": history,
                 "filled_by": DEMO_MEMBER if state == "returned" else "",
                 "filled_at": self.now - timedelta(days=3) if state == "returned" else None}
            )  # fmt: skip
        return added


def build_monthly(db: Database, *, seed: int, today: date) -> MonthlySummary:
    """Add the monthly round (last month's tasks in every state, this month's open ones)."""
    return MonthlyBuilder(db, seed=seed, today=today).build()


def write_change_lists(db: Database, folder: Path, month: str) -> list[Path]:
    """This month's lists as the agencies send them (one xlsx per agency, a title line
    above the header), with the rows the import must refuse: an ID not registered, a
    wrong check digit, a row twice, a kind no one can read, a person already cancelled."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    with db.session() as s:
        tasks = list(s.execute(select(ChangeNotice.rows, Person.id_number, Person.name)
                               .join(Person, Person.id == ChangeNotice.person_id)
                               .where(ChangeNotice.month == month)))  # fmt: skip
        cancelled = s.execute(
            select(Person.id_number, Person.name)
            .where(Person.status == "cancelled")
            .order_by(Person.status_date.desc(), Person.id)
            .limit(1)
        ).first()
    by_source: dict[str, list[list[str]]] = {code: [] for code in AGENCY_FILES}
    for rows, number, name in tasks:
        for row in rows:
            words = KIND_WORDS.get(row["kind"], row["kind"])
            by_source[row["source"]].append([number, name, words, row["event_date"], ""])
    police = by_source["police"]
    if police:
        day = police[0][3]
        wrong = police[0][0][:-1] + ("1" if police[0][0][-1] != "1" else "2")
        police += [
            [
                make_resident_id("110101", date(1970, 3, 7), 123),
                "外区人员",
                "死亡注销",
                day,
                "非本区户籍",
            ],
            [wrong, police[0][1], "死亡注销", day, "身份证号末位有误"],
            list(police[0]),
        ]
        if cancelled is not None:
            police.append([cancelled[0], cancelled[1], "死亡注销", day, "上月已注销"])
    if by_source["civil"]:
        first = by_source["civil"][0]
        by_source["civil"].append([first[0], first[1], "待查", first[3], "类型不明"])
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for code, rows in by_source.items():
        if not rows:
            continue
        book = Workbook()
        sheet = book.active
        sheet.append([f"{month[:4]}年{int(month[5:])}月 {AGENCY_FILES[code]} 残疾人变动名单"])
        sheet.append(["身份证号", "姓名", "变动情况", "变动日期", "备注", "来源"])
        for row in rows:
            sheet.append([*row, AGENCY_FILES[code]])
        path = folder / f"{month}-{AGENCY_FILES[code]}.xlsx"
        book.save(path)
        written.append(path)
    return written
