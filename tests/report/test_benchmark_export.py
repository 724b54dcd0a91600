"""The benchmark choice travels in the JSON export and comes back on import."""

from __future__ import annotations

import json

from assessment_models.report.json_export import export_json
from assessment_models.responses import (
    BenchmarkChoice,
    Responses,
    parse_responses,
    parse_responses_json,
)


def test_the_export_carries_industry_and_edition_and_imports_back(mini):
    responses = Responses(
        questionnaire="mini", benchmark=BenchmarkChoice(industry="insurance", edition="2023")
    )
    text = export_json(responses, targets={"processes": 3.5}, wip_limit=2)
    assert json.loads(text)["benchmark"] == {"industry": "insurance", "edition": "2023"}
    back = parse_responses(mini, parse_responses_json(text))
    assert back.benchmark == BenchmarkChoice(industry="insurance", edition="2023")


def test_a_file_without_a_choice_stays_without_one(mini):
    text = export_json(Responses(questionnaire="mini"))
    assert "benchmark" not in json.loads(text)
