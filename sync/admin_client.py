"""The admin API from the program (the 管理 pages): a typed function for every /admin route.

Over the sync's `Transport` (requests, retries, TLS, gzip): every failure is a `SyncError`
whose `str()` is a Chinese message for the user — the server's own for a refusal (not an
admin, outside the district, a bad value), or why the server cannot be reached.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from sync.admin_protocol import (
    AdminDevice,
    AdminUser,
    AreaChange,
    AuditPage,
    ExportRequest,
    ImportAnswer,
    NewPassword,
    NewUser,
    Revocation,
    SampleAnswer,
    SampleChange,
    SampleDraw,
    SampleHousehold,
    TemplateInfo,
    UserChange,
)
from sync.protocol import LoginRequest, LoginResponse, PublicationInfo
from sync.transport import BadAnswer, SyncError, Transport

T = TypeVar("T")
__all__ = ["AdminClient", "BadValue", "FileProblem", "SyncError"]


class FileProblem(SyncError):
    """A file to send cannot be read, or one to write cannot be written."""

    user_message = "文件无法读写"


class BadValue(SyncError):
    """A value the server would refuse, caught before sending (`detail` names it)."""

    user_message = "输入有误"


def _model(kind: type[T], values: dict[str, Any]) -> T:
    """The request body, or BadValue naming the field that is wrong."""
    try:
        return TypeAdapter(kind).validate_python(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()) if not isinstance(p, int))
        raise BadValue(f"{FIELDS.get(where, where)}{fault(first)}") from exc


#: what is wrong with a value, by pydantic's error type (its own messages are English)
FAULTS = {
    "string_pattern_mismatch": "的写法不对",
    "string_too_short": "不能为空",
    "string_too_long": "太长（最多 {max_length} 个字）",
    "too_long": "太多（最多 {max_length} 项）",
    "greater_than_equal": "不能小于 {ge}",
    "less_than_equal": "不能大于 {le}",
    "literal_error": "不是可选的值",
    "missing": "没有填写",
    "int_type": "应为整数",
    "string_type": "应为文字",
    "bool_type": "应为“是”或“否”",
}


def fault(error: Any) -> str:
    """A pydantic error said in Chinese (what is wrong; the field's name goes before it)."""
    words = FAULTS.get(str(error.get("type", "")), "有误")
    try:
        return words.format(**error.get("ctx", {}))
    except (KeyError, IndexError):
        return words


#: the fields' names in the messages
FIELDS = {
    "username": "用户名",
    "role": "角色",
    "password": "密码",
    "display_name": "姓名",
    "phone": "电话",
    "areas": "区划",
    "format": "文件格式",
    "area": "地区",
    "size": "户数",
    "seed": "种子",
    "household": "户",
    "reason": "原因",
    "replace": "替换现有样本",
    "add": "加入或移出",
    "active": "启用或停用",
    "survey_round": "调查轮次",
    "month": "月份",
}


def _parsed(kind: Any, content: bytes) -> Any:
    try:
        return TypeAdapter(kind).validate_json(content)
    except ValidationError as exc:
        raise BadAnswer(str(exc.errors()[0].get("msg", ""))) from exc


class AdminClient:
    """The admin API of one server, as one signed-in admin (their device token)."""

    def __init__(self, base_url: str, token: str, **options: Any) -> None:
        self.transport = Transport(base_url, token=token, **options)

    @classmethod
    def sign_in(
        cls, base_url: str, username: str, password: str, client_id: str = "", **options: Any
    ) -> AdminClient:
        """Sign in (a new device token) and answer a client with it."""
        transport = Transport(base_url, **options)
        try:
            request = LoginRequest(
                username=username,
                password=password,
                client_id=client_id or str(uuid.uuid4()),
                device_name="管理",
            )
            answer = transport.call("POST", "/login", LoginResponse, request)
        finally:
            transport.close()
        return cls(base_url, answer.token, **options)

    def close(self) -> None:
        self.transport.close()

    def _get(self, path: str, kind: type[T] | Any, **params: Any) -> Any:
        query = {k: v for k, v in params.items() if v not in ("", None)}
        return _parsed(kind, self.transport.send("GET", path, params=query).content)

    # users and their areas

    def users(self) -> list[AdminUser]:
        """The users of the admin's district."""
        result: list[AdminUser] = self._get("/admin/users", list[AdminUser])
        return result

    def add_user(
        self,
        username: str,
        role: str,
        password: str,
        *,
        display_name: str = "",
        phone: str = "",
        areas: Sequence[str] = (),
    ) -> AdminUser:
        body = _model(
            NewUser,
            {
                "username": username,
                "role": role,
                "password": password,
                "display_name": display_name,
                "phone": phone,
                "areas": list(areas),
            },
        )
        return self.transport.call("POST", "/admin/users", AdminUser, body)

    def set_active(self, username: str, active: bool) -> AdminUser:
        """Disable (refused at the next contact; their laptops lock) or enable a user."""
        body = UserChange(active=active)
        return self.transport.call("PATCH", f"/admin/users/{username}", AdminUser, body)

    def set_role(self, username: str, role: str) -> AdminUser:
        body = _model(UserChange, {"role": role})
        return self.transport.call("PATCH", f"/admin/users/{username}", AdminUser, body)

    def reset_password(self, username: str, password: str) -> AdminUser:
        body = _model(NewPassword, {"password": password})
        return self.transport.call("POST", f"/admin/users/{username}/password", AdminUser, body)

    def change_areas(
        self, username: str, add: Sequence[str] = (), remove: Sequence[str] = ()
    ) -> AdminUser:
        body = AreaChange(add=list(add), remove=list(remove))
        return self.transport.call("POST", f"/admin/users/{username}/areas", AdminUser, body)

    # devices

    def devices(self, username: str = "") -> list[AdminDevice]:
        """The devices of the district's users (or one user's), with their last sync."""
        result: list[AdminDevice] = self._get(
            "/admin/devices", list[AdminDevice], username=username
        )
        return result

    def revoke(self, device_id: str, reason: str = "") -> AdminDevice:
        body = Revocation(reason=reason)
        return self.transport.call("POST", f"/admin/devices/{device_id}/revoke", AdminDevice, body)

    # imports

    def _upload(self, path: str, file: Path, params: dict[str, Any]) -> ImportAnswer:
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            raise FileProblem(f"{file}：{exc.strerror or exc}") from exc
        params = {"name": Path(file).name, **{k: v for k, v in params.items() if v}}
        headers = {"Content-Type": "application/octet-stream"}
        answer = self.transport.send("POST", path, params=params, data=data, headers=headers)
        result: ImportAnswer = _parsed(ImportAnswer, answer.content)
        return result

    def import_roster(self, file: Path, *, strict: bool = False) -> ImportAnswer:
        """Import a roster sheet (.xlsx or .csv): counts and the refused rows."""
        return self._upload("/admin/imports/roster", file, {"strict": "true" if strict else ""})

    def import_changes(
        self, file: Path, month: str, *, source: str = "", kind: str = "", strict: bool = False
    ) -> ImportAnswer:
        """Import a month's change list (e.g. month 2026-11): tasks made, refused rows."""
        params = {"month": month, "source": source, "kind": kind}
        params["strict"] = "true" if strict else ""
        return self._upload("/admin/imports/changes", file, params)

    # exports

    def templates(self) -> list[TemplateInfo]:
        result: list[TemplateInfo] = self._get("/admin/exports", list[TemplateInfo])
        return result

    def export(
        self, template: str, out: Path, *, survey_round: str = "", area: str = "", month: str = ""
    ) -> Path:
        """Run an export on the server and save it to `out` (.xlsx or .csv)."""
        fmt = Path(out).suffix.lower().lstrip(".")
        if fmt not in ("xlsx", "csv"):
            raise FileProblem(f"文件名必须以 .xlsx 或 .csv 结尾：{Path(out).name}")
        body = _model(
            ExportRequest,
            {"survey_round": survey_round, "area": area, "month": month, "format": fmt},
        )
        data = self.transport.send(
            "POST", f"/admin/exports/{template}", **self.transport._body(body)
        ).content
        try:
            Path(out).write_bytes(data)
        except OSError as exc:
            raise FileProblem(f"{out}：{exc.strerror or exc}") from exc
        return Path(out)

    # the audit log

    def audit(
        self,
        *,
        username: str = "",
        person: str = "",
        action: str = "",
        since: datetime | None = None,
        until: datetime | None = None,
        offset: int = 0,
        limit: int = 100,
    ) -> AuditPage:
        """A page of the district's audit log, newest first, filtered."""
        result: AuditPage = self._get(
            "/admin/audit",
            AuditPage,
            username=username,
            person=person,
            action=action,
            since=since.isoformat() if since else None,
            until=until.isoformat() if until else None,
            offset=offset,
            limit=limit,
        )
        return result

    # published forms and settings (publishing itself: sync.publishing.publish_file)

    def publications(self) -> list[PublicationInfo]:
        """Every published form version and settings publication, oldest first."""
        result: list[PublicationInfo] = self._get("/admin/definitions", list[PublicationInfo])
        return result

    # the income-monitoring sample

    def sample(self, year: int) -> list[SampleHousehold]:
        """The year's sampled households of the admin's district."""
        result: list[SampleHousehold] = self._get(f"/admin/sample/{year}", list[SampleHousehold])
        return result

    def draw_sample(
        self,
        year: int,
        area: str,
        *,
        size: int | None = None,
        seed: int | None = None,
        replace: bool = False,
    ) -> SampleAnswer:
        """Draw the area's sample at random (size from the settings, seed chosen by the
        server, when not given); the answer has the seed kept."""
        body = _model(SampleDraw, {"area": area, "size": size, "seed": seed, "replace": replace})
        return self.transport.call("POST", f"/admin/sample/{year}/draw", SampleAnswer, body)

    def change_sample(self, year: int, household: str, *, add: bool, reason: str) -> SampleAnswer:
        """Add a household (id, 户口号 or 户主身份证号) to the sample or remove it."""
        body = _model(SampleChange, {"household": household, "add": add, "reason": reason})
        return self.transport.call("POST", f"/admin/sample/{year}/changes", SampleAnswer, body)
