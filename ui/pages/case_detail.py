"""What the case page shows of one renovation case, read in one go (no widgets).

`load_case` runs off the UI thread; the page only turns the result into widgets.
The texts of the case's parts (assessment, move details, acceptance rounds) are
made here, on the UI thread, so that the page and its tests read them the same way;
they are translated under the context "CaseDetail" (QCoreApplication.translate).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication
from sqlalchemy import select

from app.domain import assessment
from app.domain import renovation as rules
from app.domain.codes import load_code_lists
from app.domain.workflow import ROLE_LABELS
from app.store.database import Database
from app.store.registry import Area, Household, Person
from app.store.work import Attachment, RenovationCase
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.case_dialogs import AssessmentDialog
from ui.timefmt import local_text

#: photo stages (the attachment's tag) and their names (translated by PhotoSection.tr)
STAGES: Mapping[str, str] = {
    "before": QT_TRANSLATE_NOOP("PhotoSection", "改造前"),
    "during": QT_TRANSLATE_NOOP("PhotoSection", "施工中"),
    "after": QT_TRANSLATE_NOOP("PhotoSection", "改造后"),
}
#: the labels of the keys the dialogs record (assessment and move details), translated by
#: `describe`
FIELD_LABELS: Mapping[str, str] = {
    "wishes": QT_TRANSLATE_NOOP("CaseDetail", "改造意愿"),
    "needs": QT_TRANSLATE_NOOP("CaseDetail", "功能需求"),
    "door_width_cm": QT_TRANSLATE_NOOP("CaseDetail", "门宽（厘米）"),
    "step_height_cm": QT_TRANSLATE_NOOP("CaseDetail", "台阶高（厘米）"),
    "toilet": QT_TRANSLATE_NOOP("CaseDetail", "厕所类型"),
    "measurements": QT_TRANSLATE_NOOP("CaseDetail", "其他测量"),
    "house_adaptable": QT_TRANSLATE_NOOP("CaseDetail", "住房可否改造"),
    "contractor": QT_TRANSLATE_NOOP("CaseDetail", "施工单位"),
    "start": QT_TRANSLATE_NOOP("CaseDetail", "开工日期"),
    "planned_end": QT_TRANSLATE_NOOP("CaseDetail", "计划完工日期"),
    "finished": QT_TRANSLATE_NOOP("CaseDetail", "完工日期"),
    "publicity_from": QT_TRANSLATE_NOOP("CaseDetail", "公示开始"),
    "publicity_to": QT_TRANSLATE_NOOP("CaseDetail", "公示结束"),
    "place": QT_TRANSLATE_NOOP("CaseDetail", "公示地点"),
    "finding": QT_TRANSLATE_NOOP("CaseDetail", "回访情况"),
    "note": QT_TRANSLATE_NOOP("CaseDetail", "说明"),
}
#: the kinds of plan items (translated by `plan_rows`)
KINDS: Mapping[str, str] = {
    "building": QT_TRANSLATE_NOOP("CaseDetail", "施工改造"),
    "device": QT_TRANSLATE_NOOP("CaseDetail", "辅具"),
}
_SKIPPED = frozenset({"part", "at", "by", "warnings"})


def _tr(text: str) -> str:
    """A text marked with the context "CaseDetail", in the language of the moment."""
    return QCoreApplication.translate("CaseDetail", text)


def _separator() -> str:
    """What separates the parts of a text ("；" in Chinese)."""
    return QCoreApplication.translate("CaseDetail", "；")


@dataclass(frozen=True)
class Photo:
    """A photo of the case: the plan item it shows ("" for the whole home) and its stage."""

    id: str
    sha256: str
    code: str
    stage: str
    taken_at: str
    by: str


@dataclass
class CaseDetail:
    """One case with its household, person and photos."""

    case_id: str
    household_id: str
    year: int
    state: str
    head_name: str
    address: str
    village: str
    town: str
    person_name: str
    category: str
    grade: str
    cap_fen: int
    total_fen: int
    override_reason: str
    history: list[dict[str, Any]]
    items: list[dict[str, Any]]
    photos: list[Photo] = field(default_factory=list)

    def parts(self, part: str) -> list[dict[str, Any]]:
        return [e for e in self.items if isinstance(e, dict) and e.get("part") == part]

    @property
    def plan(self) -> list[dict[str, Any]]:
        return self.parts("plan")

    @property
    def category_label(self) -> str:
        categories = load_code_lists()["disability_category"]
        if self.category in categories:
            return categories.label(self.category)
        return QCoreApplication.translate("CaseDetail", "未登记")

    @property
    def over_cap(self) -> bool:
        return self.total_fen > self.cap_fen


def load_case(db: Database, case_id: str) -> CaseDetail | None:
    """The case `case_id` as the page shows it, or None when there is no such live case."""
    with db.session() as s:
        case = s.get(RenovationCase, case_id)
        if case is None or case.deleted:
            return None
        household = s.get(Household, case.household_id)
        person = s.get(Person, case.person_id) if case.person_id else None
        area = household.area_code if household else ""
        village = s.scalars(select(Area).where(Area.code == area)).first()
        parent = village.parent_code if village else None
        town = s.scalars(select(Area).where(Area.code == parent)).first() if parent else None
        photos = [
            Photo(a.id, a.sha256, a.caption, a.tag, _time(a.taken_at or a.updated_at), a.updated_by)
            for a in s.scalars(
                select(Attachment)
                .where(
                    Attachment.owner_entity == "renovation_case",
                    Attachment.owner_id == case_id,
                    Attachment.kind == "photo",
                    Attachment.deleted.is_(False),
                )
                .order_by(Attachment.taken_at, Attachment.updated_at)
            )
        ]
        return CaseDetail(
            case_id=case.id,
            household_id=case.household_id,
            year=case.year,
            state=case.state,
            head_name=household.head_name if household else "",
            address=household.address if household else "",
            village=village.name if village else "",
            town=town.name if town else "",
            person_name=person.name if person else "",
            category=person.category if person else "",
            grade=person.grade if person else "",
            cap_fen=case.cap_fen,
            total_fen=case.total_fen,
            override_reason=case.override_reason,
            history=[dict(e) for e in case.state_history or [] if isinstance(e, dict)],
            items=[dict(e) for e in case.items or [] if isinstance(e, dict)],
            photos=photos,
        )


def _time(value: object) -> str:
    return local_text(value)


def state_label(state: str) -> str:
    if not state:
        return QCoreApplication.translate("CaseDetail", "（新建）")
    return rules.STATE_LABELS.get(state, state)


def history_rows(detail: CaseDetail) -> list[tuple[str, list[str]]]:
    """(id, [time, from, to, who, role, reason]) of each move, oldest first."""
    return [
        (
            str(n),
            [
                _time(e.get("at", "")),
                state_label(str(e.get("from", ""))),
                state_label(str(e.get("to", ""))),
                str(e.get("by", "")),
                ROLE_LABELS.get(str(e.get("role", "")), str(e.get("role", ""))),
                str(e.get("reason", "")),
            ],
        )
        for n, e in enumerate(detail.history)
    ]


def plan_rows(detail: CaseDetail) -> list[tuple[str, list[str]]]:
    """(code, [code, name, kind, quantity, unit, unit price, amount]) of each plan line."""
    return [
        (
            str(line["code"]),
            [
                str(line["code"]),
                str(line.get("name", "")),
                _tr(KINDS.get(str(line.get("kind")), str(line.get("kind", "")))),
                str(line.get("quantity", "")),
                str(line.get("unit", "")),
                rules.yuan(int(line.get("unit_price_fen", 0))),
                rules.yuan(int(line.get("amount_fen", 0))),
            ],
        )
        for line in detail.plan
    ]


def item_name(detail: CaseDetail, code: str) -> str:
    """ "B01 坡化/平整地面" for a plan code, "全屋" for the whole home."""
    if not code:
        return QCoreApplication.translate("CaseDetail", "全屋")
    line = next((line for line in detail.plan if line.get("code") == code), None)
    if line is not None:
        return f"{code} {line.get('name', '')}"
    item = rules.load_catalogue().get(code)
    return f"{code} {item.name}" if item is not None else code


def acceptance_rows(detail: CaseDetail) -> list[tuple[str, list[str]]]:
    """(round, [round, time, by, results, satisfaction, reason, outcome]) of each visit."""
    rows = []
    for visit in detail.parts("acceptance"):
        results = visit.get("results") or {}
        said = _separator().join(
            QCoreApplication.translate("CaseDetail", "%s：%s")
            % (item_name(detail, str(code)), _result(rules.ACCEPTANCE_RESULTS, str(r)))
            for code, r in results.items()
        )
        rows.append(
            (
                str(visit.get("round", "")),
                [
                    QCoreApplication.translate("CaseDetail", "第%s次") % visit.get("round", ""),
                    _time(visit.get("at", "")),
                    str(visit.get("by", "")),
                    said,
                    _result(rules.SATISFACTION, str(visit.get("satisfaction")), ""),
                    str(visit.get("reason", "")),
                    state_label(str(visit.get("outcome", ""))),
                ],
            )
        )
    return rows


def _result(labels: Mapping[str, str], code: str, default: str | None = None) -> str:
    """The label of an acceptance result or a satisfaction, translated like the dialog's."""
    label = labels.get(code)
    if label is None:
        return code if default is None else default
    return QCoreApplication.translate("AcceptanceDialog", label)


def describe(values: Mapping[str, Any]) -> str:
    """The recorded values of a part as "label：value" text, in a stable order."""
    said = []
    for key, value in values.items():
        if key in _SKIPPED or value in ("", None, [], {}):
            continue
        if isinstance(value, bool):
            yes = QCoreApplication.translate("CaseDetail", "是")
            no = QCoreApplication.translate("CaseDetail", "否")
            value = yes if value else no
        if key == assessment.TOILET and str(value) in assessment.TOILETS:
            labels = dict(AssessmentDialog.TOILETS)
            value = QCoreApplication.translate("AssessmentDialog", labels[str(value)])
        label = _tr(FIELD_LABELS[key]) if key in FIELD_LABELS else key
        said.append(QCoreApplication.translate("CaseDetail", "%s：%s") % (label, value))
    return _separator().join(said)


def step_rows(detail: CaseDetail) -> list[tuple[str, list[str]]]:
    """(n, [step, time, by, what]) of the assessments and the details of plain moves."""
    plain = set(rules.STATE_LABELS) - {rules.ACCEPTED, rules.RECTIFICATION}
    rows = []
    for n, entry in enumerate(detail.items):
        part = str(entry.get("part", ""))
        if part == "assessment":
            name = QCoreApplication.translate("CaseDetail", "入户评估")
        elif part in plain:
            name = state_label(part)
        else:
            continue
        rows.append(
            (str(n), [name, _time(entry.get("at", "")), str(entry.get("by", "")), describe(entry)])
        )
    return rows


def settlement_text(detail: CaseDetail) -> str:
    """The last settlement: each item's actual cost and the total against the plan."""
    settled = detail.parts("settlement")
    if not settled:
        return ""
    last = settled[-1]
    actual: Mapping[str, Any] = last.get("actual") or {}
    each = _separator().join(
        QCoreApplication.translate("CaseDetail", "%s %s元")
        % (item_name(detail, str(code)), rules.yuan(int(fen)))
        for code, fen in actual.items()
    )
    total = rules.yuan(int(last.get("total_fen", 0)))
    return QCoreApplication.translate(
        "CaseDetail", "实际费用：%s。合计 %s 元（方案预算 %s 元，上限 %s 元）。"
    ) % (each, total, rules.yuan(detail.total_fen), rules.yuan(detail.cap_fen))


def warning_texts(detail: CaseDetail) -> list[str]:
    """The eligibility warnings recorded at opening and assessment, each with its reason."""
    from app.domain.issues import Issue

    said: list[str] = []
    for part, reason_text in (
        ("opening", QCoreApplication.translate("CaseDetail", "登记时的确认理由：%s")),
        ("assessment", QCoreApplication.translate("CaseDetail", "评估时的确认理由：%s")),
    ):
        for entry in detail.parts(part):
            warnings = [
                Issue(str(raw.get("code", "")), raw.get("params") or {}).message
                for raw in entry.get("warnings") or []
            ]
            if not warnings:
                continue
            if part == "opening":
                reason = str(entry.get("acknowledgement", ""))
            else:  # the acknowledgement went into the history entry of that assessment
                at = str(entry.get("at", ""))
                moves = [
                    h
                    for h in detail.history
                    if h.get("to") == rules.ASSESSED
                    and h.get("from") != rules.PLAN_DRAFTED
                    and str(h.get("at")) >= at
                ]
                reason = str(moves[0].get("reason", "")) if moves else ""
            said += warnings
            if reason:
                said.append(reason_text % reason)
    return said
