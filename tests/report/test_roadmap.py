"""Hand-computed roadmaps for the mini questionnaire, and the settings parsers.

The formula (assessment_models/roadmap/priority.py):
    priority = gap × impact × feasibility + impact × Σ(2 per improved DORA outcome measured
    low, 1 per one measured medium); feasibility S=3, M=2, L=1; points S=1, M=3, L=8.

Case A, tests/fixtures/mini-responses.json (targets 4, capacity 10, WIP 3):
  chg_approval 4, chg_rollback "Partly" = 3, dora_deploys 5/week → 4 (high), dora_lead_time
  200 h → 2 (low), test_auto N/A.
  - del_measure fires on lead time (2 < 4; deploys 4 is at target): gap 4 − 2 = 2,
    2 × 2 × 3 = 12, boost 2 × (deployment_frequency high 0 + lead_time low 2) = 4 → 16.
  - chg_auto fires on the rollback (3 in [3, 4]): gap 1, 1 × 3 × 1 = 3,
    boost 3 × (lead_time low 2 + change_failure_rate unmeasured 0) = 6 → 9.
  - chg_standard (to 3) and chg_risk (to 4) are done at chg_approval 4; test_ci is N/A.
  Two candidates → at most 2 // 4 = 0 quick wins. Now: 1 + 8 = 9 of 10 points.

Case B, CHAIN below: chg_approval 1, rollback 3, deploys 1/week → 3 (medium), lead time
200 h → 2 (low), test_auto 1.
  - test_ci: gap 4 − 1 = 3, 3 × 3 × 3 = 27, no measured outcome it improves → 27.
  - chg_standard: gap 3, 3 × 3 × 2 = 18, boost 3 × (lead_time low 2) = 6 → 24.
  - del_measure: gap max(4 − 3, 4 − 2) = 2, 2 × 2 × 3 = 12,
    boost 2 × (deployment_frequency medium 1 + lead_time low 2) = 6 → 18.
  - chg_auto: gap 1, 3 + boost 6 = 9; needs chg_risk (approval 1 is below its from_level 2,
    so it does not fire) which needs chg_standard: chg_risk is pulled in, priority 0.
  Four candidates → one quick win, the best eligible: test_ci (S, impact 3, gap 3).
  Capacity 10, WIP 3: Now test_ci 1 + chg_standard 3 + del_measure 1 = 5 points;
  chg_risk after chg_standard → Next (3); chg_auto after chg_risk → Later (8).
"""

from __future__ import annotations

import pytest

from assessment_models.loader import parse_questionnaire
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Responses, parse_responses
from assessment_models.roadmap import (
    RoadmapError,
    build_roadmap,
    parse_capacity,
    parse_target_value,
    parse_targets,
    parse_wip_limit,
)
from assessment_models.scoring import score

CHAIN = {"questionnaire": "mini", "answers": {
    "chg_approval": {"level": 1}, "chg_rollback": {"level": "rb_partly"},
    "dora_deploys": {"value": 1}, "dora_lead_time": {"value": 200}, "test_auto": {"level": 1},
}}


def ids(roadmap, phase: str) -> list[str]:
    return [item.id for item in roadmap.phase(phase).items]


def plan(mini: Questionnaire, data=CHAIN, **settings):
    return build_roadmap(mini, score(mini, parse_responses(mini, data)), **settings)


def test_case_a_puts_both_items_in_now_with_the_hand_computed_priorities(
    mini: Questionnaire, mini_responses: Responses
) -> None:
    roadmap = build_roadmap(mini, score(mini, mini_responses))
    assert ids(roadmap, "Now") == ["del_measure", "chg_auto"]
    assert [ids(roadmap, p) for p in ("Next", "Later", "Beyond")] == [[], [], []]
    items = {i.id: i for i in roadmap.items}
    assert (items["del_measure"].gap, items["del_measure"].dora_boost) == (2, 4)
    assert items["del_measure"].priority == 16
    assert (items["chg_auto"].gap, items["chg_auto"].dora_boost) == (1, 6)
    assert items["chg_auto"].priority == 9
    assert not any(i.quick_win for i in roadmap.items)  # 2 // 4 = 0
    assert roadmap.phase("Now").points_used == 9


def test_an_answer_already_at_target_is_not_listed_as_addressed(
    mini: Questionnaire, mini_responses: Responses
) -> None:
    items = {i.id: i for i in build_roadmap(mini, score(mini, mini_responses)).items}
    # del_measure also addresses dora_deploys, answered at level 4 = the target.
    assert [(a.question, a.answered_level, a.to_level) for a in items["del_measure"].addresses] \
        == [("dora_lead_time", 2, 4)]


def test_case_b_chain_capacity_ten_wip_three(mini: Questionnaire) -> None:
    roadmap = plan(mini)
    assert ids(roadmap, "Now") == ["test_ci", "chg_standard", "del_measure"]
    assert ids(roadmap, "Next") == ["chg_risk"]
    assert ids(roadmap, "Later") == ["chg_auto"]
    priorities = {i.id: i.priority for i in roadmap.items}
    assert priorities == {"test_ci": 27, "chg_standard": 24, "del_measure": 18,
                          "chg_risk": 0, "chg_auto": 9}
    assert [p.points_used for p in roadmap.phases] == [5, 3, 8, 0]


def test_only_a_quarter_of_the_items_are_quick_wins_and_they_open_now(
    mini: Questionnaire,
) -> None:
    roadmap = plan(mini)
    # del_measure is S, impact 2, gap 2 (eligible too) but 4 candidates allow one.
    assert [i.id for i in roadmap.items if i.quick_win] == ["test_ci"]
    assert roadmap.phase("Now").items[0].id == "test_ci"


def test_a_prerequisite_that_does_not_fire_is_pulled_in_and_says_by_what(
    mini: Questionnaire,
) -> None:
    items = {i.id: i for i in plan(mini).items}
    assert items["chg_risk"].pulled_in_by == ("chg_auto",)
    assert items["chg_risk"].rationale.startswith(
        "Needed first for: 'Let the pipeline approve low-risk changes'.")
    assert items["chg_standard"].pulled_in_by == ()


def test_a_wip_limit_of_one_keeps_one_initiative_per_phase(mini: Questionnaire) -> None:
    # The quick win test_ci takes no WIP slot. chg_standard (24) then opens safer_change in
    # Now; del_measure (18, fast_feedback) must wait for Next; chg_risk follows chg_standard
    # in Later (Next already runs fast_feedback) and chg_auto comes last, in Beyond.
    roadmap = plan(mini, wip_limit=1)
    assert [ids(roadmap, p) for p in ("Now", "Next", "Later", "Beyond")] == [
        ["test_ci", "chg_standard"], ["del_measure"], ["chg_risk"], ["chg_auto"]
    ]
    assert all(len(p.initiatives) <= 1 for p in roadmap.phases)


def test_an_item_larger_than_a_phase_is_deferred_with_the_reason(mini: Questionnaire) -> None:
    roadmap = plan(mini, capacity=7)
    assert [i.id for i in roadmap.deferred] == ["chg_auto"]
    assert roadmap.deferred[0].deferred_reason == (
        "it needs 8 effort points, more than a phase's capacity of 7"
    )
    assert roadmap.deferred[0].phase == "Unscheduled"


def test_what_waits_for_a_deferred_item_is_deferred_too(mini: Questionnaire) -> None:
    # Capacity 2: chg_standard (M, 3 points) fits nowhere, so chg_risk and chg_auto wait.
    roadmap = plan(mini, capacity=2)
    assert ids(roadmap, "Now") == ["test_ci", "del_measure"]
    reasons = {i.id: i.deferred_reason for i in roadmap.deferred}
    assert reasons == {
        "chg_standard": "it needs 3 effort points, more than a phase's capacity of 2",
        "chg_risk": "waits for 'chg_standard', which does not fit either",
        "chg_auto": "waits for 'chg_risk', which does not fit either",
    }


def test_the_projection_raises_each_addressed_answer_to_its_to_level(
    mini: Questionnaire,
) -> None:
    # Now: test_auto 1→4, chg_approval 1→3, deploys 3→5, lead time 2→4.
    #   change (2·3 + 1·3)/3 = 3; delivery holds DORA outcomes only, so it has no score
    #   (BRIEF decision 4) and processes is change alone: 3. Technology 4;
    #   overall (2·3 + 1·4)/3 = 10/3.
    # Next: chg_risk raises chg_approval to 4: change and processes 11/3.
    # Later: chg_auto raises the rollback 3→5 (chg_approval 1 was below its from_level 3):
    #   change (2·4 + 5)/3 = 13/3.
    roadmap = plan(mini)
    now, later = roadmap.projection("Now"), roadmap.projection("Later")
    assert now.dimensions == pytest.approx({"processes": 3.0, "technology": 4.0})
    assert now.overall == pytest.approx(10 / 3)
    assert roadmap.projection("Next").dimensions["processes"] == pytest.approx(11 / 3)
    assert later.dimensions["processes"] == pytest.approx(13 / 3)
    assert roadmap.projection("Beyond").overall == later.overall
    # change still 1 short of 4 over a span of 3: processes 1 − 1/3; overall with testing
    # at its target: 1 − 1/(3 + 3).
    assert now.percent_to_target["processes"] == pytest.approx(100 * 2 / 3)
    assert now.percent_to_target["overall"] == pytest.approx(100 * 5 / 6)


def test_percent_to_target_sums_gaps_over_the_span_to_target(
    mini: Questionnaire, mini_responses: Responses
) -> None:
    # processes: change alone (delivery holds DORA outcomes only, which score nothing):
    # Σgap = 4 − 11/3 = 1/3; Σ(target − 1) = 3 → 1 − (1/3)/3 = 8/9.
    roadmap = build_roadmap(mini, score(mini, mini_responses))
    assert roadmap.percent_to_target["processes"] == pytest.approx(800 / 9)
    assert roadmap.percent_to_target["overall"] == pytest.approx(800 / 9)
    assert roadmap.percent_to_target["technology"] is None  # nothing scored


def test_a_capability_target_overrides_its_dimension(
    mini: Questionnaire, mini_responses: Responses
) -> None:
    # delivery at 2: lead time 2 is no longer below target, so del_measure drops out.
    # delivery has no score (DORA outcomes only), so processes stays change's 1 − (1/3)/3.
    roadmap = build_roadmap(mini, score(mini, mini_responses), {"delivery": 2})
    assert [i.id for i in roadmap.items] == ["chg_auto"]
    assert roadmap.capability_targets == {"delivery": 2.0}
    assert roadmap.percent_to_target["processes"] == pytest.approx(100 * 8 / 9)


def test_unanswered_questions_are_listed_not_recommended(mini: Questionnaire) -> None:
    roadmap = plan(mini, data={"questionnaire": "mini", "answers": {
        "chg_approval": {"level": 2}, "test_auto": {"na": True}}})
    assert [u.question for u in roadmap.unanswered] == [
        "chg_rollback", "dora_deploys", "dora_lead_time"]
    assert {i.id for i in roadmap.items} == {"chg_standard", "chg_risk"}


def test_out_of_scope_capabilities_get_no_items(mini: Questionnaire) -> None:
    roadmap = plan(mini, data={
        "questionnaire": "mini", "scope": {"exclude": ["technology"]},
        "answers": {"test_auto": {"level": 1}},
    })
    assert roadmap.items == () and roadmap.deferred == ()
    assert roadmap.percent_to_target == {"overall": None, "processes": None, "technology": None}


def test_the_rationale_quotes_the_chosen_descriptor(mini: Questionnaire) -> None:
    roadmap = plan(mini, data={"questionnaire": "mini", "answers": {"chg_approval": {"level": 2}}})
    items = {i.id: i for i in roadmap.items}
    assert items["chg_standard"].rationale == (
        "On 'How does a routine change get approved?' you answered: 'Every change waits for "
        "the weekly change advisory board' (level 2). This step takes it to level 3 (Defined)."
    )


TIES = """
id: ties
version: "1"
title: Ties
estimated_minutes: 1
dimensions:
  - id: d
    title: D
    capabilities:
      - id: c
        title: C
        questions:
          - {id: q1, kind: choice, text: Q1, options: [{id: a, level: 1, label: A},
                                                       {id: b, level: 5, label: B}]}
          - {id: q2, kind: choice, text: Q2, options: [{id: a, level: 2, label: A},
                                                       {id: b, level: 5, label: B}]}
        recommendations:
          - {id: a_small, title: Small, description: d, impact: 2, effort: S,
             addresses: [{question: q2, to_level: 3}]}
          - {id: z_large, title: Large, description: d, impact: 3, effort: L,
             addresses: [{question: q1, to_level: 3}]}
"""


def test_equal_priorities_go_to_the_larger_gap_not_the_name() -> None:
    # Target 3: z_large gap 3 − 1 = 2, 2 × 3 × 1 = 6; a_small gap 3 − 2 = 1, 1 × 2 × 3 = 6.
    ties = parse_questionnaire(TIES)
    card = score(ties, parse_responses(ties, {"questionnaire": "ties", "answers": {
        "q1": {"level": 1}, "q2": {"level": 2}}}))
    roadmap = build_roadmap(ties, card, {"d": 3}, capacity=8)
    assert [(i.id, i.priority) for i in roadmap.items] == [("z_large", 6), ("a_small", 6)]
    assert roadmap.phase("Next").items[0].id == "a_small"  # 8 + 1 > 8: Now is full


def test_as_output_has_the_issues_shape(mini: Questionnaire) -> None:
    out = plan(mini).as_output()
    assert set(out) >= {"items", "initiatives", "projected", "unanswered", "phases",
                        "targets", "capacity", "wip_limit", "deferred"}
    first = out["items"][0]
    assert {"id", "title", "phase", "priority", "effort", "impact", "quick_win", "requires",
            "initiative", "addresses"} <= set(first)
    assert first["addresses"] == [{"question": "test_auto", "answered_level": 1, "to_level": 4}]
    chg_auto = next(i for i in out["items"] if i["id"] == "chg_auto")
    assert (chg_auto["phase"], chg_auto["requires"], chg_auto["effort"]) == (
        "Later", ["chg_risk"], "L")
    assert out["projected"][0] == {
        "phase": "Now", "overall": 3.33, "dimensions": {"processes": 3.0, "technology": 4.0},
        "percent_to_target": {"overall": 83.33, "processes": 66.67, "technology": 100.0},
    }
    assert [i["id"] for i in out["initiatives"]] == ["fast_feedback", "safer_change"]
    assert out["initiatives"][1]["effort_points"] == 3 + 3 + 8
    assert out["initiatives"][1]["phases"] == ["Now", "Next", "Later"]


def test_parse_targets_reads_dimension_and_capability_pairs(mini: Questionnaire) -> None:
    assert parse_targets("processes=4, technology=3.5, change=5", mini) == {
        "processes": 4.0, "technology": 3.5, "change": 5.0
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
        ("people=3", "no dimension or capability 'people' in 'mini' "
                     "(dimensions: processes, technology)"),
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
    with pytest.raises(RoadmapError, match=r"^capacity must be 1 to 200 effort points per "
                                           r"phase, got 0$"):
        build_roadmap(mini, card, capacity=0)
    with pytest.raises(RoadmapError, match=r"^no dimension or capability 'culture' in 'mini'"):
        build_roadmap(mini, card, {"culture": 3})
    with pytest.raises(RoadmapError, match=r"got 3\.2$"):
        build_roadmap(mini, card, {"processes": 3.2})
    assert parse_wip_limit("2") == 2
    assert parse_capacity(" 12 ") == 12
    with pytest.raises(RoadmapError, match="got 'ten'"):
        parse_capacity("ten")
