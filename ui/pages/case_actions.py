"""The steps a user may take on a case now (from the life cycle's rules and the role), and
for each the dialog that asks what it needs and the use case it calls."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from app.domain import renovation as rules
from app.services.changed import Changed
from ui.pages.case_detail import CaseDetail, item_name
from ui.pages.case_dialogs import AssessmentDialog, MoveDialog, PhotoDialog
from ui.pages.case_photos import store_photos
from ui.pages.case_plan import AcceptanceDialog, PlanDialog, SettleDialog

if TYPE_CHECKING:
    from ui.pages.case import CasePage

Action = tuple[str, str, Callable[[], None]]
ACCEPTANCE = "acceptance"
#: target -> (button text with mnemonic, what it does)
TEXTS: dict[str, tuple[str, str]] = {
    rules.PLAN_APPROVED: ("审批通过(&A)…", "批准改造方案；超限或只有辅具时须填写理由"),
    rules.PUBLICISED: ("公示(&G)…", "记录方案公示的起止日期和地点"),
    rules.IN_CONSTRUCTION: ("开始施工(&C)…", "记录施工单位和开工、计划完工日期"),
    ACCEPTANCE: ("验收(&Y)…", "逐项记录验收结果和户主满意度；有未完成项目时转入整改"),
    rules.SETTLED: ("结算(&J)…", "记录每个项目的实际费用"),
    rules.FOLLOWED_UP: ("回访(&U)…", "记录改造设施的使用和完好情况"),
    rules.WITHDRAWN: ("撤销个案(&W)…", "撤销本个案，须填写理由"),
}
PHOTO_TEXT = "添加照片(&T)…"
AFTER_STATES = frozenset(
    {rules.IN_CONSTRUCTION, rules.COMPLETED, rules.RECTIFICATION, rules.ACCEPTED,
     rules.SETTLED, rules.FOLLOWED_UP}
)  # fmt: skip


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaseActions", text)


def action_text(state: str, target: str) -> tuple[str, str]:
    """The button text and description of the move from `state` to `target`."""
    if target == rules.ASSESSED:
        if state == rules.PLAN_DRAFTED:
            return "退回重新评估(&K)…", "把方案退回专职委员重新评估，须填写理由"
        if state == rules.ASSESSED:
            return "重新评估(&E)…", "重新录入入户评估"
        return "录入评估(&E)…", "录入入户评估：改造意愿、测量、住房可否改造"
    if target == rules.PLAN_DRAFTED:
        if state == rules.PLAN_DRAFTED:
            return "修改方案(&N)…", "修改改造项目和数量"
        return "拟定方案(&N)…", "从项目目录选择改造项目和数量"
    if target == rules.COMPLETED:
        if state == rules.RECTIFICATION:
            return "整改完成(&D)…", "记录整改完成"
        return "完工(&D)…", "记录完工日期"
    key = ACCEPTANCE if target in (rules.ACCEPTED, rules.RECTIFICATION) else target
    return TEXTS.get(key, (rules.STATE_LABELS.get(target, target), ""))


class CaseActions:
    """The steps of the case page: buttons, dialogs, use cases."""

    photo_text = _tr(PHOTO_TEXT)

    def __init__(self, page: CasePage) -> None:
        self.page = page

    def available(self, detail: CaseDetail) -> list[Action]:
        """The steps the user's role may take on the case now, in the life cycle's order."""
        found: list[Action] = []
        shown: set[str] = set()
        for target in rules.CASES.targets(detail.state, self.page.session.role):
            text, description = action_text(detail.state, target)
            if text in shown:
                continue  # accepted and rectification are one acceptance visit
            shown.add(text)
            found.append((_tr(text), _tr(description), self._starter(detail, target)))
        if detail.state != rules.WITHDRAWN:
            found.append((self.photo_text, _tr("按改造项目添加改造前或改造后的照片"),
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
                _tr("验收"),
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
        text, description = action_text(detail.state, target)
        intro = _tr(description) + _tr("。")
        if target == rules.PLAN_APPROVED and detail.override_reason:
            intro += _tr("本方案超过上限或只有辅具（理由：%s），审批通过须填写理由。") % (
                detail.override_reason
            )
        return MoveDialog(detail.state, target, _tr(text.split("(")[0]), intro, self.page)

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
        items.append(("", _tr("全屋")))
        stage = "after" if detail.state in AFTER_STATES else "before"
        db, user, case_id = session.db, session.username, detail.case_id
        self.page.run_step(
            PhotoDialog(items, stage, self.page),
            lambda v, _a: store_photos(db, user, case_id, v["code"], v["stage"], v["paths"]),
            _tr("照片"),
        )
