"""The questionnaire format: Questionnaire → Dimension → Capability → Question.

These models are the single definition of what a questionnaire YAML file may hold; the JSON
Schema that editors use is generated from them (:func:`questionnaire_json_schema`).
Everything here is frozen: a loaded questionnaire never changes.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterator
from enum import StrEnum
from functools import cached_property
from itertools import pairwise
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_-]*$",
        max_length=64,
        description="Stable identifier: lower case letters, digits, '_' or '-'. Never reuse one.",
    ),
]


def not_a_boolean(value: Any) -> Any:
    """Refuse ``true``/``false`` where a number belongs (pydantic would read them as 1/0)."""
    if isinstance(value, bool):
        raise ValueError("a number is expected here, not true/false")
    return value


#: A number, never a boolean; infinities and NaN are refused by ``allow_inf_nan`` below.
Number = Annotated[float, BeforeValidator(not_a_boolean)]
Integer = Annotated[int, BeforeValidator(not_a_boolean)]
Level = Annotated[Integer, Field(ge=1, le=5, description="Maturity level, 1 to 5.")]
Text = Annotated[str, Field(min_length=1)]
#: Bounded so that no sum of weights can overflow (or lose every other weight to rounding).
MAX_WEIGHT = 1000
Weight = Annotated[
    Number, Field(gt=0, le=MAX_WEIGHT, description="Relative weight in the parent's average.")
]

DEFAULT_LEVEL_NAMES: dict[int, str] = {
    1: "Initial",
    2: "Managed",
    3: "Defined",
    4: "Quantitatively managed",
    5: "Optimizing",
}


def is_target(value: float) -> bool:
    """A target level: 1 to 5 in steps of 0.5 (the roadmap, storage and import agree on it)."""
    return math.isfinite(value) and 1 <= value <= 5 and float(value * 2).is_integer()


class Strict(BaseModel):
    """Base for questionnaire content: immutable, and an unknown key is an error."""

    # allow_inf_nan=False: an infinite or NaN number passes no comparison honestly, and JSON
    # cannot hold it, so a stored snapshot with one could never be read back.
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False, defer_build=True)


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


class DoraKey(StrEnum):
    DEPLOYMENT_FREQUENCY = "deployment_frequency"
    LEAD_TIME = "lead_time"
    CHANGE_FAILURE_RATE = "change_failure_rate"
    TIME_TO_RESTORE = "time_to_restore"
    REWORK_RATE = "rework_rate"


#: The unit a metric question must use when it names a DORA key, so that a benchmark can
#: place the answer in DORA's own response buckets.
DORA_CANONICAL_UNITS: dict[DoraKey, str] = {
    DoraKey.DEPLOYMENT_FREQUENCY: "deployments per week",
    DoraKey.LEAD_TIME: "hours",
    DoraKey.CHANGE_FAILURE_RATE: "percent",
    DoraKey.TIME_TO_RESTORE: "hours",
    DoraKey.REWORK_RATE: "percent",
}


class Effort(StrEnum):
    S = "S"
    M = "M"
    L = "L"


class Option(Strict):
    """One answer a respondent can pick, mapped to a maturity level."""

    id: Id
    level: Level
    label: Text = Field(description="Short label, e.g. 'Ad hoc' or 'Yes'.")
    descriptor: str = Field(
        default="",
        description="One sentence describing what this level looks like in practice.",
    )


class _QuestionBase(Strict):
    id: Id
    text: Text
    help: str = Field(default="", description="Why the question matters, in a sentence or two.")
    weight: Weight = 1.0
    allow_na: bool = True
    references: tuple[str, ...] = Field(
        default=(), description="e.g. 'ITIL 4: Change enablement', 'DORA: Deployment frequency'."
    )


class _OptionsQuestion(_QuestionBase):
    options: tuple[Option, ...]

    def option_at(self, level: int | None) -> Option | None:
        """The option on this level (levels are distinct within a question), if any."""
        return next((o for o in self.options if o.level == level), None)


class ScaleQuestion(_OptionsQuestion):
    """Five level descriptors; the respondent picks the sentence that describes them."""

    kind: Literal["scale"]

    @field_validator("options")
    @classmethod
    def _exactly_levels_one_to_five(cls, options: tuple[Option, ...]) -> tuple[Option, ...]:
        levels = sorted(o.level for o in options)
        if levels != [1, 2, 3, 4, 5]:
            raise ValueError(
                f"a scale question needs exactly five options with levels 1, 2, 3, 4 and 5, "
                f"found levels {levels}"
            )
        missing = [o.id for o in options if not o.descriptor.strip()]
        if missing:
            raise ValueError(f"scale options need a descriptor; missing on {', '.join(missing)}")
        _check_unique_option_ids(options)
        return tuple(sorted(options, key=lambda o: o.level))


class ChoiceQuestion(_OptionsQuestion):
    """Two to six options (e.g. Yes / Partly / No), each mapped to a level."""

    kind: Literal["choice"]
    options: tuple[Option, ...] = Field(min_length=2, max_length=6)

    @field_validator("options")
    @classmethod
    def _distinct_levels(cls, options: tuple[Option, ...]) -> tuple[Option, ...]:
        _check_unique_option_ids(options)
        levels = [o.level for o in options]
        if len(set(levels)) != len(levels):
            # A stored answer is a level; two options on one level could not be told apart.
            raise ValueError(f"choice options need distinct levels, found {levels}")
        return options


class MetricQuestion(_QuestionBase):
    """A number with a unit, mapped to a level by four thresholds."""

    kind: Literal["metric"]
    unit: Text
    direction: Direction
    thresholds: tuple[Number, Number, Number, Number] = Field(
        description="Values at which levels 2, 3, 4 and 5 are reached."
    )
    dora_key: DoraKey | None = None
    min_value: Number = Field(default=0.0, description="Smallest value a respondent may enter.")
    max_value: Number | None = Field(default=None, description="Largest value, if bounded.")

    @field_validator("thresholds")
    @classmethod
    def _strictly_monotonic(cls, thresholds: tuple[float, ...], info: Any) -> tuple[float, ...]:
        direction = info.data.get("direction")
        pairs = list(pairwise(thresholds))
        if direction == Direction.HIGHER_IS_BETTER and not all(a < b for a, b in pairs):
            raise ValueError(
                "thresholds must be strictly ascending for higher_is_better, "
                f"got {list(thresholds)}"
            )
        if direction == Direction.LOWER_IS_BETTER and not all(a > b for a, b in pairs):
            raise ValueError(
                "thresholds must be strictly descending for lower_is_better, "
                f"got {list(thresholds)}"
            )
        return thresholds

    @model_validator(mode="after")
    def _dora_unit(self) -> MetricQuestion:
        if self.dora_key is not None:
            expected = DORA_CANONICAL_UNITS[self.dora_key]
            if self.unit != expected:
                raise ValueError(
                    f"a question measuring DORA's {self.dora_key.value} must use the unit "
                    f"'{expected}', not '{self.unit}'"
                )
        if self.max_value is not None and self.max_value <= self.min_value:
            raise ValueError("max_value must be greater than min_value")
        return self

    def level_of(self, value: float) -> int:
        """1 + the number of thresholds the value reaches; a value on a threshold reaches it."""
        if self.direction == Direction.HIGHER_IS_BETTER:
            return 1 + sum(value >= t for t in self.thresholds)
        return 1 + sum(value <= t for t in self.thresholds)


Question = Annotated[ScaleQuestion | ChoiceQuestion | MetricQuestion, Field(discriminator="kind")]


class Address(Strict):
    """One answer a recommendation improves: the question, and the level it brings it to.

    The recommendation is offered while the answer lies in ``[from_level, to_level - 1]``.
    """

    question: Id = Field(description="Id of the question whose practice this step builds.")
    to_level: Integer = Field(ge=2, le=5, description="The level the answer reaches once done.")
    from_level: Level = Field(
        default=1, description="The lowest answer level the step suits (default 1)."
    )

    def fires_at(self, level: int | None) -> bool:
        """True when an answer on ``level`` is one this step improves."""
        return level is not None and self.from_level <= level < self.to_level


class Recommendation(Strict):
    """A concrete step that raises one or more answers, listed under a capability."""

    id: Id
    title: Text
    description: Text = Field(
        description="What to do, with whom, how to know it worked; startable next week."
    )
    addresses: tuple[Address, ...] = Field(
        min_length=1, description="The answers this step raises; it fires on any of them."
    )
    improves: tuple[DoraKey, ...] = Field(
        default=(), description="DORA outcomes it improves; a weak measured one raises priority."
    )
    initiative: Id | None = Field(
        default=None, description="Id of a top-level initiative; required when there are any."
    )
    impact: Integer = Field(ge=1, le=3, description="1 low, 2 medium, 3 high.")
    effort: Effort
    requires: tuple[Id, ...] = Field(default=(), description="Ids of recommendations to do first.")


class Initiative(Strict):
    """A theme that groups recommendations for the executive view of the roadmap."""

    id: Id
    title: Text
    description: str = Field(default="", description="One sentence on what it changes.")


class Capability(Strict):
    id: Id
    title: Text
    description: str = ""
    weight: Weight = 1.0
    questions: tuple[Question, ...] = Field(min_length=1)
    recommendations: tuple[Recommendation, ...] = ()


class Dimension(Strict):
    id: Id
    title: Text
    description: str = ""
    weight: Weight = 1.0
    capabilities: tuple[Capability, ...] = Field(min_length=1)


class Questionnaire(Strict):
    id: Id
    version: Text = Field(description="Version of this questionnaire's content, e.g. 1.0.0.")
    title: Text
    description: str = ""
    language: str = Field(default="en", description="BCP 47 language tag of the content.")
    estimated_minutes: Integer = Field(gt=0, le=24 * 60)
    level_names: dict[Level, Text] = Field(default_factory=lambda: dict(DEFAULT_LEVEL_NAMES))
    default_target: Number = Field(default=4.0, ge=1, le=5)
    initiatives: tuple[Initiative, ...] = Field(
        default=(), description="Optional themes that group recommendations for executives."
    )
    dimensions: tuple[Dimension, ...] = Field(min_length=1)

    @field_validator("level_names")
    @classmethod
    def _all_five_levels_named(cls, names: dict[int, str]) -> dict[int, str]:
        if sorted(names) != [1, 2, 3, 4, 5]:
            raise ValueError(f"level_names must name levels 1 to 5, found {sorted(names)}")
        return names

    @model_validator(mode="wrap")
    @classmethod
    def _cross_checks(cls, data: Any, handler: Any) -> Questionnaire:
        # A questionnaire handed over as an instance was checked when it was made: pydantic
        # runs "after" validators even on instances, so every record holding one (each
        # page run builds several) re-ran these checks, about 5 ms each on delivery-full.
        if isinstance(data, cls):
            return data
        questionnaire: Questionnaire = handler(data)
        # Raised as ContentError (not ValueError) so the path to the culprit survives
        # pydantic and the loader can point at the exact line.
        # Imported here: the content checks import this module's models.
        from assessment_models.content_checks import (
            check_addresses,
            check_requires,
            check_unique_ids,
        )

        check_unique_ids(questionnaire)
        check_requires(questionnaire)
        check_addresses(questionnaire)
        return questionnaire

    # Lookups, computed once per (immutable) questionnaire.
    def iter_questions(self) -> Iterator[tuple[Dimension, Capability, Question]]:
        for dimension in self.dimensions:
            for capability in dimension.capabilities:
                for question in capability.questions:
                    yield dimension, capability, question

    @cached_property
    def questions_by_id(self) -> dict[str, Question]:
        return {q.id: q for _, _, q in self.iter_questions()}

    @cached_property
    def capabilities_by_id(self) -> dict[str, Capability]:
        return {c.id: c for d in self.dimensions for c in d.capabilities}

    @cached_property
    def dimensions_by_id(self) -> dict[str, Dimension]:
        return {d.id: d for d in self.dimensions}

    @cached_property
    def dimension_of_capability(self) -> dict[str, Dimension]:
        return {c.id: d for d in self.dimensions for c in d.capabilities}

    @cached_property
    def capability_of_question(self) -> dict[str, Capability]:
        return {q.id: c for _, c, q in self.iter_questions()}

    @cached_property
    def capability_of_recommendation(self) -> dict[str, Capability]:
        return {r.id: c for c in self.capabilities_by_id.values() for r in c.recommendations}

    @cached_property
    def initiatives_by_id(self) -> dict[str, Initiative]:
        return {i.id: i for i in self.initiatives}

    @cached_property
    def recommendations_by_id(self) -> dict[str, Recommendation]:
        return {r.id: r for d in self.dimensions for c in d.capabilities for r in c.recommendations}

    @property
    def question_count(self) -> int:
        return len(self.questions_by_id)

    def level_name(self, level: int | None) -> str | None:
        return None if level is None else self.level_names[level]

    def content_hash(self) -> str:
        """SHA-256 of the canonical JSON of the content: changes whenever the content does."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _check_unique_option_ids(options: tuple[Option, ...]) -> None:
    ids = [o.id for o in options]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ValueError(f"option ids must be unique within a question, repeated: {dupes}")


def questionnaire_json_schema() -> dict[str, Any]:
    """The JSON Schema of the questionnaire format, generated from the models."""
    schema = Questionnaire.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Sextant questionnaire"
    return schema
