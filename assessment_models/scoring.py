"""The scoring engine: answers in, maturity scores out. Pure functions, no I/O.

- Question level: the chosen option's level, or the metric value through its thresholds.
- Capability score = Σ(weight · level) / Σ(weight) over its answered, non-N/A *practice*
  questions. A question with a ``dora_key`` measures an outcome (how often you deploy, how
  often a change fails), not a practice: it keeps its level, which the DORA benchmark, the
  practice-versus-outcome flags and the recommendations use, but it counts in no score.
  Why: outcomes inside the practice average let "N/A" on a weak DORA figure raise the
  score, and let strong outcomes hide weak practices (or the reverse). Outcomes still count
  in coverage: they are questions the team was asked.
- Dimension score = mean of its scored capabilities, weighted by capability weight.
- Overall score = mean of the scored dimensions, weighted by dimension weight.
- A unit with nothing to average has no score (None), never 0; a unit out of scope has no
  score and no coverage and counts in no average.
- Level of a score = floor(score). Full precision inside; round only for display.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from assessment_models.per_questionnaire import per_questionnaire
from assessment_models.questionnaire import (
    Capability,
    Dimension,
    MetricQuestion,
    Question,
    Questionnaire,
)
from assessment_models.responses import Answer, Responses, question_level

# Guards floor() against binary fractions such as 2.9999999999999996 for a true 3.
_EPSILON = 1e-9


class QuestionContribution(BaseModel):
    """One question's part in its capability's score."""

    model_config = ConfigDict(frozen=True)

    question_id: str
    text: str
    kind: str
    weight: float
    level: int | None
    value: float | None = None
    na: bool = False
    answered: bool = False
    outcome: bool = False  # a DORA key metric: has a level, counts in no score

    @property
    def counted(self) -> bool:
        """True when this answer's level goes into its capability's score."""
        return self.level is not None and not self.outcome


class UnitScore(BaseModel):
    """The score of the whole assessment, one dimension or one capability."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    unit: Literal["overall", "dimension", "capability"]
    dimension: str | None = None
    weight: float = 1.0
    score: float | None
    level: int | None
    level_name: str | None
    questions: int
    answered: int
    na: int
    in_scope: bool = True

    @property
    def coverage(self) -> float | None:
        """Answered (N/A included) / questions; None when out of scope."""
        if not self.in_scope or self.questions == 0:
            return None
        return self.answered / self.questions

    def as_output(self) -> dict[str, Any]:
        """The CLI's JSON shape, rounded to two decimals."""
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "score": round_for_output(self.score),
            "level": self.level,
            "level_name": self.level_name,
            "coverage": round_for_output(self.coverage),
            "questions": self.questions,
            "answered": self.answered,
            "na": self.na,
            "in_scope": self.in_scope,
        }
        if self.dimension is not None:
            out["dimension"] = self.dimension
        return out


class ScoreCard(BaseModel):
    """Every score of one assessment, with the answers behind each capability's number."""

    model_config = ConfigDict(frozen=True)

    questionnaire_id: str
    questionnaire_version: str
    overall: UnitScore
    dimensions: tuple[UnitScore, ...]
    capabilities: tuple[UnitScore, ...]
    explanations: dict[str, tuple[QuestionContribution, ...]]

    def dimension(self, dimension_id: str) -> UnitScore:
        return self._dimensions_by_id[dimension_id]

    def capability(self, capability_id: str) -> UnitScore:
        return self._capabilities_by_id[capability_id]

    # By id, built once: the roadmap and the pages ask for one unit per item or row, and
    # scanning the tuple each time made a 2,000-question roadmap grow as n².
    @cached_property
    def _dimensions_by_id(self) -> dict[str, UnitScore]:
        return {d.id: d for d in self.dimensions}

    @cached_property
    def _capabilities_by_id(self) -> dict[str, UnitScore]:
        return {c.id: c for c in self.capabilities}

    def as_output(self, explain: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "questionnaire": self.questionnaire_id,
            "questionnaire_version": self.questionnaire_version,
            "overall": self.overall.as_output(),
            "dimensions": [d.as_output() for d in self.dimensions],
            "capabilities": [c.as_output() for c in self.capabilities],
        }
        if explain:
            out["explanations"] = {
                cap: [c.model_dump(mode="json") for c in contributions]
                for cap, contributions in self.explanations.items()
            }
        return out


def score(questionnaire: Questionnaire, responses: Responses) -> ScoreCard:
    """Score normalised responses (see :func:`responses.parse_responses`)."""
    excluded = set(responses.scope.exclude)
    capability_scores: list[UnitScore] = []
    dimension_scores: list[UnitScore] = []
    explanations: dict[str, tuple[QuestionContribution, ...]] = {}

    answers = responses.answers
    for dimension, capabilities in _layout(questionnaire):
        dimension_in_scope = dimension.id not in excluded
        own: list[UnitScore] = []
        for capability, rows in capabilities:
            in_scope = dimension_in_scope and capability.id not in excluded
            contributions = tuple(_contribution(row, answers.get(row.id)) for row in rows)
            explanations[capability.id] = contributions
            mean = (
                weighted_mean((c.level, c.weight) for c in contributions if c.counted)
                if in_scope
                else None
            )
            own.append(
                _unit(
                    questionnaire,
                    id=capability.id,
                    title=capability.title,
                    unit="capability",
                    dimension=dimension.id,
                    weight=capability.weight,
                    score=mean,
                    questions=len(contributions),
                    answered=sum(c.answered for c in contributions) if in_scope else 0,
                    na=sum(c.na for c in contributions) if in_scope else 0,
                    in_scope=in_scope,
                )
            )
        capability_scores.extend(own)
        scoped = [c for c in own if c.in_scope]
        dimension_scores.append(
            _unit(
                questionnaire,
                id=dimension.id,
                title=dimension.title,
                unit="dimension",
                weight=dimension.weight,
                score=weighted_mean((c.score, c.weight) for c in scoped if c.score is not None),
                questions=sum(c.questions for c in scoped),
                answered=sum(c.answered for c in scoped),
                na=sum(c.na for c in scoped),
                in_scope=bool(scoped),
            )
        )

    scoped_dimensions = [d for d in dimension_scores if d.in_scope]
    overall = _unit(
        questionnaire,
        id=questionnaire.id,
        title=questionnaire.title,
        unit="overall",
        score=weighted_mean(
            (d.score, d.weight) for d in scoped_dimensions if d.score is not None
        ),
        questions=sum(d.questions for d in scoped_dimensions),
        answered=sum(d.answered for d in scoped_dimensions),
        na=sum(d.na for d in scoped_dimensions),
        in_scope=bool(scoped_dimensions),
    )
    return ScoreCard(
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        overall=overall,
        dimensions=tuple(dimension_scores),
        capabilities=tuple(capability_scores),
        explanations=explanations,
    )


def weighted_mean(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Σ(weight · value) / Σ(weight); None when there is nothing to average."""
    total = weights = 0.0
    for value, weight in pairs:
        total += weight * value
        weights += weight
    return total / weights if weights > 0 else None


def level_of_score(score: float | None) -> int | None:
    """The maturity level a score reaches: its floor, within 1..5."""
    if score is None:
        return None
    return max(1, min(5, math.floor(score + _EPSILON)))


@dataclass(frozen=True, slots=True)
class _Row:
    """One question as scoring reads it."""

    id: str
    text: str
    kind: str
    weight: float
    question: Question
    # A DORA key metric: an outcome, not a practice (see the module doc).
    outcome: bool


_Layout = tuple[tuple[Dimension, tuple[tuple[Capability, tuple[_Row, ...]], ...]], ...]


@per_questionnaire
def _layout(questionnaire: Questionnaire) -> _Layout:
    """The questionnaire's units and questions in scoring order, read once per questionnaire
    (reading each question's fields through pydantic on every call was a third of score())."""
    return tuple(
        (dimension, tuple(
            (capability, tuple(
                _Row(id=q.id, text=q.text, kind=q.kind, weight=q.weight, question=q,
                     outcome=isinstance(q, MetricQuestion) and q.dora_key is not None)
                for q in capability.questions
            ))
            for capability in dimension.capabilities
        ))
        for dimension in questionnaire.dimensions
    )


def _contribution(row: _Row, answer: Answer | None) -> QuestionContribution:
    if answer is None:
        return QuestionContribution(question_id=row.id, text=row.text, kind=row.kind,
                                    weight=row.weight, level=None, outcome=row.outcome)
    return QuestionContribution(
        question_id=row.id,
        text=row.text,
        kind=row.kind,
        weight=row.weight,
        level=question_level(row.question, answer),
        value=answer.value,
        na=answer.na,
        answered=answer.is_answered,
        outcome=row.outcome,
    )


def _unit(questionnaire: Questionnaire, **fields: Any) -> UnitScore:
    level = level_of_score(fields["score"])
    return UnitScore(level=level, level_name=questionnaire.level_name(level), **fields)


def round_for_output(value: float | None) -> float | None:
    """Two decimals, for JSON and tables only; scores keep full precision inside."""
    return None if value is None else round(value, 2)
