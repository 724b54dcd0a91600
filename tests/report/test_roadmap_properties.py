"""Invariants of the recommender over random answers, targets and WIP limits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment_models.questionnaire import MetricQuestion, Questionnaire
from assessment_models.responses import parse_responses
from assessment_models.roadmap import PHASES, Roadmap, build_roadmap, is_done
from assessment_models.scoring import score

HALVES = [1 + k / 2 for k in range(9)]
PHASE_INDEX = {name: i for i, (name, _) in enumerate(PHASES)}


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
    targets = draw(st.dictionaries(st.sampled_from([d.id for d in questionnaire.dimensions]),
                                   st.sampled_from(HALVES)))
    return {
        "data": {"questionnaire": questionnaire.id, "answers": answers,
                 "scope": {"exclude": exclude}},
        "targets": targets,
        "wip": draw(st.integers(1, 4)),
    }


def build(questionnaire: Questionnaire, case: dict[str, Any]) -> Roadmap:
    responses = parse_responses(questionnaire, case["data"])
    return build_roadmap(questionnaire, score(questionnaire, responses), case["targets"],
                         case["wip"])


def check_invariants(questionnaire: Questionnaire, case: dict[str, Any]) -> None:
    responses = parse_responses(questionnaire, case["data"])
    card = score(questionnaire, responses)
    roadmap = build_roadmap(questionnaire, card, case["targets"], case["wip"])
    items = roadmap.items
    position = {item.id: k for k, item in enumerate(items)}
    by_id = {item.id: item for item in items}

    # No phase before Beyond holds more than the WIP limit.
    for phase in roadmap.phases[:-1]:
        assert len(phase.items) <= roadmap.wip_limit

    # Nothing precedes what it requires: never an earlier phase, and listed after it.
    for item in items:
        for needed in item.requires:
            if needed not in by_id:  # only a prerequisite the answers show done is left out
                assert is_done(card, questionnaire.recommendations_by_id[needed])
                continue
            assert PHASE_INDEX[by_id[needed].phase] <= PHASE_INDEX[item.phase]
            assert position[needed] < position[item.id]

    # Candidates are exactly the recommendations with an addressed answer (in scope, not
    # N/A) in [from_level, to_level − 1] and below its dimension's target; anything else is
    # a prerequisite pulled in by an item on the roadmap.
    levels: dict[str, int | None] = {}
    for capability in card.capabilities:
        for contribution in card.explanations[capability.id]:
            levels[contribution.question_id] = (
                contribution.level if capability.in_scope else None)
    expected = set()
    for rec in questionnaire.recommendations_by_id.values():
        for address in rec.addresses:
            level = levels[address.question]
            dimension = questionnaire.dimension_of_capability[
                questionnaire.capability_of_question[address.question].id].id
            if (level is not None and address.from_level <= level < address.to_level
                    and level < roadmap.targets[dimension]):
                expected.add(rec.id)
    candidates = {item.id for item in items if not item.pulled_in_by}
    assert candidates == expected
    for item in items:
        if item.pulled_in_by:
            assert all(item.id in by_id[d].requires for d in item.pulled_in_by)
        else:
            assert item.gap >= 0

    # Within the constraints items come in priority order: each item's effective rank (its
    # own, or that of the best item that needs it) never decreases along the roadmap.
    def own(item_id: str) -> tuple[float, str]:
        return (-round(by_id[item_id].priority, 9), item_id)

    effective = {i: own(i) if i in candidates else (float("inf"), "") for i in by_id}
    for _ in items:  # relax along requires until stable
        for item in items:
            for needed in item.requires:
                if needed in effective:
                        effective[needed] = min(effective[needed], effective[item.id])
    ranks = [effective[item.id] for item in items]
    assert ranks == sorted(ranks)

    # Deterministic: the same input, with targets given in another order, gives the same.
    again = build_roadmap(questionnaire, card, dict(reversed(case["targets"].items())),
                          case["wip"])
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
    check_invariants(quick, data.draw(scenario(quick)))


@pytest.mark.parametrize("wip", [1, 2, 3])
def test_everything_answered_at_level_one_fills_the_phases_in_order(
    quick: Questionnaire, wip: int, answer_all: Callable[..., dict[str, Any]]
) -> None:
    case = {"data": {"questionnaire": quick.id, "answers": answer_all(quick, 1)},
            "targets": {}, "wip": wip}
    roadmap = build(quick, case)
    sizes = [len(p.items) for p in roadmap.phases]
    assert sizes[:3] == [wip, wip, wip]  # plenty of work: the first phases are full
    check_invariants(quick, case)
