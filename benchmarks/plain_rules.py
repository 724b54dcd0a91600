"""The baseline for score + roadmap: the same rules on plain dicts and tuples.

No pydantic, no validation, no models: what the arithmetic costs when written as plainly as
Python allows. It follows ``assessment_models/scoring`` (DORA outcomes keep their level
but count in no score) and ``assessment_models/roadmap`` (issue 8): firing and done steps,
priority = gap × impact × feasibility + DORA boost, quick wins, phases by capacity and WIP
limit of initiatives (quick wins take no WIP slot), prerequisites first, deferred items, one
rationale per item, the projected scores after each phase, percent to target and the
unanswered questions. The
product should cost a small multiple of this; a multiple that grows with size means the
product does work the rules do not need (a scan per lookup, a re-sort per item).
The structures are prepared once from a :class:`Questionnaire` (set-up, not timed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assessment_models.questionnaire import ChoiceQuestion, MetricQuestion, Questionnaire
from assessment_models.responses import Responses

POINTS = {"S": 1, "M": 3, "L": 8}
FEASIBILITY = {"S": 3, "M": 2, "L": 1}
BOOST = {1: 2, 2: 2, 3: 1, 4: 0, 5: 0}  # DORA band of a level → boost per outcome
PHASES = ("Now", "Next", "Later", "Beyond")


@dataclass
class Plain:
    """A questionnaire flattened: ids to tuples, in questionnaire order."""

    dims: list[tuple[str, float, list[str]]]  # id, weight, capability ids
    # dim, weight, title, the practice questions (id, weight); DORA outcomes are left out
    caps: dict[str, tuple[str, float, str, list[tuple[str, float]]]]
    questions: dict[str, tuple[str, str, Any, Any]]  # cap, text, metric, options
    recs: list[tuple[str, str, int, str, tuple[str, ...], tuple[Any, ...], tuple[str, ...],
                     str, str]]
    dora: list[tuple[str, str]]  # (question id, DORA key)
    target: float


def flatten(q: Questionnaire) -> Plain:
    dims, caps, questions, recs, dora = [], {}, {}, [], []
    for d in q.dimensions:
        dims.append((d.id, d.weight, [c.id for c in d.capabilities]))
        for c in d.capabilities:
            practices = [(x.id, x.weight) for x in c.questions
                         if getattr(x, "dora_key", None) is None]
            caps[c.id] = (d.id, c.weight, c.title, practices)
            for x in c.questions:
                if isinstance(x, MetricQuestion):
                    metric = (x.direction == "higher_is_better", tuple(x.thresholds), x.unit)
                    options = None
                    if x.dora_key is not None:
                        dora.append((x.id, x.dora_key.value))
                else:
                    metric = None
                    options = ({o.level: o.descriptor or o.label for o in x.options},
                               sorted(o.level for o in x.options)
                               if isinstance(x, ChoiceQuestion) else None)
                questions[x.id] = (c.id, x.text, metric, options)
            for r in c.recommendations:
                initiative = r.initiative or c.id
                recs.append((r.id, c.id, r.impact, r.effort.value, tuple(r.requires),
                             tuple((a.question, a.from_level, a.to_level) for a in r.addresses),
                             tuple(k.value for k in r.improves), initiative, r.title))
    return Plain(dims, caps, questions, recs, dora, float(q.default_target))


def plain_answers(responses: Responses) -> dict[str, tuple[Any, Any]]:
    return {qid: (a.level, a.value) for qid, a in responses.answers.items() if not a.na}


def _levels(p: Plain, answers: dict[str, tuple[Any, Any]]) -> dict[str, int]:
    levels: dict[str, int] = {}
    for qid, (level, value) in answers.items():
        metric = p.questions[qid][2]
        if value is not None and metric is not None:
            higher, ts, _ = metric
            levels[qid] = 1 + sum((value >= t) if higher else (value <= t) for t in ts)
        elif level is not None:
            levels[qid] = level
    return levels


def _score(p: Plain, levels: dict[str, int]) -> tuple[dict[str, float], dict[str, float], Any]:
    cap_score: dict[str, float] = {}
    dim_score: dict[str, float] = {}
    for did, _dw, cap_ids in p.dims:
        num = den = 0.0
        for cid in cap_ids:
            cnum = cden = 0.0
            for qid, w in p.caps[cid][3]:
                if qid in levels:
                    cnum += levels[qid] * w
                    cden += w
            if cden:
                cap_score[cid] = cnum / cden
                num += cap_score[cid] * p.caps[cid][1]
                den += p.caps[cid][1]
        if den:
            dim_score[did] = num / den
    weights = {did: w for did, w, _ in p.dims}
    den = sum(weights[d] for d in dim_score)
    overall = sum(s * weights[d] for d, s in dim_score.items()) / den if den else None
    return cap_score, dim_score, overall


def _percent(p: Plain, cap_score: dict[str, float]) -> dict[str, float | None]:
    def percent(cids: list[str]) -> float | None:
        if not cids:
            return None
        span = sum(p.target - 1 for _ in cids)
        if span <= 0:
            return 100.0
        return 100.0 * (1 - sum(max(0.0, p.target - cap_score[c]) for c in cids) / span)

    out = {"overall": percent(list(cap_score))}
    for did, _w, cap_ids in p.dims:
        out[did] = percent([c for c in cap_ids if c in cap_score])
    return out


Projected = tuple[float | None, dict[str, float], dict[str, float | None]]


def score_and_roadmap(
    p: Plain, answers: dict[str, tuple[Any, Any]]
) -> tuple[list[tuple[str, str, str]], list[Projected]]:
    """(id, phase, rationale) per item, in plan order, deferred last; and per phase the
    projected (overall, dimension scores, percent to target)."""
    levels = _levels(p, answers)
    cap_score, _dim_score, _overall = _score(p, levels)
    target = p.target
    fired: dict[str, list[tuple[str, int]]] = {}
    done: set[str] = set()
    lowest: dict[str, int] = {}
    for qid, key in p.dora:
        if qid in levels:
            lowest[key] = min(levels[qid], lowest.get(key, 5))
    key_of: dict[str, tuple[Any, ...]] = {}
    for position, (rid, _cid, impact, effort, _req, addresses, improves, _i, _t) in enumerate(
        p.recs
    ):
        hits = [(q, levels[q]) for q, lo, to in addresses
                if q in levels and lo <= levels[q] < to and levels[q] < target]
        if hits:
            fired[rid] = hits
        if all(levels.get(q, 0) >= to for q, _lo, to in addresses):
            done.add(rid)
        gap = max((target - lv for _, lv in hits), default=0.0)
        boost = float(impact * sum(BOOST[lowest[k]] for k in improves if k in lowest))
        value = gap * impact * FEASIBILITY[effort] + boost
        key_of[rid] = (-round(value, 9), -round(gap, 9), -impact, -FEASIBILITY[effort],
                       -round(boost, 9), position)
    rec = {r[0]: r for r in p.recs}
    candidates = [r[0] for r in p.recs if r[0] in fired]
    eligible = sorted((rid for rid in candidates if rec[rid][3] == "S" and rec[rid][2] >= 2
                       and -key_of[rid][1] >= 2), key=key_of.__getitem__)
    quick = set(eligible[: len(candidates) // 4])
    order = sorted(quick, key=key_of.__getitem__) + sorted(
        (r for r in candidates if r not in quick), key=key_of.__getitem__)
    requires = {r[0]: tuple(n for n in r[4] if n not in done) for r in p.recs}

    # Phases: capacity in effort points, WIP limit of initiatives, prerequisites first.
    capacity, wip = 10, 3
    phase_of: dict[str, int] = {}
    deferred: dict[str, str] = {}
    placed: list[str] = []
    used = [0, 0, 0, 0]
    running: list[set[str]] = [set(), set(), set(), set()]

    def place(rid: str) -> None:  # quick wins use capacity but no WIP slot
        if rid in phase_of or rid in deferred:
            return
        for needed in sorted(requires[rid], key=key_of.__getitem__):
            place(needed)
        placed.append(rid)
        if any(n in deferred for n in requires[rid]):
            deferred[rid] = "waits for a prerequisite that does not fit either"
            return
        points, initiative = POINTS[rec[rid][3]], rec[rid][7]
        for i in range(max((phase_of[n] + 1 for n in requires[rid]), default=0), 4):
            if used[i] + points <= capacity and (rid in quick or initiative in running[i]
                                                 or len(running[i]) < wip):
                phase_of[rid] = i
                used[i] += points
                if rid not in quick:
                    running[i].add(initiative)
                return
        deferred[rid] = "every phase from here on is full"

    for rid in order:
        place(rid)

    def why(rid: str) -> str:
        hits = fired.get(rid) or [(q, levels.get(q)) for q, _lo, to in rec[rid][5]
                                  if levels.get(q, 0) < to]
        parts = []
        for (qid, level), (_q, _lo, to) in zip(hits, rec[rid][5], strict=False):
            _cid, text, metric, options = p.questions[qid]
            if level is None:
                said = "not answered"
            elif metric is not None:
                said = f"{answers[qid][1]:g} {metric[2]}"
            else:
                said = options[0].get(level, "not answered")
            parts.append(f"On '{text}' you answered: '{said}' (level {level}). "
                         f"This step takes it to level {to}.")
        return " ".join(parts)

    items = [(rid, PHASES[phase_of[rid]] if rid in phase_of else "Unscheduled", why(rid))
             for rid in placed]
    initiatives: dict[str, list[str]] = {}
    for rid, _phase, _why in items:
        initiatives.setdefault(rec[rid][7], []).append(rid)

    # Projection: after each phase, raised answers stand at their to_level; score again.
    raised: dict[str, int] = {}
    projections: list[Projected] = []
    for index in range(4):
        for rid in placed:
            if phase_of.get(rid) == index:
                for q, lv in fired.get(rid, ()):
                    to = next(t for a, _lo, t in rec[rid][5] if a == q)
                    if lv < to:
                        raised[q] = max(raised.get(q, 0), to)
        projected = dict(levels)
        for q, lv in raised.items():
            options = p.questions[q][3]
            if options is not None and options[1] is not None:  # a choice: nearest option up
                lv = next((o for o in options[1] if o >= lv), options[1][-1])
            projected[q] = lv
        after, dims_after, overall_after = _score(p, projected)
        projections.append((overall_after, dims_after, _percent(p, after)))
    _percent(p, cap_score)
    _unanswered = [q for q in p.questions if q not in answers]
    return items, projections
