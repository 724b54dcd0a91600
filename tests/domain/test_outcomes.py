"""Practice versus outcome flags on hand-made cases, both ways."""

from __future__ import annotations

from pathlib import Path

from assessment_models.loader import load_questionnaire
from assessment_models.outcomes import practice_outcome_flags, related_practices
from assessment_models.questionnaire import DoraKey
from assessment_models.responses import parse_responses

PROJECT_ROOT = Path(__file__).parent.parent.parent


def answers(mini, given: dict, exclude: tuple[str, ...] = ()):
    return parse_responses(
        mini, {"questionnaire": "mini", "answers": given, "scope": {"exclude": list(exclude)}}
    )


def test_related_practices_come_from_references_and_from_improves(mini):
    related = related_practices(mini)
    # chg_approval cites "ITIL 4: Change enablement"; chg_rollback is addressed by chg_auto,
    # which improves lead time and change failure; test_ci improves change failure only.
    assert related[DoraKey.LEAD_TIME] == ("chg_approval", "chg_rollback")
    assert related[DoraKey.CHANGE_FAILURE_RATE] == ("chg_approval", "chg_rollback", "test_auto")
    assert DoraKey.DEPLOYMENT_FREQUENCY not in related  # nothing drives it in mini


def test_practice_two_levels_above_the_outcome_is_flagged(mini):
    # 200 hours of lead time is level 2 (DORA's low band); approval answered at level 4.
    flags = practice_outcome_flags(
        mini, answers(mini, {"dora_lead_time": {"value": 200}, "chg_approval": {"level": 4},
                             "chg_rollback": {"level": 3}}),
    )
    assert len(flags) == 1
    flag = flags[0]
    assert (flag.key, flag.direction, flag.outcome_level, flag.band) == (
        DoraKey.LEAD_TIME, "practice_ahead", 2, "low"
    )
    assert [a.question_id for a in flag.answers] == ["chg_approval"]  # 3 is one level off
    assert flag.sentence.startswith(
        "Lead time for changes is 200 hours (level 2, DORA's low band), yet the answers on "
        "Change enablement (level 4) describe practice two or more levels better."
    )
    assert "check the evidence" in flag.sentence


def test_outcome_two_levels_above_the_practice_is_flagged_the_other_way(mini):
    # Half an hour of lead time is level 5 (elite); approval at level 3, rollback at level 1.
    flags = practice_outcome_flags(
        mini, answers(mini, {"dora_lead_time": {"value": 0.5}, "chg_approval": {"level": 3},
                             "chg_rollback": {"level": 1}}),
    )
    assert [(f.direction, [a.level for a in f.answers]) for f in flags] == [
        ("outcome_ahead", [3, 1])
    ]
    assert flags[0].sentence.startswith(
        "Lead time for changes is 0.5 hours (level 5, DORA's elite band), yet the answers on "
        "Change enablement (levels 1 and 3) sit two or more levels lower."
    )


def test_one_level_apart_is_not_flagged(mini):
    # 100 hours → level 3; answers at 4 and 2 are one level away either side.
    flags = practice_outcome_flags(
        mini, answers(mini, {"dora_lead_time": {"value": 100}, "chg_approval": {"level": 4},
                             "chg_rollback": {"level": "rb_no"}}),
    )
    # rollback "No" is level 1: two below level 3, so that one does flag.
    assert [(f.direction, [a.question_id for a in f.answers]) for f in flags] == [
        ("outcome_ahead", ["chg_rollback"])
    ]
    calm = practice_outcome_flags(
        mini, answers(mini, {"dora_lead_time": {"value": 100}, "chg_approval": {"level": 4},
                             "chg_rollback": {"level": 3}}),
    )
    assert calm == []


def test_a_disagreement_can_run_both_ways_at_once(mini):
    flags = practice_outcome_flags(
        mini, answers(mini, {"dora_lead_time": {"value": 100}, "chg_approval": {"level": 5},
                             "chg_rollback": {"level": 1}}),
    )
    assert sorted(f.direction for f in flags) == ["outcome_ahead", "practice_ahead"]


def test_unanswered_na_or_out_of_scope_never_flags(mini):
    given = {"dora_lead_time": {"value": 200}, "chg_approval": {"level": 5}}
    assert practice_outcome_flags(mini, answers(mini, given, exclude=("change",))) == []
    assert practice_outcome_flags(mini, answers(mini, given, exclude=("delivery",))) == []
    no_metric = {"chg_approval": {"level": 5}, "dora_deploys": {"na": True}}
    assert practice_outcome_flags(mini, answers(mini, no_metric)) == []


def test_an_elite_team_with_weak_change_practice_is_asked_for_evidence_on_the_quick_check():
    quick = load_questionnaire(PROJECT_ROOT / "questionnaires" / "delivery-quick.yaml")
    responses = parse_responses(quick, {
        "questionnaire": "delivery-quick",
        "answers": {"dp_change_failure_rate": {"value": 3},  # level 5, elite
                    "chg_routine_approval": {"level": 1}, "auto_testing": {"level": 4}},
    })
    flags = practice_outcome_flags(quick, responses)
    assert [(f.key, f.direction, [a.question_id for a in f.answers]) for f in flags] == [
        (DoraKey.CHANGE_FAILURE_RATE, "outcome_ahead", ["chg_routine_approval"])
    ]
