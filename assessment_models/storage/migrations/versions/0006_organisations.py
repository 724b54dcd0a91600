"""Organisations, their teams, assessments linked to a team, carried-over answers.

Revision ID: 0006_organisations
Revises: 0001
Create Date: 2026-11-30

Adds tables and one column with a server default: no existing row is rewritten, and
``assessments`` itself is not altered (SQLite would rebuild it, cascading into answers).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_organisations"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_code", sa.String(length=43), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("owner_subject", sa.String(length=255), nullable=True),
        sa.Column("stale_after_months", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
    )
    op.create_index(
        op.f("ix_organisations_owner_code"), "organisations", ["owner_code"], unique=True
    )
    op.create_index(
        op.f("ix_organisations_owner_subject"), "organisations", ["owner_subject"], unique=False
    )
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_teams_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teams")),
        sa.UniqueConstraint("organisation_id", "name", name=op.f("uq_teams_organisation_id")),
    )
    op.create_index(op.f("ix_teams_organisation_id"), "teams", ["organisation_id"], unique=False)
    op.create_table(
        "assessment_links",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("previous_id", sa.Integer(), nullable=True),
        sa.Column("carried_over", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_assessment_links_assessment_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["previous_id"],
            ["assessments.id"],
            name=op.f("fk_assessment_links_previous_id_assessments"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["teams.id"],
            name=op.f("fk_assessment_links_team_id_teams"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("assessment_id", name=op.f("pk_assessment_links")),
    )
    op.create_index(
        op.f("ix_assessment_links_team_id"), "assessment_links", ["team_id"], unique=False
    )
    # A plain ADD COLUMN on both dialects: existing answers read as not carried over.
    op.add_column(
        "answers",
        sa.Column("carried_over", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("answers") as batch:
        batch.drop_column("carried_over")
    op.drop_index(op.f("ix_assessment_links_team_id"), table_name="assessment_links")
    op.drop_table("assessment_links")
    op.drop_index(op.f("ix_teams_organisation_id"), table_name="teams")
    op.drop_table("teams")
    op.drop_index(op.f("ix_organisations_owner_subject"), table_name="organisations")
    op.drop_index(op.f("ix_organisations_owner_code"), table_name="organisations")
    op.drop_table("organisations")
