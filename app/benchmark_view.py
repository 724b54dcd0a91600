"""The DORA benchmark on screen: industry and edition pickers, the comparison, the flags.

Drawing only: every number comes from :mod:`assessment_models.benchmark`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from assessment_models.benchmark import APPROXIMATION_NOTE, BenchmarkResult, Comparison, ordinal
from assessment_models.benchmark_data import DEFAULT_EDITION, EDITIONS, industries
from assessment_models.outcomes import PracticeOutcomeFlag

_TEAM = "#1f5f8b"
_INDUSTRY = "#7f8c8d"


def pickers(
    industry_key: str,
    edition_key: str,
    on_change: Callable[..., None] | None = None,
    args: tuple[Any, ...] = (),
) -> None:
    """Industry and DORA edition, side by side; newest edition first and the default."""
    names = industries(DEFAULT_EDITION)
    left, right = st.columns([2, 1])
    left.selectbox(
        "Industry to compare with",
        options=list(names),
        format_func=names.__getitem__,
        key=industry_key,
        on_change=on_change,
        args=args,
        help="DORA publishes its delivery figures per industry. The comparison uses them.",
    )
    right.selectbox(
        "DORA figures",
        options=list(reversed(EDITIONS)),
        format_func=lambda e: f"{e} edition" + (" (newest)" if e == DEFAULT_EDITION else ""),
        key=edition_key,
        on_change=on_change,
        args=args,
        help="Which year's DORA Quick Check figures to use.",
    )


def comparison_rows(result: BenchmarkResult) -> list[dict[str, str]]:
    """The benchmark as table rows: the metrics, then the averages."""
    rows = [
        {
            "Metric": m.title,
            "Your answer": m.answer_text,
            "DORA bucket": m.bucket_label or ("scored from the rate" if m.score is not None
                                              else ""),
            **_cells(m.comparison),
        }
        for m in result.metrics
    ]
    rows += [
        {"Metric": title, "Your answer": "", "DORA bucket": "", **_cells(c)}
        for title, c in result.aggregates()
    ]
    return rows


def _cells(c: Comparison) -> dict[str, str]:
    return {
        "Score (0–10)": "—" if c.score is None else f"{c.score:.1f}",
        "Industry mean ± sd": "" if c.industry is None
        else f"{c.industry.mean:.1f} ± {c.industry.sd:.1f}",
        "≈ Percentile": "" if c.percentile is None else ordinal(c.percentile),
    }


def chart(result: BenchmarkResult) -> go.Figure:
    """Per metric: the industry's mean ± sd as a bar with whiskers, the team as a dot."""
    entries = [(m.title, m.comparison) for m in result.metrics]
    entries += result.aggregates()
    titles = [t for t, _ in entries]
    figure = go.Figure()
    figure.add_trace(go.Scatter(
        x=[c.industry.mean if c.industry else None for _, c in entries],
        y=titles,
        mode="markers",
        name=f"{result.industry_name} (mean ± sd)",
        marker={"symbol": "line-ns-open", "size": 16, "color": _INDUSTRY},
        error_x={"type": "data", "array": [c.industry.sd if c.industry else 0 for _, c in entries],
                 "color": _INDUSTRY, "thickness": 1.5},
        hovertemplate="%{y}: industry %{x:.1f}<extra></extra>",
    ))
    figure.add_trace(go.Scatter(
        x=[c.score for _, c in entries],
        y=titles,
        mode="markers",
        name="Your team",
        marker={"size": 12, "color": _TEAM},
        hovertemplate="%{y}: your score %{x:.1f}<extra></extra>",
    ))
    figure.update_layout(
        xaxis={"range": [0, 10.3], "title": "DORA score, 0–10 (10 best)", "dtick": 2},
        yaxis={"autorange": "reversed"},
        height=80 + 34 * len(entries),
        margin={"l": 10, "r": 10, "t": 10, "b": 40},
        legend={"orientation": "h", "y": -0.25},
        showlegend=True,
    )
    return figure


def show(result: BenchmarkResult) -> None:
    """The comparison table, the chart and where the figures come from."""
    if result.answered == 0:
        st.info(
            "No DORA metric is answered, so there is nothing to compare yet. The four key "
            "metrics are in the Delivery performance questions.",
            icon=":material/info:",
        )
        return
    st.table(comparison_rows(result), hide_index=True, border="horizontal")
    st.plotly_chart(chart(result), config={"displayModeBar": False, "responsive": True},
                    key="results.benchmark_chart")
    st.caption(
        f"Scores as DORA's Quick Check computes them, compared with DORA's {result.edition} "
        f"figures for {result.industry_name}. {APPROXIMATION_NOTE} Source: {result.source}"
    )


def show_flags(flags: Sequence[PracticeOutcomeFlag]) -> None:
    """One calm warning per place where practice and outcome disagree."""
    for flag in flags:
        st.warning(flag.sentence, icon=":material/fact_check:")
