"""The recommender: scores and targets in, a phased improvement roadmap out. Pure functions.

- Target: one per dimension, the questionnaire's ``default_target`` unless overridden;
  an override is 1 to 5 in steps of 0.5.
- Gap of a scored capability = max(0, target of its dimension − capability score). A
  capability without a score (unanswered or out of scope) has no gap and gets no items.
- Candidates: the recommendations with an addressed answer (in scope, not N/A) in
  ``[from_level, to_level - 1]`` and below its dimension's target. A prerequisite whose
  addressed answers all reach their ``to_level`` is done and stays off the roadmap.
- Priority = gap × dimension weight × capability weight × impact ÷ effort cost
  (S = 1, M = 2, L = 3); ties go to the smaller recommendation id.
- Prerequisites (``requires``, transitively) join the roadmap even when they are not
  candidates; they carry ``pulled_in_by`` and a priority from their own capability's gap.
- Phases Now, Next and Later hold at most ``wip_limit`` items each; Beyond takes the rest.
  Items are placed greedily in priority order, each one's prerequisites first. An item
  lands in the first phase with room that is not earlier than any of its prerequisites:
  the *same* phase is allowed (the prerequisite is listed before it), since a team can
  finish a small prerequisite and start what it unlocks within one phase.
- Percent to target = 100 × (1 − Σ gap ÷ Σ (target − 1)) over the scored capabilities;
  100 when every target is 1; None when nothing is scored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from assessment_models.errors import SextantError
from assessment_models.questionnaire import (
    Address,
    Effort,
    Questionnaire,
    Recommendation,
    is_target,
)
from assessment_models.scoring import (
    QuestionContribution,
    ScoreCard,
    UnitScore,
    level_of_score,
    round_for_output,
)

EFFORT_COST: dict[Effort, int] = {Effort.S: 1, Effort.M: 2, Effort.L: 3}
PHASES: tuple[tuple[str, str], ...] = (
    ("Now", "0–30 days"),
    ("Next", "1–3 months"),
    ("Later", "3–6 months"),
    ("Beyond", "after 6 months"),
)
DEFAULT_WIP_LIMIT = 3


class RoadmapError(SextantError):
    """A roadmap setting (a target or the WIP limit) that is out of range or malformed."""


class RoadmapItem(BaseModel):
    """One recommendation placed on the roadmap, with the numbers that put it there."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    description: str
    phase: str
    priority: float
    capability: str
    capability_title: str
    dimension: str
    dimension_title: str
    current_score: float | None
    current_level: int | None
    target: float
    gap: float
    impact: int
    effort: Effort
    quick_win: bool
    requires: tuple[str, ...]
    pulled_in_by: tuple[str, ...] = ()
    rationale: str

    @property
    def is_prerequisite_only(self) -> bool:
        """True when the item is on the roadmap only because another item requires it."""
        return bool(self.pulled_in_by)

    def as_output(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "capability": self.capability,
            "dimension": self.dimension,
            "current_score": round_for_output(self.current_score),
            "current_level": self.current_level,
            "target": round_for_output(self.target),
            "gap": round_for_output(self.gap),
            "impact": self.impact,
            "effort": self.effort.value,
            "priority": round_for_output(self.priority),
            "quick_win": self.quick_win,
            "requires": list(self.requires),
            "pulled_in_by": list(self.pulled_in_by),
            "rationale": self.rationale,
        }


class Phase(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    horizon: str
    items: tuple[RoadmapItem, ...]


class Roadmap(BaseModel):
    model_config = ConfigDict(frozen=True)

    targets: dict[str, float]
    wip_limit: int
    percent_to_target: dict[str, float | None]
    phases: tuple[Phase, ...]

    @property
    def items(self) -> tuple[RoadmapItem, ...]:
        """Every item, phase by phase, in the order they were placed."""
        return tuple(item for phase in self.phases for item in phase.items)

    def phase(self, name: str) -> Phase:
        return next(p for p in self.phases if p.name == name)

    def as_output(self) -> dict[str, Any]:
        """The CLI's JSON shape; floats rounded to two decimals here only."""
        return {
            "targets": {dim: round_for_output(t) for dim, t in self.targets.items()},
            "wip_limit": self.wip_limit,
            "percent_to_target": {
                k: round_for_output(v) for k, v in self.percent_to_target.items()
            },
            "phases": [
                {"name": p.name, "items": [item.as_output() for item in p.items]}
                for p in self.phases
            ],
        }


# --------------------------------------------------------------------------- targets


def parse_target_value(text: str | float, what: str = "target") -> float:
    """One target: 1 to 5 in steps of 0.5."""
    if isinstance(text, bool):
        raise RoadmapError(f"{what} must be a number from 1 to 5 in steps of 0.5, got {text}")
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise RoadmapError(
            f"{what} must be a number from 1 to 5 in steps of 0.5, got '{text}'"
        ) from None
    if not is_target(value):
        raise RoadmapError(f"{what} must be 1 to 5 in steps of 0.5 (e.g. 3.5), got {text}")
    return value


def parse_targets(text: str, questionnaire: Questionnaire | None = None) -> dict[str, float]:
    """``"processes=4,technology=3.5"`` → ``{"processes": 4.0, "technology": 3.5}``.

    With a questionnaire, every name must be one of its dimension ids.
    """
    targets: dict[str, float] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, sep, value = part.partition("=")
        name = name.strip()
        if not sep or not name:
            raise RoadmapError(f"targets must look like 'processes=4,technology=3.5', got '{part}'")
        if name in targets:
            raise RoadmapError(f"target for '{name}' is given twice")
        targets[name] = parse_target_value(value.strip(), what=f"target for '{name}'")
    if not targets:
        raise RoadmapError("targets must look like 'processes=4,technology=3.5', got nothing")
    if questionnaire is not None:
        check_targets(questionnaire, targets)
    return targets


def check_targets(questionnaire: Questionnaire, targets: Mapping[str, float]) -> dict[str, float]:
    """Every dimension's target: overrides checked, the rest the questionnaire's default."""
    unknown = sorted(set(targets) - set(questionnaire.dimensions_by_id))
    if unknown:
        known = ", ".join(questionnaire.dimensions_by_id)
        raise RoadmapError(f"no dimension '{unknown[0]}' in '{questionnaire.id}' (known: {known})")
    resolved: dict[str, float] = {}
    for dimension in questionnaire.dimensions:
        if dimension.id in targets:
            given = targets[dimension.id]
            resolved[dimension.id] = parse_target_value(given, f"target for '{dimension.id}'")
        else:
            resolved[dimension.id] = float(questionnaire.default_target)
    return resolved


def parse_wip_limit(value: str | int) -> int:
    """The WIP limit: a whole number of items per phase, at least 1."""
    try:
        number = int(str(value).strip())
    except ValueError:
        raise RoadmapError(
            f"WIP limit must be a whole number of at least 1, got '{value}'"
        ) from None
    if number < 1:
        raise RoadmapError(f"WIP limit must be at least 1, got {number}")
    return number


# --------------------------------------------------------------------------- the recommender


def gaps(
    questionnaire: Questionnaire, card: ScoreCard, targets: Mapping[str, float]
) -> dict[str, float]:
    """Gap of every scored capability (in scope and with at least one level)."""
    out: dict[str, float] = {}
    for cap in card.capabilities:
        if cap.in_scope and cap.score is not None and cap.dimension is not None:
            out[cap.id] = max(0.0, targets[cap.dimension] - cap.score)
    return out


def priority_of(
    questionnaire: Questionnaire, rec: Recommendation, capability_id: str, gap: float
) -> float:
    capability = questionnaire.capabilities_by_id[capability_id]
    dimension = questionnaire.dimension_of_capability[capability_id]
    return gap * dimension.weight * capability.weight * rec.impact / EFFORT_COST[rec.effort]


def build_roadmap(
    questionnaire: Questionnaire,
    card: ScoreCard,
    targets: Mapping[str, float] | None = None,
    wip_limit: int = DEFAULT_WIP_LIMIT,
) -> Roadmap:
    """Turn a score card into a phased roadmap (see the module docstring for the rules)."""
    resolved = check_targets(questionnaire, targets or {})
    wip_limit = parse_wip_limit(wip_limit)
    gap = gaps(questionnaire, card, resolved)
    cap_of = {rid: c.id for rid, c in questionnaire.capability_of_recommendation.items()}
    recs = questionnaire.recommendations_by_id

    def rec_priority(rid: str) -> float:
        return priority_of(questionnaire, recs[rid], cap_of[rid], gap.get(cap_of[rid], 0.0))

    candidates = [
        r.id for r in recs.values() if firing_addresses(questionnaire, card, r, resolved)
    ]
    candidate_set = set(candidates)
    done = {r.id for r in recs.values() if is_done(card, r)}

    def key(rid: str) -> tuple[float, str]:
        # Rounded so that equal priorities reached by different arithmetic tie exactly.
        return (-round(rec_priority(rid), 9), rid)

    # Greedy placement: in priority order, each item's prerequisites first.
    phase_of: dict[str, int] = {}
    order: list[str] = []
    counts = [0] * len(PHASES)
    last = len(PHASES) - 1

    def open_requires(rid: str) -> tuple[str, ...]:
        return tuple(n for n in recs[rid].requires if n not in done or n in candidate_set)

    def place(rid: str) -> None:
        for needed in sorted(open_requires(rid), key=key):
            if needed not in phase_of:
                place(needed)
        earliest = max((phase_of[n] for n in open_requires(rid)), default=0)
        index = next(
            (i for i in range(earliest, last) if counts[i] < wip_limit), last
        )
        phase_of[rid] = index
        counts[index] += 1
        order.append(rid)

    for rid in sorted(candidate_set, key=key):
        if rid not in phase_of:
            place(rid)

    required_by: dict[str, list[str]] = {}
    for rid in order:
        for needed in open_requires(rid):
            required_by.setdefault(needed, []).append(rid)

    items: dict[str, RoadmapItem] = {}
    for rid in order:
        pulled_in_by = () if rid in candidate_set else tuple(sorted(required_by.get(rid, ())))
        items[rid] = _item(
            questionnaire, card, recs[rid], cap_of[rid], resolved, gap, rec_priority(rid),
            PHASES[phase_of[rid]][0], pulled_in_by,
        )
    phases = tuple(
        Phase(name=name, horizon=horizon,
              items=tuple(items[r] for r in order if phase_of[r] == index))
        for index, (name, horizon) in enumerate(PHASES)
    )
    return Roadmap(
        targets=resolved,
        wip_limit=wip_limit,
        percent_to_target=percent_to_target(questionnaire, card, resolved),
        phases=phases,
    )


def answer_levels(card: ScoreCard) -> dict[str, int | None]:
    """The level of every answered, in-scope question (None: unanswered, N/A or out of scope)."""
    levels: dict[str, int | None] = {}
    for cap in card.capabilities:
        for c in card.explanations.get(cap.id, ()):
            levels[c.question_id] = c.level if cap.in_scope else None
    return levels


def firing_addresses(
    questionnaire: Questionnaire,
    card: ScoreCard,
    rec: Recommendation,
    targets: Mapping[str, float],
) -> list[tuple[Address, int]]:
    """The addressed answers this step would raise: (address, answered level) pairs.

    An address fires when its question is answered (in scope, not N/A) at a level in
    ``[from_level, to_level - 1]`` and below the target of the question's dimension.
    """
    levels = answer_levels(card)
    fired = []
    for address in rec.addresses:
        level = levels.get(address.question)
        if level is None or not address.fires_at(level):
            continue
        dimension = questionnaire.dimension_of_capability[
            questionnaire.capability_of_question[address.question].id
        ]
        if level < targets[dimension.id]:
            fired.append((address, level))
    return fired


def is_done(card: ScoreCard, rec: Recommendation) -> bool:
    """True when every addressed answer already reaches its ``to_level``: the practice exists."""
    levels = answer_levels(card)
    return all(
        (levels.get(a.question) or 0) >= a.to_level for a in rec.addresses
    )


def percent_to_target(
    questionnaire: Questionnaire, card: ScoreCard, targets: Mapping[str, float]
) -> dict[str, float | None]:
    """``{"overall": p, dimension_id: p, …}``, p in 0..100, None where nothing is scored."""
    gap = gaps(questionnaire, card, targets)
    scored = [c for c in card.capabilities if c.id in gap]

    def percent(caps: Iterable[UnitScore]) -> float | None:
        caps = list(caps)
        if not caps:
            return None
        span = sum(targets[c.dimension or ""] - 1 for c in caps)
        if span <= 0:
            return 100.0
        return 100.0 * (1 - sum(gap[c.id] for c in caps) / span)

    out: dict[str, float | None] = {"overall": percent(scored)}
    for dimension in questionnaire.dimensions:
        out[dimension.id] = percent(c for c in scored if c.dimension == dimension.id)
    return out


def weakest_answers(
    contributions: Iterable[QuestionContribution], count: int = 2
) -> list[QuestionContribution]:
    """The lowest-level answered questions, questionnaire order breaking ties."""
    leveled = [(c.level, i, c) for i, c in enumerate(contributions) if c.level is not None]
    return [c for _, _, c in sorted(leveled, key=lambda t: (t[0], t[1]))[:count]]


def _item(
    questionnaire: Questionnaire,
    card: ScoreCard,
    rec: Recommendation,
    cap_id: str,
    targets: Mapping[str, float],
    gap: Mapping[str, float],
    priority: float,
    phase: str,
    pulled_in_by: tuple[str, ...],
) -> RoadmapItem:
    capability = questionnaire.capabilities_by_id[cap_id]
    dimension = questionnaire.dimension_of_capability[cap_id]
    unit = card.capability(cap_id)
    current = unit.score if unit.in_scope else None
    return RoadmapItem(
        id=rec.id,
        title=rec.title,
        description=rec.description,
        phase=phase,
        priority=priority,
        capability=cap_id,
        capability_title=capability.title,
        dimension=dimension.id,
        dimension_title=dimension.title,
        current_score=current,
        current_level=level_of_score(current),
        target=targets[dimension.id],
        gap=gap.get(cap_id, 0.0),
        impact=rec.impact,
        effort=rec.effort,
        quick_win=rec.impact >= 2 and rec.effort == Effort.S,
        requires=rec.requires,
        pulled_in_by=pulled_in_by,
        rationale=_rationale(questionnaire, card, capability.title, unit, targets[dimension.id],
                             gap.get(cap_id), pulled_in_by),
    )


def _rationale(
    questionnaire: Questionnaire,
    card: ScoreCard,
    capability_title: str,
    unit: UnitScore,
    target: float,
    gap: float | None,
    pulled_in_by: tuple[str, ...],
) -> str:
    parts: list[str] = []
    if pulled_in_by:
        titles = [questionnaire.recommendations_by_id[r].title for r in pulled_in_by]
        parts.append("Needed first for: " + "; ".join(f"'{t}'" for t in titles) + ".")
    if gap is None or unit.score is None:
        reason = "is out of scope" if not unit.in_scope else "has no answers yet"
        parts.append(f"{capability_title} {reason}, so it has no score.")
        return " ".join(parts)
    level = level_of_score(unit.score)
    parts.append(
        f"{capability_title} scores {unit.score:.2f} (level {level}, "
        f"{questionnaire.level_name(level)}) against a target of {target:g}: "
        + (f"a gap of {gap:.2f}." if gap > 0 else "already at target.")
    )
    weakest = weakest_answers(card.explanations.get(unit.id, ()))
    if weakest:
        named = " and ".join(f"'{c.text}' (level {c.level})" for c in weakest)
        label = "Lowest answer" if len(weakest) == 1 else "Lowest answers"
        parts.append(f"{label}: {named}.")
    return " ".join(parts)

