"""Renovation case rules: the move table per role, eligibility, plan checks, the catalogue."""

from __future__ import annotations

import copy
import itertools
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.domain import renovation as r
from app.domain.issues import ValidationFailed
from app.domain.workflow import ROLES

AT = datetime(2026, 6, 1, 8, 0)
M, R, A = "member", "reviewer", "admin"
# (from, to): (roles, reason required). Every other pair and role is refused.
ALLOWED = {
    ("need_registered", "assessed"): ({M}, False),
    ("assessed", "assessed"): ({M}, False),
    ("assessed", "plan_drafted"): ({M}, False),
    ("plan_drafted", "plan_drafted"): ({M}, False),
    ("plan_drafted", "assessed"): ({R, A}, True),
    ("plan_drafted", "plan_approved"): ({R, A}, False),
    ("plan_approved", "publicised"): ({R, A}, False),
    ("publicised", "in_construction"): ({M}, False),
    ("in_construction", "completed"): ({M}, False),
    ("completed", "accepted"): ({R, A}, False),
    ("completed", "rectification"): ({R, A}, False),
    ("rectification", "completed"): ({M}, False),
    ("accepted", "settled"): ({R, A}, False),
    ("settled", "followed_up"): ({M}, False),
    ("need_registered", "withdrawn"): ({M, R, A}, True),
    ("assessed", "withdrawn"): ({M, R, A}, True),
    ("plan_drafted", "withdrawn"): ({M, R, A}, True),
    ("plan_approved", "withdrawn"): ({R, A}, True),
    ("publicised", "withdrawn"): ({R, A}, True),
}
MOVES = [
    (frm, to, role)
    for frm, to in itertools.product(r.STATE_LABELS, r.STATE_LABELS)
    for role in ROLES
]


@pytest.mark.parametrize(("frm", "to", "role"), MOVES)
def test_every_case_move_of_every_role(frm: str, to: str, role: str) -> None:
    issues = r.check_move(frm, to, role, reason="户主放弃")
    if (frm, to) not in ALLOWED:
        assert [i.code for i in issues] == ["workflow.no_such_move"]
    elif role not in ALLOWED[(frm, to)][0]:
        assert [i.code for i in issues] == ["workflow.not_allowed"]
        assert issues[0].params["to"] == r.STATE_LABELS[to]
    else:
        assert issues == []
        entry = r.apply_move(frm, to, role, "u1", AT, "户主放弃")
        assert (entry["from"], entry["to"], entry["by"], entry["role"]) == (frm, to, "u1", role)


def test_table_matches_the_module() -> None:
    assert set(r.CASES.rules) == set(ALLOWED)
    for pair, (roles, reason) in ALLOWED.items():
        rule = r.CASES.rules[pair]
        assert (set(rule.roles), rule.reason_required) == (roles, reason)


@pytest.mark.parametrize("state", ["in_construction", "completed", "accepted", "settled"])
def test_no_withdrawal_once_construction_started(state: str) -> None:
    (issue,) = r.check_move(state, "withdrawn", "admin", reason="户主去世")
    assert issue.code == "workflow.no_such_move"


def test_withdrawal_needs_a_reason() -> None:
    (issue,) = r.check_move("assessed", "withdrawn", "member")
    assert issue.message == "改为“已撤销”必须填写理由"
    with pytest.raises(ValidationFailed):
        r.apply_move("assessed", "withdrawn", "member", "u1", AT, " ")


def test_eligible_household_has_no_warnings() -> None:
    assert r.eligibility_warnings("1", ["1"], True, False, False) == []
    assert r.eligibility_warnings("2", ["9", "3"], None, False, False) == []


@pytest.mark.parametrize(
    ("grade", "hardship", "adaptable", "codes"),
    [
        ("3", ["1"], True, ["renovation.grade_not_severe"]),
        ("", ["2"], True, ["renovation.grade_not_severe"]),
        ("1", ["4", "7"], True, ["renovation.not_poor"]),
        ("1", [], None, ["renovation.not_poor"]),
        ("2", ["1"], False, ["renovation.house_not_adaptable"]),
        (
            "4",
            [],
            False,
            [
                "renovation.grade_not_severe",
                "renovation.not_poor",
                "renovation.house_not_adaptable",
            ],
        ),
    ],
)
def test_eligibility_warnings(
    grade: str, hardship: list[str], adaptable: bool | None, codes: list[str]
) -> None:
    issues = r.eligibility_warnings(grade, hardship, adaptable, False, False)
    assert [i.code for i in issues] == codes
    assert r.needing_acknowledgement(issues) == issues


def test_warning_messages() -> None:
    (grade,) = r.eligibility_warnings("3", ["1"], None, False, False)
    assert grade.message == "残疾等级为3，不是一级或二级（重度）"
    (none,) = r.eligibility_warnings("", ["1"], None, False, False)
    assert none.message == "残疾等级为未登记，不是一级或二级（重度）"


def test_priorities_are_information_only() -> None:
    issues = r.eligibility_warnings("1", ["1"], True, True, True)
    assert [i.code for i in issues] == [
        "renovation.priority_multi_disabled",
        "renovation.priority_elderly_carer",
    ]
    assert r.needing_acknowledgement(issues) == []


# -- plans --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def catalogue() -> r.Catalogue:
    return r.load_catalogue()


CAP = 500_000  # 5,000 yuan


def test_plan_is_priced_from_the_catalogue(catalogue: r.Catalogue) -> None:
    items = [
        {"code": "B11", "quantity": 1},
        {"code": "B08", "quantity": 2.5},
        {"code": "D05", "quantity": 2, "unit_price_fen": 13_999},
    ]
    assert r.plan_issues(items, catalogue, CAP, "") == []
    lines = r.price_plan(items, catalogue)
    assert [(x["code"], x["quantity"], x["unit_price_fen"], x["amount_fen"]) for x in lines] == [
        ("B11", 1, 120_000, 120_000),
        ("B08", 2.5, 12_000, 30_000),
        ("D05", 2, 13_999, 27_998),
    ]
    assert lines[0]["name"] == "蹲便改坐便" and lines[2]["kind"] == "device"


def test_over_the_cap_needs_an_override(catalogue: r.Catalogue) -> None:
    items = [{"code": "B14", "quantity": 2}, {"code": "B11", "quantity": 2}]  # 5,400 yuan
    (issue,) = r.plan_issues(items, catalogue, CAP, "")
    assert issue.code == "renovation.over_cap"
    assert issue.message == "方案总价5,400.00元超过每户上限5,000.00元，须填写超限理由"
    assert r.plan_issues(items, catalogue, CAP, "两处灶台，经区残联同意") == []
    assert r.plan_issues(items, catalogue, 540_000, "") == []  # exactly at the cap is fine


def test_devices_only_plan_needs_an_override(catalogue: r.Catalogue) -> None:
    items = [{"code": "D01", "quantity": 1}, {"code": "D03", "quantity": 1}]
    assert [i.code for i in r.plan_issues(items, catalogue, CAP, "")] == ["renovation.devices_only"]
    assert r.plan_issues(items, catalogue, CAP, "租住房，房东不同意施工") == []


@pytest.mark.parametrize(
    ("items", "codes"),
    [
        ([], ["renovation.plan_empty"]),
        ([{"code": "X99", "quantity": 1}], ["renovation.item_unknown"]),
        ([{"code": "B01", "quantity": 0}], ["renovation.quantity"]),
        ([{"code": "B01", "quantity": -2}], ["renovation.quantity"]),
        ([{"code": "B01", "quantity": "两"}], ["renovation.quantity"]),
        ([{"code": "B01"}], ["renovation.quantity"]),
        ([{"code": "B01", "quantity": True}], ["renovation.quantity"]),
        ([{"code": "B01", "quantity": 1, "unit_price_fen": -1}], ["renovation.price_negative"]),
        ([{"code": "B01", "quantity": 1, "unit_price_fen": 1.5}], ["renovation.price_negative"]),
        (
            [{"code": "B01", "quantity": 1}, {"code": "B01", "quantity": 2}],
            ["renovation.item_duplicate"],
        ),
    ],
)
def test_bad_plans(catalogue: r.Catalogue, items: list[dict[str, Any]], codes: list[str]) -> None:
    assert [i.code for i in r.plan_issues(items, catalogue, CAP, "理由")] == codes


def test_yuan_text() -> None:
    assert r.yuan(0) == "0.00"
    assert r.yuan(123_456_78) == "123,456.78"


# -- catalogue ------------------------------------------------------------------------


def test_shipped_catalogue_covers_the_documented_items(catalogue: r.Catalogue) -> None:
    assert 30 <= len(catalogue.items) <= 45
    names = {item.name for item in catalogue.items}
    for name in (
        "蹲便改坐便",
        "闪光门铃",
        "铺设盲道",
        "防走失定位器",
        "燃气泄漏报警器",
        "手动轮椅",
    ):
        assert name in names
    doorbell = next(item for item in catalogue.items if item.name == "闪光门铃")
    assert (doorbell.kind, doorbell.iso9999) == ("device", "05 27 03")
    for item in catalogue.items:
        assert set(item.category) <= set(r.CATEGORIES)
        assert item.price_fen >= 0
        assert (item.kind == "device") == bool(item.iso9999)


@pytest.mark.parametrize("category", r.CATEGORIES)
def test_suggestions_serve_the_category_building_first(
    catalogue: r.Catalogue, category: str
) -> None:
    items = r.suggest_items(category, catalogue)
    assert items
    assert all(category in item.category for item in items)
    kinds = [item.kind for item in items]
    assert kinds == sorted(kinds, key=lambda kind: kind != "building")


def test_suggestions_for_hearing_are_signalling_devices(catalogue: r.Catalogue) -> None:
    codes = {item.name for item in r.suggest_items("2")}
    assert {"闪光门铃", "振动闹钟", "可视门铃"} <= codes
    assert "铺设盲道" not in codes


def test_bundle_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert r.default_catalogue_path() == tmp_path / "resources" / "renovation" / "catalogue.yaml"


GOOD_ITEMS: list[dict[str, Any]] = [
    {
        "code": "B01",
        "name": "坡化",
        "category": ["4"],
        "unit": "平方米",
        "price_yuan": 150,
        "kind": "building",
    },
    {
        "code": "D05",
        "name": "闪光门铃",
        "category": ["2", "3"],
        "unit": "个",
        "price_yuan": 150.5,
        "kind": "device",
        "iso9999": "05 27 03",
    },
]


def _items(index: int, **changes: object) -> dict[str, Any]:
    items = copy.deepcopy(GOOD_ITEMS)
    items[index].update(changes)
    for key, value in changes.items():
        if value is None:
            del items[index][key]
    return {"version": 1, "items": items}


def test_a_good_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "items": GOOD_ITEMS}), encoding="utf-8")
    loaded = r.load_catalogue(path)
    assert [item.price_fen for item in loaded.items] == [15_000, 15_050]
    assert "B01" in loaded and "B02" not in loaded


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (_items(1, code="B01"), "第2项的代码 B01 与第1项重复"),
        (_items(0, unit=None), "第1项（代码 B01）缺少 unit"),
        (_items(1, name=""), "第2项（代码 D05）缺少 name"),
        (_items(0, code=None), "第1项缺少 code"),
        (_items(0, price_yuan=-10), "第1项（代码 B01）的 price_yuan 不能为负数"),
        (_items(0, price_yuan="贵"), "第1项（代码 B01）的 price_yuan 应为数字"),
        (_items(0, kind="service"), "第1项（代码 B01）的 kind 只能是 building 或 device"),
        (_items(0, category=["8"]), "第1项（代码 B01）的 category 应为残疾类别代码列表"),
        (_items(0, category=[4]), "category 应为残疾类别代码列表"),
        (_items(1, iso9999=None), "第2项（代码 D05）是辅具，iso9999 应为带引号的6位代码"),
        (_items(1, iso9999="052703"), "是辅具，iso9999 应为带引号的6位代码"),
        (_items(0, iso9999="05 27 03"), "第1项（代码 B01）是施工项目，不应填写 iso9999"),
        (_items(0, colour="red"), "第1项（代码 B01）有未知的键 colour"),
        (_items(0, code=101), "第1项的 code、name、unit 应为字符串"),
        ({"version": 1, "items": []}, "items 应为非空列表"),
        ({"items": GOOD_ITEMS}, "含 version: 1"),
    ],
)
def test_broken_catalogue_names_the_file_and_the_item(
    tmp_path: Path, data: object, problem: str
) -> None:
    path = tmp_path / "catalogue.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(r.CatalogueError) as error:
        r.load_catalogue(path)
    assert str(path) in str(error.value)
    assert problem in str(error.value)


def test_unreadable_catalogue(tmp_path: Path) -> None:
    with pytest.raises(r.CatalogueError, match="无法读取"):
        r.load_catalogue(tmp_path / "absent.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("items: [\n", encoding="utf-8")
    with pytest.raises(r.CatalogueError, match="不是有效的 YAML"):
        r.load_catalogue(bad)
