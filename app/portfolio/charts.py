"""Plotly figures of the portfolio. Drawing only: every number comes from the domain."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from charts import LEVEL_COLOURS

from assessment_models.portfolio import Heatmap
from assessment_models.rollup import LevelDistribution
from assessment_models.trend import Trend

_FONT = {"family": "sans-serif", "size": 13, "color": "#1b2631"}
#: Eight distinguishable colours (Okabe–Ito, colour-blind safe) for up to eight teams.
TEAM_COLOURS = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
)


def radar_overlay(board: Heatmap) -> go.Figure:
    """One closed line per team over the dimensions; a gap where a dimension has no score."""
    titles = [c.title for c in board.columns]
    figure = go.Figure()
    for index, row in enumerate(board.rows):
        scores = [
            row.cells[c.id].score if c.id in row.cells else None for c in board.columns
        ]
        figure.add_trace(
            go.Scatterpolar(
                r=[*scores, scores[0]] if scores else scores,
                theta=[*titles, titles[0]] if titles else titles,
                name=row.team,
                mode="lines+markers",
                line={"color": TEAM_COLOURS[index % len(TEAM_COLOURS)], "width": 2},
                connectgaps=False,
                hovertemplate=f"{row.team} · %{{theta}}: %{{r:.2f}}<extra></extra>",
            )
        )
    figure.update_layout(
        polar={
            "radialaxis": {"range": [0, 5], "tickvals": [1, 2, 3, 4, 5],
                           "tickfont": {"size": 11, "color": "#5d6d7e"}},
            "angularaxis": {"direction": "clockwise", "rotation": 90},
        },
        legend={"orientation": "h", "y": -0.1, "x": 0.5, "xanchor": "center"},
        margin={"l": 70, "r": 70, "t": 30, "b": 30},
        height=440,
        font=_FONT,
    )
    return figure


def trend_lines(trend: Trend) -> go.Figure:
    """A line per dimension over the team's assessments (x: the assessment dates)."""
    dates = [p.assessed_on for p in trend.points]
    figure = go.Figure()
    for index, (dimension, title) in enumerate(trend.dimensions.items()):
        figure.add_trace(
            go.Scatter(
                x=dates,
                y=trend.line(dimension),
                name=title,
                mode="lines+markers",
                line={"color": TEAM_COLOURS[index % len(TEAM_COLOURS)], "width": 2},
                hovertemplate=f"{title}, %{{x|%d %b %Y}}: %{{y:.2f}}<extra></extra>",
            )
        )
    figure.update_layout(
        yaxis={"range": [0.8, 5.2], "tickvals": [1, 2, 3, 4, 5], "title": "Score"},
        xaxis={"title": None, "tickformat": "%b %Y"},
        legend={"orientation": "h", "y": -0.2, "x": 0.5, "xanchor": "center"},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        height=340,
        font=_FONT,
    )
    return figure


def level_distribution(distributions: Sequence[LevelDistribution]) -> go.Figure:
    """Per dimension, a stacked bar of how many teams reach each level."""
    titles = [d.title for d in distributions]
    figure = go.Figure()
    for level in (1, 2, 3, 4, 5):
        figure.add_trace(
            go.Bar(
                y=titles,
                x=[d.counts.get(level, 0) for d in distributions],
                name=f"Level {level}",
                orientation="h",
                marker={"color": LEVEL_COLOURS[level]},
                hovertemplate=f"%{{y}}: %{{x}} teams at level {level}<extra></extra>",
            )
        )
    unscored = [d.unscored for d in distributions]
    if any(unscored):
        figure.add_trace(
            go.Bar(y=titles, x=unscored, name="Not scored", orientation="h",
                   marker={"color": "#d5d8dc"},
                   hovertemplate="%{y}: %{x} teams without a score<extra></extra>")
        )
    figure.update_layout(
        barmode="stack",
        legend_traceorder="normal",
        xaxis={"title": "Teams", "dtick": 1},
        yaxis={"autorange": "reversed", "automargin": True},
        legend={"orientation": "h", "y": -0.25, "x": 0.5, "xanchor": "center"},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        height=max(200, 44 * len(titles) + 110),
        font=_FONT,
    )
    return figure
