"""The organisation roll-up: where the teams stand together. Pure functions.

- Teams per level in each dimension, from their latest assessments: an average would hide
  the weak teams.
- The capabilities weakest across most teams: ranked by how many teams are below their
  target in them, then by median score; where one organisation-wide initiative pays.
- Roadmap work across teams: each team's current plan (see :func:`current_plan`) counted
  by status; overdue = past its due date and neither done nor dropped.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from assessment_models.portfolio import LEVELS, Column, Heatmap, TeamAssessment, TeamHistory
from assessment_models.report.tracking import Tracking


@dataclass(frozen=True)
class LevelDistribution:
    """How many teams' latest assessments reach each level in one dimension."""

    dimension: str
    title: str
    counts: Mapping[int, int]  # level 1..5 → teams
    unscored: int  # assessed teams with the dimension out of scope or unanswered

    @property
    def scored(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class WeakCapability:
    capability: str
    title: str
    dimension_title: str
    teams_scored: int
    teams_below_target: int
    median: float
    lowest: float


@dataclass(frozen=True)
class WorkCounts:
    """Roadmap items across teams by status; overdue = past due and neither done nor dropped."""

    done: int = 0
    in_progress: int = 0
    planned: int = 0
    overdue: int = 0
    dropped: int = 0


@dataclass(frozen=True)
class Rollup:
    teams: int
    assessed: int
    stale: int
    distributions: tuple[LevelDistribution, ...]
    weakest: tuple[WeakCapability, ...]
    work: WorkCounts


def rollup(board: Heatmap, histories: Sequence[TeamHistory], *, today: date, weakest: int = 5
           ) -> Rollup:
    """The organisation at a glance, from a dimension heatmap and the teams' histories."""
    latest = [row.assessment for row in board.rows if row.assessment is not None]
    return Rollup(
        teams=len(board.rows),
        assessed=len(latest),
        stale=sum(row.stale for row in board.rows),
        distributions=tuple(_distribution(board, column) for column in board.columns),
        weakest=weakest_capabilities(latest)[:weakest],
        work=work_counts(histories, today=today),
    )


def _distribution(board: Heatmap, column: Column) -> LevelDistribution:
    counts = dict.fromkeys(LEVELS, 0)
    unscored = 0
    for row in board.rows:
        cell = row.cells.get(column.id)
        if row.assessment is None or cell is None:
            continue
        if cell.level is None:
            unscored += 1
        else:
            counts[cell.level] += 1
    return LevelDistribution(
        dimension=column.id, title=column.title, counts=counts, unscored=unscored
    )


def weakest_capabilities(latest: Sequence[TeamAssessment]) -> tuple[WeakCapability, ...]:
    """Capabilities by the number of teams below target in them, then by median score."""
    scores: dict[str, list[float]] = {}
    below: dict[str, int] = {}
    titles: dict[str, tuple[str, str]] = {}
    for assessment in latest:
        dimension_titles = {d.id: d.title for d in assessment.card.dimensions}
        for unit in assessment.card.capabilities:
            if not unit.in_scope or unit.score is None:
                continue
            dimension = unit.dimension or ""
            scores.setdefault(unit.id, []).append(unit.score)
            titles.setdefault(unit.id, (unit.title, dimension_titles.get(dimension, "")))
            target = assessment.targets.get(dimension, assessment.questionnaire.default_target)
            below[unit.id] = below.get(unit.id, 0) + (unit.score < target)
    ranked = [
        WeakCapability(
            capability=cid,
            title=titles[cid][0],
            dimension_title=titles[cid][1],
            teams_scored=len(values),
            teams_below_target=below[cid],
            median=statistics.median(values),
            lowest=min(values),
        )
        for cid, values in scores.items()
    ]
    ranked.sort(key=lambda w: (-w.teams_below_target, w.median, w.capability))
    return tuple(ranked)


def current_plan(team: TeamHistory) -> Mapping[str, Tracking]:
    """The team's tracked roadmap work: that of its latest assessment with any tracking.

    A re-assessment starts with an empty plan; until the team tracks work on it, the plan
    of the assessment before it is still the one being worked through.
    """
    if team.plan is not None:
        return team.plan
    for assessment in reversed(team.assessments):
        if assessment.tracking:
            return assessment.tracking
    return {}


def work_counts(histories: Sequence[TeamHistory], *, today: date) -> WorkCounts:
    counts = {"done": 0, "in_progress": 0, "planned": 0, "overdue": 0, "dropped": 0}
    for team in histories:
        for item in current_plan(team).values():
            status = str(getattr(item.status, "value", item.status))
            if status in ("planned", "in_progress") and item.due_date and item.due_date < today:
                status = "overdue"
            counts[status] = counts.get(status, 0) + 1
    return WorkCounts(**counts)
