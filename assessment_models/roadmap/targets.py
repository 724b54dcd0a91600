"""The roadmap's settings: targets per dimension or capability, capacity and the WIP limit.

Each is read as text or a number and checked here, so the CLI, the app and imports share
one rule and one message per mistake.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from assessment_models.errors import SextantError
from assessment_models.questionnaire import Questionnaire, is_target

#: Concurrent initiatives per phase (work in progress).
DEFAULT_WIP_LIMIT = 3
#: Effort points a team can carry per phase (S = 1, M = 3, L = 8).
DEFAULT_CAPACITY = 10
MAX_CAPACITY = 200


class RoadmapError(SextantError):
    """A roadmap setting (a target, the capacity or the WIP limit) out of range or malformed."""


class Targets(BaseModel):
    """Resolved targets: one per dimension, and any per-capability overrides."""

    model_config = ConfigDict(frozen=True)

    dimensions: dict[str, float]
    capabilities: dict[str, float] = {}

    def of_capability(self, questionnaire: Questionnaire, capability_id: str) -> float:
        """The capability's own target if it has one, else its dimension's."""
        if capability_id in self.capabilities:
            return self.capabilities[capability_id]
        return self.dimensions[questionnaire.dimension_of_capability[capability_id].id]


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
    """``"processes=4,change_enablement=3.5"`` → ``{"processes": 4.0, …}``.

    Names are dimension or capability ids; with a questionnaire, each must be one of its.
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
        resolve_targets(questionnaire, targets)
    return targets


def resolve_targets(questionnaire: Questionnaire, targets: Mapping[str, float]) -> Targets:
    """Every dimension's target (the questionnaire's default unless given) and the
    capability overrides, each checked."""
    units = set(questionnaire.dimensions_by_id) | set(questionnaire.capabilities_by_id)
    unknown = [name for name in targets if name not in units]
    if unknown:
        known = ", ".join(questionnaire.dimensions_by_id)
        raise RoadmapError(
            f"no dimension or capability '{unknown[0]}' in '{questionnaire.id}' "
            f"(dimensions: {known})"
        )
    dimensions = {
        d.id: parse_target_value(targets[d.id], f"target for '{d.id}'")
        if d.id in targets
        else float(questionnaire.default_target)
        for d in questionnaire.dimensions
    }
    capabilities = {
        c: parse_target_value(targets[c], f"target for '{c}'")
        for c in questionnaire.capabilities_by_id
        if c in targets
    }
    return Targets(dimensions=dimensions, capabilities=capabilities)


def check_targets(questionnaire: Questionnaire, targets: Mapping[str, float]) -> dict[str, float]:
    """Every dimension's target: overrides checked, the rest the questionnaire's default."""
    return resolve_targets(questionnaire, targets).dimensions


def parse_wip_limit(value: str | int) -> int:
    """The WIP limit: a whole number of initiatives under way per phase, at least 1."""
    number = _whole(value, f"WIP limit must be a whole number of at least 1, got '{value}'")
    if number < 1:
        raise RoadmapError(f"WIP limit must be at least 1, got {number}")
    return number


def parse_capacity(value: str | int) -> int:
    """Capacity per phase in effort points (S = 1, M = 3, L = 8): 1 to 200."""
    number = _whole(
        value, f"capacity must be a whole number of effort points per phase, got '{value}'"
    )
    if not 1 <= number <= MAX_CAPACITY:
        raise RoadmapError(
            f"capacity must be 1 to {MAX_CAPACITY} effort points per phase, got {number}"
        )
    return number


def _whole(value: str | int, message: str) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        raise RoadmapError(message) from None
