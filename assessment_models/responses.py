"""Responses: the answers to one questionnaire, as exchanged in JSON.

The same format serves the CLI, the UI's import and export, and the tests::

    {"questionnaire": "delivery-full", "questionnaire_version": "1.0.0",
     "respondent": {"organisation": "Acme", "team": "Payments"},
     "scope": {"exclude": ["governance"]},
     "answers": {"rel_cadence": {"level": 3, "comment": "…", "confidence": "high"},
                 "dora_lead_time": {"value": 12.5},
                 "chg_cab": {"na": true}},
     "targets": {"processes": 4, "technology": 3.5}, "wip_limit": 3,
     "tracking": {"chg_standard": {"owner": "Ana", "due_date": "2025-03-31",
                                   "status": "in_progress"}}}

``targets``, ``wip_limit`` and ``tracking`` (the roadmap settings and who does which
recommendation) and ``benchmark`` (``{"industry": "insurance", "edition": "2025"}``, the DORA
figures to compare with) are optional; documents without them stay valid, and ``to_json``
leaves them out while they are empty.

:func:`parse_responses` checks a document against its questionnaire and returns it
normalised: a choice given by option id carries that option's level.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationError,
    model_validator,
)

from assessment_models.benchmark_data import (
    DEFAULT_EDITION,
    DEFAULT_INDUSTRY,
    BenchmarkError,
    check_edition,
    check_industry,
)
from assessment_models.errors import ResponsesError, format_path
from assessment_models.questionnaire import (
    ChoiceQuestion,
    MetricQuestion,
    Number,
    Question,
    Questionnaire,
    ScaleQuestion,
    is_target,
)

MAX_COMMENT_LENGTH = 5000
#: The largest responses document read, checked before parsing (a full assessment with a
#: long comment on every answer is about 400 KiB).
MAX_RESPONSES_BYTES = 2 * 1024 * 1024
#: The largest work-in-progress limit, as the Roadmap page offers it.
MAX_WIP_LIMIT = 20

# Control characters other than tab and line breaks: invisible, refused by PostgreSQL (NUL),
# and a raw NUL would end up in exported CSV. Both databases get the same: they are removed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def without_control_characters(text: str) -> str:
    """``text`` without control characters (tab, line feed and carriage return stay)."""
    return _CONTROL.sub("", text)


#: Text a person typed: kept as given, except that control characters are removed.
UserText = Annotated[str, AfterValidator(without_control_characters)]


class Confidence(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class _Exchange(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class Answer(_Exchange):
    """One answer: a level (or option id), a metric value, or not applicable."""

    level: StrictInt | str | None = None
    value: Number | None = None
    na: StrictBool = False
    comment: UserText = Field(default="", max_length=MAX_COMMENT_LENGTH)
    confidence: Confidence | None = None

    @property
    def is_answered(self) -> bool:
        """True when it gives a level, a value or N/A (a bare comment is not an answer)."""
        return self.na or self.level is not None or self.value is not None


#: The parts of an answer that are saved on their own: what was chosen (a level, a value or
#: N/A, which exclude one another), the comment, the confidence.
ANSWER_PARTS: dict[str, tuple[str, ...]] = {
    "choice": ("level", "value", "na"),
    "comment": ("comment",),
    "confidence": ("confidence",),
}


def answer_part(answer: Answer, part: str) -> tuple[object, ...]:
    """The values of one part (a key of :data:`ANSWER_PARTS`) of an answer."""
    return tuple(getattr(answer, key) for key in ANSWER_PARTS[part])


def with_parts(answer: Answer, source: Answer, parts: Iterable[str]) -> Answer:
    """``answer`` with ``parts`` taken from ``source``."""
    update = {key: getattr(source, key) for part in parts for key in ANSWER_PARTS[part]}
    return answer.model_copy(update=update)


class Respondent(_Exchange):
    organisation: UserText = Field(default="", max_length=200)
    team: UserText = Field(default="", max_length=200)

    @property
    def display_name(self) -> str:
        """``Acme · Payments``, or whichever of the two is given, or ``""``."""
        return " · ".join(p for p in (self.organisation, self.team) if p)


class Scope(_Exchange):
    exclude: tuple[str, ...] = Field(
        default=(), description="Ids of dimensions or capabilities left out of this assessment."
    )


class BenchmarkChoice(_Exchange):
    """Which DORA figures the assessment is compared with: an industry and an edition."""

    industry: str = DEFAULT_INDUSTRY
    edition: str = DEFAULT_EDITION

    @model_validator(mode="after")
    def _known(self) -> BenchmarkChoice:
        try:
            check_industry(self.industry, check_edition(self.edition))
        except BenchmarkError as exc:
            raise ValueError(exc.message) from None
        return self


class TrackedWork(_Exchange):
    """Who does one roadmap recommendation, by when, and how far it got."""

    owner: UserText = Field(default="", max_length=200)
    due_date: date | None = None
    status: Literal["planned", "in_progress", "done", "dropped"] = "planned"


class Responses(_Exchange):
    questionnaire: str
    questionnaire_version: str | None = None
    respondent: Respondent = Respondent()
    scope: Scope = Scope()
    answers: dict[str, Answer] = Field(default_factory=dict)
    targets: dict[str, Number] | None = Field(
        default=None,
        description="Target level per dimension or capability id: 1 to 5 in steps of 0.5.",
    )
    capacity: StrictInt | None = Field(
        default=None, ge=1, le=200, description="Roadmap effort points per phase (S=1, M=3, L=8)."
    )
    wip_limit: StrictInt | None = Field(
        default=None,
        ge=1,
        le=MAX_WIP_LIMIT,
        description="Roadmap initiatives under way at once per phase (as the Roadmap page).",
    )
    tracking: dict[str, TrackedWork] = Field(
        default_factory=dict, description="Tracked roadmap work by recommendation id."
    )
    benchmark: BenchmarkChoice | None = Field(
        default=None, description="The DORA industry and edition to compare with."
    )

    def to_json(self) -> str:
        """The exchange format, pretty-printed, without empty defaults."""
        data = self.model_dump(mode="json", exclude_defaults=True)
        if self.benchmark is not None:  # both fields, so an import pins the edition
            data["benchmark"] = self.benchmark.model_dump(mode="json")
        return json.dumps(data, indent=2) + "\n"


def parse_responses_json(text: str | bytes, source: str = "responses") -> dict[str, Any]:
    """Decode a responses document; the result still needs :func:`parse_responses`.

    Refused: more than :data:`MAX_RESPONSES_BYTES`, a key given twice in one object (JSON
    would keep the last silently), nesting too deep, integers of thousands of digits.
    """
    if len(text) > MAX_RESPONSES_BYTES:
        limit = MAX_RESPONSES_BYTES // (1024 * 1024)
        raise ResponsesError(f"{source}: larger than {limit} MiB, so it is not read")
    try:
        data = json.loads(text, object_pairs_hook=_refuse_duplicates)
    except UnicodeDecodeError:
        raise ResponsesError(f"{source}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ResponsesError(f"{source}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except _DuplicateKey as exc:
        line = _line_of_duplicate(text)
        where = f" (line {line})" if line else ""
        raise ResponsesError(f"{source}{where}: the key '{exc.key}' is given twice") from None
    except RecursionError:
        raise ResponsesError(f"{source}: not valid JSON: nested too deeply") from None
    except ValueError:  # Python refuses integers of thousands of digits
        raise ResponsesError(f"{source}: not valid JSON: a number is far too long") from None
    if not isinstance(data, dict):
        raise ResponsesError(f"{source}: expected a JSON object with 'questionnaire' and 'answers'")
    return data


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _DuplicateKey(key)
        found[key] = value
    return found


def _line_of_duplicate(text: str | bytes) -> int | None:
    """The line of the first key given twice, found by reading the JSON as YAML (a superset
    of JSON that keeps positions); None if that reading fails."""
    import yaml  # only on this error path

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in current.value:
                if key.value in seen:
                    return int(key.start_mark.line) + 1
                seen.add(key.value)
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return None


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
