"""What a visit to one household is about: the forms due, and one response opened to fill.

Plain Python over the store and the services (no widgets): the visit page runs these
functions through the session's worker and shows what they return. Their texts are
translated under the visit page's context (QCoreApplication.translate is thread-safe).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from PySide6.QtCore import QCoreApplication
from sqlalchemy import select

from app.domain import renovation, workflow
from app.domain.settings import SettingsError, load_settings
from app.forms.context import FormContext
from app.forms.definition import FormDefinition
from app.forms.loader import get_form, load_forms
from app.services.responses import NewResponse, Responses
from app.store import rounds
from app.store.base import new_id
from app.store.database import Database
from app.store.registry import Household, Person, User
from app.store.work import Attachment, FormResponse, RenovationCase
from ui.i18n import QT_TRANSLATE_NOOP

FORM_A_VERSION = "2021.1"  # when the settings of the year name none
#: the forms' short names (translated as a plan is read)
TITLES = {
    rounds.FORM_A: QT_TRANSLATE_NOOP("VisitPage", "动态更新调查表"),
    rounds.FORM_B: QT_TRANSLATE_NOOP("VisitPage", "家庭收入监测表"),
}
#: what `visit_facts` knows for each fill of a visit fact (`Item.visit_fill`)
VISIT_FILL_FACTS = {"member.name": "name", "member.phone": "phone", "today": "today"}


@dataclass(frozen=True)
class DueEntry:
    """One form of the visit: a person's Form A, the household's Form B, or an open case."""

    form_id: str
    title: str
    person_id: str | None
    person_name: str
    response_id: str | None
    state: str | None
    survey_round: str
    form_version: str
    reason: str = ""  # why a reviewer returned it

    @property
    def is_case(self) -> bool:
        return self.form_id == "renovation"

    @property
    def done(self) -> bool:
        return self.state in rounds.DONE

    @property
    def state_label(self) -> str:
        if self.is_case:
            return renovation.STATE_LABELS.get(self.state or "", self.state or "")
        if not self.state or self.state not in workflow.STATE_LABELS:
            return QCoreApplication.translate("VisitPage", "未开始")
        return workflow.STATE_LABELS[self.state]


@dataclass(frozen=True)
class VisitPlan:
    """The household visited and its forms due this season."""

    household_id: str
    heading: str
    year: int
    entries: list[DueEntry] = field(default_factory=list)
    photos: list[str] = field(default_factory=list)  # this season's visit photos


def survey_year() -> int:
    return load_settings().survey_year


def form_version(form_id: str, wanted: str) -> str:
    """The version to start: the one the settings name, else the newest one installed."""
    known = sorted(version for (form, version) in load_forms() if form == form_id)
    return wanted if wanted in known or not known else known[-1]


def _return_reason(history: list[Any]) -> str:
    for entry in reversed(history or []):
        if isinstance(entry, dict) and entry.get("to") == workflow.RETURNED:
            return str(entry.get("reason") or "")
    return ""


def load_plan(db: Database, household_id: str, year: int) -> VisitPlan:
    """The forms due for the household in the survey year, with their states."""
    with db.session() as s:
        household = s.get(Household, household_id)
        if household is None or household.deleted:
            raise LookupError(household_id)
        try:
            wanted = load_settings().for_area(year, household.area_code).form_a_version
        except SettingsError:
            wanted = FORM_A_VERSION
        version = form_version(rounds.FORM_A, wanted)
        due = [
            d
            for d in rounds.due_forms(s.connection(), year, household.area_code)
            if d.household_id == household_id
        ]
        query = select(Person.id, Person.name).where(Person.household_id == household_id)
        names: dict[str, str] = {pid: name for pid, name in s.execute(query)}
        entries: list[DueEntry] = []
        for d in due:
            if d.form_id == "renovation":
                case = s.get(RenovationCase, d.response_id)
                who = names.get(d.person_id or "", "")
                case_year = str(case.year if case else year)
                title = QCoreApplication.translate("VisitPage", "无障碍改造个案")
                entries.append(
                    DueEntry(d.form_id, title, d.person_id, who, d.response_id,
                             d.state, case_year, "")
                )  # fmt: skip
                continue
            response = s.get(FormResponse, d.response_id) if d.response_id else None
            entries.append(
                DueEntry(
                    form_id=d.form_id,
                    title=QCoreApplication.translate("VisitPage", TITLES.get(d.form_id, d.form_id)),
                    person_id=d.person_id,
                    person_name=names.get(d.person_id or "", household.head_name),
                    response_id=d.response_id,
                    state=d.state,
                    survey_round=response.survey_round if response else d.survey_round,
                    form_version=(
                        response.form_version
                        if response
                        else version
                        if d.form_id == rounds.FORM_A
                        else form_version(d.form_id, "")
                    ),
                    reason=_return_reason(response.state_history) if response else "",
                )
            )
        entries.sort(key=lambda e: (e.is_case, e.form_id, e.person_name))
        since = datetime.combine(date(year, 1, 1), time())
        photos = list(
            s.scalars(
                select(Attachment.id)
                .where(
                    Attachment.owner_entity == "household",
                    Attachment.owner_id == household_id,
                    Attachment.tag == "visit",
                    Attachment.deleted.is_(False),
                    Attachment.updated_at >= since,
                )
                .order_by(Attachment.updated_at)
            )
        )
        heading = QCoreApplication.translate("VisitPage", "%s户 · %s") % (
            household.head_name,
            household.address,
        )
        return VisitPlan(household_id, heading, year, entries, photos)


@dataclass(frozen=True)
class OpenedResponse:
    """One response ready to show: its definition, context, answers and last year's."""

    entry: DueEntry
    response_id: str
    state: str
    form: FormDefinition
    context: FormContext
    answers: dict[str, Any]
    last: dict[str, Any] | None
    reason: str
    added: tuple[str, ...] = ()  # items filled with the visit's own facts
    new: NewResponse | None = None  # not started yet: its first save starts it

    @property
    def editable(self) -> bool:
        return self.new is not None or self.state in workflow.EDITABLE_STATES


def visit_facts(db: Database, username: str) -> dict[str, str]:
    """What the visit knows of itself: who fills the forms, and today's date."""
    with db.session() as s:
        user = s.scalars(select(User).where(User.username == username)).first()
        return {
            "name": (user.display_name if user else "") or username,
            "phone": user.phone if user else "",
            "today": date.today().isoformat(),
        }


def open_response(
    responses: Responses, household_id: str, entry: DueEntry, facts: dict[str, str]
) -> OpenedResponse:
    """Read the response for the form; one not started yet is shown pre-filled and written
    by its first save only (`OpenedResponse.new`), so that opening it changes nothing."""
    with responses.db.session() as s:
        response = s.get(FormResponse, entry.response_id) if entry.response_id else None
        new: NewResponse | None = None
        if response is None or response.state == workflow.ASSIGNED:
            new = NewResponse(entry.form_id, entry.form_version, entry.survey_round,
                              household_id, entry.person_id)  # fmt: skip
            if response is not None:
                new = dataclasses.replace(new, form_version=response.form_version)
            unsaved = responses.unsaved(new)
            unsaved.id = response.id if response is not None else new_id()
            answers = responses.prefilled(s, unsaved)
            response = unsaved
        else:
            answers = dict(response.answers)
        form = get_form(response.form_id, response.form_version)
        state = workflow.ASSIGNED if new is not None else response.state
        added: list[str] = []
        if new is not None or state in workflow.EDITABLE_STATES:
            for item in form.top_items():
                fact = facts.get(VISIT_FILL_FACTS.get(item.visit_fill or "", ""))
                if fact and not answers.get(item.name):
                    answers[item.name] = fact
                    added.append(item.name)
        return OpenedResponse(
            entry=entry,
            response_id=response.id,
            state=state,
            form=form,
            context=responses.context(s, response),
            answers=answers,
            last=responses.last_accepted(s, response),
            reason=_return_reason(response.state_history),
            added=tuple(added),
            new=new,
        )
