"""DORA Quick Check scoring and the industry comparison, on hand-computed cases."""

from __future__ import annotations

import pytest

from assessment_models.benchmark import (
    BUCKET_LABELS,
    LEVEL_OF_BUCKET,
    approx_percentile,
    benchmark,
    benchmark_values,
    bucket_score,
    deploy_bucket,
    duration_bucket,
    percent_score,
)
from assessment_models.benchmark_data import (
    BenchmarkError,
    Stat,
    check_edition,
    check_industry,
    industries,
    industry_figures,
)
from assessment_models.responses import Answer, Responses, Scope

# A value inside every bucket, in hours (lead time and time to restore share DORA's buckets).
DURATIONS_INSIDE = [(0.5, 6), (12, 5), (72, 4), (400, 3), (2000, 2), (6000, 1)]
# Every boundary: on it goes to the better bucket, a hair past it to the worse one.
DURATION_BOUNDARIES = [
    (1, 6), (1.01, 5),            # one hour
    (24, 5), (24.01, 4),          # one day
    (168, 4), (168.01, 3),        # one week: "one day to one week"
    (720, 3), (720.01, 2),        # one month (30 days)
    (4368, 2), (4368.01, 1),      # six months (26 weeks)
]
DEPLOYS_INSIDE = [(20, 6), (7, 5), (2, 4), (0.5, 3), (0.1, 2), (0.01, 1)]
DEPLOY_BOUNDARIES = [
    (10, 6), (9.99, 5),           # twice every working day: "multiple deploys per day"
    (5, 5), (4.99, 4),            # every working day
    (1, 4), (0.99, 3),            # weekly
    (0.23, 3), (0.229, 2),        # monthly (12 / 52)
    (1 / 26, 2), (0.038, 1),      # twice a year
]
SCORE_OF_BUCKET = {1: 0.0, 2: 2.0, 3: 4.0, 4: 6.0, 5: 8.0, 6: 10.0}


@pytest.mark.parametrize(("hours", "bucket"), DURATIONS_INSIDE + DURATION_BOUNDARIES)
def test_lead_time_and_restore_fall_in_dora_buckets(hours, bucket):
    assert duration_bucket(hours) == bucket
    for metric in ("leadtime", "failurerecovery"):
        result = benchmark_values({metric: hours}, edition="2024").metric(metric)
        assert result.bucket == bucket
        assert result.score == SCORE_OF_BUCKET[bucket]


@pytest.mark.parametrize(("per_week", "bucket"), DEPLOYS_INSIDE + DEPLOY_BOUNDARIES)
def test_deployment_frequency_falls_in_dora_buckets(per_week, bucket):
    assert deploy_bucket(per_week) == bucket
    result = benchmark_values({"deployfreq": per_week}, edition="2024").metric("deployfreq")
    assert result.bucket == bucket
    assert result.score == SCORE_OF_BUCKET[bucket]


def test_bucket_scores_are_exact_and_bucket_labels_are_doras():
    assert [bucket_score(b) for b in range(1, 7)] == [0, 2, 4, 6, 8, 10]
    assert BUCKET_LABELS["leadtime"][4] == "One day to one week"
    assert BUCKET_LABELS["deployfreq"][6] == "On demand (multiple deploys per day)"
    assert benchmark_values({"leadtime": 168}).metric("leadtime").bucket_label == (
        "One day to one week"
    )


@pytest.mark.parametrize(
    ("rate", "score"), [(0, 10.0), (5, 9.5), (20, 8.0), (25, 7.5), (40, 6.0), (60, 4.0),
                        (100, 0.0)]
)
def test_change_failure_and_rework_score_ten_minus_a_tenth_of_the_rate(rate, score):
    assert percent_score(rate) == pytest.approx(score)
    result = benchmark_values({"changefailure": rate, "rework": rate}, edition="2025")
    assert result.metric("changefailure").score == pytest.approx(score)
    assert result.metric("rework").score == pytest.approx(score)
    assert result.metric("changefailure").bucket is None


def test_a_bucket_gives_the_same_level_on_every_metric():
    # Decision 3: buckets 1–2 → level 1, then one level per bucket.
    assert LEVEL_OF_BUCKET == {1: 1, 2: 1, 3: 2, 4: 3, 5: 4, 6: 5}


def test_performance_average_is_the_mean_of_the_answered_metrics():
    # 2024: lead time 36 h → bucket 4 (6), 2 deploys a week → bucket 4 (6),
    # restore in 3 h → bucket 5 (8), change failure 25 % → 7.5: (6 + 6 + 8 + 7.5) / 4.
    result = benchmark_values(
        {"leadtime": 36, "deployfreq": 2, "failurerecovery": 3, "changefailure": 25},
        edition="2024",
    )
    assert result.performance_average.score == pytest.approx(6.875)
    assert result.throughput is None and result.stability is None  # 2025 only


def test_an_unanswered_metric_is_skipped_not_counted_as_zero():
    result = benchmark_values({"leadtime": 36, "changefailure": 25}, edition="2024")
    assert result.performance_average.score == pytest.approx((6 + 7.5) / 2)
    assert result.metric("deployfreq").score is None
    assert result.answered == 2


def test_nothing_answered_has_no_average_and_no_percentile():
    result = benchmark_values({}, edition="2025")
    assert result.performance_average.score is None
    assert result.performance_average.percentile is None
    assert result.throughput is not None and result.throughput.score is None


def test_2025_adds_rework_throughput_and_stability():
    # lead time 36 h → 6, deploys 2/week → 6, restore 3 h → 8, change failure 25 % → 7.5,
    # rework 10 % → 9. Throughput (6 + 6 + 8) / 3; stability (7.5 + 9) / 2; average / 5.
    result = benchmark_values(
        {"leadtime": 36, "deployfreq": 2, "failurerecovery": 3, "changefailure": 25,
         "rework": 10},
        edition="2025",
    )
    assert result.metric("rework").score == pytest.approx(9.0)
    assert result.throughput is not None and result.stability is not None
    assert result.throughput.score == pytest.approx(20 / 3)
    assert result.stability.score == pytest.approx(8.25)
    assert result.performance_average.score == pytest.approx(36.5 / 5)


def test_editions_before_2025_do_not_ask_rework():
    for edition in ("2023", "2024"):
        result = benchmark_values({"rework": 10, "leadtime": 36}, edition=edition)
        assert [m.metric for m in result.metrics] == [
            "leadtime", "deployfreq", "changefailure", "failurerecovery"
        ]
        assert result.performance_average.score == 6.0


def test_2024_change_failure_is_shown_as_doras_page_shows_it_not_as_stored():
    # DORA's 2024 file stores "all industries" change failure as 1.7 (lower is better);
    # its Quick Check page shows 10 − 1.7 = 8.3 with the same standard deviation.
    figures = industry_figures("all", "2024")
    assert figures.metrics["changefailure"] == Stat(mean=8.3, sd=2.0)
    assert figures.metrics["leadtime"] == Stat(mean=5.1, sd=2.6)  # not inverted
    # The performance average is recomputed from the displayed means: (5.1+5.3+8.3+7.5)/4.
    assert figures.performance_average == Stat(mean=6.55, sd=1.8)


def test_2025_rework_and_instability_are_inverted_and_throughput_is_not():
    figures = industry_figures("all", "2025")
    assert figures.metrics["changefailure"].mean == 8.1  # stored 1.9
    assert figures.metrics["rework"].mean == 7.8  # stored 2.2
    assert figures.stability == Stat(mean=7.9, sd=2.0)  # instability 2.1 stored
    assert figures.throughput == Stat(mean=6.0, sd=2.1)
    assert figures.performance_average.mean == 6.72  # (5.5+4.8+7.4+8.1+7.8)/5


def test_2023_figures_are_used_as_published():
    figures = industry_figures("all", "2023")
    assert figures.metrics["changefailure"] == Stat(mean=7.8, sd=2.4)
    assert figures.performance_average == Stat(mean=6.3, sd=2.0)
    assert figures.throughput is None


def test_the_comparison_uses_the_chosen_industry():
    # 2024 Education: lead time 4.8 ± 3.1; change failure stored 1.6, shown 8.4 ± 2.1.
    result = benchmark_values({"leadtime": 36, "changefailure": 25}, "education", "2024")
    assert result.industry_name == "Education"
    lead = result.metric("leadtime").comparison
    assert lead.industry == Stat(mean=4.8, sd=3.1)
    assert result.metric("changefailure").comparison.industry == Stat(mean=8.4, sd=2.1)
    other = benchmark_values({"leadtime": 36}, "media_entertainment", "2024")
    assert other.metric("leadtime").comparison.industry == Stat(mean=5.7, sd=2.7)


@pytest.mark.parametrize(
    ("score", "mean", "sd", "percentile"),
    [(5.0, 5.0, 2.0, 50.0), (7.0, 5.0, 2.0, 84.134), (1.0, 5.0, 2.0, 2.275),
     (4.0, 6.0, 2.0, 15.866)],
)
def test_percentile_is_the_normal_cdf_of_the_z_score(score, mean, sd, percentile):
    assert approx_percentile(score, Stat(mean=mean, sd=sd)) == pytest.approx(percentile, abs=1e-3)


def test_performance_average_percentile_against_2023_all_industries():
    # Scores 8, 8, 7.2, 10 average 8.3: one standard deviation above 6.3 ± 2.0, ≈ 84th.
    result = benchmark_values(
        {"leadtime": 12, "deployfreq": 7, "changefailure": 28, "failurerecovery": 0.5},
        edition="2023",
    )
    assert result.performance_average.score == pytest.approx(8.3)
    assert result.performance_average.percentile == pytest.approx(84.134, abs=1e-3)


def test_unknown_edition_and_industry_say_what_is_allowed():
    with pytest.raises(BenchmarkError, match=r"must be one of 2023, 2024, 2025, got '2022'"):
        check_edition("2022")
    with pytest.raises(BenchmarkError, match=r"no industry 'banking' in DORA's 2025 figures"):
        check_industry("banking", "2025")


def test_every_edition_offers_the_same_industries_all_first():
    ids = [list(industries(edition)) for edition in ("2023", "2024", "2025")]
    assert ids[0][0] == "all"
    assert sorted(ids[0]) == sorted(ids[1]) == sorted(ids[2])
    assert len(ids[0]) == 14


def test_benchmark_reads_the_dora_answers_of_a_questionnaire(mini):
    responses = Responses(
        questionnaire="mini",
        answers={"dora_deploys": Answer(value=5), "dora_lead_time": Answer(value=200)},
    )
    result = benchmark(mini, responses, "all", "2025")
    assert result.metric("deployfreq").value == 5
    assert result.metric("deployfreq").question_id == "dora_deploys"
    assert result.metric("leadtime").bucket == 3
    assert result.metric("changefailure").answer_text == "not asked"


def test_dora_answers_out_of_scope_or_not_applicable_are_not_benchmarked(mini):
    responses = Responses(
        questionnaire="mini",
        scope=Scope(exclude=("delivery",)),
        answers={"dora_deploys": Answer(value=5), "dora_lead_time": Answer(value=200)},
    )
    assert benchmark(mini, responses).answered == 0
    na = Responses(questionnaire="mini", answers={"dora_deploys": Answer(na=True)})
    assert benchmark(mini, na).metric("deployfreq").answer_text == "not answered"
