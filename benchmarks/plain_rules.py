"""The baseline for score + roadmap: the same rules on plain dicts and tuples.

No pydantic, no validation, no models: what the arithmetic costs when written as plainly as
Python allows. The product should cost a small multiple of this; a growing multiple means
the product does work the rules do not need (a scan per lookup, a re-sort per item).
The structures are prepared once from a :class:`Questionnaire` (set-up, not timed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assessment_models.questionnaire import MetricQuestion, Questionnaire
from assessment_models.responses import Responses

COST = {"S": 1, "M": 2, "L": 3}
PHASES = ("Now", "Next", "Later", "Beyond")


@dataclass
class Plain:
    """A questionnaire flattened into tuples: (id, weight, children) all the way down."""

    dimensions: list[tuple[str, float, list[tuple[str, float, list[tuple[str, float]]]]]]
    recs: dict[str, tuple[str, int, int, tuple[str, ...], Any]]  # id → cap, impact, cost, req…
    recs_of_cap: dict[str, list[str]]
    metric: dict[str, tuple[bool, tuple[float, ...]]]
    text: dict[str, str]
    titles: dict[str, str]


def flatten(q: Questionnaire) -> Plain:
    dims = []
    recs: dict[str, tuple[str, int, int, tuple[str, ...], Any]] = {}
    recs_of_cap: dict[str, list[str]] = {}
    metric: dict[str, tuple[bool, tuple[float, ...]]] = {}
    text: dict[str, str] = {}
    titles: dict[str, str] = {}
    for d in q.dimensions:
        caps = []
        for c in d.capabilities:
            titles[c.id] = c.title
            caps.append((c.id, c.weight, [(x.id, x.weight) for x in c.questions]))
            for x in c.questions:
                text[x.id] = x.text
                if isinstance(x, MetricQuestion):
                    metric[x.id] = (x.direction == "higher_is_better", tuple(x.thresholds))
            for r in c.recommendations:
                fires = tuple((a.question, a.from_level, a.to_level) for a in r.addresses)
                recs[r.id] = (c.id, r.impact, COST[r.effort.value], tuple(r.requires), fires)
                recs_of_cap.setdefault(c.id, []).append(r.id)
        dims.append((d.id, d.weight, caps))
    return Plain(dims, recs, recs_of_cap, metric, text, titles)


def plain_answers(responses: Responses) -> dict[str, tuple[Any, Any]]:
    return {qid: (a.level, a.value) for qid, a in responses.answers.items() if not a.na}


def score_and_roadmap(p: Plain, answers: dict[str, tuple[Any, Any]],
                      target: float = 4.0, wip: int = 3) -> list[tuple[str, str, float, str]]:
    # Score: question levels → capability weighted means → dimensions → overall.
    levels: dict[str, int] = {}
    for qid, (level, value) in answers.items():
        if value is not None and qid in p.metric:
            higher, ts = p.metric[qid]
            levels[qid] = 1 + sum((value >= t) if higher else (value <= t) for t in ts)
        elif level is not None:
            levels[qid] = level
    cap_score: dict[str, float] = {}
    dim_of: dict[str, float] = {}
    overall_pairs = []
    for _did, dweight, caps in p.dimensions:
        pairs = []
        for cid, cweight, qs in caps:
            num = den = 0.0
            for qid, w in qs:
                if qid in levels:
                    num += levels[qid] * w
                    den += w
            if den:
                cap_score[cid] = num / den
                pairs.append((cap_score[cid], cweight))
                dim_of[cid] = dweight * cweight
        if pairs:
            overall_pairs.append((sum(s * w for s, w in pairs) / sum(w for _, w in pairs),
                                  dweight))
    # Roadmap: gaps, candidates, priorities, greedy phases, one item with a rationale each.
    gap = {c: max(0.0, target - s) for c, s in cap_score.items()}
    # A step fires when an addressed answer lies in [from, to) and below the target; it is
    # done when every addressed answer reaches its to_level.
    candidates = []
    done = set()
    for rid, (_cid, _impact, _cost, _req, fires) in p.recs.items():
        if any(q in levels and lo <= levels[q] < to and levels[q] < target
               for q, lo, to in fires):
            candidates.append(rid)
        if all(levels.get(q, 0) >= to for q, _lo, to in fires):
            done.add(rid)
    candidate_set = set(candidates)

    def prio(rid: str) -> float:
        cid, impact, cost, _, _ = p.recs[rid]
        return gap.get(cid, 0.0) * dim_of.get(cid, 1.0) * impact / cost

    ordered = sorted(candidates, key=lambda r: (-round(prio(r), 9), r))
    phase: dict[str, int] = {}
    counts = [0, 0, 0, 0]
    order: list[str] = []

    def open_requires(rid: str) -> list[str]:
        return [n for n in p.recs[rid][3] if n not in done or n in candidate_set]

    def place(rid: str) -> None:
        needs = sorted(open_requires(rid), key=lambda r: (-round(prio(r), 9), r))
        for needed in needs:
            if needed not in phase:
                place(needed)
        earliest = max((phase[n] for n in needs), default=0)
        i = earliest
        while i < 3 and counts[i] >= wip:
            i += 1
        phase[rid] = i
        counts[i] += 1
        order.append(rid)

    for rid in ordered:
        if rid not in phase:
            place(rid)
    lowest: dict[str, list[tuple[int, str]]] = {}
    for _did, _dw, caps in p.dimensions:
        for cid, _cw, qs in caps:
            lowest[cid] = sorted((levels[q], q) for q, _ in qs if q in levels)[:2]
    items = []
    for rid in order:
        cid = p.recs[rid][0]
        weakest = " and ".join(f"'{p.text[q]}' (level {lv})" for lv, q in lowest.get(cid, ()))
        why = (f"{p.titles[cid]} scores {cap_score.get(cid, 0):.2f} against a target of "
               f"{target:g}: a gap of {gap.get(cid, 0):.2f}. Lowest answers: {weakest}.")
        items.append((rid, PHASES[phase[rid]], prio(rid), why))
    return items
