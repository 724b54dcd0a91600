"""The Portfolio page's sections. Layout only: every number comes from the domain."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st
from charts import LEVEL_COLOURS
from labels import plural

from assessment_models.benchmark_data import industries
from assessment_models.portfolio import (
    MAX_COMPARED,
    Heatmap,
    HeatmapRow,
    TeamHistory,
    compare,
    dora_side_by_side,
    heatmap,
    shared_benchmark,
    sort_rows,
)
from assessment_models.report.portfolio_pdf import render_portfolio_pdf
from assessment_models.responses import BenchmarkChoice
from assessment_models.rollup import Rollup, rollup
from assessment_models.storage import OrganisationRecord
from assessment_models.trend import capability_deltas, done_between, progress_to_date, trend
from portfolio import charts, keys, store

PROGRESS_TEXT = {
    "out_of_scope": "Out of scope",
    "not_scored": "Not scored",
    "met_at_baseline": "Target met at baseline",
    "slipped": "Fell below its target",
}
_PLAIN_COLUMNS = {"team": "Team", "date": "Assessed on", "coverage": "Coverage",
                  "overall": "Overall"}


def heatmap_frame(board: Heatmap, rows: Sequence[HeatmapRow], stale_months: int) -> pd.DataFrame:
    """The heatmap as a table: one row per team, scores rounded to two decimals."""
    records = []
    for row in rows:
        record: dict[str, object] = {
            "Team": row.team,
            "Assessed on": row.assessed_on,
            "Coverage": None if row.coverage is None else round(row.coverage * 100),
            "Stale": ("Stale" if row.stale
                      else ("Not assessed" if row.assessment is None else "")),
        }
        if board.unit == "dimension":
            record["Overall"] = "" if row.assessment is None else _score(row.overall)
        for column in board.columns:
            record[column.title] = _cell_text(row, column.id)
        records.append(record)
    frame = pd.DataFrame.from_records(
        records,
        columns=["Team", "Assessed on", "Coverage", "Stale",
                 *(["Overall"] if board.unit == "dimension" else []),
                 *(c.title for c in board.columns)],
    )
    # Scores as text ("3.67", "out of scope", "—"): every score has two decimals, so the
    # grid's own click-to-sort orders them as numbers, and a gap says why it is empty.
    return frame


def _tint(value: object) -> str:
    try:
        number = float(str(value))
    except ValueError:
        return ""
    level = max(1, min(5, int(number + 1e-9)))
    return f"background-color: {LEVEL_COLOURS[level]}40"


def heatmap_section(histories: list[TeamHistory], stale_months: int) -> Heatmap:
    """Teams × dimensions (or one dimension's capabilities), sortable, with date, coverage
    and the stale mark; returns the dimension heatmap for the other sections."""
    today = store.today()
    board = heatmap(histories, today=today, stale_after_months=stale_months)
    drill_options = ["", *(c.id for c in board.columns)]
    titles = {c.id: c.title for c in board.columns}
    left, middle, right = st.columns([2, 2, 1], vertical_alignment="bottom")
    drill = left.selectbox(
        "Show",
        options=drill_options,
        format_func=lambda d: "Dimensions" if not d else f"Capabilities of {titles[d]}",
        key=keys.DRILL,
    )
    shown = board if not drill else heatmap(
        histories, today=today, stale_after_months=stale_months, unit="capability",
        dimension=drill,
    )
    sort_options = ["team", "date", "coverage",
                    *(["overall"] if not drill else []), *(c.id for c in shown.columns)]
    if st.session_state.get(keys.SORT_BY) not in sort_options:
        st.session_state[keys.SORT_BY] = "team"
    column_titles = {**_PLAIN_COLUMNS, **{c.id: c.title for c in shown.columns}}
    sort_by = middle.selectbox(
        "Sort by", options=sort_options, format_func=column_titles.__getitem__, key=keys.SORT_BY
    )
    descending = right.toggle("Highest first", key=keys.DESCENDING)
    rows = sort_rows(shown.rows, sort_by, descending=descending)
    frame = heatmap_frame(shown, rows, stale_months)
    score_columns = [c for c in frame.columns if c not in ("Team", "Assessed on", "Coverage",
                                                             "Stale")]
    styled = frame.style.map(_tint, subset=score_columns)
    st.dataframe(
        styled,
        hide_index=True,
        width="stretch",
        height=35 * (len(rows) + 1) + 3,  # every team on screen, no inner scrolling
        key="portfolio.heatmap",
        column_config={
            "Team": st.column_config.TextColumn(pinned=True),
            "Assessed on": st.column_config.DateColumn(format="D MMM YYYY"),
            "Coverage": st.column_config.NumberColumn(format="%d%%",
                                                      help="Questions answered"),
            "Stale": st.column_config.TextColumn(help=f"Assessed over {stale_months} months ago"),
        },
    )
    st.caption(
        "Each row is the team's latest finished assessment; a dash means not answered. "
        f"Stale: assessed more than {stale_months} months ago; the picture may "
        "have moved since. Colours follow the maturity level (red 1 to green 5)."
    )
    return board


def compare_section(board: Heatmap) -> list[str]:
    """Up to eight teams: radar overlay and a table. Returns the teams chosen."""
    assessed = [row.team for row in board.rows if row.assessment is not None]
    if not assessed:
        st.info("Compare opens once a team has finished an assessment.")
        return []
    st.session_state.setdefault(keys.COMPARE_TEAMS, assessed[: min(3, len(assessed))])
    chosen = st.multiselect(
        f"Teams to compare (up to {MAX_COMPARED})",
        options=assessed,
        max_selections=MAX_COMPARED,
        key=keys.COMPARE_TEAMS,
    )
    if not chosen:
        st.caption("Pick at least one team.")
        return []
    picked = compare(board, chosen)
    st.plotly_chart(charts.radar_overlay(picked), config={"displayModeBar": False},
                    key="portfolio.radar")
    table = [
        {
            "Team": row.team,
            "Overall": _score(row.overall),
            **{c.title: _cell_text(row, c.id) for c in picked.columns},
            "Assessed on": "" if row.assessed_on is None else f"{row.assessed_on:%d %b %Y}",
        }
        for row in picked.rows
    ]
    st.table(table, hide_index=True, border="horizontal")
    _dora_table(picked)
    return chosen


def _dora_table(picked: Heatmap) -> None:
    """The chosen teams' DORA key metrics, scored 0–10 as DORA's Quick Check does."""
    st.markdown("**DORA key metrics** (0 to 10, as DORA's Quick Check scores them)")
    shared = shared_benchmark(picked)
    names = industries(shared.edition)
    # Preset to the teams' own choice, again whenever a different set of teams changes it;
    # a choice made here holds while the teams stay the same.
    if st.session_state.get(keys.DORA_INDUSTRY_PRESET) != shared.industry:
        st.session_state[keys.DORA_INDUSTRY_PRESET] = shared.industry
        st.session_state[keys.DORA_INDUSTRY] = shared.industry
    industry = st.selectbox(
        "Compare with", options=list(names), format_func=names.__getitem__,
        key=keys.DORA_INDUSTRY,
        help="Preset to the industry most of these teams chose for their own comparison.",
    )
    results = dora_side_by_side(
        picked, BenchmarkChoice(industry=industry or shared.industry, edition=shared.edition)
    )
    if not results:
        st.caption("None of these teams has answered the DORA key-metric questions.")
        return
    first = results[0][1]
    metrics = [(m.metric, m.title) for m in first.metrics]
    rows = [
        {
            "Team": team,
            **{title: _tenth(result.metric(metric).score) for metric, title in metrics},
            "Average": _tenth(result.performance_average.score),
        }
        for team, result in results
    ]
    industry = {
        title: _tenth(None if first.metric(metric).comparison.industry is None
                      else first.metric(metric).comparison.industry.mean)
        for metric, title in metrics
    }
    average = first.performance_average.industry
    rows.append({"Team": f"{first.industry_name} (mean)", **industry,
                 "Average": _tenth(None if average is None else average.mean)})
    st.table(rows, hide_index=True, border="horizontal")
    st.caption(f"Industry figures: {first.industry_name}, DORA Quick Check {first.edition} "
               "([dora.dev](https://dora.dev/quickcheck/)).")


def _tenth(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def trend_section(
    histories: list[TeamHistory], load_team: Callable[[str], TeamHistory | None]
) -> None:
    """One team over time: lines, deltas between two assessments, progress, work done."""
    names = [h.team for h in histories]
    if not names:
        st.info("Add a team to follow its progress.")
        return
    team_name = st.selectbox("Team", options=names, key=keys.TREND_TEAM)
    team = load_team(team_name)
    if team is None or not team.assessments:
        st.info(f"{team_name} has no finished assessment yet.")
        return
    line = trend(team)
    st.plotly_chart(charts.trend_lines(line), config={"displayModeBar": False},
                    key="portfolio.trend")
    if len(team.assessments) < 2:
        st.info(
            f"{team_name} has one assessment so far, on "
            f"{team.assessments[0].assessed_on:%d %b %Y}. Its trend, deltas and progress "
            "start with the next one.",
            icon=":material/timeline:",
        )
        return
    labels = [f"{a.assessed_on:%d %b %Y}" for a in team.assessments]
    positions = list(range(len(labels)))
    # One pair of pickers per team: another team's dates never linger in them.
    from_key, to_key = keys.trend_keys(team_name)
    left, right = st.columns(2)
    first = left.selectbox("From (baseline)", positions, index=0,
                           format_func=labels.__getitem__, key=from_key)
    last = right.selectbox("To", positions, index=positions[-1],
                           format_func=labels.__getitem__, key=to_key)
    if first >= last:
        st.warning("Pick a baseline earlier than the assessment it is compared with.")
        return
    before, after = team.assessments[first], team.assessments[last]

    st.markdown("**Progress to date** = (current − baseline) ÷ (target − baseline)")
    st.table(
        [
            {
                "Dimension": p.title,
                "Baseline": _score(p.baseline),
                "Current": _score(p.current),
                "Target": f"{p.target:g}",
                "Progress": f"{p.value:.0%}" if p.value is not None else PROGRESS_TEXT[p.status],
            }
            for p in progress_to_date(before, after)
        ],
        hide_index=True,
        border="horizontal",
    )
    st.markdown(f"**Capabilities, {labels[first]} → {labels[last]}** (largest rise first)")
    titles = {d.id: d.title for d in after.card.dimensions}
    st.table(
        [
            {
                "Dimension": titles.get(d.dimension, ""),
                "Capability": d.title,
                "Before": _score(d.before),
                "After": _score(d.after),
                "Change": "—" if d.delta is None else f"{d.delta:+.2f}",
            }
            for d in sorted(capability_deltas(before, after),
                            key=lambda d: (d.delta is None, -(d.delta or 0.0)))
        ],
        hide_index=True,
        border="horizontal",
    )
    done = [d for i in range(first, last) for d in done_between(team.assessments[i],
                                                                 team.assessments[i + 1])]
    st.markdown("**Roadmap items done in between**")
    if not done:
        st.caption("No roadmap item of these assessments' plans was marked done.")
        return
    st.table(
        [
            {
                "Item": d.title,
                "Capability": d.capability_title,
                "Capability before": _score(d.before),
                "After": _score(d.after),
                "Change": "—" if d.delta is None else f"{d.delta:+.2f}",
            }
            for d in done
        ],
        hide_index=True,
        border="horizontal",
    )
    st.caption("Did the finished work move the capability it was meant to move?")


def rollup_section(summary: Rollup) -> None:
    teams, assessed, stale = st.columns(3)
    teams.metric("Teams", summary.teams, border=True)
    assessed.metric("Assessed", summary.assessed, border=True)
    stale.metric("Stale assessments", summary.stale, border=True)
    if not summary.assessed:
        st.info("The roll-up fills in as teams finish their assessments.")
        return
    st.subheader("Teams per level, by dimension", anchor=False)
    st.plotly_chart(charts.level_distribution(summary.distributions),
                    config={"displayModeBar": False}, key="portfolio.levels")
    st.caption("An average hides the weak teams; this shows how many teams sit at each level.")
    st.subheader("Capabilities weakest across most teams", anchor=False)
    st.table(
        [
            {
                "Capability": w.title,
                "Dimension": w.dimension_title,
                "Teams below target": f"{w.teams_below_target} of {w.teams_scored}",
                "Median": _score(w.median),
                "Lowest": _score(w.lowest),
            }
            for w in summary.weakest
        ],
        hide_index=True,
        border="horizontal",
    )
    st.caption("Where most teams fall short, one organisation-wide initiative pays more than "
               "each team fixing it alone.")
    st.subheader("Roadmap work across teams", anchor=False)
    work = summary.work
    done, doing, overdue, planned = st.columns(4)
    done.metric("Done", work.done, border=True)
    doing.metric("In progress", work.in_progress, border=True)
    overdue.metric("Overdue", work.overdue, border=True)
    planned.metric("Planned", work.planned, border=True)
    st.caption("Each team's current plan: the tracked items of its latest assessment that has "
               "any. Overdue: past its due date and not done.")


def portfolio_pdf(owner: str, organisation: OrganisationRecord) -> bytes:
    """The portfolio PDF, every team's whole history read (only when asked for)."""
    histories = store.all_histories(owner)
    today = store.today()
    months = organisation.stale_after_months
    board = heatmap(histories, today=today, stale_after_months=months)
    return render_portfolio_pdf(organisation.name, histories, board,
                                rollup(board, histories, today=today),
                                stale_after_months=months, generated_on=today)


def team_summary(histories: list[TeamHistory]) -> str:
    assessed = sum(h.latest is not None for h in histories)
    return (f"{plural(len(histories), 'team', 'teams')}, "
            f"{assessed} with a finished assessment")


def _cell_text(row: HeatmapRow, column: str) -> str:
    cell = row.cells.get(column)
    if cell is None:
        return "" if row.assessment is None else "not asked"
    return "out of scope" if not cell.in_scope else _score(cell.score)


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"
