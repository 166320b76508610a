"""server schema: record tables as on the laptop, and the server's own (ledger, users, audit)

Revision ID: 0001
Revises:
Create Date: 2026-11-28 20:46:13
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "area",
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("parent_code", sa.String(length=12), nullable=True),
        sa.Column("valid_year", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_area")),
        sa.UniqueConstraint("code", name=op.f("uq_area_code")),
    )
    op.create_table(
        "attachment",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("mime", sa.String(length=40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("owner_entity", sa.String(length=20), nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=False),
        sa.Column("tag", sa.String(length=20), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=True),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachment_sha256"), ["sha256"], unique=False)

    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit")),
    )
    with op.batch_alter_table("audit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_at"), ["at"], unique=False)

    op.create_table(
        "audit_event",
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("target_entity", sa.String(length=20), nullable=False),
        sa.Column("target_id", sa.String(length=36), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    op.create_table(
        "blob",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_blob")),
    )
    op.create_table(
        "change_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("area_code", sa.String(length=12), nullable=True),
        sa.Column("from_area", sa.String(length=12), nullable=True),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_change_log")),
    )
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_change_log_op_id"), ["op_id"], unique=False)
        batch_op.create_index("ix_change_log_record", ["entity", "record_id", "seq"], unique=False)

    op.create_table(
        "conflict",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("area_code", sa.String(length=12), nullable=True),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("mine", sa.JSON(), nullable=False),
        sa.Column("theirs", sa.JSON(), nullable=False),
        sa.Column("base", sa.JSON(), nullable=False),
        sa.Column("op_fields", sa.JSON(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("resolution", sa.String(length=10), nullable=False),
        sa.Column("resolved_by", sa.String(length=64), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict")),
    )
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conflict_op_id"), ["op_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_conflict_record_id"), ["record_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_conflict_seq"), ["seq"], unique=False)

    op.create_table(
        "credential",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_credential")),
    )
    op.create_table(
        "device",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_device_token_hash")),
    )
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_device_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_device_username"), ["username"], unique=False)

    op.create_table(
        "field_seq",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("entity", "record_id", "field", name=op.f("pk_field_seq")),
    )
    op.create_table(
        "op_receipt",
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("op_id", name=op.f("pk_op_receipt")),
    )
    with op.batch_alter_table("op_receipt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_op_receipt_device_id"), ["device_id"], unique=False)

    op.create_table(
        "record_index",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("area_code", sa.String(length=12), nullable=True),
        sa.Column("created_seq", sa.Integer(), nullable=False),
        sa.Column("created_origin", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("entity", "record_id", name=op.f("pk_record_index")),
    )
    with op.batch_alter_table("record_index", schema=None) as batch_op:
        batch_op.create_index("ix_record_index_seq", ["seq"], unique=True)

    op.create_table(
        "seq_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seq_counter")),
    )
    op.create_table(
        "user_account",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
        sa.UniqueConstraint("username", name=op.f("uq_user_account_username")),
    )
    op.create_table(
        "assignment",
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("area_code", sa.String(length=12), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_assignment_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment")),
    )
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assignment_user_id"), ["user_id"], unique=False)

    op.create_table(
        "household",
        sa.Column("area_code", sa.String(length=12), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("registered_address", sa.String(length=200), nullable=False),
        sa.Column("hukou_number", sa.String(length=30), nullable=False),
        sa.Column("hukou_type", sa.String(length=2), nullable=False),
        sa.Column("head_name", sa.String(length=50), nullable=False),
        sa.Column("head_id_number", sa.String(length=18), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("phone2", sa.String(length=20), nullable=False),
        sa.Column("gps_lat", sa.Double(), nullable=True),
        sa.Column("gps_lon", sa.Double(), nullable=True),
        sa.Column("hardship", sa.JSON(), nullable=False),
        sa.Column("multi_disability_code", sa.String(length=30), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_code"], ["area.code"], name=op.f("fk_household_area_code_area")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household")),
    )
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_household_area_code"), ["area_code"], unique=False)
        batch_op.create_index("ix_household_head_id_number", ["head_id_number"], unique=False)
        batch_op.create_index(
            "ix_household_list", ["deleted", "area_code", "address", "id"], unique=False
        )

    op.create_table(
        "person",
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("relation", sa.String(length=4), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("ethnicity", sa.String(length=2), nullable=False),
        sa.Column("marital", sa.String(length=2), nullable=False),
        sa.Column("cert_number", sa.String(length=22), nullable=False),
        sa.Column("category", sa.String(length=1), nullable=False),
        sa.Column("grade", sa.String(length=1), nullable=False),
        sa.Column("component_grades", sa.JSON(), nullable=False),
        sa.Column("cause", sa.String(length=4), nullable=False),
        sa.Column("self_care", sa.String(length=2), nullable=False),
        sa.Column("contact_name", sa.String(length=50), nullable=False),
        sa.Column("contact_relation", sa.String(length=4), nullable=False),
        sa.Column("contact_phone", sa.String(length=20), nullable=False),
        sa.Column("mobile", sa.String(length=20), nullable=False),
        sa.Column("landline", sa.String(length=20), nullable=False),
        sa.Column("card_generation", sa.String(length=2), nullable=False),
        sa.Column("card_issued", sa.Date(), nullable=True),
        sa.Column("card_valid_until", sa.Date(), nullable=True),
        sa.Column("card_status", sa.String(length=2), nullable=False),
        sa.Column("in_institution", sa.Boolean(), nullable=False),
        sa.Column("bank_name", sa.String(length=50), nullable=False),
        sa.Column("bank_account", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("cancel_reason", sa.String(length=4), nullable=False),
        sa.Column("status_date", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_person_household_id_household")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_household_id"), ["household_id"], unique=False)
        batch_op.create_index(
            "uq_person_cert_number_live",
            ["cert_number"],
            unique=True,
            sqlite_where=sa.text("NOT deleted AND cert_number <> ''"),
            postgresql_where=sa.text("NOT deleted AND cert_number <> ''"),
        )
        batch_op.create_index(
            "uq_person_id_number_live",
            ["id_number"],
            unique=True,
            sqlite_where=sa.text("NOT deleted"),
            postgresql_where=sa.text("NOT deleted"),
        )

    op.create_table(
        "visit",
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("planned_date", sa.Date(), nullable=True),
        sa.Column("visited_at", sa.DateTime(), nullable=True),
        sa.Column("method", sa.String(length=1), nullable=False),
        sa.Column("member", sa.String(length=64), nullable=False),
        sa.Column("gps_lat", sa.Double(), nullable=True),
        sa.Column("gps_lon", sa.Double(), nullable=True),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_visit_household_id_household")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit")),
    )
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_household_id"), ["household_id"], unique=False)

    op.create_table(
        "certificate",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("cert_number", sa.String(length=22), nullable=False),
        sa.Column("category", sa.String(length=1), nullable=False),
        sa.Column("grade", sa.String(length=1), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_certificate_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate")),
    )
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_certificate_person_id"), ["person_id"], unique=False)

    op.create_table(
        "change_notice",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=50), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=True),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("resolution_note", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_change_notice_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_notice")),
    )
    with op.batch_alter_table("change_notice", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_change_notice_person_id"), ["person_id"], unique=False)

    op.create_table(
        "form_response",
        sa.Column("form_id", sa.String(length=40), nullable=False),
        sa.Column("form_version", sa.String(length=20), nullable=False),
        sa.Column("survey_round", sa.String(length=10), nullable=False),
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=True),
        sa.Column("visit_id", sa.String(length=36), nullable=True),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("state_history", sa.JSON(), nullable=False),
        sa.Column("filled_by", sa.String(length=64), nullable=False),
        sa.Column("filled_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_form_response_household_id_household")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_form_response_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visit.id"], name=op.f("fk_form_response_visit_id_visit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_response")),
    )
    with op.batch_alter_table("form_response", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_form_response_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_form_response_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_form_response_state"), ["state"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_form_response_survey_round"), ["survey_round"], unique=False
        )

    op.create_table(
        "renovation_case",
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("total_fen", sa.Integer(), nullable=False),
        sa.Column("cap_fen", sa.Integer(), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=False),
        sa.Column("state_history", sa.JSON(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_renovation_case_household_id_household"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_renovation_case_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_renovation_case")),
    )
    with op.batch_alter_table("renovation_case", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_renovation_case_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_renovation_case_state"), ["state"], unique=False)

    op.create_table(
        "subsidy",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("start_month", sa.String(length=7), nullable=False),
        sa.Column("end_month", sa.String(length=7), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_subsidy_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subsidy")),
    )
    with op.batch_alter_table("subsidy", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_subsidy_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("subsidy", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_subsidy_person_id"))

    op.drop_table("subsidy")
    with op.batch_alter_table("renovation_case", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_renovation_case_state"))
        batch_op.drop_index(batch_op.f("ix_renovation_case_household_id"))

    op.drop_table("renovation_case")
    with op.batch_alter_table("form_response", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_form_response_survey_round"))
        batch_op.drop_index(batch_op.f("ix_form_response_state"))
        batch_op.drop_index(batch_op.f("ix_form_response_person_id"))
        batch_op.drop_index(batch_op.f("ix_form_response_household_id"))

    op.drop_table("form_response")
    with op.batch_alter_table("change_notice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_notice_person_id"))

    op.drop_table("change_notice")
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_certificate_person_id"))

    op.drop_table("certificate")
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_household_id"))

    op.drop_table("visit")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_person_id_number_live",
            sqlite_where=sa.text("NOT deleted"),
            postgresql_where=sa.text("NOT deleted"),
        )
        batch_op.drop_index(
            "uq_person_cert_number_live",
            sqlite_where=sa.text("NOT deleted AND cert_number <> ''"),
            postgresql_where=sa.text("NOT deleted AND cert_number <> ''"),
        )
        batch_op.drop_index(batch_op.f("ix_person_household_id"))

    op.drop_table("person")
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.drop_index("ix_household_list")
        batch_op.drop_index("ix_household_head_id_number")
        batch_op.drop_index(batch_op.f("ix_household_area_code"))

    op.drop_table("household")
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assignment_user_id"))

    op.drop_table("assignment")
    op.drop_table("user_account")
    op.drop_table("seq_counter")
    with op.batch_alter_table("record_index", schema=None) as batch_op:
        batch_op.drop_index("ix_record_index_seq")

    op.drop_table("record_index")
    with op.batch_alter_table("op_receipt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_op_receipt_device_id"))

    op.drop_table("op_receipt")
    op.drop_table("field_seq")
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_device_username"))
        batch_op.drop_index(batch_op.f("ix_device_client_id"))

    op.drop_table("device")
    op.drop_table("credential")
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conflict_seq"))
        batch_op.drop_index(batch_op.f("ix_conflict_record_id"))
        batch_op.drop_index(batch_op.f("ix_conflict_op_id"))

    op.drop_table("conflict")
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_index("ix_change_log_record")
        batch_op.drop_index(batch_op.f("ix_change_log_op_id"))

    op.drop_table("change_log")
    op.drop_table("blob")
    op.drop_table("audit_event")
    with op.batch_alter_table("audit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_at"))

    op.drop_table("audit")
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachment_sha256"))
        batch_op.drop_index(batch_op.f("ix_attachment_owner_id"))

    op.drop_table("attachment")
    op.drop_table("area")
