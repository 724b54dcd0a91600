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

from assessment_models.quantities import quantity
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
    level_names: dict[int, str]
    titles: dict[str, tuple[str, str]]  # initiative or capability id → (title, description)


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
    titles = {c.id: (c.title, c.description) for d in q.dimensions for c in d.capabilities}
    titles.update({i.id: (i.title, i.description) for i in q.initiatives})
    return Plain(dims, caps, questions, recs, dora, float(q.default_target),
                 dict(q.level_names), titles)


def plain_answers(responses: Responses) -> dict[str, tuple[Any, Any]]:
    """(level, value) of every answer; N/A is (None, None): answered, with no level."""
    return {qid: (None, None) if a.na else (a.level, a.value)
            for qid, a in responses.answers.items() if a.is_answered}


def _levels(p: Plain, answers: dict[str, tuple[Any, Any]]) -> dict[str, int]:
    levels: dict[str, int] = {}
    for qid, (level, value) in answers.items():
        metric = p.questions[qid][2]
        if level is None and value is None:
            continue  # N/A
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
#: (id, phase, rationale, deferred reason) of an item.
Item = tuple[str, str, str, str]
#: (id, item ids, effort points, phases, dimension ids) of an initiative.
Initiative = tuple[str, tuple[str, ...], int, tuple[str, ...], tuple[str, ...]]


def score_and_roadmap(
    p: Plain, answers: dict[str, tuple[Any, Any]]
) -> tuple[list[Item], list[Initiative], list[Projected]]:
    """Every item in plan order (each phase's quick wins first, deferred last), the
    initiatives, and per phase the projected (overall, dimension scores, percent to target).
    """
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
        blocked = [n for n in requires[rid] if n in deferred]
        if blocked:
            deferred[rid] = f"waits for '{blocked[0]}', which does not fit either"
            return
        points, initiative = POINTS[rec[rid][3]], rec[rid][7]
        earliest = max((phase_of[n] + 1 for n in requires[rid]), default=0)
        for i in range(earliest, 4):
            if used[i] + points <= capacity and (rid in quick or initiative in running[i]
                                                 or len(running[i]) < wip):
                phase_of[rid] = i
                used[i] += points
                if rid not in quick:
                    running[i].add(initiative)
                return
        if earliest >= 4:
            deferred[rid] = "what it requires ends in Beyond, the last phase"
        elif points > capacity:
            deferred[rid] = (f"it needs {points} effort points, more than a phase's capacity "
                             f"of {capacity}")
        else:
            deferred[rid] = (f"every phase from {PHASES[earliest]} on is full "
                             "(capacity or WIP limit)")

    for rid in order:
        place(rid)
    required_by: dict[str, list[str]] = {}
    for rid in placed:
        for needed in requires[rid]:
            required_by.setdefault(needed, []).append(rid)

    # (question, answered level, to_level) of the answers each placed item raises.
    raises: dict[str, list[tuple[str, int | None, int]]] = {}
    for rid in placed:
        to_of = {q: to for q, _lo, to in rec[rid][5]}
        raises[rid] = ([(q, lv, to_of[q]) for q, lv in fired[rid]] if rid in fired else
                       [(q, levels.get(q), to) for q, _lo, to in rec[rid][5]
                        if levels.get(q, 0) < to])

    def said(qid: str) -> str:
        _cid, _text, metric, options = p.questions[qid]
        if qid not in answers:
            return "not answered"
        level, value = answers[qid]
        if level is None and value is None:
            return "not applicable"
        if metric is not None:
            return quantity(value, metric[2])
        return str(options[0].get(level, "not answered"))

    def why(rid: str) -> str:
        parts = []
        if rid not in fired:
            titles = "; ".join(f"'{rec[r][8]}'" for r in required_by.get(rid, ()))
            parts.append(f"Needed first for: {titles}.")
        for qid, level, to in raises[rid]:
            name = p.level_names[to]
            if level is None:
                parts.append(f"'{p.questions[qid][1]}' is {said(qid)}; this step takes it to "
                             f"level {to} ({name}).")
            else:
                parts.append(f"On '{p.questions[qid][1]}' you answered: "
                             f"'{said(qid).rstrip('.')}' (level {level}). This step takes it "
                             f"to level {to} ({name}).")
        return " ".join(parts)

    in_phase: list[list[str]] = [[], [], [], []]
    for rid in placed:
        if rid in phase_of:
            in_phase[phase_of[rid]].append(rid)
    plan = [rid for ids in in_phase for rid in sorted(ids, key=lambda r: r not in quick)]
    plan += [rid for rid in placed if rid in deferred]
    items = [(rid, PHASES[phase_of[rid]] if rid in phase_of else "Unscheduled", why(rid),
              deferred.get(rid, "")) for rid in plan]

    # Initiatives: items, effort points, phases and the dimensions whose answers they raise.
    grouped: dict[str, list[str]] = {}
    for rid in plan:
        grouped.setdefault(rec[rid][7], []).append(rid)
    initiatives: list[Initiative] = []
    for initiative, ids in grouped.items():
        dims = {p.caps[p.questions[q][0]][0] for rid in ids for q, _lv, _to in raises[rid]}
        dims = dims or {p.caps[rec[ids[0]][1]][0]}
        _title, _description = p.titles[initiative]
        initiatives.append((
            initiative, tuple(ids), sum(POINTS[rec[r][3]] for r in ids),
            tuple(PHASES[i] for i in range(4) if any(phase_of.get(r) == i for r in ids)),
            tuple(d for d, _w, _c in p.dims if d in dims),
        ))

    # Projection: after each phase, raised answers stand at their to_level; score again.
    raised: dict[str, int] = {}
    projections: list[Projected] = []
    for index in range(4):
        for rid in in_phase[index]:
            for q, lv, to in raises[rid]:
                if lv is not None and lv < to:
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
    return items, initiatives, projections
