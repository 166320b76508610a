"""The household page's dialogs: correct a household or a person, cancel, plan a visit.

Their texts are translated under the context "HouseholdDialogs" as the dialogs are made.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.domain.codes import load_code_lists
from app.domain.issues import Issue
from app.domain.messages import message_for
from app.domain.phone import check_phone
from app.store.registry import Household, Person
from ui.fields_dialog import Check, Field, FieldsDialog

translate = QCoreApplication.translate


def _options(list_id: str, blank: bool = True) -> list[tuple[str, str]]:
    items = [(item.code, item.label) for item in load_code_lists()[list_id]]
    return ([("", translate("HouseholdDialogs", "（未填）"))] if blank else []) + items


def phone_check(text: str) -> str | None:
    """Empty is fine; otherwise the phone rule's message."""
    if not text:
        return None
    found: list[Issue] = check_phone(text)
    return message_for(found[0]) if found else None


def required(label: str) -> Check:
    def check(text: str) -> str | None:
        return None if text.strip() else translate("HouseholdDialogs", "%s不能为空") % label

    return check


def household_dialog(household: Household, parent: QWidget | None) -> FieldsDialog:
    address = translate("HouseholdDialogs", "现居住地址")
    phone_help = translate("HouseholdDialogs", "11位手机号，或带区号的固定电话")
    fields = [
        Field("address", address, check=required(address)),
        Field("registered_address", translate("HouseholdDialogs", "户籍地址")),
        Field(
            "hukou_type",
            translate("HouseholdDialogs", "户口性质"),
            "choice",
            _options("hukou_type"),
        ),
        Field("hukou_number", translate("HouseholdDialogs", "户口号")),
        Field(
            "phone", translate("HouseholdDialogs", "联系电话"), check=phone_check, help=phone_help
        ),
        Field("phone2", translate("HouseholdDialogs", "备用电话"), check=phone_check),
        Field(
            "hardship",
            translate("HouseholdDialogs", "困难类型"),
            "flags",
            _options("hardship", blank=False),
        ),
    ]
    values = {f.key: getattr(household, f.key) for f in fields}
    return FieldsDialog(translate("HouseholdDialogs", "修改户信息"), fields, values, parent)


def person_dialog(person: Person, parent: QWidget | None) -> FieldsDialog:
    fields = [
        Field("mobile", translate("HouseholdDialogs", "手机"), check=phone_check),
        Field("landline", translate("HouseholdDialogs", "固定电话"), check=phone_check),
        Field("contact_name", translate("HouseholdDialogs", "联系人")),
        Field(
            "contact_relation",
            translate("HouseholdDialogs", "联系人关系"),
            "choice",
            _options("relation"),
        ),
        Field("contact_phone", translate("HouseholdDialogs", "联系人电话"), check=phone_check),
        Field("marital", translate("HouseholdDialogs", "婚姻状况"), "choice", _options("marital")),
        Field(
            "ethnicity",
            translate("HouseholdDialogs", "民族"),
            "choice",
            _options("ethnicity", blank=False),
        ),
        Field(
            "in_institution",
            translate("HouseholdDialogs", "住在托养机构（敬老院、福利院等）"),
            "bool",
        ),
    ]
    values = {f.key: getattr(person, f.key) for f in fields}
    title = translate("HouseholdDialogs", "修改 %s 的信息") % person.name
    return FieldsDialog(title, fields, values, parent)


def cancel_dialog(person: Person, parent: QWidget | None) -> FieldsDialog:
    def not_future(text: str) -> str | None:
        if text > date.today().isoformat():
            return translate("HouseholdDialogs", "注销日期不能晚于今天")
        return None

    fields = [
        Field(
            "reason",
            translate("HouseholdDialogs", "注销原因"),
            "choice",
            _options("cancel_reason", blank=False),
        ),
        Field("on", translate("HouseholdDialogs", "变动日期"), "date", check=not_future),
    ]
    title = translate("HouseholdDialogs", "注销 %s") % person.name
    return FieldsDialog(title, fields, {"on": date.today()}, parent)


def plan_dialog(parent: QWidget | None) -> FieldsDialog:
    def not_past(text: str) -> str | None:
        if text < date.today().isoformat():
            return translate("HouseholdDialogs", "不能计划在已过去的日期")
        return None

    fields = [
        Field("day", translate("HouseholdDialogs", "走访日期"), "date", check=not_past),
        Field("note", translate("HouseholdDialogs", "备注")),
    ]
    title = translate("HouseholdDialogs", "计划走访")
    return FieldsDialog(title, fields, {"day": date.today()}, parent)
