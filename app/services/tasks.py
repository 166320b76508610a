"""Monthly task use cases: list, propose, record the outcome, accept, return, report a change.

The member records the outcome (属实/不属实/已更正, method, date, reason, photo) and
confirms the proposed consequences in one step: they are kept in the task, which goes
to `submitted`. The town reviewer's `accept` applies them in the same transaction
through the registry and subsidies services; a returned or disputed task changes
nothing in the registry. Every write goes through `app.store.changes` and is audited.
"""

from __future__ import annotations

import calendar
import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import tasks as rules
from app.domain.codes import check_code
from app.domain.issues import Issue, ValidationFailed
from app.domain.settings import SettingsError, load_settings
from app.services import audit
from app.services.attachments import attach
from app.services.changed import Changed
from app.services.photos import reduce
from app.services.task_views import (
    RUNNING,
    TaskDetail,
    TaskRow,
    list_tasks,
    load_detail,
    row_kinds,
    subsidies_of,
)
from app.store import changes
from app.store.base import utcnow
from app.store.database import Database
from app.store.registry import Household, Person
from app.store.work import ChangeNotice

MEMBER_SOURCE = "member"


class _Family:
    """A household's hardship codes as they will be (what the subsidy rules read)."""

    def __init__(self, hardship: list[str]) -> None:
        self.hardship = hardship


#: the order consequences are applied in (a cancel first, the hardship codes before an
#: application that needs them)
_ORDER = {action: i for i, action in enumerate(rules.ACTIONS)}
#: `propose`'s move_to for a new household in a village: this prefix and the village code
NEW_HOUSEHOLD = "new:"


def due_date_of(month: str, area_code: str = "") -> date:
    """The due date of a month's tasks: the month's last day plus the days the area's
    settings give (`task_due_days_after_month`, none when not configured)."""
    year, number = (int(x) for x in month.split("-"))
    last = date(year, number, calendar.monthrange(year, number)[1])
    try:
        days = load_settings().for_area(year, area_code).task_due_days_after_month
    except SettingsError:
        days = 0
    return last + timedelta(days=days)


def row_key(row: Mapping[str, Any]) -> str:
    """A row's key: the hash of what it says (a row reported twice adds nothing)."""
    said = {k: row.get(k, "") for k in ("source", "kind", "event_date", "detail")}
    return hashlib.sha256(json.dumps(said, sort_keys=True).encode()).hexdigest()[:32]


class Tasks:
    """The monthly task use cases of one signed-in user."""

    def __init__(self, db: Database, user: str, role: str) -> None:
        self.db = db
        self.user = user
        self.role = role

    # -- reading -----------------------------------------------------------------------

    def rows(
        self,
        prefixes: Sequence[str],
        *,
        today: date | None = None,
        month: str = "",
        states: Sequence[str] = (),
    ) -> list[TaskRow]:
        with self.db.session() as s:
            return list_tasks(s, prefixes, today=today or date.today(), month=month, states=states)

    def detail(self, task_id: str) -> TaskDetail:
        with self.db.session() as s:
            return load_detail(s, task_id)

    def propose(
        self, task_id: str, outcome: str, *, move_to: str | None = None
    ) -> list[dict[str, Any]]:
        """The consequences of `outcome` (none for 不属实), for the member to confirm;
        `move_to` is a household id, or NEW_HOUSEHOLD + a village code."""
        if outcome not in (rules.CONFIRMED, rules.CORRECTED):
            return []
        with self.db.session() as s:
            task = changes.get_live(s, ChangeNotice, task_id)
            return self._proposal(s, task, move_to)

    def _proposal(
        self, s: Session, task: ChangeNotice, move_to: str | None
    ) -> list[dict[str, Any]]:
        subsidies = subsidies_of(s, task.person_id)
        running = [x.kind for x in subsidies if x.status in RUNNING]
        applied = [x.kind for x in subsidies if x.status == "pending"]
        target: dict[str, str] | None = None
        if move_to and move_to.startswith(NEW_HOUSEHOLD):
            target = {"area_code": move_to.removeprefix(NEW_HOUSEHOLD)}
        elif move_to:
            household = changes.get_live(s, Household, move_to)
            target = {"household_id": household.id, "area_code": household.area_code}
        rows = task.rows or [{"kind": task.kind}]
        person = changes.get_live(s, Person, task.person_id)
        household = changes.get_live(s, Household, person.household_id)
        groups: dict[str, str] = {}
        refused: dict[str, str] = {}
        if any(row_kind in rules.QUALIFYING for row_kind in row_kinds(task)):
            after = rules.hardship_after(rows, household.hardship or [])
            groups, refused = self._qualifies(person, household, after)
            groups = {k: g for k, g in groups.items() if k not in applied}
            refused = {k: why for k, why in refused.items() if k not in applied}
        return rules.propose(
            rows,
            task.month,
            running=running,
            qualifies=groups,
            move_to=target,
            hardship=household.hardship or [],
            not_qualified=refused,
        )

    def _qualifies(
        self, person: Person, household: Household, hardship: list[str]
    ) -> tuple[dict[str, str], dict[str, str]]:
        """The subsidy kinds the person qualifies for once the family's hardship codes are
        `hardship` ({kind: group}), and why not for the others ({kind: why})."""
        from app.domain import subsidies as subsidy_rules
        from app.services.subsidies import settings_for

        family = _Family(hardship)
        try:
            local = settings_for(load_settings(), date.today().year, household.area_code)
        except SettingsError:
            return {}, dict.fromkeys(rules.KINDS, "本年度没有补贴标准设置")
        groups: dict[str, str] = {}
        refused: dict[str, str] = {}
        for kind in rules.KINDS:
            found = subsidy_rules.qualifies(person, family, local, kind)
            if found is not None:
                groups[kind] = found.name
            elif person.status != "active":
                refused[kind] = "此人已注销"
            else:
                why = subsidy_rules.exclusion(person, family, local, kind)
                refused[kind] = f"享受{why}" if why else "不在补贴对象范围内"
        return groups, refused

    # -- the member's outcome ------------------------------------------------------------

    def record(
        self,
        task_id: str,
        *,
        outcome: str,
        method: str,
        checked_on: date | None,
        reason: str = "",
        consequences: Sequence[Mapping[str, Any]] = (),
        photo: bytes | None = None,
        today: date | None = None,
    ) -> Changed:
        """Record the outcome with the confirmed consequences; the task goes to submitted."""
        lines = [dict(c) for c in consequences] if outcome != rules.DISPUTED else []
        stored = reduce(photo) if photo else None  # not a photo: refused before anything is saved
        with self.db.transaction() as s:
            task = changes.get_live(s, ChangeNotice, task_id)
            fields: dict[str, Any] = {
                "outcome": outcome,
                "method": method,
                "checked_on": checked_on,
                "checked_by": self.user,
                "reason": reason.strip(),
                "consequences": lines,
            }
            issues = rules.check_move(
                task.state, rules.SUBMITTED, self.role, outcome=fields, today=today or date.today()
            )
            if issues:
                raise ValidationFailed(issues)
            self._move(s, task, rules.SUBMITTED, extra=fields)
            audit.record_in(s, self.user, "edit", "change_notice", task_id,
                            {"outcome": outcome, "consequences": len(lines)})  # fmt: skip
            person = changes.get_live(s, Person, task.person_id)
            changed = Changed(households=frozenset({person.household_id}),
                              persons=frozenset({person.id}))  # fmt: skip
        if stored:
            attach(self.db, self.user, owner_entity="change_notice", owner_id=task_id,
                   data=stored, mime="image/jpeg", tag="outcome")  # fmt: skip
        return changed

    def _move(
        self,
        s: Session,
        task: ChangeNotice,
        target: str,
        *,
        reason: str = "",
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        entry = rules.TASKS.apply(task.state, target, self.role, self.user, utcnow(), reason)
        fields: dict[str, Any] = {
            "state": target,
            "state_history": [*(task.state_history or []), dict(entry)],
        }
        fields.update(extra or {})
        changes.update(s, ChangeNotice, task.id, fields, user=self.user)

    # -- the reviewer ----------------------------------------------------------------------

    def accept(self, task_id: str, *, session: Session | None = None) -> Changed:
        """Accept a submitted outcome and apply its consequences, all in one transaction."""
        if session is not None:
            return self._accept(session, task_id)
        with self.db.transaction() as s:
            return self._accept(s, task_id)

    def _accept(self, s: Session, task_id: str) -> Changed:
        task = changes.get_live(s, ChangeNotice, task_id)
        person = changes.get_live(s, Person, task.person_id)
        households = {person.household_id}
        self._move(s, task, rules.ACCEPTED)
        lines = list(task.consequences or []) if task.outcome != rules.DISPUTED else []
        # the family's facts before the applications that need them, whatever the order kept
        lines.sort(key=lambda c: _ORDER.get(str(c.get("action")), len(_ORDER)))
        for line in lines:
            households |= self._apply(s, task, line)
        applied = [c.get("action") for c in lines]
        audit.record_in(s, self.user, "edit", "change_notice", task_id,
                        {"accepted": True, "applied": applied})  # fmt: skip
        return Changed(households=frozenset(households), persons=frozenset({person.id}))

    def _apply(self, s: Session, task: ChangeNotice, line: Mapping[str, Any]) -> set[str]:
        """Apply one consequence through its service; the households it touched."""
        from app.services.registry import Registry
        from app.services.subsidies import Subsidies

        action = line.get("action")
        pid = task.person_id
        if action == rules.CANCEL:
            person = changes.get_live(s, Person, pid)
            if person.status != "cancelled":
                on = date.fromisoformat(str(line["on"]))
                Registry(self.db, self.user).cancel_person(pid, str(line["reason"]), on, session=s)
            return set()
        if action == rules.STOP:
            running = [x for x in subsidies_of(s, pid) if x.kind == line["kind"]]
            if any(x.status in RUNNING for x in running):  # stopped meanwhile: nothing to do
                Subsidies(self.db, self.user, self.role).stop(
                    pid, str(line["kind"]), str(line["reason"]), str(line["last_month"]),
                    task_id=task.id, session=s,
                )  # fmt: skip
            return set()
        if action == rules.HARDSHIP:
            household = changes.get_live(s, Person, pid).household_id
            codes = [str(c) for c in line.get("codes") or []]
            Registry(self.db, self.user).update_household(household, {"hardship": codes}, session=s)
            return {household}
        if line.get("blocked"):  # never confirmed by the dialog; refused by `record`
            raise ValidationFailed([Issue("task.blocked_consequence",
                                          {"why": line["blocked"]}, "consequences")])  # fmt: skip
        if action == rules.APPLY:
            try:
                Subsidies(self.db, self.user, self.role).open_application(
                    pid, str(line["kind"]), str(line.get("group", "")), task_id=task.id, session=s
                )
            except ValidationFailed as refused:
                # applied for or granted meanwhile: the application is there already
                if not set(refused.codes) <= {"subsidy.already_running", "subsidy.already_pending"}:
                    raise
            return set()
        if action == rules.MOVE:
            target = str(line.get("household_id") or "")
            registry = Registry(self.db, self.user)
            if not target:  # a new household in the village, at the address the member gave
                fields = {"address": str(line.get("address") or "").strip()}
                target, _ = registry.move_person_to_new_household(
                    pid, str(line["area_code"]), fields, session=s
                )
            elif changes.get_live(s, Person, pid).household_id != target:
                registry.move_person(pid, target, session=s)
            return {target}
        raise ValidationFailed([Issue("task.bad_consequence", {}, "consequences")])

    def return_(self, task_id: str, reason: str) -> Changed:
        """Return a submitted outcome to its member with a reason; nothing else changes."""
        with self.db.transaction() as s:
            task = changes.get_live(s, ChangeNotice, task_id)
            self._move(s, task, rules.RETURNED, reason=reason)
            audit.record_in(s, self.user, "edit", "change_notice", task_id, {"returned": True})
            person = changes.get_live(s, Person, task.person_id)
            return Changed(households=frozenset({person.household_id}),
                           persons=frozenset({person.id}))  # fmt: skip

    # -- a change the member finds -------------------------------------------------------

    def report(
        self,
        person_id: str,
        changes_found: Sequence[Mapping[str, Any]],
        *,
        today: date | None = None,
    ) -> tuple[str, Changed]:
        """Report changes found on a visit (source 专职委员): added to the person's task of
        the month when it still waits for the member, else a new task of the month."""
        day = today or date.today()
        rows: list[dict[str, Any]] = []
        issues: list[Issue] = []
        for found in changes_found:
            kind = str(found.get("kind") or "")
            event = found.get("event_date")
            if not kind or event is None:
                issues.append(Issue("task.no_change", {}, "kind"))
                continue
            issues += check_code("change_kind", kind, field="kind")
            event_day = event if isinstance(event, date) else date.fromisoformat(str(event))
            if event_day > day:
                issues.append(
                    Issue("task.date_future", {"day": event_day.isoformat()}, "event_date")
                )
            row = {"source": MEMBER_SOURCE, "kind": kind, "event_date": event_day.isoformat(),
                   "name": "", "detail": str(found.get("detail") or "").strip()}  # fmt: skip
            rows.append({**row, "row_key": row_key(row)})
        if not rows and not issues:
            issues.append(Issue("task.no_change", {}, "kind"))
        if issues:
            raise ValidationFailed(issues)
        month = day.strftime("%Y-%m")
        with self.db.transaction() as s:
            person = changes.get_live(s, Person, person_id)
            for row in rows:
                row["name"] = person.name
            task = s.scalars(
                select(ChangeNotice).where(
                    ChangeNotice.person_id == person_id,
                    ChangeNotice.month == month,
                    ChangeNotice.deleted.is_(False),
                    ChangeNotice.state.in_(sorted(rules.TO_DO)),
                )
            ).first()
            if task is None:
                first = rows[0]
                household = changes.get_live(s, Household, person.household_id)
                area = household.area_code
                task = changes.create(s, ChangeNotice, {
                    "person_id": person_id, "kind": first["kind"], "source": MEMBER_SOURCE,
                    "month": month, "effective_date": first["event_date"], "state": rules.OPEN,
                    "rows": rows, "due_date": due_date_of(month, area), "state_history": [],
                }, user=self.user)  # fmt: skip
            else:
                known = {r.get("row_key") for r in task.rows or []}
                new = [r for r in rows if r["row_key"] not in known]
                if new:
                    changes.update(s, ChangeNotice, task.id, {"rows": [*task.rows, *new]},
                                   user=self.user)  # fmt: skip
            audit.record_in(s, self.user, "edit", "change_notice", task.id,
                            {"reported": [r["kind"] for r in rows]})  # fmt: skip
            return task.id, Changed(households=frozenset({person.household_id}),
                                    persons=frozenset({person_id}))  # fmt: skip
