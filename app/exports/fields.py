"""What an export can read: the fields of a source, its parameters, and the row parts shared
by every source (the place, the household, the person)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.domain.areas import address_key, is_area_code, prefix_of
from app.store.registry import Area, Household, Person

#: what a field holds; `id` and `bank` numbers are masked unless a template says otherwise
KINDS = ("text", "code", "number", "money", "date", "id", "bank")
SENSITIVE_KINDS = ("id", "bank")
#: the parameters an export may take (a template lists the ones its source needs)
PARAMS = ("round", "area", "month")


@dataclass(frozen=True)
class Field:
    """One value a source gives per row: its kind, and for codes where the labels are."""

    name: str
    title: str
    kind: str = "text"
    #: a code list of resources/codes (for `kind == "code"`), or the labels given inline
    codes: str = ""
    labels: Mapping[str, str] | None = None
    multi: bool = False  # a list of codes (a multi-select answer)


@dataclass(frozen=True)
class ExportParams:
    """The choices of one run: the survey round (a year), the area and the day it is run."""

    survey_round: str = ""
    area_code: str = ""  # a 12-digit area code; "" for all that the database holds
    as_of: date = field(default_factory=date.today)
    month: str = ""  # YYYY-MM of a monthly export; "" for the month of `as_of`

    @property
    def month_text(self) -> str:
        """The month of a monthly export as YYYY-MM."""
        return self.month or self.as_of.strftime("%Y-%m")

    @property
    def prefix(self) -> str:
        """The significant prefix of the area (district 6, town 9, village 12 digits)."""
        return prefix_of(self.area_code) if self.area_code else ""


RowsFunction = Callable[[Session, ExportParams], list[dict[str, Any]]]


@dataclass(frozen=True)
class Source:
    """The rows one kind of export is made of (read from the record tables) and their fields."""

    name: str
    title: str
    fields: Mapping[str, Field]
    rows: RowsFunction
    needs_round: bool = True


def area_code_from(text: str) -> str:
    """A 6-, 9- or 12-digit area code as its 12-digit form; ValueError when it is none."""
    digits = text.strip()
    code = digits.ljust(12, "0")
    if len(digits) not in (6, 9, 12) or not is_area_code(code):
        raise ValueError(f"区划代码无效：{text}")
    return code


def fields_of(*groups: Iterable[Field]) -> dict[str, Field]:
    return {f.name: f for group in groups for f in group}


AREA_FIELDS = (
    Field("area.code", "村（社区）代码"),
    Field("area.town_code", "乡镇（街道）代码"),
    Field("area.town", "乡镇（街道）"),
    Field("area.village", "村（社区）"),
)
HOUSEHOLD_FIELDS = (
    Field("household.address", "现住址"),
    Field("household.registered_address", "户籍地址"),
    Field("household.hukou_type", "户口性质", "code", "hukou_type"),
    Field("household.head_name", "户主姓名"),
    Field("household.head_id_number", "户主身份证号", "id"),
    Field("household.phone", "家庭电话"),
    Field("household.hardship", "困难类型", "code", "hardship", multi=True),
)
PERSON_FIELDS = (
    Field("person.name", "姓名"),
    Field("person.id_number", "公民身份号码", "id"),
    Field("person.cert_number", "残疾人证号", "id"),
    Field("person.relation", "与户主关系", "code", "relation"),
    Field("person.sex", "性别", "code", "sex"),
    Field("person.birth_date", "出生日期", "date"),
    Field("person.ethnicity", "民族", "code", "ethnicity"),
    Field("person.marital", "婚姻状况", "code", "marital"),
    Field("person.category", "残疾类别", "code", "disability_category"),
    Field("person.grade", "残疾等级", "code", "disability_grade"),
    Field("person.cause", "致残原因", "code", "disability_cause"),
    Field("person.self_care", "生活自理能力", "code", "self_care"),
    Field("person.card_generation", "残疾人证代别", "code", "card_generation"),
    Field("person.card_issued", "发证日期", "date"),
    Field("person.card_valid_until", "证件有效期至", "date"),
    Field("person.card_status", "证件状态", "code", "card_status"),
    Field("person.mobile", "手机"),
    Field("person.landline", "固定电话"),
    Field("person.contact_name", "联系人"),
    Field("person.contact_phone", "联系人电话"),
    Field("person.bank_name", "开户银行"),
    Field("person.bank_account", "银行账号", "bank"),
    Field("person.status", "人员状态", "code", "person_status"),
    Field("person.status_date", "状态日期", "date"),
)
_HOUSEHOLD_COLUMNS = [
    getattr(Household, f.name.split(".", 1)[1]).label(f.name) for f in HOUSEHOLD_FIELDS
]
_PERSON_COLUMNS = [getattr(Person, f.name.split(".", 1)[1]).label(f.name) for f in PERSON_FIELDS]


def in_area(query: Select[Any], params: ExportParams) -> Select[Any]:
    """Only the households of the chosen area (a prefix of their village's code)."""
    prefix = params.prefix
    return query.where(Household.area_code.like(f"{prefix}%")) if prefix else query


def household_query(*extra: Any) -> Select[Any]:
    """Live households with their place, plus `extra` columns (a join is the caller's)."""
    return select(
        Household.id.label("household.id"),
        Household.area_code.label("area.code"),
        *_HOUSEHOLD_COLUMNS,
        *extra,
    ).where(Household.deleted.is_(False))


def person_query(*extra: Any) -> Select[Any]:
    """Live persons of live households, with their household, plus `extra` columns."""
    return (
        household_query(Person.id.label("person.id"), *_PERSON_COLUMNS, *extra)
        .select_from(Person)
        .join(Household, Household.id == Person.household_id)
        .where(Person.deleted.is_(False))
    )


class Places:
    """Names of the towns and villages, read once per export."""

    def __init__(self, session: Session) -> None:
        self.names: dict[str, str] = {
            c: n for c, n in session.execute(select(Area.code, Area.name))
        }

    def add(self, row: dict[str, Any]) -> dict[str, Any]:
        """Put the town's code and the town's and village's names into `row`."""
        code = row["area.code"] or ""
        town = code[:9].ljust(12, "0")
        row["area.town_code"] = town
        row["area.town"] = self.names.get(town, "")
        row["area.village"] = self.names.get(code, "")
        return row


def read_rows(session: Session, query: Select[Any]) -> list[dict[str, Any]]:
    """The rows of `query` as dicts keyed by field name, with the place names filled in."""
    places = Places(session)
    return [places.add(dict(r)) for r in session.execute(query).mappings()]


def in_address_order(rows: list[dict[str, Any]], *after: str) -> list[dict[str, Any]]:
    """Rows by village, then address in its natural order, then household, then `after`."""

    def key(row: Mapping[str, Any]) -> tuple[Any, ...]:
        return (
            row["area.code"],
            address_key(row.get("household.address") or ""),
            row.get("household.id") or "",
            *(row.get(name) or "" for name in after),
        )

    return sorted(rows, key=key)
