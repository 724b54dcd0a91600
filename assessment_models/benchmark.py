"""The DORA benchmark: the key-metric answers scored as DORA's Quick Check scores them.

Pure functions. From the answers to the questions with a ``dora_key``:

- Deployment frequency, lead time and time to restore fall in one of DORA's six response
  buckets (1 worst … 6 best); the score is (bucket − 1) ÷ 5 × 10, so 0, 2, 4, 6, 8 or 10.
- Change failure rate and (2025) rework rate are percentages; the score is 10 − rate ÷ 10.
- The performance average is the mean of the answered metrics' scores (DORA skips an
  unanswered metric); 2025 adds throughput (mean of lead time, deployment frequency and
  failure recovery) and stability (mean of change failure and rework).
- Each score is set against the chosen industry's mean ± standard deviation, with an
  approximate percentile that assumes the industry's scores are normally distributed.

Bucket boundaries, in Sextant's units (see :data:`DURATION_BUCKETS`, :data:`DEPLOY_BUCKETS`).
DORA words its buckets as ranges that share their ends ("one day to one week", "one week to
one month"), so a value exactly on a boundary could be read either way. Sextant puts it in
the *better* bucket, as its level thresholds do: a lead time of exactly one week is "one
day to one week". Durations: one hour, one day (24 h), one week (168 h), one month (720 h,
30 days) and six months (4,368 h, 26 weeks). Deployments per week: 10 (twice every working
day, "on demand, multiple deploys per day"), 5 (every working day), 1 (weekly), 0.23
(monthly, 12 ÷ 52) and 1 ÷ 26 (twice a year). DORA's fifth frequency bucket, "between once
per hour and once per day", is read as daily up to several times a day.

A bucket maps to the same maturity level on every metric (buckets 1–2 → level 1, 3 → 2,
4 → 3, 5 → 4, 6 → 5), which is how the shipped questionnaires set their thresholds.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from assessment_models.benchmark_data import (
    DEFAULT_EDITION,
    DEFAULT_INDUSTRY,
    STABILITY_METRICS,
    THROUGHPUT_METRICS,
    IndustryFigures,
    Stat,
    edition_metrics,
    industry_figures,
)
from assessment_models.quantities import quantity
from assessment_models.questionnaire import DoraKey, MetricQuestion, Questionnaire
from assessment_models.responses import Responses

HOUR, DAY, WEEK, MONTH, SIX_MONTHS = 1.0, 24.0, 168.0, 720.0, 26 * 168.0

#: (bucket, the largest value in it), best bucket first; above the last: bucket 1.
DURATION_BUCKETS: tuple[tuple[int, float], ...] = (
    (6, HOUR), (5, DAY), (4, WEEK), (3, MONTH), (2, SIX_MONTHS),
)
#: (bucket, the smallest deployments per week in it), best first; below the last: bucket 1.
DEPLOY_BUCKETS: tuple[tuple[int, float], ...] = (
    (6, 10.0), (5, 5.0), (4, 1.0), (3, 0.23), (2, 1 / 26),
)

#: DORA's metric id for each of Sextant's DORA keys.
METRIC_OF_KEY: dict[DoraKey, str] = {
    DoraKey.LEAD_TIME: "leadtime",
    DoraKey.DEPLOYMENT_FREQUENCY: "deployfreq",
    DoraKey.TIME_TO_RESTORE: "failurerecovery",
    DoraKey.CHANGE_FAILURE_RATE: "changefailure",
    DoraKey.REWORK_RATE: "rework",
}
KEY_OF_METRIC: dict[str, DoraKey] = {m: k for k, m in METRIC_OF_KEY.items()}
METRIC_TITLES: dict[str, str] = {
    "deployfreq": "Deployment frequency",
    "leadtime": "Lead time for changes",
    "changefailure": "Change failure rate",
    "failurerecovery": "Time to restore service",
    "rework": "Deployment rework rate",
}
#: DORA's six response buckets in DORA's words (identical in the three editions).
BUCKET_LABELS: dict[str, dict[int, str]] = {
    "leadtime": {
        1: "More than six months", 2: "One to six months", 3: "One week to one month",
        4: "One day to one week", 5: "Less than one day", 6: "Less than one hour",
    },
    "deployfreq": {
        1: "Less than once per six months",
        2: "Between once per month and once every six months",
        3: "Between once per week and once per month",
        4: "Between once per day and once per week",
        5: "Between once per hour and once per day",
        6: "On demand (multiple deploys per day)",
    },
}
BUCKET_LABELS["failurerecovery"] = BUCKET_LABELS["leadtime"]
PERCENT_METRICS = ("changefailure", "rework")
LEVEL_OF_BUCKET: dict[int, int] = {1: 1, 2: 1, 3: 2, 4: 3, 5: 4, 6: 5}
#: DORA's performance bands by Sextant level (BRIEF decision 3).
BAND_OF_LEVEL: dict[int, str] = {1: "low", 2: "low", 3: "medium", 4: "high", 5: "elite"}

APPROXIMATION_NOTE = (
    "Percentiles are approximate: they assume each industry's scores follow a normal "
    "distribution with DORA's published mean and standard deviation."
)


class Comparison(BaseModel):
    """A score set against an industry's mean ± standard deviation."""

    model_config = ConfigDict(frozen=True)

    score: float | None
    industry: Stat | None
    percentile: float | None  # approximate, normal assumption; None without a score

    def as_output(self) -> dict[str, Any]:
        return {
            "score": _r(self.score),
            "industry_mean": None if self.industry is None else self.industry.mean,
            "industry_sd": None if self.industry is None else self.industry.sd,
            "approx_percentile": None if self.percentile is None else round(self.percentile),
        }


class MetricResult(BaseModel):
    """One DORA metric: the answer, its bucket, its score and the industry's figures."""

    model_config = ConfigDict(frozen=True)

    metric: str
    key: DoraKey
    title: str
    question_id: str | None
    value: float | None
    unit: str
    bucket: int | None
    bucket_label: str | None
    comparison: Comparison

    @property
    def score(self) -> float | None:
        return self.comparison.score

    @property
    def answer_text(self) -> str:
        if self.value is None:
            return "not answered" if self.question_id else "not asked"
        return quantity(self.value, self.unit)

    def as_output(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "dora_key": self.key.value,
            "title": self.title,
            "question": self.question_id,
            "value": self.value,
            "unit": self.unit,
            "bucket": self.bucket,
            "bucket_label": self.bucket_label,
            **self.comparison.as_output(),
        }


class BenchmarkResult(BaseModel):
    """The whole DORA comparison of one assessment."""

    model_config = ConfigDict(frozen=True)

    edition: str
    industry: str
    industry_name: str
    source: str
    metrics: tuple[MetricResult, ...]
    performance_average: Comparison
    throughput: Comparison | None = None
    stability: Comparison | None = None

    @property
    def answered(self) -> int:
        return sum(m.score is not None for m in self.metrics)

    def metric(self, metric: str) -> MetricResult:
        return next(m for m in self.metrics if m.metric == metric)

    def aggregates(self) -> list[tuple[str, Comparison]]:
        """(title, comparison) for the performance average and, in 2025, its two halves."""
        out = [("Performance average", self.performance_average)]
        if self.throughput is not None:
            out.append(("Throughput", self.throughput))
        if self.stability is not None:
            out.append(("Stability", self.stability))
        return out

    def as_output(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "edition": self.edition,
            "industry": self.industry,
            "industry_name": self.industry_name,
            "metrics": [m.as_output() for m in self.metrics],
            "performance_average": self.performance_average.as_output(),
        }
        if self.throughput is not None:
            out["throughput"] = self.throughput.as_output()
        if self.stability is not None:
            out["stability"] = self.stability.as_output()
        out["source"] = self.source
        out["note"] = APPROXIMATION_NOTE
        return out


# Buckets and scores ---------------------------------------------------------------------
def duration_bucket(hours: float) -> int:
    """DORA's bucket for a lead time or a time to restore, in hours (6 best)."""
    for bucket, limit in DURATION_BUCKETS:
        if hours <= limit:
            return bucket
    return 1


def deploy_bucket(per_week: float) -> int:
    """DORA's bucket for a deployment frequency in deployments per week (6 best)."""
    for bucket, floor in DEPLOY_BUCKETS:
        if per_week >= floor:
            return bucket
    return 1


def bucket_of(metric: str, value: float) -> int | None:
    """The bucket of a bucketed metric; None for the two percentages, which have none."""
    if metric == "deployfreq":
        return deploy_bucket(value)
    if metric in ("leadtime", "failurerecovery"):
        return duration_bucket(value)
    return None


def bucket_score(bucket: int) -> float:
    """(bucket − 1) ÷ 5 × 10, computed so that it is exact: 0, 2, 4, 6, 8 or 10."""
    return (bucket - 1) * 10 / 5


def percent_score(rate: float) -> float:
    """10 − rate ÷ 10 for a change failure or rework rate in percent, kept within 0–10."""
    return max(0.0, min(10.0, 10 - rate / 10))


def metric_score(metric: str, value: float) -> float:
    if metric in PERCENT_METRICS:
        return percent_score(value)
    bucket = bucket_of(metric, value)
    assert bucket is not None, metric
    return bucket_score(bucket)


def approx_percentile(score: float, stat: Stat) -> float:
    """100 · Φ((score − mean) ÷ sd): the share of the industry below, if scores were normal."""
    if stat.sd <= 0:
        return 50.0 if score == stat.mean else (100.0 if score > stat.mean else 0.0)
    z = (score - stat.mean) / stat.sd
    return 50 * (1 + math.erf(z / math.sqrt(2)))


def ordinal(percentile: float) -> str:
    """'64th', held within 1st–99th: a normal tail says little beyond."""
    n = max(1, min(99, round(percentile)))
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def compare(score: float | None, stat: Stat | None) -> Comparison:
    percentile = None if score is None or stat is None else approx_percentile(score, stat)
    return Comparison(score=score, industry=stat, percentile=percentile)


def mean_of(scores: list[float | None]) -> float | None:
    """The mean of the scores given; None when none is."""
    given = [s for s in scores if s is not None]
    return sum(given) / len(given) if given else None


# The comparison -------------------------------------------------------------------------
def benchmark_values(
    values: Mapping[str, float | None],
    industry: str = DEFAULT_INDUSTRY,
    edition: str = DEFAULT_EDITION,
    questions: Mapping[str, str] | None = None,
) -> BenchmarkResult:
    """Score DORA metric values (by DORA metric id, Sextant's units) against an industry.

    ``questions`` names the question each metric was asked by; a metric without one was not
    asked (the questionnaire has no such question).
    """
    figures: IndustryFigures = industry_figures(industry, edition)
    questions = questions or {}
    results: list[MetricResult] = []
    for metric in edition_metrics(edition):
        value = values.get(metric)
        bucket = None if value is None else bucket_of(metric, value)
        score = None if value is None else metric_score(metric, value)
        results.append(MetricResult(
            metric=metric,
            key=KEY_OF_METRIC[metric],
            title=METRIC_TITLES[metric],
            question_id=questions.get(metric),
            value=value,
            unit=_unit(metric),
            bucket=bucket,
            bucket_label=None if bucket is None else BUCKET_LABELS[metric][bucket],
            comparison=compare(score, figures.metrics[metric]),
        ))
    by_metric = {r.metric: r.score for r in results}
    throughput = stability = None
    if figures.throughput is not None:
        throughput = compare(
            mean_of([by_metric.get(m) for m in THROUGHPUT_METRICS]), figures.throughput
        )
    if figures.stability is not None:
        stability = compare(
            mean_of([by_metric.get(m) for m in STABILITY_METRICS]), figures.stability
        )
    return BenchmarkResult(
        edition=edition,
        industry=industry,
        industry_name=figures.name,
        source=figures.source,
        metrics=tuple(results),
        performance_average=compare(
            mean_of([r.score for r in results]), figures.performance_average
        ),
        throughput=throughput,
        stability=stability,
    )


def dora_values(
    questionnaire: Questionnaire, responses: Responses
) -> tuple[dict[str, float | None], dict[str, str]]:
    """The answered DORA values by metric id, and the question asking each metric.

    An answer out of scope, not applicable or missing gives no value.
    """
    excluded = set(responses.scope.exclude)
    values: dict[str, float | None] = {}
    questions: dict[str, str] = {}
    for dimension, capability, question in questionnaire.iter_questions():
        if not isinstance(question, MetricQuestion) or question.dora_key is None:
            continue
        metric = METRIC_OF_KEY[question.dora_key]
        questions.setdefault(metric, question.id)
        answer = responses.answers.get(question.id)
        in_scope = dimension.id not in excluded and capability.id not in excluded
        if in_scope and answer is not None and not answer.na and answer.value is not None:
            values.setdefault(metric, answer.value)
    return values, questions


def benchmark(
    questionnaire: Questionnaire,
    responses: Responses,
    industry: str = DEFAULT_INDUSTRY,
    edition: str = DEFAULT_EDITION,
) -> BenchmarkResult:
    """The assessment's DORA answers scored and compared with an industry."""
    values, questions = dora_values(questionnaire, responses)
    return benchmark_values(values, industry, edition, questions)


def _unit(metric: str) -> str:
    if metric in PERCENT_METRICS:
        return "percent"
    return "deployments per week" if metric == "deployfreq" else "hours"


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
