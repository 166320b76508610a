"""The subsidy dialogs of the household page: apply, take a step (受理/审核/审定), refuse, stop.

Their texts are translated under the context "SubsidyDialogs" as the dialogs are made.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.domain import subsidies as rules
from app.domain.codes import load_code_lists
from ui.fields_dialog import Check, Field, FieldsDialog

translate = QCoreApplication.translate


def _required(label: str) -> Check:
    def check(text: str) -> str | None:
        return None if text.strip() else translate("SubsidyDialogs", "%s不能为空") % label

    return check


def apply_dialog(
    name: str, choices: Sequence[tuple[str, str]], chosen: str, parent: QWidget | None
) -> FieldsDialog:
    """申请: which subsidy and group ("kind:group" codes with their words), and a note."""
    fields = [
        Field(
            "subsidy",
            translate("SubsidyDialogs", "申请的补贴"),
            "choice",
            choices,
            help=translate("SubsidyDialogs", "按本年度、本区域的设置列出补贴、对象组和月标准"),
            extra={"plain": True},
        ),
        Field(
            "note",
            translate("SubsidyDialogs", "申请说明"),
            help=translate("SubsidyDialogs", "如：本人申请、监护人代为申请"),
        ),
    ]
    title = translate("SubsidyDialogs", "为 %s 申请补贴") % name
    return FieldsDialog(title, fields, {"subsidy": chosen}, parent)


def step_dialog(step_label: str, name: str, parent: QWidget | None) -> FieldsDialog:
    """受理 or 审核: an optional note of what was checked."""
    fields = [
        Field(
            "note",
            translate("SubsidyDialogs", "办理意见"),
            help=translate("SubsidyDialogs", "如：材料齐全、已入户核实"),
        )
    ]
    title = translate("SubsidyDialogs", "%s：%s 的补贴申请") % (step_label, name)
    return FieldsDialog(title, fields, {}, parent)


def approve_dialog(name: str, parent: QWidget | None) -> FieldsDialog:
    """审定: the district's decision date and number; paid from the following month."""

    def not_future(text: str) -> str | None:
        return (
            translate("SubsidyDialogs", "批准日期不能晚于今天")
            if text > date.today().isoformat()
            else None
        )

    number = translate("SubsidyDialogs", "批准文号")
    fields = [
        Field(
            "decision_date",
            translate("SubsidyDialogs", "批准日期"),
            "date",
            check=not_future,
            help=translate("SubsidyDialogs", "从批准的次月开始发放"),
        ),
        Field("decision_number", number, check=_required(number)),
        Field("note", translate("SubsidyDialogs", "审定意见")),
    ]
    title = translate("SubsidyDialogs", "审定：%s 的补贴申请") % name
    return FieldsDialog(title, fields, {"decision_date": date.today()}, parent)


def refuse_dialog(name: str, parent: QWidget | None) -> FieldsDialog:
    """不予批准, with the reason (required)."""
    reason = translate("SubsidyDialogs", "不予批准的原因")
    fields = [Field("note", reason, check=_required(reason))]
    title = translate("SubsidyDialogs", "不予批准：%s 的补贴申请") % name
    return FieldsDialog(title, fields, {}, parent)


def stop_dialog(name: str, kinds: Sequence[str], parent: QWidget | None) -> FieldsDialog:
    """停发: which subsidy, why, and the last month paid (the month of the event)."""
    kind_list = load_code_lists()["subsidy_kind"]
    reasons = load_code_lists()["subsidy_end_reason"]

    def month(text: str) -> str | None:
        return (
            None
            if rules.is_month(text)
            else translate("SubsidyDialogs", "月份应写成年-月，如 2026-12")
        )

    fields = [
        Field(
            "kind",
            translate("SubsidyDialogs", "停发的补贴"),
            "choice",
            [(k, kind_list.label(k)) for k in kinds],
            extra={"plain": True},
        ),
        Field(
            "reason",
            translate("SubsidyDialogs", "停发原因"),
            "choice",
            [(item.code, item.label) for item in reasons],
            extra={"plain": True},
        ),
        Field(
            "last_month",
            translate("SubsidyDialogs", "最后发放月份"),
            check=month,
            help=translate(
                "SubsidyDialogs", "发放到事由发生的当月（含），次月起停发；写成年-月，如 2026-12"
            ),
        ),
        Field("note", translate("SubsidyDialogs", "说明")),
    ]
    title = translate("SubsidyDialogs", "停发 %s 的补贴") % name
    values = {"last_month": rules.month_of(date.today())}
    return FieldsDialog(title, fields, values, parent)


def every_dialog(parent: QWidget | None) -> list[FieldsDialog]:
    """One of each subsidy dialog, with long texts (for the tests that walk every dialog)."""
    name = "欧阳晓玥"
    choices = [
        ("care:grade1", "重度残疾人护理补贴 · 一级 · 330.00元/月（符合）"),
        ("living:dibao", "困难残疾人生活补贴 · 最低生活保障 · 485.00元/月"),
    ]
    return [
        apply_dialog(name, choices, "care:grade1", parent),
        step_dialog(translate("SubsidyPanel", "受理"), name, parent),
        approve_dialog(name, parent),
        refuse_dialog(name, parent),
        stop_dialog(name, ["living", "care"], parent),
    ]
