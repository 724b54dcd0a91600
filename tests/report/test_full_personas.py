"""Three organisations answer the full assessment; what a practitioner would check by eye.

The personas (tests/fixtures/personas/full-*.json) are whole, internally consistent answer
sets for delivery-full 2.0.0 (BRIEF decision 6):

- startup: eight engineers, no process to speak of; deploys often from laptops.
- regulated: a retail bank's payments area, overall about 2.4; a weekly CAB for every
  change, a two-week manual regression run before each monthly release, and about one
  release in four failing.
- elite: a platform team with strong practices and elite DORA figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessment_models.benchmark import benchmark
from assessment_models.loader import load_questionnaire, questionnaires_dir
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Responses, parse_responses
from assessment_models.roadmap import Roadmap, build_roadmap
from assessment_models.scoring import ScoreCard, score

PERSONAS = Path(__file__).parent.parent / "fixtures" / "personas"
NAMES = ["startup", "regulated", "elite"]


@pytest.fixture(scope="module")
def full() -> Questionnaire:
    return load_questionnaire(questionnaires_dir() / "delivery-full.yaml")


def persona(full: Questionnaire, name: str) -> tuple[Responses, ScoreCard, Roadmap]:
    data = json.loads((PERSONAS / f"full-{name}.json").read_text(encoding="utf-8"))
    responses = parse_responses(full, data)
    card = score(full, responses)
    return responses, card, build_roadmap(full, card)


def level_of(full: Questionnaire, responses: Responses, question_id: str) -> int | None:
    answer = responses.answers[question_id]
    if answer.na:
        return None
    question = full.questions_by_id[question_id]
    if answer.value is not None:
        return question.level_of(answer.value)  # type: ignore[union-attr]
    return int(answer.level)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", NAMES)
def test_every_persona_answers_every_question_of_the_second_edition(full, name):
    responses, card, _ = persona(full, name)
    assert responses.questionnaire_version == "2.0.0"
    assert set(responses.answers) == set(full.questions_by_id)
    assert card.overall.coverage == 1.0


def test_the_overall_scores_rank_the_three_organisations_as_described(full):
    startup, regulated, elite = (persona(full, n)[1].overall.score for n in NAMES)
    assert startup is not None and regulated is not None and elite is not None
    assert startup < 1.8
    assert 2.2 <= regulated <= 2.6  # "overall about 2.4"
    assert elite >= 4.0


def test_the_regulated_persona_tells_the_story_of_the_brief(full):
    responses, _, _ = persona(full, "regulated")
    assert level_of(full, responses, "chg_change_authorisation") == 2  # board for everything
    assert "weekly CAB" in responses.answers["chg_change_authorisation"].comment
    assert level_of(full, responses, "ci_test_automation") == 1
    assert "two-week manual regression" in responses.answers["ci_test_automation"].comment
    assert responses.answers["dora_change_failure_rate"].value == 25


@pytest.mark.parametrize("name", NAMES)
def test_nothing_is_recommended_that_the_answers_show_done(full, name):
    responses, _, roadmap = persona(full, name)
    for item in roadmap.items:
        if item.pulled_in_by:
            continue  # a prerequisite of something that fires
        recommendation = full.recommendations_by_id[item.id]
        assert any(a.fires_at(level_of(full, responses, a.question))
                   for a in recommendation.addresses), item.id


def test_the_regulated_roadmap_addresses_its_cab_and_its_manual_regression(full):
    _, _, roadmap = persona(full, "regulated")
    # Recommended, whether or not this plan's capacity and WIP limit leave room to schedule it.
    recommended = {item.id for item in (*roadmap.items, *roadmap.deferred)}
    assert {"chg_define_standard_changes", "ci_automate_regression"} <= recommended
    first_year = {item.id for phase in roadmap.phases[:3] for item in phase.items}
    # The seeds' first levers: make the value stream visible, limit WIP.
    assert {"vsm_map_one_stream", "dem_set_wip_limits"} <= first_year


def test_the_startup_starts_with_what_it_does_not_do_at_all(full):
    responses, _, roadmap = persona(full, "startup")
    for item in roadmap.phase("Now").items:
        recommendation = full.recommendations_by_id[item.id]
        levels = [level_of(full, responses, a.question) for a in recommendation.addresses]
        assert 1 in levels, item.id


def test_the_elite_team_is_offered_only_a_few_steps_and_none_on_a_level_5_answer(full):
    responses, _, roadmap = persona(full, "elite")
    assert 0 < len(roadmap.items) <= 5
    for item in roadmap.items:
        recommendation = full.recommendations_by_id[item.id]
        firing = [a for a in recommendation.addresses
                  if a.fires_at(level_of(full, responses, a.question))]
        assert all(level_of(full, responses, a.question) != 5 for a in firing)


def test_the_benchmark_places_the_elite_team_high_and_the_bank_lower(full):
    results = {n: benchmark(full, persona(full, n)[0]) for n in ["regulated", "elite"]}
    elite = results["elite"].performance_average.percentile
    regulated = results["regulated"].performance_average.percentile
    assert elite is not None and regulated is not None
    assert elite >= 80
    assert regulated < elite
