"""The two subsidies' settings: groups, standards per year and area, exclusions, broken files."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.domain.settings import SettingsError, load_settings

YEAR: dict[str, Any] = {
    "dibao_line_yuan": 1200,
    "renovation_cap_yuan": 5000,
    "income_round": "quarter",
    "income_sample_size": 133,
    "spending_confirm_yuan": 50000,
    "form_a_version": "2026.1",
    "task_due_days_after_month": 5,
    "living_groups": {"dibao": {"hardship": ["1"]}, "near_dibao": {"hardship": ["2"]}},
    "living_subsidy_yuan": {"dibao": 1230.10, "near_dibao": 300},
    "living_excluded_hardship": ["3"],
    "care_groups": {
        "grade1": {"grades": ["1"]},
        "grade2": {"grades": ["2"]},
        "mind3": {"grades": ["3"], "categories": ["5", "6"]},
    },
    "care_subsidy_yuan": {"grade1": 330, "grade2": 265.5, "mind3": 200},
    "care_excluded_in_institution": True,
}
GOOD: dict[str, Any] = {
    "version": 1,
    "district": "330213",
    "survey_year": 2026,
    "years": {
        2025: {**YEAR, "living_subsidy_yuan": {"dibao": 460, "near_dibao": 280}},
        2026: YEAR,
    },
    "overrides": [
        {"area": "330213001", "care_subsidy_yuan": {"grade1": 340}},
        {"area": "330213001001", "year": 2026, "care_subsidy_yuan": {"grade2": 300}},
    ],
}


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "settings.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_groups_and_standards_per_year_in_fen(tmp_path: Path) -> None:
    book = load_settings(write(tmp_path, GOOD))
    s2026 = book.for_area(2026, "330213003001")
    dibao = s2026.group("living", "dibao")
    assert dibao is not None and dibao.amount_fen == 123_010  # 1230.10 yuan, exact
    assert isinstance(dibao.amount_fen, int)
    care = s2026.group("care", "grade2")
    assert care is not None and care.amount_fen == 26_550
    assert [g.name for g in s2026.groups("care")] == ["grade1", "grade2", "mind3"]
    assert book.for_area(2025, "330213003001").group("living", "dibao").amount_fen == 46_000  # type: ignore[union-attr]
    assert s2026.task_due_days_after_month == 5
    assert s2026.living_excluded_hardship == ("3",)
    assert s2026.care_excluded_in_institution is True


@pytest.mark.parametrize(
    ("year", "area", "grade1", "grade2"),
    [
        (2026, "330213003001", 33_000, 26_550),  # the district's standards
        (2026, "330213001002", 34_000, 26_550),  # the town raises grade 1 only
        (2026, "330213001001", 34_000, 30_000),  # the village adds grade 2 for 2026
        (2025, "330213001001", 34_000, 26_550),  # not in 2025
    ],
)
def test_an_override_changes_only_the_groups_it_names(
    tmp_path: Path, year: int, area: str, grade1: int, grade2: int
) -> None:
    settings = load_settings(write(tmp_path, GOOD)).for_area(year, area)
    assert settings.group("care", "grade1").amount_fen == grade1  # type: ignore[union-attr]
    assert settings.group("care", "grade2").amount_fen == grade2  # type: ignore[union-attr]
    assert settings.group("care", "mind3").amount_fen == 20_000  # type: ignore[union-attr]


def test_a_year_without_subsidy_keys_has_no_groups_and_due_at_month_end(tmp_path: Path) -> None:
    data = copy.deepcopy(GOOD)
    plain = {k: v for k, v in YEAR.items() if "subsidy" not in k and "groups" not in k}
    plain = {
        k: v for k, v in plain.items() if "excluded" not in k and k != "task_due_days_after_month"
    }
    data["years"] = {2026: plain}
    data["overrides"] = []
    settings = load_settings(write(tmp_path, data)).for_area(2026, "330213003001")
    assert settings.subsidy_groups == ()
    assert settings.task_due_days_after_month == 0


def test_the_shipped_file_has_both_subsidies_and_a_village_override() -> None:
    book = load_settings()
    town = book.for_area(2026, "330213001002")
    village = book.for_area(2026, "330213001001")
    assert {g.kind for g in town.subsidy_groups} == {"living", "care"}
    assert village.group("care", "grade1").amount_fen != town.group("care", "grade1").amount_fen  # type: ignore[union-attr]
    assert town.task_due_days_after_month == 0


def _year(**changes: object) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    data["years"][2026].update(changes)
    return data


def _override(**block: object) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    data["overrides"].append(block)
    return data


@pytest.mark.parametrize(
    ("data", "key", "problem"),
    [
        (
            _year(living_subsidy_yuan={"dibao": 1}),
            "years.2026.living_subsidy_yuan",
            "缺少组 near_dibao",
        ),
        (
            _year(care_subsidy_yuan={**YEAR["care_subsidy_yuan"], "grade4": 1}),
            "years.2026.care_subsidy_yuan.grade4",
            "不是 care_groups 中的组",
        ),
        (
            _year(living_subsidy_yuan={"dibao": 1.005, "near_dibao": 1}),
            "living_subsidy_yuan.dibao",
            "最多两位小数",
        ),
        (
            _year(living_subsidy_yuan={"dibao": -1, "near_dibao": 1}),
            "living_subsidy_yuan.dibao",
            "不能为负数",
        ),
        (_year(living_groups={"Dibao": {"hardship": ["1"]}}), "living_groups.Dibao", "组名"),
        (
            _year(living_groups={"dibao": {"hardship": ["8"]}}),
            "living_groups.dibao",
            "8 不是困难类型代码",
        ),
        (
            _year(living_groups={"dibao": {"hardship": [1]}}),
            "living_groups.dibao",
            "带引号的代码列表",
        ),
        (_year(living_groups={"dibao": {}}), "living_groups.dibao.hardship", "缺少"),
        (
            _year(care_groups={"grade1": {"grades": ["5"]}}),
            "care_groups.grade1.grades",
            "5 不是残疾等级代码",
        ),
        (_year(care_groups={"grade1": {"grade": ["1"]}}), "care_groups.grade1.grade", "是未知的键"),
        (
            _year(care_groups={"grade1": {"grades": ["3"], "categories": ["9"]}}),
            "care_groups.grade1.categories",
            "9 不是残疾类别代码",
        ),
        (_year(living_excluded_hardship="3"), "living_excluded_hardship", "代码列表"),
        (
            _year(care_excluded_in_institution="yes"),
            "care_excluded_in_institution",
            "true 或 false",
        ),
        (_year(task_due_days_after_month=-1), "task_due_days_after_month", "不小于0的整数"),
        (
            _override(area="330213002", care_subsidy_yuan={"grade9": 1}),
            "overrides 第3项.care_subsidy_yuan.grade9",
            "不是 care_groups 中的组",
        ),
    ],
)
def test_broken_subsidy_settings_name_the_key_and_the_fault(
    tmp_path: Path, data: object, key: str, problem: str
) -> None:
    path = write(tmp_path, data)
    with pytest.raises(SettingsError) as error:
        load_settings(path)
    message = str(error.value)
    assert str(path.resolve()) in message
    assert key in message
    assert problem in message
