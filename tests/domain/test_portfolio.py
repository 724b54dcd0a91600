"""The portfolio on hand-computed cases: heatmap, sorting, compare, roll-up, trend, progress.

The mini questionnaire (tests/fixtures/mini.yaml) without its DORA questions:
- change enablement = (2·chg_approval + 1·chg_rollback) ÷ 3, the only scored capability
  of Processes (delivery performance holds DORA questions only and stays unanswered here);
- Technology = test_auto.

Teams (targets Processes 4, Technology 3 unless said otherwise):
- Payments, 2026-01-10: approval 2, rollback 1 → change 5/3; test 2 → Technology 2.
  Payments, 2026-06-01: approval 4, rollback 3 → change 11/3; test 3 → Technology 3.
- Platform, 2026-02-01: approval 3, rollback 3 → 3; test 4. Then 2026-05-01, Technology
  out of scope: approval 5, rollback 5 → 5.
- Data, 2025-09-01 (one assessment, stale on 2026-06-15): approval 1, rollback 1 → 1;
  test 1.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from assessment_models.portfolio import (
    PortfolioError,
    TeamHistory,
    assessed,
    compare,
    dora_side_by_side,
    heatmap,
    history,
    months_before,
    shared_benchmark,
    sort_rows,
)
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import BenchmarkChoice, Responses, parse_responses
from assessment_models.rollup import rollup, work_counts
from assessment_models.trend import (
    capability_deltas,
    done_between,
    progress_since_first,
    progress_to_date,
    trend,
)

TODAY = date(2026, 6, 15)
TARGETS = {"processes": 4.0, "technology": 3.0}


def answers(approval: int, rollback: int, test: int | None) -> dict[str, dict[str, int]]:
    out = {"chg_approval": {"level": approval}, "chg_rollback": {"level": rollback}}
    if test is not None:
        out["test_auto"] = {"level": test}
    return out


def team_assessment(mini: Questionnaire, team: str, on: date, given: dict, **extra):  # type: ignore[no-untyped-def]
    document = {"questionnaire": "mini", "answers": given, "targets": TARGETS, **extra}
    responses = parse_responses(mini, Responses.model_validate(document))
    return assessed(team, on.isoformat(), on, mini, responses)


@pytest.fixture
def teams(mini: Questionnaire) -> list[TeamHistory]:
    payments = history(
        "Payments",
        [
            team_assessment(mini, "Payments", date(2026, 6, 1), answers(4, 3, 3)),
            team_assessment(
                mini,
                "Payments",
                date(2026, 1, 10),
                answers(2, 1, 2),
                tracking={
                    "chg_standard": {"status": "done"},
                    "test_ci": {"status": "done"},
                    "chg_risk": {"status": "in_progress", "due_date": "2026-03-01"},
                },
            ),
        ],
    )
    platform = history(
        "Platform",
        [
            team_assessment(mini, "Platform", date(2026, 2, 1), answers(3, 3, 4)),
            team_assessment(
                mini,
                "Platform",
                date(2026, 5, 1),
                answers(5, 5, None),
                scope={"exclude": ["technology"]},
                tracking={"chg_auto": {"status": "planned", "due_date": "2026-12-01"}},
            ),
        ],
    )
    data = history("Data", [team_assessment(mini, "Data", date(2025, 9, 1), answers(1, 1, 1))])
    return [payments, platform, data, TeamHistory(team="Search")]


def test_a_team_history_is_in_date_order(teams: list[TeamHistory]) -> None:
    assert [a.assessed_on for a in teams[0].assessments] == [date(2026, 1, 10), date(2026, 6, 1)]


def test_the_heatmap_shows_each_teams_latest_scores(teams: list[TeamHistory]) -> None:
    board = heatmap(teams, today=TODAY)
    assert [c.id for c in board.columns] == ["processes", "technology"]
    cells = {row.team: row.cells for row in board.rows}
    assert cells["Payments"]["processes"].score == pytest.approx(11 / 3)
    assert cells["Payments"]["technology"].score == 3
    assert cells["Platform"]["processes"].score == 5
    assert cells["Platform"]["technology"].in_scope is False
    assert cells["Platform"]["technology"].score is None
    assert cells["Data"]["processes"].level == 1
    assert cells["Search"] == {}


def test_the_heatmap_marks_assessments_older_than_six_months_stale(
    teams: list[TeamHistory],
) -> None:
    board = heatmap(teams, today=TODAY)
    assert {row.team: row.stale for row in board.rows} == {
        "Payments": False,
        "Platform": False,
        "Data": True,  # 2025-09-01 is before 2025-12-15
        "Search": False,  # never assessed: no assessment to be stale
    }
    assert not heatmap(teams, today=TODAY, stale_after_months=12).rows[2].stale


def test_months_before_keeps_the_day_or_takes_the_months_last() -> None:
    assert months_before(date(2026, 6, 15), 6) == date(2025, 12, 15)
    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 31), 1) == date(2025, 12, 31)


def test_the_heatmap_row_carries_the_date_and_coverage(teams: list[TeamHistory]) -> None:
    row = heatmap(teams, today=TODAY).rows[0]
    assert row.assessed_on == date(2026, 6, 1)
    # 3 of 5 questions answered (the two DORA questions are not)
    assert row.coverage == pytest.approx(3 / 5)


def test_the_capability_drill_down_of_one_dimension(teams: list[TeamHistory]) -> None:
    board = heatmap(teams, today=TODAY, unit="capability", dimension="processes")
    assert [c.id for c in board.columns] == ["change", "delivery"]
    assert board.rows[1].cells["change"].score == 5
    assert board.rows[1].cells["delivery"].score is None


def test_sorting_by_a_column_puts_teams_without_a_value_last(teams: list[TeamHistory]) -> None:
    rows = heatmap(teams, today=TODAY).rows
    assert [r.team for r in sort_rows(rows, "technology")] == [
        "Data", "Payments", "Platform", "Search"
    ]
    assert [r.team for r in sort_rows(rows, "technology", descending=True)] == [
        "Payments", "Data", "Platform", "Search"
    ]
    assert next(r.team for r in sort_rows(rows, "date")) == "Data"
    assert [r.team for r in sort_rows(rows, "team")] == ["Data", "Payments", "Platform", "Search"]


def test_compare_keeps_the_chosen_teams_in_order(teams: list[TeamHistory]) -> None:
    chosen = compare(heatmap(teams, today=TODAY), ["Platform", "Payments"])
    assert [r.team for r in chosen.rows] == ["Platform", "Payments"]


def test_compare_refuses_more_than_eight_teams(teams: list[TeamHistory]) -> None:
    with pytest.raises(PortfolioError, match=r"^Compare up to 8 teams at a time; 9 chosen\.$"):
        compare(heatmap(teams, today=TODAY), ["Payments"] * 9)


def test_compare_names_an_unknown_team(teams: list[TeamHistory]) -> None:
    with pytest.raises(PortfolioError, match=r"^No team named 'Ops' in this organisation\.$"):
        compare(heatmap(teams, today=TODAY), ["Ops"])


def test_the_rollup_counts_teams_per_level_not_an_average(teams: list[TeamHistory]) -> None:
    result = rollup(heatmap(teams, today=TODAY), teams, today=TODAY)
    assert (result.teams, result.assessed, result.stale) == (4, 3, 1)
    processes, technology = result.distributions
    # Payments 11/3 → 3, Platform 5 → 5, Data 1 → 1
    assert dict(processes.counts) == {1: 1, 2: 0, 3: 1, 4: 0, 5: 1}
    assert processes.unscored == 0
    # Payments 3, Data 1, Platform out of scope
    assert dict(technology.counts) == {1: 1, 2: 0, 3: 1, 4: 0, 5: 0}
    assert technology.unscored == 1


def test_the_weakest_capabilities_are_those_most_teams_are_below_target_in(
    teams: list[TeamHistory],
) -> None:
    weakest = rollup(heatmap(teams, today=TODAY), teams, today=TODAY).weakest
    # change: Payments 11/3 < 4, Data 1 < 4, Platform 5 ≥ 4 → 2 teams below
    # testing: Payments 3 ≥ 3, Data 1 < 3 → 1 team below (Platform out of scope)
    assert [(w.capability, w.teams_below_target, w.teams_scored) for w in weakest] == [
        ("change", 2, 3),
        ("testing", 1, 2),
    ]
    assert weakest[0].median == pytest.approx(11 / 3)
    assert weakest[1].median == 2 and weakest[1].lowest == 1


def test_work_counts_use_each_teams_current_plan_and_flag_overdue(
    teams: list[TeamHistory],
) -> None:
    # Payments' latest has no tracking: its earlier plan counts (2 done, 1 overdue);
    # Platform's latest plan has one planned item due later.
    counts = work_counts(teams, today=TODAY)
    assert (counts.done, counts.in_progress, counts.overdue, counts.planned) == (2, 0, 1, 1)


def test_the_trend_has_a_line_per_dimension(teams: list[TeamHistory]) -> None:
    payments, platform, data, _ = (trend(t) for t in teams)
    assert payments.line("processes") == pytest.approx([5 / 3, 11 / 3])
    assert payments.line("technology") == [2, 3]
    assert platform.line("technology") == [4, None]  # out of scope the second time
    assert len(data.points) == 1


def test_capability_deltas_between_two_assessments(teams: list[TeamHistory]) -> None:
    before, after = teams[0].assessments
    deltas = {d.capability: d for d in capability_deltas(before, after)}
    assert deltas["change"].delta == pytest.approx(2.0)  # 11/3 − 5/3
    assert deltas["testing"].delta == 1
    assert deltas["delivery"].delta is None  # never scored


def test_progress_to_date_follows_samms_formula(teams: list[TeamHistory]) -> None:
    processes, technology = progress_since_first(teams[0])
    # (11/3 − 5/3) ÷ (4 − 5/3) = 2 ÷ 7/3 = 6/7
    assert processes.status == "measured"
    assert processes.value == pytest.approx(6 / 7)
    # (3 − 2) ÷ (3 − 2) = 1: the target is reached
    assert technology.value == pytest.approx(1.0)


def test_progress_of_a_dimension_out_of_scope_has_no_number(teams: list[TeamHistory]) -> None:
    processes, technology = progress_since_first(teams[1])
    assert technology.status == "out_of_scope" and technology.value is None
    assert processes.value == pytest.approx((5 - 3) / (4 - 3))  # 2: twice the planned step


def test_a_team_with_one_assessment_has_a_trend_point_but_no_progress(
    teams: list[TeamHistory],
) -> None:
    assert progress_since_first(teams[2]) == ()
    assert progress_since_first(teams[3]) == ()


def test_a_target_equal_to_the_baseline_reads_met_or_slipped(mini: Questionnaire) -> None:
    targets = {"processes": 3.0, "technology": 2.0}
    baseline = team_assessment(mini, "T", date(2026, 1, 1), answers(3, 3, 2), targets=targets)
    held = team_assessment(mini, "T", date(2026, 4, 1), answers(3, 3, 2), targets=targets)
    fell = team_assessment(mini, "T", date(2026, 4, 1), answers(2, 1, 1), targets=targets)
    assert [(p.status, p.value) for p in progress_to_date(baseline, held)] == [
        ("met_at_baseline", None),
        ("met_at_baseline", None),
    ]
    assert [(p.status, p.value) for p in progress_to_date(baseline, fell)] == [
        ("slipped", None),
        ("slipped", None),
    ]


def test_done_items_come_with_the_delta_of_their_capability(teams: list[TeamHistory]) -> None:
    before, after = teams[0].assessments
    done = {d.recommendation: d for d in done_between(before, after)}
    assert set(done) == {"chg_standard", "test_ci"}  # chg_risk is only in progress
    assert done["chg_standard"].capability == "change"
    assert done["chg_standard"].delta == pytest.approx(2.0)
    assert done["test_ci"].delta == 1


def test_the_portfolio_modules_do_not_import_streamlit() -> None:
    code = (
        "import sys, assessment_models.portfolio, assessment_models.trend; "
        "sys.exit('streamlit' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_the_portfolio_csv_has_one_row_per_team_and_dimension(teams: list[TeamHistory]) -> None:
    from assessment_models.report.portfolio_csv import portfolio_csv

    lines = portfolio_csv(heatmap(teams, today=TODAY)).splitlines()
    assert lines[0] == "Team,Dimension,Score,Level,Target,Assessed on,Coverage,Stale"
    assert lines[1:] == [
        "Payments,Processes,3.67,3,4,2026-06-01,60%,no",
        "Payments,Technology,3.00,3,3,2026-06-01,60%,no",
        "Platform,Processes,5.00,5,4,2026-05-01,50%,no",
        "Platform,Technology,,out of scope,3,2026-05-01,50%,no",
        "Data,Processes,1.00,1,4,2025-09-01,60%,yes",
        "Data,Technology,1.00,1,3,2025-09-01,60%,yes",
        "Search,,,,,,,",
    ]


def test_the_dora_comparison_uses_the_industry_most_teams_chose(mini: Questionnaire) -> None:
    def team(name: str, industry: str | None) -> TeamHistory:
        extra = {} if industry is None else {"benchmark": {"industry": industry,
                                                           "edition": "2025"}}
        given = {**answers(3, 3, 3), "dora_deploys": {"value": 6}}
        return history(name, [team_assessment(mini, name, date(2026, 6, 1), given, **extra)])

    board = heatmap([team("A", "insurance"), team("B", "insurance"), team("C", "energy"),
                     team("D", None)], today=TODAY)
    assert shared_benchmark(board) == BenchmarkChoice(industry="insurance", edition="2025")
    results = dora_side_by_side(board)
    assert [name for name, _ in results] == ["A", "B", "C", "D"]
    assert {result.industry for _, result in results} == {"insurance"}
    # A tie, or no choice at all, falls back to DORA's own default.
    tie = heatmap([team("A", "insurance"), team("C", "energy")], today=TODAY)
    assert shared_benchmark(tie) == BenchmarkChoice()
    assert shared_benchmark(heatmap([team("D", None)], today=TODAY)) == BenchmarkChoice()
