"""The needs read from Form A's answers (reports.md): which item, which codes mean "needed"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, or_


@dataclass(frozen=True)
class Need:
    """One need read from Form A's answers: the item and the codes that mean "needed"."""

    label: str
    item: str  # the answer's key (R number in `source`)
    codes: tuple[str, ...]
    source: str  # how it is read, for the definition


#: the needs of reports.md, each from its item of dynamic-update 2021.1
NEEDS = (
    Need(
        "康复服务",
        "rehab_needed",
        ("1", "2", "5", "6"),
        "R37目前需要的康复服务选了手术、功能训练、药物或支持性服务",
    ),
    Need("辅助器具", "rehab_needed", ("3", "4"), "R37选了辅助器具或假肢矫形器"),
    Need("教育（6至17岁未在学）", "in_school", ("3",), "R11是否在学为未在学"),
    Need(
        "就业扶贫与培训",
        "help_needed",
        ("1", "2", "3", "4", "5"),
        "R21目前需要的就业扶贫服务选了“无”以外的项",
    ),
    Need(
        "社会保障（未参加居民养老或医疗保险）",
        "resident_pension|resident_medical",
        ("2",),
        "R23未参加城乡居民养老保险或R25未参加城乡居民医疗保险",
    ),
    Need("托养服务", "care_need", ("1", "2", "3"), "R30托养服务需求为居家、日间或寄宿"),
    Need(
        "家庭无障碍改造",
        "renovation_needed",
        ("1", "2", "3", "4", "5", "6", "7"),
        "R39家庭无障碍改造需求选了“无”以外的项",
    ),
)


def has_code(answers: Any, item: str, codes: tuple[str, ...]) -> ColumnElement[bool]:
    """Whether an answer (single code, yes/no or a multi list) holds one of the codes: the
    answer's JSON text holds the quoted code (a list) or is the code (a single answer)."""
    value = answers[item].as_string()
    return or_(value.in_(codes), *(value.like(f'%"{code}"%') for code in codes))


def need_condition(answers: Any, need: Need) -> ColumnElement[bool]:
    return or_(*(has_code(answers, item, need.codes) for item in need.item.split("|")))
