"""Checking a responses document against its questionnaire, and the level an answer gives.

:func:`parse_responses` returns the document normalised: a choice given by option id
carries that option's level; unknown questions, units and recommendations, values out of
range and malformed targets are refused with one line naming the place.
"""

from __future__ import annotations

import math
from typing import Any

from pydantic import ValidationError

from assessment_models.errors import ResponsesError, format_path
from assessment_models.questionnaire import (
    ChoiceQuestion,
    MetricQuestion,
    Question,
    Questionnaire,
    ScaleQuestion,
    is_target,
)
from assessment_models.responses_model import Answer, Responses, Scope


def read_responses_header(data: dict[str, Any], source: str = "responses") -> Responses:
    """Validate a document's shape alone, e.g. to learn which questionnaire it names."""
    try:
        return Responses.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = format_path(tuple(error["loc"]))
        message = str(error["msg"]).removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown key"
        raise ResponsesError(f"{source}: {where}: {message}") from None


def parse_responses(
    questionnaire: Questionnaire, data: dict[str, Any] | Responses, source: str = "responses"
) -> Responses:
    """Check responses against the questionnaire and return them normalised."""
    responses = data if isinstance(data, Responses) else read_responses_header(data, source)
    if responses.questionnaire != questionnaire.id:
        raise ResponsesError(
            f"{source}: answers questionnaire '{responses.questionnaire}', "
            f"not '{questionnaire.id}'"
        )
    units = set(questionnaire.dimensions_by_id) | set(questionnaire.capabilities_by_id)
    for unit in responses.scope.exclude:
        if unit not in units:
            raise ResponsesError(
                f"{source}: scope.exclude: '{unit}' is not a dimension or capability of "
                f"'{questionnaire.id}'"
            )
    answers = {
        question_id: normalise_answer(questionnaire, question_id, answer, source)
        for question_id, answer in responses.answers.items()
    }
    _check_targets(questionnaire, responses.targets, source)
    for recommendation_id in responses.tracking:
        if recommendation_id not in questionnaire.recommendations_by_id:
            raise ResponsesError(
                f"{source}: tracking.{recommendation_id}: no recommendation with this id in "
                f"'{questionnaire.id}'"
            )
    return responses.model_copy(update={"answers": answers})


def check_something_in_scope(questionnaire: Questionnaire, scope: Scope, source: str) -> None:
    """Refuse a scope that leaves no capability to assess, as the Start page does.

    Storage applies it to every assessment it creates or imports; scoring and the roadmap
    still accept such responses (they score nothing).
    """
    excluded = set(scope.exclude)
    if not any(
        capability.id not in excluded
        for dimension in questionnaire.dimensions
        if dimension.id not in excluded
        for capability in dimension.capabilities
    ):
        raise ResponsesError(f"{source}: scope.exclude: leaves no capability to assess")


def _check_targets(
    questionnaire: Questionnaire, targets: dict[str, float] | None, source: str
) -> None:
    units = set(questionnaire.dimensions_by_id) | set(questionnaire.capabilities_by_id)
    for dimension_id, target in (targets or {}).items():
        where = f"{source}: targets.{dimension_id}"
        if dimension_id not in units:
            raise ResponsesError(
                f"{where}: no dimension or capability with this id in '{questionnaire.id}'"
            )
        if not is_target(target):
            raise ResponsesError(f"{where}: a target is 1 to 5 in steps of 0.5, got {target:g}")


def normalise_answer(
    questionnaire: Questionnaire, question_id: str, answer: Answer, source: str = "responses"
) -> Answer:
    """Check one answer against its question; a choice given by option id becomes its level."""
    question = questionnaire.questions_by_id.get(question_id)
    where = f"{source}: answers.{question_id}"
    if question is None:
        raise ResponsesError(f"{where}: no question with this id in '{questionnaire.id}'")
    if answer.na:
        if not question.allow_na:
            raise ResponsesError(f"{where}: this question cannot be answered 'not applicable'")
        if answer.level is not None or answer.value is not None:
            raise ResponsesError(f"{where}: 'na' cannot be combined with a level or value")
        return answer
    if isinstance(question, MetricQuestion):
        return answer.model_copy(update={"value": _check_value(question, answer, where)})
    if answer.value is not None:
        raise ResponsesError(f"{where}: a {question.kind} question takes a level, not a value")
    if answer.level is None:
        return answer
    return answer.model_copy(update={"level": _check_level(question, answer.level, where)})


def _check_value(question: MetricQuestion, answer: Answer, where: str) -> float | None:
    if answer.level is not None:
        raise ResponsesError(f"{where}: a metric question takes a 'value' in {question.unit}")
    value = answer.value
    if value is None:
        return None
    if not math.isfinite(value):
        raise ResponsesError(f"{where}: value must be a finite number")
    if value < question.min_value:
        raise ResponsesError(
            f"{where}: value {value:g} is below the minimum {question.min_value:g}"
        )
    if question.max_value is not None and value > question.max_value:
        raise ResponsesError(
            f"{where}: value {value:g} is above the maximum {question.max_value:g}"
        )
    return value


def _check_level(question: ScaleQuestion | ChoiceQuestion, level: int | str, where: str) -> int:
    by_id = {o.id: o.level for o in question.options}
    if isinstance(level, str):
        if level in by_id:
            return by_id[level]
        raise ResponsesError(f"{where}: no option '{level}' (options: {', '.join(by_id)})")
    levels = sorted(by_id.values())
    if level not in levels:
        raise ResponsesError(
            f"{where}: no option has level {level} (levels: {', '.join(map(str, levels))})"
        )
    return level


def question_level(question: Question, answer: Answer | None) -> int | None:
    """The level an answer gives its question; None for N/A or unanswered."""
    if answer is None or answer.na:
        return None
    if isinstance(question, MetricQuestion):
        return None if answer.value is None else question.level_of(answer.value)
    return answer.level if isinstance(answer.level, int) else None
