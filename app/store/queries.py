"""Read queries for the screens: household list pages, rows by id, counts, villages."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, text

from app.domain.codes import load_code_lists

ROW_SQL = """
SELECT h.id, h.area_code, a.name AS village, h.head_name, h.address, h.phone, h.hardship,
       (SELECT group_concat(p.name, '、') FROM person p
         WHERE p.household_id = h.id AND p.deleted = 0) AS members
FROM household h JOIN area a ON a.code = h.area_code
"""


@dataclass(frozen=True)
class HouseholdRow:
    """What the household list shows of one household."""

    id: str
    area_code: str
    village: str
    head_name: str
    address: str
    phone: str
    hardship: str
    members: str


@dataclass(frozen=True)
class PageKey:
    """Where a page of the household list ends (keyset paging: no OFFSET scans)."""

    area_code: str
    address: str
    id: str


@functools.cache
def _hardship_labels(raw: str | None) -> str:
    """Labels of a household's hardship codes (a handful of distinct values: cached)."""
    if not raw:
        return ""
    codes = json.loads(raw)
    hardship = load_code_lists()["hardship"]
    return "、".join(hardship.label(c) if c in hardship else c for c in codes)


def _row(r: object) -> HouseholdRow:
    return HouseholdRow(
        id=r.id,  # type: ignore[attr-defined]
        area_code=r.area_code,  # type: ignore[attr-defined]
        village=r.village,  # type: ignore[attr-defined]
        head_name=r.head_name,  # type: ignore[attr-defined]
        address=r.address,  # type: ignore[attr-defined]
        phone=r.phone,  # type: ignore[attr-defined]
        hardship=_hardship_labels(r.hardship),  # type: ignore[attr-defined]
        members=r.members or "",  # type: ignore[attr-defined]
    )


def _area_filter(area_prefix: str | None) -> str:
    return " AND h.area_code LIKE :prefix" if area_prefix else ""


def household_count(conn: Connection, area_prefix: str | None = None) -> int:
    sql = "SELECT count(*) FROM household h WHERE h.deleted = 0" + _area_filter(area_prefix)
    return int(conn.execute(text(sql), {"prefix": f"{area_prefix}%"}).scalar_one())


def household_page(
    conn: Connection, after: PageKey | None, limit: int, area_prefix: str | None = None
) -> list[HouseholdRow]:
    """The next `limit` households in list order (village, address) after `after`."""
    where = "WHERE h.deleted = 0" + _area_filter(area_prefix)
    params: dict[str, object] = {"limit": limit, "prefix": f"{area_prefix}%"}
    if after is not None:
        where += " AND (h.area_code, h.address, h.id) > (:a, :b, :c)"
        params.update(a=after.area_code, b=after.address, c=after.id)
    sql = f"{ROW_SQL} {where} ORDER BY h.area_code, h.address, h.id LIMIT :limit"
    return [_row(r) for r in conn.execute(text(sql), params)]


def households_by_id(conn: Connection, ids: Sequence[str]) -> dict[str, HouseholdRow]:
    if not ids:
        return {}
    sql = text(f"{ROW_SQL} WHERE h.id IN :ids").bindparams(bindparam("ids", expanding=True))
    return {r.id: _row(r) for r in conn.execute(sql, {"ids": list(ids)})}


@dataclass(frozen=True)
class VillageRow:
    """A village or community and its town, for filters."""

    code: str
    name: str
    town: str


def villages(conn: Connection) -> list[VillageRow]:
    sql = text(
        "SELECT v.code, v.name, coalesce(t.name, '') AS town FROM area v"
        " LEFT JOIN area t ON t.code = v.parent_code"
        " WHERE v.level = 'village' AND v.deleted = 0 ORDER BY v.code"
    )
    return [VillageRow(r.code, r.name, r.town) for r in conn.execute(sql)]
