"""How urgent an item is: pain (the gap to target) × impact × feasibility, plus a DORA boost.

    priority = gap × impact × feasibility + dora_boost

- gap: the largest (target − answered level) over the answers the item raises, the target
  being that of the question's capability (its own target, else its dimension's);
- impact: 1, 2 or 3, from the questionnaire;
- feasibility: 3 for effort S, 2 for M, 1 for L;
- dora_boost = impact × Σ over the DORA outcomes the item ``improves`` of 2 when the team's
  measured answer is in DORA's low band (level 1–2) and 1 in the medium band (level 3);
  nothing for high, elite or unmeasured outcomes.

Ties are broken by gap, then impact, then feasibility, then boost (each larger first), and
only when all are equal by the recommendation's position in the questionnaire, never by
its name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from assessment_models.questionnaire import DoraKey, Effort, MetricQuestion, Questionnaire

if TYPE_CHECKING:  # candidates reads the effort tables (through steps) from this module
    from assessment_models.roadmap.candidates import Answers

EFFORT_POINTS: dict[Effort, int] = {Effort.S: 1, Effort.M: 3, Effort.L: 8}
FEASIBILITY: dict[Effort, int] = {Effort.S: 3, Effort.M: 2, Effort.L: 1}
#: DORA's bands by Sextant level (BRIEF decision 3): 1–2 low, 3 medium, 4 high, 5 elite.
DORA_BANDS: dict[int, str] = {1: "low", 2: "low", 3: "medium", 4: "high", 5: "elite"}
BAND_BOOST: dict[str, int] = {"low": 2, "medium": 1, "high": 0, "elite": 0}


@dataclass(frozen=True)
class Priority:
    """The factors of one item's priority, kept so the app can show the arithmetic."""

    gap: float
    impact: int
    feasibility: int
    dora_boost: float
    order: int  # the recommendation's position in the questionnaire

    @property
    def value(self) -> float:
        return self.gap * self.impact * self.feasibility + self.dora_boost

    def sort_key(self) -> tuple[float, float, int, int, float, int]:
        """Highest first; rounded so equal priorities reached by different sums tie."""
        return (-round(self.value, 9), -round(self.gap, 9), -self.impact, -self.feasibility,
                -round(self.dora_boost, 9), self.order)


def measured_bands(questionnaire: Questionnaire, answers: Answers) -> dict[DoraKey, str]:
    """DORA's band of each outcome the team measured (the weakest answer per key)."""
    lowest: dict[DoraKey, int] = {}
    for question in questionnaire.questions_by_id.values():
        if isinstance(question, MetricQuestion) and question.dora_key is not None:
            level = answers.level(question.id)
            if level is not None:
                lowest[question.dora_key] = min(level, lowest.get(question.dora_key, 5))
    return {key: DORA_BANDS[level] for key, level in lowest.items()}


def dora_boost(impact: int, improves: tuple[DoraKey, ...], bands: dict[DoraKey, str]) -> float:
    return float(impact * sum(BAND_BOOST[bands[k]] for k in improves if k in bands))
