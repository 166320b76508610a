"""The needs read from Form A's answers (reports.md): which item, which codes mean "needed"."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


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


def has_code(value: Any, codes: tuple[str, ...]) -> bool:
    """Whether an answer holds one of the codes: a single code (or yes/no) that is one, or a
    multi list (any JSON) whose text holds one quoted, that is a string of it at any depth
    (a key too); a number or true/false is none."""
    if isinstance(value, str):
        return value in codes
    if isinstance(value, list):
        return _any_holds(value, codes)
    if isinstance(value, dict):
        for key in value:
            if key in codes:
                return True
        return _any_holds(value.values(), codes)
    return False


def _any_holds(items: Iterable[Any], codes: tuple[str, ...]) -> bool:
    for item in items:  # loops, not any(): a save and a pull page summarise many
        if isinstance(item, str):
            if item in codes:
                return True
        elif isinstance(item, list | dict) and has_code(item, codes):
            return True
    return False


def has_need(answers: Mapping[str, Any], need: Need) -> bool:
    return any(has_code(answers.get(item), need.codes) for item in need.item.split("|"))


#: (bit, item, codes) of each need's items, worked out once (every save summarises)
_CHECKS = tuple(
    (1 << i, item, need.codes) for i, need in enumerate(NEEDS) for item in need.item.split("|")
)


def needs_mask(answers: Mapping[str, Any]) -> int:
    """The needs an answer set shows, as bits: bit i set for `NEEDS[i]` (`has_need`)."""
    mask = 0
    for bit, item, codes in _CHECKS:
        if not mask & bit:
            value = answers.get(item)
            if value is not None and has_code(value, codes):
                mask |= bit
    return mask
