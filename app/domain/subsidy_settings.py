"""The settings of the two subsidies: who each group takes in, its monthly standard, exclusions.

Read by `app.domain.settings` from the keys `living_groups`, `living_subsidy_yuan`,
`living_excluded_hardship`, `care_groups`, `care_subsidy_yuan`, `care_excluded_hardship`
and `care_excluded_in_institution` of a year or an override (resources/settings/settings.yaml
documents them). A group is named by a short code (the `group` column of a subsidy row).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

from app.domain.codes import load_code_lists

LIVING = "living"
CARE = "care"
KINDS = (LIVING, CARE)
GROUP_NAME = re.compile(r"^[a-z][a-z0-9_]{0,19}$")

#: the subsidy keys with their defaults: no group configured means no subsidy rules that year
DEFAULTS: Mapping[str, object] = {
    "living_groups": {},
    "living_subsidy_yuan": {},
    "living_excluded_hardship": (),
    "care_groups": {},
    "care_subsidy_yuan": {},
    "care_excluded_hardship": (),
    "care_excluded_in_institution": False,
}
#: the keys an override merges group by group instead of replacing whole
MERGED = frozenset({"living_subsidy_yuan", "care_subsidy_yuan"})

_Fail: TypeAlias = Callable[[str, str], Exception]
_Money: TypeAlias = Callable[[object, str], int]


@dataclass(frozen=True)
class SubsidyGroup:
    """One group of a subsidy: who it takes in and what it pays per person per month."""

    kind: str
    name: str
    amount_fen: int
    hardship: tuple[str, ...] = ()  # living: the family's hardship codes that qualify
    grades: tuple[str, ...] = ()  # care: the grades that qualify
    categories: tuple[str, ...] = ()  # care: the categories (empty: every category)

    def takes(self, hardship: tuple[str, ...] | list[str], grade: str, category: str) -> bool:
        """Whether a person of this family, grade and category belongs to the group."""
        if self.kind == LIVING:
            return bool(set(self.hardship) & set(hardship))
        return grade in self.grades and (not self.categories or category in self.categories)


def _codes(raw: object, list_id: str, name: str, fail: _Fail) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(c, str) for c in raw):
        raise fail(name, f'应为带引号的代码列表，如 ["1", "2"]（现为 {raw!r}）')
    known = load_code_lists()[list_id]
    for code in raw:
        if code not in known:
            raise fail(name, f"中的 {code} 不是{known.title}代码")
    return tuple(raw)


def parse_value(key: str, raw: object, name: str, fail: _Fail, money: _Money) -> object:
    """One subsidy key's value, checked; `money` turns yuan into fen (two decimals at most)."""
    if key.endswith("_excluded_hardship"):
        return _codes(raw, "hardship", name, fail)
    if key == "care_excluded_in_institution":
        if not isinstance(raw, bool):
            raise fail(name, f"应为 true 或 false（现为 {raw!r}）")
        return raw
    if not isinstance(raw, dict):
        raise fail(name, "应为按组列出的映射")
    for group in raw:
        if not isinstance(group, str) or not GROUP_NAME.match(group):
            raise fail(f"{name}.{group}", "组名应为小写字母开头的字母、数字或下划线，至多20个")
    if key.endswith("_subsidy_yuan"):
        return {group: money(value, f"{name}.{group}") for group, value in raw.items()}
    groups: dict[str, dict[str, tuple[str, ...]]] = {}
    for group, block in raw.items():
        where = f"{name}.{group}"
        if not isinstance(block, dict):
            raise fail(where, "应为映射")
        allowed = ("hardship",) if key == "living_groups" else ("grades", "categories")
        for part in block:
            if part not in allowed:
                raise fail(f"{where}.{part}", f"是未知的键（可用：{'、'.join(allowed)}）")
        if key == "living_groups":
            if "hardship" not in block:
                raise fail(f"{where}.hardship", "缺少（享受本组的家庭困难类型代码）")
            groups[group] = {"hardship": _codes(block["hardship"], "hardship", where, fail)}
        else:
            if "grades" not in block:
                raise fail(f"{where}.grades", "缺少（享受本组的残疾等级）")
            groups[group] = {
                "grades": _codes(block["grades"], "disability_grade", f"{where}.grades", fail),
                "categories": _codes(
                    block.get("categories", []), "disability_category", f"{where}.categories", fail
                ),
            }
    return groups


def merge(values: dict[str, Any], override: Mapping[str, Any]) -> None:
    """Apply an override's values: standards merge per group, every other key is replaced."""
    for key, value in override.items():
        if key in MERGED:
            values[key] = {**values.get(key, {}), **value}
        else:
            values[key] = value


def check_standards(values: Mapping[str, Any], where: str, fail: _Fail) -> None:
    """Every group has a standard and every standard a group, for both kinds."""
    for kind in KINDS:
        groups = values.get(f"{kind}_groups", {})
        standards = values.get(f"{kind}_subsidy_yuan", {})
        for group in groups:
            if group not in standards:
                raise fail(f"{where}.{kind}_subsidy_yuan", f"缺少组 {group} 的月标准")
        for group in standards:
            if group not in groups:
                raise fail(f"{where}.{kind}_subsidy_yuan.{group}", f"不是 {kind}_groups 中的组")


def groups_of(values: Mapping[str, Any]) -> tuple[SubsidyGroup, ...]:
    """The merged values' groups of both kinds, in the file's order (the first match wins)."""
    found: list[SubsidyGroup] = []
    for kind in KINDS:
        standards = values[f"{kind}_subsidy_yuan"]
        for name, who in values[f"{kind}_groups"].items():
            found.append(SubsidyGroup(kind=kind, name=name, amount_fen=standards[name], **who))
    return tuple(found)
