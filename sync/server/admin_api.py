"""The admin API (`/admin/...`): users, areas, devices, imports, exports and the audit log.

Role admin only, for the admin's district (their assigned areas); every change audited
with the admin, their device and address. The work is done by the command line's own
functions (`sync.server.admin`, `roster`, `changes`, `export`).
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParameter
from fastapi.responses import Response
from sqlalchemy import String, cast, func, or_, select
from starlette.concurrency import run_in_threadpool

from app.domain.identity import normalize_resident_id
from app.exports.templates import all_templates
from app.store.registry import User
from sync.admin_protocol import (
    AdminDevice,
    AdminUser,
    AreaChange,
    AuditPage,
    AuditRow,
    ExportRequest,
    ImportAnswer,
    NewPassword,
    NewUser,
    RefusedRowInfo,
    Revocation,
    TemplateInfo,
    UserChange,
)
from sync.protocol import IsoTime
from sync.server import admin, changes, export, roster
from sync.server.answers import binary_body, errors
from sync.server.auth import Actor as ActorRow
from sync.server.bearer import Actor
from sync.server.changes_sheet import read_changes
from sync.server.db import ServerDatabase
from sync.server.district import (
    check_areas,
    district_of,
    managed,
    managed_device,
    managed_user,
    persons_outside,
)
from sync.server.errors import ServerError
from sync.server.roster_sheet import read_sheet
from sync.server.scope import Scope, assigned_areas
from sync.server.tables import Audit, Device, OpReceipt

#: the largest roster or change list accepted (a district's roster is a few MB)
MAX_SHEET_BYTES = 32 << 20
SHEET_NAME = r"^[^/\\]{1,120}\.(xlsx|csv|XLSX|CSV)$"
MEDIA = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
}
BINARY = {"type": "string", "format": "binary"}

Username = Annotated[str, PathParameter(pattern=r"^[A-Za-z0-9_.-]{1,64}$")]
DeviceId = Annotated[str, PathParameter(pattern=r"^[0-9a-f-]{36}$")]
TemplateName = Annotated[str, PathParameter(pattern=r"^[A-Za-z0-9_-]{1,60}$")]
SheetName = Annotated[str, Query(pattern=SHEET_NAME)]


def _doer(actor: ActorRow, request: Request) -> admin.Doer:
    address = request.client.host if request.client else ""
    return admin.Doer(actor.username, actor.device_id, address)


def _invalid(exc: Exception) -> ServerError:
    return ServerError(400, "admin.invalid", {"detail": str(exc)})


def _user_row(db: ServerDatabase, username: str) -> AdminUser:
    found = [r for r in admin.list_users(db) if r.username == username]
    if not found:
        raise ServerError(404, "not_found", {"what": f"用户 {username}"})
    row = found[0]
    return AdminUser(
        username=row.username,
        display_name=row.display_name,
        role=row.role,
        areas=row.areas,
        devices=row.devices,
        active=row.active,
    )


def _check_user(db: ServerDatabase, district: Scope, username: str) -> None:
    with db.read() as s:
        managed_user(s, district, username)


def _device_row(db: ServerDatabase, device: Device) -> AdminDevice:
    with db.read() as s:
        pushed = s.scalar(select(func.max(OpReceipt.at)).where(OpReceipt.device_id == device.id))
        seen = s.scalar(select(func.max(Audit.at)).where(Audit.device_id == device.id))
    last = max((t for t in (pushed, seen) if t is not None), default=None)
    return AdminDevice(
        id=device.id,
        username=device.username,
        client_id=device.client_id,
        name=device.name,
        created_at=device.created_at,
        last_sync=last,
        revoked_at=device.revoked_at,
        revoked_by=device.revoked_by,
    )


async def _sheet(request: Request, name: str) -> Path:
    """The uploaded file saved under its own name in a new temporary folder."""
    if int(request.headers.get("content-length") or 0) > MAX_SHEET_BYTES:
        raise ServerError(413, "request.too_big", {"mb": MAX_SHEET_BYTES >> 20})
    data = await request.body()
    if len(data) > MAX_SHEET_BYTES:
        raise ServerError(413, "request.too_big", {"mb": MAX_SHEET_BYTES >> 20})
    path = Path(tempfile.mkdtemp(prefix="fieldvisit-admin-")) / Path(name).name
    path.write_bytes(data)
    return path


def _discard(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.parent.rmdir()


def _refused(rows: list[Any]) -> list[RefusedRowInfo]:
    return [
        RefusedRowInfo(
            line=r.line, reason=r.reason, message=r.message, values=getattr(r, "values", {})
        )
        for r in rows
    ]


def _naive(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def add_routes(app: FastAPI, db: ServerDatabase) -> None:
    """Add the /admin routes to the server's app."""

    @app.get("/admin/users", responses=errors(401, 403, 503))
    def admin_users(actor: Actor) -> list[AdminUser]:
        """The users of the admin's district with their areas, devices in use, enabled or not."""
        district = district_of(actor)
        return [
            AdminUser(
                username=r.username,
                display_name=r.display_name,
                role=r.role,
                areas=r.areas,
                devices=r.devices,
                active=r.active,
            )
            for r in admin.list_users(db)
            if managed(district, r.areas)
        ]

    @app.post("/admin/users", responses=errors(400, 401, 403, 404, 503))
    def admin_add_user(body: NewUser, actor: Actor, request: Request) -> AdminUser:
        """A new user with a first password and areas of the district."""
        district = district_of(actor)
        check_areas(district, body.areas)
        try:
            admin.add_user(
                db,
                body.username,
                body.role,
                body.password,
                display_name=body.display_name,
                areas=body.areas,
                phone=body.phone,
                doer=_doer(actor, request),
            )
        except admin.AdminError as exc:
            raise _invalid(exc) from exc
        return _user_row(db, body.username)

    @app.patch("/admin/users/{username}", responses=errors(400, 401, 403, 404, 503))
    def admin_change_user(
        username: Username, body: UserChange, actor: Actor, request: Request
    ) -> AdminUser:
        """Disable or enable a user (refused at their next contact), change their role."""
        district = district_of(actor)
        _check_user(db, district, username)
        if username == actor.username and (
            body.active is False or body.role not in (None, "admin")
        ):
            raise ServerError(400, "admin.self", {"detail": username})
        try:
            if body.role is not None:
                admin.set_role(db, username, body.role, _doer(actor, request))
            if body.active is not None:
                admin.set_active(db, username, body.active, _doer(actor, request))
        except admin.AdminError as exc:
            raise _invalid(exc) from exc
        return _user_row(db, username)

    @app.post("/admin/users/{username}/password", responses=errors(400, 401, 403, 404, 503))
    def admin_password(
        username: Username, body: NewPassword, actor: Actor, request: Request
    ) -> AdminUser:
        """A new password for the user (their sign-in throttle starts over)."""
        _check_user(db, district_of(actor), username)
        try:
            admin.set_password(db, username, body.password, _doer(actor, request))
        except admin.AdminError as exc:
            raise _invalid(exc) from exc
        return _user_row(db, username)

    @app.post("/admin/users/{username}/areas", responses=errors(400, 401, 403, 404, 503))
    def admin_areas(
        username: Username, body: AreaChange, actor: Actor, request: Request
    ) -> AdminUser:
        """Add and remove areas of a user; their laptops re-scope at the next sync."""
        district = district_of(actor)
        _check_user(db, district, username)
        check_areas(district, [*body.add, *body.remove])
        try:
            admin.assign(db, username, body.add, body.remove, _doer(actor, request))
        except admin.AdminError as exc:
            raise _invalid(exc) from exc
        return _user_row(db, username)

    @app.get("/admin/devices", responses=errors(401, 403, 404, 503))
    def admin_devices(
        actor: Actor, username: Annotated[str, Query(max_length=64)] = ""
    ) -> list[AdminDevice]:
        """The devices of the district's users (or of one user), with their last sync."""
        district = district_of(actor)
        if username:
            _check_user(db, district, username)
        with db.read() as s:
            areas: dict[str, bool] = {}
            for name in s.scalars(select(User.username)):
                areas[name] = managed(district, assigned_areas(s, name))
        devices = admin.list_devices(db, username or None)
        return [_device_row(db, d) for d in devices if areas.get(d.username, False)]

    @app.post("/admin/devices/{device_id}/revoke", responses=errors(400, 401, 403, 404, 503))
    def admin_revoke(
        device_id: DeviceId, body: Revocation, actor: Actor, request: Request
    ) -> AdminDevice:
        """Revoke a device (a lost laptop): refused from its next request, the laptop locks."""
        district = district_of(actor)
        with db.read() as s:
            managed_device(s, district, device_id)
        if device_id == actor.device_id:
            raise ServerError(400, "admin.self", {"detail": device_id})
        admin.revoke(db, device_id, None, _doer(actor, request), reason=body.reason)
        with db.read() as s:
            device = managed_device(s, district, device_id)
        return _device_row(db, device)

    @app.post(
        "/admin/imports/roster",
        responses=errors(400, 401, 403, 503),
        openapi_extra=binary_body(),
    )
    async def admin_import_roster(
        request: Request, actor: Actor, name: SheetName, strict: bool = False
    ) -> ImportAnswer:
        """Import a roster sheet (the file's bytes; `name` gives its type): counts and the
        refused rows; with `strict`, one refused row refuses the whole file."""
        district = district_of(actor)
        doer = _doer(actor, request)
        path = await _sheet(request, name)

        def work() -> ImportAnswer:
            try:
                sheet = read_sheet(path)
                outside = [n for n, row in sheet.rows if not district.covers(row["area_code"])]
                if outside:
                    lines = "、".join(f"第{n}行" for n in outside[:10])
                    raise ServerError(403, "admin.district", {"what": lines})
                report = roster.import_roster(db, path, strict=strict, doer=doer)
            except admin.AdminError as exc:
                raise _invalid(exc) from exc
            finally:
                _discard(path)
            return ImportAnswer(
                imported=report.imported,
                counts={
                    "households": report.households,
                    "persons": report.persons,
                    "refused": len(report.refused),
                },
                refused=_refused(report.refused),
                notes=report.notes,
                lines=report.lines(),
            )

        return await run_in_threadpool(work)

    @app.post(
        "/admin/imports/changes",
        responses=errors(400, 401, 403, 503),
        openapi_extra=binary_body(),
    )
    async def admin_import_changes(
        request: Request,
        actor: Actor,
        name: SheetName,
        month: Annotated[str, Query(min_length=1, max_length=20)],
        source: Annotated[str, Query(max_length=20)] = "",
        kind: Annotated[str, Query(max_length=20)] = "",
        strict: bool = False,
    ) -> ImportAnswer:
        """Import a month's change list: tasks made and grown, and the refused rows."""
        district = district_of(actor)
        doer = _doer(actor, request)
        path = await _sheet(request, name)

        def work() -> ImportAnswer:
            try:
                sheet = read_changes(path)
                numbers = sorted(
                    {normalize_resident_id(r.get("id_number", "")) for _, r in sheet.rows}
                )
                with db.read() as s:
                    outside = persons_outside(s, district, numbers)
                if outside:
                    raise ServerError(403, "admin.district", {"what": "、".join(sorted(outside))})
                report = changes.import_changes(
                    db, path, month=month, source=source, kind=kind, strict=strict, doer=doer
                )
            except (admin.AdminError, ValueError) as exc:
                raise _invalid(exc) from exc
            finally:
                _discard(path)
            return ImportAnswer(
                imported=report.imported,
                counts={
                    "rows": report.rows,
                    "tasks_new": report.tasks_new,
                    "tasks_grown": report.tasks_grown,
                    "tasks_reopened": report.tasks_reopened,
                    "rows_added": report.rows_added,
                    "rows_known": report.rows_known,
                    "refused": len(report.refused),
                },
                refused=_refused(report.refused),
                notes=report.notes,
                lines=report.lines(),
            )

        return await run_in_threadpool(work)

    @app.get("/admin/exports", responses=errors(401, 403, 503))
    def admin_templates(actor: Actor) -> list[TemplateInfo]:
        """The export templates, with the parameters each takes."""
        district_of(actor)
        return [
            TemplateInfo(id=t.id, title=t.title, purpose=t.purpose, params=list(t.params))
            for t in all_templates().values()
        ]

    @app.post(
        "/admin/exports/{template}",
        responses={
            200: {
                "description": "The export file",
                "content": {media: {"schema": BINARY} for media in MEDIA.values()},
            },
            **errors(400, 401, 403, 404, 503),
        },
        response_class=Response,
    )
    def admin_export(
        template: TemplateName, body: ExportRequest, actor: Actor, request: Request
    ) -> Response:
        """Run an export over the district (or an area of it): the file's bytes."""
        district = district_of(actor)
        found = all_templates().get(template)
        if found is None:
            raise ServerError(404, "not_found", {"what": f"导出模板 {template}"})
        area = body.area.strip()
        if area:
            check_areas(district, [area.ljust(12, "0")])
        elif "area" in found.params and len(actor.areas) == 1:
            area = actor.areas[0]
        path = Path(tempfile.mkdtemp(prefix="fieldvisit-export-")) / f"{template}.{body.format}"
        try:
            export.run_export(
                db,
                template,
                body.survey_round,
                area,
                path,
                body.month,
                doer=_doer(actor, request),
            )
            data = path.read_bytes()
        except admin.AdminError as exc:
            raise _invalid(exc) from exc
        finally:
            _discard(path)
        disposition = f'attachment; filename="{template}.{body.format}"'
        return Response(
            data, media_type=MEDIA[body.format], headers={"Content-Disposition": disposition}
        )

    @app.get("/admin/audit", responses=errors(401, 403, 503))
    def admin_audit(
        actor: Actor,
        username: Annotated[str, Query(max_length=64)] = "",
        person: Annotated[str, Query(max_length=64)] = "",
        action: Annotated[str, Query(max_length=30)] = "",
        since: IsoTime | None = None,
        until: IsoTime | None = None,
        offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> AuditPage:
        """The audit log of the district, newest first: by user, person (an id or ID number
        in the row's detail), action and time (UTC), a page at a time."""
        district = district_of(actor)
        with db.read() as s:
            names = list(s.scalars(select(User.username)))
            mine = [n for n in names if managed(district, assigned_areas(s, n))]
            query = select(Audit).where(or_(Audit.username.in_(mine), Audit.username.not_in(names)))
            if username:
                query = query.where(Audit.username == username)
            if action:
                query = query.where(Audit.action == action)
            if person:
                query = query.where(cast(Audit.detail, String).contains(person, autoescape=True))
            start, end = _naive(since), _naive(until)
            if start is not None:
                query = query.where(Audit.at >= start)
            if end is not None:
                query = query.where(Audit.at < end)
            total = s.scalar(select(func.count()).select_from(query.subquery())) or 0
            rows = s.scalars(query.order_by(Audit.id.desc()).offset(offset).limit(limit))
            return AuditPage(
                rows=[
                    AuditRow(
                        id=r.id,
                        at=r.at,
                        username=r.username,
                        device_id=r.device_id,
                        action=r.action,
                        detail=dict(r.detail or {}),
                        address=r.address,
                    )
                    for r in rows
                ],
                total=int(total),
                offset=offset,
            )
