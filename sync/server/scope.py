"""Scope: which records a user may read and write, by the 12-digit code of their household's area.

Every record has one scope key, kept in `record_index.area_code`: a household's
village code, inherited by everything that hangs below the household (persons,
their certificates and subsidies, visits, responses, cases, attachments). Areas
(key None) are read by the users of their district, users (key None too) only by
those they work with (`readable`); laptops' audit events stay on the server (key
SERVER_ONLY). A user's scope is the prefixes of their assigned areas
(`app.domain.areas.prefix_of`); an admin's is everything.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlalchemy.orm import Session

from app.domain.areas import CODE_LENGTH, is_area_code, prefix_of
from app.domain.areas import parent_of as area_above
from app.domain.workflow import ADMIN
from app.store.registry import Area, Assignment, User
from app.store.schema import MODEL_BY_ENTITY
from app.store.work import Attachment
from sync.server.tables import SERVER_ONLY, RecordIndex

#: entity -> (the entity it hangs below, the field naming that record)
PARENTS: Mapping[str, tuple[str, str]] = {
    "person": ("household", "household_id"),
    "visit": ("household", "household_id"),
    "form_response": ("household", "household_id"),
    "renovation_case": ("household", "household_id"),
    "income_sample": ("household", "household_id"),
    "certificate": ("person", "person_id"),
    "subsidy": ("person", "person_id"),
    "change_notice": ("person", "person_id"),
}
OWN_AREA = frozenset({"household", "assignment"})
PUBLIC = frozenset({"area", "user"})
KEPT_ON_SERVER = frozenset({"audit_event"})
#: the digits of a code naming its district (province 2, city 2, county 2): a laptop reads
#: the areas of its districts
DISTRICT_DIGITS = 6
#: entities only the admin command line writes (laptops' ops on them are refused)
SERVER_MANAGED = frozenset({"area", "user", "assignment", "income_sample"})


class UnknownParent(LookupError):
    """The record an op's record hangs below is not on the server."""

    def __init__(self, entity: str, record_id: str) -> None:
        super().__init__(f"{entity} {record_id}")
        self.entity = entity
        self.record_id = record_id


@dataclass(frozen=True)
class Scope:
    """Area-code prefixes a user may read and write; the empty prefix means everything."""

    prefixes: tuple[str, ...]

    @property
    def everything(self) -> bool:
        return "" in self.prefixes

    def covers(self, area: str | None) -> bool:
        """Whether a record with this scope key may be read (public ones by anyone)."""
        if area is None:
            return True
        if area == SERVER_ONLY:
            return False
        return area.startswith(self.prefixes)

    def covers_prefix(self, prefix: str) -> bool:
        """Whether a whole area (given by its prefix) lies inside the scope."""
        return any(prefix.startswith(p) for p in self.prefixes)

    def where(self, column: Any, *, public: bool = True) -> ColumnElement[bool]:
        """The SQL filter of records in scope (and public ones, unless told otherwise)."""
        if self.everything:
            inside: ColumnElement[bool] = and_(column.is_not(None), column != SERVER_ONLY)
        elif self.prefixes:
            # each prefix as the range of the 12-digit codes it starts: an index lookup
            # (`record_index` has one by area and sequence), where LIKE would scan (SQLite's
            # LIKE ignores case; PostgreSQL's needs the C collation)
            inside = or_(
                *[
                    column.between(p.ljust(CODE_LENGTH, "0"), p.ljust(CODE_LENGTH, "9"))
                    for p in self.prefixes
                ]
            )
        else:
            inside = false()
        return or_(column.is_(None), inside) if public else inside


def readable(scope: Scope, areas: Sequence[str], username: str) -> ColumnElement[bool]:
    """The SQL filter of the `record_index` rows a user reads: the records in scope, the
    areas of their districts and above them (in a province, not the tens of thousands of
    every district), and of the users only those they work with (not every user's name,
    role and phone): themselves, the users assigned inside their scope (a reviewer's members, a
    village's other members), and those assigned an area they are in (their reviewers,
    their district's administrator). An admin reads every user."""
    area = RecordIndex.area_code
    if scope.everything:
        return scope.where(area)
    above = sorted({code for a in areas if is_area_code(a) for code in _and_above(a)})
    # correlated, so asked only of the user records in a pull's window (rarely any): a
    # list of every peer built up front would cost every pull its time
    # (correlated with the index only: the snapshot joins the user and assignment tables)
    peer = (
        select(Assignment.id)
        .where(
            Assignment.user_id == RecordIndex.record_id,
            Assignment.deleted.is_(False),
            or_(scope.where(Assignment.area_code, public=False), Assignment.area_code.in_(above)),
        )
        .correlate(RecordIndex)
        .exists()
    )
    me = (
        select(User.id)
        .where(User.id == RecordIndex.record_id, User.username == username)
        .correlate(RecordIndex)
        .exists()
    )
    # the area tree of one's own districts and the areas above them, not a province's
    # tens of thousands (a few hundred ids, found by the unique index of area codes, and
    # only when an area is in the window)
    districts = Scope(
        tuple(sorted({prefix_of(a)[:DISTRICT_DIGITS] for a in areas if is_area_code(a)}))
    )
    tree = select(Area.id).where(
        or_(districts.where(Area.code, public=False), Area.code.in_(above))
    )
    public = and_(
        area.is_(None),
        or_(
            RecordIndex.entity.not_in(("user", "area")),
            and_(RecordIndex.entity == "user", or_(peer, me)),
            and_(RecordIndex.entity == "area", RecordIndex.record_id.in_(tree)),
        ),
    )
    return or_(public, scope.where(area, public=False))


def _and_above(code: str) -> list[str]:
    """An area's code and the codes of every area above it."""
    found = [code]
    while (parent := area_above(found[-1])) is not None:
        found.append(parent)
    return found


def scope_of(role: str, areas: Sequence[str]) -> Scope:
    """An admin sees everything; others their assigned areas (with everything below)."""
    if role == ADMIN:
        return Scope(("",))
    return Scope(tuple(sorted({prefix_of(a) for a in areas if is_area_code(a)})))


def assigned_areas(session: Session, username: str) -> list[str]:
    rows = session.scalars(
        select(Assignment.area_code)
        .join(User, User.id == Assignment.user_id)
        .where(User.username == username, Assignment.deleted.is_(False))
        .order_by(Assignment.area_code)
    )
    return list(rows)


def parent_of(entity: str, values: Mapping[str, Any]) -> tuple[str, str] | None:
    """The record a record hangs below, read from its values (None for top records)."""
    if entity == "attachment":
        return str(values.get("owner_entity") or ""), str(values.get("owner_id") or "")
    if entity in PARENTS:
        parent, field = PARENTS[entity]
        return parent, str(values.get(field) or "")
    return None


def area_inputs(entity: str) -> tuple[str, ...]:
    """The fields of a record `area_of` reads."""
    if entity in OWN_AREA:
        return ("area_code",)
    if entity == "attachment":
        return ("owner_entity", "owner_id")
    if entity in PARENTS:
        return (PARENTS[entity][1],)
    return ()


def area_of(session: Session, entity: str, values: Mapping[str, Any]) -> str | None:
    """The scope key of a record with these values; UnknownParent if its parent is missing."""
    if entity in OWN_AREA:
        return str(values.get("area_code") or "")
    if entity in PUBLIC:
        return None
    if entity in KEPT_ON_SERVER:
        return SERVER_ONLY
    parent = parent_of(entity, values)
    if parent is None:
        return SERVER_ONLY
    index = session.get(RecordIndex, parent)
    if index is None:
        raise UnknownParent(*parent)
    return index.area_code


def children(session: Session, entity: str, record_id: str) -> list[tuple[str, str]]:
    """The records hanging directly below one record (their scope follows it)."""
    found: list[tuple[str, str]] = []
    for child, (parent, field) in PARENTS.items():
        if parent != entity:
            continue
        model = MODEL_BY_ENTITY[child]
        column = getattr(model, field)
        found += [(child, i) for i in session.scalars(select(model.id).where(column == record_id))]
    rows = session.scalars(
        select(Attachment.id).where(
            Attachment.owner_entity == entity, Attachment.owner_id == record_id
        )
    )
    found += [("attachment", i) for i in rows]
    return found
