"""Export form responses to xlsx for the provincial and national systems' spreadsheet uploads.

One row per response: the place, the person or household, the state, then one
column per item of the form definition (its number and label as the header,
the answer's codes as the value; a repeat is written as JSON).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from sqlalchemy import select

from app.forms.definition import FormDefinition, Item
from app.forms.loader import load_forms
from app.store.registry import Household, Person
from app.store.work import FormResponse
from sync.server import audit
from sync.server.db import ServerDatabase

FIXED = ("村社区代码", "住址", "姓名", "公民身份号码", "调查轮次", "状态", "填表人", "填表时间")


def _items(form: FormDefinition) -> list[Item]:
    return [item for section in form.sections for item in section.items if item.type != "note"]


def _value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return ",".join(value)
        return json.dumps(value, ensure_ascii=False)
    return value


def _form(form_id: str, survey_round: str, versions: Sequence[str]) -> FormDefinition | None:
    forms = load_forms()
    for version in versions:
        if (form_id, version) in forms:
            return forms[(form_id, version)]
    return None


def export_responses(
    database: ServerDatabase,
    path: Path,
    form_id: str,
    survey_round: str,
    states: Sequence[str] = ("accepted",),
) -> int:
    """Write the responses of one form and round in these states; returns how many."""
    with database.read() as s:
        rows = s.execute(
            select(FormResponse, Household, Person)
            .join(Household, Household.id == FormResponse.household_id)
            .outerjoin(Person, Person.id == FormResponse.person_id)
            .where(
                FormResponse.form_id == form_id,
                FormResponse.survey_round == survey_round,
                FormResponse.state.in_(list(states)),
                FormResponse.deleted.is_(False),
            )
            .order_by(Household.area_code, Household.address, FormResponse.id)
        ).all()
    versions = sorted({r[0].form_version for r in rows})
    form = _form(form_id, survey_round, versions)
    items = _items(form) if form else []
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = survey_round
    sheet.append([*FIXED, *[item.title for item in items]])
    for response, household, person in rows:
        answers = response.answers or {}
        sheet.append(
            [
                household.area_code,
                household.address,
                person.name if person else household.head_name,
                person.id_number if person else household.head_id_number,
                response.survey_round,
                response.state,
                response.filled_by,
                response.filled_at.isoformat(timespec="seconds") if response.filled_at else "",
                *[_value(answers.get(item.name)) for item in items],
            ]
        )
    book.save(path)
    with database.write() as s:
        audit.record(
            s,
            "admin",
            "",
            "export",
            {"form": form_id, "round": survey_round, "rows": len(rows)},
            "",
        )
    return len(rows)
