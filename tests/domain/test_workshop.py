"""Workshop aggregation, the discuss-first agenda, the median consensus and narrowing.

Every expected figure is computed by hand in the comment beside it.
"""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Answer, Scope
from assessment_models.workshop import (
    Participant,
    aggregate,
    discuss_first,
    median_answer,
    narrowing,
    rank_by_disagreement,
)


def people(*answer_sets: dict[str, Answer]) -> list[Participant]:
    return [Participant(label=f"P{i}", answers=a) for i, a in enumerate(answer_sets, start=1)]


def level(n: int, confidence: str | None = None, comment: str = "") -> Answer:
    return Answer(level=n, confidence=confidence, comment=comment)  # type: ignore[arg-type]


@pytest.fixture
def group() -> list[Participant]:
    """Four people: they agree on rollback, split on approval, and one says N/A to deploys."""
    return people(
        {
            "chg_approval": level(1, "low", "We skip the CAB"),
            "chg_rollback": level(3),
            "dora_deploys": Answer(value=0.5),
            "test_auto": level(3),
        },
        {
            "chg_approval": level(2, "high"),
            "chg_rollback": level(3),
            "dora_deploys": Answer(value=2),
        },
        {
            "chg_approval": level(4, "low"),
            "chg_rollback": level(3),
            "dora_deploys": Answer(na=True),
        },
        {"chg_approval": level(5), "chg_rollback": level(5), "dora_deploys": Answer(value=10)},
    )


def test_a_question_shows_distribution_centre_and_spread(mini: Questionnaire, group) -> None:
    spread = aggregate(mini, group, Scope(), "named").question("chg_approval")
    assert (spread.participants, spread.n, spread.na) == (4, 4, 0)
    assert spread.levels == {1: 1, 2: 1, 3: 0, 4: 1, 5: 1}
    assert spread.median == 3.0  # (2 + 4) / 2
    assert spread.mean == 3.0  # 12 / 4
    assert (spread.minimum, spread.maximum, spread.range) == (1, 5, 4)
    # deviations -2, -1, 1, 2: squares 4 + 1 + 1 + 4 = 10; 10 / 4 = 2.5
    assert spread.sd == pytest.approx(math.sqrt(2.5))
    assert spread.confidence == {"low": 2, "medium": 0, "high": 1, "unsure": 1}
    assert spread.comments == (("P1", "We skip the CAB"),)


def test_a_metric_shows_the_median_and_quartiles_of_its_values(mini: Questionnaire, group) -> None:
    spread = aggregate(mini, group, Scope(), "named").question("dora_deploys")
    # values 0.5, 2, 10 -> levels 2, 3, 4 (thresholds 0.25, 1, 5, 20); one N/A
    assert (spread.n, spread.na, spread.levels) == (3, 1, {1: 0, 2: 1, 3: 1, 4: 1, 5: 0})
    assert spread.value_median == 2
    # inclusive quartiles of 0.5, 2, 10: halfway 0.5–2 and halfway 2–10
    assert (spread.value_q1, spread.value_q3) == (1.25, 6.0)


def test_participation_counts_answers_in_scope(mini: Questionnaire, group) -> None:
    card = aggregate(mini, group, Scope(exclude=("technology",)), "named")
    # 4 questions in scope (processes); P1 answered 3 of them (test_auto is out of scope)
    assert [(p.label, p.answered, p.questions) for p in card.progress] == [
        ("P1", 3, 4), ("P2", 3, 4), ("P3", 3, 4), ("P4", 3, 4)
    ]  # fmt: skip
    assert "test_auto" not in {q.question_id for q in card.questions}


def test_dimension_band_runs_from_the_lowest_to_the_highest_participant(
    mini: Questionnaire,
) -> None:
    group = people({"test_auto": level(2)}, {"test_auto": level(4)}, {"test_auto": level(5)})
    technology = aggregate(mini, group, Scope(), "named").dimensions[1]
    assert (technology.n, technology.median, technology.minimum, technology.maximum) == (
        3, 4, 2, 5
    )  # fmt: skip
    assert technology.profiles == {"P1": 2, "P2": 4, "P3": 5}


def test_anonymous_mode_hides_questions_with_fewer_than_three_answers(
    mini: Questionnaire, group
) -> None:
    card = aggregate(mini, group[:2], Scope(), "anonymous")
    assert card.question("chg_approval").hidden
    assert card.question("chg_approval").comments == (("", "We skip the CAB"),)
    assert all(d.profiles == {} for d in card.dimensions)
    assert not aggregate(mini, group[:3], Scope(), "anonymous").question("chg_approval").hidden
    assert not aggregate(mini, group[:2], Scope(), "named").question("chg_approval").hidden


def test_discuss_first_ranks_by_spread_then_range_then_low_confidence(
    mini: Questionnaire,
) -> None:
    group = people(
        # chg_approval 2, 4 -> sd 1, range 2.   test_auto 1, 3 -> sd 1, range 2, one low.
        # chg_rollback 1, 5 -> sd 2, range 4.   dora_lead_time: levels 3, 3 -> sd 0.
        {
            "chg_approval": level(2),
            "test_auto": level(1, "low"),
            "chg_rollback": level(1),
            "dora_lead_time": Answer(value=100),
        },
        {
            "chg_approval": level(4),
            "test_auto": level(3),
            "chg_rollback": level(5),
            "dora_lead_time": Answer(value=50),
        },
    )
    spreads = aggregate(mini, group, Scope(), "named").questions
    ranked = [s.question_id for s in rank_by_disagreement(spreads)]
    assert ranked[:3] == ["chg_rollback", "test_auto", "chg_approval"]
    assert [s.question_id for s in discuss_first(spreads, threshold=1.0)] == ranked[:3]
    assert [s.question_id for s in discuss_first(spreads, threshold=1.5)] == ["chg_rollback"]


def test_a_larger_spread_comes_first(mini: Questionnaire) -> None:
    group = people(
        # chg_approval 1, 1, 3, 3: mean 2, squares 1 + 1 + 1 + 1 = 4, / 4 -> sd 1
        {"chg_approval": level(1), "test_auto": level(2)},
        {"chg_approval": level(1), "test_auto": level(2)},
        {"chg_approval": level(3), "test_auto": level(4)},
        {"chg_approval": level(3), "test_auto": level(4)},
        # test_auto 2, 2, 4, 4, 3: mean 3, squares 1 + 1 + 1 + 1 + 0 = 4, / 5 -> sd 0.894
        {"test_auto": level(3)},
    )
    spreads = aggregate(mini, group, Scope(), "named").questions
    top = rank_by_disagreement(spreads)[:2]
    assert [s.question_id for s in top] == ["chg_approval", "test_auto"]
    assert top[0].sd == pytest.approx(1.0)
    assert top[1].sd == pytest.approx(math.sqrt(4 / 5))


def test_range_breaks_a_tie_in_spread_before_confidence(mini: Questionnaire) -> None:
    # chg_approval 1, 1, 2, 2, 2, 4: mean 2, squares 1 + 1 + 0 + 0 + 0 + 4 = 6, / 6 -> sd 1,
    # range 3. test_auto 1, 1, 1, 3, 3, 3: sd 1, range 2, and every answer low confidence.
    approval, testing = (1, 1, 2, 2, 2, 4), (1, 1, 1, 3, 3, 3)
    group = people(
        *(
            {"chg_approval": level(a), "test_auto": level(t, "low")}
            for a, t in zip(approval, testing, strict=True)
        )
    )
    spreads = aggregate(mini, group, Scope(), "named").questions
    assert [s.question_id for s in rank_by_disagreement(spreads)][:2] == [
        "chg_approval", "test_auto"
    ]  # fmt: skip


def test_low_confidence_breaks_a_tie_in_spread_and_range(mini: Questionnaire) -> None:
    # chg_approval 1, 3 and test_auto 2, 4: both sd 1 and range 2; test_auto has a low.
    group = people(
        {"chg_approval": level(1), "test_auto": level(2, "low")},
        {"chg_approval": level(3), "test_auto": level(4)},
    )
    spreads = aggregate(mini, group, Scope(), "named").questions
    assert [s.question_id for s in rank_by_disagreement(spreads)][:2] == [
        "test_auto", "chg_approval"
    ]  # fmt: skip


def test_hidden_and_single_answers_are_not_on_the_agenda(mini: Questionnaire) -> None:
    group = people({"chg_approval": level(1)}, {"chg_approval": level(5)})
    spreads = aggregate(mini, group, Scope(), "anonymous").questions
    assert discuss_first(spreads, threshold=0) == []


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        ([1, 2, 4, 5], 2),  # even count: the lower of the two middle answers (2 and 4)
        ([2, 3, 3], 3),
        ([4], 4),
        ([3, 3, 4, 4], 3),
    ],
)
def test_the_median_consensus_takes_the_lower_middle_answer(
    mini: Questionnaire, levels: list[int], expected: int
) -> None:
    group = people(*({"chg_approval": level(n)} for n in levels))
    assert median_answer(mini.questions_by_id["chg_approval"], group) == Answer(level=expected)


def test_the_median_of_a_choice_question_is_always_one_of_its_options(
    mini: Questionnaire,
) -> None:
    group = people({"chg_rollback": level(1)}, {"chg_rollback": level(5)})
    # the arithmetic median would be 3 only by luck; 1 and 5 -> lower middle 1
    assert median_answer(mini.questions_by_id["chg_rollback"], group) == Answer(level=1)


def test_the_median_of_a_metric_is_a_value_somebody_gave(mini: Questionnaire) -> None:
    values = [0.5, 2, 10, 30]
    group = people(*({"dora_deploys": Answer(value=v)} for v in values))
    assert median_answer(mini.questions_by_id["dora_deploys"], group) == Answer(value=2)


def test_not_applicable_wins_only_with_a_majority(mini: Questionnaire) -> None:
    question = mini.questions_by_id["dora_deploys"]
    two_na = people({"dora_deploys": Answer(na=True)}, {"dora_deploys": Answer(na=True)},
                    {"dora_deploys": Answer(value=3)})  # fmt: skip
    assert median_answer(question, two_na) == Answer(na=True)
    tie = people({"dora_deploys": Answer(na=True)}, {"dora_deploys": Answer(value=3)})
    assert median_answer(question, tie) == Answer(value=3)
    assert median_answer(question, people({})) is None


def test_narrowing_reports_how_far_the_spread_closed(mini: Questionnaire) -> None:
    first = people(*({"chg_approval": level(n)} for n in (1, 2, 4, 5)))  # sd sqrt(2.5)
    second = people(*({"chg_approval": level(n)} for n in (3, 3, 4, 4)))  # sd 0.5
    before = aggregate(mini, first, Scope(), "named")
    after = aggregate(mini, second, Scope(), "named")
    [moved] = narrowing(["chg_approval"], before, after)
    assert moved.sd_before == pytest.approx(math.sqrt(2.5))
    assert moved.sd_after == pytest.approx(0.5)
    assert moved.change == pytest.approx(math.sqrt(2.5) - 0.5)
    assert moved.share == pytest.approx(1 - 0.5 / math.sqrt(2.5))  # about 68 %


def test_the_workshop_module_does_not_import_streamlit() -> None:
    code = "import sys, assessment_models.workshop; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_benchmark_case_aggregates_every_participant_and_question(mini) -> None:
    from benchmarks.workshop import aggregation_case

    card = aggregation_case(mini, 10)()
    assert card.participants == 10
    assert all(q.answered == 10 for q in card.questions)


def test_remembered_scores_follow_every_change_of_answers(mini: Questionnaire) -> None:
    from assessment_models import participant_scores
    from assessment_models.responses import Responses
    from assessment_models.scoring import score

    participant_scores.clear()
    first = {"chg_approval": level(2), "test_auto": level(4, comment="one")}
    changed = {"chg_approval": level(5), "test_auto": level(4, comment="one")}
    for answers in (first, changed, first):
        expected = score(mini, Responses(questionnaire="mini", answers=answers))
        remembered = participant_scores.dimension_scores(mini, Scope(), answers)
        assert remembered == {d.id: d.score for d in expected.dimensions}
    only_scope = participant_scores.dimension_scores(mini, Scope(exclude=("technology",)), first)
    assert only_scope["technology"] is None
