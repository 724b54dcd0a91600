"""The maturity section of the PDF: radar, dimension and capability tables, the heatmap.

Also the small text helpers every section shares (a score, a level, a coverage).
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from assessment_models.questionnaire import Questionnaire
from assessment_models.report.charts import Axis, level_colour, radar, text_on
from assessment_models.report.layout import Paragraph, grid, keep_with
from assessment_models.report.styles import Styles, esc
from assessment_models.roadmap import Roadmap
from assessment_models.scoring import ScoreCard, UnitScore

#: Heatmap cells per row: a dimension with more capabilities continues on the next row.
HEATMAP_COLUMNS = 6


def score_text(unit: UnitScore) -> str:
    if not unit.in_scope:
        return "not assessed"
    return "–" if unit.score is None else f"{unit.score:.2f}"


def level_text(unit: UnitScore) -> str:
    return "" if unit.level is None else f"{unit.level} {unit.level_name}"


def coverage_text(unit: UnitScore) -> str:
    return "" if unit.coverage is None else f"{unit.coverage:.0%}"


def projections_of(roadmap: Roadmap) -> list[tuple[str, dict[str, float | None]]]:
    """(phase, projected score per dimension): where the plan takes each dimension."""
    return [(p.phase, dict(p.dimensions)) for p in roadmap.projected]


def maturity(
    questionnaire: Questionnaire, card: ScoreCard, roadmap: Roadmap, s: Styles, width: float
) -> list[Flowable]:
    """The maturity pages: radar, the two score tables and the heatmap."""
    projections = projections_of(roadmap)
    axes = [
        Axis(
            d.title,
            d.score if d.in_scope else None,
            roadmap.targets[d.id] if d.in_scope else None,
            excluded=not d.in_scope,
            projected=tuple(p.get(d.id) for _, p in projections),
        )
        for d in card.dimensions
    ]
    out: list[Flowable] = [
        Paragraph("Maturity", s.h1),
        Paragraph(
            "Scores run from 1 (initial) to 5 (optimising). The filled shape is where the "
            "team stands today, the dashed one its target"
            + ("; the thin lines show where the plan takes it, phase by phase."
               if projections else "."), s.body),
        radar(axes, width, min(width * 0.74, 118 * mm + 40), s.fonts.regular, s.fonts.bold,
              s.arrow, [name for name, _ in projections]),
    ]
    out += keep_with(Paragraph("Dimension scores", s.h2), _dimension_table(card, roadmap, s,
                                                                          width), width)
    out += keep_with(Paragraph("Capability scores", s.h2),
                     _capability_table(questionnaire, card, s, width), width)
    out += keep_with(Paragraph("Heatmap", s.h2), heatmap(questionnaire, card, s, width), width,
                     rows=2)
    out += heatmap_legend(questionnaire, s, width)
    return out


def _dimension_table(card: ScoreCard, roadmap: Roadmap, s: Styles, width: float) -> Table:
    head = [Paragraph(f"<b>{h}</b>", s.cell) for h in
            ("Dimension", "Score", "Level", "Target", "Answered")]
    rows: list[list[object]] = [head]
    for d in card.dimensions:
        target = f"{roadmap.targets[d.id]:g}" if d.in_scope else ""
        rows.append([Paragraph(esc(d.title), s.cell), score_text(d),
                     Paragraph(esc(level_text(d)), s.cell), target, coverage_text(d)])
    rows.append([Paragraph("<b>Overall</b>", s.cell), score_text(card.overall),
                 Paragraph(esc(level_text(card.overall)), s.cell), "",
                 coverage_text(card.overall)])
    return grid(rows, [w * width for w in (0.36, 0.14, 0.28, 0.1, 0.12)], s)


def _capability_table(
    questionnaire: Questionnaire, card: ScoreCard, s: Styles, width: float
) -> Table:
    head = [Paragraph(f"<b>{h}</b>", s.cell) for h in
            ("Capability", "Dimension", "Score", "Level", "Answered")]
    rows: list[list[object]] = [head]
    for c in card.capabilities:
        dimension = questionnaire.dimensions_by_id[c.dimension or ""]
        shown = score_text(c)
        if c.in_scope and c.score is None and _outcomes_only(card, c.id):
            shown = "outcomes only"
        rows.append([Paragraph(esc(c.title), s.cell), Paragraph(esc(dimension.title), s.cell),
                     shown, Paragraph(esc(level_text(c)), s.cell), coverage_text(c)])
    return grid(rows, [w * width for w in (0.34, 0.22, 0.14, 0.18, 0.12)], s)


def _outcomes_only(card: ScoreCard, capability_id: str) -> bool:
    """True when every answered question of the capability is a DORA outcome."""
    answered = [c for c in card.explanations[capability_id] if c.level is not None]
    return bool(answered) and all(getattr(c, "outcome", False) for c in answered)


def heatmap(questionnaire: Questionnaire, card: ScoreCard, s: Styles, width: float) -> Table:
    """One band per dimension, one cell per capability coloured by its level.

    At most :data:`HEATMAP_COLUMNS` cells to a row: a dimension with more capabilities
    wraps onto further rows, so any questionnaire shape fits the page.
    """
    columns = max(1, min(HEATMAP_COLUMNS, max(len(d.capabilities) for d in
                                             questionnaire.dimensions)))
    label_w = 0.2 * width
    cell_w = (width - label_w) / columns
    rows: list[list[object]] = []
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (1, 0), (-1, -1), 1.5, colors.white),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for dimension in questionnaire.dimensions:
        capabilities = list(dimension.capabilities)
        first_row = len(rows)
        for start in range(0, len(capabilities), columns):
            chunk = capabilities[start:start + columns]
            label = Paragraph(f"<b>{esc(dimension.title)}</b>", s.cell) if start == 0 else ""
            cells: list[object] = [label]
            for k in range(columns):
                if k >= len(chunk):
                    cells.append("")
                    continue
                unit = card.capability(chunk[k].id)
                hexcol = text_on(unit.level).hexval()[2:]
                cells.append(Paragraph(
                    f'<font color="#{hexcol}">{esc(unit.title)}<br/>'
                    f"<b>{esc(score_text(unit))}</b></font>", s.small))
                commands.append(("BACKGROUND", (k + 1, len(rows)), (k + 1, len(rows)),
                                 level_colour(unit.level)))
            rows.append(cells)
        if len(rows) - first_row > 1:
            commands.append(("SPAN", (0, first_row), (0, len(rows) - 1)))
    table = Table(rows, colWidths=[label_w] + [cell_w] * columns)
    table.setStyle(TableStyle(commands))
    return table


def heatmap_legend(questionnaire: Questionnaire, s: Styles, width: float) -> list[Flowable]:
    cells: list[object] = []
    style: list[tuple[object, ...]] = [("GRID", (0, 0), (-1, -1), 1.5, colors.white)]
    entries = [(lv, f"{lv} {questionnaire.level_names[lv]}") for lv in range(1, 6)]
    entries.append((None, "not scored"))
    for k, (lv, label) in enumerate(entries):
        hexcol = text_on(lv).hexval()[2:]
        cells.append(Paragraph(f'<font color="#{hexcol}">{esc(label)}</font>', s.small))
        style.append(("BACKGROUND", (k, 0), (k, 0), level_colour(lv)))
    legend = Table([cells], colWidths=[width / len(entries)] * len(entries))
    legend.setStyle(TableStyle(style))
    return [Spacer(1, 3 * mm), legend]
