"""Benchmark: the DORA industry and edition an assessment is compared with.

Nullable: an assessment stored before this revision compares with all industries in the
newest edition until someone picks otherwise.

Revision ID: 0003_benchmark
Revises: 0005_workshops
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_benchmark"
down_revision: str | None = "0005_workshops"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("benchmark_industry", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("benchmark_edition", sa.String(length=8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.drop_column("benchmark_edition")
        batch.drop_column("benchmark_industry")
