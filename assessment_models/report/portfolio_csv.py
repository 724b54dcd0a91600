"""The portfolio CSV: one row per team and dimension of each team's latest assessment.

Columns ``Team, Dimension, Score, Level, Target, Assessed on, Coverage, Stale``. A dimension
out of scope reads ``out of scope`` in Level with Score empty; a team not yet assessed gets
one row with only its name. Same quoting and formula defusing as the other exports.
"""

from __future__ import annotations

from collections.abc import Iterator

from assessment_models.portfolio import Heatmap
from assessment_models.report.csv_export import write_csv

PORTFOLIO_COLUMNS = (
    "Team", "Dimension", "Score", "Level", "Target", "Assessed on", "Coverage", "Stale",
)


def portfolio_csv(board: Heatmap) -> str:
    """``board`` is a dimension heatmap (:func:`assessment_models.portfolio.heatmap`)."""
    return write_csv(PORTFOLIO_COLUMNS, _rows(board))


def _rows(board: Heatmap) -> Iterator[list[object]]:
    for row in board.rows:
        latest = row.assessment
        if latest is None:
            yield [row.team, "", "", "", "", "", "", ""]
            continue
        for column in board.columns:
            cell = row.cells.get(column.id)
            if cell is None:
                continue
            level: object = "out of scope" if not cell.in_scope else cell.level
            yield [
                row.team,
                column.title,
                "" if cell.score is None else f"{cell.score:.2f}",
                "" if level is None else level,
                f"{latest.targets.get(column.id, latest.questionnaire.default_target):g}",
                latest.assessed_on.isoformat(),
                "" if row.coverage is None else f"{row.coverage:.0%}",
                "yes" if row.stale else "no",
            ]
