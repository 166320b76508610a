"""The household page's dialogs: correct a household or a person, cancel, plan a visit."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from app.domain.codes import load_code_lists
from app.domain.issues import Issue
from app.domain.messages import message_for
from app.domain.phone import check_phone
from app.store.registry import Household, Person
from ui.fields_dialog import Check, Field, FieldsDialog


def _options(list_id: str, blank: bool = True) -> list[tuple[str, str]]:
    items = [(item.code, item.label) for item in load_code_lists()[list_id]]
    return ([("", "（未填）")] if blank else []) + items


def phone_check(text: str) -> str | None:
    """Empty is fine; otherwise the phone rule's message."""
    if not text:
        return None
    found: list[Issue] = check_phone(text)
    return message_for(found[0]) if found else None


def required(label: str) -> Check:
    def check(text: str) -> str | None:
        return None if text.strip() else f"{label}不能为空"

    return check


def household_dialog(household: Household, parent: QWidget | None) -> FieldsDialog:
    fields = [
        Field("address", "现居住地址", check=required("现居住地址")),
        Field("registered_address", "户籍地址"),
        Field("hukou_type", "户口性质", "choice", _options("hukou_type")),
        Field("hukou_number", "户口号"),
        Field("phone", "联系电话", check=phone_check, help="11位手机号，或带区号的固定电话"),
        Field("phone2", "备用电话", check=phone_check),
        Field("hardship", "困难类型", "flags", _options("hardship", blank=False)),
    ]
    values = {f.key: getattr(household, f.key) for f in fields}
    return FieldsDialog("修改户信息", fields, values, parent)


def person_dialog(person: Person, parent: QWidget | None) -> FieldsDialog:
    fields = [
        Field("mobile", "手机", check=phone_check),
        Field("landline", "固定电话", check=phone_check),
        Field("contact_name", "联系人"),
        Field("contact_relation", "联系人关系", "choice", _options("relation")),
        Field("contact_phone", "联系人电话", check=phone_check),
        Field("marital", "婚姻状况", "choice", _options("marital")),
        Field("ethnicity", "民族", "choice", _options("ethnicity", blank=False)),
        Field("in_institution", "住在托养机构（敬老院、福利院等）", "bool"),
    ]
    values = {f.key: getattr(person, f.key) for f in fields}
    return FieldsDialog(f"修改 {person.name} 的信息", fields, values, parent)


def cancel_dialog(person: Person, parent: QWidget | None) -> FieldsDialog:
    def not_future(text: str) -> str | None:
        return "注销日期不能晚于今天" if text > date.today().isoformat() else None

    fields = [
        Field("reason", "注销原因", "choice", _options("cancel_reason", blank=False)),
        Field("on", "变动日期", "date", check=not_future),
    ]
    return FieldsDialog(f"注销 {person.name}", fields, {"on": date.today()}, parent)


def plan_dialog(parent: QWidget | None) -> FieldsDialog:
    def not_past(text: str) -> str | None:
        return "不能计划在已过去的日期" if text < date.today().isoformat() else None

    fields = [
        Field("day", "走访日期", "date", check=not_past),
        Field("note", "备注"),
    ]
    return FieldsDialog("计划走访", fields, {"day": date.today()}, parent)
