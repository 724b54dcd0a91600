"""The questions of a questionnaire: scale, choice and metric, their options, and the
building blocks every questionnaire model shares (identifiers, numbers, weights, ``Strict``).

``questionnaire.py`` assembles these into dimensions, capabilities and recommendations and
re-exports every name here, so ``from assessment_models.questionnaire import …`` keeps working.
"""

from __future__ import annotations

from enum import StrEnum
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


def _check_unique_option_ids(options: tuple[Option, ...]) -> None:
    ids = [o.id for o in options]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ValueError(f"option ids must be unique within a question, repeated: {dupes}")
