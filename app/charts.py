"""Plotly figures of a score card. Drawing only: every number comes from the ScoreCard."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from assessment_models.scoring import ScoreCard

#: One colour per maturity level, red (1) to green (5), readable on white.
LEVEL_COLOURS = {1: "#c0392b", 2: "#e67e22", 3: "#d4ac0d", 4: "#52a447", 5: "#1e7a46"}
_FONT = {"family": "sans-serif", "size": 13, "color": "#1b2631"}


#: Colours of projected series (after Now, after Next, …), lighter as they reach further.
PROJECTED_COLOURS = ("#1e8449", "#7dcea0", "#a9dfbf", "#d5f5e3")


def radar(
    card: ScoreCard,
    targets: dict[str, float],
    projected: Sequence[tuple[str, Mapping[str, float | None]]] = (),
) -> go.Figure:
    """The in-scope dimensions' scores on a 0–5 radar, with the target overlaid, and any
    projected scores (name, scores by dimension id) drawn as lines between the two."""
    dimensions = [d for d in card.dimensions if d.in_scope]
    titles = [d.title for d in dimensions]
    closed = [*titles, titles[0]] if titles else titles
    scores = [d.score for d in dimensions]
    goal = [targets.get(d.id) for d in dimensions]
    figure = go.Figure()
    figure.add_trace(
        go.Scatterpolar(
            r=[*goal, goal[0]] if goal else goal,
            theta=closed,
            name="Target",
            mode="lines",
            line={"color": "#7f8c8d", "dash": "dash", "width": 2},
            hovertemplate="%{theta}: target %{r:.1f}<extra></extra>",
        )
    )
    figure.add_trace(
        go.Scatterpolar(
            r=[*scores, scores[0]] if scores else scores,
            theta=closed,
            name="Score",
            mode="lines+markers",
            fill="toself",
            fillcolor="rgba(31, 95, 139, 0.25)",
            line={"color": "#1f5f8b", "width": 3},
            connectgaps=False,
            hovertemplate="%{theta}: %{r:.2f}<extra></extra>",
        )
    )
    for (name, scores_by_id), colour in zip(projected, PROJECTED_COLOURS, strict=False):
        values = [scores_by_id.get(d.id) for d in dimensions]
        figure.add_trace(
            go.Scatterpolar(
                r=[*values, values[0]] if values else values,
                theta=closed,
                name=name,
                mode="lines+markers",
                line={"color": colour, "width": 2},
                connectgaps=False,
                hovertemplate=f"%{{theta}}: {name.lower()} %{{r:.2f}}<extra></extra>",
            )
        )
    figure.update_layout(
        polar={
            # Tick labels half-way between the first two spokes, clear of both.
            "radialaxis": {
                "range": [0, 5],
                "tickvals": [1, 2, 3, 4, 5],
                "angle": 90 - 180 / max(len(titles), 1),
                "tickangle": 0,
                "tickfont": {"size": 11, "color": "#5d6d7e"},
            },
            "angularaxis": {"direction": "clockwise", "rotation": 90},
        },
        legend={"orientation": "h", "y": -0.08, "x": 0.5, "xanchor": "center"},
        margin={"l": 80, "r": 80, "t": 30, "b": 30},
        height=420,
        font=_FONT,
    )
    return figure


def capability_bars(card: ScoreCard, target: float | None) -> go.Figure:
    """One horizontal bar per scored capability, coloured by its level."""
    scored = [c for c in card.capabilities if c.in_scope and c.score is not None]
    titles = {d.id: d.title for d in card.dimensions}
    figure = go.Figure(
        go.Bar(
            x=[c.score for c in scored],
            y=[c.title for c in scored],
            orientation="h",
            marker={"color": [LEVEL_COLOURS[c.level or 1] for c in scored]},
            text=[f"{c.score:.2f}" for c in scored],
            textposition="outside",
            customdata=[[titles.get(c.dimension or "", ""), c.level, c.level_name] for c in scored],
            hovertemplate=(
                "%{y} (%{customdata[0]})<br>score %{x:.2f}, level %{customdata[1]}: "
                "%{customdata[2]}<extra></extra>"
            ),
        )
    )
    if target is not None:
        figure.add_vline(x=target, line={"color": "#7f8c8d", "dash": "dash", "width": 2})
    figure.update_layout(
        xaxis={"range": [0, 5.4], "tickvals": [0, 1, 2, 3, 4, 5], "title": None},
        yaxis={"autorange": "reversed", "automargin": True},
        margin={"l": 10, "r": 10, "t": 10, "b": 30},
        height=max(120, 34 * len(scored) + 60),
        showlegend=False,
        font=_FONT,
    )
    return figure
