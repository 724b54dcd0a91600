"""Placing items into phases: capacity in effort points, a WIP limit, prerequisites first.

Items arrive in the order they should be considered (quick wins first, then by priority).
Each one's open prerequisites are placed before it; it then takes the first phase that

- is strictly later than every prerequisite's phase (an item never starts before what it
  requires is finished),
- still has room for its effort points within the phase's capacity, and
- already runs its initiative, or runs fewer initiatives than the WIP limit. Quick wins
  are exempt: one effort point each, they are finished between other work rather than
  run as an initiative, so they use capacity but no WIP slot.

An item that fits nowhere is deferred with the reason, and so is everything waiting for it.
First fit means a small item may start earlier than a bigger, more urgent one that did not
fit; the urgent one still gets the earliest phase with room.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from assessment_models.roadmap.model import PHASES


@dataclass
class Placement:
    phase_of: dict[str, int] = field(default_factory=dict)
    deferred: dict[str, str] = field(default_factory=dict)  # id → reason
    order: list[str] = field(default_factory=list)  # placement order, deferred included


def place_all(
    order: Sequence[str],
    requires: Mapping[str, tuple[str, ...]],
    points: Mapping[str, int],
    initiative: Mapping[str, str],
    capacity: int,
    wip_limit: int,
    key: Callable[[str], object],
    exempt: frozenset[str] = frozenset(),
) -> Placement:
    """Phase index (0 = Now) per item id, or the reason it is deferred."""
    result = Placement()
    used = [0] * len(PHASES)
    running: list[set[str]] = [set() for _ in PHASES]

    def place(rid: str) -> None:
        if rid in result.phase_of or rid in result.deferred:
            return
        for needed in sorted(requires[rid], key=key):  # type: ignore[arg-type]
            place(needed)
        result.order.append(rid)
        blocked = [n for n in requires[rid] if n in result.deferred]
        if blocked:
            result.deferred[rid] = f"waits for '{blocked[0]}', which does not fit either"
            return
        earliest = max((result.phase_of[n] + 1 for n in requires[rid]), default=0)
        for index in range(earliest, len(PHASES)):
            fits = used[index] + points[rid] <= capacity
            room = (rid in exempt or initiative[rid] in running[index]
                    or len(running[index]) < wip_limit)
            if fits and room:
                result.phase_of[rid] = index
                used[index] += points[rid]
                if rid not in exempt:
                    running[index].add(initiative[rid])
                return
        result.deferred[rid] = _reason(rid, earliest, points[rid], capacity)

    for rid in order:
        place(rid)
    return result


def _reason(rid: str, earliest: int, points: int, capacity: int) -> str:
    if earliest >= len(PHASES):
        return f"what it requires ends in {PHASES[-1][0]}, the last phase"
    if points > capacity:
        return f"it needs {points} effort points, more than a phase's capacity of {capacity}"
    start = PHASES[earliest][0]
    return f"every phase from {start} on is full (capacity or WIP limit)"
