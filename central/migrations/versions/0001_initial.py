"""Central records: keys, users, sessions, devices, nonces, records, codes, audit.

Revision ID: 0001
Revises:
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TIME = sa.String(24)
UUID = sa.String(36)


def upgrade() -> None:
    op.create_table(
        "central_keys",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("signing_public", sa.String(64), nullable=False),
        sa.Column("bundle_public", sa.String(64), nullable=False),
        sa.Column("created_at", TIME, nullable=False))
    op.create_table(
        "users",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("username", sa.String(200), nullable=False, unique=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("failed_sign_ins", sa.Integer, nullable=False),
        sa.Column("locked_until", TIME, nullable=True))
    op.create_table(
        "sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", UUID, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("last_seen_at", TIME, nullable=False),
        sa.Column("expires_at", TIME, nullable=False))
    op.create_index("ix_sessions_user_id", "sessions", ["user_id"])
    op.create_table(
        "devices",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=True, unique=True),
        sa.Column("code_expires_at", TIME, nullable=True),
        sa.Column("code_used_at", TIME, nullable=True),
        sa.Column("public_key", sa.String(64), nullable=True),
        sa.Column("key_fingerprint", sa.String(32), nullable=True),
        sa.Column("root_fingerprint", sa.String(32), nullable=True),
        sa.Column("store_id", UUID, nullable=True),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("enrolled_at", TIME, nullable=True),
        sa.Column("revoked_at", TIME, nullable=True),
        sa.Column("last_seen_at", TIME, nullable=True))
    op.create_table(
        "request_nonces",
        sa.Column("device_id", UUID, primary_key=True),
        sa.Column("nonce", sa.String(64), primary_key=True),
        sa.Column("seen_at", TIME, nullable=False))
    op.create_index("ix_request_nonces_seen_at", "request_nonces", ["seen_at"])
    op.create_table(
        "records",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("assessment_id", UUID, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("copy_no", sa.Integer, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("conflict", sa.Boolean, nullable=False),
        sa.Column("resolution", sa.String(20), nullable=True),
        sa.Column("resolved_by", sa.String(200), nullable=True),
        sa.Column("resolved_at", TIME, nullable=True),
        sa.Column("resolution_reason", sa.Text, nullable=True),
        sa.Column("central_version", sa.Integer, nullable=True),
        sa.Column("device_id", UUID, sa.ForeignKey("devices.id"), nullable=True),
        sa.Column("via", sa.String(20), nullable=False),
        sa.Column("store_id", sa.String(64), nullable=True),
        sa.Column("case_number", sa.String(200), nullable=True),
        sa.Column("case_search", sa.String(200), nullable=True),
        sa.Column("family_name", sa.String(200), nullable=True),
        sa.Column("given_names", sa.String(200), nullable=True),
        sa.Column("court_name", sa.String(200), nullable=True),
        sa.Column("hearing_date", sa.String(10), nullable=True),
        sa.Column("form_id", sa.String(100), nullable=True),
        sa.Column("form_version", sa.Integer, nullable=True),
        sa.Column("countersigned_at", sa.String(40), nullable=True),
        sa.Column("countersigner", sa.String(200), nullable=True),
        sa.Column("received_at", TIME, nullable=False),
        sa.Column("receipt_id", UUID, nullable=True, unique=True),
        sa.Column("receipt", sa.Text, nullable=True),
        sa.UniqueConstraint("assessment_id", "version", "copy_no", name="uq_records_copy"),
        sa.UniqueConstraint("assessment_id", "version", "content_hash",
                            name="uq_records_content"))
    op.create_index("ix_records_received", "records", ["received_at", "id"])
    op.create_index("ix_records_case", "records", ["case_search"])
    op.create_index("ix_records_hearing", "records", ["hearing_date"])
    op.create_index("ix_records_court", "records", ["court_name", "received_at", "id"])
    op.create_table(
        "courts",
        sa.Column("court_search", sa.String(200), primary_key=True),
        sa.Column("court_name", sa.String(200), nullable=False))
    op.create_index("ix_records_status", "records", ["status", "received_at"])
    op.create_table(
        "search_terms",
        sa.Column("kind", sa.String(10), primary_key=True),
        sa.Column("term", sa.String(40), primary_key=True),
        sa.Column("received_at", TIME, primary_key=True),
        sa.Column("record_id", UUID, sa.ForeignKey("records.id"), primary_key=True))
    op.create_table(
        "record_bodies",
        sa.Column("record_id", UUID, sa.ForeignKey("records.id"), primary_key=True),
        sa.Column("body", sa.Text, nullable=False))
    op.create_table(
        "verification_codes",
        sa.Column("code", sa.String(16), primary_key=True),
        sa.Column("record_id", UUID, sa.ForeignKey("records.id"), primary_key=True),
        sa.Column("copy_key", sa.String(40), nullable=False))
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", TIME, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("actor_role", sa.String(20), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("record_id", UUID, nullable=True),
        sa.Column("subject", sa.String(400), nullable=True),
        sa.Column("detail", sa.Text, nullable=True))
    op.create_index("ix_audit_record", "audit_events", ["record_id", "at"])
    op.create_index("ix_audit_at", "audit_events", ["at"])


def downgrade() -> None:
    for table in ("audit_events", "verification_codes", "record_bodies", "search_terms",
                  "courts", "records",
                  "request_nonces", "devices", "sessions", "users", "central_keys"):
        op.drop_table(table)
