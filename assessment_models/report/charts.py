"""Vector charts for the PDF, drawn with reportlab graphics: the radar, the DORA comparison
and the level colours.

The radar is drawn from polygons rather than ``SpiderChart``, which scales its axes to the
largest value in the data; here the rings are fixed at 1 to 5 whatever the scores are. A
dimension left out of scope keeps its spoke, labelled "not assessed", but has no point and
no target: the shapes join its neighbours instead of dropping to zero. The ring numbers sit
half-way between the first two spokes, clear of every label.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors

MAX_LEVEL = 5

#: Level 1 to 5, red to green (ColorBrewer RdYlGn, readable in greyscale too).
LEVEL_COLOURS: dict[int, colors.Color] = {
    1: colors.HexColor("#d7301f"),
    2: colors.HexColor("#fc8d59"),
    3: colors.HexColor("#fee08b"),
    4: colors.HexColor("#91cf60"),
    5: colors.HexColor("#1a9850"),
}
NO_LEVEL_COLOUR = colors.HexColor("#e0e0e0")
CURRENT_COLOUR = colors.HexColor("#1f5fa8")
TARGET_COLOUR = colors.HexColor("#444444")
GRID_COLOUR = colors.HexColor("#bbbbbb")
MUTED_COLOUR = colors.HexColor("#888888")
#: Projected shapes per phase, lightest first (Now … Beyond).
PROJECTION_COLOURS = ("#9ecae1", "#6baed6", "#3182bd", "#08519c")


def level_colour(level: int | None) -> colors.Color:
    return NO_LEVEL_COLOUR if level is None else LEVEL_COLOURS[level]


def text_on(level: int | None) -> colors.Color:
    """Black or white, whichever reads better on a level's colour."""
    return colors.white if level in (1, 5) else colors.black


def _fill(colour: colors.Color, alpha: float) -> colors.Color:
    return colors.Color(colour.red, colour.green, colour.blue, alpha=alpha)


@dataclass(frozen=True)
class Axis:
    label: str
    current: float | None
    target: float | None
    excluded: bool = False
    projected: tuple[float | None, ...] = field(default=())  # one value per projection


def radar(
    axes: list[Axis], width: float, height: float, font: str = "Helvetica",
    bold_font: str = "Helvetica-Bold", arrow: str = "->",
    projections: Sequence[str] = (),
) -> Drawing:
    """Current (filled) against target (dashed) on fixed rings 1 to 5, with optional
    projected shapes (one per name in ``projections``, values in ``Axis.projected``).

    With fewer than three dimensions a radar has no area, so bars stand in for it.
    """
    if len(axes) < 3:
        return bars(axes, width, font, bold_font)
    drawing = Drawing(width, height)
    legend_height = 24
    cx, cy = width / 2, (height + legend_height) / 2
    radius = min(width / 2 - 100, (height - legend_height) / 2 - 40)
    n = len(axes)

    def point(index: float, value: float) -> tuple[float, float]:
        angle = math.pi / 2 - 2 * math.pi * index / n
        r = radius * max(0.0, min(value, MAX_LEVEL)) / MAX_LEVEL
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    for ring in range(1, MAX_LEVEL + 1):
        ring_points = [c for i in range(n) for c in point(i, ring)]
        drawing.add(Polygon(ring_points, fillColor=None, strokeColor=GRID_COLOUR,
                            strokeWidth=0.6 if ring < MAX_LEVEL else 1))
        x, y = point(0.5, ring * math.cos(math.pi / n))  # on the bisector, on the ring
        drawing.add(String(x + 2, y + 1, str(ring), fontName=font, fontSize=7,
                           fillColor=MUTED_COLOUR))
    for i, axis in enumerate(axes):
        x, y = point(i, MAX_LEVEL)
        drawing.add(Line(cx, cy, x, y, strokeColor=GRID_COLOUR, strokeWidth=0.6,
                         strokeDashArray=[2, 2] if axis.excluded else None))

    for k in range(len(projections)):
        values = [(i, a.projected[k] if k < len(a.projected) else None)
                  for i, a in enumerate(axes) if not a.excluded]
        shape = [c for i, v in values if v is not None for c in point(i, v)]
        colour = colors.HexColor(PROJECTION_COLOURS[k % len(PROJECTION_COLOURS)])
        if len(shape) >= 6:
            drawing.add(Polygon(shape, fillColor=None, strokeColor=colour, strokeWidth=1.1))
    current = [c for i, a in enumerate(axes) if a.current is not None and not a.excluded
               for c in point(i, a.current)]
    if len(current) >= 6:
        drawing.add(Polygon(current, fillColor=_fill(CURRENT_COLOUR, 0.28),
                            strokeColor=CURRENT_COLOUR, strokeWidth=1.6))
    target = [c for i, a in enumerate(axes) if a.target is not None and not a.excluded
              for c in point(i, a.target)]
    if len(target) >= 6:
        drawing.add(Polygon(target, fillColor=None, strokeColor=TARGET_COLOUR, strokeWidth=1.2,
                            strokeDashArray=[4, 3]))
    for i, a in enumerate(axes):
        if a.current is not None and not a.excluded:
            x, y = point(i, a.current)
            drawing.add(Rect(x - 2, y - 2, 4, 4, fillColor=CURRENT_COLOUR, strokeColor=None))
        _axis_label(drawing, a, *point(i, MAX_LEVEL + 0.45), cx, cy, font, bold_font, arrow)

    _legend(drawing, width, font, projections)
    return drawing


def _axis_label(
    drawing: Drawing, axis: Axis, x: float, y: float, cx: float, cy: float, font: str,
    bold_font: str, arrow: str,
) -> None:
    """Name and score just outside the outer ring, growing away from the centre."""
    anchor = "middle" if abs(x - cx) < 8 else ("start" if x > cx else "end")
    lines = textwrap.wrap(axis.label, 22) or [""]
    if axis.excluded:
        score = "not assessed"
    elif axis.current is None:
        score = "not scored"
    else:
        target = "" if axis.target is None else f" {arrow} {axis.target:g}"
        score = f"{axis.current:.1f}{target}"
    block = 10 * (len(lines) + 1)
    if y > cy + 8:  # above the centre: the block sits on the point
        top = y + block - 8
    elif y < cy - 8:  # below: the block hangs from it
        top = y - 6
    else:
        top = y + block / 2 - 8
    ink = MUTED_COLOUR if axis.excluded else colors.black
    for k, line in enumerate(lines):
        drawing.add(String(x, top - 10 * k, line, fontName=bold_font, fontSize=8.5,
                           textAnchor=anchor, fillColor=ink))
    drawing.add(String(x, top - 10 * len(lines), score, fontName=font, fontSize=8,
                       textAnchor=anchor, fillColor=colors.HexColor("#555555")))


def bars(axes: list[Axis], width: float, font: str, bold_font: str) -> Drawing:
    """Current (bar) against target (dashed tick) per dimension, on a fixed 0–5 scale."""
    row, top_pad, bottom = 30, 8, 48
    drawing = Drawing(width, top_pad + row * len(axes) + bottom)
    left, right = 0.28 * width, width - 20

    def x_of(value: float) -> float:
        return left + (right - left) * max(0.0, min(value, MAX_LEVEL)) / MAX_LEVEL

    y_top = drawing.height - top_pad
    y_axis = bottom - 12
    for level in range(MAX_LEVEL + 1):
        x = x_of(level)
        drawing.add(Line(x, y_axis, x, y_top, strokeColor=GRID_COLOUR, strokeWidth=0.6))
        drawing.add(String(x, y_axis - 10, str(level), fontName=font, fontSize=7,
                           textAnchor="middle", fillColor=MUTED_COLOUR))
    for k, axis in enumerate(axes):
        y = y_top - row * (k + 1) + 8
        drawing.add(String(left - 8, y + 6, axis.label[:40], fontName=bold_font, fontSize=8.5,
                           textAnchor="end"))
        shown = ("not assessed" if axis.excluded else
                 "not scored" if axis.current is None else f"{axis.current:.1f}")
        drawing.add(String(left - 8, y - 4, shown, fontName=font, fontSize=8, textAnchor="end",
                           fillColor=colors.HexColor("#555555")))
        if axis.current is not None and not axis.excluded:
            drawing.add(Rect(left, y - 4, x_of(axis.current) - left, 14,
                             fillColor=_fill(CURRENT_COLOUR, 0.28), strokeColor=CURRENT_COLOUR))
        if axis.target is not None and not axis.excluded:
            xt = x_of(axis.target)
            drawing.add(Line(xt, y - 7, xt, y + 13, strokeColor=TARGET_COLOUR, strokeWidth=1.4,
                             strokeDashArray=[3, 2]))
    _legend(drawing, width, font, ())
    return drawing


def _legend(drawing: Drawing, width: float, font: str, projections: Sequence[str]) -> None:
    entries = 2 + len(projections)
    step = min(100.0, (width - 20) / entries)
    x, y = width / 2 - step * entries / 2, 6
    drawing.add(Rect(x, y, 14, 9, fillColor=_fill(CURRENT_COLOUR, 0.28),
                     strokeColor=CURRENT_COLOUR))
    drawing.add(String(x + 19, y + 1, "Current score", fontName=font, fontSize=8))
    x += step
    drawing.add(Line(x, y + 4.5, x + 14, y + 4.5, strokeColor=TARGET_COLOUR, strokeWidth=1.2,
                     strokeDashArray=[4, 3]))
    drawing.add(String(x + 19, y + 1, "Target", fontName=font, fontSize=8))
    for k, name in enumerate(projections):
        x += step
        colour = colors.HexColor(PROJECTION_COLOURS[k % len(PROJECTION_COLOURS)])
        drawing.add(PolyLine([x, y + 4.5, x + 14, y + 4.5], strokeColor=colour, strokeWidth=1.4))
        drawing.add(String(x + 19, y + 1, f"After {name}", fontName=font, fontSize=8))


@dataclass(frozen=True)
class DoraRow:
    """One line of the DORA chart: the team's score and the industry's mean ± sd."""

    label: str
    score: float | None
    mean: float | None
    sd: float | None
    bold: bool = False


def dora_chart(rows: list[DoraRow], width: float, font: str, bold_font: str) -> Drawing:
    """Per row, on DORA's 0–10 scale: a grey band for the industry's mean ± sd with a tick
    at the mean, and a blue dot for the team with its score."""
    row_h, top, bottom = 16, 4, 30
    drawing = Drawing(width, top + row_h * len(rows) + bottom)
    left, right = 0.3 * width, width - 30

    def x_of(value: float) -> float:
        return left + (right - left) * max(0.0, min(value, 10.0)) / 10

    y_axis = bottom - 8
    for tick in range(0, 11, 2):
        x = x_of(tick)
        drawing.add(Line(x, y_axis, x, drawing.height - top, strokeColor=GRID_COLOUR,
                         strokeWidth=0.5))
        drawing.add(String(x, y_axis - 9, str(tick), fontName=font, fontSize=7,
                           textAnchor="middle", fillColor=MUTED_COLOUR))
    for k, row in enumerate(rows):
        y = drawing.height - top - row_h * (k + 1) + 6
        drawing.add(String(left - 8, y, row.label, fontName=bold_font if row.bold else font,
                           fontSize=8, textAnchor="end"))
        if row.mean is not None and row.sd is not None:
            lo, hi = x_of(row.mean - row.sd), x_of(row.mean + row.sd)
            drawing.add(Rect(lo, y - 3, hi - lo, 10, fillColor=colors.HexColor("#e3e3e3"),
                             strokeColor=None))
            xm = x_of(row.mean)
            drawing.add(Line(xm, y - 4, xm, y + 8, strokeColor=TARGET_COLOUR, strokeWidth=1.2))
        if row.score is not None:
            xs = x_of(row.score)
            drawing.add(Circle(xs, y + 2, 3.6, fillColor=CURRENT_COLOUR, strokeColor=colors.white,
                               strokeWidth=0.8))
            # The score's label goes on the side away from the industry's mean tick.
            mean_close_right = row.mean is not None and 0 <= row.mean - row.score < 1.2
            left_side = row.score >= 9.2 or mean_close_right
            drawing.add(String(xs - 6 if left_side else xs + 6, y + 5, f"{row.score:.1f}",
                               fontName=bold_font, fontSize=7,
                               textAnchor="end" if left_side else "start",
                               fillColor=CURRENT_COLOUR))
        else:
            drawing.add(String(left + 4, y, "not answered", fontName=font, fontSize=7,
                               fillColor=MUTED_COLOUR))
    # Legend
    x, y = left, 4
    drawing.add(Circle(x + 4, y + 4, 3.6, fillColor=CURRENT_COLOUR, strokeColor=None))
    drawing.add(String(x + 12, y + 1, "Your team", fontName=font, fontSize=7.5))
    x += 70
    drawing.add(Rect(x, y, 16, 9, fillColor=colors.HexColor("#e3e3e3"), strokeColor=None))
    drawing.add(Line(x + 8, y - 1, x + 8, y + 10, strokeColor=TARGET_COLOUR, strokeWidth=1.2))
    drawing.add(String(x + 21, y + 1, "Industry mean ± one standard deviation", fontName=font,
                       fontSize=7.5))
    return drawing
