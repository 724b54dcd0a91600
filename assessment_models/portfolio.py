"""An organisation's teams side by side: the heatmap, compare and the roll-up. Pure functions.

The input is each team's history: its assessments, scored, oldest first
(:class:`TeamHistory`). Storage, the CLI and the tests build it the same way, with
:func:`assessed`.

- A team's row in the heatmap is its **latest** assessment: the score of every dimension
  (or capability), the date, the coverage, and a stale mark when that assessment is older
  than ``stale_after_months`` (default 6) before ``today``.
- Compare is the heatmap's rows of up to :data:`MAX_COMPARED` chosen teams.
- The DORA comparison: each compared team's key-metric answers through the benchmark.

The organisation roll-up lives in :mod:`assessment_models.rollup`; trends over time,
deltas and progress to date in :mod:`assessment_models.trend`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, Protocol

from assessment_models.benchmark import BenchmarkResult, benchmark
from assessment_models.errors import SextantError
from assessment_models.questionnaire import Questionnaire
from assessment_models.report.tracking import Tracking
from assessment_models.responses import BenchmarkChoice, Responses
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
    # How many finished assessments the team has, when only the latest was read.
    finished: int | None = None

    @property
    def count(self) -> int:
        return len(self.assessments) if self.finished is None else self.finished

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
    finished: int | None = None,
) -> TeamHistory:
    """A team's history in date order (same-day assessments keep the order given)."""
    ordered = sorted(assessments, key=lambda a: a.assessed_on)
    return TeamHistory(team=team, assessments=tuple(ordered), plan=plan, finished=finished)


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
    @property
    def finished(self) -> int: ...


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
            finished=team.finished,
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


def shared_benchmark(board: Heatmap) -> BenchmarkChoice:
    """The DORA comparison the teams chose most often for their latest assessments.

    Teams are compared against one industry so that the table reads across; the choice
    most of them made is the fairest default (ties and no choice at all: DORA's default).
    """
    counts = Counter(
        (choice.industry, choice.edition)
        for row in board.rows
        if row.assessment is not None and row.assessment.responses is not None
        and (choice := row.assessment.responses.benchmark) is not None
    )
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return BenchmarkChoice()
    industry, edition = ranked[0][0]
    return BenchmarkChoice(industry=industry, edition=edition)


def dora_side_by_side(board: Heatmap, choice: BenchmarkChoice | None = None) -> list[
    tuple[str, BenchmarkResult]
]:
    """Each team's latest DORA answers scored against one industry, for teams that gave any.

    ``choice`` defaults to :func:`shared_benchmark`: what most of the teams chose.
    """
    choice = choice or shared_benchmark(board)
    out = []
    for row in board.rows:
        latest = row.assessment
        if latest is None or latest.responses is None:
            continue
        result = benchmark(latest.questionnaire, latest.responses, choice.industry,
                           choice.edition)
        if result.answered:
            out.append((row.team, result))
    return out
