"""The area tree: 12-digit statistical division codes and the shipped area list."""

from __future__ import annotations

import csv
import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app import resources

# The statistics bureau's list the shipped CSV was taken from (统计用区划代码, 2023 edition,
# state of 2023-06-30). See resources/areas/README.md before replacing it.
SHIPPED_AREAS_YEAR = 2023
SHIPPED_AREAS_FILE = "330213.csv"

CODE_LENGTH = 12
CSV_HEADER = ("code", "name", "level", "parent")


class AreaLevel(enum.Enum):
    """One level of the area tree, from province down to village or community."""

    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    TOWN = "town"
    VILLAGE = "village"


# Where each level's own segment lies in the code: 2 + 2 + 2 + 3 + 3 digits.
_SEGMENT: dict[AreaLevel, tuple[int, int]] = {
    AreaLevel.PROVINCE: (0, 2),
    AreaLevel.CITY: (2, 4),
    AreaLevel.COUNTY: (4, 6),
    AreaLevel.TOWN: (6, 9),
    AreaLevel.VILLAGE: (9, 12),
}
_LEVELS_DEEPEST_FIRST = (
    AreaLevel.VILLAGE,
    AreaLevel.TOWN,
    AreaLevel.COUNTY,
    AreaLevel.CITY,
    AreaLevel.PROVINCE,
)


@dataclass(frozen=True)
class Area:
    """One place of the area tree: a district, a town or a village."""

    code: str
    name: str
    level: AreaLevel
    parent: str | None


def _segments(code: str) -> tuple[str, str, str, str, str]:
    province, city, county, town, village = (code[a:b] for a, b in _SEGMENT.values())
    return province, city, county, town, village


def _is_zero(segment: str) -> bool:
    return segment.strip("0") == ""


def is_area_code(text: str) -> bool:
    """Tell whether text is a well-formed 12-digit statistical division code."""
    if len(text) != CODE_LENGTH or not (text.isascii() and text.isdigit()):
        return False
    province, city, county, town, village = _segments(text)
    if _is_zero(province):
        return False
    if _is_zero(city):
        return _is_zero(county) and _is_zero(town) and _is_zero(village)
    # A county segment of 00 under a town is real: cities without counties
    # (Dongguan 441900, Zhongshan 442000, ...) list their towns straight below.
    if _is_zero(county) and _is_zero(town):
        return _is_zero(village)
    return not (_is_zero(town) and not _is_zero(village))


def _require_code(code: str) -> None:
    if not is_area_code(code):
        raise ValueError(f"not a 12-digit area code: {code!r}")


def level_of(code: str) -> AreaLevel:
    """Return the level of an area code, read from its trailing zero segments."""
    _require_code(code)
    for level in _LEVELS_DEEPEST_FIRST:
        start, end = _SEGMENT[level]
        if not _is_zero(code[start:end]):
            return level
    raise AssertionError("unreachable: is_area_code rejects an all-zero province")


def prefix_of(code: str) -> str:
    """Return the significant prefix of a code, e.g. 330213007000 -> '330213007'."""
    return code[: _SEGMENT[level_of(code)][1]]


def parent_of(code: str) -> str | None:
    """Return the code of the area directly above, or None for a province."""
    level = level_of(code)
    if level is AreaLevel.PROVINCE:
        return None
    index = _LEVELS_DEEPEST_FIRST.index(level)
    keep = _SEGMENT[_LEVELS_DEEPEST_FIRST[index + 1]][1]
    return code[:keep].ljust(CODE_LENGTH, "0")


def in_scope(code: str, scope_codes: Iterable[str]) -> bool:
    """Tell whether an area lies within (or is) one of the scope areas."""
    _require_code(code)
    return any(code.startswith(prefix_of(scope)) for scope in scope_codes)


def default_areas_path() -> Path:
    """Return the shipped area list, inside a PyInstaller bundle when frozen."""
    return resources.path("areas", SHIPPED_AREAS_FILE)


def _row_error(path: Path, line: int, problem: str) -> ValueError:
    return ValueError(f"{path}, line {line}: {problem}")


def _parse_row(path: Path, line: int, row: list[str]) -> Area:
    if len(row) != len(CSV_HEADER):
        raise _row_error(path, line, f"expected {len(CSV_HEADER)} columns, got {len(row)}")
    code, name, level_text, parent_text = (cell.strip() for cell in row)
    if not is_area_code(code):
        raise _row_error(path, line, f"bad area code {code!r}")
    if not name:
        raise _row_error(path, line, f"area {code} has no name")
    try:
        level = AreaLevel(level_text)
    except ValueError:
        raise _row_error(path, line, f"unknown level {level_text!r}") from None
    if level is not level_of(code):
        raise _row_error(
            path, line, f"level {level.value!r} does not match code {code} ({level_of(code).value})"
        )
    parent = parent_text or None
    if parent is not None and parent != parent_of(code):
        raise _row_error(
            path, line, f"parent {parent!r} is not the parent of {code} ({parent_of(code)})"
        )
    return Area(code=code, name=name, level=level, parent=parent)


def load_areas(path: Path | None = None) -> list[Area]:
    """Read an area list CSV (code,name,level,parent), checking every row."""
    source = path if path is not None else default_areas_path()
    areas: list[Area] = []
    first_line: dict[str, int] = {}
    with source.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None or tuple(cell.strip() for cell in header) != CSV_HEADER:
            raise _row_error(source, 1, f"header must be {','.join(CSV_HEADER)}")
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            area = _parse_row(source, line, row)
            if area.code in first_line:
                raise _row_error(
                    source,
                    line,
                    f"duplicate code {area.code} (first on line {first_line[area.code]})",
                )
            first_line[area.code] = line
            areas.append(area)
    for area in areas:
        line = first_line[area.code]
        if area.parent is not None and area.parent not in first_line:
            raise _row_error(source, line, f"unknown parent {area.parent} of {area.code}")
        expected = parent_of(area.code)
        if area.parent is None and expected is not None and expected in first_line:
            raise _row_error(
                source, line, f"parent of {area.code} is empty but {expected} is listed"
            )
    return areas


def address_key(address: str) -> tuple[tuple[int, int | str], ...]:
    """An address as a sort key in the natural order of its numbers: 杜家村2组9号 before
    杜家村2组10号 before 杜家村10组1号 (numbers by value, the words between by text)."""
    parts = re.split(r"(\d+)", address)
    return tuple((1, int(p)) if p.isdigit() else (0, p) for p in parts if p)
