"""Which recommendations the answers call for, and the answers each one would raise.

A recommendation fires when at least one question it addresses is answered (in scope, not
N/A) at a level in ``[from_level, to_level − 1]`` that is also below the target of the
question's capability. It is *done* when every question it addresses is answered at or
above its ``to_level``: a prerequisite that is done is satisfied and stays off the plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assessment_models.per_questionnaire import per_questionnaire
from assessment_models.quantities import quantity
from assessment_models.questionnaire import (
    Address,
    MetricQuestion,
    Questionnaire,
    Recommendation,
)
from assessment_models.roadmap.model import AddressedAnswer
from assessment_models.roadmap.steps import Raises, Step, steps_of
from assessment_models.roadmap.targets import Targets
from assessment_models.scoring import QuestionContribution, ScoreCard


@dataclass(frozen=True)
class Answers:
    """The answers as the recommender sees them: in-scope contributions by question id."""

    by_question: dict[str, QuestionContribution]
    in_scope: frozenset[str]
    #: The level of every in-scope answer that has one (what :meth:`level` answers).
    levels: dict[str, int]

    @classmethod
    def of(cls, card: ScoreCard) -> Answers:
        by_question: dict[str, QuestionContribution] = {}
        in_scope: set[str] = set()
        levels: dict[str, int] = {}
        for capability in card.capabilities:
            for contribution in card.explanations.get(capability.id, ()):
                by_question[contribution.question_id] = contribution
                if capability.in_scope:
                    in_scope.add(contribution.question_id)
                    if contribution.level is not None:
                        levels[contribution.question_id] = contribution.level
        return cls(by_question, frozenset(in_scope), levels)

    def level(self, question_id: str) -> int | None:
        """The answer's level; None when unanswered, N/A or out of scope."""
        return self.levels.get(question_id)


def firing(
    questionnaire: Questionnaire, answers: Answers, targets: Targets, rec: Recommendation
) -> list[tuple[Address, int, float]]:
    """(address, answered level, target) for every answer this recommendation would raise."""
    step = steps_of(questionnaire)[rec.id]
    target = {r.capability: targets.of_capability(questionnaire, r.capability)
              for r in step.raises}
    return [(r.address, level, goal) for r, level, goal in fired_on(step, answers.levels, target)]


def fired_on(
    step: Step, levels: Mapping[str, int], target: Mapping[str, float]
) -> list[tuple[Raises, int, float]]:
    """:func:`firing` from a step's lookups, the answers' levels (in scope only) and the
    target of each capability: the rule itself, in one place."""
    fired = []
    for raised in step.raises:
        address = raised.address
        level = levels.get(address.question)
        if level is not None and address.fires_at(level):
            goal = target[raised.capability]
            if level < goal:
                fired.append((raised, level, goal))
    return fired


def is_done(answers: Answers, rec: Recommendation) -> bool:
    """True when every addressed answer already reaches its ``to_level``."""
    return all((answers.level(a.question) or 0) >= a.to_level for a in rec.addresses)


def open_addresses(
    questionnaire: Questionnaire,
    answers: Answers,
    targets: Targets,
    rec: Recommendation,
    fired: list[tuple[Address, int, float]] | None = None,
) -> list[AddressedAnswer]:
    """The answers an item raises: those it fires on, or for a prerequisite pulled in by
    another item, every addressed answer not yet at its ``to_level`` (even unanswered).
    ``fired`` is :func:`firing`'s answer when the caller has it already."""
    if fired is None:
        fired = firing(questionnaire, answers, targets, rec)
    if fired:
        chosen = [(a, level) for a, level, _ in fired]
    else:
        chosen = [
            (a, answers.level(a.question)) for a in rec.addresses
            if (answers.level(a.question) or 0) < a.to_level
        ]
    out = []
    for address, level in chosen:
        capability = questionnaire.capability_of_question[address.question].id
        out.append(AddressedAnswer(
            question=address.question,
            question_text=questionnaire.questions_by_id[address.question].text,
            answered_level=level,
            answer_text=answer_text(questionnaire, answers, address.question),
            to_level=address.to_level,
            target=targets.of_capability(questionnaire, capability),
        ))
    return out


def answer_text(questionnaire: Questionnaire, answers: Answers, question_id: str) -> str:
    """What the respondent chose, in their words: the descriptor, or the value and unit."""
    question = questionnaire.questions_by_id[question_id]
    contribution = answers.by_question.get(question_id)
    if question_id not in answers.in_scope:
        return "out of scope"
    if contribution is None or not contribution.answered:
        return "not answered"
    if contribution.na:
        return "not applicable"
    if isinstance(question, MetricQuestion):
        return quantity(contribution.value, question.unit)
    return _option_texts(questionnaire)[question_id].get(contribution.level, "not answered")


@per_questionnaire
def _option_texts(questionnaire: Questionnaire) -> dict[str, dict[int, str]]:
    """Each option's words (descriptor, else label) by question id and level."""
    return {
        q.id: {o.level: o.descriptor or o.label for o in q.options}
        for q in questionnaire.questions_by_id.values() if not isinstance(q, MetricQuestion)
    }


def rationale(
    questionnaire: Questionnaire,
    addressed: list[AddressedAnswer],
    pulled_in_by: tuple[str, ...],
) -> str:
    """Why the item is there, quoting the answers it raises."""
    parts: list[str] = []
    if pulled_in_by:
        titles = [questionnaire.recommendations_by_id[r].title for r in pulled_in_by]
        parts.append("Needed first for: " + "; ".join(f"'{t}'" for t in titles) + ".")
    for a in addressed:
        name = questionnaire.level_name(a.to_level)
        if a.answered_level is None:
            parts.append(f"'{a.question_text}' is {a.answer_text}; this step takes it to "
                         f"level {a.to_level} ({name}).")
            continue
        quoted = a.answer_text.rstrip(".")
        parts.append(f"On '{a.question_text}' you answered: '{quoted}' (level "
                     f"{a.answered_level}). This step takes it to level {a.to_level} ({name}).")
    return " ".join(parts)
