"""The papers of a renovation case (Form C), drawn from the three Form C definitions with
the case's parts as answers: the assessment with the before photos, the plan and budget
against the cap, and the acceptance form with each item's before and after photos side by
side, the satisfaction and the three signatures.

A case keeps its steps in ``items`` (parts ``assessment``, ``plan`` lines, ``acceptance``
visits, ``settlement``...). A part's keys that are names of the form's items are its
answers; the keys the assessment dialog saves are turned into C1 answers (or labelled
records under 其他评估记录) by app.domain.assessment, the one definition of those keys.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.domain import assessment
from app.domain.money import yuan_number
from app.domain.renovation import yuan
from app.forms.context import FormContext
from app.forms.definition import FormDefinition
from app.forms.engine import FormEngine
from app.printing.appendices import Facts, Photo, PhotoGrid, PhotoPair, PhotoPairs
from app.printing.form_print import Appendix, FormPrint
from app.printing.model import Mode, RecordRef, Subject

RESULT_CODES = {"done": "1", "partly": "2", "not_done": "3"}
KIND_CODES = {"building": "1", "device": "2"}
STAMP_KEYS = assessment.STAMP_KEYS
STAGE_LABELS = {"before": "改造前", "during": "施工中", "after": "改造后"}


@dataclass(frozen=True)
class CasePhoto:
    """A photo of the case: its stage, the plan item it shows ('' for the whole home)."""

    attachment_id: str
    stage: str
    item_code: str
    caption: str
    data: bytes


@dataclass(frozen=True)
class CaseFile:
    """A renovation case as its papers need it."""

    id: str
    rev: int
    year: int
    state: str  # the state's label
    parts: Sequence[Mapping[str, Any]]
    total_fen: int
    cap_fen: int
    override_reason: str
    subject: Subject
    context: FormContext
    photos: Sequence[CasePhoto] = ()
    images: Mapping[str, bytes] = field(default_factory=dict)  # attachment id -> image
    history: Sequence[Mapping[str, Any]] = ()  # the state history: who moved it, when

    def moved_to(self, state: str) -> Mapping[str, Any] | None:
        """The last history entry that moved the case to `state`."""
        found = [entry for entry in self.history if entry.get("to") == state]
        return found[-1] if found else None

    def last(self, part: str) -> Mapping[str, Any] | None:
        found = [p for p in self.parts if p.get("part") == part]
        return found[-1] if found else None

    def plan(self) -> list[Mapping[str, Any]]:
        return [p for p in self.parts if p.get("part") == "plan"]

    def photos_of(self, stage: str, code: str | None = None) -> list[Photo]:
        return [
            Photo(p.data, p.caption or STAGE_LABELS.get(p.stage, p.stage))
            for p in self.photos
            if p.stage == stage and (code is None or p.item_code == code)
        ]


def _ref(case: CaseFile, definition: FormDefinition) -> RecordRef:
    form = f"{definition.id}@{definition.version}"
    return RecordRef("renovation_case", case.id, case.rev, form, str(case.year))


def _paper(
    case: CaseFile,
    definition: FormDefinition,
    answers: Mapping[str, Any],
    done: bool,
    own_file: bool,
    *,
    context: FormContext | None = None,
    facts: Sequence[tuple[str, str]] = (),
    appendices: Sequence[Appendix] = (),
    signatures: tuple[str, ...] = (),
) -> FormPrint:
    context = context or case.context
    prefilled = FormEngine(definition).prefill(context)
    return FormPrint(
        definition=definition,
        answers={**prefilled, **answers},
        context=context,
        subject=case.subject,
        record=_ref(case, definition),
        mode=Mode.COMPLETED if done else Mode.PREFILLED,
        own_file=own_file,
        survey_round=str(case.year),
        state=case.state,
        images=case.images,
        facts=(("个案编号", case.id[:8]), *facts),
        appendices=tuple(appendices),
        signatures=signatures or FormPrint.signatures,
    )


def _answers(part: Mapping[str, Any] | None, definition: FormDefinition) -> dict[str, Any]:
    if part is None:
        return {}
    return {
        k: v
        for k, v in part.items()
        if k in definition.items and k not in STAMP_KEYS and k not in assessment.FIELDS
    }


def assessment_paper(case: CaseFile, definition: FormDefinition, own_file: bool) -> FormPrint:
    """The needs assessment (C1) with the before photos; blank when not yet assessed."""
    part = case.last("assessment")
    given = _answers(part, definition)
    saved = {k: v for k, v in (part or {}).items() if k not in given}
    answers, free = assessment.form_answers(saved)
    answers.update(given)
    if part is not None and part.get("at"):
        answers.setdefault("assess_date", str(part["at"])[:10])
    if part is not None:
        when = str(part.get("at", "")).replace("T", " ")
        free.append(("评估记录人、时间", f"{part.get('by', '')} {when}".strip()))
    appendices: list[Appendix] = [Facts("其他评估记录", free)] if free else []
    appendices.append(PhotoGrid("改造前照片", case.photos_of("before")))
    return _paper(case, definition, answers, part is not None, own_file, appendices=appendices)


def plan_rows(case: CaseFile) -> list[dict[str, Any]]:
    """The plan lines as the rows of the plan form's item table (C2.1)."""
    return [
        {
            "code": line.get("code"),
            "item_name": line.get("name"),
            "kind": KIND_CODES.get(str(line.get("kind"))),
            "unit_name": line.get("unit"),
            "quantity": line.get("quantity"),
            "unit_price": yuan_number(int(line.get("unit_price_fen") or 0)),
        }
        for line in case.plan()
    ]


def plan_paper(case: CaseFile, definition: FormDefinition, own_file: bool) -> FormPrint:
    """The plan and budget (C2): items, quantities, prices, the total against the cap."""
    cap = yuan_number(case.cap_fen)
    context = dataclasses.replace(case.context, settings={**case.context.settings, "cost_cap": cap})
    answers: dict[str, Any] = {"plan_items": plan_rows(case)}
    if case.override_reason:
        answers["override_reason"] = case.override_reason
    drafted = case.moved_to("plan_drafted")
    if drafted is not None:
        answers["drafted_by"] = str(drafted.get("by", "")) or None
        answers["plan_date"] = str(drafted.get("at", ""))[:10] or None
    over = case.total_fen - case.cap_fen
    verdict = f"超过上限 {yuan(over)} 元" if over > 0 else f"未超过上限，余 {yuan(-over)} 元"
    # the total, the cap and the reason are the form's C2.2, C2.3 and C2.6: only the margin
    appendices: list[Appendix] = [Facts("预算与费用上限", [("预算与上限相比", verdict)])]
    settlement = case.last("settlement")
    if settlement is not None:
        actual = settlement.get("actual") or {}
        lines = []
        for line in case.plan():
            spent = yuan(int(actual.get(str(line.get("code")), 0)))
            planned = yuan(int(line.get("amount_fen") or 0))
            lines.append(
                (f"{line.get('code')} {line.get('name')}", f"实际 {spent} 元（预算 {planned} 元）")
            )
        lines.append(("结算合计", f"{yuan(int(settlement.get('total_fen') or 0))} 元"))
        appendices.append(Facts("结算", lines))
    return _paper(
        case,
        definition,
        answers,
        bool(case.plan()),
        own_file,
        context=context,
        appendices=appendices,
        signatures=("户主（受益人）签字", "方案编制人签字", "审核人签字"),
    )


def acceptance_paper(case: CaseFile, definition: FormDefinition, own_file: bool) -> FormPrint:
    """The acceptance form (C3): each plan item checked, its before and after photos side
    by side, satisfaction, three signatures; blank (items pre-filled) before the visit."""
    part = case.last("acceptance")
    answers = _answers(part, definition)
    results: Mapping[str, Any] = (part or {}).get("results") or {}
    if "accept_items" not in answers:
        answers["accept_items"] = [
            {
                "code": line.get("code"),
                "item_name": line.get("name"),
                "result": RESULT_CODES.get(str(results.get(str(line.get("code"))))),
                "after_photos": [
                    p.attachment_id
                    for p in case.photos
                    if p.stage == "after" and p.item_code == line.get("code")
                ]
                or None,
            }
            for line in case.plan()
        ]
    if part is not None:
        answers.setdefault("accept_date", str(part.get("at", ""))[:10] or None)
        if part.get("reason") and answers.get("satisfaction") == "3":
            answers.setdefault("dissatisfaction_reason", part["reason"])
    pairs = [
        PhotoPair(
            f"{line.get('code')} {line.get('name')}",
            case.photos_of("before", str(line.get("code"))),
            case.photos_of("after", str(line.get("code"))),
        )
        for line in case.plan()
    ]
    whole_before, whole_after = case.photos_of("before", ""), case.photos_of("after", "")
    if whole_before or whole_after:
        pairs.append(PhotoPair("整体", whole_before, whole_after))
    contractor = next((str(p["contractor"]) for p in case.parts if p.get("contractor")), "")
    facts = [("施工单位", contractor)] if contractor else []
    if part is not None:
        facts.append(("验收轮次", f"第 {part.get('round', 1)} 次验收"))
    return _paper(
        case,
        definition,
        answers,
        part is not None,
        own_file,
        facts=facts,
        appendices=[PhotoPairs("改造前后照片对照", pairs)],
    )
