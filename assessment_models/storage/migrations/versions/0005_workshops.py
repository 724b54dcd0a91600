"""Workshops: a consensus assessment, participants' assessments, first-round answers.

Revision ID: 0005_workshops
Revises: 0006_organisations
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_workshops"
down_revision: str | None = "0006_organisations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "workshops",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facilitator_code", sa.String(length=43), nullable=False),
        sa.Column("join_code", sa.String(length=6), nullable=False),
        sa.Column("consensus_id", sa.Integer(), nullable=False),
        sa.Column("anonymity", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revealed", sa.Text(), nullable=False),
        sa.Column("threshold", sa.Float(), nullable=False),
        sa.Column("second_round", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "anonymity IN ('named', 'facilitator_only', 'anonymous')",
            name=op.f("ck_workshops_anonymity"),
        ),
        sa.CheckConstraint("status IN ('open', 'closed')", name=op.f("ck_workshops_status")),
        sa.ForeignKeyConstraint(
            ["consensus_id"],
            ["assessments.id"],
            name=op.f("fk_workshops_consensus_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshops")),
        sa.UniqueConstraint("consensus_id", name=op.f("uq_workshops_consensus_id")),
    )
    op.create_index(
        op.f("ix_workshops_facilitator_code"), "workshops", ["facilitator_code"], unique=True
    )
    op.create_index(op.f("ix_workshops_join_code"), "workshops", ["join_code"], unique=True)
    op.create_table(
        "workshop_participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("display_name", sa.String(length=80), nullable=True),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_workshop_participants_assessment_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_workshop_participants_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_participants")),
        sa.UniqueConstraint("assessment_id", name=op.f("uq_workshop_participants_assessment_id")),
    )
    op.create_index(
        op.f("ix_workshop_participants_workshop_id"),
        "workshop_participants",
        ["workshop_id"],
        unique=False,
    )
    op.create_table(
        "workshop_first_round",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=64), nullable=False),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("na", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["workshop_participants.id"],
            name=op.f("fk_workshop_first_round_participant_id_workshop_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "participant_id", "question_id", name=op.f("pk_workshop_first_round")
        ),
    )


def downgrade() -> None:
    op.drop_table("workshop_first_round")
    op.drop_index(op.f("ix_workshop_participants_workshop_id"), table_name="workshop_participants")
    op.drop_table("workshop_participants")
    op.drop_index(op.f("ix_workshops_join_code"), table_name="workshops")
    op.drop_index(op.f("ix_workshops_facilitator_code"), table_name="workshops")
    op.drop_table("workshops")
