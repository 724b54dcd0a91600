"""The quick-check personas, checked the way a delivery consultant would read their plans.

tests/fixtures/personas/quick-*.json (BRIEF decision 6):
- regulated: a mid-maturity insurer (overall about 2.4): a two-week manual regression run,
  a weekly CAB, a change failure rate of 25 %;
- startup: almost no process, deploys often and breaks things, no change approval at all;
- elite: a platform team with strong practices and elite DORA figures.
Their JSON roadmaps are snapshotted (syrupy), so every change users would see is a diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import parse_responses
from assessment_models.roadmap import Answers, Roadmap, build_roadmap
from assessment_models.scoring import ScoreCard, score

PERSONAS = Path(__file__).parent.parent / "fixtures" / "personas"


def load(quick: Questionnaire, name: str) -> tuple[ScoreCard, Roadmap]:
    data = json.loads((PERSONAS / f"quick-{name}.json").read_text(encoding="utf-8"))
    card = score(quick, parse_responses(quick, data))
    return card, build_roadmap(quick, card)


def phase_of(roadmap: Roadmap) -> dict[str, str]:
    return {item.id: item.phase for item in (*roadmap.items, *roadmap.deferred)}


@pytest.mark.parametrize("name", ["regulated", "startup", "elite"])
def test_nothing_is_recommended_that_the_answers_show_done(quick: Questionnaire, name: str):
    card, roadmap = load(quick, name)
    answers = Answers.of(card)
    for item in (*roadmap.items, *roadmap.deferred):
        assert item.addresses, item.id
        for address in item.addresses:
            level = answers.level(address.question)
            assert level is not None and level < address.to_level, (item.id, address)


def test_the_regulated_persona_scores_mid_maturity(quick: Questionnaire):
    card, _ = load(quick, "regulated")
    assert card.overall.score is not None and 2.3 <= card.overall.score <= 2.6


def test_the_regulated_manual_regression_run_and_failure_rate_are_addressed_now(
    quick: Questionnaire,
):
    _, roadmap = load(quick, "regulated")
    now = {item.id: item for item in roadmap.phase("Now").items}
    regression = now["auto_top_regression_cases"]
    assert {a.question for a in regression.addresses} >= {"auto_testing",
                                                           "dp_change_failure_rate"}
    assert "manual regression tests for one or more weeks" in regression.rationale
    # It is the single most urgent item of the plan.
    assert max(roadmap.items, key=lambda i: i.priority).id == "auto_top_regression_cases"


def test_the_regulated_weekly_cab_gets_standard_changes_before_halving_the_interval(
    quick: Questionnaire,
):
    _, roadmap = load(quick, "regulated")
    phases = phase_of(roadmap)
    order = [p.name for p in roadmap.phases]
    assert phases["chg_standard_changes"] in ("Now", "Next")
    # Halving the release interval waits for the automated regression cases.
    assert order.index(phases["dp_smaller_batches"]) > order.index(
        phases["auto_top_regression_cases"])


def test_the_regulated_plan_leaves_its_measured_sla_alone(quick: Questionnaire):
    # Service levels are measured and reported monthly (level 3): writing targets or
    # starting monthly reports would tell them to do what they do.
    _, roadmap = load(quick, "regulated")
    assert not {"sl_write_targets", "sl_monthly_report", "inc_severity_rota",
                "dp_baseline_by_hand"} & set(phase_of(roadmap))


def test_quick_wins_are_a_minority_and_open_the_plan(quick: Questionnaire):
    _, roadmap = load(quick, "regulated")
    items = roadmap.items
    quick_wins = [i for i in items if i.quick_win]
    assert 1 <= len(quick_wins) <= len(items) // 4
    now = roadmap.phase("Now").items
    assert [i.quick_win for i in now] == sorted((i.quick_win for i in now), reverse=True)


def test_the_startup_gets_no_change_approval_advice_for_a_process_it_does_not_have(
    quick: Questionnaire,
):
    # chg_routine_approval is N/A: no CAB to streamline.
    _, roadmap = load(quick, "startup")
    assert not [i.id for i in (*roadmap.items, *roadmap.deferred) if i.id.startswith("chg_")]


def test_the_startup_starts_by_noticing_failures_and_measuring(quick: Questionnaire):
    _, roadmap = load(quick, "startup")
    now = {i.id for i in roadmap.phase("Now").items}
    assert {"inc_severity_rota", "obs_synthetic_checks", "dp_baseline_by_hand"} <= now


def test_the_elite_team_gets_nothing_at_the_default_target(quick: Questionnaire):
    card, roadmap = load(quick, "elite")
    assert card.overall.score is not None and card.overall.score > 4
    assert roadmap.items == () and roadmap.deferred == ()


def test_the_elite_team_aiming_for_five_gets_only_level_four_to_five_steps(
    quick: Questionnaire,
):
    card, _ = load(quick, "elite")
    roadmap = build_roadmap(quick, card, {d.id: 5 for d in quick.dimensions})
    items = (*roadmap.items, *roadmap.deferred)
    assert items
    assert all(a.answered_level == 4 and a.to_level == 5 for i in items
               for a in i.addresses if not i.pulled_in_by)
    assert "dp_baseline_by_hand" not in {i.id for i in items}


@pytest.mark.parametrize("name", ["regulated", "startup", "elite"])
def test_the_persona_roadmaps_match_their_snapshots(quick: Questionnaire, name: str, snapshot):
    _, roadmap = load(quick, name)
    assert roadmap.as_output() == snapshot
