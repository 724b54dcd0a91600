"""The body sections of the PDF: score tables, heatmap, roadmap and the answers appendix."""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from assessment_models.questionnaire import Questionnaire
from assessment_models.report.charts import level_colour, text_on
from assessment_models.report.csv_export import answer_in_words
from assessment_models.report.styles import RULE, Styles, esc
from assessment_models.report.tracking import Tracking, due_text, status_label
from assessment_models.responses import Responses
from assessment_models.roadmap import Roadmap, RoadmapItem
from assessment_models.scoring import ScoreCard, UnitScore

HEADER_BG = colors.HexColor("#eef2f7")
HEADING_ROOM = 40 * mm  # start a new page rather than leave a heading without its table


def grid(rows: list[list[object]], widths: list[float], s: Styles) -> Table:
    """A table with a shaded header row that repeats on every page it spans."""
    table = Table(rows, colWidths=widths, repeatRows=1)
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), s.fonts.regular),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    table.setStyle(TableStyle(commands))
    return table


def score_text(unit: UnitScore) -> str:
    if not unit.in_scope:
        return "out of scope"
    return "–" if unit.score is None else f"{unit.score:.2f}"


def level_text(unit: UnitScore) -> str:
    return "" if unit.level is None else f"{unit.level} {unit.level_name}"


def coverage_text(unit: UnitScore) -> str:
    return "" if unit.coverage is None else f"{unit.coverage:.0%}"


def score_tables(
    questionnaire: Questionnaire, card: ScoreCard, roadmap: Roadmap, s: Styles, width: float
) -> list[Flowable]:
    def row(unit: UnitScore, title: str, target: str) -> list[object]:
        return [Paragraph(title, s.cell), score_text(unit),
                Paragraph(esc(level_text(unit)), s.cell), target, coverage_text(unit)]

    head = [Paragraph(f"<b>{h}</b>", s.cell) for h in
            ("Dimension", "Score", "Level", "Target", "Coverage")]
    rows: list[list[object]] = [head]
    for d in card.dimensions:
        rows.append(row(d, esc(d.title), f"{roadmap.targets[d.id]:g}"))
    rows.append(row(card.overall, "<b>Overall</b>", ""))
    out: list[Flowable] = [Paragraph("Dimension scores", s.h2),
                           grid(rows, [w * width for w in (0.38, 0.12, 0.28, 0.1, 0.12)], s)]

    head = [Paragraph(f"<b>{h}</b>", s.cell) for h in
            ("Capability", "Dimension", "Score", "Level", "Coverage")]
    rows = [head]
    for c in card.capabilities:
        dimension = questionnaire.dimensions_by_id[c.dimension or ""]
        rows.append([Paragraph(esc(c.title), s.cell), Paragraph(esc(dimension.title), s.cell),
                     score_text(c), Paragraph(esc(level_text(c)), s.cell), coverage_text(c)])
    out += [Paragraph("Capability scores", s.h2),
            grid(rows, [w * width for w in (0.34, 0.24, 0.1, 0.2, 0.12)], s)]
    return out


def heatmap(questionnaire: Questionnaire, card: ScoreCard, s: Styles, width: float) -> list[
    Flowable
]:
    """One row per dimension, one cell per capability, coloured by the capability's level."""
    per_row = max(len(d.capabilities) for d in questionnaire.dimensions)
    label_w = 0.22 * width
    cell_w = (width - label_w) / per_row
    rows: list[list[object]] = []
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (1, 0), (-1, -1), 1.5, colors.white),
    ]
    for r, dimension in enumerate(questionnaire.dimensions):
        cells: list[object] = [Paragraph(f"<b>{esc(dimension.title)}</b>", s.cell)]
        for k in range(per_row):
            if k >= len(dimension.capabilities):
                cells.append("")
                continue
            unit = card.capability(dimension.capabilities[k].id)
            colour = level_colour(unit.level)
            hexcol = text_on(unit.level).hexval()[2:]
            shown = score_text(unit)
            cells.append(Paragraph(
                f'<font color="#{hexcol}">{esc(unit.title)}<br/><b>{esc(shown)}</b></font>',
                s.cell))
            commands.append(("BACKGROUND", (k + 1, r), (k + 1, r), colour))
        rows.append(cells)
    table = Table(rows, colWidths=[label_w] + [cell_w] * per_row)
    table.setStyle(TableStyle(commands))

    legend_cells: list[object] = []
    legend_style: list[tuple[object, ...]] = [("GRID", (0, 0), (-1, -1), 1.5, colors.white)]
    entries = [(lv, f"{lv} {questionnaire.level_names[lv]}") for lv in range(1, 6)]
    entries.append((None, "not scored"))
    for k, (lv, label) in enumerate(entries):
        hexcol = text_on(lv).hexval()[2:]
        legend_cells.append(Paragraph(f'<font color="#{hexcol}">{esc(label)}</font>', s.small))
        legend_style.append(("BACKGROUND", (k, 0), (k, 0), level_colour(lv)))
    legend = Table([legend_cells], colWidths=[width / len(entries)] * len(entries))
    legend.setStyle(TableStyle(legend_style))
    return [Paragraph("Capability heatmap", s.h2), table, Spacer(1, 6), legend]


def roadmap_section(
    roadmap: Roadmap, s: Styles, width: float, tracking: Mapping[str, Tracking] | None
) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("Roadmap", s.h1), Paragraph(
        f"Each phase holds at most {roadmap.capacity} effort points (S = 1, M = 3, L = 8) and "
        f"{roadmap.wip_limit} initiatives at once; an item starts only after what it requires. "
        f"{s.star} marks a quick win (effort S, impact at least 2, an answer two levels below "
        "target).", s.body)]
    out += _initiative_table(roadmap, s, width)
    titles = {item.id: item.title for item in (*roadmap.items, *roadmap.deferred)}
    for phase in roadmap.phases:
        out.append(CondPageBreak(HEADING_ROOM))  # no heading alone at the foot of a page
        projection = roadmap.projection(phase.name)
        after = projection.percent_to_target.get("overall")
        reach = "" if after is None else f", {after:.0f} % of the way to target after it"
        out.append(Paragraph(
            f"{esc(phase.name)} <font size=9>({esc(phase.horizon)}: {phase.points_used} of "
            f"{phase.capacity} points{reach})</font>", s.h2))
        if not phase.items:
            out.append(Paragraph("Nothing in this phase.", s.muted))
            continue
        out.append(_items_grid(phase.items, s, width, tracking, titles))
    if roadmap.deferred:
        out.append(CondPageBreak(HEADING_ROOM))
        out.append(Paragraph("Not scheduled: over capacity", s.h2))
        out.append(_items_grid(roadmap.deferred, s, width, tracking, titles))
    if roadmap.unanswered:
        out.append(Paragraph("Answer these to complete the picture", s.h2))
        out.append(Paragraph("; ".join(esc(u.text) for u in roadmap.unanswered), s.body))
    return out


def _initiative_table(roadmap: Roadmap, s: Styles, width: float) -> list[Flowable]:
    if not roadmap.initiatives:
        return []
    head = [Paragraph(f"<b>{h}</b>", s.cell) for h in
            ("Initiative", "Items", "Effort points", "Phases", "Dimensions")]
    rows: list[list[object]] = [head]
    for i in roadmap.initiatives:
        rows.append([Paragraph(f"<b>{esc(i.title)}</b><br/>{esc(i.description)}", s.cell),
                     str(len(i.items)), str(i.points),
                     Paragraph(esc(", ".join(i.phases) or "not scheduled"), s.cell),
                     Paragraph(esc(", ".join(i.dimension_titles)), s.cell)])
    return [Paragraph("Initiatives", s.h2),
            grid(rows, [w * width for w in (0.44, 0.08, 0.12, 0.16, 0.2)], s)]


def _items_grid(
    items: tuple[RoadmapItem, ...],
    s: Styles,
    width: float,
    tracking: Mapping[str, Tracking] | None,
    titles: dict[str, str],
) -> Table:
    head = [Paragraph(f"<b>{h}</b>", s.cell) for h in
            ("Recommendation", "Initiative", "Effort / impact", "Priority")]
    rows: list[list[object]] = [head]
    for item in items:
        rows.append(_item_row(item, s, (tracking or {}).get(item.id), tracking is not None,
                              titles))
    return grid(rows, [w * width for w in (0.56, 0.22, 0.12, 0.1)], s)


def _item_row(
    item: RoadmapItem, s: Styles, tracked: Tracking | None, show: bool, titles: dict[str, str]
) -> list[object]:
    star = f"{s.star} " if item.quick_win else ""
    lines = [f"<b>{star}{esc(item.title)}</b>", esc(item.description),
             f"<i>{esc(item.rationale)}</i>"]
    if item.requires:
        lines.append("Requires: " + esc("; ".join(titles.get(r, r) for r in item.requires)))
    if item.pulled_in_by:
        needed = "; ".join(titles.get(r, r) for r in item.pulled_in_by)
        lines.append("Prerequisite of: " + esc(needed))
    if item.deferred_reason:
        lines.append("Not scheduled: " + esc(item.deferred_reason))
    if show:
        owner = tracked.owner if tracked is not None and tracked.owner else "unassigned"
        due = due_text(tracked) or "no due date"
        lines.append(f"Owner: {esc(owner)} · Due: {esc(due)} · Status: "
                     f"{esc(status_label(tracked))}")
    where = (f"{esc(item.initiative_title)}<br/>{esc(item.capability_title)} · "
             f"{esc(item.dimension_title)}")
    return [Paragraph("<br/>".join(lines), s.cell), Paragraph(where, s.cell),
            Paragraph(f"{item.effort.value} / {item.impact} of 3", s.cell),
            f"{item.priority:.2f}"]


def appendix(
    questionnaire: Questionnaire, responses: Responses, s: Styles, width: float
) -> list[Flowable]:
    excluded = set(responses.scope.exclude)
    out: list[Flowable] = [Paragraph("Appendix: every answer", s.h1)]
    for dimension in questionnaire.dimensions:
        out.append(CondPageBreak(HEADING_ROOM))
        out.append(Paragraph(esc(dimension.title), s.h2))
        for capability in dimension.capabilities:
            head = [Paragraph(f"<b>{h}</b>", s.cell) for h in
                    ("Question", "Answer", "Comment", "Confidence")]
            rows: list[list[object]] = [head]
            scoped_out = dimension.id in excluded or capability.id in excluded
            for question in capability.questions:
                answer = responses.answers.get(question.id)
                level, words = answer_in_words(questionnaire, question.id, answer, scoped_out)
                shown = esc(words) if level is None else f"<b>Level {level}</b> – {esc(words)}"
                rows.append([
                    Paragraph(esc(question.text), s.cell),
                    Paragraph(shown, s.cell),
                    Paragraph(esc(answer.comment) if answer else "", s.cell),
                    Paragraph(esc(answer.confidence.value) if answer and answer.confidence
                              else "", s.cell),
                ])
            out.append(CondPageBreak(HEADING_ROOM))
            out.append(Paragraph(esc(capability.title), s.h3))
            out.append(grid(rows, [w * width for w in (0.32, 0.33, 0.21, 0.14)], s))
    return out
