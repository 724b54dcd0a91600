"""What a roadmap is made of: items, phases, initiatives and the projection per phase.

Names a report can rely on (the PDF, the CSV and the app all read these):

- :class:`RoadmapItem`: one recommendation on the plan, with the answers it raises
  (:class:`AddressedAnswer`), the numbers behind its priority and its phase.
- :class:`Phase`: Now, Next, Later or Beyond, with its months, capacity and points used.
- :class:`InitiativePlan`: the executive view, items grouped by initiative.
- :class:`Projection`: the scores once every item up to a phase reached its ``to_level``.
- :class:`Roadmap`: all of the above plus the settings, ``deferred`` items that did not fit
  and the ``unanswered`` questions.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from assessment_models.questionnaire import DoraKey, Effort
from assessment_models.scoring import round_for_output

#: (name, months) of each phase, in order; the seeds' calendar of a maturity roadmap.
PHASES: tuple[tuple[str, str], ...] = (
    ("Now", "months 1–3"),
    ("Next", "months 4–6"),
    ("Later", "months 7–12"),
    ("Beyond", "months 13–18"),
)
UNSCHEDULED = "Unscheduled"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class AddressedAnswer(_Frozen):
    """One answer an item raises: what was answered and the level the item brings it to."""

    question: str
    question_text: str
    answered_level: int | None
    answer_text: str  # the chosen descriptor, or the metric value with its unit
    to_level: int
    target: float  # the target of the question's capability

    def as_output(self) -> dict[str, Any]:
        return {"question": self.question, "answered_level": self.answered_level,
                "to_level": self.to_level}


class RoadmapItem(_Frozen):
    """One recommendation placed on the roadmap, with the numbers that put it there."""

    id: str
    title: str
    description: str
    phase: str
    priority: float
    gap: float  # the largest (target − answered level) among the answers it raises
    impact: int
    effort: Effort
    points: int  # effort points: S = 1, M = 3, L = 8
    feasibility: int  # S = 3, M = 2, L = 1
    dora_boost: float
    improves: tuple[DoraKey, ...]
    quick_win: bool
    requires: tuple[str, ...]  # prerequisites still open (done ones are left out)
    pulled_in_by: tuple[str, ...] = ()
    addresses: tuple[AddressedAnswer, ...]
    capability: str
    capability_title: str
    dimension: str
    dimension_title: str
    current_score: float | None
    current_level: int | None
    target: float
    initiative: str
    initiative_title: str
    rationale: str
    deferred_reason: str = ""

    @property
    def is_prerequisite_only(self) -> bool:
        """True when the item is on the roadmap only because another item requires it."""
        return bool(self.pulled_in_by)

    def as_output(self) -> dict[str, Any]:
        out = {
            "id": self.id,
            "title": self.title,
            "phase": None if self.phase == UNSCHEDULED else self.phase,
            "priority": round_for_output(self.priority),
            "effort": self.effort.value,
            "points": self.points,
            "impact": self.impact,
            "quick_win": self.quick_win,
            "requires": list(self.requires),
            "initiative": self.initiative,
            "addresses": [a.as_output() for a in self.addresses],
            "gap": round_for_output(self.gap),
            "dora_boost": round_for_output(self.dora_boost),
            "improves": [k.value for k in self.improves],
            "pulled_in_by": list(self.pulled_in_by),
            "capability": self.capability,
            "dimension": self.dimension,
            "rationale": self.rationale,
        }
        if self.deferred_reason:
            out["deferred_reason"] = self.deferred_reason
        return out


class Phase(_Frozen):
    name: str
    horizon: str  # the months it spans, e.g. "months 1–3"
    capacity: int
    items: tuple[RoadmapItem, ...]

    @property
    def points_used(self) -> int:
        return sum(item.points for item in self.items)

    @property
    def initiatives(self) -> tuple[str, ...]:
        """Initiatives under way in this phase, in the order their first item appears.

        Quick wins run no initiative of their own (they take no WIP slot), so an
        initiative with only quick wins in this phase is not counted."""
        return tuple(dict.fromkeys(i.initiative for i in self.items if not i.quick_win))


class InitiativePlan(_Frozen):
    """A theme of the plan for the executive view."""

    id: str
    title: str
    description: str
    items: tuple[str, ...]  # item ids, in plan order (deferred ones last)
    points: int
    phases: tuple[str, ...]  # the phases it spans, in calendar order
    dimensions: tuple[str, ...]  # the dimensions whose answers it raises
    dimension_titles: tuple[str, ...]

    def as_output(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "description": self.description,
                "items": list(self.items), "effort_points": self.points,
                "phases": list(self.phases), "dimensions": list(self.dimensions)}


class Projection(_Frozen):
    """The scores once every item of this phase and the ones before reached its to_level."""

    phase: str
    overall: float | None
    dimensions: dict[str, float | None]
    percent_to_target: dict[str, float | None]

    def as_output(self) -> dict[str, Any]:
        return {
            "phase": self.phase,
            "overall": round_for_output(self.overall),
            "dimensions": {k: round_for_output(v) for k, v in self.dimensions.items()},
            "percent_to_target": {
                k: round_for_output(v) for k, v in self.percent_to_target.items()
            },
        }


class UnansweredQuestion(_Frozen):
    question: str
    text: str
    capability: str
    dimension: str


class Roadmap(_Frozen):
    targets: dict[str, float]  # per dimension
    capability_targets: dict[str, float]  # per-capability overrides only
    wip_limit: int
    capacity: int
    percent_to_target: dict[str, float | None]
    phases: tuple[Phase, ...]
    deferred: tuple[RoadmapItem, ...]
    initiatives: tuple[InitiativePlan, ...]
    projected: tuple[Projection, ...]
    unanswered: tuple[UnansweredQuestion, ...]

    @property
    def items(self) -> tuple[RoadmapItem, ...]:
        """Every scheduled item, phase by phase, in the order they were placed."""
        return tuple(item for phase in self.phases for item in phase.items)

    def phase(self, name: str) -> Phase:
        return next(p for p in self.phases if p.name == name)

    def projection(self, name: str) -> Projection:
        return next(p for p in self.projected if p.phase == name)

    def target_of(self, dimension: str, capability: str | None = None) -> float:
        if capability is not None and capability in self.capability_targets:
            return self.capability_targets[capability]
        return self.targets[dimension]

    def as_output(self) -> dict[str, Any]:
        """The CLI's JSON shape; floats rounded to two decimals here only."""
        return {
            "targets": {k: round_for_output(v) for k, v in self.targets.items()},
            "capability_targets": {
                k: round_for_output(v) for k, v in self.capability_targets.items()
            },
            "capacity": self.capacity,
            "wip_limit": self.wip_limit,
            "percent_to_target": {
                k: round_for_output(v) for k, v in self.percent_to_target.items()
            },
            "phases": [
                {"name": p.name, "months": p.horizon, "capacity": p.capacity,
                 "points_used": p.points_used, "initiatives": list(p.initiatives),
                 "items": [i.id for i in p.items]}
                for p in self.phases
            ],
            "items": [item.as_output() for item in self.items],
            "deferred": [item.as_output() for item in self.deferred],
            "initiatives": [i.as_output() for i in self.initiatives],
            "projected": [p.as_output() for p in self.projected],
            "unanswered": [u.model_dump() for u in self.unanswered],
        }
