"""The wire types of the admin API (`/admin/...`): what the 管理 pages send and receive."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from sync.protocol import IsoTime, Wire

#: the roles a user may have (app.domain.workflow.ROLES)
Role = Literal["member", "reviewer", "admin"]
USERNAME = r"^[A-Za-z0-9_.-]{1,64}$"
AREA = r"^\d{12}$"
Area = Field(pattern=AREA)
HOUSEHOLD = r"^[0-9A-Za-z-]{1,40}$"  # an id, 户口号 or 户主身份证号


class AdminUser(Wire):
    """One user as the admin sees them: role, areas, devices in use, enabled or not."""

    username: str
    display_name: str = ""
    role: str
    areas: list[str]
    devices: int
    active: bool


class NewUser(Wire):
    """A user to add, with a first password and the areas they work in."""

    username: str = Field(pattern=USERNAME)
    role: Role
    password: str = Field(min_length=1, max_length=200)
    display_name: str = Field(default="", max_length=100)
    phone: str = Field(default="", max_length=30)
    areas: list[str] = Field(default_factory=list, max_length=200)


class UserChange(Wire):
    """Enable or disable a user, and/or change their role (absent: unchanged)."""

    active: bool | None = None
    role: Role | None = None


class NewPassword(Wire):
    password: str = Field(min_length=1, max_length=200)


class AreaChange(Wire):
    """Areas (12-digit codes) to add to and remove from a user."""

    add: list[str] = Field(default_factory=list, max_length=200)
    remove: list[str] = Field(default_factory=list, max_length=200)


class AdminDevice(Wire):
    """A device (one sign-in of one laptop): whose, since when, last contact, revoked or not."""

    id: str
    username: str
    client_id: str
    name: str
    created_at: IsoTime
    #: the device's last push or sign-in (None: never pushed)
    last_sync: IsoTime | None = None
    revoked_at: IsoTime | None = None
    revoked_by: str = ""


class Revocation(Wire):
    """Why a device is revoked (lost, stolen, handed on), kept in the audit."""

    reason: str = Field(default="", max_length=200)


class RefusedRowInfo(Wire):
    """One refused row of an import: its line in the sheet, the reason, what is wrong."""

    line: int
    reason: str
    message: str
    values: dict[str, str] = Field(default_factory=dict)


class ImportAnswer(Wire):
    """What an import did: counts by name (households, persons, tasks ...), refused rows,
    notes on the file as a whole, and whether anything was written (strict refuses all)."""

    imported: bool
    counts: dict[str, int]
    refused: list[RefusedRowInfo]
    notes: list[str]
    lines: list[str]


class TemplateInfo(Wire):
    """An export template: its name, title, purpose and the parameters it takes."""

    id: str
    title: str
    purpose: str
    params: list[str]


class ExportRequest(Wire):
    """The parameters of one export run (those the template takes) and the file format."""

    survey_round: str = Field(default="", max_length=20)
    area: str = Field(default="", max_length=40)
    month: str = Field(default="", max_length=20)
    format: Literal["xlsx", "csv"] = "xlsx"


class AuditRow(Wire):
    """One audit row: when, who, from which device and address, what, and its detail."""

    id: int
    at: IsoTime
    username: str
    device_id: str
    action: str
    detail: dict[str, Any]
    address: str


class AuditPage(Wire):
    """A page of audit rows, newest first, with the total that matched the filter."""

    rows: list[AuditRow]
    total: int
    offset: int


class SampleHousehold(Wire):
    """One sampled household as the admin sees it."""

    household_id: str
    area_code: str
    village: str
    head_name: str
    hukou_number: str
    chosen: str  # draw:<seed>, list:<name> or added
    reason: str


class SampleDraw(Wire):
    """A draw for the area (the admin's district or a part of it): size from the settings
    when not given, seed chosen and returned when not given."""

    area: str = Field(pattern=AREA)
    size: int | None = Field(default=None, ge=1, le=100_000)
    seed: int | None = Field(default=None, ge=0, le=2**31)
    replace: bool = False


class SampleList(Wire):
    """The area's sample set to exactly these households."""

    area: str = Field(pattern=AREA)
    name: str = Field(default="名单", max_length=80)
    households: list[Annotated[str, Field(pattern=HOUSEHOLD)]] = Field(max_length=100_000)


class SampleChange(Wire):
    """One household added to or removed from the sample, with the reason."""

    household: str = Field(pattern=HOUSEHOLD)
    add: bool
    reason: str = Field(min_length=1, max_length=200)


class SampleAnswer(Wire):
    """The households of a draw or list, with the draw's seed."""

    seed: int | None = None
    households: list[str]
