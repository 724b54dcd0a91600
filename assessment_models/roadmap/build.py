"""``build_roadmap``: score card and settings in, a phased plan out (see the package doc)."""

from __future__ import annotations

from collections.abc import Mapping

from assessment_models.questionnaire import Effort, Questionnaire, Recommendation
from assessment_models.roadmap.candidates import (
    Answers,
    firing,
    is_done,
    open_addresses,
    rationale,
)
from assessment_models.roadmap.model import (
    PHASES,
    UNSCHEDULED,
    InitiativePlan,
    Phase,
    Roadmap,
    RoadmapItem,
    UnansweredQuestion,
)
from assessment_models.roadmap.phasing import place_all
from assessment_models.roadmap.priority import (
    EFFORT_POINTS,
    FEASIBILITY,
    Priority,
    dora_boost,
    measured_bands,
)
from assessment_models.roadmap.projection import percent_to_target, project
from assessment_models.roadmap.targets import (
    DEFAULT_CAPACITY,
    DEFAULT_WIP_LIMIT,
    Targets,
    parse_capacity,
    parse_wip_limit,
    resolve_targets,
)
from assessment_models.scoring import ScoreCard, UnitScore

#: A quick win raises an answer at least this many levels below its target.
QUICK_WIN_GAP = 2


def build_roadmap(
    questionnaire: Questionnaire,
    card: ScoreCard,
    targets: Mapping[str, float] | None = None,
    wip_limit: int = DEFAULT_WIP_LIMIT,
    capacity: int = DEFAULT_CAPACITY,
) -> Roadmap:
    """Turn a score card into a phased roadmap. ``targets`` may name dimensions and
    capabilities; ``wip_limit`` counts initiatives under way per phase; ``capacity`` is
    effort points per phase."""
    resolved = resolve_targets(questionnaire, targets or {})
    wip_limit = parse_wip_limit(wip_limit)
    capacity = parse_capacity(capacity)
    answers = Answers.of(card)
    recs = questionnaire.recommendations_by_id
    position = {rid: k for k, rid in enumerate(recs)}
    bands = measured_bands(questionnaire, answers)

    candidates = [r.id for r in recs.values() if firing(questionnaire, answers, resolved, r)]
    done = {r.id for r in recs.values() if is_done(answers, r)}
    requires = {rid: tuple(n for n in rec.requires if n not in done) for rid, rec in recs.items()}

    def priority(rid: str) -> Priority:
        rec = recs[rid]
        fired = firing(questionnaire, answers, resolved, rec)
        return Priority(
            gap=max((target - level for _, level, target in fired), default=0.0),
            impact=rec.impact,
            feasibility=FEASIBILITY[rec.effort],
            dora_boost=dora_boost(rec.impact, rec.improves, bands),
            order=position[rid],
        )

    priorities = {rid: priority(rid) for rid in recs}

    def key(rid: str) -> tuple[float, float, int, int, float, int]:
        return priorities[rid].sort_key()

    quick = _quick_wins(candidates, recs, priorities)
    order = sorted(quick, key=key) + sorted(
        (rid for rid in candidates if rid not in quick), key=key
    )
    placement = place_all(
        order, requires, {rid: EFFORT_POINTS[r.effort] for rid, r in recs.items()},
        {rid: _initiative_of(questionnaire, r)[0] for rid, r in recs.items()},
        capacity, wip_limit, key, frozenset(quick),
    )
    candidate_set = set(candidates)
    required_by: dict[str, list[str]] = {}
    for rid in placement.order:
        for needed in requires[rid]:
            required_by.setdefault(needed, []).append(rid)

    units = {c.id: c for c in card.capabilities}

    def item(rid: str, phase: str, reason: str = "") -> RoadmapItem:
        pulled_in_by = () if rid in candidate_set else tuple(required_by.get(rid, ()))
        unit = units[questionnaire.capability_of_recommendation[rid].id]
        return _item(questionnaire, unit, answers, resolved, recs[rid], priorities[rid],
                     phase, requires[rid], pulled_in_by, rid in quick, reason)

    phases = tuple(
        Phase(name=name, horizon=months, capacity=capacity, items=tuple(
            # Quick wins open the phase; otherwise placement order.
            item(rid, name) for rid in sorted(
                (r for r in placement.order if placement.phase_of.get(r) == index),
                key=lambda r: r not in quick)
        ))
        for index, (name, months) in enumerate(PHASES)
    )
    deferred = tuple(item(rid, UNSCHEDULED, placement.deferred[rid])
                     for rid in placement.order if rid in placement.deferred)
    return Roadmap(
        targets=resolved.dimensions,
        capability_targets=resolved.capabilities,
        wip_limit=wip_limit,
        capacity=capacity,
        percent_to_target=percent_to_target(questionnaire, card, resolved),
        phases=phases,
        deferred=deferred,
        initiatives=_initiatives(questionnaire, phases, deferred),
        projected=project(questionnaire, card, phases, resolved),
        unanswered=_unanswered(questionnaire, answers),
    )


def _quick_wins(
    candidates: list[str], recs: Mapping[str, Recommendation], priorities: Mapping[str, Priority]
) -> set[str]:
    """Effort S, impact ≥ 2, raising an answer ≥ 2 levels below target; at most a quarter
    of the candidates, the highest priorities first."""
    eligible = [
        rid for rid in candidates
        if recs[rid].effort == Effort.S and recs[rid].impact >= 2
        and priorities[rid].gap >= QUICK_WIN_GAP
    ]
    eligible.sort(key=lambda rid: priorities[rid].sort_key())
    return set(eligible[: len(candidates) // 4])


def _initiative_of(questionnaire: Questionnaire, rec: Recommendation) -> tuple[str, str, str]:
    """(id, title, description): the declared initiative, else the recommendation's capability."""
    if rec.initiative is not None:
        declared = questionnaire.initiatives_by_id[rec.initiative]
        return declared.id, declared.title, declared.description
    capability = questionnaire.capability_of_recommendation[rec.id]
    return capability.id, capability.title, capability.description


def _item(
    questionnaire: Questionnaire,
    unit: UnitScore,
    answers: Answers,
    targets: Targets,
    rec: Recommendation,
    priority: Priority,
    phase: str,
    requires: tuple[str, ...],
    pulled_in_by: tuple[str, ...],
    quick_win: bool,
    reason: str,
) -> RoadmapItem:
    capability = questionnaire.capability_of_recommendation[rec.id]
    dimension = questionnaire.dimension_of_capability[capability.id]
    addressed = open_addresses(questionnaire, answers, targets, rec)
    initiative_id, initiative_title, _ = _initiative_of(questionnaire, rec)
    return RoadmapItem(
        id=rec.id,
        title=rec.title,
        description=rec.description,
        phase=phase,
        priority=priority.value,
        gap=priority.gap,
        impact=rec.impact,
        effort=rec.effort,
        points=EFFORT_POINTS[rec.effort],
        feasibility=priority.feasibility,
        dora_boost=priority.dora_boost,
        improves=rec.improves,
        quick_win=quick_win,
        requires=requires,
        pulled_in_by=pulled_in_by,
        addresses=tuple(addressed),
        capability=capability.id,
        capability_title=capability.title,
        dimension=dimension.id,
        dimension_title=dimension.title,
        current_score=unit.score if unit.in_scope else None,
        current_level=unit.level if unit.in_scope else None,
        target=targets.of_capability(questionnaire, capability.id),
        initiative=initiative_id,
        initiative_title=initiative_title,
        rationale=rationale(questionnaire, addressed, pulled_in_by),
        deferred_reason=reason,
    )


def _initiatives(
    questionnaire: Questionnaire, phases: tuple[Phase, ...], deferred: tuple[RoadmapItem, ...]
) -> tuple[InitiativePlan, ...]:
    """Items grouped by initiative, in the order the plan first reaches each."""
    grouped: dict[str, list[RoadmapItem]] = {}
    for item in [*(i for p in phases for i in p.items), *deferred]:
        grouped.setdefault(item.initiative, []).append(item)
    out = []
    for initiative_id, items in grouped.items():
        rec = questionnaire.recommendations_by_id[items[0].id]
        _, title, description = _initiative_of(questionnaire, rec)
        dims = {
            questionnaire.dimension_of_capability[
                questionnaire.capability_of_question[a.question].id].id
            for item in items for a in item.addresses
        } or {items[0].dimension}
        ordered = [d for d in questionnaire.dimensions if d.id in dims]
        out.append(InitiativePlan(
            id=initiative_id,
            title=title,
            description=description,
            items=tuple(i.id for i in items),
            points=sum(i.points for i in items),
            phases=tuple(p.name for p in phases if any(i.phase == p.name for i in items)),
            dimensions=tuple(d.id for d in ordered),
            dimension_titles=tuple(d.title for d in ordered),
        ))
    return tuple(out)


def _unanswered(questionnaire: Questionnaire, answers: Answers) -> tuple[UnansweredQuestion, ...]:
    """In-scope questions without an answer (N/A counts as answered)."""
    out = []
    for dimension, capability, question in questionnaire.iter_questions():
        contribution = answers.by_question.get(question.id)
        if question.id in answers.in_scope and (contribution is None
                                                or not contribution.answered):
            out.append(UnansweredQuestion(question=question.id, text=question.text,
                                          capability=capability.id, dimension=dimension.id))
    return tuple(out)
