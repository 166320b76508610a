"""Tests of the area tree: codes, levels, scope and the shipped Fenghua list."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.areas import (
    SHIPPED_AREAS_YEAR,
    Area,
    AreaLevel,
    default_areas_path,
    in_scope,
    is_area_code,
    level_of,
    load_areas,
    parent_of,
    prefix_of,
)

DISTRICT = "330213000000"
JINPING = "330213001000"  # 锦屏街道
SHANGTIAN = "330213007000"  # 尚田街道
XIKOU = "330213100000"  # 溪口镇
TIAOZHAI = "330213007235"  # 条宅村委会, in 尚田街道
TENGTOU = "330213005208"  # 滕头村委会, in 萧王庙街道

SHIPPED_TOWNS = 12
SHIPPED_VILLAGES = 337


# --- levels, parents, prefixes ---------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("330000000000", AreaLevel.PROVINCE),
        ("330200000000", AreaLevel.CITY),
        (DISTRICT, AreaLevel.COUNTY),
        (SHANGTIAN, AreaLevel.TOWN),
        (XIKOU, AreaLevel.TOWN),
        (TIAOZHAI, AreaLevel.VILLAGE),
        ("330213100200", AreaLevel.VILLAGE),
        ("330213001501", AreaLevel.VILLAGE),
        ("441900003000", AreaLevel.TOWN),  # Dongguan: towns straight below the city
    ],
)
def test_level_of_reads_trailing_zero_segments(code: str, level: AreaLevel) -> None:
    assert level_of(code) is level


@pytest.mark.parametrize(
    ("code", "parent"),
    [
        (TIAOZHAI, SHANGTIAN),
        ("330213100200", XIKOU),
        (SHANGTIAN, DISTRICT),
        (DISTRICT, "330200000000"),
        ("330200000000", "330000000000"),
        ("330000000000", None),
        ("441900003000", "441900000000"),
    ],
)
def test_parent_of(code: str, parent: str | None) -> None:
    assert parent_of(code) == parent


@pytest.mark.parametrize(
    ("code", "prefix"),
    [
        ("330000000000", "33"),
        ("330200000000", "3302"),
        (DISTRICT, "330213"),
        (SHANGTIAN, "330213007"),
        (XIKOU, "330213100"),
        (TIAOZHAI, TIAOZHAI),
    ],
)
def test_prefix_of(code: str, prefix: str) -> None:
    assert prefix_of(code) == prefix


@pytest.mark.parametrize(
    "text",
    [
        TIAOZHAI,
        SHANGTIAN,
        DISTRICT,
        "330000000000",
        "441900003000",
    ],
)
def test_is_area_code_accepts_real_codes(text: str) -> None:
    assert is_area_code(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "33021300723",  # 11 digits
        "3302130072350",  # 13 digits
        "33021300723a",
        " 30213007235",
        "３３０２１３００７２３５",  # full-width digits
        "000000000000",  # no province
        "330213000235",  # a village without a town
        "330013000000",  # a county without a city
        "330013007235",
    ],
)
def test_is_area_code_rejects(text: str) -> None:
    assert not is_area_code(text)


@pytest.mark.parametrize("func", [level_of, parent_of, prefix_of])
def test_code_functions_refuse_bad_codes(func: object) -> None:
    assert callable(func)
    with pytest.raises(ValueError, match="330213000235"):
        func("330213000235")


# --- scope -----------------------------------------------------------------------------


def test_town_scope_contains_its_villages_and_itself() -> None:
    assert in_scope(TIAOZHAI, [SHANGTIAN])
    assert in_scope(SHANGTIAN, [SHANGTIAN])


def test_town_scope_excludes_another_towns_villages() -> None:
    assert not in_scope(TENGTOU, [SHANGTIAN])
    assert not in_scope("330213100200", [SHANGTIAN])
    assert not in_scope(XIKOU, [SHANGTIAN])


def test_town_scope_excludes_the_district_above() -> None:
    assert not in_scope(DISTRICT, [SHANGTIAN])


def test_district_scope_contains_everything_below() -> None:
    assert in_scope(TIAOZHAI, [DISTRICT])
    assert in_scope(XIKOU, [DISTRICT])
    assert not in_scope("330212001001", [DISTRICT])  # Yinzhou, next door


def test_village_scope_is_the_village_alone() -> None:
    assert in_scope(TIAOZHAI, [TIAOZHAI])
    assert not in_scope("330213007234", [TIAOZHAI])


def test_scope_of_several_areas() -> None:
    scope = [SHANGTIAN, XIKOU]
    assert in_scope(TIAOZHAI, scope)
    assert in_scope("330213100200", scope)
    assert not in_scope(TENGTOU, scope)


def test_empty_scope_contains_nothing() -> None:
    assert not in_scope(TIAOZHAI, [])


def test_scope_prefix_does_not_leak_into_a_longer_town_code() -> None:
    # 33021300 is a prefix of both 330213007... and 330213008...: scope must use the
    # whole town segment, never a shorter string.
    assert not in_scope("330213008200", [SHANGTIAN])


_segment2 = st.integers(1, 99).map(lambda n: f"{n:02d}")
_segment3 = st.integers(1, 999).map(lambda n: f"{n:03d}")
_village_codes = st.builds(
    lambda p, c, d, t, v: p + c + d + t + v, _segment2, _segment2, _segment2, _segment3, _segment3
)


@given(_village_codes)
def test_every_ancestor_scope_contains_the_village(code: str) -> None:
    levels = []
    current: str | None = code
    while current is not None:
        assert is_area_code(current)
        assert in_scope(code, [current])
        levels.append(level_of(current))
        current = parent_of(current)
    assert levels == [
        AreaLevel.VILLAGE,
        AreaLevel.TOWN,
        AreaLevel.COUNTY,
        AreaLevel.CITY,
        AreaLevel.PROVINCE,
    ]


# --- the shipped list ------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> list[Area]:
    return load_areas()


def test_shipped_list_path_is_in_resources() -> None:
    path = default_areas_path()
    assert path.is_file()
    assert path.parts[-3:] == ("resources", "areas", "330213.csv")
    assert SHIPPED_AREAS_YEAR == 2023


def test_default_path_honours_a_frozen_bundle(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert default_areas_path() == tmp_path / "resources" / "areas" / "330213.csv"


def test_shipped_list_root_is_fenghua(shipped: list[Area]) -> None:
    root = shipped[0]
    assert root == Area(code=DISTRICT, name="奉化区", level=AreaLevel.COUNTY, parent=None)
    assert [a for a in shipped if a.parent is None] == [root]


def test_shipped_codes_are_unique(shipped: list[Area]) -> None:
    codes = [a.code for a in shipped]
    assert len(codes) == len(set(codes))


def test_shipped_towns(shipped: list[Area]) -> None:
    towns = {a.code: a.name for a in shipped if a.level is AreaLevel.TOWN}
    assert len(towns) == SHIPPED_TOWNS
    assert towns[JINPING] == "锦屏街道"
    assert towns[SHANGTIAN] == "尚田街道"
    assert towns[XIKOU] == "溪口镇"
    assert all(a.parent == DISTRICT for a in shipped if a.level is AreaLevel.TOWN)


def test_shipped_village_count(shipped: list[Area]) -> None:
    villages = [a for a in shipped if a.level is AreaLevel.VILLAGE]
    assert len(villages) == SHIPPED_VILLAGES
    assert len(shipped) == 1 + SHIPPED_TOWNS + SHIPPED_VILLAGES


def test_every_village_hangs_under_a_listed_town(shipped: list[Area]) -> None:
    towns = {a.code for a in shipped if a.level is AreaLevel.TOWN}
    villages = [a for a in shipped if a.level is AreaLevel.VILLAGE]
    for village in villages:
        assert village.parent in towns
        assert village.parent == parent_of(village.code)
        assert in_scope(village.code, [village.parent])
    assert {v.parent for v in villages} == towns  # no town is left empty


def test_shipped_sample_villages(shipped: list[Area]) -> None:
    by_code = {a.code: a for a in shipped}
    assert by_code[TIAOZHAI].name == "条宅村委会"
    assert by_code[TIAOZHAI].parent == SHANGTIAN
    assert by_code[TENGTOU].name == "滕头村委会"
    assert by_code[TENGTOU].parent == "330213005000"


# --- malformed files -------------------------------------------------------------------

_GOOD_HEAD = [
    "code,name,level,parent",
    f"{DISTRICT},奉化区,county,",
    f"{SHANGTIAN},尚田街道,town,{DISTRICT}",
]


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "areas.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_small_good_file_loads(tmp_path: Path) -> None:
    path = _write(tmp_path, [*_GOOD_HEAD, f"{TIAOZHAI},条宅村委会,village,{SHANGTIAN}"])
    areas = load_areas(path)
    assert [a.code for a in areas] == [DISTRICT, SHANGTIAN, TIAOZHAI]
    assert areas[2] == Area(TIAOZHAI, "条宅村委会", AreaLevel.VILLAGE, SHANGTIAN)


def test_byte_order_mark_and_blank_lines_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "areas.csv"
    text = "\ufeff" + "\n".join([*_GOOD_HEAD, "", f"{TIAOZHAI},条宅村委会,village,{SHANGTIAN}"])
    path.write_text(text + "\n", encoding="utf-8")
    assert len(load_areas(path)) == 3


@pytest.mark.parametrize(
    ("bad_row", "problem"),
    [
        (f"33021300723,条宅村委会,village,{SHANGTIAN}", "bad area code '33021300723'"),
        (f"330213000235,条宅村委会,village,{SHANGTIAN}", "bad area code"),
        (f"{TIAOZHAI},,village,{SHANGTIAN}", "has no name"),
        (f"{TIAOZHAI},条宅村委会,hamlet,{SHANGTIAN}", "unknown level 'hamlet'"),
        (f"{TIAOZHAI},条宅村委会,town,{SHANGTIAN}", "does not match code"),
        (f"{TIAOZHAI},条宅村委会,village,{XIKOU}", "is not the parent of"),
        (f"{TIAOZHAI},条宅村委会,village", "expected 4 columns, got 3"),
        (f"{SHANGTIAN},尚田,town,{DISTRICT}", "duplicate code 330213007000 (first on line 3)"),
        ("330213100200,溪口一村委会,village,330213100000", "unknown parent 330213100000"),
        ("330213007201,冷西村委会,village,", "is empty but 330213007000 is listed"),
    ],
)
def test_malformed_row_names_file_line_and_problem(
    tmp_path: Path, bad_row: str, problem: str
) -> None:
    path = _write(tmp_path, [*_GOOD_HEAD, f"{TIAOZHAI},条宅村委会,village,{SHANGTIAN}", bad_row])
    with pytest.raises(ValueError) as caught:
        load_areas(path)
    message = str(caught.value)
    assert str(path) in message
    assert "line 5" in message
    assert problem in message


def test_bad_header_is_reported_on_line_1(tmp_path: Path) -> None:
    path = _write(tmp_path, ["code,name,level", f"{DISTRICT},奉化区,county"])
    with pytest.raises(ValueError, match=r"line 1: header must be code,name,level,parent"):
        load_areas(path)


def test_empty_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "areas.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match="line 1"):
        load_areas(path)
