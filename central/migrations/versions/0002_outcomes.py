"""Outcomes and the steering group: court outcome addenda, what happened next (order and
treatment follow-ups), and the per-assessment facts the figures are sums of.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TIME = sa.String(24)
UUID = sa.String(36)

# The facts' 0/1 flags and small counts, in the order of the table.
FLAGS = ("assessed", "outcome_known", "outcome_unknown", "sentenced_on_day",
         "adjourned_first", "sentenced", "cstr", "mhtr", "drr", "atr", "combined",
         "rec_considered", "rec_followed", "custody_indicated_sentenced", "custody_avoided",
         "treatments", "first_known", "first_missing", "first_within5",
         "first_attended_known", "first_attended", "warned", "breach", "non_compliant",
         "ended_decided", "completed", "revoked", "transferred", "uncertain_days")
MEANS = ("phq9_change", "gad7_change", "audit_change")
SCORES = ("phq9_start", "phq9_end", "phq9_change", "gad7_start", "gad7_end", "gad7_change",
          "audit_start", "audit_end", "audit_change")


def upgrade() -> None:
    op.create_table(
        "outcomes",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("outcome_id", UUID, nullable=False),
        sa.Column("copy_no", sa.Integer, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("assessment_id", UUID, nullable=False),
        sa.Column("version", sa.Integer, nullable=True),
        sa.Column("store_id", sa.String(64), nullable=True),
        sa.Column("case_number", sa.String(200), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("conflict", sa.Boolean, nullable=False),
        sa.Column("resolution", sa.String(20), nullable=True),
        sa.Column("resolved_by", sa.String(200), nullable=True),
        sa.Column("resolved_at", TIME, nullable=True),
        sa.Column("resolution_reason", sa.Text, nullable=True),
        sa.Column("device_id", UUID, sa.ForeignKey("devices.id"), nullable=True),
        sa.Column("via", sa.String(20), nullable=False),
        sa.Column("signer", sa.String(200), nullable=True),
        sa.Column("signer_role", sa.String(20), nullable=True),
        sa.Column("signed_at", sa.String(40), nullable=True),
        sa.Column("outcome_date", sa.String(10), nullable=True),
        sa.Column("result", sa.String(20), nullable=True),
        sa.Column("supersedes", sa.String(36), nullable=True),
        sa.Column("received_at", TIME, nullable=False),
        sa.Column("receipt_id", UUID, nullable=True, unique=True),
        sa.Column("receipt", sa.Text, nullable=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.UniqueConstraint("outcome_id", "copy_no", name="uq_outcomes_copy"),
        sa.UniqueConstraint("outcome_id", "content_hash", name="uq_outcomes_content"))
    op.create_index("ix_outcomes_assessment", "outcomes", ["assessment_id"])
    op.create_index("ix_outcomes_status", "outcomes", ["status", "received_at"])
    op.create_table(
        "order_follow_ups",
        sa.Column("assessment_id", UUID, primary_key=True),
        sa.Column("warnings", sa.Integer, nullable=True),
        sa.Column("breach_date", sa.String(10), nullable=True),
        sa.Column("end_status", sa.String(20), nullable=True),
        sa.Column("end_date", sa.String(10), nullable=True),
        sa.Column("phq9_end", sa.Integer, nullable=True),
        sa.Column("gad7_end", sa.Integer, nullable=True),
        sa.Column("audit_end", sa.Integer, nullable=True),
        sa.Column("updated_at", TIME, nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False))
    op.create_table(
        "treatment_follow_ups",
        sa.Column("assessment_id", UUID, primary_key=True),
        sa.Column("requirement", sa.String(10), primary_key=True),
        sa.Column("first_date", sa.String(10), nullable=True),
        sa.Column("first_attended", sa.String(3), nullable=True),
        sa.Column("notified_date", sa.String(10), nullable=True),
        sa.Column("updated_at", TIME, nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False))
    op.create_table(
        "case_facts",
        sa.Column("assessment_id", UUID, primary_key=True),
        sa.Column("record_id", UUID, nullable=False),
        sa.Column("facts_version", sa.Integer, nullable=False),
        sa.Column("updated_at", TIME, nullable=False),
        sa.Column("court_name", sa.String(200), nullable=True),
        sa.Column("court_key", sa.String(200), nullable=False),
        sa.Column("person_key", sa.BigInteger, nullable=False),
        sa.Column("age_band", sa.String(10), nullable=False),
        sa.Column("referral_source", sa.String(40), nullable=True),
        sa.Column("recommended", sa.String(40), nullable=True),
        sa.Column("assessed_on", sa.String(10), nullable=False),
        sa.Column("sentenced_on", sa.String(10), nullable=True),
        sa.Column("ended_on", sa.String(10), nullable=True),
        sa.Column("first_result", sa.String(20), nullable=True),
        sa.Column("adjourn_reason", sa.String(40), nullable=True),
        sa.Column("sentence", sa.String(40), nullable=True),
        sa.Column("requirements", sa.String(400), nullable=True),
        sa.Column("combination", sa.String(40), nullable=True),
        sa.Column("end_status", sa.String(20), nullable=True),
        *[sa.Column(name, sa.Integer, nullable=False) for name in FLAGS],
        *[sa.Column(name, sa.Integer, nullable=True) for name in SCORES])
    op.create_index("ix_facts_assessed", "case_facts",
                    ["assessed_on", "court_key", "person_key"])
    op.create_index("ix_facts_sentenced", "case_facts", ["sentenced_on", "court_key"])
    op.create_index("ix_facts_ended", "case_facts", ["ended_on", "court_key"])
    op.create_table(
        "monthly_facts",
        sa.Column("kind", sa.String(10), primary_key=True),
        sa.Column("month", sa.String(7), primary_key=True),
        sa.Column("court_key", sa.String(200), primary_key=True),
        sa.Column("court_name", sa.String(200), nullable=True),
        *[sa.Column(name, sa.Integer, nullable=False) for name in FLAGS],
        *[sa.Column(f"{name}_{part}", sa.Integer, nullable=False)
          for name in MEANS for part in ("sum", "n")])
    op.create_table(
        "monthly_categories",
        sa.Column("kind", sa.String(10), primary_key=True),
        sa.Column("month", sa.String(7), primary_key=True),
        sa.Column("court_key", sa.String(200), primary_key=True),
        sa.Column("category", sa.String(20), primary_key=True),
        sa.Column("value", sa.String(40), primary_key=True),
        sa.Column("n", sa.Integer, nullable=False))


def downgrade() -> None:
    for table in ("monthly_categories", "monthly_facts", "case_facts",
                  "treatment_follow_ups", "order_follow_ups", "outcomes"):
        op.drop_table(table)
