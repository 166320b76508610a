"""Tables of the work: visits, form responses, renovation cases, attachments, notices, audit."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.store.base import Base, Synced


class Visit(Synced, Base):
    """A home visit, planned or made, to one household."""

    __tablename__ = "visit"
    entity = "visit"

    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    planned_date: Mapped[date | None] = mapped_column(Date, default=None)
    visited_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    method: Mapped[str] = mapped_column(String(1), default="")
    member: Mapped[str] = mapped_column(String(64), default="")
    gps_lat: Mapped[float | None] = mapped_column(default=None)
    gps_lon: Mapped[float | None] = mapped_column(default=None)
    state: Mapped[str] = mapped_column(String(12), default="planned")
    note: Mapped[str] = mapped_column(Text, default="")


class FormResponse(Synced, Base):
    """The answers to one form for one person or household in one survey round."""

    __tablename__ = "form_response"
    entity = "form_response"

    form_id: Mapped[str] = mapped_column(String(40))
    form_version: Mapped[str] = mapped_column(String(20))
    survey_round: Mapped[str] = mapped_column(String(10), index=True)  # 2026 or 2026Q3
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    person_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"), index=True, default=None)
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visit.id"), default=None)
    state: Mapped[str] = mapped_column(String(12), default="assigned", index=True)
    answers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    state_history: Mapped[list[Any]] = mapped_column(default=list)
    filled_by: Mapped[str] = mapped_column(String(64), default="")
    filled_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


class IncomeSample(Synced, Base):
    """A household in the year's income-monitoring sample (Form B due every round of the
    year); written by the server's admin only, removed by deletion with a reason."""

    __tablename__ = "income_sample"
    entity = "income_sample"

    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    #: how it was chosen: "draw:<seed>", "list:<file>" or "added"
    chosen: Mapped[str] = mapped_column(String(80), default="")
    reason: Mapped[str] = mapped_column(Text, default="")


class RenovationCase(Synced, Base):
    """An accessibility-renovation case (无障碍改造) of one household, over months."""

    __tablename__ = "renovation_case"
    entity = "renovation_case"

    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    person_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"), default=None)
    year: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(20), default="need_registered", index=True)
    items: Mapped[list[Any]] = mapped_column(default=list)
    total_fen: Mapped[int] = mapped_column(Integer, default=0)
    cap_fen: Mapped[int] = mapped_column(Integer, default=0)
    override_reason: Mapped[str] = mapped_column(Text, default="")
    state_history: Mapped[list[Any]] = mapped_column(default=list)


class Attachment(Synced, Base):
    """Metadata of a photo or document; the content is an encrypted blob named by sha256."""

    __tablename__ = "attachment"
    entity = "attachment"

    sha256: Mapped[str] = mapped_column(String(64), index=True)
    mime: Mapped[str] = mapped_column(String(40), default="image/jpeg")
    size: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(12), default="photo")
    owner_entity: Mapped[str] = mapped_column(String(20))
    owner_id: Mapped[str] = mapped_column(String(36), index=True)
    tag: Mapped[str] = mapped_column(String(20), default="")
    taken_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    caption: Mapped[str] = mapped_column(Text, default="")


class ChangeNotice(Synced, Base):
    """A monthly verification task (核对任务): one person's changes of one month to check.

    All the month's rows about the person (from any source) are in `rows`; `kind`,
    `source` and `effective_date` repeat the first row's for lists and sorting. The
    member records the outcome (属实/不属实/已更正) with the method and date; the town
    reviewer accepts or returns it, like a form response:
    open → submitted → accepted | returned (→ submitted again).
    """

    __tablename__ = "change_notice"
    entity = "change_notice"

    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # code list change_kind
    source: Mapped[str] = mapped_column(String(50), default="")  # code list change_source
    month: Mapped[str] = mapped_column(String(7), index=True)  # YYYY-MM
    effective_date: Mapped[date | None] = mapped_column(Date, default=None)
    state: Mapped[str] = mapped_column(String(12), default="open", index=True)
    resolution_note: Mapped[str] = mapped_column(Text, default="")
    # [{"source", "kind", "event_date" (ISO), "name", "detail", "row_key"}]; row_key is a
    # hash of the source row, so a list loaded twice adds nothing
    rows: Mapped[list[Any]] = mapped_column(default=list)
    due_date: Mapped[date | None] = mapped_column(Date, default=None)
    outcome: Mapped[str] = mapped_column(String(12), default="")  # task_outcome
    method: Mapped[str] = mapped_column(String(12), default="")  # verify_method
    checked_on: Mapped[date | None] = mapped_column(Date, default=None)
    checked_by: Mapped[str] = mapped_column(String(64), default="")
    reason: Mapped[str] = mapped_column(Text, default="")  # required for 不属实
    # what the confirmed outcome did: [{"action": cancel|stop_subsidy|apply_subsidy|move|
    # correct, ...details}] — the registry rows changed carry the same task id
    consequences: Mapped[list[Any]] = mapped_column(default=list)
    state_history: Mapped[list[Any]] = mapped_column(default=list)


class AuditEvent(Synced, Base):
    """Who viewed, edited, printed or exported what, and when (synced to the server)."""

    __tablename__ = "audit_event"
    entity = "audit_event"

    at: Mapped[datetime] = mapped_column(DateTime)
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(20))
    target_entity: Mapped[str] = mapped_column(String(20), default="")
    target_id: Mapped[str] = mapped_column(String(36), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
