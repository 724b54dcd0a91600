"""The DORA industry and edition stored with an assessment."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Answer, BenchmarkChoice, Respondent, Responses, Scope
from assessment_models.storage import (
    create_assessment,
    finish_assessment,
    get_assessment,
    import_responses,
    load_responses,
    set_benchmark,
)

INSURANCE_2024 = BenchmarkChoice(industry="insurance", edition="2024")


def test_an_assessment_without_a_choice_compares_with_all_industries_newest(db, mini):
    with db.session() as session:
        code = create_assessment(session, mini, Respondent(), Scope())
    with db.session() as session:
        assert get_assessment(session, code).benchmark == BenchmarkChoice(
            industry="all", edition="2025"
        )


def test_the_choice_made_at_the_start_is_stored(db, mini: Questionnaire):
    with db.session() as session:
        code = create_assessment(session, mini, Respondent(), Scope(), INSURANCE_2024)
    with db.session() as session:
        assert get_assessment(session, code).benchmark == INSURANCE_2024
        assert load_responses(session, code).benchmark == INSURANCE_2024


def test_the_choice_can_change_even_once_finished(db, mini: Questionnaire):
    with db.session() as session:
        code = create_assessment(session, mini, Respondent(), Scope())
        save = BenchmarkChoice(industry="government", edition="2023")
        finish_assessment(session, code)
        set_benchmark(session, code, save)
    with db.session() as session:
        assert get_assessment(session, code).benchmark == save


def test_import_stores_the_choice_and_export_carries_both_fields(db, mini: Questionnaire):
    imported = Responses(
        questionnaire="mini", answers={"dora_deploys": Answer(value=3)},
        benchmark=BenchmarkChoice(industry="technology"),
    )
    with db.session() as session:
        code = import_responses(session, mini, imported)
    with db.session() as session:
        stored = load_responses(session, code)
    assert stored.benchmark == BenchmarkChoice(industry="technology", edition="2025")
    assert '"benchmark": {\n    "industry": "technology",\n    "edition": "2025"\n  }' in (
        stored.to_json()
    )


def test_an_unknown_industry_or_edition_is_refused_before_it_reaches_storage():
    with pytest.raises(ValidationError, match="no industry 'banking'"):
        BenchmarkChoice(industry="banking")
    with pytest.raises(ValidationError, match="must be one of 2023, 2024, 2025"):
        BenchmarkChoice(edition="1999")
