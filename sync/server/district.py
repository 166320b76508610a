"""Who an admin manages: their district (their assigned areas), its users and devices."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.workflow import ADMIN
from app.store.registry import Person, User
from sync.server.auth import Actor
from sync.server.errors import ServerError
from sync.server.scope import Scope, assigned_areas, scope_of
from sync.server.tables import Device, RecordIndex


def district_of(actor: Actor) -> Scope:
    """The admin's district as area prefixes; 403 for any other role or an admin of no area."""
    if actor.role != ADMIN:
        raise ServerError(403, "admin.role")
    district = scope_of("member", actor.areas)  # the prefixes of the assigned areas
    if not district.prefixes:
        raise ServerError(403, "admin.district", {"what": "您的账号未分配区县"})
    return district


def managed(district: Scope, areas: Iterable[str]) -> bool:
    """Whether a user of these areas is the admin's (one of no area is every admin's)."""
    return all(district.covers(a) for a in areas)


def check_areas(district: Scope, areas: Iterable[str]) -> None:
    """403 naming the first area outside the district."""
    outside = [a for a in areas if not district.covers(a)]
    if outside:
        raise ServerError(403, "admin.district", {"what": "、".join(outside[:5])})


def managed_user(session: Session, district: Scope, username: str) -> User:
    """The user (404 when unknown), 403 when any of their areas is outside the district."""
    user = session.scalars(
        select(User).where(User.username == username, User.deleted.is_(False))
    ).first()
    if user is None:
        raise ServerError(404, "not_found", {"what": f"用户 {username}"})
    if not managed(district, assigned_areas(session, username)):
        raise ServerError(403, "admin.district", {"what": f"用户 {username}"})
    return user


def managed_device(session: Session, district: Scope, device_id: str) -> Device:
    """The device (404 when unknown), 403 when its user is outside the district."""
    device = session.get(Device, device_id)
    if device is None:
        raise ServerError(404, "not_found", {"what": f"设备 {device_id}"})
    if not managed(district, assigned_areas(session, device.username)):
        raise ServerError(403, "admin.district", {"what": f"设备 {device_id}"})
    return device


def persons_outside(session: Session, district: Scope, numbers: list[str]) -> set[str]:
    """The ID numbers among `numbers` registered to a person outside the district."""
    outside: set[str] = set()
    for start in range(0, len(numbers), 500):
        query = (
            select(Person.id_number, RecordIndex.area_code)
            .join(
                RecordIndex,
                (RecordIndex.entity == "person") & (RecordIndex.record_id == Person.id),
            )
            .where(Person.id_number.in_(numbers[start : start + 500]), Person.deleted.is_(False))
        )
        for number, area in session.execute(query):
            if area is not None and not district.covers(area):
                outside.add(number)
    return outside
