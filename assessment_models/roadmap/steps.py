"""What the plan needs to know about each recommendation, read from the questionnaire once.

Building a roadmap asks the same questions of every recommendation each time (its position,
effort points, initiative, capability and dimension, and for each answer it raises the
question's text and capability). None of it depends on the answers or the targets, so it is
worked out once per questionnaire object (``per_questionnaire``).
"""

from __future__ import annotations

from dataclasses import dataclass

from assessment_models.per_questionnaire import per_questionnaire
from assessment_models.questionnaire import (
    Address,
    Capability,
    Dimension,
    Question,
    Questionnaire,
    Recommendation,
)
from assessment_models.roadmap.priority import EFFORT_POINTS, FEASIBILITY


@dataclass(frozen=True, slots=True)
class Raises:
    """One answer a recommendation raises, with its question and where that question sits."""

    address: Address
    question: Question
    capability: str
    dimension: str


@dataclass(frozen=True, slots=True)
class Step:
    """One recommendation as the plan reads it."""

    rec: Recommendation
    position: int  # in the questionnaire: the last tie-break of priority
    points: int
    feasibility: int
    initiative: tuple[str, str, str]  # id, title, description
    capability: Capability
    dimension: Dimension
    raises: tuple[Raises, ...]


def steps_of(questionnaire: Questionnaire) -> dict[str, Step]:
    """Every recommendation's :class:`Step` by id, in questionnaire order."""
    return _kept(questionnaire).steps


def points_of(questionnaire: Questionnaire) -> dict[str, int]:
    """Effort points by recommendation id."""
    return _kept(questionnaire).points


def initiative_of(questionnaire: Questionnaire) -> dict[str, str]:
    """The initiative id (declared, else the capability's) by recommendation id."""
    return _kept(questionnaire).initiative


@dataclass(frozen=True, slots=True)
class _Kept:
    steps: dict[str, Step]
    points: dict[str, int]
    initiative: dict[str, str]


@per_questionnaire
def _kept(questionnaire: Questionnaire) -> _Kept:
    steps = _steps(questionnaire)
    return _Kept(
        steps=steps,
        points={rid: s.points for rid, s in steps.items()},
        initiative={rid: s.initiative[0] for rid, s in steps.items()},
    )


def _steps(questionnaire: Questionnaire) -> dict[str, Step]:
    initiatives = questionnaire.initiatives_by_id
    where = questionnaire.capability_of_question
    dimension_of = questionnaire.dimension_of_capability
    steps: dict[str, Step] = {}
    for position, rec in enumerate(questionnaire.recommendations_by_id.values()):
        capability = questionnaire.capability_of_recommendation[rec.id]
        if rec.initiative is not None:
            declared = initiatives[rec.initiative]
            initiative = (declared.id, declared.title, declared.description)
        else:
            initiative = (capability.id, capability.title, capability.description)
        steps[rec.id] = Step(
            rec=rec,
            position=position,
            points=EFFORT_POINTS[rec.effort],
            feasibility=FEASIBILITY[rec.effort],
            initiative=initiative,
            capability=capability,
            dimension=dimension_of[capability.id],
            raises=tuple(
                Raises(address=a, question=questionnaire.questions_by_id[a.question],
                       capability=where[a.question].id,
                       dimension=dimension_of[where[a.question].id].id)
                for a in rec.addresses
            ),
        )
    return steps
