"""All tables in one place, and the entity names of synced records."""

from __future__ import annotations

from sqlalchemy import Index

from app.store.base import Base, Synced
from app.store.conflicts import SyncConflict
from app.store.outbox import LocalSecret, OutboxOp, SyncState
from app.store.receipts import SyncReceipt
from app.store.registry import Area, Assignment, Certificate, Household, Person, Subsidy, User
from app.store.summary import ResponseSummary
from app.store.work import (
    Attachment,
    AuditEvent,
    ChangeNotice,
    FormResponse,
    IncomeSample,
    RenovationCase,
    Visit,
)

SYNCED_MODELS: tuple[type[Synced], ...] = (
    Area,
    User,
    Assignment,
    Household,
    Person,
    Certificate,
    Subsidy,
    Visit,
    FormResponse,
    RenovationCase,
    IncomeSample,
    Attachment,
    ChangeNotice,
    AuditEvent,
)

MODEL_BY_ENTITY: dict[str, type[Synced]] = {m.entity: m for m in SYNCED_MODELS}

# The district's figures (app/reports) count from these alone, never reading a table row
# but the response's answers (laptop migration 0006, server 0010): a district's figures at
# 100,000 persons read the households of its code range, their persons, and each person's
# response of the round, in that order.
REPORT_INDEXES = (
    Index("ix_household_report", Household.deleted, Household.area_code, Household.hukou_type,
          Household.id),
    Index("ix_person_report", Person.household_id, Person.deleted, Person.status, Person.category,
          Person.grade, Person.sex, Person.birth_date, Person.card_generation, Person.id),
    Index("ix_form_response_report", FormResponse.person_id, FormResponse.form_id,
          FormResponse.survey_round, FormResponse.deleted, FormResponse.state,
          FormResponse.filled_at),
    Index("ix_form_response_form_round", FormResponse.form_id, FormResponse.survey_round,
          FormResponse.household_id, FormResponse.deleted, FormResponse.state),
    Index("ix_subsidy_report", Subsidy.person_id, Subsidy.deleted, Subsidy.kind, Subsidy.status,
          Subsidy.start_month, Subsidy.end_month, Subsidy.amount_fen, Subsidy.end_reason),
    # who is due Form B (`rounds.form_b_due`) walks the area's households and looks each up
    # in the year's sample: by year alone, each lookup read the whole year's sample
    # (households x sample: 2.8 s for a town at 100,000 persons); laptop 0010, server 0014
    Index("ix_income_sample_report", IncomeSample.year, IncomeSample.household_id,
          IncomeSample.deleted),
    # a district's subsidies are read from their own index, each person looked up by id
    # (`scope.few_first`): from the table, each lookup read the person's whole row (0.27 s
    # against 0.19 s at 100,000 persons); laptop 0011, server 0015
    Index("ix_person_live", Person.id, Person.deleted, Person.household_id),
)  # fmt: skip

__all__ = [
    "MODEL_BY_ENTITY",
    "SYNCED_MODELS",
    "Area",
    "Assignment",
    "Attachment",
    "AuditEvent",
    "Base",
    "Certificate",
    "ChangeNotice",
    "FormResponse",
    "Household",
    "IncomeSample",
    "LocalSecret",
    "OutboxOp",
    "Person",
    "RenovationCase",
    "ResponseSummary",
    "Subsidy",
    "SyncConflict",
    "SyncReceipt",
    "SyncState",
    "Synced",
    "User",
    "Visit",
]
