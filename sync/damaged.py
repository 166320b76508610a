"""Damaged photos found by the sync: which photo of which record, in the member's words.

A photo whose file fails its check is set aside (`BlobStore.set_aside`) and the sync
goes on; the receipt names the person or household and the form question or case
item it belongs to, so the member can take it again.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.renovation import load_catalogue
from app.forms.loader import load_forms
from app.store.database import Database
from app.store.registry import Household, Person
from app.store.work import Attachment, FormResponse, RenovationCase, Visit

CASE_STAGES = {"before": "改造前", "during": "施工中", "after": "改造后"}
KINDS = {"photo": "照片", "signature": "签名", "document": "文件"}


def _household(s: Session, household_id: str | None) -> str:
    home = s.get(Household, household_id) if household_id else None
    if home is None:
        return ""
    head = f"户主{home.head_name}" if home.head_name else "户"
    return f"{head}（{home.address}）" if home.address else head


def _subject(s: Session, person_id: str | None, household_id: str | None) -> str:
    person = s.get(Person, person_id) if person_id else None
    if person is not None:
        return f"{person.name}"
    return _household(s, household_id)


def _question(response: FormResponse, attachment_id: str) -> str:
    """The question whose answer holds the attachment (searched through repeats too)."""
    form = load_forms().get((response.form_id, response.form_version))

    def holds(value: Any) -> bool:
        if isinstance(value, dict):
            return any(holds(v) for v in value.values())
        if isinstance(value, list):
            return any(holds(v) for v in value)
        return bool(value == attachment_id)

    def walk(answers: Any) -> str:
        if isinstance(answers, list):
            return next((found for row in answers if (found := walk(row))), "")
        if not isinstance(answers, dict):
            return ""
        for name, value in answers.items():
            if isinstance(value, list) and any(isinstance(v, dict) for v in value):
                found = walk(value)
                if found:
                    return found
            elif holds(value):
                item = form.items.get(name) if form else None
                if item is None:
                    return f"第 {name} 题"
                return f"{item.number} {item.label}".strip()
        return ""

    return walk(response.answers or {})


def _owner(s: Session, attachment: Attachment) -> str:
    """ "王堃的问卷《…》“B1.2 房屋照片”" and the like: the record and the place in it."""
    entity, owner_id = attachment.owner_entity, attachment.owner_id
    if entity == "person":
        return _subject(s, owner_id, None)
    if entity == "household":
        return _household(s, owner_id) + ("的走访" if attachment.tag == "visit" else "")
    if entity == "visit":
        visit = s.get(Visit, owner_id)
        return f"{_household(s, visit.household_id if visit else None)}的走访"
    if entity == "form_response":
        response = s.get(FormResponse, owner_id)
        if response is None:
            return "一份问卷"
        form = load_forms().get((response.form_id, response.form_version))
        title = f"问卷《{form.title}》" if form else f"问卷 {response.form_id}"
        question = _question(response, attachment.id)
        where = _subject(s, response.person_id, response.household_id)
        return f"{where}的{title}" + (f"“{question}”" if question else "")
    if entity == "renovation_case":
        case = s.get(RenovationCase, owner_id)
        if case is None:
            return "一个无障碍改造个案"
        code = attachment.caption
        item = load_catalogue().get(code) if code else None
        name = f"{code} {item.name}" if item else (code or "全屋")
        stage = CASE_STAGES.get(attachment.tag, attachment.tag)
        where = _subject(s, case.person_id, case.household_id)
        return f"{where}的无障碍改造个案“{name}”{stage}"
    return entity


def describe(db: Database, sha: str) -> list[str]:
    """Every record the content `sha` is attached to, as the member knows it."""
    with db.session() as s:
        rows = s.scalars(
            select(Attachment).where(Attachment.sha256 == sha).order_by(Attachment.id)
        ).all()
        return [f"{_owner(s, a)}的{KINDS.get(a.kind, '附件')}" for a in rows]
