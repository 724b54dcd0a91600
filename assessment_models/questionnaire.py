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
from typing import Any

from pydantic import (
    Field,
    field_validator,
    model_validator,
)

from assessment_models.questions import (
    DORA_CANONICAL_UNITS,
    MAX_WEIGHT,
    ChoiceQuestion,
    Direction,
    DoraKey,
    Id,
    Integer,
    Level,
    MetricQuestion,
    Number,
    Option,
    Question,
    ScaleQuestion,
    Strict,
    Text,
    Weight,
    not_a_boolean,
)

# The question models live in questions.py; this module is still where every model of the
# format is imported from.
__all__ = [
    "DEFAULT_LEVEL_NAMES",
    "DORA_CANONICAL_UNITS",
    "MAX_WEIGHT",
    "Address",
    "Capability",
    "ChoiceQuestion",
    "Dimension",
    "Direction",
    "DoraKey",
    "Effort",
    "Id",
    "Initiative",
    "Integer",
    "Level",
    "MetricQuestion",
    "Number",
    "Option",
    "Question",
    "Questionnaire",
    "Recommendation",
    "ScaleQuestion",
    "Strict",
    "Text",
    "Weight",
    "is_target",
    "not_a_boolean",
    "questionnaire_json_schema",
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


class Effort(StrEnum):
    S = "S"
    M = "M"
    L = "L"


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


def questionnaire_json_schema() -> dict[str, Any]:
    """The JSON Schema of the questionnaire format, generated from the models."""
    schema = Questionnaire.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Sextant questionnaire"
    return schema
