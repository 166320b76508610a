"""Tables of the registry: areas, users and their areas, households, persons, histories."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.store.base import Base, Synced


class Area(Synced, Base):
    """A place of the 12-digit statistical division tree (district, town, village)."""

    __tablename__ = "area"
    entity = "area"

    code: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(10))
    parent_code: Mapped[str | None] = mapped_column(String(12), default=None)
    valid_year: Mapped[int] = mapped_column(Integer, default=2023)


class User(Synced, Base):
    """A person who uses the program: member, reviewer or admin."""

    __tablename__ = "user_account"
    entity = "user"

    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(16), default="member")
    phone: Mapped[str] = mapped_column(String(20), default="")


class Assignment(Synced, Base):
    """One area assigned to a user; the user's scope is the union of these."""

    __tablename__ = "assignment"
    entity = "assignment"

    user_id: Mapped[str] = mapped_column(ForeignKey("user_account.id"), index=True)
    area_code: Mapped[str] = mapped_column(String(12))


class Household(Synced, Base):
    """A household (户) of the registry, in exactly one village-level area."""

    __tablename__ = "household"
    __table_args__ = (
        # the household list pages through households in this order (keyset paging)
        Index("ix_household_list", "deleted", "area_code", "address", "id"),
        Index("ix_household_head_id_number", "head_id_number"),
    )
    entity = "household"

    area_code: Mapped[str] = mapped_column(ForeignKey("area.code"), index=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    registered_address: Mapped[str] = mapped_column(String(200), default="")
    hukou_number: Mapped[str] = mapped_column(String(30), default="")
    hukou_type: Mapped[str] = mapped_column(String(2), default="")
    head_name: Mapped[str] = mapped_column(String(50), default="")
    head_id_number: Mapped[str] = mapped_column(String(18), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    phone2: Mapped[str] = mapped_column(String(20), default="")
    gps_lat: Mapped[float | None] = mapped_column(default=None)
    gps_lon: Mapped[float | None] = mapped_column(default=None)
    hardship: Mapped[list[str]] = mapped_column(default=list)
    multi_disability_code: Mapped[str] = mapped_column(String(30), default="")


class Person(Synced, Base):
    """A certified disabled person (残疾人) and the current state of their certificate."""

    __tablename__ = "person"
    __table_args__ = (
        # unique among live records only: a tombstone keeps its numbers for the record
        Index(
            "uq_person_id_number_live",
            "id_number",
            unique=True,
            sqlite_where=text("deleted = 0"),
        ),
        Index(
            "uq_person_cert_number_live",
            "cert_number",
            unique=True,
            sqlite_where=text("deleted = 0 AND cert_number <> ''"),
        ),
    )
    entity = "person"

    household_id: Mapped[str] = mapped_column(ForeignKey("household.id"), index=True)
    relation: Mapped[str] = mapped_column(String(4), default="")
    name: Mapped[str] = mapped_column(String(50))
    id_number: Mapped[str] = mapped_column(String(18))
    sex: Mapped[str] = mapped_column(String(1), default="")
    birth_date: Mapped[date | None] = mapped_column(Date, default=None)
    ethnicity: Mapped[str] = mapped_column(String(2), default="01")
    marital: Mapped[str] = mapped_column(String(2), default="")
    cert_number: Mapped[str] = mapped_column(String(22), default="")
    category: Mapped[str] = mapped_column(String(1), default="")
    grade: Mapped[str] = mapped_column(String(1), default="")
    component_grades: Mapped[dict[str, Any]] = mapped_column(default=dict)
    cause: Mapped[str] = mapped_column(String(4), default="")
    self_care: Mapped[str] = mapped_column(String(2), default="")
    contact_name: Mapped[str] = mapped_column(String(50), default="")
    contact_relation: Mapped[str] = mapped_column(String(4), default="")
    contact_phone: Mapped[str] = mapped_column(String(20), default="")
    mobile: Mapped[str] = mapped_column(String(20), default="")
    landline: Mapped[str] = mapped_column(String(20), default="")
    card_generation: Mapped[str] = mapped_column(String(2), default="")
    card_issued: Mapped[date | None] = mapped_column(Date, default=None)
    card_valid_until: Mapped[date | None] = mapped_column(Date, default=None)
    card_status: Mapped[str] = mapped_column(String(2), default="")
    in_institution: Mapped[bool] = mapped_column(Boolean, default=False)
    bank_name: Mapped[str] = mapped_column(String(50), default="")
    bank_account: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[str] = mapped_column(String(10), default="active")
    cancel_reason: Mapped[str] = mapped_column(String(4), default="")
    status_date: Mapped[date | None] = mapped_column(Date, default=None)


class Certificate(Synced, Base):
    """One period of a person's certificate: number, category and grade with dates.

    The past is never overwritten: a grade change closes one row and opens another.
    """

    __tablename__ = "certificate"
    entity = "certificate"

    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    cert_number: Mapped[str] = mapped_column(String(22))
    category: Mapped[str] = mapped_column(String(1))
    grade: Mapped[str] = mapped_column(String(1))
    valid_from: Mapped[date | None] = mapped_column(Date, default=None)
    valid_to: Mapped[date | None] = mapped_column(Date, default=None)
    note: Mapped[str] = mapped_column(Text, default="")


class Subsidy(Synced, Base):
    """One period of a living (生活补贴) or care (护理补贴) subsidy, or an application for one.

    The past is never rewritten: a stop closes the running period (end month, reason); a
    restart is a new application and a new period. An application is a row in state
    `pending` whose `steps` record 受理 / 审核 / 审定 (who, when); 审定 makes it `active`
    from the month after the decision, or `refused`.
    """

    __tablename__ = "subsidy"
    entity = "subsidy"

    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # code list subsidy_kind
    start_month: Mapped[str] = mapped_column(String(7))  # YYYY-MM ("" while applied for)
    end_month: Mapped[str] = mapped_column(String(7), default="")  # last month paid
    amount_fen: Mapped[int] = mapped_column(Integer, default=0)  # per month, in fen
    status: Mapped[str] = mapped_column(String(10), default="active")  # subsidy_status
    # the group the person qualifies by (settings: subsidy groups), e.g. dibao, grade1
    group: Mapped[str] = mapped_column(String(20), default="")
    end_reason: Mapped[str] = mapped_column(String(12), default="")  # subsidy_end_reason
    decision_date: Mapped[date | None] = mapped_column(Date, default=None)
    decision_number: Mapped[str] = mapped_column(String(40), default="")
    # the steps: [{"step": apply|accept|review|approve|refuse|stop, "by", "on", "note"}]
    steps: Mapped[list[Any]] = mapped_column(default=list)
    # the monthly task whose outcome started or stopped this period ("" if none)
    task_id: Mapped[str] = mapped_column(String(36), default="")
