"""The workshop dashboard's aggregate (issue 13; target under 100 ms at 100 participants).

:func:`aggregation_case` builds exactly what the dashboard computes on a refresh: every
participant's answers to the full questionnaire, then :func:`workshop.aggregate` (every
question's distribution and spread, every participant's dimension scores for the radar).
Reading the answers is one query and is not part of it. ``rows_workshop.py`` times it at
10, 100 and 1,000 participants.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from assessment_models import participant_scores
from assessment_models.questionnaire import MetricQuestion, Questionnaire
from assessment_models.responses import Answer, Scope
from assessment_models.workshop import Participant, aggregate

SIZES = (10, 100, 1000)


def participants(questionnaire: Questionnaire, count: int, seed: int = 13) -> list[Participant]:
    """``count`` people answering every question, with confidence, some N/A and comments."""
    rng = random.Random(seed)
    people = []
    for i in range(count):
        answers: dict[str, Answer] = {}
        for qid, question in questionnaire.questions_by_id.items():
            confidence = rng.choice(["low", "medium", "high", None])
            comment = "We discussed this last quarter." if rng.random() < 0.1 else ""
            if question.allow_na and rng.random() < 0.05:
                answers[qid] = Answer(na=True, confidence=confidence, comment=comment)
            elif isinstance(question, MetricQuestion):
                value = rng.choice(question.thresholds) * rng.uniform(0.5, 1.5)
                answers[qid] = Answer(value=value, confidence=confidence, comment=comment)
            else:
                level = rng.choice(question.options).level
                answers[qid] = Answer(level=level, confidence=confidence, comment=comment)
        people.append(Participant(label=f"P{i + 1}", answers=answers))
    return people


def aggregation_case(questionnaire: Questionnaire, count: int) -> Callable[[], object]:
    """A zero-argument call that aggregates ``count`` participants from cold (for any harness).

    Cold: every participant's scores are computed afresh, as on a server's first refresh.
    """
    group = participants(questionnaire, count)

    def cold() -> object:
        participant_scores.clear()
        return aggregate(questionnaire, group, Scope(), "facilitator_only")

    return cold


def refresh_case(
    questionnaire: Questionnaire, count: int, changed: int = 5
) -> Callable[[], object]:
    """A dashboard refresh: ``changed`` of ``count`` people answered something since the last.

    Each call changes one answer of each of ``changed`` participants (new answer sets, so
    their scores are computed again); the others' scores are remembered.
    """
    group = participants(questionnaire, count)
    aggregate(questionnaire, group, Scope(), "facilitator_only")  # the previous refresh
    metric = next(
        q for q in questionnaire.questions_by_id.values() if isinstance(q, MetricQuestion)
    )
    turn = [0]

    def refresh() -> object:
        turn[0] += 1
        for i in range(changed):
            person = group[i]
            answers = dict(person.answers)
            answers[metric.id] = Answer(value=metric.min_value + turn[0] % 50 + 0.5)
            group[i] = person.model_copy(update={"answers": answers})
        return aggregate(questionnaire, group, Scope(), "facilitator_only")

    return refresh
