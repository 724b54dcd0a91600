"""The plan pages of the PDF: the initiatives on one page with the phases as columns, then
the items of Now and Next with their rationale, then Later, Beyond and anything over
capacity as a compact list.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.platypus import Flowable, PageBreak, Table

from assessment_models.report.layout import Paragraph, grid, keep_with
from assessment_models.report.styles import Styles, esc
from assessment_models.report.tracking import Tracking, due_text, status_label
from assessment_models.roadmap import Roadmap, RoadmapItem

DETAILED = ("Now", "Next")
#: The overview shows at most this many items per cell; the rest are counted.
CELL_ITEMS = 2


def plan_pages(
    roadmap: Roadmap, s: Styles, width: float, tracking: Mapping[str, Tracking] | None
) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("The plan", s.h1)]
    items = [*roadmap.items, *roadmap.deferred]
    if not items:
        out.append(Paragraph(
            "Nothing to plan: every answered practice already meets its target.", s.lead))
        return out
    out.append(Paragraph(
        f"{len(roadmap.items)} steps in {len(roadmap.initiatives)} initiatives over four "
        f"phases. Each phase holds at most {roadmap.capacity} effort points (S = 1, M = 3, "
        f"L = 8) and {roadmap.wip_limit} initiatives at once; a step never starts before what "
        f"it requires. {s.star} marks a quick win. The detail of Now and Next follows.",
        s.body))
    out.append(_overview(roadmap, s, width))
    out.append(_progress(roadmap, s))
    titles = {item.id: item.title for item in items}
    for name in DETAILED:
        phase = roadmap.phase(name)
        heading = Paragraph(
            f"{esc(phase.name)} <font size=9>({esc(phase.horizon)}, {phase.points_used} of "
            f"{phase.capacity} points)</font>", s.h2)
        if name == DETAILED[0]:
            out.append(PageBreak())
        if not phase.items:
            out += [heading, Paragraph("Nothing in this phase.", s.muted)]
            continue
        rows: list[list[object]] = [[Paragraph(f"<b>{h}</b>", s.cell) for h in
                                     ("Step and why", "Initiative and where", "Effort / impact")]]
        rows += [_detail_row(item, s, tracking, titles) for item in phase.items]
        out += keep_with(heading, grid(rows, [w * width for w in (0.6, 0.26, 0.14)], s),
                         width, rows=1)
    later = [i for i in roadmap.items if i.phase not in DETAILED]
    if later or roadmap.deferred:
        heading = Paragraph("Later and beyond", s.h2)
        if later:
            rows = [[Paragraph(f"<b>{h}</b>", s.cell) for h in
                     ("Phase", "Step", "Initiative", "Effort")]]
            rows += [[i.phase, Paragraph(esc(i.title), s.cell),
                      Paragraph(esc(i.initiative_title), s.cell), i.effort.value]
                     for i in later]
            out += keep_with(heading, grid(rows, [w * width for w in (0.12, 0.5, 0.28, 0.1)],
                                           s), width)
        else:
            out.append(heading)
        if roadmap.deferred:
            out.append(_over_capacity(roadmap, s))
    return out


def _over_capacity(roadmap: Roadmap, s: Styles) -> Paragraph:
    """One sentence for what does not fit, by initiative: a leader needs the count."""
    counts: dict[str, int] = {}
    for item in roadmap.deferred:
        counts[item.initiative_title] = counts.get(item.initiative_title, 0) + 1
    by = "; ".join(f"{esc(title)} {n}" for title, n in counts.items())
    n = len(roadmap.deferred)
    return Paragraph(
        f"{n} further step{'s do' if n != 1 else ' does'} not fit within {roadmap.capacity} effort "
        f"points a phase over the 18 months ({by}). They are listed on the Roadmap page and "
        "in the roadmap CSV; raising the capacity or finishing early brings them in.", s.body)


def _overview(roadmap: Roadmap, s: Styles, width: float) -> Table:
    """One row per initiative, one column per phase, the steps' titles in the cells."""
    phases = list(roadmap.phases)
    head: list[object] = [Paragraph("<b>Initiative</b>", s.cell)]
    head += [Paragraph(f"<b>{esc(p.name)}</b><br/>{esc(p.horizon)}", s.cell) for p in phases]
    rows: list[list[object]] = [head]
    by_id = {item.id: item for item in (*roadmap.items, *roadmap.deferred)}
    for initiative in roadmap.initiatives:
        mine = [by_id[i] for i in initiative.items if i in by_id]
        waiting = "" if initiative.phases else "<br/><i>over capacity: not scheduled</i>"
        row: list[object] = [Paragraph(f"<b>{esc(initiative.title)}</b>{waiting}", s.tiny)]
        for phase in phases:
            here = [i for i in mine if i.phase == phase.name]
            lines = [(f"{s.star} " if i.quick_win else "") + esc(i.title)
                     for i in here[:CELL_ITEMS]]
            if len(here) > CELL_ITEMS:
                lines.append(f"<i>and {len(here) - CELL_ITEMS} more</i>")
            row.append(Paragraph("<br/>".join(f"• {line}" for line in lines), s.tiny))
        rows.append(row)
    first = 0.18 * width
    table = grid(rows, [first] + [(width - first) / len(phases)] * len(phases), s)
    table.setStyle([("TOPPADDING", (0, 1), (-1, -1), 2), ("BOTTOMPADDING", (0, 1), (-1, -1), 2)])
    return table


def _progress(roadmap: Roadmap, s: Styles) -> Paragraph:
    """How far the plan takes the overall score, phase by phase."""
    steps = []
    for projection in roadmap.projected:
        score = projection.overall
        percent = projection.percent_to_target.get("overall")
        if score is not None:
            steps.append(f"after {projection.phase} {score:.1f}"
                         + ("" if percent is None else f" ({percent:.0f} % to target)"))
    if not steps:
        return Paragraph("", s.body)
    return Paragraph("If every step lands, the overall score goes " + ", ".join(steps) + ".",
                     s.body)


def _detail_row(
    item: RoadmapItem, s: Styles, tracking: Mapping[str, Tracking] | None,
    titles: dict[str, str],
) -> list[object]:
    star = f"{s.star} " if item.quick_win else ""
    lines = [f"<b>{star}{esc(item.title)}</b>", esc(item.description),
             f"<i>Why: {esc(item.rationale)}</i>"]
    if item.requires:
        lines.append("Requires: " + esc("; ".join(titles.get(r, r) for r in item.requires)))
    if tracking is not None:
        tracked = tracking.get(item.id)
        owner = tracked.owner if tracked is not None and tracked.owner else "unassigned"
        due = due_text(tracked) or "no due date"
        lines.append(f"Owner: {esc(owner)} · Due: {esc(due)} · Status: "
                     f"{esc(status_label(tracked))}")
    where = (f"<b>{esc(item.initiative_title)}</b><br/>{esc(item.capability_title)} · "
             f"{esc(item.dimension_title)}")
    return [Paragraph("<br/>".join(lines), s.cell), Paragraph(where, s.cell),
            Paragraph(f"{item.effort.value} / {item.impact} of 3", s.cell)]
