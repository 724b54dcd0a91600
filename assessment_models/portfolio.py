"""An organisation's teams side by side: the heatmap, compare and the roll-up. Pure functions.

The input is each team's history: its assessments, scored, oldest first
(:class:`TeamHistory`). Storage, the CLI and the tests build it the same way, with
:func:`assessed`.

- A team's row in the heatmap is its **latest** assessment: the score of every dimension
  (or capability), the date, the coverage, and a stale mark when that assessment is older
  than ``stale_after_months`` (default 6) before ``today``.
- Compare is the heatmap's rows of up to :data:`MAX_COMPARED` chosen teams.
- The roll-up counts teams per level in each dimension (an average would hide the weak
  teams), ranks capabilities by how many teams are below their target in them (the place
  where one organisation-wide initiative pays), and counts roadmap work across teams.

Trends over time, deltas and progress to date live in :mod:`assessment_models.trend`.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, Protocol

from assessment_models.errors import SextantError
from assessment_models.questionnaire import Questionnaire
from assessment_models.report.tracking import Tracking
from assessment_models.responses import Responses
from assessment_models.scoring import ScoreCard, score

MAX_COMPARED = 8
DEFAULT_STALE_MONTHS = 6
LEVELS = (1, 2, 3, 4, 5)

Unit = Literal["dimension", "capability"]


class PortfolioError(SextantError):
    """A portfolio request that cannot be met, e.g. comparing more than eight teams."""


@dataclass(frozen=True)
class TeamAssessment:
    """One scored assessment of a team, with the targets and the roadmap work it carried."""

    team: str
    label: str  # what names it to a person: a date, a file name
    assessed_on: date
    questionnaire: Questionnaire
    card: ScoreCard
    targets: Mapping[str, float]  # every dimension of the questionnaire, defaults filled in
    tracking: Mapping[str, Tracking] = field(default_factory=dict)
    code: str = ""  # the assessment's access code when it comes from storage
    responses: Responses | None = None  # the answers behind the card (DORA values)


@dataclass(frozen=True)
class TeamHistory:
    """A team and its assessments, oldest first."""

    team: str
    assessments: tuple[TeamAssessment, ...] = ()
    # The roadmap work being tracked now; None: read it from the assessments (current_plan).
    plan: Mapping[str, Tracking] | None = None

    @property
    def latest(self) -> TeamAssessment | None:
        return self.assessments[-1] if self.assessments else None


def assessed(
    team: str,
    label: str,
    assessed_on: date,
    questionnaire: Questionnaire,
    responses: Responses,
    *,
    tracking: Mapping[str, Tracking] | None = None,
    code: str = "",
) -> TeamAssessment:
    """Score normalised responses into a :class:`TeamAssessment` (targets from the responses,
    the questionnaire's default target for every dimension they leave out)."""
    return TeamAssessment(
        team=team,
        label=label,
        assessed_on=assessed_on,
        questionnaire=questionnaire,
        card=score(questionnaire, responses),
        targets=resolved_targets(questionnaire, responses.targets),
        tracking=dict(tracking or responses.tracking),
        code=code,
        responses=responses,
    )


def resolved_targets(
    questionnaire: Questionnaire, targets: Mapping[str, float] | None
) -> dict[str, float]:
    """A target for every dimension: the one set (already checked at the boundary), else
    the questionnaire's default target."""
    given = targets or {}
    default = float(questionnaire.default_target)
    return {d.id: float(given.get(d.id, default)) for d in questionnaire.dimensions}


def history(
    team: str,
    assessments: Sequence[TeamAssessment],
    plan: Mapping[str, Tracking] | None = None,
) -> TeamHistory:
    """A team's history in date order (same-day assessments keep the order given)."""
    ordered = sorted(assessments, key=lambda a: a.assessed_on)
    return TeamHistory(team=team, assessments=tuple(ordered), plan=plan)


class StoredLike(Protocol):
    """What storage hands out for one assessment of a team (``storage.StoredAssessment``)."""

    @property
    def code(self) -> str: ...
    @property
    def questionnaire(self) -> Questionnaire: ...
    @property
    def responses(self) -> Responses: ...
    @property
    def assessed_at(self) -> datetime: ...


class StoredTeamLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def assessments(self) -> Sequence[StoredLike]: ...
    @property
    def plan(self) -> Mapping[str, Tracking]: ...


def team_histories(teams: Sequence[StoredTeamLike]) -> list[TeamHistory]:
    """Score every stored assessment of every team (the Portfolio page's one heavy step)."""
    return [
        history(
            team.name,
            [
                assessed(
                    team.name,
                    stored.assessed_at.date().isoformat(),
                    stored.assessed_at.date(),
                    stored.questionnaire,
                    stored.responses,
                    code=stored.code,
                )
                for stored in team.assessments
            ],
            plan=team.plan,
        )
        for team in teams
    ]


# The heatmap ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    id: str
    title: str
    dimension: str  # the dimension's own id for a dimension column


@dataclass(frozen=True)
class Cell:
    score: float | None
    level: int | None
    in_scope: bool


@dataclass(frozen=True)
class HeatmapRow:
    team: str
    assessment: TeamAssessment | None  # None: the team has no assessment yet
    stale: bool
    cells: Mapping[str, Cell]

    @property
    def assessed_on(self) -> date | None:
        return None if self.assessment is None else self.assessment.assessed_on

    @property
    def coverage(self) -> float | None:
        return None if self.assessment is None else self.assessment.card.overall.coverage

    @property
    def overall(self) -> float | None:
        return None if self.assessment is None else self.assessment.card.overall.score


@dataclass(frozen=True)
class Heatmap:
    unit: Unit
    columns: tuple[Column, ...]
    rows: tuple[HeatmapRow, ...]


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the month's last day if shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for candidate in range(day.day, 27, -1):
        try:
            return date(year, month + 1, candidate)
        except ValueError:
            continue
    return date(year, month + 1, min(day.day, 28))


def is_stale(assessed_on: date, today: date, stale_after_months: int) -> bool:
    """True when the assessment is older than ``stale_after_months`` before ``today``."""
    return assessed_on < months_before(today, stale_after_months)


def heatmap(
    histories: Sequence[TeamHistory],
    *,
    today: date,
    stale_after_months: int = DEFAULT_STALE_MONTHS,
    unit: Unit = "dimension",
    dimension: str | None = None,
) -> Heatmap:
    """Teams × dimensions (or × capabilities, optionally of one dimension), latest
    assessment each; teams without an assessment get a row of empty cells."""
    columns = _columns([h.latest for h in histories if h.latest], unit, dimension)
    rows = []
    for team in histories:
        latest = team.latest
        if latest is None:
            rows.append(HeatmapRow(team=team.team, assessment=None, stale=False, cells={}))
            continue
        units = latest.card.dimensions if unit == "dimension" else latest.card.capabilities
        cells = {
            u.id: Cell(score=u.score, level=u.level, in_scope=u.in_scope)
            for u in units
            if dimension is None or (u.dimension or u.id) == dimension
        }
        stale = is_stale(latest.assessed_on, today, stale_after_months)
        rows.append(HeatmapRow(team=team.team, assessment=latest, stale=stale, cells=cells))
    return Heatmap(unit=unit, columns=columns, rows=tuple(rows))


def _columns(
    latest: Sequence[TeamAssessment], unit: Unit, dimension: str | None
) -> tuple[Column, ...]:
    # Teams may answer different questionnaires: the union of their units, first seen first.
    seen: dict[str, Column] = {}
    for assessment in latest:
        units = assessment.card.dimensions if unit == "dimension" else assessment.card.capabilities
        for u in units:
            owner = u.dimension or u.id
            if u.id not in seen and (dimension is None or owner == dimension):
                seen[u.id] = Column(id=u.id, title=u.title, dimension=owner)
    return tuple(seen.values())


SortKey = str  # "team", "date", "coverage", "overall" or a column id


def sort_rows(rows: Sequence[HeatmapRow], key: SortKey, *, descending: bool = False) -> list[
    HeatmapRow
]:
    """Rows ordered by one column; rows without a value go last either way, by team name."""

    def value(row: HeatmapRow) -> object:
        if key == "team":
            return row.team.casefold()
        if key == "date":
            return row.assessed_on
        if key == "coverage":
            return row.coverage
        if key == "overall":
            return row.overall
        cell = row.cells.get(key)
        return None if cell is None else cell.score

    present = [r for r in rows if value(r) is not None]
    missing = sorted((r for r in rows if value(r) is None), key=lambda r: r.team.casefold())
    present.sort(key=lambda r: (value(r), r.team.casefold()), reverse=descending)
    return present + missing


def compare(board: Heatmap, teams: Sequence[str]) -> Heatmap:
    """The heatmap rows of the chosen teams, in the order chosen (at most eight)."""
    if len(teams) > MAX_COMPARED:
        raise PortfolioError(f"Compare up to {MAX_COMPARED} teams at a time; {len(teams)} chosen.")
    by_team = {row.team: row for row in board.rows}
    unknown = [t for t in teams if t not in by_team]
    if unknown:
        raise PortfolioError(f"No team named '{unknown[0]}' in this organisation.")
    return Heatmap(unit=board.unit, columns=board.columns, rows=tuple(by_team[t] for t in teams))


# The organisation roll-up -----------------------------------------------------------------
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
