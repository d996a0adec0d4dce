"""The database tables (SQLAlchemy 2). The schema changes only through Alembic
migrations in ``central/migrations/versions``; a test checks they agree with this file.

Times are text in one fixed UTC form (``canonical.stamp``) so that they sort and compare
the same way in SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

TIME = String(24)
UUID = String(36)


class Base(DeclarativeBase):
    pass


class CentralKey(Base):
    """The public halves of the keys this deployment signs and opens bundles with."""

    __tablename__ = "central_keys"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    signing_public: Mapped[str] = mapped_column(String(64))
    bundle_public: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(TIME)


class User(Base):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(UUID, primary_key=True)
    username: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[str] = mapped_column(TIME)
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[str | None] = mapped_column(TIME, nullable=True)


class WebSession(Base):
    __tablename__ = "sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(TIME)
    last_seen_at: Mapped[str] = mapped_column(TIME)
    expires_at: Mapped[str] = mapped_column(TIME)


class Device(Base):
    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(UUID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    status: Mapped[str] = mapped_column(String(20))  # pending, active, revoked
    code_hash: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    code_expires_at: Mapped[str | None] = mapped_column(TIME, nullable=True)
    code_used_at: Mapped[str | None] = mapped_column(TIME, nullable=True)
    public_key: Mapped[str | None] = mapped_column(String(64), nullable=True)
    key_fingerprint: Mapped[str | None] = mapped_column(String(32), nullable=True)
    root_fingerprint: Mapped[str | None] = mapped_column(String(32), nullable=True)
    store_id: Mapped[str | None] = mapped_column(UUID, nullable=True)
    created_at: Mapped[str] = mapped_column(TIME)
    created_by: Mapped[str] = mapped_column(String(200))
    enrolled_at: Mapped[str | None] = mapped_column(TIME, nullable=True)
    revoked_at: Mapped[str | None] = mapped_column(TIME, nullable=True)
    last_seen_at: Mapped[str | None] = mapped_column(TIME, nullable=True)


class RequestNonce(Base):
    """Nonces of signed device requests seen lately: a replayed request is refused."""

    __tablename__ = "request_nonces"
    device_id: Mapped[str] = mapped_column(UUID, primary_key=True)
    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    seen_at: Mapped[str] = mapped_column(TIME, index=True)


class Record(Base):
    """One received version. ``copy_no`` 0 is the first content received for a
    (assessment, version); a different content for it is kept as copy 1, 2, ..."""

    __tablename__ = "records"
    __table_args__ = (
        UniqueConstraint("assessment_id", "version", "copy_no", name="uq_records_copy"),
        UniqueConstraint("assessment_id", "version", "content_hash", name="uq_records_content"),
        Index("ix_records_received", "received_at", "id"),
        Index("ix_records_case", "case_search"),
        Index("ix_records_hearing", "hearing_date"),
        Index("ix_records_court", "court_name", "received_at", "id"),
        Index("ix_records_status", "status", "received_at"),
    )
    id: Mapped[str] = mapped_column(UUID, primary_key=True)
    assessment_id: Mapped[str] = mapped_column(UUID)
    version: Mapped[int] = mapped_column(Integer)
    copy_no: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20))  # accepted, quarantined
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    conflict: Mapped[bool] = mapped_column(Boolean, default=False)
    resolution: Mapped[str | None] = mapped_column(String(20), nullable=True)
    resolved_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    resolved_at: Mapped[str | None] = mapped_column(TIME, nullable=True)
    resolution_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    central_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    device_id: Mapped[str | None] = mapped_column(ForeignKey("devices.id"), nullable=True)
    via: Mapped[str] = mapped_column(String(20))  # api, bundle
    store_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    case_number: Mapped[str | None] = mapped_column(String(200), nullable=True)
    case_search: Mapped[str | None] = mapped_column(String(200), nullable=True)
    family_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    given_names: Mapped[str | None] = mapped_column(String(200), nullable=True)
    court_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    hearing_date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    form_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    form_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    countersigned_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    countersigner: Mapped[str | None] = mapped_column(String(200), nullable=True)
    received_at: Mapped[str] = mapped_column(TIME)
    receipt_id: Mapped[str | None] = mapped_column(UUID, nullable=True, unique=True)
    receipt: Mapped[str | None] = mapped_column(Text, nullable=True)


class Court(Base):
    """Every court named in a record (a short list): a search by court finds the
    matching names here, then the records by the index on their court."""

    __tablename__ = "courts"
    court_search: Mapped[str] = mapped_column(String(200), primary_key=True)
    court_name: Mapped[str] = mapped_column(String(200))


class SearchTerm(Base):
    """Each word of a record's names, so that a search by the start of any word is a
    range of this table's index in either database."""

    __tablename__ = "search_terms"
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)  # name
    term: Mapped[str] = mapped_column(String(40), primary_key=True)
    # The record's time received, here too: the newest matches come from this index alone.
    received_at: Mapped[str] = mapped_column(TIME, primary_key=True)
    record_id: Mapped[str] = mapped_column(ForeignKey("records.id"), primary_key=True)


class RecordBody(Base):
    """The record exactly as received (JSON text), apart from the list's columns."""

    __tablename__ = "record_bodies"
    record_id: Mapped[str] = mapped_column(ForeignKey("records.id"), primary_key=True)
    body: Mapped[str] = mapped_column(Text)


class VerificationCode(Base):
    __tablename__ = "verification_codes"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    record_id: Mapped[str] = mapped_column(ForeignKey("records.id"), primary_key=True)
    copy_key: Mapped[str] = mapped_column(String(40))


class AuditEvent(Base):
    """Who did or saw what. Written by the service only, never changed."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_record", "record_id", "at"),
                      Index("ix_audit_at", "at"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[str] = mapped_column(TIME)
    actor: Mapped[str] = mapped_column(String(200))
    actor_role: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str | None] = mapped_column(UUID, nullable=True)
    subject: Mapped[str | None] = mapped_column(String(400), nullable=True)
    detail: Mapped[str | None] = mapped_column(Text, nullable=True)


class OutcomeAddendum(Base):
    """A court outcome sent after approval (``cstr-outcome/1``, docs/outcomes.md), kept
    exactly once like a record: ``copy_no`` 0 is the first content received for an
    ``outcome_id``; another content for it is a conflict, kept and quarantined."""

    __tablename__ = "outcomes"
    __table_args__ = (
        UniqueConstraint("outcome_id", "copy_no", name="uq_outcomes_copy"),
        UniqueConstraint("outcome_id", "content_hash", name="uq_outcomes_content"),
        Index("ix_outcomes_assessment", "assessment_id"),
        Index("ix_outcomes_status", "status", "received_at"),
    )
    id: Mapped[str] = mapped_column(UUID, primary_key=True)
    outcome_id: Mapped[str] = mapped_column(UUID)
    copy_no: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    assessment_id: Mapped[str] = mapped_column(UUID)
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    store_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    case_number: Mapped[str | None] = mapped_column(String(200), nullable=True)
    status: Mapped[str] = mapped_column(String(20))  # accepted, quarantined
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    conflict: Mapped[bool] = mapped_column(Boolean, default=False)
    resolution: Mapped[str | None] = mapped_column(String(20), nullable=True)
    resolved_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    resolved_at: Mapped[str | None] = mapped_column(TIME, nullable=True)
    resolution_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    device_id: Mapped[str | None] = mapped_column(ForeignKey("devices.id"), nullable=True)
    via: Mapped[str] = mapped_column(String(20))
    signer: Mapped[str | None] = mapped_column(String(200), nullable=True)
    signer_role: Mapped[str | None] = mapped_column(String(20), nullable=True)
    signed_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    outcome_date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    result: Mapped[str | None] = mapped_column(String(20), nullable=True)
    supersedes: Mapped[str | None] = mapped_column(String(36), nullable=True)
    received_at: Mapped[str] = mapped_column(TIME)
    receipt_id: Mapped[str | None] = mapped_column(UUID, nullable=True, unique=True)
    receipt: Mapped[str | None] = mapped_column(Text, nullable=True)
    body: Mapped[str] = mapped_column(Text)


class OrderFollowUp(Base):
    """What happened next to the order, as the office recorded it or a provider's CSV
    said: warnings, breach proceedings, how it ended, end-of-treatment scores."""

    __tablename__ = "order_follow_ups"
    assessment_id: Mapped[str] = mapped_column(UUID, primary_key=True)
    warnings: Mapped[int | None] = mapped_column(Integer, nullable=True)
    breach_date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    end_status: Mapped[str | None] = mapped_column(String(20), nullable=True)
    end_date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    phq9_end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    gad7_end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    audit_end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    updated_at: Mapped[str] = mapped_column(TIME)
    updated_by: Mapped[str] = mapped_column(String(200))


class TreatmentFollowUp(Base):
    """One treatment requirement's start: the first appointment offered (its date),
    attended or not, and the date attendance was notified to probation."""

    __tablename__ = "treatment_follow_ups"
    assessment_id: Mapped[str] = mapped_column(UUID, primary_key=True)
    requirement: Mapped[str] = mapped_column(String(10), primary_key=True)  # mhtr, drr, atr
    first_date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    first_attended: Mapped[str | None] = mapped_column(String(3), nullable=True)  # yes, no
    notified_date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    updated_at: Mapped[str] = mapped_column(TIME)
    updated_by: Mapped[str] = mapped_column(String(200))


class CaseFacts(Base):
    """One row per assessment with an accepted record: what the figures count, worked out
    by central/facts.py whenever a version, an outcome or a follow-up arrives. Flags are
    0 or 1 (or small counts) so that every figure is a sum over a range of dates."""

    __tablename__ = "case_facts"
    __table_args__ = (
        Index("ix_facts_assessed", "assessed_on", "court_key", "person_key"),
        Index("ix_facts_sentenced", "sentenced_on", "court_key"),
        Index("ix_facts_ended", "ended_on", "court_key"),
    )
    assessment_id: Mapped[str] = mapped_column(UUID, primary_key=True)
    record_id: Mapped[str] = mapped_column(UUID)
    facts_version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[str] = mapped_column(TIME)
    court_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    court_key: Mapped[str] = mapped_column(String(200))
    person_key: Mapped[int] = mapped_column(BigInteger)
    age_band: Mapped[str] = mapped_column(String(10))
    referral_source: Mapped[str | None] = mapped_column(String(40), nullable=True)
    recommended: Mapped[str | None] = mapped_column(String(40), nullable=True)
    assessed_on: Mapped[str] = mapped_column(String(10))
    sentenced_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    ended_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    first_result: Mapped[str | None] = mapped_column(String(20), nullable=True)
    adjourn_reason: Mapped[str | None] = mapped_column(String(40), nullable=True)
    sentence: Mapped[str | None] = mapped_column(String(40), nullable=True)
    requirements: Mapped[str | None] = mapped_column(String(400), nullable=True)
    combination: Mapped[str | None] = mapped_column(String(40), nullable=True)
    end_status: Mapped[str | None] = mapped_column(String(20), nullable=True)
    assessed: Mapped[int] = mapped_column(Integer, default=1)
    outcome_known: Mapped[int] = mapped_column(Integer, default=0)
    outcome_unknown: Mapped[int] = mapped_column(Integer, default=0)
    sentenced_on_day: Mapped[int] = mapped_column(Integer, default=0)
    adjourned_first: Mapped[int] = mapped_column(Integer, default=0)
    sentenced: Mapped[int] = mapped_column(Integer, default=0)
    cstr: Mapped[int] = mapped_column(Integer, default=0)
    mhtr: Mapped[int] = mapped_column(Integer, default=0)
    drr: Mapped[int] = mapped_column(Integer, default=0)
    atr: Mapped[int] = mapped_column(Integer, default=0)
    combined: Mapped[int] = mapped_column(Integer, default=0)
    rec_considered: Mapped[int] = mapped_column(Integer, default=0)
    rec_followed: Mapped[int] = mapped_column(Integer, default=0)
    custody_indicated_sentenced: Mapped[int] = mapped_column(Integer, default=0)
    custody_avoided: Mapped[int] = mapped_column(Integer, default=0)
    treatments: Mapped[int] = mapped_column(Integer, default=0)
    first_known: Mapped[int] = mapped_column(Integer, default=0)
    first_missing: Mapped[int] = mapped_column(Integer, default=0)
    first_within5: Mapped[int] = mapped_column(Integer, default=0)
    first_attended_known: Mapped[int] = mapped_column(Integer, default=0)
    first_attended: Mapped[int] = mapped_column(Integer, default=0)
    warned: Mapped[int] = mapped_column(Integer, default=0)
    breach: Mapped[int] = mapped_column(Integer, default=0)
    non_compliant: Mapped[int] = mapped_column(Integer, default=0)
    ended_decided: Mapped[int] = mapped_column(Integer, default=0)
    completed: Mapped[int] = mapped_column(Integer, default=0)
    revoked: Mapped[int] = mapped_column(Integer, default=0)
    transferred: Mapped[int] = mapped_column(Integer, default=0)
    uncertain_days: Mapped[int] = mapped_column(Integer, default=0)
    phq9_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    phq9_end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    phq9_change: Mapped[int | None] = mapped_column(Integer, nullable=True)
    gad7_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    gad7_end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    gad7_change: Mapped[int | None] = mapped_column(Integer, nullable=True)
    audit_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    audit_end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    audit_change: Mapped[int | None] = mapped_column(Integer, nullable=True)


MONTHLY_SUMS = ("assessed", "outcome_known", "outcome_unknown", "sentenced_on_day",
                "adjourned_first", "sentenced", "cstr", "mhtr", "drr", "atr", "combined",
                "rec_considered", "rec_followed", "custody_indicated_sentenced",
                "custody_avoided", "treatments", "first_known", "first_missing",
                "first_within5", "first_attended_known", "first_attended", "warned", "breach",
                "non_compliant", "ended_decided", "completed", "revoked", "transferred",
                "uncertain_days")
MONTHLY_MEANS = ("phq9_change", "gad7_change", "audit_change")


class MonthlyFacts(Base):
    """The facts summed by month and court, for each kind of date (``assessed``,
    ``sentenced``, ``ended``), kept up to date with every change of an assessment's facts:
    a year's figures are a dozen rows, not thousands. A mean keeps its sum and count."""

    __tablename__ = "monthly_facts"
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    court_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    court_name: Mapped[str | None] = mapped_column(String(200), nullable=True)


for _name in MONTHLY_SUMS:
    setattr(MonthlyFacts, _name, mapped_column(_name, Integer, default=0, nullable=False))
for _name in MONTHLY_MEANS:
    setattr(MonthlyFacts, f"{_name}_sum", mapped_column(f"{_name}_sum", Integer, default=0,
                                                        nullable=False))
    setattr(MonthlyFacts, f"{_name}_n", mapped_column(f"{_name}_n", Integer, default=0,
                                                      nullable=False))


class MonthlyCategory(Base):
    """How many assessments had each value of a category (the combination of treatment
    requirements, the sentence, the reason for an adjournment, the age band, the referral
    source), by month and court, for each kind of date: the breakdowns' counts."""

    __tablename__ = "monthly_categories"
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    court_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    category: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[str] = mapped_column(String(40), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, default=0)
