"""The scoring engine on cases computed by hand."""

from __future__ import annotations

import math

import pytest

from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Responses, parse_responses
from assessment_models.scoring import level_of_score, score, weighted_mean


def responses(mini: Questionnaire, answers: dict, exclude: tuple[str, ...] = ()) -> Responses:
    return parse_responses(
        mini, {"questionnaire": "mini", "answers": answers, "scope": {"exclude": list(exclude)}}
    )


HAND_COMPUTED = {
    "chg_approval": {"level": 4},  # weight 2
    "chg_rollback": {"level": "rb_partly"},  # option id → level 3, weight 1
    "dora_deploys": {"value": 5},  # reaches 0.25, 1 and 5 → level 4
    "dora_lead_time": {"value": 200},  # ≤ 720 only → level 2
    "test_auto": {"na": True},
}


def test_capability_score_is_the_weighted_mean_of_its_question_levels(mini):
    card = score(mini, responses(mini, HAND_COMPUTED))
    # (2·4 + 1·3) / (2 + 1) = 11/3
    assert card.capability("change").score == pytest.approx(11 / 3)
    assert card.capability("change").level == 3
    assert card.capability("change").level_name == "Defined"
    # (4 + 2) / 2
    assert card.capability("delivery").score == pytest.approx(3.0)


def test_dimension_score_weights_its_capabilities(mini):
    card = score(mini, responses(mini, HAND_COMPUTED))
    # change weight 1, delivery weight 3: (11/3 · 1 + 3 · 3) / 4
    assert card.dimension("processes").score == pytest.approx((11 / 3 + 9) / 4)


def test_na_answers_count_in_no_average_but_in_coverage(mini):
    card = score(mini, responses(mini, HAND_COMPUTED))
    technology = card.dimension("technology")
    assert technology.score is None
    assert technology.level is None
    assert technology.coverage == 1.0
    assert technology.na == 1


def test_overall_score_weights_the_scored_dimensions_only(mini):
    card = score(mini, responses(mini, HAND_COMPUTED))
    assert card.overall.score == pytest.approx((11 / 3 + 9) / 4)
    both = score(mini, responses(mini, {**HAND_COMPUTED, "test_auto": {"level": 2}}))
    # processes weight 2, technology weight 1
    assert both.overall.score == pytest.approx((2 * (11 / 3 + 9) / 4 + 1 * 2) / 3)


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
    assert card.overall.score == pytest.approx((11 / 3 + 9) / 4)
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
