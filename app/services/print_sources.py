"""What a print needs, read from the store: subjects, form prints of responses (existing or
planned), renovation case files with their photos, publicity lines, planned visits.

Photos of a case are attachments owned by the case: ``tag`` is the stage (``before``,
``during``, ``after``) and ``caption`` the plan item's code, empty for the whole home (as
the case page stores them); a tag ``before:B03`` names the item too. Answers of photo and
signature items hold attachment ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from app.domain import renovation as rules
from app.domain import workflow
from app.domain.codes import load_code_lists
from app.domain.settings import SettingsError, load_settings
from app.forms.definition import FormDefinition
from app.forms.engine import FormEngine
from app.forms.loader import get_form, load_forms
from app.printing.case_papers import STAGE_LABELS, CaseFile, CasePhoto
from app.printing.form_print import FormPrint
from app.printing.model import Mode, RecordRef, Subject, is_internal_id
from app.printing.publicity import PublicityLine
from app.services.responses import Responses
from app.store.database import Database
from app.store.errors import StoreError
from app.store.registry import Area, Household, Person
from app.store.work import Attachment, FormResponse, RenovationCase

FORM_A = "dynamic-update"
FORM_B = "income-monitoring"
SHORT_NAMES = {
    FORM_A: "动态更新表",
    FORM_B: "收入监测表",
    "renovation-assessment": "改造评估表",
    "renovation-plan": "改造方案",
    "renovation-acceptance": "改造验收表",
}
DONE = frozenset({workflow.COMPLETED, workflow.SUBMITTED, workflow.ACCEPTED})


def short_name(form_id: str) -> str:
    return SHORT_NAMES.get(form_id, form_id)


def latest_version(form_id: str) -> str:
    """The newest loaded version of a form."""
    versions = [v for f, v in load_forms() if f == form_id]
    return max(versions, key=lambda v: tuple(int(x) for x in v.split(".") if x.isdigit()))


def area_names(s: Session, area_code: str) -> str:
    """The town and village (or community) of an area code: "锦屏街道 奉中社区"."""
    town = aliased(Area)
    found = s.execute(
        select(Area.name, town.name)
        .outerjoin(town, town.code == Area.parent_code)
        .where(Area.code == area_code)
    ).first()
    if found is None:
        return area_code
    village, town_name = found
    return f"{town_name} {village}" if town_name else village


def subject(s: Session, household: Household, person: Person | None) -> Subject:
    return Subject(
        area=area_names(s, household.area_code),
        area_code=household.area_code,
        head_name=household.head_name,
        address=household.address,
        phone=household.phone,
        person_name=person.name if person else "",
        id_number=person.id_number if person else "",
        cert_number=person.cert_number if person else "",
    )


def images(s: Session, db: Database, values: Iterable[Any]) -> dict[str, bytes]:
    """Image bytes by attachment id (or blob sha256) for the ids among `values`."""
    # only what can name an image: an attachment id (a uuid) or a blob's sha256 — a
    # form's other answers (names, addresses, codes) cost a query for nothing
    wanted = {v for v in _flat(values) if is_internal_id(v) or _is_sha256(v)}
    found: dict[str, bytes] = {}
    if not wanted:
        return found
    rows = s.scalars(
        select(Attachment).where(Attachment.id.in_(wanted), Attachment.deleted.is_(False))
    )
    by_id = {a.id: a.sha256 for a in rows}
    for key in wanted:
        sha = by_id.get(key, key)
        if len(sha) == 64 and db.blobs.has(sha):
            try:
                found[key] = db.blobs.get(sha)
            except StoreError:
                continue  # a damaged blob prints as "image not on this laptop"
    return found


def _is_sha256(value: object) -> bool:
    return (
        isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)
    )


def in_words(s: Session, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers with the registry's person ids (Form B's B1.1.18, pre-filled) as the
    number the paper world knows a person by: the certificate number, else the name."""
    wanted = {v for v in _flat(answers.values()) if is_internal_id(v)}
    if not wanted:
        return dict(answers)
    persons = s.scalars(select(Person).where(Person.id.in_(wanted))).all()
    words = {p.id: p.cert_number or p.name for p in persons}

    def swap(value: Any) -> Any:
        if isinstance(value, list):
            return [swap(v) for v in value]
        if isinstance(value, Mapping):
            return {k: swap(v) for k, v in value.items()}
        return words.get(value, value) if isinstance(value, str) else value

    return {key: swap(value) for key, value in answers.items()}


def _flat(values: Iterable[Any]) -> Iterable[Any]:
    for value in values:
        if isinstance(value, list):
            yield from _flat(value)
        elif isinstance(value, Mapping):
            yield from _flat(value.values())
        else:
            yield value


def _state(response: FormResponse) -> str:
    label = workflow.STATE_LABELS.get(response.state, response.state)
    if response.filled_by and response.filled_at:
        return f"{label}（{response.filled_by} {response.filled_at:%Y-%m-%d} 填写）"
    return label


def response_print(
    s: Session, db: Database, response: FormResponse, mode: Mode, own_file: bool, *, user: str
) -> FormPrint:
    """The print of a response; pre-filled mode adds the registry's and last round's facts."""
    definition = get_form(response.form_id, response.form_version)
    helper = Responses(db, user, workflow.MEMBER)
    context = helper.context(s, response)
    answers: dict[str, Any] = dict(response.answers)
    if mode is Mode.PREFILLED:
        prefill = FormEngine(definition).prefill(context, helper.last_accepted(s, response))
        answers = {**prefill, **answers}
    answers = in_words(s, answers)
    household = s.get(Household, response.household_id)
    person = s.get(Person, response.person_id) if response.person_id else None
    assert household is not None
    persisted = response.id is not None and response.rev is not None
    record = RecordRef(
        "form_response" if persisted else ("person" if person else "household"),
        response.id if persisted else (person.id if person else household.id),
        response.rev if persisted else (person.rev if person else household.rev),
        f"{definition.id}@{definition.version}",
        response.survey_round,
    )
    return FormPrint(
        definition=definition,
        answers=answers,
        context=context,
        subject=subject(s, household, person),
        record=record,
        mode=mode,
        own_file=own_file,
        survey_round=response.survey_round,
        state=_state(response) if persisted else "未开始（预填）",
        images=images(s, db, answers.values()),
    )


def planned_responses(s: Session, household: Household, year: int) -> list[FormResponse]:
    """The responses a visit to `household` in `year` fills: Form A for each active person,
    Form B if the household is in the income sample; unsaved ones for those not started."""
    found = list(
        s.scalars(
            select(FormResponse).where(
                FormResponse.household_id == household.id,
                FormResponse.survey_round.startswith(str(year)),
                FormResponse.deleted.is_(False),
            )
        )
    )
    persons = s.scalars(
        select(Person)
        .where(
            Person.household_id == household.id,
            Person.deleted.is_(False),
            Person.status == "active",
        )
        .order_by(Person.relation, Person.name)
    ).all()
    try:
        version_a = load_settings().for_area(year, household.area_code).form_a_version
    except SettingsError:
        version_a = ""
    if (FORM_A, version_a) not in load_forms():  # the year's version is not installed
        version_a = latest_version(FORM_A)
    planned: list[FormResponse] = []
    for person in persons:
        existing = next(
            (r for r in found if r.form_id == FORM_A and r.person_id == person.id), None
        )
        planned.append(existing or _unsaved(FORM_A, version_a, str(year), household.id, person.id))
    planned += sorted((r for r in found if r.form_id == FORM_B), key=lambda r: r.survey_round)
    return planned


def _unsaved(
    form_id: str, version: str, survey_round: str, household_id: str, person_id: str | None
) -> FormResponse:
    """A response not started yet, never added to the session (it only feeds the print)."""
    return FormResponse(
        form_id=form_id,
        form_version=version,
        survey_round=survey_round,
        household_id=household_id,
        person_id=person_id,
        state=workflow.ASSIGNED,
        answers={},
    )


def photo_place(tag: str, caption: str, plan_codes: set[str]) -> tuple[str, str, str]:
    """(stage, plan item code, caption to print) of a case photo."""
    stage, _, code = tag.partition(":")
    caption = caption.strip()
    if not code and (caption in plan_codes or caption == ""):
        code, caption = caption, ""  # the case page's way: the item's code as caption
    return stage.strip(), code.strip(), caption


def case_file(s: Session, db: Database, case: RenovationCase, *, user: str) -> CaseFile:
    """A renovation case with its subject, form context and photos."""
    household = s.get(Household, case.household_id)
    person = s.get(Person, case.person_id) if case.person_id else None
    assert household is not None
    unsaved = _unsaved(
        "renovation-assessment",
        latest_version("renovation-assessment"),
        str(case.year),
        case.household_id,
        case.person_id,
    )
    context = Responses(db, user, workflow.MEMBER).context(s, unsaved)
    attachments = s.scalars(
        select(Attachment)
        .where(
            Attachment.owner_entity == "renovation_case",
            Attachment.owner_id == case.id,
            Attachment.deleted.is_(False),
            Attachment.kind == "photo",
        )
        .order_by(Attachment.taken_at, Attachment.id)
    ).all()
    data = images(s, db, [a.id for a in attachments])
    parts = [p for p in case.items if isinstance(p, Mapping)]
    codes = {str(p.get("code")) for p in parts if p.get("part") == "plan"}
    photos = []
    for a in attachments:
        if a.id not in data:
            continue  # not on this laptop (yet): the paper shows an empty frame
        stage, code, caption = photo_place(a.tag, a.caption, codes)
        if not caption:
            label = STAGE_LABELS.get(stage, stage)
            caption = f"{label} {a.taken_at:%Y-%m-%d}" if a.taken_at else label
        photos.append(CasePhoto(a.id, stage, code, caption, data[a.id]))
    return CaseFile(
        id=case.id,
        rev=case.rev,
        year=case.year,
        state=rules.STATE_LABELS.get(case.state, case.state),
        parts=parts,
        total_fen=case.total_fen,
        cap_fen=case.cap_fen,
        override_reason=case.override_reason,
        subject=subject(s, household, person),
        context=context,
        photos=photos,
        images={**data, **images(s, db, parts)},
        history=[h for h in case.state_history if isinstance(h, Mapping)],
    )


def publicity_line(s: Session, case: RenovationCase) -> PublicityLine:
    household = s.get(Household, case.household_id)
    person = s.get(Person, case.person_id) if case.person_id else None
    assert household is not None
    codes = load_code_lists()
    disability = ""
    if person is not None:
        category = codes["disability_category"]
        grade = codes["disability_grade"]
        kind = category.label(person.category) if person.category in category else ""
        disability = kind.removesuffix("残疾") + (
            grade.label(person.grade) if person.grade in grade else ""
        )
    village = s.scalar(select(Area.name).where(Area.code == household.area_code)) or ""
    plan = [p for p in case.items if isinstance(p, Mapping) and p.get("part") == "plan"]
    return PublicityLine(
        village=village,
        head_name=household.head_name,
        person_name=person.name if person else "",
        id_number=person.id_number if person else "",
        disability=disability,
        items="、".join(str(p.get("name", p.get("code", ""))) for p in plan),
        total_fen=case.total_fen,
    )


def form_definition(form_id: str) -> FormDefinition:
    """The newest version of a form (the case papers use the newest Form C)."""
    return get_form(form_id, latest_version(form_id))
