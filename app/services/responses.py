"""Form response use cases: start, save, complete, submit, review, return, rework.

Every use case runs in one transaction, writes through `app.store.changes` (so the
outbox follows), checks the role and state with `app.domain.workflow`, and
returns what changed. Answers are cleaned by the form engine on every save:
items that no longer apply lose their answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import workflow
from app.domain.issues import Issue, ValidationFailed
from app.domain.money import yuan_number
from app.domain.settings import Settings, SettingsError, load_settings
from app.forms.context import FormContext
from app.forms.definition import FormDefinition
from app.forms.engine import Difference, FormEngine, FormIssue
from app.forms.loader import get_form
from app.services.changed import Changed
from app.services.facts import registry_facts
from app.store import changes
from app.store.base import utcnow
from app.store.database import Database
from app.store.registry import Household, Person
from app.store.work import FormResponse

RENOVATION_NEED_ITEM = "renovation_needed"  # Form A R39
DONE_STATES = frozenset({workflow.COMPLETED, workflow.SUBMITTED, workflow.ACCEPTED})


def parse_round(survey_round: str) -> tuple[int, int | None]:
    """ "2026" -> (2026, None); "2026Q3" -> (2026, 3)."""
    year, _, quarter = survey_round.partition("Q")
    return int(year), int(quarter) if quarter else None


def settings_names(settings: Settings | None) -> dict[str, Any]:
    """Settings as the context names of the form language (money in yuan)."""
    if settings is None:
        return {}
    return {
        "dibao_line": yuan_number(settings.dibao_line_fen),
        "near_dibao_multiple": float(settings.near_dibao_multiple),
        "cost_cap": yuan_number(settings.renovation_cap_fen),
        "spending_ceiling": yuan_number(settings.spending_confirm_fen),
    }


def as_issues(found: list[FormIssue]) -> list[Issue]:
    """Form issues as domain issues (for a refused move)."""
    return [Issue("form.issue", {"text": i.message}, i.item) for i in found]


@dataclass(frozen=True)
class NewResponse:
    """Which response a form not started yet will be: form, round and subject."""

    form_id: str
    form_version: str
    survey_round: str
    household_id: str
    person_id: str | None = None
    visit_id: str | None = None


@dataclass(frozen=True)
class Checked:
    """A response's answers as saved, with its errors and warnings."""

    response_id: str
    answers: dict[str, Any]
    issues: list[FormIssue]

    @property
    def errors(self) -> list[FormIssue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[FormIssue]:
        return [i for i in self.issues if not i.is_error]


class Responses:
    """The form response use cases of one signed-in user."""

    def __init__(self, db: Database, user: str, role: str) -> None:
        self.db = db
        self.user = user
        self.role = role

    # -- reading -------------------------------------------------------------------------

    def context(self, session: Session, response: FormResponse) -> FormContext:
        form = get_form(response.form_id, response.form_version)
        year, quarter = parse_round(response.survey_round)
        month, day = (int(x) for x in form.reference_date.split("-"))
        household = session.get(Household, response.household_id)
        settings: Settings | None = None
        if household is not None:
            try:
                settings = load_settings().for_area(year, household.area_code)
            except SettingsError:
                settings = None  # forms that need no settings still work
        return FormContext(
            reference_date=date(year, month, day),
            year=year,
            quarter=quarter,
            registry=registry_facts(session, response.household_id, response.person_id),
            settings=settings_names(settings),
        )

    def last_accepted(self, session: Session, response: FormResponse) -> dict[str, Any] | None:
        """The same form's last accepted answers for the same person (or household)."""
        query = select(FormResponse).where(
            FormResponse.form_id == response.form_id,
            FormResponse.state == workflow.ACCEPTED,
            FormResponse.deleted.is_(False),
            FormResponse.survey_round < response.survey_round,
        )
        if response.person_id:
            query = query.where(FormResponse.person_id == response.person_id)
        else:
            query = query.where(FormResponse.household_id == response.household_id)
        last = session.scalars(query.order_by(FormResponse.survey_round.desc()).limit(1)).first()
        return dict(last.answers) if last else None

    def check(self, response_id: str) -> Checked:
        with self.db.session() as s:
            response = changes.get_live(s, FormResponse, response_id)
            engine = FormEngine(get_form(response.form_id, response.form_version))
            found = engine.validate(
                response.answers,
                self.context(s, response),
                last=self.last_accepted(s, response),
            )
            return Checked(response_id, dict(response.answers), found)

    def differences(self, response_id: str) -> list[Difference]:
        with self.db.session() as s:
            response = changes.get_live(s, FormResponse, response_id)
            engine = FormEngine(get_form(response.form_id, response.form_version))
            return engine.differences(
                response.answers, self.last_accepted(s, response), self.context(s, response)
            )

    # -- starting and saving ---------------------------------------------------------------

    def start(
        self,
        form: FormDefinition,
        survey_round: str,
        *,
        household_id: str,
        person_id: str | None = None,
        visit_id: str | None = None,
    ) -> tuple[str, Changed]:
        """Open this round's response (new, or the assigned one) as a pre-filled draft."""
        with self.db.transaction() as s:
            new = NewResponse(form.id, form.version, survey_round, household_id, person_id,
                              visit_id)  # fmt: skip
            response, started = self._started(s, new, None, None)
            changed = Changed(households=frozenset({household_id})) if started else Changed()
            return response.id, changed

    @staticmethod
    def unsaved(new: NewResponse) -> FormResponse:
        """The response `new` describes as it would start, never added to the session: what
        a form shows before the member changes anything (opening writes nothing)."""
        return FormResponse(
            form_id=new.form_id,
            form_version=new.form_version,
            survey_round=new.survey_round,
            household_id=new.household_id,
            person_id=new.person_id,
            visit_id=new.visit_id,
            state=workflow.ASSIGNED,
            answers={},
            state_history=[],
        )

    def prefilled(self, session: Session, response: FormResponse) -> dict[str, Any]:
        """A response's first answers: the registry's facts and last year's kept answers."""
        engine = FormEngine(get_form(response.form_id, response.form_version))
        last = self.last_accepted(session, response)
        return engine.prefill(self.context(session, response), last)

    def _started(
        self,
        s: Session,
        new: NewResponse,
        response_id: str | None,
        answers: Mapping[str, Any] | None,
    ) -> tuple[FormResponse, bool]:
        """The round's response of `new` as a draft (created, or moved from assigned) with
        `answers` (cleaned), or pre-filled when None; True when it was started here."""
        household = changes.get_live(s, Household, new.household_id)
        form = get_form(new.form_id, new.form_version)
        if form.subject == "person":
            if new.person_id is None:
                raise ValidationFailed([Issue("field.required", {"field": "person_id"})])
            person = changes.get_live(s, Person, new.person_id)
            if person.household_id != household.id:
                raise ValidationFailed([Issue("person.unknown", {"id": new.person_id})])
        query = select(FormResponse).where(
            FormResponse.form_id == form.id,
            FormResponse.survey_round == new.survey_round,
            FormResponse.household_id == new.household_id,
            FormResponse.deleted.is_(False),
        )
        if new.person_id:
            query = query.where(FormResponse.person_id == new.person_id)
        existing = s.scalars(query).first()
        if existing is not None and existing.state != workflow.ASSIGNED:
            return existing, False
        if existing is None:
            existing = changes.create(
                s,
                FormResponse,
                {
                    "form_id": form.id,
                    "form_version": form.version,
                    "survey_round": new.survey_round,
                    "household_id": new.household_id,
                    "person_id": new.person_id,
                    "visit_id": new.visit_id,
                    "state": workflow.ASSIGNED,
                },
                user=self.user,
                record_id=response_id,
            )
        if answers is None:
            first = self.prefilled(s, existing)
        else:
            first = FormEngine(form).clean(answers, self.context(s, existing))
        self._move(s, existing, workflow.DRAFT, extra={"answers": first})
        return existing, True

    def save(
        self, response_id: str, answers: Mapping[str, Any], *, new: NewResponse | None = None
    ) -> Checked:
        """Save a draft (cleaned: skipped items lose their answers); returns its issues.

        A response not started yet (`new` says which one; `response_id` is the id it gets)
        starts with this first save: opening a form and leaving it unchanged writes nothing.
        """
        with self.db.transaction() as s:
            response = s.get(FormResponse, response_id)
            if new is not None and (response is None or response.state == workflow.ASSIGNED):
                response, _ = self._started(s, new, response_id, answers)
                response_id = response.id
            response = changes.get_live(s, FormResponse, response_id)
            refused = workflow.edit_issues(response.state, self.role)
            if refused:
                raise ValidationFailed(refused)
            engine = FormEngine(get_form(response.form_id, response.form_version))
            context = self.context(s, response)
            cleaned = engine.clean(answers, context)
            if response.state == workflow.RETURNED:
                self._move(s, response, workflow.DRAFT, extra={"answers": cleaned})
            else:
                changes.update(s, FormResponse, response_id, {"answers": cleaned}, user=self.user)
            found = engine.validate(cleaned, context, last=self.last_accepted(s, response))
            return Checked(response_id, cleaned, found)

    # -- moves -------------------------------------------------------------------------

    def _move(
        self,
        s: Session,
        response: FormResponse,
        target: str,
        *,
        reason: str = "",
        blocking: list[Issue] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        entry = workflow.apply_move(
            response.state,
            target,
            self.role,
            self.user,
            utcnow(),
            reason,
            blocking_issues=blocking or [],
        )
        fields: dict[str, Any] = {
            "state": target,
            "state_history": [*response.state_history, dict(entry)],
        }
        fields.update(extra or {})
        changes.update(s, FormResponse, response.id, fields, user=self.user)

    def complete(self, response_id: str, *, confirm_warnings: bool = False) -> Checked:
        """Complete a draft: no errors, and every warning confirmed (recorded in the answers)."""
        with self.db.transaction() as s:
            response = changes.get_live(s, FormResponse, response_id)
            engine = FormEngine(get_form(response.form_id, response.form_version))
            context = self.context(s, response)
            answers = engine.clean(response.answers, context)
            found = engine.validate(answers, context, last=self.last_accepted(s, response))
            errors = [i for i in found if i.is_error]
            warnings = [i for i in found if not i.is_error]
            blocking = as_issues(errors)
            if warnings and not confirm_warnings:
                blocking.append(Issue("form.warnings_unconfirmed", {"count": len(warnings)}))
            if warnings:
                answers["_confirmed_warnings"] = [w.message for w in warnings]
            self._move(
                s,
                response,
                workflow.COMPLETED,
                blocking=blocking,
                extra={"answers": answers, "filled_by": self.user, "filled_at": utcnow()},
            )
            return Checked(response_id, answers, found)

    def move(self, response_id: str, target: str, *, reason: str = "") -> Changed:
        """Reopen, submit, accept, return or rework, as the role allows."""
        with self.db.transaction() as s:
            response = changes.get_live(s, FormResponse, response_id)
            self._move(s, response, target, reason=reason)
            return Changed(households=frozenset({response.household_id}))

    def accept(self, response_id: str) -> Changed:
        """Accept a submitted response; a Form A renovation need (R39) opens a candidate case."""
        changed = self.move(response_id, workflow.ACCEPTED)
        return changed | self._candidate_case(response_id)

    def _candidate_case(self, response_id: str) -> Changed:
        from app.services.renovation import RenovationCases

        with self.db.session() as s:
            response = changes.get_live(s, FormResponse, response_id)
            needs = [c for c in response.answers.get(RENOVATION_NEED_ITEM) or [] if c != "8"]
            if response.form_id != "dynamic-update" or not needs or not response.person_id:
                return Changed()
            year, _ = parse_round(response.survey_round)
            household_id, person_id = response.household_id, response.person_id
        cases = RenovationCases(self.db, self.user, self.role)
        try:
            _, changed = cases.open_case(
                household_id,
                person_id,
                year,
                from_need=needs,
                note=f"动态更新调查R39需求（{response.survey_round}年）",
                acknowledge="由调查需求生成的候选个案，待入户评估时核实",
            )
        except (ValidationFailed, SettingsError):
            return Changed()  # a case of this year exists already, or no settings: nothing new
        return changed

    def return_to_member(self, response_id: str, reason: str) -> Changed:
        return self.move(response_id, workflow.RETURNED, reason=reason)
