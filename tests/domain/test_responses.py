"""The responses exchange format, checked against its questionnaire."""

from __future__ import annotations

import pytest

from assessment_models.errors import ResponsesError
from assessment_models.responses import Responses, parse_responses, parse_responses_json


def doc(answers: dict, **extra) -> dict:
    return {"questionnaire": "mini", "answers": answers, **extra}


def test_a_choice_given_by_option_id_is_stored_as_its_level(mini):
    responses = parse_responses(mini, doc({"chg_rollback": {"level": "rb_yes"}}))
    assert responses.answers["chg_rollback"].level == 5


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            doc({"nope": {"level": 1}}),
            "r.json: answers.nope: no question with this id in 'mini'",
        ),
        (
            doc({"chg_rollback": {"level": 2}}),
            "r.json: answers.chg_rollback: no option has level 2 (levels: 1, 3, 5)",
        ),
        (
            doc({"chg_rollback": {"level": "maybe"}}),
            "r.json: answers.chg_rollback: no option 'maybe' (options: rb_no, rb_partly, rb_yes)",
        ),
        (
            doc({"dora_deploys": {"value": "lots"}}),
            "r.json: answers.dora_deploys.value: Input should be a valid number, "
            "unable to parse string as a number",
        ),
        (
            doc({"dora_deploys": {"level": 3}}),
            "r.json: answers.dora_deploys: a metric question takes a 'value' in "
            "deployments per week",
        ),
        (
            doc({"dora_deploys": {"value": -1}}),
            "r.json: answers.dora_deploys: value -1 is below the minimum 0",
        ),
        (
            doc({"chg_approval": {"value": 3}}),
            "r.json: answers.chg_approval: a scale question takes a level, not a value",
        ),
        (
            doc({"dora_lead_time": {"na": True}}),
            "r.json: answers.dora_lead_time: this question cannot be answered 'not applicable'",
        ),
        (
            doc({"chg_approval": {"na": True, "level": 2}}),
            "r.json: answers.chg_approval: 'na' cannot be combined with a level or value",
        ),
        (
            doc({"chg_approval": {"level": 2, "confidence": "certain"}}),
            "r.json: answers.chg_approval.confidence: Input should be 'low', 'medium' or 'high'",
        ),
        (
            {"questionnaire": "other", "answers": {}},
            "r.json: answers questionnaire 'other', not 'mini'",
        ),
        (
            doc({}, scope={"exclude": ["finance"]}),
            "r.json: scope.exclude: 'finance' is not a dimension or capability of 'mini'",
        ),
        (
            doc({}, colour="blue"),
            "r.json: colour: unknown key",
        ),
    ],
    ids=[
        "unknown-question", "level-no-option-has", "unknown-option", "value-not-numeric",
        "metric-given-level", "metric-below-min", "scale-given-value", "na-not-allowed",
        "na-with-level", "bad-confidence", "wrong-questionnaire", "unknown-scope", "unknown-key",
    ],
)
def test_bad_responses_give_one_clear_line_naming_the_question(mini, data, message):
    with pytest.raises(ResponsesError) as caught:
        parse_responses(mini, data, source="r.json")
    assert str(caught.value) == message


def test_invalid_json_names_the_line():
    with pytest.raises(ResponsesError, match=r"r.json: not valid JSON \(line 2: "):
        parse_responses_json('{"questionnaire": "mini",\n oops}', source="r.json")


def test_a_json_array_is_refused():
    with pytest.raises(ResponsesError, match="expected a JSON object"):
        parse_responses_json("[]", source="r.json")


def test_export_round_trips_through_the_exchange_format(mini):
    original = parse_responses(
        mini,
        doc(
            {"chg_approval": {"level": 3, "comment": "R&D <b>", "confidence": "high"},
             "dora_deploys": {"value": 2.5}, "test_auto": {"na": True}},
            respondent={"organisation": "Zürich Łódź", "team": "Paiements"},
            scope={"exclude": ["delivery"]},
        ),
    )
    again = parse_responses(mini, parse_responses_json(original.to_json()))
    assert again == original
    assert isinstance(Responses.model_validate_json(original.to_json()), Responses)
