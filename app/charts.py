"""Plotly figures of a score card. Drawing only: every number comes from the ScoreCard.

Each series differs from the others in three ways at once (colour, line dash, marker
shape), so that the charts still read when printed in greyscale. A dimension without a
score is said to be unscored in its label and leaves a gap in the line: it is never
drawn as a dip towards the centre, and no area is filled while any score is missing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from assessment_models.roadmap import Roadmap
from assessment_models.scoring import ScoreCard, UnitScore

#: One colour per maturity level, red (1) to green (5), readable on white.
LEVEL_COLOURS = {1: "#c0392b", 2: "#e67e22", 3: "#d4ac0d", 4: "#52a447", 5: "#1e7a46"}
_FONT = {"family": "sans-serif", "size": 14, "color": "#1b2631"}
_MUTED = "#5d6d7e"
_TARGET_COLOUR = "#4d5656"


@dataclass(frozen=True)
class SeriesStyle:
    """How one series is drawn: each differs from the others in colour, dash and marker."""

    colour: str
    dash: str
    marker: str
    width: float


CURRENT_STYLE = SeriesStyle("#1f5f8b", "solid", "circle", 3.5)
TARGET_STYLE = SeriesStyle(_TARGET_COLOUR, "dash", "diamond-open", 2.5)
#: Projected series (after Now, after Next, …), in the order given. Colours are chosen to
#: differ from the current score's blue in hue and in lightness (they stay apart in grey).
PROJECTED_STYLES = (
    SeriesStyle("#d35400", "dot", "square", 2.5),
    SeriesStyle("#8e44ad", "dashdot", "triangle-up", 2.5),
    SeriesStyle("#16a085", "longdash", "x", 2.5),
    SeriesStyle("#b7950b", "longdashdot", "star", 2.5),
)


def plan_series(roadmap: Roadmap) -> list[tuple[str, Mapping[str, float | None]]]:
    """What the plan buys, for the radar: the scores after Now and after Next."""
    return [
        (f"After {p.phase}", p.dimensions) for p in roadmap.projected if p.phase in ("Now", "Next")
    ]


def radar(
    card: ScoreCard,
    targets: Mapping[str, float],
    projected: Sequence[tuple[str, Mapping[str, float | None]]] = (),
) -> go.Figure:
    """The in-scope dimensions' scores on a 0–5 radar, with the target and any number of
    named projected series (name, scores by dimension id) overlaid."""
    dimensions = [d for d in card.dimensions if d.in_scope]
    labels = [_dimension_label(d) for d in dimensions]
    scores = [d.score for d in dimensions]
    complete = all(s is not None for s in scores)
    figure = go.Figure()
    figure.add_trace(
        _polar_line(
            labels,
            [targets.get(d.id) for d in dimensions],
            "Target",
            TARGET_STYLE,
            "%{theta}: target %{r:.1f}",
            rank=2,
        )
    )
    for index, (name, by_id) in enumerate(projected):
        style = PROJECTED_STYLES[index % len(PROJECTED_STYLES)]
        values = [by_id.get(d.id) for d in dimensions]
        hover = f"%{{theta}}: {name} %{{r:.2f}}"
        figure.add_trace(_polar_line(labels, values, name, style, hover, rank=3 + index))
    # Drawn last, so on top; listed first in the legend.
    current = _polar_line(
        labels, scores, "Current score", CURRENT_STYLE, "%{theta}: %{r:.2f}", rank=1
    )
    if complete and len(dimensions) > 2:
        # An area only when every dimension has a score: a partial one would be a wedge
        # pointing at the centre, read as a low score that nobody gave.
        current.update(fill="toself", fillcolor="rgba(31, 95, 139, 0.12)")
    figure.add_trace(current)
    count = len(dimensions)
    figure.update_layout(
        polar={
            "radialaxis": {
                "range": [0, 5],
                "tickvals": [1, 2, 3, 4, 5],
                # Ring labels half-way between the first two spokes, with no axis line
                # of their own, so they never run along a spoke.
                "angle": 90 - 180 / max(count, 1),
                "tickangle": 0,
                "showline": False,
                "ticks": "",
                "tickfont": {"size": 12, "color": _MUTED},
                "gridcolor": "#d5d8dc",
            },
            "angularaxis": {
                "direction": "clockwise",
                "rotation": 90,
                "tickfont": {"size": 14},
                "gridcolor": "#d5d8dc",
                "linecolor": "#aab7b8",
            },
            "bgcolor": "#ffffff",
        },
        legend={"orientation": "h", "y": -0.1, "x": 0.5, "xanchor": "center"},
        # Side margins wide enough for "Technology" beside its spoke on a phone.
        margin={"l": 88, "r": 88, "t": 50, "b": 50},
        height=520,
        font=_FONT,
    )
    if not complete:
        # Above the chart: under the legend it ran into the legend once that wrapped to
        # several lines on a phone.
        unscored = [d.title for d in dimensions if d.score is None]
        figure.update_layout(
            title={
                "text": f"Draft: {card.overall.answered} of {card.overall.questions} "
                "questions answered"
                + (f"<br>Not scored yet: {', '.join(unscored)}" if unscored else ""),
                "x": 0.5,
                "xanchor": "center",
                "y": 0.98,
                "yref": "container",
                "yanchor": "top",
                "font": {"size": 13, "color": _MUTED},
            },
            margin={"t": 110, "b": 50},
        )
    return figure


def _dimension_label(unit: UnitScore) -> str:
    """``Processes 2.81`` under the spoke, or the word unscored where there is no score."""
    if unit.score is None:
        return f"{unit.title}<br><span style='color:{_MUTED}'><i>not scored</i></span>"
    return f"{unit.title}<br><b>{unit.score:.2f}</b>"


def _polar_line(
    labels: list[str],
    values: Sequence[float | None],
    name: str,
    style: SeriesStyle,
    hover: str,
    rank: int,
) -> go.Scatterpolar:
    """One closed series; a missing value leaves a gap instead of falling to zero."""
    closed_values = [*values, values[0]] if values else []
    closed_labels = [*labels, labels[0]] if labels else []
    return go.Scatterpolar(
        r=closed_values,
        theta=closed_labels,
        name=name,
        mode="lines+markers",
        line={"color": style.colour, "dash": style.dash, "width": style.width},
        marker={"symbol": style.marker, "size": 9, "color": style.colour},
        connectgaps=False,
        hovertemplate=hover + "<extra></extra>",
        legendrank=rank,
    )


#: Where the value of each bar is written: right of the 0–5 scale, so neither the target
#: line nor the plot's edge can reach it.
_VALUE_X = 5.2
_BAR_LABEL_WIDTH = 26


def capability_bars(card: ScoreCard, target: float | None) -> go.Figure:
    """One horizontal bar per scored capability, coloured by its level, its value in a
    column of its own to the right of the scale."""
    scored = [c for c in card.capabilities if c.in_scope and c.score is not None]
    titles = {d.id: d.title for d in card.dimensions}
    names = [_wrap(c.title) for c in scored]
    figure = go.Figure(
        go.Bar(
            x=[c.score for c in scored],
            y=names,
            orientation="h",
            marker={
                "color": [LEVEL_COLOURS[c.level or 1] for c in scored],
                "line": {"color": "#1b2631", "width": 0.5},
            },
            customdata=[[titles.get(c.dimension or "", ""), c.level, c.level_name] for c in scored],
            hovertemplate=(
                "%{y} (%{customdata[0]})<br>score %{x:.2f}, level %{customdata[1]}: "
                "%{customdata[2]}<extra></extra>"
            ),
            showlegend=False,
        )
    )
    figure.add_trace(
        go.Scatter(
            x=[_VALUE_X] * len(scored),
            y=names,
            mode="text",
            text=[f"{c.score:.2f}" for c in scored],
            textposition="middle right",
            textfont={"size": 13, "color": "#1b2631"},
            hoverinfo="skip",
            showlegend=False,
            cliponaxis=False,
        )
    )
    if target is not None:
        figure.add_shape(
            type="line",
            x0=target,
            x1=target,
            y0=0,
            y1=1,
            yref="paper",
            line={"color": _TARGET_COLOUR, "dash": "dash", "width": 2},
        )
        figure.add_annotation(
            x=target,
            y=1,
            yref="paper",
            yanchor="bottom",
            text=f"Target {target:.1f}",
            showarrow=False,
            font={"size": 12, "color": _TARGET_COLOUR},
        )
    figure.update_layout(
        xaxis={
            "range": [0, 5.75],
            "tickvals": [0, 1, 2, 3, 4, 5],
            "title": None,
            "showgrid": True,
            "gridcolor": "#eaeded",
            "zeroline": False,
        },
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"color": "#1b2631"}},
        margin={"l": 10, "r": 10, "t": 30, "b": 30},
        height=max(140, 32 * len(scored) + 80),
        bargap=0.3,
        font=_FONT,
    )
    return figure


def _wrap(title: str) -> str:
    """A long capability name on two lines, so that a phone keeps room for the bars."""
    if len(title) <= _BAR_LABEL_WIDTH:
        return title
    cut = title.rfind(" ", 0, _BAR_LABEL_WIDTH)
    return title if cut <= 0 else f"{title[:cut]}<br>{title[cut + 1 :]}"
