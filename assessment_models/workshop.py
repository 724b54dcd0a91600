"""Workshops: where a group's spread, its agenda and the median consensus are computed.

Pure functions, no I/O. Storage hands in every participant's answers; the dashboard, the
projector, the exports and the PDF all read the :class:`WorkshopAggregate` built here.

The rules, in one place:

- A question's figures rest on the participants who gave it a level (``n``) out of all
  participants (``N``); N/A answers are counted apart and carry no level.
- Spread is the *population* standard deviation of the levels: it describes this group,
  not a sample of a larger one. One answer has a spread of 0.
- **Discuss first** ranks questions by spread, ties by range (max − min), then by the share
  of low-confidence answers, then by questionnaire order.
- **The median consensus** is the *lower median* of the levels: with an even count, the
  lower of the two middle answers. It is always a level somebody actually chose (a choice
  question with levels 1, 3, 5 has no level 2), and it errs on the cautious side. N/A wins
  only when more participants said N/A than gave a level. Metric questions take the lower
  median of the values, so the agreed figure is one a participant reported.
- In anonymous mode no distribution is shown for a question with fewer than
  :data:`ANONYMOUS_MINIMUM` answers: with two answers, each person could read the other's.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from assessment_models.participant_scores import dimension_scores
from assessment_models.questionnaire import MetricQuestion, Question, Questionnaire
from assessment_models.responses import Answer, Scope, question_level

Anonymity = Literal["named", "facilitator_only", "anonymous"]
#: From least to most private; a workshop's anonymity may only move right.
ANONYMITY_ORDER: tuple[Anonymity, ...] = ("named", "facilitator_only", "anonymous")
ANONYMOUS_MINIMUM = 3
#: Spread (standard deviation of levels) from which a question is on the agenda by default:
#: answers a full level apart on average.
DEFAULT_THRESHOLD = 1.0
CONFIDENCES = ("low", "medium", "high", "unsure")  # "unsure": no confidence given


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Participant(_Frozen):
    """One participant's answers as the aggregation sees them."""

    label: str  # display name, or "P3" when names are not to be shown
    answers: dict[str, Answer]
    last_activity: datetime | None = None


class QuestionSpread(_Frozen):
    """The group's answers to one question."""

    question_id: str
    dimension_id: str
    participants: int  # N
    n: int  # answers with a level
    na: int
    levels: dict[int, int]  # level -> how many chose it (every option level, zeros included)
    median: float | None
    mean: float | None
    minimum: int | None
    maximum: int | None
    sd: float
    confidence: dict[str, int]  # low / medium / high / unsure, over answered participants
    comments: tuple[tuple[str, str], ...]  # (label, text); label "" in anonymous mode
    value_median: float | None = None
    value_q1: float | None = None
    value_q3: float | None = None
    hidden: bool = False  # too few answers to show in anonymous mode

    @property
    def range(self) -> int:
        return 0 if self.minimum is None or self.maximum is None else self.maximum - self.minimum

    @property
    def answered(self) -> int:
        """Participants who gave a level or N/A."""
        return self.n + self.na

    @property
    def low_confidence_share(self) -> float:
        return self.confidence.get("low", 0) / self.answered if self.answered else 0.0


class Progress(_Frozen):
    label: str
    answered: int
    questions: int
    last_activity: datetime | None

    @property
    def share(self) -> float:
        return self.answered / self.questions if self.questions else 0.0


class DimensionSpread(_Frozen):
    """The group on one dimension: median, lowest and highest participant score."""

    dimension_id: str
    title: str
    n: int  # participants with a score on this dimension
    median: float | None
    minimum: float | None
    maximum: float | None
    profiles: dict[str, float | None]  # label -> score (empty in anonymous mode)


class WorkshopAggregate(_Frozen):
    participants: int
    progress: tuple[Progress, ...]
    questions: tuple[QuestionSpread, ...]
    dimensions: tuple[DimensionSpread, ...]

    def question(self, question_id: str) -> QuestionSpread:
        return next(q for q in self.questions if q.question_id == question_id)


class Narrowing(_Frozen):
    """How far a question's spread moved between the first and the second round."""

    question_id: str
    sd_before: float
    sd_after: float
    n_before: int
    n_after: int

    @property
    def change(self) -> float:
        """Positive when the group moved closer together."""
        return self.sd_before - self.sd_after

    @property
    def share(self) -> float | None:
        """The part of the first-round spread that went away (None when there was none)."""
        return None if self.sd_before == 0 else self.change / self.sd_before


# Aggregation -------------------------------------------------------------------------------


def aggregate(
    questionnaire: Questionnaire,
    participants: Sequence[Participant],
    scope: Scope,
    anonymity: Anonymity,
) -> WorkshopAggregate:
    """Every figure of the dashboard, from every participant's answers."""
    in_scope = in_scope_questions(questionnaire, scope)
    dimension_of = {q.id: d.id for d, _c, q in questionnaire.iter_questions()}
    spreads = tuple(
        question_spread(question, dimension_of[question.id], participants, anonymity)
        for question in in_scope
    )
    progress = tuple(
        Progress(
            label=p.label,
            answered=sum(1 for q in in_scope if (a := p.answers.get(q.id)) and a.is_answered),
            questions=len(in_scope),
            last_activity=p.last_activity,
        )
        for p in participants
    )
    return WorkshopAggregate(
        participants=len(participants),
        progress=progress,
        questions=spreads,
        dimensions=dimension_spreads(questionnaire, participants, scope, anonymity),
    )


def question_spread(
    question: Question,
    dimension_id: str,
    participants: Sequence[Participant],
    anonymity: Anonymity,
) -> QuestionSpread:
    """Distribution, centre and spread of one question's answers."""
    levels: list[int] = []
    values: list[float] = []
    na = 0
    confidence = dict.fromkeys(CONFIDENCES, 0)
    comments: list[tuple[str, str]] = []
    metric = isinstance(question, MetricQuestion)
    qid = question.id
    # The dashboard runs this for every question and participant on every refresh: the
    # loop reads fields directly rather than through helper properties.
    for participant in participants:
        answer = participant.answers.get(qid)
        if answer is None:
            continue
        if answer.comment and answer.comment.strip():
            label = "" if anonymity == "anonymous" else participant.label
            comments.append((label, answer.comment.strip()))
        if answer.na:
            na += 1
        elif answer.level is None and answer.value is None:
            continue  # a bare comment or confidence is not an answer
        confidence[answer.confidence or "unsure"] += 1  # Confidence is a str enum
        if answer.na:
            continue
        if metric:
            if answer.value is not None:
                values.append(answer.value)
                levels.append(question.level_of(answer.value))  # type: ignore[union-attr]
        elif isinstance(answer.level, int):
            levels.append(answer.level)
    counts = dict.fromkeys(option_levels(question), 0)
    for level in levels:
        counts[level] = counts.get(level, 0) + 1
    q1, q3 = quartiles(values)
    return QuestionSpread(
        question_id=question.id,
        dimension_id=dimension_id,
        participants=len(participants),
        n=len(levels),
        na=na,
        levels=dict(sorted(counts.items())),
        median=statistics.median(levels) if levels else None,
        mean=statistics.fmean(levels) if levels else None,
        minimum=min(levels) if levels else None,
        maximum=max(levels) if levels else None,
        sd=population_sd(levels),
        confidence=confidence,
        comments=tuple(comments),
        value_median=statistics.median(values) if values else None,
        value_q1=q1,
        value_q3=q3,
        hidden=anonymity == "anonymous" and len(levels) + na < ANONYMOUS_MINIMUM,
    )


def dimension_spreads(
    questionnaire: Questionnaire,
    participants: Sequence[Participant],
    scope: Scope,
    anonymity: Anonymity,
) -> tuple[DimensionSpread, ...]:
    """Per dimension: the median participant score and the band from lowest to highest."""
    cards = [dimension_scores(questionnaire, scope, p.answers) for p in participants]
    out = []
    for dimension in questionnaire.dimensions:
        by_label = {
            p.label: card[dimension.id] for p, card in zip(participants, cards, strict=True)
        }
        scores = [s for s in by_label.values() if s is not None]
        out.append(
            DimensionSpread(
                dimension_id=dimension.id,
                title=dimension.title,
                n=len(scores),
                median=statistics.median(scores) if scores else None,
                minimum=min(scores) if scores else None,
                maximum=max(scores) if scores else None,
                profiles={} if anonymity == "anonymous" else by_label,
            )
        )
    return tuple(out)


# The agenda and the consensus ------------------------------------------------------------


def discuss_first(
    spreads: Iterable[QuestionSpread], threshold: float = DEFAULT_THRESHOLD
) -> list[QuestionSpread]:
    """The questions to talk about, most disagreement first (see the module's rules).

    Questions hidden for anonymity and questions with fewer than two levels are left out:
    there is no disagreement to show.
    """
    return [s for s in rank_by_disagreement(spreads) if s.n >= 2 and s.sd >= threshold]


def rank_by_disagreement(spreads: Iterable[QuestionSpread]) -> list[QuestionSpread]:
    """Every shown question, most disagreement first; ties keep questionnaire order."""
    shown = [s for s in spreads if not s.hidden]
    # sorted() is stable, so equal keys keep the order they came in (questionnaire order).
    return sorted(shown, key=lambda s: (-s.sd, -s.range, -s.low_confidence_share))


def median_answer(question: Question, participants: Iterable[Participant]) -> Answer | None:
    """The answer "take the median" records (lower median; see the module's rules)."""
    levels: list[int] = []
    values: list[float] = []
    na = 0
    for participant in participants:
        answer = participant.answers.get(question.id)
        if answer is None or not answer.is_answered:
            continue
        if answer.na:
            na += 1
        elif isinstance(question, MetricQuestion):
            if answer.value is not None:
                values.append(answer.value)
        else:
            level = question_level(question, answer)
            if level is not None:
                levels.append(level)
    given = len(values) if isinstance(question, MetricQuestion) else len(levels)
    if na > given:
        return Answer(na=True)
    if values:
        return Answer(value=statistics.median_low(values))
    if levels:
        return Answer(level=statistics.median_low(levels))
    return None


def narrowing(
    question_ids: Iterable[str], before: WorkshopAggregate, after: WorkshopAggregate
) -> list[Narrowing]:
    """For each re-voted question, its spread in the first round and now."""
    out = []
    for question_id in question_ids:
        first, second = before.question(question_id), after.question(question_id)
        out.append(
            Narrowing(
                question_id=question_id,
                sd_before=first.sd,
                sd_after=second.sd,
                n_before=first.n,
                n_after=second.n,
            )
        )
    return out


# Helpers -----------------------------------------------------------------------------------


def in_scope_questions(questionnaire: Questionnaire, scope: Scope) -> list[Question]:
    """The questions a participant is asked, in questionnaire order."""
    excluded = set(scope.exclude)
    return [
        q
        for d, c, q in questionnaire.iter_questions()
        if d.id not in excluded and c.id not in excluded
    ]


def option_levels(question: Question) -> list[int]:
    """The levels a question's answers can take (1–5 for a metric)."""
    if isinstance(question, MetricQuestion):
        return [1, 2, 3, 4, 5]
    return sorted(o.level for o in question.options)


def quartiles(values: Sequence[float]) -> tuple[float | None, float | None]:
    """First and third quartile (inclusive method: they stay within the values given)."""
    if not values:
        return None, None
    if len(values) == 1:
        return values[0], values[0]
    q1, _q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q3


def population_sd(levels: Sequence[int]) -> float:
    """Standard deviation of the levels as a population, in floats.

    (``statistics.pstdev`` is exact but works in fractions, ten times slower; levels are
    small integers, so floats lose nothing that shows.)
    """
    if len(levels) < 2:
        return 0.0
    mean = sum(levels) / len(levels)
    return math.sqrt(sum((x - mean) ** 2 for x in levels) / len(levels))
