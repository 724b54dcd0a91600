"""The scoring engine on cases computed by hand."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from assessment_models.loader import load_questionnaire
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Responses, parse_responses
from assessment_models.scoring import level_of_score, score, weighted_mean

FIXTURES = Path(__file__).parent.parent / "fixtures"


def responses(mini: Questionnaire, answers: dict, exclude: tuple[str, ...] = ()) -> Responses:
    return parse_responses(
        mini, {"questionnaire": "mini", "answers": answers, "scope": {"exclude": list(exclude)}}
    )


HAND_COMPUTED = {
    "chg_approval": {"level": 4},  # weight 2
    "chg_rollback": {"level": "rb_partly"},  # option id → level 3, weight 1
    "dora_deploys": {"value": 5},  # reaches 0.25, 1 and 5 → level 4; an outcome
    "dora_lead_time": {"value": 200},  # ≤ 720 only → level 2; an outcome
    "test_auto": {"na": True},
}

# A practice question in the delivery capability, so that it has a score beside its
# two DORA outcomes (mini's own delivery capability holds outcomes only).
DELIVERY_PRACTICE = """
          - id: del_pipeline
            kind: scale
            text: How does a change reach production?
            options:
              - {id: p1, level: 1, label: By hand, descriptor: "Someone copies files."}
              - {id: p2, level: 2, label: Scripted, descriptor: "A script run by hand."}
              - {id: p3, level: 3, label: Pipeline, descriptor: "A pipeline with a manual gate."}
              - {id: p4, level: 4, label: Automated, descriptor: "A pipeline, gated by tests."}
              - {id: p5, level: 5, label: Continuous, descriptor: "Every merge deploys."}
        recommendations:
          - id: del_measure"""


@pytest.fixture
def mini_with_practice(tmp_path) -> Questionnaire:
    text = (FIXTURES / "mini.yaml").read_text()
    marker = "        recommendations:\n          - id: del_measure"
    assert marker in text
    path = tmp_path / "mini.yaml"
    path.write_text(text.replace(marker, DELIVERY_PRACTICE.lstrip("\n"), 1))
    return load_questionnaire(path)


def test_capability_score_is_the_weighted_mean_of_its_question_levels(mini):
    card = score(mini, responses(mini, HAND_COMPUTED))
    # (2·4 + 1·3) / (2 + 1) = 11/3
    assert card.capability("change").score == pytest.approx(11 / 3)
    assert card.capability("change").level == 3
    assert card.capability("change").level_name == "Defined"


def test_dora_outcomes_keep_their_level_but_count_in_no_score(mini):
    card = score(mini, responses(mini, HAND_COMPUTED))
    delivery = card.capability("delivery")  # two DORA metrics and nothing else
    assert delivery.score is None
    assert delivery.coverage == 1.0
    levels = {c.question_id: (c.level, c.outcome, c.counted) for c in card.explanations["delivery"]}
    assert levels == {"dora_deploys": (4, True, False), "dora_lead_time": (2, True, False)}
    assert card.dimension("processes").score == pytest.approx(11 / 3)


def test_not_applicable_on_a_dora_metric_no_longer_moves_the_score(mini_with_practice):
    q = mini_with_practice
    answered = score(q, responses(q, {**HAND_COMPUTED, "del_pipeline": {"level": 3}}))
    na = score(q, responses(q, {**HAND_COMPUTED, "del_pipeline": {"level": 3},
                                "dora_deploys": {"na": True}}))
    assert answered.overall.score == pytest.approx(na.overall.score)
    assert answered.capability("delivery").score == pytest.approx(3.0)
    assert na.overall.na == answered.overall.na + 1


def test_dimension_score_weights_its_capabilities(mini_with_practice):
    q = mini_with_practice
    card = score(q, responses(q, {**HAND_COMPUTED, "del_pipeline": {"level": 2}}))
    # change 11/3 with weight 1, delivery 2 (its practice alone) with weight 3
    assert card.dimension("processes").score == pytest.approx((11 / 3 + 3 * 2) / 4)
    assert card.capability("delivery").coverage == 1.0


def test_na_answers_count_in_no_average_but_in_coverage(mini):
    card = score(mini, responses(mini, HAND_COMPUTED))
    technology = card.dimension("technology")
    assert technology.score is None
    assert technology.level is None
    assert technology.coverage == 1.0
    assert technology.na == 1


def test_overall_score_weights_the_scored_dimensions_only(mini):
    card = score(mini, responses(mini, HAND_COMPUTED))
    assert card.overall.score == pytest.approx(11 / 3)  # technology: N/A only
    both = score(mini, responses(mini, {**HAND_COMPUTED, "test_auto": {"level": 2}}))
    # processes weight 2, technology weight 1
    assert both.overall.score == pytest.approx((2 * 11 / 3 + 1 * 2) / 3)


def test_a_unit_with_nothing_answered_has_no_score_not_zero(mini):
    card = score(mini, responses(mini, {}))
    assert card.overall.score is None
    assert all(c.score is None for c in card.capabilities)
    assert card.overall.coverage == 0.0


def test_coverage_counts_answered_questions_over_all_questions(mini):
    card = score(mini, responses(mini, {"chg_approval": {"level": 2}, "test_auto": {"na": True}}))
    assert card.capability("change").coverage == 0.5
    assert card.capability("delivery").coverage == 0.0
    assert card.overall.coverage == pytest.approx(2 / 5)
    assert card.overall.na == 1


def test_excluded_capability_counts_nowhere_and_is_reported_out_of_scope(mini):
    card = score(mini, responses(mini, HAND_COMPUTED, exclude=("delivery",)))
    delivery = card.capability("delivery")
    assert not delivery.in_scope
    assert delivery.score is None
    assert delivery.coverage is None
    assert card.dimension("processes").score == pytest.approx(11 / 3)
    assert card.dimension("processes").questions == 2


def test_excluded_dimension_counts_in_no_average_and_no_coverage(mini):
    card = score(
        mini,
        responses(mini, {**HAND_COMPUTED, "test_auto": {"level": 1}}, exclude=("technology",)),
    )
    assert not card.dimension("technology").in_scope
    assert card.dimension("technology").coverage is None
    assert card.overall.score == pytest.approx(11 / 3)
    assert card.overall.questions == 4


def test_a_comment_alone_is_not_an_answer(mini):
    card = score(mini, responses(mini, {"chg_approval": {"comment": "not sure yet"}}))
    assert card.capability("change").answered == 0
    assert card.capability("change").score is None


@pytest.mark.parametrize(
    ("value", "level"),
    [
        (0, 1), (0.24, 1), (0.25, 2), (0.99, 2), (1, 3),
        (4.9, 3), (5, 4), (19.99, 4), (20, 5), (400, 5),
    ],
)
def test_higher_is_better_metric_reaches_a_threshold_at_equality(mini, value, level):
    question = mini.questions_by_id["dora_deploys"]
    assert question.level_of(value) == level


@pytest.mark.parametrize(
    ("value", "level"),
    [(9000, 1), (720.01, 1), (720, 2), (168.5, 2), (168, 3), (24, 4), (1.5, 4), (1, 5), (0, 5)],
)
def test_lower_is_better_metric_reaches_a_threshold_at_equality(mini, value, level):
    question = mini.questions_by_id["dora_lead_time"]
    assert question.level_of(value) == level


def test_level_of_a_score_is_its_floor_even_for_binary_fractions():
    assert level_of_score(2.9999999999999996) == 3
    assert level_of_score(3.99) == 3
    assert level_of_score(5.0) == 5
    assert level_of_score(1.0) == 1
    assert level_of_score(None) is None


def test_weighted_mean_of_nothing_is_none():
    assert weighted_mean([]) is None
    assert math.isclose(weighted_mean([(1, 1), (4, 2)]), 3.0)


def test_explanations_name_each_question_with_its_level_and_weight(mini):
    card = score(mini, responses(mini, HAND_COMPUTED))
    rows = {c.question_id: (c.level, c.weight, c.na) for c in card.explanations["change"]}
    assert rows == {"chg_approval": (4, 2.0, False), "chg_rollback": (3, 1.0, False)}
    test_rows = card.explanations["testing"]
    assert [(c.level, c.na) for c in test_rows] == [(None, True)]


def test_output_rounds_to_two_decimals_but_keeps_precision_inside(mini):
    card = score(mini, responses(mini, HAND_COMPUTED))
    out = card.as_output()
    change = next(c for c in out["capabilities"] if c["id"] == "change")
    assert change["score"] == 3.67
    assert card.capability("change").score != 3.67
