"""The areas the 统计 page may show: the user's own areas and every place below them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from app.domain.areas import is_area_code, parent_of, prefix_of
from app.store.database import Database
from app.store.registry import Area

#: the levels the page drills through, from the top
LEVELS = ("county", "town", "village")


@dataclass(frozen=True)
class ScopeArea:
    """One place the user may look at: its 12-digit code, name, level and depth in the tree."""

    code: str
    name: str
    level: str
    depth: int  # 0 for the user's own areas, 1 below them, ...

    @property
    def prefix(self) -> str:
        """The code's significant digits (6 for the district, 9 a town, 12 a village)."""
        return prefix_of(self.code)


class Scope:
    """The user's areas and the places below them, in the order of the area tree."""

    def __init__(self, areas: Sequence[ScopeArea]) -> None:
        self.areas = list(areas)
        self._by_code = {a.code: a for a in self.areas}

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: str) -> ScopeArea | None:
        return self._by_code.get(code)

    def children(self, code: str) -> list[ScopeArea]:
        return [a for a in self.areas if is_area_code(a.code) and parent_of(a.code) == code]

    def path(self, code: str) -> list[ScopeArea]:
        """The places from the user's own area down to `code` (empty when out of scope)."""
        found: list[ScopeArea] = []
        current: str | None = code
        while current is not None and current in self._by_code:
            found.append(self._by_code[current])
            current = parent_of(current)
        return found[::-1]

    def up(self, code: str) -> str | None:
        """The place above `code` that the user may see, or None at the top of the scope."""
        path = self.path(code)
        return path[-2].code if len(path) > 1 else None

    @property
    def first(self) -> ScopeArea | None:
        return self.areas[0] if self.areas else None


def full_code(code: str) -> str:
    """A code of 6, 9 or 12 digits as the 12-digit code of its place."""
    return code.ljust(12, "0")


def load_scope(db: Database, own: Sequence[str]) -> Scope:
    """The user's areas (`own`, 12-digit codes) and every town and village below them."""
    with db.session() as s:
        rows = s.execute(
            select(Area.code, Area.name, Area.level)
            .where(Area.deleted.is_(False), Area.level.in_(LEVELS))
            .order_by(Area.code)
        ).all()
    roots = sorted({prefix_of(c) for c in own if is_area_code(c)}, key=len)
    # an area inside another of the user's areas is shown under that one, not twice
    roots = [r for i, r in enumerate(roots) if not any(r.startswith(o) for o in roots[:i])]
    areas = []
    for code, name, level in rows:
        root = next((r for r in roots if code.startswith(r)), None)
        if root is None:
            continue
        depth = LEVELS.index(level) - LEVELS.index(_level_of_prefix(root))
        if depth >= 0:
            areas.append(ScopeArea(code, name, level, depth))
    return Scope(areas)


def _level_of_prefix(prefix: str) -> str:
    return {6: "county", 9: "town"}.get(len(prefix), "village")
