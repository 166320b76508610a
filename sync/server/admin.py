"""Administration of a server database: create it, users and their areas, devices.

Users and assignments are synced records (laptops read them), so they are written
through the ledger like any change; passwords and devices stay on the server.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.areas import is_area_code, load_areas
from app.domain.workflow import ROLES
from app.store.base import utcnow
from app.store.registry import Area, Assignment, User
from sync.server import audit, auth, bulk, db, ledger, published, throttle
from sync.server.tables import Credential, Device

SERVER = ledger.Author("server")


class AdminError(ValueError):
    """A command that cannot be done as asked (unknown user, bad role or area)."""


@dataclass(frozen=True)
class Doer:
    """Who does an administrative act, for the audit: the command line, or an admin's device."""

    username: str = "admin"
    device_id: str = ""
    address: str = ""

    def record(self, session: Session, action: str, detail: Mapping[str, Any]) -> None:
        audit.record(session, self.username, self.device_id, action, detail, self.address)


CLI = Doer()


@dataclass(frozen=True)
class UserRow:
    """One user as `users list` shows it."""

    username: str
    role: str
    display_name: str
    areas: list[str]
    devices: int
    active: bool


def init(database: db.ServerDatabase, areas_file: Path | None = None) -> int:
    """Create or upgrade the schema; load the area list once. Returns the areas loaded."""
    db.upgrade(database)
    with database.write() as s:
        ledger.lock(s)
        published.seed(s)  # the built-in forms and settings, once
        if s.scalar(select(func.count()).select_from(Area)):
            return 0
        rows = [
            {
                "id": str(uuid.uuid4()),
                "code": a.code,
                "name": a.name,
                "level": a.level.value,
                "parent_code": a.parent,
                "valid_year": 2023,
            }
            for a in load_areas(areas_file)
        ]
        count = bulk.create_many(s, "area", rows, author=SERVER, cache={})
        audit.record(s, "admin", "", "init", {"areas": count}, "")
        return count


def _user(session: Session, username: str) -> User:
    user = session.scalars(select(User).where(User.username == username)).first()
    if user is None:
        raise AdminError(f"没有用户 {username}")
    return user


def _check_areas(session: Session, areas: list[str]) -> None:
    for code in areas:
        if not is_area_code(code):
            raise AdminError(f"区划代码必须是12位数字：{code}")
        if session.scalar(select(Area.id).where(Area.code == code)) is None:
            raise AdminError(f"未知的区划代码：{code}")


def add_user(
    database: db.ServerDatabase,
    username: str,
    role: str,
    password: str,
    *,
    display_name: str = "",
    areas: list[str] | None = None,
    phone: str = "",
    doer: Doer = CLI,
) -> None:
    """A new user with a password and areas (argon2 hash computed before the transaction)."""
    if role not in ROLES:
        raise AdminError(f"角色必须是 {', '.join(ROLES)} 之一：{role}")
    if not password:
        raise AdminError("密码不能为空")
    hashed = auth.hash_password(password)
    with database.write() as s:
        ledger.lock(s)
        if s.scalars(select(User).where(User.username == username)).first() is not None:
            raise AdminError(f"用户已存在：{username}")
        _check_areas(s, areas or [])
        user_id = str(uuid.uuid4())
        ledger.write_change(
            s,
            "user",
            user_id,
            {"username": username, "role": role, "display_name": display_name, "phone": phone},
            author=SERVER,
        )
        s.add(Credential(username=username, password_hash=hashed))
        for code in areas or []:
            ledger.write_change(
                s,
                "assignment",
                str(uuid.uuid4()),
                {"user_id": user_id, "area_code": code},
                author=SERVER,
            )
        doer.record(s, "user_add", {"username": username, "role": role, "areas": areas or []})


def assign(
    database: db.ServerDatabase,
    username: str,
    add: list[str],
    remove: list[str],
    doer: Doer = CLI,
) -> list[str]:
    """Add and remove areas of a user; returns the areas after. Laptops re-scope on next pull."""
    with database.write() as s:
        ledger.lock(s)
        user = _user(s, username)
        _check_areas(s, add)
        live = list(
            s.scalars(
                select(Assignment).where(
                    Assignment.user_id == user.id, Assignment.deleted.is_(False)
                )
            )
        )
        have = {a.area_code for a in live}
        for code in add:
            if code not in have:
                ledger.write_change(
                    s,
                    "assignment",
                    str(uuid.uuid4()),
                    {"user_id": user.id, "area_code": code},
                    author=SERVER,
                )
        for row in live:
            if row.area_code in remove:
                ledger.write_change(s, "assignment", row.id, {}, author=SERVER, kind="delete")
        if set(add) - have:
            # the laptops of the new areas read this user from now on: a change brings it
            ledger.write_change(s, "user", user.id, {}, author=SERVER)
        doer.record(s, "assign", {"username": username, "add": add, "remove": remove})
        return sorted((have | set(add)) - set(remove))


def set_password(
    database: db.ServerDatabase, username: str, password: str, doer: Doer = CLI
) -> None:
    if not password:
        raise AdminError("密码不能为空")
    hashed = auth.hash_password(password)
    with database.write() as s:
        cred = s.get(Credential, username)
        if cred is None:
            raise AdminError(f"没有用户 {username}")
        cred.password_hash = hashed
        cred.changed_at = utcnow()  # and a revoked laptop may sign in with the new one
        throttle.forget(s, username)
        doer.record(s, "password", {"username": username})


def set_active(database: db.ServerDatabase, username: str, active: bool, doer: Doer = CLI) -> None:
    """Disable a user (refused at the next contact, every device) or enable them again."""
    with database.write() as s:
        cred = s.get(Credential, username)
        if cred is None:
            raise AdminError(f"没有用户 {username}")
        # enabling (even an enabled user) also lets their revoked laptops sign in again
        if cred.active != active or active:
            cred.active = active
            cred.changed_at = utcnow()
            if active:
                throttle.forget(s, username)
            doer.record(s, "user_enable" if active else "user_disable", {"username": username})


def set_role(database: db.ServerDatabase, username: str, role: str, doer: Doer = CLI) -> None:
    """Change a user's role (a synced field: the laptops learn it in their next pull)."""
    if role not in ROLES:
        raise AdminError(f"角色必须是 {', '.join(ROLES)} 之一：{role}")
    with database.write() as s:
        ledger.lock(s)
        user = _user(s, username)
        if user.role != role:
            ledger.write_change(s, "user", user.id, {"role": role}, author=SERVER)
            doer.record(s, "role", {"username": username, "role": role, "was": user.role})


def list_users(database: db.ServerDatabase) -> list[UserRow]:
    with database.read() as s:
        users = list(s.scalars(select(User).where(User.deleted.is_(False)).order_by(User.username)))
        rows = []
        for user in users:
            areas = list(
                s.scalars(
                    select(Assignment.area_code).where(
                        Assignment.user_id == user.id, Assignment.deleted.is_(False)
                    )
                )
            )
            devices = s.scalar(
                select(func.count())
                .select_from(Device)
                .where(Device.username == user.username, Device.revoked_at.is_(None))
            )
            cred = s.get(Credential, user.username)
            rows.append(
                UserRow(
                    user.username,
                    user.role,
                    user.display_name,
                    sorted(areas),
                    int(devices or 0),
                    bool(cred and cred.active),
                )
            )
        return rows


def list_devices(database: db.ServerDatabase, username: str | None = None) -> list[Device]:
    with database.read() as s:
        query = select(Device).order_by(Device.created_at)
        if username:
            query = query.where(Device.username == username)
        return list(s.scalars(query))


def revoke(
    database: db.ServerDatabase,
    device_id: str | None,
    username: str | None,
    doer: Doer = CLI,
    *,
    reason: str = "",
) -> int:
    """Revoke one device, or every device of a user; returns how many were revoked."""
    targets = [d.id for d in list_devices(database, username) if d.revoked_at is None]
    if device_id:
        targets = [device_id]
    for target in targets:
        try:
            auth.revoke(
                database, target, doer.username, doer.device_id, doer.address, reason=reason
            )
        except LookupError as exc:
            raise AdminError(f"没有设备 {target}") from exc
    return len(targets)
