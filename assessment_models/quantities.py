"""A metric's value with its unit, as a sentence would say it: ``1 hour``, ``12 %``."""

from __future__ import annotations


def quantity(value: float, unit: str) -> str:
    """``value`` and ``unit`` in words: percent as ``%``, the unit singular for exactly one.

    The questionnaire names units in the plural ("hours", "deployments per week"); exactly
    one of them reads "1 hour", "1 deployment per week". Only the unit's first word is a
    count noun, so only it loses its "s".
    """
    if unit == "percent":
        return f"{value:g} %"
    if value == 1:
        first, _, rest = unit.partition(" ")
        if first.endswith("s") and len(first) > 1:
            unit = first[:-1] + (" " + rest if rest else "")
    return f"{value:g} {unit}"
