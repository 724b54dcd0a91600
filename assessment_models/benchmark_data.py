"""DORA Quick Check industry figures: which editions and industries exist, and their numbers.

The figures live in ``assessment_models/data/dora-quick-check-<edition>.json``, each file
naming its source. The 2024 and 2025 files are DORA's own files copied verbatim, and DORA
stores change failure and rework there *inverted* (lower is better: "all industries" change
failure 1.7 in 2024). DORA's Quick Check page turns them round before showing them
(``DataService.transformMetrics``): 10 − mean for change failure, rework and instability
(which becomes stability), with the standard deviation unchanged, and a performance average
recomputed as the mean of the displayed metric means. :func:`industry_figures` does exactly
that, so every figure Sextant shows reads like DORA's page: 8.3 for 2024, higher is better.
The 2023 file already holds the displayed figures.

Only industry figures are carried: DORA's 2025 organisation-size file appears to store
failure recovery inverted too, with no sign that DORA's page corrects it.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict

from assessment_models.errors import SextantError

EDITIONS: tuple[str, ...] = ("2023", "2024", "2025")
DEFAULT_EDITION = "2025"  # the newest
DEFAULT_INDUSTRY = "all"

#: DORA's metric ids, in the order DORA's Quick Check asks them.
THROUGHPUT_METRICS: tuple[str, ...] = ("leadtime", "deployfreq", "failurerecovery")
STABILITY_METRICS: tuple[str, ...] = ("changefailure", "rework")
#: Metrics DORA's source files store with lower meaning better.
_INVERTED = ("changefailure", "rework")


class BenchmarkError(SextantError):
    """An unknown benchmark edition or industry."""


class Stat(BaseModel):
    """An industry's mean and standard deviation of one score, on DORA's 0–10 scale."""

    # defer_build: built on first use; most commands import this module and never use it.
    model_config = ConfigDict(frozen=True, defer_build=True)

    mean: float
    sd: float


class IndustryFigures(BaseModel):
    """One industry's figures in one edition, as DORA's Quick Check page shows them."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    edition: str
    industry: str
    name: str
    metrics: dict[str, Stat]
    performance_average: Stat
    throughput: Stat | None = None
    stability: Stat | None = None
    source: str


def check_edition(edition: str) -> str:
    """The edition if DORA published it; otherwise a one-line error naming the choices."""
    if edition not in EDITIONS:
        raise BenchmarkError(
            f"benchmark edition must be one of {', '.join(EDITIONS)}, got '{edition}'"
        )
    return edition


def industries(edition: str = DEFAULT_EDITION) -> dict[str, str]:
    """Industry id → name, "All industries" first, the rest in alphabetical order of name."""
    raw = _raw_edition(check_edition(edition))["industries"]
    rest = sorted((k for k in raw if k != DEFAULT_INDUSTRY), key=lambda k: raw[k]["name"])
    return {k: raw[k]["name"] for k in (DEFAULT_INDUSTRY, *rest)}


def check_industry(industry: str, edition: str = DEFAULT_EDITION) -> str:
    """The industry id if the edition has figures for it; otherwise a one-line error."""
    known = industries(edition)
    if industry not in known:
        raise BenchmarkError(
            f"no industry '{industry}' in DORA's {edition} figures "
            f"(choose from: {', '.join(known)})"
        )
    return industry


def edition_metrics(edition: str) -> tuple[str, ...]:
    """The metrics an edition asks: four until 2024, rework added in 2025."""
    return tuple(_raw_edition(check_edition(edition))["metrics"])


def source_of(edition: str) -> str:
    return str(_raw_edition(check_edition(edition))["source"])


@cache
def industry_figures(industry: str, edition: str = DEFAULT_EDITION) -> IndustryFigures:
    """The figures DORA's page shows for this industry and edition (see the module notes)."""
    check_industry(industry, edition)
    raw_file = _raw_edition(edition)
    raw = raw_file["industries"][industry]
    stored_raw = raw_file["stored"] == "raw"
    metrics: dict[str, Stat] = {}
    for metric in raw_file["metrics"]:
        mean, sd = float(raw[metric]["mean"]), float(raw[metric]["std"])
        if stored_raw and metric in _INVERTED:
            mean = round(10 - mean, 10)  # 10 - 1.7 is 8.3, not 8.299999999999999
        metrics[metric] = Stat(mean=mean, sd=sd)
    average_sd = float(raw["performance_average"]["std"])
    if stored_raw:
        average_mean = round(sum(s.mean for s in metrics.values()) / len(metrics), 2)
    else:
        average_mean = float(raw["performance_average"]["mean"])
    throughput = stability = None
    if "software_delivery_throughput" in raw:
        t = raw["software_delivery_throughput"]
        throughput = Stat(mean=float(t["mean"]), sd=float(t["std"]))
    if "software_delivery_instability" in raw:
        s = raw["software_delivery_instability"]
        stability = Stat(mean=round(10 - float(s["mean"]), 10), sd=float(s["std"]))
    return IndustryFigures(
        edition=edition,
        industry=industry,
        name=raw["name"],
        metrics=metrics,
        performance_average=Stat(mean=average_mean, sd=average_sd),
        throughput=throughput,
        stability=stability,
        source=str(raw_file["source"]),
    )


@cache
def _raw_edition(edition: str) -> dict[str, Any]:
    # Imported here: every command imports this module (responses check a benchmark choice
    # with it), few read DORA's files, and importlib.resources costs `sextant score` 5 ms.
    from importlib import resources

    name = f"dora-quick-check-{edition}.json"
    text = resources.files("assessment_models").joinpath("data", name).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data
