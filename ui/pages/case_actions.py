"""The steps a user may take on a case now (from the life cycle's rules and the role), and
for each the dialog that asks what it needs and the use case it calls."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from app.domain import renovation as rules
from app.services.changed import Changed
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.case_detail import CaseDetail, item_name
from ui.pages.case_dialogs import AssessmentDialog, MoveDialog, PhotoDialog
from ui.pages.case_photos import store_photos
from ui.pages.case_plan import AcceptanceDialog, PlanDialog, SettleDialog

if TYPE_CHECKING:
    from ui.pages.case import CasePage

#: a step as the page shows it: (button text, accessible name, description, what it runs)
Action = tuple[str, str, str, Callable[[], None]]
#: a step's texts, untranslated: (button text with mnemonic, its name, what it does)
Texts = tuple[str, str, str]
ACCEPTANCE = "acceptance"
# The texts below are translated (context CaseActions) when the buttons are made.
#: target -> its texts
TEXTS: dict[str, Texts] = {
    rules.PLAN_APPROVED: (
        QT_TRANSLATE_NOOP("CaseActions", "审批通过(&A)…"),
        QT_TRANSLATE_NOOP("CaseActions", "审批通过"),
        QT_TRANSLATE_NOOP("CaseActions", "批准改造方案；超限或只有辅具时须填写理由"),
    ),
    rules.PUBLICISED: (
        QT_TRANSLATE_NOOP("CaseActions", "公示(&G)…"),
        QT_TRANSLATE_NOOP("CaseActions", "公示"),
        QT_TRANSLATE_NOOP("CaseActions", "记录方案公示的起止日期和地点"),
    ),
    rules.IN_CONSTRUCTION: (
        QT_TRANSLATE_NOOP("CaseActions", "开始施工(&C)…"),
        QT_TRANSLATE_NOOP("CaseActions", "开始施工"),
        QT_TRANSLATE_NOOP("CaseActions", "记录施工单位和开工、计划完工日期"),
    ),
    ACCEPTANCE: (
        QT_TRANSLATE_NOOP("CaseActions", "验收(&Y)…"),
        QT_TRANSLATE_NOOP("CaseActions", "验收"),
        QT_TRANSLATE_NOOP("CaseActions", "逐项记录验收结果和户主满意度；有未完成项目时转入整改"),
    ),
    rules.SETTLED: (
        QT_TRANSLATE_NOOP("CaseActions", "结算(&J)…"),
        QT_TRANSLATE_NOOP("CaseActions", "结算"),
        QT_TRANSLATE_NOOP("CaseActions", "记录每个项目的实际费用"),
    ),
    rules.FOLLOWED_UP: (
        QT_TRANSLATE_NOOP("CaseActions", "回访(&U)…"),
        QT_TRANSLATE_NOOP("CaseActions", "回访"),
        QT_TRANSLATE_NOOP("CaseActions", "记录改造设施的使用和完好情况"),
    ),
    rules.WITHDRAWN: (
        QT_TRANSLATE_NOOP("CaseActions", "撤销个案(&W)…"),
        QT_TRANSLATE_NOOP("CaseActions", "撤销个案"),
        QT_TRANSLATE_NOOP("CaseActions", "撤销本个案，须填写理由"),
    ),
}
#: the texts of the moves that also depend on the case's state (see action_text)
SEND_BACK: Texts = (
    QT_TRANSLATE_NOOP("CaseActions", "退回重新评估(&K)…"),
    QT_TRANSLATE_NOOP("CaseActions", "退回重新评估"),
    QT_TRANSLATE_NOOP("CaseActions", "把方案退回专职委员重新评估，须填写理由"),
)
REASSESS: Texts = (
    QT_TRANSLATE_NOOP("CaseActions", "重新评估(&E)…"),
    QT_TRANSLATE_NOOP("CaseActions", "重新评估"),
    QT_TRANSLATE_NOOP("CaseActions", "重新录入入户评估"),
)
ASSESS: Texts = (
    QT_TRANSLATE_NOOP("CaseActions", "录入评估(&E)…"),
    QT_TRANSLATE_NOOP("CaseActions", "录入评估"),
    QT_TRANSLATE_NOOP("CaseActions", "录入入户评估：改造意愿、测量、住房可否改造"),
)
REVISE_PLAN: Texts = (
    QT_TRANSLATE_NOOP("CaseActions", "修改方案(&N)…"),
    QT_TRANSLATE_NOOP("CaseActions", "修改方案"),
    QT_TRANSLATE_NOOP("CaseActions", "修改改造项目和数量"),
)
DRAFT_PLAN: Texts = (
    QT_TRANSLATE_NOOP("CaseActions", "拟定方案(&N)…"),
    QT_TRANSLATE_NOOP("CaseActions", "拟定方案"),
    QT_TRANSLATE_NOOP("CaseActions", "从项目目录选择改造项目和数量"),
)
RECTIFIED: Texts = (
    QT_TRANSLATE_NOOP("CaseActions", "整改完成(&D)…"),
    QT_TRANSLATE_NOOP("CaseActions", "整改完成"),
    QT_TRANSLATE_NOOP("CaseActions", "记录整改完成"),
)
COMPLETE: Texts = (
    QT_TRANSLATE_NOOP("CaseActions", "完工(&D)…"),
    QT_TRANSLATE_NOOP("CaseActions", "完工"),
    QT_TRANSLATE_NOOP("CaseActions", "记录完工日期"),
)
PHOTOS: Texts = (
    QT_TRANSLATE_NOOP("CaseActions", "添加照片(&T)…"),
    QT_TRANSLATE_NOOP("CaseActions", "添加照片"),
    QT_TRANSLATE_NOOP("CaseActions", "按改造项目添加改造前或改造后的照片"),
)
AFTER_STATES = frozenset(
    {rules.IN_CONSTRUCTION, rules.COMPLETED, rules.RECTIFICATION, rules.ACCEPTED,
     rules.SETTLED, rules.FOLLOWED_UP}
)  # fmt: skip


def _tr(text: str) -> str:
    """A text marked above (context CaseActions), in the language of the moment."""
    return QCoreApplication.translate("CaseActions", text)


def action_text(state: str, target: str) -> Texts:
    """The button text, name and description of the move from `state` to `target`
    (untranslated)."""
    if target == rules.ASSESSED:
        if state == rules.PLAN_DRAFTED:
            return SEND_BACK
        return REASSESS if state == rules.ASSESSED else ASSESS
    if target == rules.PLAN_DRAFTED:
        return REVISE_PLAN if state == rules.PLAN_DRAFTED else DRAFT_PLAN
    if target == rules.COMPLETED:
        return RECTIFIED if state == rules.RECTIFICATION else COMPLETE
    key = ACCEPTANCE if target in (rules.ACCEPTED, rules.RECTIFICATION) else target
    label = rules.STATE_LABELS.get(target, target)
    return TEXTS.get(key, (label, label, ""))


class CaseActions:
    """The steps of the case page: buttons, dialogs, use cases."""

    def __init__(self, page: CasePage) -> None:
        self.page = page

    @property
    def photo_text(self) -> str:
        """The text of the button that adds photos (in the language of the moment)."""
        return _tr(PHOTOS[0])

    def available(self, detail: CaseDetail) -> list[Action]:
        """The steps the user's role may take on the case now, in the life cycle's order."""
        found: list[Action] = []
        shown: set[str] = set()
        for target in rules.CASES.targets(detail.state, self.page.session.role):
            text, name, description = action_text(detail.state, target)
            if text in shown:
                continue  # accepted and rectification are one acceptance visit
            shown.add(text)
            starter = self._starter(detail, target)
            found.append((_tr(text), _tr(name), _tr(description), starter))
        if detail.state != rules.WITHDRAWN:
            text, name, description = PHOTOS
            found.append((_tr(text), _tr(name), _tr(description),
                          lambda: self.add_photos(detail)))  # fmt: skip
        return found

    def _starter(self, detail: CaseDetail, target: str) -> Callable[[], None]:
        return lambda: self.start(detail, target)

    def start(self, detail: CaseDetail, target: str) -> None:
        """Ask what the move to `target` needs, then make it."""
        page, cases, case_id = self.page, self.page.session.cases, detail.case_id
        done = rules.STATE_LABELS[target]
        if target == rules.ASSESSED and detail.state != rules.PLAN_DRAFTED:
            last = detail.parts("assessment")[-1] if detail.parts("assessment") else {}
            page.run_step(
                AssessmentDialog(last, page),
                lambda v, ack: cases.record_assessment(case_id, v, acknowledge=ack),
                done,
            )
        elif target == rules.PLAN_DRAFTED:
            dialog = PlanDialog(cases.catalogue, detail.category, detail.plan, detail.cap_fen,
                                detail.override_reason, page)  # fmt: skip
            page.run_step(
                dialog,
                lambda v, _a: cases.set_plan(case_id, v["items"], v["override_reason"]),
                done,
            )
        elif target in (rules.ACCEPTED, rules.RECTIFICATION):
            page.run_step(
                AcceptanceDialog(detail.plan, page),
                lambda v, _a: cases.record_acceptance(
                    case_id, v["results"], v["satisfaction"], v["reason"]
                ),
                QCoreApplication.translate("CaseActions", "验收"),
            )
        elif target == rules.SETTLED:
            page.run_step(
                SettleDialog(detail.plan, detail.cap_fen, page),
                lambda v, _a: cases.settle(case_id, v["actual"], reason=v["reason"]),
                done,
            )
        else:
            page.run_step(self._move_dialog(detail, target), self._move(case_id, target), done)

    def _move_dialog(self, detail: CaseDetail, target: str) -> MoveDialog:
        _text, name, description = action_text(detail.state, target)
        intro = _tr(description) + QCoreApplication.translate("CaseActions", "。")
        if target == rules.PLAN_APPROVED and detail.override_reason:
            intro += QCoreApplication.translate(
                "CaseActions", "本方案超过上限或只有辅具（理由：%s），审批通过须填写理由。"
            ) % (detail.override_reason)
        return MoveDialog(detail.state, target, _tr(name), intro, self.page)

    def _move(self, case_id: str, target: str) -> Callable[[dict[str, Any], str], Changed]:
        cases = self.page.session.cases
        if target == rules.WITHDRAWN:
            return lambda v, _a: cases.withdraw(case_id, v["reason"])
        return lambda v, _a: cases.move(case_id, target, v["reason"], details=v["details"])

    def add_photos(self, detail: CaseDetail) -> None:
        """Ask for the item, the stage and the files; reduce and store them off the UI thread."""
        session = self.page.session
        items = [(code, item_name(detail, code)) for code in
                 [str(line["code"]) for line in detail.plan]]  # fmt: skip
        if not items:  # before the plan: the items suggested for the person, or the whole home
            catalogue = session.cases.catalogue
            items = [(i.code, f"{i.code} {i.name}") for i in catalogue.suggest(detail.category)]
        items.append(("", QCoreApplication.translate("CaseActions", "全屋")))
        stage = "after" if detail.state in AFTER_STATES else "before"
        db, user, case_id = session.db, session.username, detail.case_id
        self.page.run_step(
            PhotoDialog(items, stage, self.page),
            lambda v, _a: store_photos(db, user, case_id, v["code"], v["stage"], v["paths"]),
            QCoreApplication.translate("CaseActions", "照片"),
        )
