"""Renovation-case use cases (Form C): open, assess, plan, move on, accept, settle, withdraw.

Each use case runs in one transaction and writes only through `app.store.changes`.
A refused step raises `ValidationFailed` and changes nothing. The case's `items`
JSON list holds every part of the case, each marked by its ``part``: ``opening``,
``assessment``, ``plan`` (one per plan line), ``acceptance`` (one per visit, so the
rectification loop keeps every round), ``settlement``, and the details of a plain
move (``in_construction``, ``completed``, ``followed_up`` ...). Eligibility warnings
need an acknowledgement reason, which goes into the state history.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import renovation as rules
from app.domain.issues import Issue, ValidationFailed
from app.domain.renovation import Catalogue
from app.domain.settings import SettingsBook, load_settings
from app.domain.workflow import ROLE_LABELS, ROLES, history_entry
from app.services.changed import Changed
from app.store import changes
from app.store.base import utcnow
from app.store.database import Database
from app.store.registry import Household, Person
from app.store.work import RenovationCase


class NeedsAcknowledgement(ValidationFailed):
    """Warnings that need a recorded reason: call again with ``acknowledge=...``."""


def _parts(case: RenovationCase, part: str) -> list[dict[str, Any]]:
    return [entry for entry in case.items if entry.get("part") == part]


def _plan_codes(case: RenovationCase) -> list[str]:
    return [str(line["code"]) for line in _parts(case, "plan")]


def _issue_data(issues: Sequence[Issue]) -> list[dict[str, Any]]:
    return [{"code": issue.code, "params": dict(issue.params)} for issue in issues]


class RenovationCases:
    """The renovation-case use cases of one signed-in user in one role."""

    def __init__(
        self,
        db: Database,
        user: str,
        role: str,
        *,
        settings: SettingsBook | None = None,
        catalogue: Catalogue | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        self.db = db
        self.user = user
        self.role = role
        self._settings = settings
        self._catalogue = catalogue
        self._clock = clock

    @property
    def settings(self) -> SettingsBook:
        return self._settings if self._settings is not None else load_settings()

    @property
    def catalogue(self) -> Catalogue:
        return self._catalogue if self._catalogue is not None else rules.load_catalogue()

    # -- opening -------------------------------------------------------------------

    def eligibility(
        self, household_id: str, person_id: str, *, elderly_carer: bool = False
    ) -> list[Issue]:
        """The eligibility warnings and priority notes of a case not yet opened."""
        with self.db.session() as s:
            household, person = self._household_and_person(s, household_id, person_id)
            return self._eligibility(s, household, person, elderly_carer)

    def _household_and_person(
        self, s: Session, household_id: str, person_id: str
    ) -> tuple[Household, Person]:
        household = s.get(Household, household_id)
        if household is None or household.deleted:
            raise ValidationFailed([Issue("household.unknown", {"id": household_id})])
        person = s.get(Person, person_id)
        if person is None or person.deleted:
            raise ValidationFailed([Issue("person.unknown", {"id": person_id})])
        if person.household_id != household_id:
            raise ValidationFailed(
                [Issue("renovation.person_not_in_household", {"name": person.name})]
            )
        return household, person

    def _eligibility(
        self, s: Session, household: Household, person: Person, elderly_carer: bool
    ) -> list[Issue]:
        members = s.scalars(
            select(Person.id).where(
                Person.household_id == household.id,
                Person.deleted.is_(False),
                Person.status == "active",
            )
        ).all()
        several = len(members) > 1 or bool(household.multi_disability_code)
        return rules.eligibility_warnings(
            person.grade, household.hardship or [], None, several, elderly_carer
        )

    def open_case(
        self,
        household_id: str,
        person_id: str,
        year: int,
        *,
        from_need: Sequence[str] = (),
        note: str = "",
        acknowledge: str = "",
        elderly_carer: bool = False,
    ) -> tuple[str, Changed]:
        """Register a household's need; warnings raise NeedsAcknowledgement unless acknowledged.

        Raises SettingsError when `year` has no settings (the cap comes from them).
        """
        # a member opens a case; a reviewer's acceptance of a Form A need (R39) does too
        from_survey = bool(from_need) and self.role in rules.REVIEW_ROLES
        if self.role not in rules.OPEN_ROLES and not from_survey:
            role = ROLE_LABELS[self.role]
            raise ValidationFailed([Issue("renovation.open_not_allowed", {"role": role})])
        with self.db.transaction() as s:
            household, person = self._household_and_person(s, household_id, person_id)
            existing = s.scalar(
                select(RenovationCase.id).where(
                    RenovationCase.household_id == household_id,
                    RenovationCase.year == year,
                    RenovationCase.deleted.is_(False),
                    RenovationCase.state != rules.WITHDRAWN,
                )
            )
            if existing is not None:
                raise ValidationFailed([Issue("renovation.case_exists", {"year": year})])
            cap_fen = self.settings.for_area(year, household.area_code).renovation_cap_fen
            notes = self._eligibility(s, household, person, elderly_carer)
            self._require_acknowledgement(notes, acknowledge)
            opening = {
                "part": "opening",
                "from_need": [str(code) for code in from_need],
                "note": note.strip(),
                "warnings": _issue_data(notes),
                "acknowledgement": acknowledge.strip(),
            }
            entry = history_entry(
                "", rules.NEED_REGISTERED, self.role, self.user, self._clock(), acknowledge or note
            )
            fields = {
                "household_id": household_id,
                "person_id": person_id,
                "year": year,
                "state": rules.NEED_REGISTERED,
                "items": [opening],
                "cap_fen": cap_fen,
                "state_history": [entry],
            }
            case = changes.create(s, RenovationCase, fields, user=self.user)
            return case.id, Changed(
                households=frozenset({household_id}), cases=frozenset({case.id})
            )

    @staticmethod
    def _require_acknowledgement(notes: Sequence[Issue], acknowledge: str) -> None:
        warnings = rules.needing_acknowledgement(notes)
        if warnings and not acknowledge.strip():
            ask = Issue("renovation.acknowledge_required", {"count": len(warnings)}, "acknowledge")
            raise NeedsAcknowledgement([*warnings, ask])

    # -- steps with data -------------------------------------------------------------

    def record_assessment(
        self, case_id: str, assessment: Mapping[str, Any], *, acknowledge: str = ""
    ) -> Changed:
        """Record the home assessment (wishes, needs, measurements, ``house_adaptable``)."""
        with self.db.transaction() as s:
            case = changes.get_live(s, RenovationCase, case_id)
            self._check(case, rules.ASSESSED, acknowledge)
            adaptable = assessment.get("house_adaptable")
            if adaptable is not None and not isinstance(adaptable, bool):
                raise ValidationFailed(
                    [Issue("renovation.house_adaptable", field="house_adaptable")]
                )
            notes = [Issue("renovation.house_not_adaptable")] if adaptable is False else []
            self._require_acknowledgement(notes, acknowledge)
            entry = {**assessment, **self._stamp("assessment"), "warnings": _issue_data(notes)}
            return self._write(
                s, case, rules.ASSESSED, acknowledge, {"items": [*case.items, entry]}
            )

    def set_plan(
        self, case_id: str, items: Sequence[Mapping[str, Any]], override_reason: str = ""
    ) -> Changed:
        """Draft or revise the plan: lines priced from the catalogue, checked against the cap."""
        with self.db.transaction() as s:
            case = changes.get_live(s, RenovationCase, case_id)
            self._check(case, rules.PLAN_DRAFTED)
            household = changes.get_live(s, Household, case.household_id)
            cap_fen = self.settings.for_area(case.year, household.area_code).renovation_cap_fen
            issues = rules.plan_issues(items, self.catalogue, cap_fen, override_reason)
            if issues:
                raise ValidationFailed(issues)
            lines = rules.price_plan(items, self.catalogue)
            kept = [entry for entry in case.items if entry.get("part") != "plan"]
            fields = {
                "items": [*kept, *lines],
                "total_fen": sum(line["amount_fen"] for line in lines),
                "cap_fen": cap_fen,
                "override_reason": override_reason.strip(),
            }
            return self._write(s, case, rules.PLAN_DRAFTED, override_reason, fields)

    def record_acceptance(
        self, case_id: str, results: Mapping[str, str], satisfaction: str, reason: str = ""
    ) -> Changed:
        """Record the acceptance visit: accepted, or rectification when an item is not done."""
        with self.db.transaction() as s:
            case = changes.get_live(s, RenovationCase, case_id)
            not_done = [code for code, result in results.items() if result == "not_done"]
            target = rules.RECTIFICATION if not_done else rules.ACCEPTED
            self._check(case, target, reason)
            missing, issues = self._per_item(case, results)
            issues += [Issue("renovation.acceptance_missing", {"code": c}) for c in missing]
            for code, result in results.items():
                if result not in rules.ACCEPTANCE_RESULTS:
                    issues.append(
                        Issue("renovation.acceptance_result", {"code": code, "result": result})
                    )
            if satisfaction not in rules.SATISFACTION:
                issues.append(Issue("renovation.satisfaction", {"value": satisfaction}))
            elif satisfaction == "3" and not reason.strip():
                issues.append(Issue("renovation.satisfaction_reason", field="reason"))
            if issues:
                raise ValidationFailed(issues)
            visit = {
                **self._stamp("acceptance"),
                "round": len(_parts(case, "acceptance")) + 1,
                "results": dict(results),
                "satisfaction": satisfaction,
                "reason": reason.strip(),
                "outcome": target,
            }
            if not reason.strip() and not_done:
                reason = "未完成：" + "、".join(not_done)
            return self._write(s, case, target, reason, {"items": [*case.items, visit]})

    def settle(self, case_id: str, actual_costs: Mapping[str, int], *, reason: str = "") -> Changed:
        """Record the actual cost (fen) of every plan item; over the cap needs a reason."""
        with self.db.transaction() as s:
            case = changes.get_live(s, RenovationCase, case_id)
            self._check(case, rules.SETTLED)
            missing, issues = self._per_item(case, actual_costs)
            issues += [Issue("renovation.cost_missing", {"code": c}) for c in missing]
            for code, fen in actual_costs.items():
                if isinstance(fen, bool) or not isinstance(fen, int) or fen < 0:
                    issues.append(
                        Issue("renovation.cost_invalid", {"code": code, "cost": str(fen)})
                    )
            if issues:
                raise ValidationFailed(issues)
            total = sum(actual_costs.values())
            if total > case.cap_fen and not (reason.strip() or case.override_reason):
                params = {"total": rules.yuan(total), "cap": rules.yuan(case.cap_fen)}
                raise ValidationFailed([Issue("renovation.settlement_over_cap", params, "reason")])
            entry = {**self._stamp("settlement"), "actual": dict(actual_costs), "total_fen": total}
            return self._write(s, case, rules.SETTLED, reason, {"items": [*case.items, entry]})

    # -- plain moves -------------------------------------------------------------------

    def move(
        self,
        case_id: str,
        target: str,
        reason: str = "",
        *,
        details: Mapping[str, Any] | None = None,
    ) -> Changed:
        """Move a case on (approve, publicise, construction, completion, follow-up, withdraw).

        `details` (contractor and dates, findings ...) are kept as a part named after `target`.
        """
        with self.db.transaction() as s:
            case = changes.get_live(s, RenovationCase, case_id)
            self._check(case, target, reason)
            if (case.state, target) in rules.DATA_MOVES:
                label = rules.CASES.label(target)
                raise ValidationFailed([Issue("renovation.needs_data", {"to": label})])
            if target == rules.PLAN_APPROVED and not reason.strip() and self._overridden(case):
                raise ValidationFailed([Issue("renovation.approval_reason", field="reason")])
            items = (
                case.items if details is None else [*case.items, {**details, **self._stamp(target)}]
            )
            return self._write(s, case, target, reason, {"items": items})

    def withdraw(self, case_id: str, reason: str) -> Changed:
        """Withdraw a case before construction starts; the reason is required."""
        return self.move(case_id, rules.WITHDRAWN, reason)

    # -- shared steps ------------------------------------------------------------------

    def _check(self, case: RenovationCase, target: str, reason: str = "") -> None:
        issues = rules.check_move(case.state, target, self.role, reason=reason)
        if issues:
            raise ValidationFailed(issues)

    @staticmethod
    def _overridden(case: RenovationCase) -> bool:
        """Whether the plan went over the cap or has devices only (the reviewer's override)."""
        plan = _parts(case, "plan")
        return case.total_fen > case.cap_fen or all(line["kind"] != "building" for line in plan)

    @staticmethod
    def _per_item(
        case: RenovationCase, given: Mapping[str, object]
    ) -> tuple[list[str], list[Issue]]:
        """The plan codes missing from `given`, and the issues of codes not in the plan."""
        plan = _plan_codes(case)
        extra = [
            Issue("renovation.not_in_plan", {"code": code}) for code in given if code not in plan
        ]
        return [code for code in plan if code not in given], extra

    def _stamp(self, part: str) -> dict[str, Any]:
        return {"part": part, "at": self._clock().isoformat(timespec="seconds"), "by": self.user}

    def _write(
        self, s: Session, case: RenovationCase, target: str, reason: str, fields: dict[str, Any]
    ) -> Changed:
        entry = rules.apply_move(case.state, target, self.role, self.user, self._clock(), reason)
        fields = {**fields, "state": target, "state_history": [*case.state_history, entry]}
        changes.update(s, RenovationCase, case.id, fields, user=self.user)
        return Changed(households=frozenset({case.household_id}))
