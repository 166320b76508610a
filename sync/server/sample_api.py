"""The admin API of the income-monitoring sample (`/admin/sample/{year}...`): list, draw,
set from a list, add or remove one household with its reason. Role admin only, within the
admin's district; every change audited with the admin, their device and address (the work
is `sync.server.sample`'s, as for the command line)."""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, Request
from fastapi import Path as PathParameter
from starlette.concurrency import run_in_threadpool

from app.domain.areas import prefix_of
from app.store.registry import Household
from sync.admin_protocol import (
    SampleAnswer,
    SampleChange,
    SampleDraw,
    SampleHousehold,
    SampleList,
)
from sync.server import admin, sample
from sync.server.answers import errors
from sync.server.bearer import Actor
from sync.server.db import ServerDatabase
from sync.server.district import check_areas, district_of
from sync.server.errors import ServerError

Year = Annotated[int, PathParameter(ge=2000, le=2100)]


def add_routes(app: FastAPI, db: ServerDatabase) -> None:
    """Add the /admin/sample routes to the server's app."""

    def doer(actor: Actor, request: Request) -> admin.Doer:
        address = request.client.host if request.client else ""
        return admin.Doer(actor.username, actor.device_id, address)

    def invalid(exc: Exception) -> ServerError:
        return ServerError(400, "admin.invalid", {"detail": str(exc)})

    @app.get("/admin/sample/{year}", responses=errors(401, 403, 503))
    def admin_sample(year: Year, actor: Actor) -> list[SampleHousehold]:
        """The year's sampled households of the admin's district."""
        district = district_of(actor)
        return [
            SampleHousehold(**vars(r))
            for r in sample.listing(db, year)
            if district.covers(r.area_code)
        ]

    @app.post("/admin/sample/{year}/draw", responses=errors(400, 401, 403, 503))
    async def admin_sample_draw(
        year: Year, body: SampleDraw, actor: Actor, request: Request
    ) -> SampleAnswer:
        """Draw the area's sample at random from its eligible households (seed kept)."""
        check_areas(district_of(actor), [body.area])
        try:
            seed, chosen = await run_in_threadpool(
                sample.draw, db, year, body.size, body.seed, replace=body.replace,
                area_prefix=prefix_of(body.area), doer=doer(actor, request),
            )  # fmt: skip
        except admin.AdminError as exc:
            raise invalid(exc) from exc
        return SampleAnswer(seed=seed, households=chosen)

    @app.put("/admin/sample/{year}", responses=errors(400, 401, 403, 503))
    def admin_sample_set(
        year: Year, body: SampleList, actor: Actor, request: Request
    ) -> SampleAnswer:
        """The area's sample becomes exactly the listed households (refused whole)."""
        check_areas(district_of(actor), [body.area])
        try:
            ids = sample.set_households(db, year, body.households, body.name,
                                        area_prefix=prefix_of(body.area),
                                        doer=doer(actor, request))  # fmt: skip
        except admin.AdminError as exc:
            raise invalid(exc) from exc
        return SampleAnswer(households=ids)

    @app.post("/admin/sample/{year}/changes", responses=errors(400, 401, 403, 404, 503))
    def admin_sample_change(
        year: Year, body: SampleChange, actor: Actor, request: Request
    ) -> SampleAnswer:
        """Add one household to the sample or remove it, with the reason (audited)."""
        district = district_of(actor)
        with db.read() as s:
            try:
                household: Household = sample.find_household(s, body.household)
            except admin.AdminError as exc:
                raise ServerError(404, "not_found", {"what": body.household}) from exc
            area = household.area_code
        if not district.covers(area):
            raise ServerError(403, "admin.district", {"what": body.household})
        try:
            done = sample.change(db, year, body.household, body.reason, add=body.add,
                                 doer=doer(actor, request))  # fmt: skip
        except admin.AdminError as exc:
            raise invalid(exc) from exc
        return SampleAnswer(households=[done])
