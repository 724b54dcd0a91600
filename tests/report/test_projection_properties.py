"""The projection re-scores only the capabilities a phase raises; it must give exactly what
scoring the whole assessment again gives, whatever the answers, scope, targets and limits."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment_models.loader import load_questionnaire
from assessment_models.questionnaire import (
    ChoiceQuestion,
    MetricQuestion,
    Question,
    Questionnaire,
)
from assessment_models.responses import Answer, Responses, Scope, parse_responses
from assessment_models.roadmap import Phase, Projection, Targets, build_roadmap
from assessment_models.roadmap.projection import percent_to_target
from assessment_models.roadmap.targets import resolve_targets
from assessment_models.scoring import ScoreCard, score
from tests.report.test_roadmap_properties import scenario

FULL = Path(__file__).parent.parent.parent / "questionnaires" / "delivery-full.yaml"


@pytest.fixture(scope="module")
def full() -> Questionnaire:
    return load_questionnaire(FULL)


def full_rescore(
    questionnaire: Questionnaire, card: ScoreCard, phases: Iterable[Phase], targets: Targets
) -> tuple[Projection, ...]:
    """The projection as it was first written: every phase scores the whole assessment
    again, with each raised answer replaced by one at its item's to_level."""
    answers: dict[str, Answer] = {}
    for contributions in card.explanations.values():
        for c in contributions:
            if c.na:
                answers[c.question_id] = Answer(na=True)
            elif c.value is not None:
                answers[c.question_id] = Answer(value=c.value)
            elif c.level is not None:
                answers[c.question_id] = Answer(level=c.level)
    excluded = tuple(c.id for c in card.capabilities if not c.in_scope)
    responses = Responses(questionnaire=questionnaire.id, answers=answers,
                          scope=Scope(exclude=excluded))
    raised: dict[str, int] = {}
    out = []
    for phase in phases:
        for item in phase.items:
            for a in item.addresses:
                if a.answered_level is not None and a.answered_level < a.to_level:
                    raised[a.question] = max(raised.get(a.question, 0), a.to_level)
        projected = dict(answers)
        for question_id, level in raised.items():
            projected[question_id] = _answer_at(questionnaire.questions_by_id[question_id],
                                                level)
        after = score(questionnaire, responses.model_copy(update={"answers": projected}))
        out.append(Projection(
            phase=phase.name,
            overall=after.overall.score,
            dimensions={d.id: d.score for d in after.dimensions},
            percent_to_target=percent_to_target(questionnaire, after, targets),
        ))
    return tuple(out)


def _answer_at(question: Question, level: int) -> Answer:
    if isinstance(question, MetricQuestion):
        return Answer(value=question.thresholds[level - 2])
    if isinstance(question, ChoiceQuestion):
        levels = sorted(o.level for o in question.options)
        level = next((lv for lv in levels if lv >= level), levels[-1])
    return Answer(level=level)


def check_projection(questionnaire: Questionnaire, case: dict) -> None:
    card = score(questionnaire, parse_responses(questionnaire, case["data"]))
    roadmap = build_roadmap(questionnaire, card, case["targets"], case["wip"], case["capacity"])
    expected = full_rescore(questionnaire, card, roadmap.phases,
                            resolve_targets(questionnaire, case["targets"]))
    # Equal floats, not close ones: the same terms are summed in the same order.
    assert roadmap.projected == expected


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_projection_equals_a_full_rescore_for_the_mini_questionnaire(
    mini: Questionnaire, data: st.DataObject
) -> None:
    check_projection(mini, data.draw(scenario(mini)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_projection_equals_a_full_rescore_for_the_full_questionnaire(
    full: Questionnaire, data: st.DataObject
) -> None:
    check_projection(full, data.draw(scenario(full)))
