"""Vector charts for the PDF, drawn with reportlab graphics: the radar and level colours.

The radar is drawn from polygons rather than ``SpiderChart``, which scales its axes to the
largest value in the data; here the rings are fixed at 1 to 5 whatever the scores are, and an
unscored dimension is a point at the centre with "(not scored)" under its name.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
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


def level_colour(level: int | None) -> colors.Color:
    return NO_LEVEL_COLOUR if level is None else LEVEL_COLOURS[level]


def text_on(level: int | None) -> colors.Color:
    """Black or white, whichever reads better on a level's colour."""
    return colors.white if level in (1, 5) else colors.black


@dataclass(frozen=True)
class Axis:
    label: str
    current: float | None
    target: float


def radar(
    axes: list[Axis], width: float, height: float, font: str = "Helvetica",
    bold_font: str = "Helvetica-Bold", arrow: str = "->",
) -> Drawing:
    """A radar of current (filled) against target (dashed) on fixed rings 1 to 5.

    With fewer than three dimensions a radar has no area, so bars on the same 1–5 scale
    stand in for it.
    """
    if len(axes) < 3:
        return bars(axes, width, font, bold_font)
    drawing = Drawing(width, height)
    legend_height = 22
    cx, cy = width / 2, (height + legend_height) / 2
    radius = min(width / 2 - 95, (height - legend_height) / 2 - 38)
    n = max(len(axes), 1)

    def point(index: int, value: float) -> tuple[float, float]:
        angle = math.pi / 2 - 2 * math.pi * index / n
        r = radius * max(0.0, min(value, MAX_LEVEL)) / MAX_LEVEL
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    for ring in range(1, MAX_LEVEL + 1):
        ring_points = [c for i in range(n) for c in point(i, ring)]
        if n >= 3:
            drawing.add(Polygon(ring_points, fillColor=None, strokeColor=GRID_COLOUR,
                                strokeWidth=0.6 if ring < MAX_LEVEL else 1))
        x, y = point(0, ring)
        drawing.add(String(x + 3, y - 3, str(ring), fontName=font, fontSize=7,
                           fillColor=colors.HexColor("#777777")))
    for i in range(n):
        x, y = point(i, MAX_LEVEL)
        drawing.add(Line(cx, cy, x, y, strokeColor=GRID_COLOUR, strokeWidth=0.6))

    if axes:
        target = [c for i, a in enumerate(axes) for c in point(i, a.target)]
        current = [c for i, a in enumerate(axes) for c in point(i, a.current or 0.0)]
        fill = colors.Color(CURRENT_COLOUR.red, CURRENT_COLOUR.green, CURRENT_COLOUR.blue,
                            alpha=0.28)
        drawing.add(Polygon(current, fillColor=fill, strokeColor=CURRENT_COLOUR,
                            strokeWidth=1.6))
        drawing.add(Polygon(target, fillColor=None, strokeColor=TARGET_COLOUR, strokeWidth=1.2,
                            strokeDashArray=[4, 3]))
        for i, a in enumerate(axes):
            if a.current is not None:
                x, y = point(i, a.current)
                drawing.add(Rect(x - 2, y - 2, 4, 4, fillColor=CURRENT_COLOUR, strokeColor=None))
            _axis_label(drawing, a, *point(i, MAX_LEVEL + 0.4), cx, cy, font, bold_font, arrow)

    _legend(drawing, width, font)
    return drawing


def _axis_label(
    drawing: Drawing, axis: Axis, x: float, y: float, cx: float, cy: float, font: str,
    bold_font: str, arrow: str,
) -> None:
    """Name and score just outside the outer ring, growing away from the centre."""
    anchor = "middle" if abs(x - cx) < 8 else ("start" if x > cx else "end")
    lines = textwrap.wrap(axis.label, 22) or [""]
    score = (
        "(not scored)" if axis.current is None else f"{axis.current:.1f} {arrow} {axis.target:g}"
    )
    block = 10 * (len(lines) + 1)
    if y > cy + 8:  # above the centre: the block sits on the point
        top = y + block - 8
    elif y < cy - 8:  # below: the block hangs from it
        top = y - 6
    else:
        top = y + block / 2 - 8
    for k, line in enumerate(lines):
        drawing.add(String(x, top - 10 * k, line, fontName=bold_font, fontSize=8.5,
                           textAnchor=anchor))
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
                           textAnchor="middle", fillColor=colors.HexColor("#777777")))
    fill = colors.Color(CURRENT_COLOUR.red, CURRENT_COLOUR.green, CURRENT_COLOUR.blue, alpha=0.28)
    for k, axis in enumerate(axes):
        y = y_top - row * (k + 1) + 8
        drawing.add(String(left - 8, y + 6, axis.label[:40], fontName=bold_font, fontSize=8.5,
                           textAnchor="end"))
        shown = "(not scored)" if axis.current is None else f"{axis.current:.1f}"
        drawing.add(String(left - 8, y - 4, shown, fontName=font, fontSize=8, textAnchor="end",
                           fillColor=colors.HexColor("#555555")))
        if axis.current is not None:
            drawing.add(Rect(left, y - 4, x_of(axis.current) - left, 14, fillColor=fill,
                             strokeColor=CURRENT_COLOUR))
        xt = x_of(axis.target)
        drawing.add(Line(xt, y - 7, xt, y + 13, strokeColor=TARGET_COLOUR, strokeWidth=1.4,
                         strokeDashArray=[3, 2]))
    _legend(drawing, width, font)
    return drawing


def _legend(drawing: Drawing, width: float, font: str) -> None:
    y = 6
    x = width / 2 - 90
    fill = colors.Color(CURRENT_COLOUR.red, CURRENT_COLOUR.green, CURRENT_COLOUR.blue, alpha=0.28)
    drawing.add(Rect(x, y, 14, 9, fillColor=fill, strokeColor=CURRENT_COLOUR))
    drawing.add(String(x + 19, y + 1, "Current score", fontName=font, fontSize=8))
    x += 100
    drawing.add(Line(x, y + 4.5, x + 14, y + 4.5, strokeColor=TARGET_COLOUR, strokeWidth=1.2,
                     strokeDashArray=[4, 3]))
    drawing.add(String(x + 19, y + 1, "Target", fontName=font, fontSize=8))
