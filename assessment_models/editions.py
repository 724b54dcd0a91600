"""Reading questionnaires stored in an older shape of the format.

An assessment keeps the questionnaire it was started with (its snapshot), so an upgrade of
the shipped content never changes an assessment in progress. The format itself changed once:
first-edition recommendations said which capability levels they suit (``for_levels``);
today's recommendations name the questions they raise (``addresses``). A first-edition
snapshot is brought into today's shape here, in memory, the stored JSON left as it was.

The conversion is deliberately plain: a step that suited capability levels L1..Ln addresses
every question of its capability from level L1 up to Ln + 1, which is what it meant when
the capability score was the mean of those questions. Addresses no answer could fire on are
dropped, and so is a step left without any (and any mention of it in ``requires``).
"""

from __future__ import annotations

import copy
from typing import Any

JSON = dict[str, Any]


def is_first_edition(data: JSON) -> bool:
    """True when any recommendation still uses the first edition's ``for_levels``."""
    return any("for_levels" in r for r in _recommendations(data))


def upgrade_snapshot(data: JSON) -> JSON:
    """A copy of a stored questionnaire in today's format (unchanged if already current)."""
    if not is_first_edition(data):
        return data
    upgraded = copy.deepcopy(data)
    dropped: set[str] = set()
    for dimension in upgraded.get("dimensions", []):
        for capability in dimension.get("capabilities", []):
            kept = []
            for recommendation in capability.get("recommendations", []):
                if _convert(recommendation, capability.get("questions", [])):
                    kept.append(recommendation)
                else:
                    dropped.add(recommendation["id"])
            capability["recommendations"] = kept
    for recommendation in _recommendations(upgraded):
        recommendation["requires"] = [
            r for r in recommendation.get("requires", []) if r not in dropped
        ]
    return upgraded


def _convert(recommendation: JSON, questions: list[JSON]) -> bool:
    """Replace ``for_levels`` by ``addresses`` in place; False when nothing can fire."""
    levels = recommendation.pop("for_levels", None)
    if levels is None:
        return True
    from_level, to_level = min(levels), min(max(levels) + 1, 5)
    recommendation["addresses"] = [
        {"question": q["id"], "from_level": from_level, "to_level": to_level}
        for q in questions
        if any(from_level <= level < to_level for level in _answerable_levels(q))
    ]
    return bool(recommendation["addresses"])


def _answerable_levels(question: JSON) -> list[int]:
    if question.get("kind") == "metric":
        return [1, 2, 3, 4, 5]
    return [int(o["level"]) for o in question.get("options", [])]


def _recommendations(data: JSON) -> list[JSON]:
    return [
        r
        for d in data.get("dimensions", [])
        for c in d.get("capabilities", [])
        for r in c.get("recommendations", [])
    ]
