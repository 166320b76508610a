"""The admin routes that publish forms and settings (`/admin/definitions`): role admin of the
whole district only, audited; the file is checked by the program's own loaders and refused
(400 admin.invalid) with their message naming the file, the item and the fault."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParameter
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import PublicationInfo
from sync.server import published
from sync.server.answers import binary_body, errors
from sync.server.bearer import Actor
from sync.server.db import ServerDatabase
from sync.server.district import check_areas, district_of
from sync.server.errors import ServerError
from sync.server.tables import PublishedDefinition

#: the largest definition accepted (the biggest form is about 30 kB)
MAX_DEFINITION_BYTES = 1 << 20
YamlName = Annotated[str, Query(pattern=r"^[^/\\]{1,120}\.(yaml|yml|YAML|YML)$")]
Kind = Annotated[Literal["form", "settings"], PathParameter()]
#: the district's own area code: the forms and settings are the whole district's
DISTRICT_SUFFIX = "000000"


def _info(s: Session, row: PublishedDefinition, new: bool = True) -> PublicationInfo:
    return PublicationInfo(
        id=row.id,
        kind="form" if row.kind == published.FORM else "settings",
        form_id=row.form_id,
        version=row.version,
        file_name=row.file_name,
        published_by=row.published_by,
        new=new,
        published_at=row.published_at,
        summary=published.summary(s, row)[:300],
    )


def add_routes(app: FastAPI, db: ServerDatabase) -> None:
    """Add the /admin/definitions routes to the server's app."""

    @app.get("/admin/definitions", responses=errors(401, 403, 503))
    def admin_definitions(actor: Actor) -> list[PublicationInfo]:
        """Every publication, forms by id and version, then the settings (every admin reads
        them: they are the same on every laptop)."""
        district_of(actor)
        with db.read() as s:
            return [_info(s, r) for r in published.listing(s)]

    @app.post(
        "/admin/definitions/{kind}",
        responses=errors(400, 401, 403, 413, 503),
        openapi_extra=binary_body(),
    )
    async def admin_publish(
        kind: Kind, request: Request, actor: Actor, name: YamlName
    ) -> PublicationInfo:
        """Publish a form definition or the settings (the YAML file's bytes; `name` is the
        file's name): laptops receive it in their next sync."""
        district = district_of(actor)
        data = await request.body()
        if len(data) > MAX_DEFINITION_BYTES:
            raise ServerError(413, "request.too_big", {"mb": MAX_DEFINITION_BYTES >> 20})
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ServerError(400, "admin.invalid", {"detail": f"{name} 不是 UTF-8 文本"}) from exc
        address = request.client.host if request.client else ""
        with db.write() as s:
            book = published.settings_book(s)
            if book is not None:
                check_areas(district, [book.district + DISTRICT_SUFFIX])
            publish = published.publish_form if kind == "form" else published.publish_settings
            try:
                done = publish(s, text, name, actor.username, (actor.device_id, address))
            except published.PublishError as exc:
                raise ServerError(400, "admin.invalid", {"detail": str(exc)}) from exc
            kept = s.scalars(
                select(PublishedDefinition).where(
                    PublishedDefinition.kind == kind,
                    PublishedDefinition.form_id == done.form_id,
                    PublishedDefinition.version == done.version,
                )
            ).one()
            return _info(s, kept, done.new)
