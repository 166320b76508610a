"""Registry upkeep dialogs: a new household, a new person with their certificate, a new
certificate after a grade or category change (换证).

Each checks as the user types (the ID number, the certificate number against the ID,
category and grade, the phones) and saves through the registry use case itself: a
refusal (an ID number already registered, say) is shown in the dialog, under its field,
with everything typed kept. Texts are translated under the context "RegistryDialogs".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.domain.certificate import check_certificate
from app.domain.identity import birth_date_from_id, check_resident_id, normalize_resident_id
from app.domain.masking import mask_id
from app.services.registry import Registry
from app.store.registry import Person
from ui.fields_dialog import Field, FieldsDialog
from ui.pages.household_dialogs import _options, phone_check, required

translate = QCoreApplication.translate


def id_check(text: str) -> str | None:
    """The resident ID rule's first message (an empty number too)."""
    issues = check_resident_id(normalize_resident_id(text))
    return issues[0].message if issues else None


def derived_note(values: Mapping[str, Any]) -> str:
    """What the ID number gives: sex and birth date, never typed."""
    number = normalize_resident_id(str(values.get("id_number") or ""))
    if check_resident_id(number):
        return translate("RegistryDialogs", "性别和出生日期由身份证号自动得出")
    sex = (
        translate("RegistryDialogs", "男")
        if int(number[16]) % 2
        else translate("RegistryDialogs", "女")
    )
    text = translate("RegistryDialogs", "由身份证号得出：%s，出生日期 %s")
    return text % (sex, birth_date_from_id(number).isoformat())


def certificate_errors(resident_id: str) -> Callable[[Mapping[str, Any]], dict[str, str]]:
    """The certificate number checked against the ID number (given, or typed in the
    dialog), the category and the grade; each missing choice named."""

    def check(values: Mapping[str, Any]) -> dict[str, str]:
        errors: dict[str, str] = {}
        number = str(values.get("cert_number") or "")
        # the choices are asked for once a number is typed (an empty number is its own
        # error): fewer lines at once in a dialog that must fit a small screen
        labels = {
            "category": translate("RegistryDialogs", "残疾类别"),
            "grade": translate("RegistryDialogs", "残疾等级"),
        }
        for key, label in labels.items():
            if number and not values.get(key):
                errors[key] = translate("RegistryDialogs", "请选择%s") % label
        found = check_certificate(
            number,
            resident_id=resident_id or str(values.get("id_number") or "") or None,
            category=values.get("category") or None,
            grade=values.get("grade") or None,
        )
        if found:
            errors["cert_number"] = found[0].message
        return errors

    return check


def _cert_help() -> str:
    return translate(
        "RegistryDialogs", "18位身份证号，加残疾类别（1-7）和等级（1-4）；补发证再加B和一位数字"
    )


def _certificate_fields() -> list[Field]:
    return [
        Field("cert_number", translate("RegistryDialogs", "残疾人证号"), help=_cert_help()),
        Field(
            "category",
            translate("RegistryDialogs", "残疾类别"),
            "choice",
            _options("disability_category"),
        ),
        Field(
            "grade",
            translate("RegistryDialogs", "残疾等级"),
            "choice",
            _options("disability_grade"),
        ),
    ]


def add_household_dialog(
    registry: Registry,
    villages: Sequence[tuple[str, str]],
    parent: QWidget | None,
    *,
    area_code: str = "",
) -> FieldsDialog:
    """A new household in a village of the user's (`villages`: (code, label))."""
    address = translate("RegistryDialogs", "现居住地址")
    fields = [
        Field("area_code", translate("RegistryDialogs", "村/社区"), "choice", list(villages)),
        Field("address", address, check=required(address)),
        Field("registered_address", translate("RegistryDialogs", "户籍地址")),
        Field(
            "hukou_type", translate("RegistryDialogs", "户口性质"), "choice", _options("hukou_type")
        ),
        Field("head_name", translate("RegistryDialogs", "户主姓名")),
        Field(
            "phone",
            translate("RegistryDialogs", "联系电话"),
            check=phone_check,
            help=translate("RegistryDialogs", "11位手机号，或带区号的固定电话"),
        ),
    ]

    def save(values: dict[str, Any]) -> object:
        return registry.add_household(values)

    return FieldsDialog(
        translate("RegistryDialogs", "新增户"),
        fields,
        {"area_code": area_code, "hukou_type": "1"},
        parent,
        save=save,
    )


def add_person_dialog(
    registry: Registry, household_id: str, parent: QWidget | None
) -> FieldsDialog:
    """A new certified person of a household, with their certificate."""
    name = translate("RegistryDialogs", "姓名")
    fields = [
        Field("name", name, check=required(name)),
        Field(
            "id_number",
            translate("RegistryDialogs", "身份证号"),
            check=id_check,
            help=translate("RegistryDialogs", "18位，最后一位可以是X"),
        ),
        *_certificate_fields(),
        Field("card_issued", translate("RegistryDialogs", "发证日期"), "date"),
        Field(
            "relation", translate("RegistryDialogs", "与户主关系"), "choice", _options("relation")
        ),
        Field("mobile", translate("RegistryDialogs", "手机"), check=phone_check),
    ]

    def save(values: dict[str, Any]) -> object:
        return registry.add_person(household_id, values)

    return FieldsDialog(
        translate("RegistryDialogs", "新增残疾人"),
        fields,
        {"card_issued": date.today()},
        parent,
        cross=certificate_errors(""),
        note=derived_note,
        save=save,
    )


def new_certificate_dialog(
    registry: Registry, person: Person, parent: QWidget | None
) -> FieldsDialog:
    """换证: a new certificate number, category and grade from a date; the old one is kept
    in the certificate history with its dates."""

    def not_future(text: str) -> str | None:
        if text > date.today().isoformat():
            return translate("RegistryDialogs", "发证日期不能晚于今天")
        return None

    fields = [
        *_certificate_fields(),
        Field("issued_on", translate("RegistryDialogs", "新证发证日期"), "date", check=not_future),
    ]
    values = {
        "cert_number": person.id_number,
        "category": person.category,
        "grade": person.grade,
        "issued_on": date.today(),
    }
    old = person.cert_number

    def note(_values: Mapping[str, Any]) -> str:
        if not old:
            return translate("RegistryDialogs", "此人还没有登记残疾人证")
        text = translate(
            "RegistryDialogs", "现有证：%s（%s类%s级），换证后保留在证件记录中，注明起止日期"
        )
        return text % (mask_id(old), person.category, person.grade)

    def save(chosen: dict[str, Any]) -> object:
        return registry.new_certificate(
            person.id,
            chosen["cert_number"],
            chosen["category"],
            chosen["grade"],
            chosen["issued_on"],
        )

    return FieldsDialog(
        translate("RegistryDialogs", "为 %s 换证") % person.name,
        fields,
        values,
        parent,
        cross=certificate_errors(person.id_number),
        note=note,
        save=save,
    )
