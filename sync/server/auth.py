"""Sign-in with argon2 password hashes and a throttle, device tokens (hash only), revocation.

Nothing is kept in memory between requests: the failure counts live in `sign_in`
(`sync.server.throttle`), the devices in `device`, so several server processes can
answer the same laptop.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import ColumnElement, Executable, and_, bindparam, select
from sqlalchemy.orm import Session

from app.store.base import utcnow
from app.store.registry import Assignment, User
from sync.protocol import LoginRequest, LoginResponse, Me
from sync.server import audit, throttle
from sync.server.db import ServerDatabase
from sync.server.errors import ServerError
from sync.server.scope import Scope, assigned_areas, readable, scope_of
from sync.server.tables import Credential, Device

HASHER = PasswordHasher()
# verified when the user is unknown, so that a wrong name costs as long as a wrong password
_DUMMY_HASH = HASHER.hash("fieldvisit-no-such-user")


@dataclass(frozen=True)
class Actor:
    """The signed-in user of one request: role, areas, scope, and the device it came from."""

    username: str
    role: str
    display_name: str
    device_id: str
    origin: str
    areas: tuple[str, ...]
    scope: Scope

    def readable(self) -> ColumnElement[bool]:
        """The SQL filter of the `record_index` rows this user reads (`scope.readable`)."""
        return readable(self.scope, self.areas, self.username)

    def me(self) -> Me:
        return Me(
            username=self.username,
            display_name=self.display_name,
            role=self.role,
            areas=list(self.areas),
            scope=list(self.scope.prefixes),
        )


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _throttled(seconds: int) -> ServerError:
    return ServerError(
        429, "auth.throttled", {"seconds": seconds}, headers={"Retry-After": str(seconds)}
    )


def login(db: ServerDatabase, request: LoginRequest, address: str) -> LoginResponse:
    """Check the password (outside any transaction: argon2 is slow), then record the result."""
    with db.read() as s:
        cred = s.get(Credential, request.username)
        user = s.scalars(select(User).where(User.username == request.username)).first()
        exists = cred is not None and user is not None and not user.deleted
        known = exists and cred is not None and cred.active
        # a disabled user's right password is told apart (the laptop locks their data)
        disabled = exists and not known
        stored = cred.password_hash if cred is not None and exists else _DUMMY_HASH
        revoked_laptop = cred is not None and _laptop_revoked(s, request, cred.changed_at)
        wait, attempt = throttle.wait_before(
            s, request.username, address, request.client_id, utcnow()
        )
    if wait:
        raise _throttled(wait)
    try:
        good = HASHER.verify(stored, request.password) and exists
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        good = False
    if good and disabled:
        with db.write() as s:
            audit.record(s, request.username, "", "login_disabled", {}, address)
        raise ServerError(401, "auth.inactive")
    if good and revoked_laptop:
        with db.write() as s:
            detail = {"client_id": request.client_id}
            audit.record(s, request.username, "", "login_revoked", detail, address)
        raise ServerError(401, "auth.revoked")
    with db.write() as s:
        cred = s.get(Credential, request.username)
        if not good or cred is None or user is None:
            throttle.failed(s, attempt, utcnow())
            audit.record(s, request.username, "", "login_failed", {}, address)
            failed = True
        else:
            failed = False
            throttle.succeeded(s, attempt, utcnow())
            if HASHER.check_needs_rehash(cred.password_hash):
                cred.password_hash = HASHER.hash(request.password)
            token = secrets.token_urlsafe(32)
            device = Device(
                id=str(uuid.uuid4()),
                username=user.username,
                client_id=request.client_id,
                name=request.device_name,
                token_hash=token_hash(token),
            )
            s.add(device)
            audit.record(
                s, user.username, device.id, "login", {"client_id": request.client_id}, address
            )
            areas = assigned_areas(s, user.username)
            me = Me(
                username=user.username,
                display_name=user.display_name,
                role=user.role,
                areas=areas,
                scope=list(scope_of(user.role, areas).prefixes),
            )
    if failed:
        raise ServerError(401, "auth.failed")
    return LoginResponse(token=token, device_id=device.id, user=me)


def _laptop_revoked(session: Session, request: LoginRequest, since: datetime) -> bool:
    """Whether this laptop's latest device of the user was revoked after the admin last
    enabled the user or set their password (until then it may not sign in again)."""
    latest = session.scalars(
        select(Device)
        .where(Device.username == request.username, Device.client_id == request.client_id)
        .order_by(Device.created_at.desc())
        .limit(1)
    ).first()
    return bool(latest and latest.revoked_at and latest.revoked_at > since)


@functools.cache
def _actor_query() -> Executable:
    """The device of a token hash with its user, their credential and areas (every request
    asks): a row per area, or one with no area. Built once."""
    return (
        select(
            Device.id,
            Device.client_id,
            Device.revoked_at,
            Credential.active,
            User.username,
            User.role,
            User.display_name,
            User.deleted,
            Assignment.area_code,
        )
        .outerjoin(Credential, Credential.username == Device.username)
        .outerjoin(User, User.username == Device.username)
        .outerjoin(Assignment, and_(Assignment.user_id == User.id, Assignment.deleted.is_(False)))
        .where(Device.token_hash == bindparam("token_hash"))
        .order_by(Assignment.area_code)
    )


def actor_for(db: ServerDatabase, token: str) -> Actor:
    """The user and device of a bearer token; 401 when unknown, revoked or deactivated."""
    with db.lookup() as s:
        rows = s.execute(_actor_query(), {"token_hash": token_hash(token)}).all()
    if not rows:
        raise ServerError(401, "auth.token")
    device_id, client_id, revoked_at, active, username, role, display_name, deleted, _ = rows[0]
    if revoked_at is not None:
        raise ServerError(401, "auth.revoked")
    if not active or username is None or deleted:
        raise ServerError(401, "auth.inactive")
    areas = [r.area_code for r in rows if r.area_code is not None]
    return Actor(
        username=username,
        role=role,
        display_name=display_name,
        device_id=device_id,
        origin=client_id,
        areas=tuple(areas),
        scope=scope_of(role, areas),
    )


def revoke(
    db: ServerDatabase,
    device_id: str,
    by: str,
    by_device: str = "",
    address: str = "",
    *,
    reason: str = "",
) -> Device:
    """Stop a device: its token is refused from the next request on."""
    with db.write() as s:
        device = s.get(Device, device_id)
        if device is None:
            raise LookupError(device_id)
        if device.revoked_at is None:
            device.revoked_at = utcnow()
            device.revoked_by = by
            detail = {"device": device_id, "device_owner": device.username, "reason": reason}
            audit.record(s, by, by_device, "revoke", detail, address)
        return device
