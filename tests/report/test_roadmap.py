"""Hand-computed roadmaps for the mini questionnaire, and the targets parser.

tests/fixtures/mini-responses.json, scored by hand (targets default to 4):

- change: chg_approval level 4 (weight 2), chg_rollback "Partly" = level 3 (weight 1)
  → (2·4 + 1·3) / 3 = 11/3 ≈ 3.667, level 3, gap 4 − 11/3 = 1/3.
- delivery: 5 deployments per week ≥ 5 → level 4; 200 hours ≤ 720 → level 2
  → (4 + 2) / 2 = 3.0, level 3, gap 1.
- testing: N/A only → no answer → test_ci never fires.

A recommendation fires on an answer in [from_level, to_level − 1] below its target:

- del_measure: dora_deploys 4 < 5 and dora_lead_time 2 < 4 → fires.
- chg_auto: chg_rollback 3 in [3, 4] and 3 < 4 → fires (chg_approval 4 is at target).
- chg_standard (chg_approval to 3) and chg_risk (to 4) are already done at level 4, so
  chg_auto's prerequisites are met and nothing is pulled in.

Priority = gap × dimension weight (processes 2) × capability weight × impact ÷ effort cost:

- del_measure (delivery, weight 3, impact 2, S=1): 1 × 2 × 3 × 2 / 1 = 12
- chg_auto    (change, weight 1, impact 3, L=3): 1/3 × 2 × 1 × 3 / 3 = 2/3
"""

from __future__ import annotations

import pytest

from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Responses, parse_responses
from assessment_models.roadmap import (
    RoadmapError,
    build_roadmap,
    parse_target_value,
    parse_targets,
    parse_wip_limit,
)
from assessment_models.scoring import score


def ids(roadmap, phase: str) -> list[str]:
    return [item.id for item in roadmap.phase(phase).items]


def test_the_hand_computed_roadmap_with_the_default_wip_limit(
    mini: Questionnaire, mini_responses: Responses
) -> None:
    roadmap = build_roadmap(mini, score(mini, mini_responses))
    assert ids(roadmap, "Now") == ["del_measure", "chg_auto"]
    assert ids(roadmap, "Next") == [] and ids(roadmap, "Later") == []
    assert ids(roadmap, "Beyond") == []


def test_a_wip_limit_of_one_spreads_the_chain_over_every_phase(mini: Questionnaire) -> None:
    # chg_approval 1, rollback "Partly": chg_standard fires on the approval, chg_auto on the
    # rollback; chg_risk does not fire (from level 2) but chg_auto needs it.
    responses = parse_responses(mini, {"questionnaire": "mini", "answers": {
        "chg_approval": {"level": 1}, "chg_rollback": {"level": "rb_partly"},
        "dora_deploys": {"value": 1}}})
    roadmap = build_roadmap(mini, score(mini, responses), wip_limit=1)
    assert [ids(roadmap, p) for p in ("Now", "Next", "Later", "Beyond")] == [
        ["del_measure"], ["chg_standard"], ["chg_risk"], ["chg_auto"]
    ]


def test_priorities_and_gaps_match_the_arithmetic(
    mini: Questionnaire, mini_responses: Responses
) -> None:
    items = {i.id: i for i in build_roadmap(mini, score(mini, mini_responses)).items}
    assert set(items) == {"del_measure", "chg_auto"}
    assert items["del_measure"].priority == pytest.approx(12)
    assert items["chg_auto"].priority == pytest.approx(2 / 3)
    assert items["chg_auto"].gap == pytest.approx(1 / 3)
    assert items["chg_auto"].current_score == pytest.approx(11 / 3)
    assert items["chg_auto"].current_level == 3
    assert items["del_measure"].target == 4


def test_a_prerequisite_that_is_no_candidate_is_pulled_in_and_says_by_what(
    mini: Questionnaire,
) -> None:
    responses = parse_responses(mini, {"questionnaire": "mini", "answers": {
        "chg_approval": {"level": 1}, "chg_rollback": {"level": "rb_partly"}}})
    items = {i.id: i for i in build_roadmap(mini, score(mini, responses)).items}
    assert items["chg_risk"].pulled_in_by == ("chg_auto",)
    assert items["chg_risk"].rationale.startswith(
        "Needed first for: 'Let the pipeline approve low-risk changes'.")
    assert items["chg_standard"].pulled_in_by == ()


def test_unscored_capabilities_get_no_items(
    mini: Questionnaire, mini_responses: Responses
) -> None:
    roadmap = build_roadmap(mini, score(mini, mini_responses))
    assert "test_ci" not in {i.id for i in roadmap.items}


def test_out_of_scope_capabilities_get_no_items(mini: Questionnaire) -> None:
    responses = parse_responses(mini, {
        "questionnaire": "mini", "scope": {"exclude": ["technology"]},
        "answers": {"test_auto": {"level": 1}},
    })
    roadmap = build_roadmap(mini, score(mini, responses))
    assert roadmap.items == ()
    assert roadmap.percent_to_target == {"overall": None, "processes": None, "technology": None}


def test_quick_wins_need_impact_two_and_effort_s(
    mini: Questionnaire, mini_responses: Responses
) -> None:
    items = {i.id: i for i in build_roadmap(mini, score(mini, mini_responses)).items}
    assert items["del_measure"].quick_win  # impact 2, effort S
    assert not items["chg_auto"].quick_win  # impact 3, effort L


def test_the_rationale_names_the_gap_and_the_two_lowest_answers(
    mini: Questionnaire, mini_responses: Responses
) -> None:
    items = {i.id: i for i in build_roadmap(mini, score(mini, mini_responses)).items}
    assert items["del_measure"].rationale == (
        "Delivery performance scores 3.00 (level 3, Defined) against a target of 4: a gap of "
        "1.00. Lowest answers: 'How long from commit to production?' (level 2) and "
        "'How often do you deploy to production?' (level 4)."
    )


def test_percent_to_target_sums_gaps_over_the_span_to_target(
    mini: Questionnaire, mini_responses: Responses
) -> None:
    # processes: Σgap = 1/3 + 1 = 4/3; Σ(target − 1) = 3 + 3 = 6 → 1 − (4/3)/6 = 7/9.
    roadmap = build_roadmap(mini, score(mini, mini_responses))
    assert roadmap.percent_to_target["processes"] == pytest.approx(700 / 9)
    assert roadmap.percent_to_target["overall"] == pytest.approx(700 / 9)
    assert roadmap.percent_to_target["technology"] is None  # nothing scored


def test_targets_at_or_below_the_scores_leave_nothing_to_do(
    mini: Questionnaire, mini_responses: Responses
) -> None:
    # Target 2: the lowest answer (dora_lead_time, level 2) is not below it.
    roadmap = build_roadmap(mini, score(mini, mini_responses), {"processes": 2})
    assert roadmap.items == ()
    assert roadmap.percent_to_target["processes"] == 100


def test_every_target_at_one_means_one_hundred_percent(
    mini: Questionnaire, mini_responses: Responses
) -> None:
    roadmap = build_roadmap(mini, score(mini, mini_responses), {"processes": 1, "technology": 1})
    assert roadmap.percent_to_target["overall"] == 100


def test_a_higher_target_reaches_lower_levels_recommendations_too(mini: Questionnaire) -> None:
    # change at level 1: chg_approval 1, chg_rollback "No" 1 → score 1, gap 4.5 − 1 = 3.5.
    # chg_standard: 3.5 × 2 × 1 × 3 / 2 = 10.5; chg_risk/chg_auto are not for level 1.
    responses = parse_responses(mini, {"questionnaire": "mini", "answers": {
        "chg_approval": {"level": 1}, "chg_rollback": {"level": "rb_no"}}})
    roadmap = build_roadmap(mini, score(mini, responses), {"processes": 4.5})
    assert [(i.id, i.priority, i.gap) for i in roadmap.items] == [("chg_standard", 10.5, 3.5)]


def test_as_output_is_the_cli_json_rounded_to_two_decimals(
    mini: Questionnaire, mini_responses: Responses
) -> None:
    out = build_roadmap(mini, score(mini, mini_responses)).as_output()
    assert out["targets"] == {"processes": 4.0, "technology": 4.0}
    assert out["wip_limit"] == 3
    assert out["percent_to_target"] == {"overall": 77.78, "processes": 77.78, "technology": None}
    assert [p["name"] for p in out["phases"]] == ["Now", "Next", "Later", "Beyond"]
    first = out["phases"][0]["items"][0]
    assert set(first) >= {"id", "title", "capability", "dimension", "current_score",
                          "current_level", "target", "gap", "impact", "effort", "priority",
                          "quick_win", "requires", "rationale"}
    chg_auto = out["phases"][0]["items"][1]
    assert (chg_auto["gap"], chg_auto["priority"], chg_auto["current_score"]) == (0.33, 0.67, 3.67)
    assert chg_auto["requires"] == ["chg_risk"] and chg_auto["effort"] == "L"


def test_parse_targets_reads_dimension_equals_value_pairs(mini: Questionnaire) -> None:
    assert parse_targets("processes=4, technology=3.5", mini) == {
        "processes": 4.0, "technology": 3.5
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("processes=4.2",
         "target for 'processes' must be 1 to 5 in steps of 0.5 (e.g. 3.5), got 4.2"),
        ("processes=0.5",
         "target for 'processes' must be 1 to 5 in steps of 0.5 (e.g. 3.5), got 0.5"),
        ("processes=5.5",
         "target for 'processes' must be 1 to 5 in steps of 0.5 (e.g. 3.5), got 5.5"),
        ("processes=high",
         "target for 'processes' must be a number from 1 to 5 in steps of 0.5, got 'high'"),
        ("processes", "targets must look like 'processes=4,technology=3.5', got 'processes'"),
        ("processes=4,processes=3", "target for 'processes' is given twice"),
        ("", "targets must look like 'processes=4,technology=3.5', got nothing"),
        ("people=3", "no dimension 'people' in 'mini' (known: processes, technology)"),
    ],
)
def test_parse_targets_rejects_bad_input_in_one_line(
    mini: Questionnaire, text: str, message: str
) -> None:
    with pytest.raises(RoadmapError) as excinfo:
        parse_targets(text, mini)
    assert excinfo.value.message == message


def test_a_single_target_accepts_halves_only() -> None:
    assert [parse_target_value(v) for v in ("1", "1.5", "5")] == [1.0, 1.5, 5.0]
    with pytest.raises(RoadmapError, match="got nan"):
        parse_target_value("nan")


def test_build_roadmap_checks_its_settings(mini: Questionnaire, mini_responses: Responses) -> None:
    card = score(mini, mini_responses)
    with pytest.raises(RoadmapError, match=r"^WIP limit must be at least 1, got 0$"):
        build_roadmap(mini, card, wip_limit=0)
    with pytest.raises(RoadmapError, match=r"^no dimension 'culture' in 'mini'"):
        build_roadmap(mini, card, {"culture": 3})
    with pytest.raises(RoadmapError, match=r"got 3\.2$"):
        build_roadmap(mini, card, {"processes": 3.2})
    assert parse_wip_limit("2") == 2
