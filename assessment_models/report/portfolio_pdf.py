"""The portfolio PDF: an organisation's teams on a few pages, for leadership.

Sections: cover; organisation roll-up (teams per level in each dimension, the weakest
capabilities across teams, roadmap work); heatmap of every team's latest assessment; a small
trend chart per team; the DORA comparison of the teams' latest key-metric answers. Styles,
table grid and level colours are the assessment report's (``styles``, ``sections``,
``charts``), so the two documents read alike. Deterministic (``invariant``).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from assessment_models.portfolio import Heatmap, TeamHistory, dora_side_by_side
from assessment_models.report.charts import GRID_COLOUR, level_colour, text_on
from assessment_models.report.pdf import MARGIN, resolve_page_size
from assessment_models.report.sections import grid
from assessment_models.report.styles import MUTED, RULE, Styles, esc, make_styles
from assessment_models.rollup import Rollup
from assessment_models.trend import progress_since_first, trend

#: One colour per dimension line in the trend charts (Okabe–Ito, colour-blind safe).
LINE_COLOURS = tuple(colors.HexColor(c) for c in (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000",
))


def render_portfolio_pdf(
    organisation: str,
    histories: Sequence[TeamHistory],
    board: Heatmap,
    summary: Rollup,
    *,
    stale_after_months: int = 6,
    page_size: str = "A4",
    generated_on: date | None = None,
) -> bytes:
    """The whole portfolio as PDF bytes; ``histories`` hold every finished assessment."""
    size = resolve_page_size(page_size)
    day = generated_on or date.today()
    s = make_styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN + 4 * mm, bottomMargin=MARGIN,
        title=f"Delivery portfolio: {organisation}", author="Sextant", creator="Sextant",
        subject="IT delivery maturity portfolio", invariant=1,
    )
    width = doc.width
    story: list[Flowable] = []
    story += _cover(organisation, summary, day, s)
    story.append(PageBreak())
    story += _rollup(summary, s, width)
    story.append(PageBreak())
    story += _heatmap(board, s, width, stale_after_months)
    story.append(PageBreak())
    story += _trends(histories, s, width)
    story += _dora(board, s, width)
    header = f"Sextant · Delivery portfolio · {organisation} · {day.isoformat()}"
    doc.build(
        story,
        onFirstPage=lambda c, d: _decorate(c, d, s, None),
        onLaterPages=lambda c, d: _decorate(c, d, s, header),
    )
    return buffer.getvalue()


def _decorate(canvas: Any, doc: Any, s: Styles, header: str | None) -> None:
    page_width, height = doc.pagesize
    canvas.saveState()
    canvas.setFont(s.fonts.regular, 8)
    canvas.setFillColor(MUTED)
    if header:
        canvas.drawString(MARGIN, height - MARGIN + 2 * mm, header[:110])
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, height - MARGIN + 0.5 * mm, page_width - MARGIN,
                    height - MARGIN + 0.5 * mm)
    canvas.drawRightString(page_width - MARGIN, MARGIN / 2, f"Page {doc.page}")
    canvas.restoreState()


def _cover(organisation: str, summary: Rollup, day: date, s: Styles) -> list[Flowable]:
    stale = (f", {summary.stale} of them stale" if summary.stale else "")
    return [
        Spacer(1, 50 * mm),
        Paragraph("Delivery portfolio", s.title),
        Paragraph(esc(organisation), s.cover_big),
        Spacer(1, 10 * mm),
        Paragraph(esc(day.strftime("%d %B %Y").lstrip("0")), s.cover_line),
        Paragraph(esc(f"{summary.teams} teams, {summary.assessed} with a finished "
                      f"assessment{stale}"), s.cover_line),
    ]


def _rollup(summary: Rollup, s: Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("The organisation at a glance", s.h1)]
    if not summary.assessed:
        return [*out, Paragraph("No team has finished an assessment yet.", s.body)]
    out.append(Paragraph("Teams per level, by dimension", s.h2))
    out.append(Paragraph("How many teams' latest assessments reach each maturity level. An "
                         "average would hide the weak teams.", s.muted))
    rows: list[list[object]] = [["Dimension", "Level 1", "Level 2", "Level 3", "Level 4",
                                 "Level 5", "Not scored"]]
    for d in summary.distributions:
        rows.append([Paragraph(esc(d.title), s.cell),
                     *(str(d.counts.get(level, 0)) for level in range(1, 6)), str(d.unscored)])
    table = grid(rows, [width * 0.34] + [width * 0.11] * 6, s)
    commands: list[tuple[object, ...]] = []
    for level in range(1, 6):
        commands += [("BACKGROUND", (level, 0), (level, 0), level_colour(level)),
                     ("TEXTCOLOR", (level, 0), (level, 0), text_on(level))]
    commands.append(("ALIGN", (1, 0), (-1, -1), "CENTER"))
    table.setStyle(TableStyle(commands))
    out.append(table)

    out.append(Paragraph("Capabilities weakest across most teams", s.h2))
    out.append(Paragraph("Where most teams fall short of their target, one organisation-wide "
                         "initiative pays more than each team fixing it alone.", s.muted))
    weak: list[list[object]] = [["Capability", "Dimension", "Teams below target", "Median",
                                 "Lowest"]]
    for w in summary.weakest:
        weak.append([Paragraph(esc(w.title), s.cell), Paragraph(esc(w.dimension_title), s.cell),
                     f"{w.teams_below_target} of {w.teams_scored}", f"{w.median:.2f}",
                     f"{w.lowest:.2f}"])
    out.append(grid(weak, [width * 0.34, width * 0.22, width * 0.18, width * 0.13,
                           width * 0.13], s))
    work = summary.work
    out.append(Paragraph("Roadmap work across teams", s.h2))
    out.append(Paragraph(
        f"<b>{work.done}</b> items done, <b>{work.in_progress}</b> in progress, "
        f"<b>{work.overdue}</b> overdue and <b>{work.planned}</b> planned, across the teams' "
        "current plans (the tracked items of each team's latest assessment that has any).",
        s.body))
    return out


def _heatmap(board: Heatmap, s: Styles, width: float, stale_months: int) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("Teams side by side", s.h1)]
    out.append(Paragraph(
        "Each team's latest finished assessment: the score of each dimension, coloured by "
        f"level. Stale: assessed more than {stale_months} months ago.", s.muted))
    head = _header_style(s)
    header: list[object] = ["Team", "Assessed", "Answered", "Overall",
                            *(Paragraph(esc(c.title), head) for c in board.columns)]
    rows: list[list[object]] = [header]
    commands: list[tuple[object, ...]] = [
        ("ALIGN", (2, 0), (-1, -1), "CENTER"),
        # Narrow padding in the score columns, so that "Governance" fits on one line.
        ("LEFTPADDING", (4, 0), (-1, -1), 2),
        ("RIGHTPADDING", (4, 0), (-1, -1), 2),
    ]
    for r, row in enumerate(board.rows, start=1):
        when = "not yet" if row.assessed_on is None else row.assessed_on.strftime("%b %Y")
        if row.stale:
            when += " (stale)"
        cells: list[object] = [
            Paragraph(esc(row.team), s.cell), when,
            "" if row.coverage is None else f"{row.coverage:.0%}",
            "" if row.overall is None else f"{row.overall:.2f}",
        ]
        for c, column in enumerate(board.columns, start=4):
            cell = row.cells.get(column.id)
            if cell is None:
                cells.append("")
                continue
            cells.append("out of scope" if not cell.in_scope else
                         ("–" if cell.score is None else f"{cell.score:.2f}"))
            if cell.level is not None:
                commands += [("BACKGROUND", (c, r), (c, r), level_colour(cell.level)),
                             ("TEXTCOLOR", (c, r), (c, r), text_on(cell.level))]
        if row.stale:
            commands.append(("TEXTCOLOR", (1, r), (1, r), colors.HexColor("#b03a2e")))
        rows.append(cells)
    fixed = [width * 0.16, width * 0.15, width * 0.09, width * 0.08]
    rest = (width - sum(fixed)) / max(1, len(board.columns))
    table = grid(rows, fixed + [rest] * len(board.columns), s)
    table.setStyle(TableStyle(commands))
    out.append(table)
    return out


def _trends(histories: Sequence[TeamHistory], s: Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("Each team over time", s.h1)]
    teams = [h for h in histories if h.assessments]
    if not teams:
        return [*out, Paragraph("No team has finished an assessment yet.", s.body)]
    dimensions: dict[str, str] = {}
    for team in teams:
        dimensions.update({k: v for k, v in trend(team).dimensions.items()
                           if k not in dimensions})
    out.append(_legend(dimensions, s, width))
    cell_width = width / 2
    charts = [_team_chart(team, list(dimensions), s, cell_width - 6) for team in teams]
    rows = [charts[i:i + 2] + ([""] if len(charts[i:i + 2]) == 1 else [])
            for i in range(0, len(charts), 2)]
    table = Table(rows, colWidths=[cell_width, cell_width])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
    out.append(table)
    return out


def _legend(dimensions: dict[str, str], s: Styles, width: float) -> Drawing:
    drawing = Drawing(width, 14)
    x = 0.0
    for index, title in enumerate(dimensions.values()):
        colour = LINE_COLOURS[index % len(LINE_COLOURS)]
        drawing.add(Line(x, 5, x + 14, 5, strokeColor=colour, strokeWidth=2))
        drawing.add(String(x + 18, 2, title, fontName=s.fonts.regular, fontSize=8))
        x += 26 + len(title) * 4.6
    return drawing


def _team_chart(team: TeamHistory, order: list[str], s: Styles, width: float) -> Drawing:
    """A line per dimension on a 1–5 scale, one point per assessment, and progress to date."""
    height = 128.0
    left, bottom, top = 18.0, 34.0, 18.0
    plot_w, plot_h = width - left - 6, height - bottom - top
    line = trend(team)
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 10, team.team, fontName=s.fonts.bold, fontSize=9))

    def y_of(value: float) -> float:
        return bottom + (value - 1) / 4 * plot_h

    for level in range(1, 6):
        y = y_of(level)
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=GRID_COLOUR, strokeWidth=0.3))
        drawing.add(String(left - 8, y - 2.5, str(level), fontName=s.fonts.regular, fontSize=6,
                           fillColor=MUTED))
    points = line.points
    step = plot_w / max(1, len(points) - 1)

    def x_of(i: int) -> float:
        return left + (i * step if len(points) > 1 else plot_w / 2)

    for index, dimension in enumerate(order):
        colour = LINE_COLOURS[index % len(LINE_COLOURS)]
        values = line.line(dimension)
        coords = [(x_of(i), y_of(v)) for i, v in enumerate(values) if v is not None]
        if len(coords) > 1:
            drawing.add(PolyLine([c for xy in coords for c in xy], strokeColor=colour,
                                 strokeWidth=1.2))
        for x, y in coords:
            drawing.add(Circle(x, y, 1.6, fillColor=colour, strokeColor=colour))
    for i, point in enumerate(points):
        drawing.add(String(x_of(i), bottom - 9, point.assessed_on.strftime("%b %y"),
                           fontName=s.fonts.regular, fontSize=6, textAnchor="middle",
                           fillColor=MUTED))
    for row, text in enumerate(_progress_lines(team)):
        drawing.add(String(0, 9 - 8 * row, text, fontName=s.fonts.regular, fontSize=6.5,
                           fillColor=MUTED))
    return drawing


def _progress_lines(team: TeamHistory) -> list[str]:
    """Progress to date since the first assessment, on two short lines."""
    progress = progress_since_first(team)
    if not progress:
        return ["One assessment so far: the trend starts with the next."]
    parts = [
        f"{p.title} {p.value:.0%}" if p.value is not None else f"{p.title} –"
        for p in progress if p.status != "out_of_scope"
    ]
    half = (len(parts) + 1) // 2
    return ["Progress to date: " + ", ".join(parts[:half]), ", ".join(parts[half:])]


def _dora(board: Heatmap, s: Styles, width: float) -> list[Flowable]:
    results = dora_side_by_side(board)
    out: list[Flowable] = [CondPageBreak(80 * mm), Paragraph("DORA key metrics", s.h1)]
    if not results:
        return [*out, Paragraph("No team has answered the DORA key-metric questions yet.",
                                s.body)]
    first = results[0][1]
    out.append(Paragraph(
        f"Each team's answers scored as DORA's Quick Check scores them (0 to 10), against "
        f"{esc(first.industry_name)} ({esc(first.edition)}). Source: {esc(first.source)}.",
        s.muted))
    metrics = [m.metric for m in first.metrics]
    titles = {m.metric: m.title for m in first.metrics}
    head = _header_style(s)
    rows: list[list[object]] = [["Team", *(Paragraph(esc(titles[m]), head) for m in metrics),
                                 "Average"]]
    for team, result in results:
        rows.append([Paragraph(esc(team), s.cell),
                     *(_dora_cell(result.metric(m).score) for m in metrics),
                     _dora_cell(result.performance_average.score)])
    industry = first.performance_average.industry
    rows.append(["Industry mean",
                 *(_dora_cell(None if first.metric(m).comparison.industry is None
                              else first.metric(m).comparison.industry.mean) for m in metrics),
                 _dora_cell(None if industry is None else industry.mean)])
    fixed = width * 0.2
    rest = (width - fixed) / (len(metrics) + 1)
    table = grid(rows, [fixed] + [rest] * (len(metrics) + 1), s)
    table.setStyle(TableStyle([("ALIGN", (1, 0), (-1, -1), "CENTER"),
                               ("TEXTCOLOR", (0, -1), (-1, -1), MUTED)]))
    out.append(table)
    return out


def _header_style(s: Styles) -> ParagraphStyle:
    """Column headings small enough that a dimension's name never breaks mid-word."""
    return ParagraphStyle("SextantPortfolioHead", parent=s.cell_bold, fontSize=7, leading=8.5)


def _dora_cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"
