"""The exchange format's models: an answer, the respondent, the scope, tracked work and the
whole :class:`Responses` document (``responses.py`` describes the format and re-exports
these). Validation here is of shape only; ``responses_check`` checks a document against
its questionnaire and ``responses_json`` decodes one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    model_validator,
)

from assessment_models.benchmark_data import (
    DEFAULT_EDITION,
    DEFAULT_INDUSTRY,
    BenchmarkError,
    check_edition,
    check_industry,
)
from assessment_models.questionnaire import Number

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
