"""The database tables, as SQLAlchemy 2 typed mappings.

These rows never leave :mod:`assessment_models.storage`: the repository turns them into
pydantic models. A change here needs a new migration in ``migrations/versions``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from assessment_models.storage.column_types import BoundedInteger, FiniteFloat, UTCDateTime

ACCESS_CODE_LENGTH = 43  # secrets.token_urlsafe(32)

# Deterministic constraint names, so that later migrations can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class AssessmentRow(Base):
    __tablename__ = "assessments"
    __table_args__ = (CheckConstraint("status IN ('in_progress', 'finished')", name="status"),)

    id: Mapped[int] = mapped_column(BoundedInteger("assessment id"), primary_key=True)
    access_code: Mapped[str] = mapped_column(String(ACCESS_CODE_LENGTH), unique=True, index=True)
    questionnaire_id: Mapped[str] = mapped_column(String(64))
    questionnaire_version: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    # Deferred: about 150 KiB for the full questionnaire, and parsed snapshots are cached by
    # content hash, so most reads (every save) never need to load it.
    snapshot: Mapped[str] = mapped_column(Text, deferred=True)
    organisation: Mapped[str] = mapped_column(String(200), default="")
    team: Mapped[str] = mapped_column(String(200), default="")
    scope_exclude: Mapped[str] = mapped_column(Text, default="[]")
    targets: Mapped[str | None] = mapped_column(Text)
    wip_limit: Mapped[int | None] = mapped_column(BoundedInteger("wip_limit"))
    # The DORA figures to compare with; None until chosen (all industries, newest edition).
    benchmark_industry: Mapped[str | None] = mapped_column(String(64))
    benchmark_edition: Mapped[str | None] = mapped_column(String(8))
    capacity: Mapped[int | None] = mapped_column(BoundedInteger("capacity"))  # effort per phase
    status: Mapped[str] = mapped_column(String(16), default="in_progress")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AnswerRow(Base):
    __tablename__ = "answers"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    level: Mapped[int | None] = mapped_column(BoundedInteger("level"))
    value: Mapped[float | None] = mapped_column(FiniteFloat("value"))
    na: Mapped[bool] = mapped_column(Boolean, default=False)
    comment: Mapped[str] = mapped_column(Text, default="")
    confidence: Mapped[str | None] = mapped_column(String(16))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Copied from the previous assessment and not yet confirmed or changed (issue 14).
    carried_over: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class TrackingRow(Base):
    __tablename__ = "roadmap_tracking"
    __table_args__ = (
        CheckConstraint("status IN ('planned', 'in_progress', 'done', 'dropped')", name="status"),
    )

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    recommendation_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner: Mapped[str] = mapped_column(String(200), default="")
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="planned")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


# Organisations (issue 14) -----------------------------------------------------------------
class OrganisationRow(Base):
    """An organisation, reached only through its owner code (a 256-bit secret)."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(BoundedInteger("organisation id"), primary_key=True)
    owner_code: Mapped[str] = mapped_column(String(ACCESS_CODE_LENGTH), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(200))
    # The OIDC subject of the owner who created it while signed in, if any.
    owner_subject: Mapped[str | None] = mapped_column(String(255), index=True)
    stale_after_months: Mapped[int] = mapped_column(
        BoundedInteger("stale_after_months"), default=6
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TeamRow(Base):
    __tablename__ = "teams"
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)

    id: Mapped[int] = mapped_column(BoundedInteger("team id"), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AssessmentLinkRow(Base):
    """Where an assessment belongs: its team, and the assessment it follows on from.

    A table of its own rather than columns on ``assessments``: SQLite would have to rebuild
    that table to add a foreign key, and the rebuild cascades into its answers.
    """

    __tablename__ = "assessment_links"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("teams.id", ondelete="SET NULL"), index=True
    )
    previous_id: Mapped[int | None] = mapped_column(
        ForeignKey("assessments.id", ondelete="SET NULL")
    )
    # How many answers were carried over from the previous assessment when it started.
    carried_over: Mapped[int] = mapped_column(
        BoundedInteger("carried_over"), default=0
    )


# Workshops -----------------------------------------------------------------------------------
# A workshop's consensus and each participant's answers are ordinary assessments; these
# tables only tie them together. See assessment_models/storage/workshops.py.

JOIN_CODE_LENGTH = 6


class WorkshopRow(Base):
    __tablename__ = "workshops"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'closed')", name="status"),
        CheckConstraint(
            "anonymity IN ('named', 'facilitator_only', 'anonymous')", name="anonymity"
        ),
    )

    id: Mapped[int] = mapped_column(BoundedInteger("workshop id"), primary_key=True)
    facilitator_code: Mapped[str] = mapped_column(
        String(ACCESS_CODE_LENGTH), unique=True, index=True
    )
    join_code: Mapped[str] = mapped_column(String(JOIN_CODE_LENGTH), unique=True, index=True)
    consensus_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), unique=True
    )
    anonymity: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="open")
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revealed: Mapped[str] = mapped_column(Text, default="[]")  # dimension ids, JSON
    threshold: Mapped[float] = mapped_column(FiniteFloat("threshold"), default=1.0)
    second_round: Mapped[str] = mapped_column(Text, default="[]")  # question ids, JSON
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class WorkshopParticipantRow(Base):
    __tablename__ = "workshop_participants"

    id: Mapped[int] = mapped_column(BoundedInteger("participant id"), primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), unique=True
    )
    display_name: Mapped[str | None] = mapped_column(String(80))  # NULL when anonymous
    joined_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # NULL when anonymous


class WorkshopFirstRoundRow(Base):
    """A re-voted question's first-round answer, kept to show how far the spread narrowed."""

    __tablename__ = "workshop_first_round"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_participants.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    level: Mapped[int | None] = mapped_column(BoundedInteger("level"))
    value: Mapped[float | None] = mapped_column(FiniteFloat("value"))
    na: Mapped[bool] = mapped_column(Boolean, default=False)
