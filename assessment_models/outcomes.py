"""Practice versus outcome: where the answers and the DORA numbers disagree. Pure functions.

The scale and choice answers describe *practices*; the DORA metrics measure *outcomes*.
They should roughly agree. When an answer about a practice that drives an outcome sits two
or more levels away from that outcome's level, something is off: the practice is not
followed as described, or the number is not measured as DORA defines it. A good auditor
asks to see the evidence; :func:`practice_outcome_flags` finds those places and says so in
a plain sentence.

Which practices drive which outcome:

- a question whose ``references`` cite a capability DORA's research links to the outcome
  (:data:`DRIVERS`; e.g. "ITIL 4: Change enablement" and "DORA: Test automation" drive the
  change failure rate), and
- a question addressed by a recommendation that ``improves`` the outcome.

An outcome's level is its question's level (the thresholds follow DORA's buckets), and
DORA's band follows from it: levels 1–2 low, 3 medium, 4 high, 5 elite.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Literal

from pydantic import BaseModel, ConfigDict

from assessment_models.benchmark import BAND_OF_LEVEL, METRIC_OF_KEY, METRIC_TITLES
from assessment_models.quantities import quantity
from assessment_models.questionnaire import DoraKey, MetricQuestion, Questionnaire
from assessment_models.responses import Responses, question_level

#: The gap in levels between a practice answer and an outcome that calls for a check.
FLAG_GAP = 2

_CHANGE = ("ITIL 4: Change enablement", "DORA: Streamlining change approval")
_TESTING = ("DORA: Test automation", "DORA: Continuous integration", "DORA: Test data management")
_DEPLOYING = (
    "DORA: Deployment automation", "DORA: Continuous delivery", "DORA: Trunk-based development",
    "ITIL 4: Deployment management", "ITIL 4: Release management",
)
_FLOW = (
    "DORA: Work in process limits", "Lean: Value stream mapping", "Value stream mapping",
    "DORA: Loosely coupled teams", "DORA: Visibility of work in the value stream",
)
_RECOVERY = (
    "ITIL 4: Incident management", "SRE: Managing incidents", "SRE: Being on-call",
    "DORA: Monitoring and observability", "DORA: Proactive failure notification",
)

#: References naming the practices that drive each outcome, after DORA's capability model.
DRIVERS: dict[DoraKey, tuple[str, ...]] = {
    DoraKey.DEPLOYMENT_FREQUENCY: (
        *_DEPLOYING, "DORA: Continuous integration", "DORA: Loosely coupled teams",
        "DORA: Deployment frequency",
    ),
    DoraKey.LEAD_TIME: (
        *_CHANGE, *_FLOW, "DORA: Deployment automation", "DORA: Continuous delivery",
        "DORA: Test automation", "DORA: Lead time for changes",
    ),
    DoraKey.CHANGE_FAILURE_RATE: (
        *_CHANGE, *_TESTING, "SRE: Canarying releases", "DORA: Change failure rate",
    ),
    DoraKey.TIME_TO_RESTORE: (*_RECOVERY, "DORA: Time to restore service"),
    DoraKey.REWORK_RATE: (*_TESTING, "SRE: Canarying releases", "DORA: Rework rate"),
}


class FlaggedAnswer(BaseModel):
    """A practice answer that disagrees with an outcome."""

    model_config = ConfigDict(frozen=True)

    question_id: str
    question_text: str
    capability_title: str
    level: int


class PracticeOutcomeFlag(BaseModel):
    """One outcome and the practice answers two or more levels away from it, one way."""

    model_config = ConfigDict(frozen=True)

    key: DoraKey
    metric_title: str
    value: float
    unit: str
    outcome_level: int
    direction: Literal["practice_ahead", "outcome_ahead"]
    answers: tuple[FlaggedAnswer, ...]

    @property
    def band(self) -> str:
        return BAND_OF_LEVEL[self.outcome_level]

    @property
    def sentence(self) -> str:
        """The flag in plain words, with the request to check the evidence."""
        where = _capabilities_text(self.answers)
        value = quantity(self.value, self.unit)
        outcome = (
            f"{self.metric_title} is {value} (level {self.outcome_level}, "
            f"DORA's {self.band} band)"
        )
        if self.direction == "practice_ahead":
            return (
                f"{outcome}, yet the answers on {where} describe practice two or more levels "
                "better. Practices at that level usually show in this number: check the "
                "evidence that they are followed as described, and that the figure is "
                "measured the way DORA defines it."
            )
        return (
            f"{outcome}, yet the answers on {where} sit two or more levels lower. Strong "
            "results on weak practice rarely last, or the figure is optimistic: check how it "
            "was measured, and whether the practice is better than answered."
        )


def related_practices(questionnaire: Questionnaire) -> dict[DoraKey, tuple[str, ...]]:
    """Per outcome, the ids of the practice questions that drive it (see the module notes)."""
    related: dict[DoraKey, list[str]] = defaultdict(list)

    def add(key: DoraKey, question_id: str) -> None:
        if question_id not in related[key]:
            related[key].append(question_id)

    for _, _, question in questionnaire.iter_questions():
        if _is_outcome(question):
            continue
        for key, references in DRIVERS.items():
            if set(question.references) & set(references):
                add(key, question.id)
    for recommendation in questionnaire.recommendations_by_id.values():
        for key in recommendation.improves:
            for address in recommendation.addresses:
                question = questionnaire.questions_by_id.get(address.question)
                if question is not None and not _is_outcome(question):
                    add(key, question.id)
    order = {qid: i for i, qid in enumerate(questionnaire.questions_by_id)}
    return {k: tuple(sorted(v, key=order.__getitem__)) for k, v in related.items()}


def practice_outcome_flags(
    questionnaire: Questionnaire,
    responses: Responses,
    related: dict[DoraKey, tuple[str, ...]] | None = None,
) -> list[PracticeOutcomeFlag]:
    """Every outcome whose related practice answers lie two or more levels away, both ways.

    Only answered, in-scope questions take part; N/A and unanswered ones never flag.
    """
    related = related_practices(questionnaire) if related is None else related
    levels = _levels_in_scope(questionnaire, responses)
    capability_of = questionnaire.capability_of_question
    flags: list[PracticeOutcomeFlag] = []
    for question in questionnaire.questions_by_id.values():
        if not isinstance(question, MetricQuestion) or question.dora_key is None:
            continue
        outcome = levels.get(question.id)
        answer = responses.answers.get(question.id)
        if outcome is None or answer is None or answer.value is None:
            continue
        for direction in ("practice_ahead", "outcome_ahead"):
            sign = 1 if direction == "practice_ahead" else -1
            answers = tuple(
                FlaggedAnswer(
                    question_id=qid,
                    question_text=questionnaire.questions_by_id[qid].text,
                    capability_title=capability_of[qid].title,
                    level=levels[qid],
                )
                for qid in related.get(question.dora_key, ())
                if qid in levels and sign * (levels[qid] - outcome) >= FLAG_GAP
            )
            if answers:
                flags.append(PracticeOutcomeFlag(
                    key=question.dora_key,
                    metric_title=METRIC_TITLES[METRIC_OF_KEY[question.dora_key]],
                    value=answer.value,
                    unit=question.unit,
                    outcome_level=outcome,
                    direction=direction,  # type: ignore[arg-type]
                    answers=answers,
                ))
    return flags


def _is_outcome(question: object) -> bool:
    return isinstance(question, MetricQuestion) and question.dora_key is not None


def _levels_in_scope(questionnaire: Questionnaire, responses: Responses) -> dict[str, int]:
    excluded = set(responses.scope.exclude)
    levels: dict[str, int] = {}
    for dimension, capability, question in questionnaire.iter_questions():
        if dimension.id in excluded or capability.id in excluded:
            continue
        level = question_level(question, responses.answers.get(question.id))
        if level is not None:
            levels[question.id] = level
    return levels


def _capabilities_text(answers: tuple[FlaggedAnswer, ...]) -> str:
    """'Change enablement (level 4) and Delivery automation (levels 4 and 5)'."""
    by_capability: dict[str, list[int]] = defaultdict(list)
    for a in answers:
        by_capability[a.capability_title].append(a.level)
    parts = []
    for title, found in by_capability.items():
        shown = sorted(set(found))
        levels = (
            f"level {shown[0]}" if len(shown) == 1
            else "levels " + ", ".join(map(str, shown[:-1])) + f" and {shown[-1]}"
        )
        parts.append(f"{title} ({levels})")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
