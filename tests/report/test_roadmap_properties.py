"""Invariants of the recommender over random answers, targets, capacity and WIP limits,
for the mini fixture and both shipped questionnaires."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment_models.loader import load_questionnaire
from assessment_models.questionnaire import MetricQuestion, Questionnaire
from assessment_models.responses import parse_responses
from assessment_models.roadmap import (
    EFFORT_POINTS,
    PHASES,
    Answers,
    Roadmap,
    build_roadmap,
    is_done,
)
from assessment_models.scoring import score

HALVES = [1 + k / 2 for k in range(9)]
PHASE_INDEX = {name: i for i, (name, _) in enumerate(PHASES)}
FULL = Path(__file__).parent.parent.parent / "questionnaires" / "delivery-full.yaml"


@pytest.fixture(scope="module")
def full() -> Questionnaire:
    return load_questionnaire(FULL)


@st.composite
def scenario(draw: st.DrawFn, questionnaire: Questionnaire) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in questionnaire.questions_by_id.values():
        kinds = ["skip", "answer", "answer", "answer"] + (["na"] if question.allow_na else [])
        kind = draw(st.sampled_from(kinds))
        if kind == "na":
            answers[question.id] = {"na": True}
        elif kind == "answer" and isinstance(question, MetricQuestion):
            top = question.max_value if question.max_value is not None else 2000.0
            answers[question.id] = {"value": draw(st.floats(question.min_value, top))}
        elif kind == "answer":
            answers[question.id] = {"level": draw(st.sampled_from(
                [o.level for o in question.options]))}
    units = [d.id for d in questionnaire.dimensions] + list(questionnaire.capabilities_by_id)
    exclude = draw(st.lists(st.sampled_from(units), max_size=2, unique=True))
    targets = draw(st.dictionaries(st.sampled_from(units), st.sampled_from(HALVES),
                                   max_size=4))
    return {
        "data": {"questionnaire": questionnaire.id, "answers": answers,
                 "scope": {"exclude": exclude}},
        "targets": targets,
        "wip": draw(st.integers(1, 4)),
        "capacity": draw(st.sampled_from([1, 3, 5, 8, 10, 16, 40])),
    }


def build(questionnaire: Questionnaire, case: dict[str, Any]) -> Roadmap:
    responses = parse_responses(questionnaire, case["data"])
    return build_roadmap(questionnaire, score(questionnaire, responses), case["targets"],
                         case["wip"], case["capacity"])


def check_invariants(
    questionnaire: Questionnaire, case: dict[str, Any], complete_content: bool = False
) -> None:
    card = score(questionnaire, parse_responses(questionnaire, case["data"]))
    roadmap = build_roadmap(questionnaire, card, case["targets"], case["wip"], case["capacity"])
    answers = Answers.of(card)
    scheduled = roadmap.items
    everything = (*scheduled, *roadmap.deferred)
    by_id = {item.id: item for item in everything}
    assert len(by_id) == len(everything)  # no item twice

    # No item raises an answer at or above its to_level, N/A, unanswered or out of scope,
    # unless a later item pulled it in as a prerequisite (and says so).
    for item in everything:
        for address in item.addresses:
            if item.pulled_in_by:
                assert (address.answered_level or 0) < address.to_level
                continue
            level = answers.level(address.question)
            assert level is not None and level == address.answered_level
            assert level < address.to_level and level < address.target

    # Every answer at levels 1–3 below its target that some recommendation could raise is
    # raised by an item, scheduled or deferred for want of capacity (for content-complete
    # questionnaires: every such answer, full stop).
    raised = {a.question for item in everything for a in item.addresses}
    for question_id in answers.in_scope:
        level = answers.level(question_id)
        if level is None or level > 3:
            continue
        capability = questionnaire.capability_of_question[question_id].id
        if level >= roadmap.target_of(
                questionnaire.dimension_of_capability[capability].id, capability):
            continue
        could = any(a.question == question_id and a.fires_at(level)
                    for r in questionnaire.recommendations_by_id.values() for a in r.addresses)
        if could or complete_content:
            assert question_id in raised, question_id

    # No phase exceeds its capacity or its WIP limit of initiatives.
    for phase in roadmap.phases:
        assert sum(EFFORT_POINTS[i.effort] for i in phase.items) <= roadmap.capacity
        # Quick wins take no WIP slot (phasing.py).
        assert len({i.initiative for i in phase.items if not i.quick_win}) <= roadmap.wip_limit

    # Nothing starts before what it requires has finished; a prerequisite left off the plan
    # is one the answers show done.
    for item in everything:
        for needed in questionnaire.recommendations_by_id[item.id].requires:
            if needed not in by_id:
                assert is_done(answers, questionnaire.recommendations_by_id[needed])
            elif item.phase in PHASE_INDEX:
                assert by_id[needed].phase in PHASE_INDEX
                assert PHASE_INDEX[by_id[needed].phase] < PHASE_INDEX[item.phase]

    # Quick wins are rare and real.
    quick = [i for i in everything if i.quick_win]
    assert len(quick) <= len([i for i in everything if not i.pulled_in_by]) // 4
    assert all(i.effort.value == "S" and i.impact >= 2 and i.gap >= 2 for i in quick)

    # Projections never go down from one phase to the next.
    overall = [p.overall for p in roadmap.projected]
    if card.overall.score is not None:
        assert all(b >= a - 1e-9 for a, b in zip([card.overall.score, *overall], overall,
                                                  strict=False))

    # Deterministic: the same input, with targets given in another order, gives the same.
    again = build_roadmap(questionnaire, card, dict(reversed(case["targets"].items())),
                          case["wip"], case["capacity"])
    assert again.as_output() == roadmap.as_output()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_roadmap_invariants_hold_for_the_mini_questionnaire(
    mini: Questionnaire, data: st.DataObject
) -> None:
    check_invariants(mini, data.draw(scenario(mini)))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_roadmap_invariants_hold_for_the_quick_questionnaire(
    quick: Questionnaire, data: st.DataObject
) -> None:
    check_invariants(quick, data.draw(scenario(quick)), complete_content=True)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_roadmap_invariants_hold_for_the_full_questionnaire(
    full: Questionnaire, data: st.DataObject
) -> None:
    check_invariants(full, data.draw(scenario(full)))


@pytest.mark.parametrize("wip", [1, 2, 3])
def test_everything_answered_at_level_one_fills_now_to_its_capacity_or_wip_limit(
    quick: Questionnaire, wip: int, answer_all: Callable[..., dict[str, Any]]
) -> None:
    case = {"data": {"questionnaire": quick.id, "answers": answer_all(quick, 1)},
            "targets": {}, "wip": wip, "capacity": 10}
    roadmap = build(quick, case)
    now = roadmap.phase("Now")
    assert len(now.initiatives) == wip or now.points_used >= 10 - 1
    check_invariants(quick, case, complete_content=True)
