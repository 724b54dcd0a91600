"""What the plan buys: the scores after each phase, and progress to target.

Projected answers (as in OWASP SAMM's roadmap): after a phase, every answer raised by an
item of that phase or an earlier one stands at the item's ``to_level`` (never lower than it
was); the assessment is then scored again by the same rules. Unanswered and N/A answers
stay as they are: the plan does not invent answers.

Scoring again means: the capabilities whose answers a phase raises get their weighted mean
again (same terms, same order, so the same float as a full ``score()``); every dimension and
the overall score are then averaged again from the capability scores. Re-scoring the whole
assessment per phase was about 60 % of building a roadmap; ``tests/report`` checks that
this equals a full re-score.

Percent to target = 100 × (1 − Σ gap ÷ Σ (target − 1)) over the scored capabilities, where
a capability's gap is max(0, its target − its score); 100 when every target is 1; None
when nothing is scored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from assessment_models.questionnaire import (
    ChoiceQuestion,
    MetricQuestion,
    Question,
    Questionnaire,
)
from assessment_models.roadmap.model import Phase, Projection
from assessment_models.roadmap.targets import Targets
from assessment_models.scoring import ScoreCard, weighted_mean


def gaps(
    questionnaire: Questionnaire, card: ScoreCard, targets: Targets | Mapping[str, float]
) -> dict[str, float]:
    """Gap of every scored capability (in scope and with at least one level)."""
    resolved = targets if isinstance(targets, Targets) else Targets(dimensions=dict(targets))
    return _gaps(_scored(card), _capability_targets(questionnaire, resolved))


def percent_to_target(
    questionnaire: Questionnaire, card: ScoreCard, targets: Targets | Mapping[str, float]
) -> dict[str, float | None]:
    """``{"overall": p, dimension_id: p, …}``, p in 0..100, None where nothing is scored."""
    resolved = targets if isinstance(targets, Targets) else Targets(dimensions=dict(targets))
    return _percent(questionnaire, _scored(card), _capability_targets(questionnaire, resolved))


def _scored(card: ScoreCard) -> dict[str, float]:
    """Score of every capability in scope with a score, in questionnaire order."""
    return {c.id: c.score for c in card.capabilities if c.in_scope and c.score is not None}


def _capability_targets(questionnaire: Questionnaire, targets: Targets) -> dict[str, float]:
    return {cid: targets.of_capability(questionnaire, cid)
            for cid in questionnaire.capabilities_by_id}


def _gaps(scored: Mapping[str, float], target: Mapping[str, float]) -> dict[str, float]:
    return {cid: max(0.0, target[cid] - value) for cid, value in scored.items()}


def _percent(
    questionnaire: Questionnaire, scored: Mapping[str, float], target: Mapping[str, float]
) -> dict[str, float | None]:
    gap = _gaps(scored, target)

    def percent(caps: Iterable[str]) -> float | None:
        caps = list(caps)
        if not caps:
            return None
        span = sum(target[c] - 1 for c in caps)
        if span <= 0:
            return 100.0
        return 100.0 * (1 - sum(gap[c] for c in caps) / span)

    out: dict[str, float | None] = {"overall": percent(scored)}
    for dimension in questionnaire.dimensions:
        out[dimension.id] = percent(c.id for c in dimension.capabilities if c.id in scored)
    return out


def project(
    questionnaire: Questionnaire, card: ScoreCard, phases: Iterable[Phase], targets: Targets
) -> tuple[Projection, ...]:
    """One projection per phase, cumulative."""
    target = _capability_targets(questionnaire, targets)
    capabilities = {c.id: c for c in card.capabilities}
    # The capability scores as they stand after the phases so far; None when unscored or
    # out of scope (an out-of-scope capability's answers are never raised: they have no level).
    scores: dict[str, float | None] = {c.id: c.score for c in card.capabilities}
    raised: dict[str, int] = {}
    out: list[Projection] = []
    for phase in phases:
        touched: set[str] = set()
        for item in phase.items:
            for a in item.addresses:
                if a.answered_level is not None and a.answered_level < a.to_level:
                    level = max(raised.get(a.question, 0), a.to_level)
                    if raised.get(a.question) != level:
                        raised[a.question] = level
                        touched.add(questionnaire.capability_of_question[a.question].id)
        if out and not touched:  # a phase that raises nothing changes no score
            last = out[-1]
            out.append(Projection(phase=phase.name, overall=last.overall,
                                  dimensions=dict(last.dimensions),
                                  percent_to_target=dict(last.percent_to_target)))
            continue
        for cid in touched:
            if capabilities[cid].in_scope:
                scores[cid] = weighted_mean(
                    (_projected(questionnaire, c.question_id, c.level, raised), c.weight)
                    for c in card.explanations[cid] if c.counted
                )
        out.append(_projection(questionnaire, card, phase.name, scores, target))
    return tuple(out)


def _projected(
    questionnaire: Questionnaire, question_id: str, level: int | None, raised: Mapping[str, int]
) -> int | None:
    if question_id not in raised:
        return level
    return projected_level(questionnaire.questions_by_id[question_id], raised[question_id])


def _projection(
    questionnaire: Questionnaire,
    card: ScoreCard,
    name: str,
    scores: Mapping[str, float | None],
    target: Mapping[str, float],
) -> Projection:
    """Dimension and overall scores averaged again from the capability scores, as
    ``score()`` averages them."""
    dimensions: dict[str, float | None] = {}
    weights: dict[str, float] = {}
    for dimension, unit in zip(questionnaire.dimensions, card.dimensions, strict=True):
        dimensions[dimension.id] = weighted_mean(
            (scores[c.id], c.weight) for c in dimension.capabilities
            if scores[c.id] is not None
        ) if unit.in_scope else None
        if unit.in_scope:
            weights[dimension.id] = dimension.weight
    overall = weighted_mean(
        (value, weights[did]) for did, value in dimensions.items()
        if did in weights and value is not None
    )
    scored = {cid: value for cid, value in scores.items() if value is not None}
    return Projection(phase=name, overall=overall, dimensions=dimensions,
                      percent_to_target=_percent(questionnaire, scored, target))


def projected_level(question: Question, level: int) -> int:
    """The level of the answer that reaches ``level``: a metric on its threshold, else the
    nearest option up."""
    if isinstance(question, MetricQuestion):
        return question.level_of(question.thresholds[level - 2])
    if isinstance(question, ChoiceQuestion):
        levels = sorted(o.level for o in question.options)
        return next((lv for lv in levels if lv >= level), levels[-1])
    return level
