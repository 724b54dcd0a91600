"""One team over time: its trend, before/after deltas, progress to date. Pure functions.

- Trend: one point per assessment, the score of every dimension (None where out of scope
  or unanswered), oldest first.
- Delta of a capability between two assessments = after − before; None unless both score it.
- Progress to date of a dimension (OWASP SAMM's formula)::

      progress = (current − baseline) ÷ (target − baseline)

  with the target of the current assessment. 1 means the target is reached, 0 no change,
  below 0 a step back, above 1 beyond the target. Where the formula has no meaning the
  result says why instead of giving a number:

  - ``out_of_scope``: the dimension is out of scope in either assessment;
  - ``not_scored``: in scope but without a score in either (nothing answered);
  - ``met_at_baseline``: target ≤ baseline (nothing was left to close) and still met;
  - ``slipped``: target ≤ baseline, and the current score has fallen below the target.

- Done in between: the roadmap items marked done in the plan of the earlier assessment,
  each with the delta of its capability, so a leader sees whether finished work moved
  the score it was meant to move.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from assessment_models.portfolio import TeamAssessment, TeamHistory

ProgressStatus = Literal["measured", "out_of_scope", "not_scored", "met_at_baseline", "slipped"]


@dataclass(frozen=True)
class TrendPoint:
    label: str
    assessed_on: date
    overall: float | None
    scores: Mapping[str, float | None]  # dimension id → score


@dataclass(frozen=True)
class Trend:
    team: str
    dimensions: Mapping[str, str]  # id → title, first seen first
    points: tuple[TrendPoint, ...]

    def line(self, dimension: str) -> list[float | None]:
        """One dimension's scores, one per assessment (None where it has none)."""
        return [p.scores.get(dimension) for p in self.points]


@dataclass(frozen=True)
class _BeforeAfter:
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        """after − before; None unless both are scored."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True, kw_only=True)
class CapabilityDelta(_BeforeAfter):
    capability: str
    title: str
    dimension: str


@dataclass(frozen=True)
class Progress:
    dimension: str
    title: str
    baseline: float | None
    current: float | None
    target: float
    status: ProgressStatus
    value: float | None  # only when status == "measured"


@dataclass(frozen=True, kw_only=True)
class DoneItem(_BeforeAfter):
    recommendation: str
    title: str
    capability: str
    capability_title: str


def trend(team: TeamHistory) -> Trend:
    dimensions: dict[str, str] = {}
    points = []
    for assessment in team.assessments:
        card = assessment.card
        for unit in card.dimensions:
            dimensions.setdefault(unit.id, unit.title)
        points.append(
            TrendPoint(
                label=assessment.label,
                assessed_on=assessment.assessed_on,
                overall=card.overall.score,
                scores={u.id: u.score if u.in_scope else None for u in card.dimensions},
            )
        )
    return Trend(team=team.team, dimensions=dimensions, points=tuple(points))


def capability_deltas(before: TeamAssessment, after: TeamAssessment) -> tuple[
    CapabilityDelta, ...
]:
    """Every capability of the later assessment, with its score before and after."""
    earlier = {u.id: u for u in before.card.capabilities}
    out = []
    for unit in after.card.capabilities:
        old = earlier.get(unit.id)
        out.append(
            CapabilityDelta(
                capability=unit.id,
                title=unit.title,
                dimension=unit.dimension or "",
                before=old.score if old is not None and old.in_scope else None,
                after=unit.score if unit.in_scope else None,
            )
        )
    return tuple(out)


def progress_to_date(baseline: TeamAssessment, current: TeamAssessment) -> tuple[Progress, ...]:
    """Progress of every dimension of the current assessment since the baseline."""
    earlier = {u.id: u for u in baseline.card.dimensions}
    out = []
    for unit in current.card.dimensions:
        old = earlier.get(unit.id)
        target = float(current.targets.get(unit.id, current.questionnaire.default_target))
        base = old.score if old is not None and old.in_scope else None
        now = unit.score if unit.in_scope else None
        status, value = _progress(old is not None and old.in_scope and unit.in_scope,
                                  base, now, target)
        out.append(
            Progress(
                dimension=unit.id,
                title=unit.title,
                baseline=base,
                current=now,
                target=target,
                status=status,
                value=value,
            )
        )
    return tuple(out)


def _progress(
    in_scope: bool, baseline: float | None, current: float | None, target: float
) -> tuple[ProgressStatus, float | None]:
    if not in_scope:
        return "out_of_scope", None
    if baseline is None or current is None:
        return "not_scored", None
    if target <= baseline:
        return ("met_at_baseline", None) if current >= target else ("slipped", None)
    return "measured", (current - baseline) / (target - baseline)


def done_between(before: TeamAssessment, after: TeamAssessment) -> tuple[DoneItem, ...]:
    """Items marked done in the earlier assessment's plan, with their capability's delta."""
    questionnaire = before.questionnaire
    deltas = {d.capability: d for d in capability_deltas(before, after)}
    earlier = {u.id: u for u in before.card.capabilities}
    out = []
    for recommendation_id, item in sorted(before.tracking.items()):
        if str(getattr(item.status, "value", item.status)) != "done":
            continue
        recommendation = questionnaire.recommendations_by_id.get(recommendation_id)
        capability = questionnaire.capability_of_recommendation.get(recommendation_id)
        if recommendation is None or capability is None:
            continue
        delta = deltas.get(capability.id)
        old = earlier.get(capability.id)
        out.append(
            DoneItem(
                recommendation=recommendation_id,
                title=recommendation.title,
                capability=capability.id,
                capability_title=capability.title,
                before=delta.before if delta else (old.score if old else None),
                after=delta.after if delta else None,
            )
        )
    return tuple(out)


def progress_since_first(team: TeamHistory) -> tuple[Progress, ...]:
    """Progress from the team's first assessment to its latest; () with fewer than two."""
    if len(team.assessments) < 2:
        return ()
    return progress_to_date(team.assessments[0], team.assessments[-1])
