"""The survey sources: Form A (one row per person due, done or not) and Form B (one row per
sampled household), each with the answers of its form as fields `answers.<item>`."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.exports.fields import (
    AREA_FIELDS,
    HOUSEHOLD_FIELDS,
    PERSON_FIELDS,
    ExportParams,
    Field,
    Source,
    fields_of,
    household_query,
    in_address_order,
    in_area,
    person_query,
    read_rows,
)
from app.forms.definition import VISIT_ONLY_TYPES, FormDefinition, Item
from app.forms.loader import load_forms
from app.store import rounds
from app.store.registry import Household, Person
from app.store.work import FormResponse

FORM_A = "dynamic-update"
FORM_B = "income-monitoring"
#: whose answers go into an export: those a reviewer accepted
DATA_STATES = ("accepted",)
LOST_LABEL = "失访"  # the option of the method of contact that means lost to follow-up
#: what became of a due form, for the upper system and for people (code: label)
OUTCOMES: Mapping[str, str] = {
    "1": "已完成",
    "2": "失访",
    "3": "未开始",
    "4": "调查中",
    "5": "待审核",
    "6": "已退回",
}
DONE, LOST_TO_FOLLOW_UP, NOT_STARTED, IN_PROGRESS, AWAITING_REVIEW, RETURNED = OUTCOMES
STATE_LABELS: Mapping[str, str] = {
    "assigned": "已分派",
    "draft": "草稿",
    "completed": "已填完",
    "submitted": "已提交",
    "accepted": "已审核通过",
    "returned": "已退回",
}
_OUTCOME_OF_STATE = {
    None: NOT_STARTED,
    "assigned": NOT_STARTED,
    "draft": IN_PROGRESS,
    "completed": AWAITING_REVIEW,
    "submitted": AWAITING_REVIEW,
    "accepted": DONE,
    "returned": RETURNED,
}
_SENSITIVE_PREFILLS = {"person.id_number": "id", "person.cert_number": "id",
                       "household.head_id_number": "id", "person.bank_account": "bank"}  # fmt: skip
RESPONSE_FIELDS = (
    Field("round", "调查年度"),
    Field("response.state", "问卷状态", "code", labels=STATE_LABELS),
    Field("response.filled_by", "填表人"),
    Field("response.filled_at", "填表时间", "date"),
    Field("outcome", "完成情况", "code", labels=OUTCOMES),
    Field("reason", "未完成原因"),
)


def latest_form(form_id: str) -> FormDefinition:
    """The newest version of a form among the definitions the program has."""
    versions = [f for (fid, _v), f in load_forms().items() if fid == form_id]
    if not versions:
        raise LookupError(f"没有表单 {form_id}")
    return max(versions, key=lambda f: tuple(int(p) for p in f.version.split(".")))


def _answer_field(item: Item) -> Field | None:
    name, title = f"answers.{item.name}", " ".join(x for x in (item.number, item.label) if x)
    if item.type in VISIT_ONLY_TYPES or item.type in {"note", "repeat"}:
        return None  # pictures, places and tables of rows are not one value of a column
    if item.type == "id_number" or item.prefill in _SENSITIVE_PREFILLS:
        return Field(name, title, _SENSITIVE_PREFILLS.get(item.prefill or "", "id"))
    if item.options:
        labels = {o.code: o.label for o in item.options}
        return Field(name, title, "code", labels=labels, multi=item.type == "multi")
    if item.type in {"integer", "decimal", "money"}:
        return Field(name, title, "number")
    if item.type == "date":
        return Field(name, title, "date")
    return Field(name, title)


def answer_fields(form: FormDefinition) -> list[Field]:
    """One field per item that holds one value, in the form's order."""
    found = (_answer_field(item) for section in form.sections for item in section.items)
    return [f for f in found if f is not None]


def _return_reason(history: list[Any]) -> str:
    for entry in reversed(history or []):
        if isinstance(entry, dict) and entry.get("to") == "returned":
            return str(entry.get("reason") or "")
    return ""


@dataclass(frozen=True)
class LostItems:
    """Where a form says a subject was lost to follow-up (失访), and why."""

    method: str  # the item of the method of contact
    code: str  # its option that means lost
    reasons: tuple[Item, ...]  # the items of the reason (a list of reasons, or text)

    def reason(self, answers: Mapping[str, Any]) -> str | None:
        """None when the answers are not lost; else the reason in words."""
        if answers.get(self.method) != self.code:
            return None
        words = []
        for item in self.reasons:
            value = answers.get(item.name)
            if value not in (None, ""):
                labels = {o.code: o.label for o in item.options}
                words.append(labels.get(str(value), str(value)))
        return "，".join(words)


@functools.cache
def lost_items(form_id: str) -> LostItems | None:
    """The lost-to-follow-up items of the newest version of a form."""
    form = latest_form(form_id)
    for item in form.items.values():
        for option in item.options:
            if option.label == LOST_LABEL:
                reasons = tuple(i for n, i in form.items.items() if n.startswith("lost_reason"))
                return LostItems(item.name, option.code, reasons)
    return None


def _outcome(
    lost: LostItems | None, state: str | None, answers: Mapping[str, Any], history: list[Any]
) -> tuple[str, str]:
    """What became of a due form, and why it is not done (for the persons not done)."""
    outcome = _OUTCOME_OF_STATE.get(state, IN_PROGRESS)
    why = lost.reason(answers) if lost is not None and outcome == DONE else None
    if why is not None:
        return LOST_TO_FOLLOW_UP, f"失访：{why}" if why else "失访"
    if outcome == RETURNED:
        why = _return_reason(history)
        return outcome, f"已退回：{why}" if why else "已退回"
    if outcome == DONE:
        return outcome, ""
    return outcome, OUTCOMES[outcome]


@dataclass(frozen=True)
class Response:
    """What an export needs of one response (not its whole record)."""

    state: str
    answers: Mapping[str, Any]
    filled_by: str
    filled_at: Any
    history: list[Any]  # read only for returned responses (the reviewer's reason)


def _responses(
    session: Session, form_id: str, params: ExportParams, key: str
) -> dict[str, Response]:
    """The round's responses of a form in the area, by person (or household)."""
    query = in_area(
        select(
            getattr(FormResponse, key),
            FormResponse.id,
            FormResponse.state,
            FormResponse.answers,
            FormResponse.filled_by,
            FormResponse.filled_at,
        )
        .join(Household, Household.id == FormResponse.household_id)
        .where(
            FormResponse.form_id == form_id,
            FormResponse.survey_round == params.survey_round,
            FormResponse.deleted.is_(False),
            Household.deleted.is_(False),
        )
        .order_by(FormResponse.updated_at),
        params,
    )
    rows = session.execute(query).all()
    returned = [r[1] for r in rows if r[2] == "returned"]
    histories: dict[str, list[Any]] = {}
    for start in range(0, len(returned), 500):
        batch = returned[start : start + 500]
        found = session.execute(
            select(FormResponse.id, FormResponse.state_history).where(FormResponse.id.in_(batch))
        )
        histories.update({i: h for i, h in found})
    return {  # the last change wins
        r[0]: Response(r[2], r[3] or {}, r[4], r[5], histories.get(r[1], [])) for r in rows
    }


def _add_response(
    row: dict[str, Any],
    response: Response | None,
    form_id: str,
    names: list[str],
    params: ExportParams,
) -> dict[str, Any]:
    row["round"] = params.survey_round
    if response is None:
        row["outcome"], row["reason"] = _outcome(None, None, {}, [])
        return row
    row["response.state"] = response.state
    row["response.filled_by"] = response.filled_by
    row["response.filled_at"] = response.filled_at
    answers = response.answers
    row["outcome"], row["reason"] = _outcome(
        lost_items(form_id), response.state, answers, response.history
    )
    if response.state in DATA_STATES:
        for name in names:
            row[f"answers.{name}"] = answers.get(name)
    return row


def form_a_rows(session: Session, params: ExportParams) -> list[dict[str, Any]]:
    """Every person due Form A in the round (active, of a live household), with the answers
    when accepted and otherwise the reason it is not done."""
    query = in_area(person_query().where(Person.status == "active"), params)
    rows = read_rows(session, query)
    responses = _responses(session, FORM_A, params, "person_id")
    names = [f.name.split(".", 1)[1] for f in answer_fields(latest_form(FORM_A))]
    done = [_add_response(r, responses.get(r["person.id"]), FORM_A, names, params) for r in rows]
    return in_address_order(done, "person.relation", "person.name")


def form_b_rows(session: Session, params: ExportParams) -> list[dict[str, Any]]:
    """Every household due Form B in the round (the year's income sample, as 今日 and the
    figures count it), with the answers when accepted and otherwise the reason it is not
    done. A year's export covers the round in progress on its day (`rounds.form_b_round`)."""
    survey_round = params.survey_round
    if survey_round and "Q" not in survey_round:
        survey_round = rounds.form_b_round(int(survey_round[:4]), params.as_of)
    params = dataclasses.replace(params, survey_round=survey_round)
    due = session.execute(rounds.form_b_due(survey_round, params.prefix)).all()
    responses = _responses(session, FORM_B, params, "household_id")
    ids = [d.household_id for d in due]
    names = [f.name.split(".", 1)[1] for f in answer_fields(latest_form(FORM_B))]
    rows: list[dict[str, Any]] = []
    for start in range(0, len(ids), 500):
        query = in_area(household_query().where(Household.id.in_(ids[start : start + 500])), params)
        rows += [
            _add_response(r, responses.get(r["household.id"]), FORM_B, names, params)
            for r in read_rows(session, query)
        ]
    return in_address_order(rows)


@functools.cache
def form_sources() -> tuple[Source, ...]:
    """Forms A and B as export sources (their fields read from the newest definitions)."""
    return (
        Source(
            "form_a",
            "残疾人基本服务状况和需求动态更新（一人一行）",
            fields_of(
                AREA_FIELDS,
                HOUSEHOLD_FIELDS,
                PERSON_FIELDS,
                RESPONSE_FIELDS,
                answer_fields(latest_form(FORM_A)),
            ),
            form_a_rows,
        ),
        Source(
            "form_b",
            "收入监测（一户一行）",
            fields_of(
                AREA_FIELDS, HOUSEHOLD_FIELDS, RESPONSE_FIELDS, answer_fields(latest_form(FORM_B))
            ),
            form_b_rows,
        ),
    )
