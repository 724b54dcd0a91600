"""The recommender: answers and targets in, a phased improvement plan out. Pure functions.

Where each rule lives:

- ``targets.py``: targets per dimension, or per capability (which then wins), 1 to 5 in
  steps of 0.5; capacity per phase in effort points (default 10); the WIP limit
  (initiatives under way per phase, default 3).
- ``candidates.py``: a recommendation fires when a question it addresses is answered (in
  scope, not N/A) at a level in ``[from_level, to_level − 1]`` below the target of the
  question's capability. A prerequisite whose answers all reach its ``to_level`` is done
  and stays off the plan; one that is not done joins it, marked ``pulled_in_by``.
- ``priority.py``: **priority = gap × impact × feasibility + DORA boost**, where gap is the
  largest (target − answered level) among the answers the item raises, feasibility is 3
  for effort S, 2 for M, 1 for L, and the boost is impact × (2 for each improved DORA
  outcome measured in DORA's low band, 1 for each in the medium band). Ties go to the
  larger gap, impact, feasibility, boost, then to questionnaire order (never the name).
- quick wins (``build.py``): effort S, impact ≥ 2 and an answer ≥ 2 levels below target;
  at most a quarter of the items, the highest priorities; they open the plan.
- ``phasing.py``: Now (months 1–3), Next (4–6), Later (7–12), Beyond (13–18). In order
  (quick wins, then priority), each item takes the first phase strictly after its
  prerequisites' phases with room for its effort points (S = 1, M = 3, L = 8) and for its
  initiative under the WIP limit (quick wins take capacity but no WIP slot). What fits
  nowhere is ``deferred``, with the reason.
- ``projection.py``: the scores after each phase with every raised answer at its item's
  ``to_level``, and percent to target.
- ``model.py``: the result (``Roadmap``, ``RoadmapItem``, ``Phase``, ``InitiativePlan``,
  ``Projection``), which the CSV, the PDF and the app read.
"""

from assessment_models.roadmap.build import QUICK_WIN_GAP, build_roadmap
from assessment_models.roadmap.candidates import Answers, firing, is_done
from assessment_models.roadmap.model import (
    PHASES,
    UNSCHEDULED,
    AddressedAnswer,
    InitiativePlan,
    Phase,
    Projection,
    Roadmap,
    RoadmapItem,
    UnansweredQuestion,
)
from assessment_models.roadmap.priority import EFFORT_POINTS, FEASIBILITY, Priority
from assessment_models.roadmap.projection import gaps, percent_to_target
from assessment_models.roadmap.targets import (
    DEFAULT_CAPACITY,
    DEFAULT_WIP_LIMIT,
    MAX_CAPACITY,
    RoadmapError,
    Targets,
    check_targets,
    parse_capacity,
    parse_target_value,
    parse_targets,
    parse_wip_limit,
    resolve_targets,
)

__all__ = [
    "DEFAULT_CAPACITY", "DEFAULT_WIP_LIMIT", "EFFORT_POINTS", "FEASIBILITY", "MAX_CAPACITY",
    "PHASES", "QUICK_WIN_GAP", "UNSCHEDULED", "AddressedAnswer", "Answers", "InitiativePlan",
    "Phase", "Priority", "Projection", "Roadmap", "RoadmapError", "RoadmapItem", "Targets",
    "UnansweredQuestion", "build_roadmap", "check_targets", "firing", "gaps", "is_done",
    "parse_capacity", "parse_target_value", "parse_targets", "parse_wip_limit",
    "percent_to_target", "resolve_targets",
]
