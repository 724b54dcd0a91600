"""The shipped questionnaires' DORA thresholds agree with DORA's Quick Check buckets.

BRIEF decision 3: a DORA bucket maps to the same maturity level on every metric, and for
the two rates DORA's score 10 − rate ÷ 10 crosses the same cuts (4, 6, 8; elite at 5 %).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment_models.benchmark import (
    DEPLOY_BUCKETS,
    DURATION_BUCKETS,
    LEVEL_OF_BUCKET,
    METRIC_OF_KEY,
    PERCENT_METRICS,
    bucket_of,
    percent_score,
)
from assessment_models.loader import load_questionnaire
from assessment_models.questionnaire import MetricQuestion

QUESTIONNAIRES = sorted((Path(__file__).parent.parent.parent / "questionnaires").glob("*.yaml"))


def probes(metric: str) -> list[float]:
    """Values inside every bucket and on and either side of every boundary."""
    limits = [v for _, v in (DEPLOY_BUCKETS if metric == "deployfreq" else DURATION_BUCKETS)]
    if metric in PERCENT_METRICS:
        limits = [5, 20, 40, 60]
    values = {0.0, 0.01, 10_000.0}
    for v in limits:
        values |= {v, v * 0.999, v * 1.001}
    return sorted(values)


def dora_level(metric: str, value: float) -> int:
    """The level DORA's own answer implies: by bucket, or by the score's cuts for a rate."""
    bucket = bucket_of(metric, value)
    if bucket is not None:
        return LEVEL_OF_BUCKET[bucket]
    score = percent_score(value)
    if value <= 5:
        return 5
    return 4 if score >= 8 else 3 if score >= 6 else 2 if score >= 4 else 1


@pytest.mark.parametrize("path", QUESTIONNAIRES, ids=lambda p: p.name)
def test_every_dora_question_gives_the_level_of_doras_bucket(path: Path):
    questionnaire = load_questionnaire(path)
    checked = 0
    for question in questionnaire.questions_by_id.values():
        if not isinstance(question, MetricQuestion) or question.dora_key is None:
            continue
        metric = METRIC_OF_KEY[question.dora_key]
        for value in probes(metric):
            if question.max_value is not None and value > question.max_value:
                continue
            assert question.level_of(value) == dora_level(metric, value), (question.id, value)
        checked += 1
    assert checked >= 4
