"""Properties of the scoring engine over random answers (hypothesis)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from assessment_models.loader import load_questionnaire
from assessment_models.questionnaire import Direction, MetricQuestion, Questionnaire
from assessment_models.responses import Responses, parse_responses
from assessment_models.scoring import ScoreCard, score

MINI = load_questionnaire(Path(__file__).parent.parent / "fixtures" / "mini.yaml")
METRIC_VALUES = st.floats(min_value=0, max_value=10_000, allow_nan=False)


@st.composite
def answers(draw: st.DrawFn, questionnaire: Questionnaire = MINI) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for question_id, question in questionnaire.questions_by_id.items():
        choice = draw(st.sampled_from(["skip", "na", "answer", "answer"]))
        if choice == "na" and question.allow_na:
            out[question_id] = {"na": True}
        elif choice == "answer" and isinstance(question, MetricQuestion):
            out[question_id] = {"value": draw(METRIC_VALUES)}
        elif choice == "answer":
            out[question_id] = {"level": draw(st.sampled_from([o.level for o in question.options]))}
    return out


def card_for(answer_map: dict[str, dict]) -> ScoreCard:
    return score(MINI, parse_responses(MINI, Responses(questionnaire="mini", answers=answer_map)))


def all_scores(card: ScoreCard) -> dict[str, float | None]:
    units = [card.overall, *card.dimensions, *card.capabilities]
    return {f"{u.unit}:{u.id}": u.score for u in units}


@given(answers())
def test_every_score_lies_between_one_and_five(answer_map):
    for value in all_scores(card_for(answer_map)).values():
        assert value is None or 1 <= value <= 5


@settings(max_examples=200)
@given(answers(), st.data())
def test_raising_one_answer_never_lowers_any_score(answer_map, data):
    raisable = [
        qid for qid, a in answer_map.items() if "level" in a or "value" in a
    ]
    if not raisable:
        return
    qid = data.draw(st.sampled_from(raisable))
    question = MINI.questions_by_id[qid]
    raised = dict(answer_map)
    if isinstance(question, MetricQuestion):
        step = data.draw(st.floats(min_value=0, max_value=5000, allow_nan=False))
        value = answer_map[qid]["value"]
        better = value + step if question.direction == Direction.HIGHER_IS_BETTER else value - step
        raised[qid] = {"value": max(0.0, better)}
    else:
        higher = [o.level for o in question.options if o.level >= answer_map[qid]["level"]]
        raised[qid] = {"level": data.draw(st.sampled_from(higher))}

    before, after = all_scores(card_for(answer_map)), all_scores(card_for(raised))
    for unit, old in before.items():
        if old is not None:
            assert after[unit] is not None
            assert after[unit] >= old - 1e-12, unit


@given(answers())
def test_scoring_is_deterministic(answer_map):
    assert card_for(answer_map) == card_for(answer_map)
