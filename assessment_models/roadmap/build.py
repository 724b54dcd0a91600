"""``build_roadmap``: score card and settings in, a phased plan out (see the package doc)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from assessment_models.questionnaire import DoraKey, Effort, Questionnaire
from assessment_models.roadmap.candidates import (
    Answers,
    answer_text,
    fired_on,
    is_done,
    rationale,
)
from assessment_models.roadmap.model import (
    PHASES,
    UNSCHEDULED,
    AddressedAnswer,
    InitiativePlan,
    Phase,
    Roadmap,
    RoadmapItem,
    UnansweredQuestion,
)
from assessment_models.roadmap.phasing import place_all
from assessment_models.roadmap.priority import Priority, dora_boost, measured_bands
from assessment_models.roadmap.projection import percent_to_target, project
from assessment_models.roadmap.steps import Raises, Step, initiative_of, points_of, steps_of
from assessment_models.roadmap.targets import (
    DEFAULT_CAPACITY,
    DEFAULT_WIP_LIMIT,
    parse_capacity,
    parse_wip_limit,
    resolve_targets,
)
from assessment_models.scoring import ScoreCard

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
    steps = steps_of(questionnaire)
    target = {cid: resolved.of_capability(questionnaire, cid)
              for cid in questionnaire.capabilities_by_id}
    bands = measured_bands(questionnaire, answers)

    # What each recommendation fires on, once: candidacy, priority and the item's answers
    # all read it.
    fired: dict[str, list[tuple[Raises, int, float]]] = {}
    for rid, step in steps.items():
        hits = fired_on(step, answers.levels, target)
        if hits:
            fired[rid] = hits
    candidates = list(fired)
    # Open prerequisites and priorities, for the candidates and what they pull in: nothing
    # else can reach the plan.
    requires: dict[str, tuple[str, ...]] = {}
    priorities: dict[str, Priority] = {}
    done: dict[str, bool] = {}
    waiting = list(candidates)
    while waiting:
        rid = waiting.pop()
        if rid in requires:
            continue
        step = steps[rid]
        for needed in step.rec.requires:
            if needed not in done:
                done[needed] = is_done(answers, steps[needed].rec)
        requires[rid] = open_ = tuple(n for n in step.rec.requires if not done[n])
        priorities[rid] = _priority(step, fired.get(rid, ()), bands)
        waiting.extend(open_)
    keys = {rid: p.sort_key() for rid, p in priorities.items()}
    key = keys.__getitem__

    quick = _quick_wins(candidates, steps, priorities, key)
    order = sorted(quick, key=key) + sorted(
        (rid for rid in candidates if rid not in quick), key=key
    )
    placement = place_all(
        order, requires, points_of(questionnaire), initiative_of(questionnaire),
        capacity, wip_limit, key, frozenset(quick),
    )
    candidate_set = set(candidates)
    required_by: dict[str, list[str]] = {}
    for rid in placement.order:
        for needed in requires[rid]:
            required_by.setdefault(needed, []).append(rid)

    def item(rid: str, phase: str, reason: str = "") -> RoadmapItem:
        pulled_in_by = () if rid in candidate_set else tuple(required_by.get(rid, ()))
        return _item(questionnaire, card, answers, target, steps[rid], fired.get(rid, []),
                     priorities[rid], phase, requires[rid], pulled_in_by, rid in quick, reason)

    # Quick wins open their phase; otherwise placement order.
    in_phase: list[list[str]] = [[] for _ in PHASES]
    for rid in placement.order:
        index = placement.phase_of.get(rid)
        if index is not None:
            in_phase[index].append(rid)
    phases = tuple(
        Phase(name=name, horizon=months, capacity=capacity, items=tuple(
            item(rid, name) for rid in sorted(in_phase[index], key=lambda r: r not in quick)
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
        initiatives=_initiatives(questionnaire, steps, phases, deferred),
        projected=project(questionnaire, card, phases, resolved),
        unanswered=_unanswered(questionnaire, answers),
    )


def _priority(step: Step, fired: Sequence[tuple[Raises, int, float]],
              bands: Mapping[DoraKey, str]) -> Priority:
    rec = step.rec
    return Priority(
        gap=max((goal - level for _, level, goal in fired), default=0.0),
        impact=rec.impact,
        feasibility=step.feasibility,
        dora_boost=dora_boost(rec.impact, rec.improves, bands) if rec.improves else 0.0,
        order=step.position,
    )


def _quick_wins(
    candidates: list[str],
    steps: Mapping[str, Step],
    priorities: Mapping[str, Priority],
    key: Callable[[str], tuple[float, float, int, int, float, int]],
) -> set[str]:
    """Effort S, impact ≥ 2, raising an answer ≥ 2 levels below target; at most a quarter
    of the candidates, the highest priorities first."""
    eligible = [
        rid for rid in candidates
        if steps[rid].rec.effort == Effort.S and steps[rid].rec.impact >= 2
        and priorities[rid].gap >= QUICK_WIN_GAP
    ]
    eligible.sort(key=key)
    return set(eligible[: len(candidates) // 4])


def _item(
    questionnaire: Questionnaire,
    card: ScoreCard,
    answers: Answers,
    target: Mapping[str, float],
    step: Step,
    fired: list[tuple[Raises, int, float]],
    priority: Priority,
    phase: str,
    requires: tuple[str, ...],
    pulled_in_by: tuple[str, ...],
    quick_win: bool,
    reason: str,
) -> RoadmapItem:
    rec, capability, dimension = step.rec, step.capability, step.dimension
    unit = card.capability(capability.id)
    if fired:
        chosen = [(raised, level) for raised, level, _ in fired]
    else:  # a prerequisite pulled in: every answer not yet at its to_level, even unanswered
        chosen = [(r, answers.level(r.address.question)) for r in step.raises
                  if (answers.level(r.address.question) or 0) < r.address.to_level]
    addressed = tuple(
        AddressedAnswer(
            question=raised.address.question,
            question_text=raised.question.text,
            answered_level=level,
            answer_text=answer_text(questionnaire, answers, raised.address.question),
            to_level=raised.address.to_level,
            target=target[raised.capability],
        )
        for raised, level in chosen
    )
    initiative_id, initiative_title, _ = step.initiative
    return RoadmapItem(
        id=rec.id,
        title=rec.title,
        description=rec.description,
        phase=phase,
        priority=priority.value,
        gap=priority.gap,
        impact=rec.impact,
        effort=rec.effort,
        points=step.points,
        feasibility=priority.feasibility,
        dora_boost=priority.dora_boost,
        improves=rec.improves,
        quick_win=quick_win,
        requires=requires,
        pulled_in_by=pulled_in_by,
        addresses=addressed,
        capability=capability.id,
        capability_title=capability.title,
        dimension=dimension.id,
        dimension_title=dimension.title,
        current_score=unit.score if unit.in_scope else None,
        current_level=unit.level if unit.in_scope else None,
        target=target[capability.id],
        initiative=initiative_id,
        initiative_title=initiative_title,
        rationale=rationale(questionnaire, addressed, pulled_in_by),
        deferred_reason=reason,
    )


def _initiatives(
    questionnaire: Questionnaire,
    steps: Mapping[str, Step],
    phases: tuple[Phase, ...],
    deferred: tuple[RoadmapItem, ...],
) -> tuple[InitiativePlan, ...]:
    """Items grouped by initiative, in the order the plan first reaches each."""
    grouped: dict[str, list[RoadmapItem]] = {}
    for item in [*(i for p in phases for i in p.items), *deferred]:
        grouped.setdefault(item.initiative, []).append(item)
    out = []
    for initiative_id, items in grouped.items():
        _, title, description = steps[items[0].id].initiative
        dims = {
            _dimension_of(steps[item.id], a.question) for item in items for a in item.addresses
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


def _dimension_of(step: Step, question_id: str) -> str:
    return next(r.dimension for r in step.raises if r.address.question == question_id)


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
