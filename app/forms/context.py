"""What a form's expressions may read besides its answers: the person, household, settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.domain.identity import age_on, birth_date_from_id, is_valid_resident_id

#: Names every expression may use, with what they mean (documented in resources/forms/README.md).
CONTEXT_NAMES: dict[str, str] = {
    "age": "年龄（按调查标准时点，由身份证号计算）",
    "sex": "性别代码：1 男，2 女",
    "category": "残疾类别代码 1-7",
    "grade": "残疾等级代码 1-4",
    "hukou_type": "户口性质代码：1 农业，2 非农业",
    "in_institution": "是否住在托养机构：1 是，2 否",
    "hardship": "户的困难类型代码（多个）",
    "living_subsidy": "登记的生活补贴是否在发放：1 是，2 否",
    "care_subsidy": "登记的护理补贴是否在发放：1 是，2 否",
    "year": "调查年度",
    "quarter": "调查季度（按季度监测时），否则为空",
    "dibao_line": "当地低保标准（元/人·月）",
    "near_dibao_multiple": "低保边缘的倍数",
    "cost_cap": "无障碍改造每户费用上限（元）",
    "spending_ceiling": "需要确认的大额支出（元）",
}


@dataclass(frozen=True)
class FormContext:
    """The facts a response is filled against: reference date, registry facts, settings."""

    reference_date: date
    year: int
    quarter: int | None = None
    #: registry facts by prefill key: "person.name", "household.hukou_type", ...
    registry: Mapping[str, Any] = field(default_factory=dict)
    #: settings of the year and area, by context name (dibao_line, cost_cap, ...)
    settings: Mapping[str, Any] = field(default_factory=dict)

    def age_of(self, resident_id: Any) -> int | None:
        """Age on the reference date from an ID number (None if the number is not valid)."""
        if not isinstance(resident_id, str) or not is_valid_resident_id(resident_id):
            return None
        born = birth_date_from_id(resident_id)
        if born > self.reference_date:
            return None  # not yet born on the reference date: no age to gate on
        return age_on(born, self.reference_date)

    def names(self) -> dict[str, Any]:
        """The context names of CONTEXT_NAMES with this response's values (None if unknown)."""
        values: dict[str, Any] = dict.fromkeys(CONTEXT_NAMES)
        registry = self.registry
        values.update(
            age=self.age_of(registry.get("person.id_number")),
            sex=registry.get("person.sex"),
            category=registry.get("person.category"),
            grade=registry.get("person.grade"),
            hukou_type=registry.get("household.hukou_type"),
            in_institution=registry.get("person.in_institution"),
            hardship=list(registry.get("household.hardship") or []),
            # a person's form reads the person's subsidies; a household's form, any member's
            living_subsidy=registry.get("person.living_subsidy")
            or registry.get("household.living_subsidy"),
            care_subsidy=registry.get("person.care_subsidy")
            or registry.get("household.care_subsidy"),
            year=self.year,
            quarter=self.quarter,
        )
        for name, value in self.settings.items():
            if name in CONTEXT_NAMES:
                values[name] = value
        return values
