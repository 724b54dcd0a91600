"""Roadmap plan: the team's capacity in effort points per phase.

Targets (already a JSON column) may now name capabilities as well as dimensions, so only
the capacity needs a column. Nullable: existing assessments use the default of 10.

Revision ID: 0002_roadmap_plan
Revises: 0003_benchmark
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_roadmap_plan"
down_revision: str | None = "0003_benchmark"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("capacity", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.drop_column("capacity")
