"""What the plan buys: the scores after each phase, and progress to target.

Projected answers (as in OWASP SAMM's roadmap): after a phase, every answer raised by an
item of that phase or an earlier one stands at the item's ``to_level`` (never lower than it
was); the assessment is then scored again with the same engine. Unanswered and N/A answers
stay as they are: the plan does not invent answers.

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
from assessment_models.responses import Answer, Responses, Scope
from assessment_models.roadmap.model import Phase, Projection
from assessment_models.roadmap.targets import Targets
from assessment_models.scoring import ScoreCard, UnitScore, score


def gaps(
    questionnaire: Questionnaire, card: ScoreCard, targets: Targets | Mapping[str, float]
) -> dict[str, float]:
    """Gap of every scored capability (in scope and with at least one level)."""
    resolved = targets if isinstance(targets, Targets) else Targets(dimensions=dict(targets))
    out: dict[str, float] = {}
    for cap in card.capabilities:
        if cap.in_scope and cap.score is not None and cap.dimension is not None:
            out[cap.id] = max(0.0, resolved.of_capability(questionnaire, cap.id) - cap.score)
    return out


def percent_to_target(
    questionnaire: Questionnaire, card: ScoreCard, targets: Targets | Mapping[str, float]
) -> dict[str, float | None]:
    """``{"overall": p, dimension_id: p, …}``, p in 0..100, None where nothing is scored."""
    resolved = targets if isinstance(targets, Targets) else Targets(dimensions=dict(targets))
    gap = gaps(questionnaire, card, resolved)
    scored = [c for c in card.capabilities if c.id in gap]

    def percent(caps: Iterable[UnitScore]) -> float | None:
        caps = list(caps)
        if not caps:
            return None
        span = sum(resolved.of_capability(questionnaire, c.id) - 1 for c in caps)
        if span <= 0:
            return 100.0
        return 100.0 * (1 - sum(gap[c.id] for c in caps) / span)

    out: dict[str, float | None] = {"overall": percent(scored)}
    for dimension in questionnaire.dimensions:
        out[dimension.id] = percent(c for c in scored if c.dimension == dimension.id)
    return out


def project(
    questionnaire: Questionnaire, card: ScoreCard, phases: Iterable[Phase], targets: Targets
) -> tuple[Projection, ...]:
    """One projection per phase, cumulative."""
    answers = responses_of(questionnaire, card)
    raised: dict[str, int] = {}
    out: list[Projection] = []
    after = card
    for phase in phases:
        before = dict(raised)
        for item in phase.items:
            for a in item.addresses:
                if a.answered_level is not None and a.answered_level < a.to_level:
                    raised[a.question] = max(raised.get(a.question, 0), a.to_level)
        if raised != before or not out:  # a phase that raises nothing changes no score
            projected = dict(answers.answers)
            for question_id, level in raised.items():
                projected[question_id] = answer_at(questionnaire.questions_by_id[question_id],
                                                   level)
            after = score(questionnaire, answers.model_copy(update={"answers": projected}))
        out.append(Projection(
            phase=phase.name,
            overall=after.overall.score,
            dimensions={d.id: d.score for d in after.dimensions},
            percent_to_target=percent_to_target(questionnaire, after, targets),
        ))
    return tuple(out)


def responses_of(questionnaire: Questionnaire, card: ScoreCard) -> Responses:
    """The answers a score card was computed from, rebuilt from its explanations."""
    answers: dict[str, Answer] = {}
    for contributions in card.explanations.values():
        for c in contributions:
            # model_construct: these values come from a validated score card.
            if c.na:
                answers[c.question_id] = Answer.model_construct(na=True)
            elif c.value is not None:
                answers[c.question_id] = Answer.model_construct(value=c.value)
            elif c.level is not None:
                answers[c.question_id] = Answer.model_construct(level=c.level)
    excluded = tuple(c.id for c in card.capabilities if not c.in_scope)
    return Responses(questionnaire=questionnaire.id, answers=answers,
                     scope=Scope(exclude=excluded))


def answer_at(question: Question, level: int) -> Answer:
    """An answer reaching ``level``: a metric on its threshold, else the nearest option up."""
    if isinstance(question, MetricQuestion):
        return Answer(value=question.thresholds[level - 2])
    if isinstance(question, ChoiceQuestion):
        levels = sorted(o.level for o in question.options)
        level = next((lv for lv in levels if lv >= level), levels[-1])
    return Answer(level=level)
