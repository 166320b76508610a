"""Settings by year and area (dibao line, renovation cap ...) from `resources/settings/`.

The file holds the district's values per survey year and overrides for a town or
village code prefix; `SettingsBook.for_area` merges them, the most specific area
winning, then an override naming the year over one for every year. Money is
written in yuan in the file and kept in fen here; multiples are `Decimal`.
A malformed file raises `SettingsError` naming the file, the key and the fault.
The two subsidies' keys (groups, standards, exclusions) are read by
`app.domain.subsidy_settings`; their standards merge per group in an override.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeAlias

import yaml

from app import resources
from app.domain import subsidy_settings
from app.domain.areas import is_area_code, prefix_of
from app.domain.subsidy_settings import SubsidyGroup

FILE_VERSION = 1
ROUNDS = ("year", "quarter")
# Every setting once, with its default (None: each year of the file must give it).
DEFAULTS: Mapping[str, object] = {
    "dibao_line_yuan": None,
    "near_dibao_multiple": Decimal("1.5"),
    "renovation_cap_yuan": None,
    "income_round": None,
    "income_sample_size": None,
    "spending_confirm_yuan": None,
    "form_a_version": None,
    "task_due_days_after_month": 0,
    "renovation_target": 0,
    **subsidy_settings.DEFAULTS,
}
_TOP_KEYS = frozenset({"version", "district", "survey_year", "years", "overrides"})
_OVERRIDE_KEYS = frozenset({"area", "year", "note"})


class SettingsError(Exception):
    """The settings file is missing or malformed, or a year is not configured."""


_Fail: TypeAlias = Callable[[str, str], SettingsError]


@dataclass(frozen=True)
class Settings:
    """The values in force for one survey year and one area."""

    year: int
    area_code: str
    dibao_line_fen: int  # per person per month
    near_dibao_multiple: Decimal
    renovation_cap_fen: int  # per household
    income_round: str  # "year" or "quarter"
    income_sample_size: int
    spending_confirm_fen: int
    form_a_version: str
    # the monthly tasks are due this many days after the end of their month
    task_due_days_after_month: int = 0
    # homes to renovate in the year (Form C's target); 0: not set
    renovation_target: int = 0
    # the two subsidies: their groups in the file's order, and who is excluded
    subsidy_groups: tuple[SubsidyGroup, ...] = ()
    living_excluded_hardship: tuple[str, ...] = ()
    care_excluded_hardship: tuple[str, ...] = ()
    care_excluded_in_institution: bool = False

    def groups(self, kind: str) -> tuple[SubsidyGroup, ...]:
        """The groups of one subsidy kind (living or care), the first match first."""
        return tuple(g for g in self.subsidy_groups if g.kind == kind)

    def group(self, kind: str, name: str) -> SubsidyGroup | None:
        """The group of that kind and name, or None when this year and area has none."""
        return next((g for g in self.groups(kind) if g.name == name), None)

    @property
    def near_dibao_line_fen(self) -> int:
        """The upper edge of the near-dibao band, per person per month, in fen."""
        exact = self.near_dibao_multiple * self.dibao_line_fen
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class _Override:
    prefix: str
    year: int | None
    values: Mapping[str, Any]


@dataclass(frozen=True)
class SettingsBook:
    """Every configured year of the district with its area overrides."""

    path: Path
    district: str
    survey_year: int
    years: Mapping[int, Mapping[str, Any]]
    overrides: tuple[_Override, ...] = field(default=())

    def for_area(self, year: int, area_code: str) -> Settings:
        """The settings of `year` for a household or place of `area_code` (12 digits)."""
        if year not in self.years:
            known = "、".join(str(y) for y in sorted(self.years))
            raise SettingsError(f"设置文件 {self.path} 中没有 {year} 年的设置（已配置：{known}）")
        if not is_area_code(area_code) or not area_code.startswith(self.district):
            raise SettingsError(
                f"区划代码 {area_code} 不属于设置文件 {self.path} 所管的区 {self.district}"
            )
        values = _merged(self.years[year], self.overrides, year, area_code)
        return Settings(
            year=year,
            area_code=area_code,
            dibao_line_fen=values["dibao_line_yuan"],
            near_dibao_multiple=values["near_dibao_multiple"],
            renovation_cap_fen=values["renovation_cap_yuan"],
            income_round=values["income_round"],
            income_sample_size=values["income_sample_size"],
            spending_confirm_fen=values["spending_confirm_yuan"],
            form_a_version=values["form_a_version"],
            task_due_days_after_month=values["task_due_days_after_month"],
            renovation_target=values["renovation_target"],
            subsidy_groups=subsidy_settings.groups_of(values),
            living_excluded_hardship=values["living_excluded_hardship"],
            care_excluded_hardship=values["care_excluded_hardship"],
            care_excluded_in_institution=values["care_excluded_in_institution"],
        )


def _merged(
    base: Mapping[str, Any], overrides: tuple[_Override, ...], year: int, area: str
) -> dict[str, Any]:
    """The year's values with the overrides of `area` (a code or prefix), most specific last."""
    values = dict(base)
    matching = [o for o in overrides if area.startswith(o.prefix) and o.year in (None, year)]
    for override in sorted(matching, key=lambda o: (len(o.prefix), o.year is not None)):
        subsidy_settings.merge(values, override.values)
    return values


def default_settings_path() -> Path:
    """The shipped settings file, inside a PyInstaller bundle when frozen."""
    return resources.path("settings", "settings.yaml")


#: the newest settings the district published that this program received (`use_settings`)
_received: list[SettingsBook] = []


def use_settings(book: SettingsBook | None) -> None:
    """Put published settings in effect instead of the shipped file (None: the shipped)."""
    _received[:] = [book] if book is not None else []


def load_settings(path: Path | None = None) -> SettingsBook:
    """Read and check the settings file (default: the newest published received, else the
    shipped one); re-read when it changes."""
    if path is None and _received:
        return _received[0]
    chosen = (path if path is not None else default_settings_path()).resolve()
    try:
        stat = chosen.stat()
    except OSError as exc:
        raise SettingsError(f"找不到设置文件 {chosen}（{exc.strerror}）") from exc
    return _load(chosen, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _load(path: Path, _mtime_ns: int, _size: int) -> SettingsBook:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"无法读取设置文件 {path}（{exc}）") from exc
    return read_settings_text(text, path)


def read_settings_text(text: str, path: Path) -> SettingsBook:
    """Check a settings file's YAML text (a published one: `path` names the file it came from)."""

    def fail(key: str, problem: str) -> SettingsError:
        return SettingsError(f"设置文件 {path} 有误：{key} {problem}")

    try:
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SettingsError(f"设置文件 {path} 不是有效的 YAML（{exc}）") from exc
    if not isinstance(data, dict):
        raise SettingsError(f"设置文件 {path} 有误：顶层应为映射（version、district、years …）")
    for key in data:
        if key not in _TOP_KEYS:
            raise fail(str(key), "是未知的键")
    if data.get("version") != FILE_VERSION:
        raise fail("version", f"应为 {FILE_VERSION}（现为 {data.get('version')!r}）")
    district = data.get("district")
    if not isinstance(district, str) or not (len(district) == 6 and district.isdigit()):
        raise fail("district", f'应为带引号的6位区县代码，如 "330213"（现为 {district!r}）')
    raw_years = data.get("years")
    if not isinstance(raw_years, dict) or not raw_years:
        raise fail("years", "应为按年度列出的非空映射")
    years: dict[int, dict[str, Any]] = {}
    for raw_year, block in raw_years.items():
        year = _year(raw_year, f"years.{raw_year}", fail)
        values = _values(block, f"years.{year}", fail, frozenset())
        for key, default in DEFAULTS.items():
            if key not in values:
                if default is None:
                    raise fail(f"years.{year}.{key}", "缺少（每个年度都必须填写）")
                values[key] = default
        years[year] = values
    survey_year = _year(data.get("survey_year"), "survey_year", fail)
    if survey_year not in years:
        raise fail("survey_year", f"{survey_year} 年在 years 中没有设置")
    overrides = _overrides(data.get("overrides") or [], district, years, fail)
    for year, values in years.items():
        subsidy_settings.check_standards(values, f"years.{year}", fail)
        for position, override in enumerate(overrides, start=1):
            if override.year in (None, year):
                merged = _merged(values, overrides, year, override.prefix)
                subsidy_settings.check_standards(merged, f"overrides 第{position}项", fail)
    return SettingsBook(path, district, survey_year, years, overrides)


def _overrides(
    raw: object, district: str, years: Mapping[int, object], fail: _Fail
) -> tuple[_Override, ...]:
    if not isinstance(raw, list):
        raise fail("overrides", "应为列表")
    found: list[_Override] = []
    seen: set[tuple[str, int | None]] = set()
    for position, block in enumerate(raw, start=1):
        where = f"overrides 第{position}项"
        if not isinstance(block, dict):
            raise fail(where, "应为映射（area、year 和要改的键）")
        area = block.get("area")
        if not (isinstance(area, str) and _is_prefix_in(area, district)):
            raise fail(
                f"{where}.area",
                f"应为本区（{district}）镇街的9位或村社区的12位代码，带引号（现为 {area!r}）",
            )
        prefix = prefix_of(area) if len(area) == 12 else area
        year = None if block.get("year") is None else _year(block["year"], f"{where}.year", fail)
        if year is not None and year not in years:
            raise fail(f"{where}.year", f"{year} 年在 years 中没有设置")
        values = _values(block, where, fail, _OVERRIDE_KEYS)
        if (prefix, year) in seen:
            raise fail(where, f"与前面的覆盖项重复（区域 {area}，年度 {year or '全部'}）")
        seen.add((prefix, year))
        found.append(_Override(prefix, year, values))
    return tuple(found)


def _is_prefix_in(area: str, district: str) -> bool:
    if not area.isdigit() or not area.startswith(district) or area == district:
        return False
    if len(area) not in (9, 12) or area[6:9] == "000":
        return False
    return is_area_code(area.ljust(12, "0"))


def _year(raw: object, key: str, fail: _Fail) -> int:
    if isinstance(raw, str) and raw.isdigit():
        raw = int(raw)
    if not isinstance(raw, int) or isinstance(raw, bool) or not 2000 <= raw <= 2100:
        raise fail(key, f"应为年份，如 2026（现为 {raw!r}）")
    return raw


def _values(block: object, where: str, fail: _Fail, extra: frozenset[str]) -> dict[str, Any]:
    if not isinstance(block, dict):
        raise fail(where, "应为映射")
    values: dict[str, Any] = {}
    for key, raw in block.items():
        name = f"{where}.{key}"
        if key in extra:
            continue
        if key not in DEFAULTS:
            raise fail(name, "是未知的键")
        values[key] = _value(str(key), raw, name, fail)
    return values


def _value(key: str, raw: object, name: str, fail: _Fail) -> object:
    if key in subsidy_settings.DEFAULTS:
        return subsidy_settings.parse_value(
            key, raw, name, fail, lambda value, where: _fen(value, where, fail)
        )
    if key == "income_round":
        if raw not in ROUNDS:
            raise fail(name, f"只能是 year（年度）或 quarter（季度）（现为 {raw!r}）")
        return raw
    if key == "form_a_version":
        if not isinstance(raw, str) or not raw.strip():
            raise fail(name, f'应为带引号的版本号，如 "2026.1"（现为 {raw!r}）')
        return raw.strip()
    if key in ("income_sample_size", "task_due_days_after_month", "renovation_target"):
        if not isinstance(raw, int) or isinstance(raw, bool) or raw < 0:
            raise fail(name, f"应为不小于0的整数（现为 {raw!r}）")
        return raw
    number = _decimal(raw)
    if number is None:
        raise fail(name, f"应为数字（现为 {raw!r}）")
    if key == "near_dibao_multiple":
        if number < 1:
            raise fail(name, f"不能小于1（现为 {raw}）")
        return number
    if key == "dibao_line_yuan" and number < 0:
        raise fail(name, f"不能为负数（现为 {raw}）")
    if key in ("renovation_cap_yuan", "spending_confirm_yuan") and number <= 0:
        raise fail(name, f"必须大于0（现为 {raw}）")
    return _fen(raw, name, fail)


def _fen(raw: object, name: str, fail: _Fail) -> int:
    number = _decimal(raw)
    if number is None:
        raise fail(name, f"应为数字（现为 {raw!r}）")
    if number < 0:
        raise fail(name, f"不能为负数（现为 {raw}）")
    fen = number * 100
    if fen != fen.to_integral_value():
        raise fail(name, f"金额最多两位小数（现为 {raw}）")
    return int(fen)


def _decimal(raw: object) -> Decimal | None:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        return None
    try:
        number = Decimal(str(raw))
    except InvalidOperation:  # pragma: no cover - str() of a number always parses
        return None
    return number if number.is_finite() else None
