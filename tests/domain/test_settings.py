"""Settings by year and area: the shipped file, the merge order, and broken files."""

from __future__ import annotations

import copy
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.domain.settings import SettingsError, default_settings_path, load_settings

YEAR = {
    "dibao_line_yuan": 1200,
    "renovation_cap_yuan": 5000,
    "income_round": "quarter",
    "income_sample_size": 133,
    "spending_confirm_yuan": 50000,
    "form_a_version": "2026.1",
}
GOOD: dict[str, Any] = {
    "version": 1,
    "district": "330213",
    "survey_year": 2026,
    "years": {2025: {**YEAR, "dibao_line_yuan": 1150, "form_a_version": "2025.1"}, 2026: YEAR},
    "overrides": [
        {"area": "330213001", "renovation_cap_yuan": 6000},
        {"area": "330213001", "year": 2026, "renovation_cap_yuan": 6200},
        {"area": "330213001001", "renovation_cap_yuan": 6500, "note": "山区村"},
        {"area": "330213002000", "year": 2025, "near_dibao_multiple": 2},
    ],
}


def write(tmp_path: Path, data: object, name: str = "settings.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_shipped_file_loads_for_its_survey_year() -> None:
    book = load_settings()
    assert book.path == default_settings_path().resolve()
    settings = book.for_area(book.survey_year, "330213002001")
    assert settings.near_dibao_multiple == Decimal("1.5")
    assert 350_000 <= settings.renovation_cap_fen <= 650_000
    assert settings.income_round in ("year", "quarter")


def test_bundle_path_is_honoured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert default_settings_path() == tmp_path / "resources" / "settings" / "settings.yaml"


@pytest.mark.parametrize(
    ("year", "area", "cap_yuan"),
    [
        (2026, "330213003001", 5000),  # no override: the district's value
        (2025, "330213001002", 6000),  # the town's override for every year
        (2026, "330213001002", 6200),  # the town's override for 2026 beats its every-year one
        (2026, "330213001001", 6500),  # the village beats its town, even the town's 2026 one
        (2025, "330213001001", 6500),
    ],
)
def test_most_specific_area_wins_then_the_year(
    tmp_path: Path, year: int, area: str, cap_yuan: int
) -> None:
    settings = load_settings(write(tmp_path, GOOD)).for_area(year, area)
    assert settings.renovation_cap_fen == cap_yuan * 100
    assert settings.year == year and settings.area_code == area


def test_values_are_in_fen_and_multiples_exact(tmp_path: Path) -> None:
    book = load_settings(write(tmp_path, GOOD))
    s2026 = book.for_area(2026, "330213003001")
    assert s2026.dibao_line_fen == 120_000
    assert s2026.near_dibao_multiple == Decimal("1.5")  # the default
    assert s2026.near_dibao_line_fen == 180_000
    assert s2026.spending_confirm_fen == 5_000_000
    assert s2026.form_a_version == "2026.1"
    s2025 = book.for_area(2025, "330213002001")
    assert (s2025.dibao_line_fen, s2025.near_dibao_multiple) == (115_000, Decimal(2))
    assert book.for_area(2026, "330213002001").near_dibao_multiple == Decimal("1.5")


def test_decimal_yuan_is_kept_to_the_fen(tmp_path: Path) -> None:
    data = copy.deepcopy(GOOD)
    data["years"][2026]["dibao_line_yuan"] = 1187.5
    data["years"][2026]["near_dibao_multiple"] = 1.3
    settings = load_settings(write(tmp_path, data)).for_area(2026, "330213003001")
    assert settings.dibao_line_fen == 118_750
    assert settings.near_dibao_line_fen == 154_375


def test_unconfigured_year_and_foreign_area_are_clear_errors(tmp_path: Path) -> None:
    book = load_settings(write(tmp_path, GOOD))
    with pytest.raises(SettingsError, match="没有 2027 年的设置（已配置：2025、2026）"):
        book.for_area(2027, "330213001001")
    with pytest.raises(SettingsError, match=r"330283001001 不属于.*330213"):
        book.for_area(2026, "330283001001")


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    assert load_settings(path).survey_year == 2026
    data = copy.deepcopy(GOOD)
    data["survey_year"] = 2025
    data["years"][2025]["income_sample_size"] = 140
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    book = load_settings(path)
    assert book.survey_year == 2025
    assert book.for_area(2025, "330213003001").income_sample_size == 140


def _year(**changes: object) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    data["years"][2026].update(changes)
    return data


def _override(**block: object) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    data["overrides"].append(block)
    return data


def _without(key: str) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    del data["years"][2026][key]
    return data


@pytest.mark.parametrize(
    ("data", "key", "problem"),
    [
        (_year(dibao_lin=1200), "years.2026.dibao_lin", "是未知的键"),
        ({**GOOD, "colour": "red"}, "colour", "是未知的键"),
        (_year(dibao_line_yuan=-5), "years.2026.dibao_line_yuan", "不能为负数（现为 -5）"),
        (_year(dibao_line_yuan="1200元"), "years.2026.dibao_line_yuan", "应为数字"),
        (_year(dibao_line_yuan=1200.005), "years.2026.dibao_line_yuan", "最多两位小数"),
        (_year(near_dibao_multiple=0.8), "years.2026.near_dibao_multiple", "不能小于1（现为 0.8）"),
        (_year(renovation_cap_yuan=0), "years.2026.renovation_cap_yuan", "必须大于0（现为 0）"),
        (_year(spending_confirm_yuan=-1), "years.2026.spending_confirm_yuan", "必须大于0"),
        (_year(income_round="month"), "years.2026.income_round", "只能是 year（年度）或 quarter"),
        (_year(income_sample_size=-3), "years.2026.income_sample_size", "不小于0的整数"),
        (_year(form_a_version=2026.1), "years.2026.form_a_version", "带引号的版本号"),
        (_without("renovation_cap_yuan"), "years.2026.renovation_cap_yuan", "缺少"),
        (_override(area="330213000", renovation_cap_yuan=1), "overrides 第5项.area", "镇街"),
        (_override(area="330283001", renovation_cap_yuan=1), "overrides 第5项.area", "本区"),
        (_override(area=330213001, renovation_cap_yuan=1), "overrides 第5项.area", "带引号"),
        (_override(area="33021300100", renovation_cap_yuan=1), "overrides 第5项.area", "9位"),
        (_override(area="330213", renovation_cap_yuan=1), "overrides 第5项.area", "12位"),
        (
            _override(area="330213004", renovation_cap_yuan=-1),
            "overrides 第5项.renovation_cap_yuan",
            "必须大于0",
        ),
        (
            _override(area="330213003", income_round="week"),
            "overrides 第5项.income_round",
            "只能是",
        ),
        (_override(area="330213003", cap=1), "overrides 第5项.cap", "是未知的键"),
        (
            _override(area="330213003", year=2030),
            "overrides 第5项.year",
            "2030 年在 years 中没有设置",
        ),
        (_override(area="330213001001", year=None), "overrides 第5项", "重复"),
        ({**GOOD, "version": 2}, "version", "应为 1"),
        ({**GOOD, "district": 330213}, "district", "6位区县代码"),
        ({**GOOD, "survey_year": 2024}, "survey_year", "2024 年在 years 中没有设置"),
        ({**GOOD, "years": {"明年": YEAR}}, "years.明年", "应为年份"),
        ({**GOOD, "years": {}}, "years", "非空映射"),
    ],
)
def test_broken_file_names_the_file_the_key_and_the_fault(
    tmp_path: Path, data: object, key: str, problem: str
) -> None:
    path = write(tmp_path, data)
    with pytest.raises(SettingsError) as error:
        load_settings(path)
    message = str(error.value)
    assert str(path.resolve()) in message
    assert key in message
    assert problem in message


def test_unreadable_or_missing_files(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="找不到设置文件"):
        load_settings(tmp_path / "absent.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("years: [1, 2\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="不是有效的 YAML"):
        load_settings(bad)
    listed = write(tmp_path, [1, 2], "list.yaml")
    with pytest.raises(SettingsError, match="顶层应为映射"):
        load_settings(listed)
