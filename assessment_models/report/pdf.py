"""The PDF report: vector, built with reportlab's platypus, no browser.

Sections: cover; executive summary; radar and score tables; capability heatmap; roadmap by
phase; appendix with every answer. Every page after the cover carries a running header;
every page a page number. Every piece of user or content text goes through
:func:`styles.esc` before it reaches a ``Paragraph``, so markup in a comment prints
literally. The output is deterministic (``invariant``): the same inputs give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date
from typing import Any

from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
)

from assessment_models.errors import SextantError
from assessment_models.questionnaire import Questionnaire
from assessment_models.report.charts import Axis, radar
from assessment_models.report.sections import appendix, heatmap, roadmap_section, score_tables
from assessment_models.report.styles import MUTED, RULE, Styles, esc, make_styles
from assessment_models.report.tracking import Tracking
from assessment_models.responses import Responses
from assessment_models.roadmap import Roadmap, gaps
from assessment_models.scoring import ScoreCard

PAGE_SIZES: dict[str, tuple[float, float]] = {"a4": A4, "letter": letter}
MARGIN = 18 * mm

#: What each maturity level means, in a sentence (the names may differ per questionnaire).
LEVEL_MEANINGS: dict[int, str] = {
    1: "Delivery depends on individuals and heroics; outcomes are hard to predict or repeat.",
    2: "Basic practices exist within teams, but they vary and are applied unevenly.",
    3: "Practices are defined, shared across teams and followed as a matter of course.",
    4: "Practices are measured, and decisions about delivery rest on those numbers.",
    5: "Measurement drives deliberate, continuous improvement of how work is delivered.",
}


class ReportError(SextantError):
    """A report option (such as the page size) that Sextant does not support."""


def resolve_page_size(name: str) -> tuple[float, float]:
    try:
        return PAGE_SIZES[name.strip().lower()]
    except KeyError:
        raise ReportError(f"page size must be A4 or letter, got '{name}'") from None


def render_pdf(
    questionnaire: Questionnaire,
    responses: Responses,
    card: ScoreCard,
    roadmap: Roadmap,
    tracking: Mapping[str, Tracking] | None = None,
    page_size: str = "A4",
    generated_on: date | None = None,
) -> bytes:
    """The whole report as PDF bytes."""
    size = resolve_page_size(page_size)
    day = generated_on or date.today()
    s = make_styles()
    buffer = io.BytesIO()
    respondent = responses.respondent
    doc = SimpleDocTemplate(
        buffer, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 4 * mm,
        bottomMargin=MARGIN, title=f"{questionnaire.title}: {respondent.organisation}".strip(),
        author="Sextant", creator="Sextant", subject="IT delivery maturity report",
        invariant=1,
    )
    width = doc.width
    story: list[Flowable] = []
    story += _cover(questionnaire, responses, card, s, day)
    story.append(PageBreak())
    story += _summary(questionnaire, card, roadmap, s)
    story.append(PageBreak())
    story.append(Paragraph("Scores", s.h1))
    axes = [
        Axis(d.title, d.score if d.in_scope else None, roadmap.targets[d.id])
        for d in card.dimensions
    ]
    story.append(radar(axes, width, min(width * 0.78, 125 * mm + 40), s.fonts.regular,
                       s.fonts.bold, s.arrow))
    story += score_tables(questionnaire, card, roadmap, s, width)
    story.append(CondPageBreak(70 * mm))
    story += heatmap(questionnaire, card, s, width)
    story.append(PageBreak())
    story += roadmap_section(roadmap, s, width, tracking)
    story.append(PageBreak())
    story += appendix(questionnaire, responses, s, width)

    header = _header_text(questionnaire, responses, day)
    doc.build(
        story,
        onFirstPage=lambda c, d: _decorate(c, d, s, None),
        onLaterPages=lambda c, d: _decorate(c, d, s, header),
        canvasmaker=_numbered_canvas(s.fonts.regular),
    )
    return buffer.getvalue()


def _header_text(questionnaire: Questionnaire, responses: Responses, day: date) -> str:
    who = responses.respondent.display_name
    return " · ".join(p for p in ("Sextant", questionnaire.title, who, day.isoformat()) if p)


def _decorate(canvas: Canvas, doc: Any, s: Styles, header: str | None) -> None:
    width, height = doc.pagesize
    canvas.saveState()
    canvas.setFont(s.fonts.regular, 8)
    canvas.setFillColor(MUTED)
    if header:
        text = header if len(header) <= 110 else header[:107] + "…"
        canvas.drawString(MARGIN, height - MARGIN + 2 * mm, text)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, height - MARGIN + 0.5 * mm, width - MARGIN, height - MARGIN + 0.5 * mm)
    canvas.restoreState()


def _numbered_canvas(font: str) -> type[Canvas]:
    """A canvas that holds its pages back until the end, so each can say "Page N of M"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for page in self._pages:
                self.__dict__.update(page)
                width = self._pagesize[0]
                self.saveState()
                self.setFont(font, 8)
                self.setFillColor(MUTED)
                self.drawRightString(
                    width - MARGIN, MARGIN / 2, f"Page {self.getPageNumber()} of {total}"
                )
                self.restoreState()
                super().showPage()
            super().save()

    return NumberedCanvas


def _cover(
    questionnaire: Questionnaire, responses: Responses, card: ScoreCard, s: Styles, day: date
) -> list[Flowable]:
    respondent = responses.respondent
    overall = card.overall
    if overall.score is None:
        verdict = "Not scored yet: no question has an answer with a level."
    else:
        verdict = f"Overall {overall.score:.2f}: level {overall.level}, {overall.level_name}"
    return [
        Spacer(1, 45 * mm),
        Paragraph("IT delivery maturity report", s.title),
        Paragraph(esc(respondent.organisation or "Organisation not given"), s.cover_big),
        Paragraph(esc(respondent.team), s.cover_line) if respondent.team else Spacer(1, 1),
        Spacer(1, 12 * mm),
        Paragraph(f"{esc(questionnaire.title)}, version {esc(questionnaire.version)}",
                  s.cover_line),
        Paragraph(esc(day.strftime("%d %B %Y").lstrip("0")), s.cover_line),
        Spacer(1, 14 * mm),
        Paragraph(esc(verdict), s.cover_big),
    ]


def _summary(
    questionnaire: Questionnaire, card: ScoreCard, roadmap: Roadmap, s: Styles
) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("Executive summary", s.h1)]
    overall = card.overall
    if overall.level is None or overall.score is None:
        out.append(Paragraph("There is no overall score yet: no answered question carries a "
                             "level. Answer more questions to see where you stand.", s.body))
    else:
        out.append(Paragraph(
            f"Overall the assessment scores <b>{overall.score:.2f}</b>, maturity level "
            f"<b>{overall.level} ({esc(overall.level_name)})</b>. "
            f"{esc(LEVEL_MEANINGS[overall.level])}", s.body))
    percent = roadmap.percent_to_target.get("overall")
    if percent is not None:
        out.append(Paragraph(f"Progress to the targets: <b>{percent:.0f} %</b> of the way.",
                             s.body))

    scored = [c for c in card.capabilities if c.in_scope and c.score is not None]
    strengths = sorted(scored, key=lambda c: -(c.score or 0))[:3]
    gap = gaps(questionnaire, card, roadmap.targets)
    largest = sorted((c for c in scored if gap[c.id] > 0), key=lambda c: -gap[c.id])[:3]

    out.append(Paragraph("Strengths", s.h2))
    out.append(_bullets([
        f"<b>{esc(c.title)}</b>: {c.score:.2f}, level {c.level} ({esc(c.level_name)})"
        for c in strengths
    ] or ["No capability is scored yet."], s))
    out.append(Paragraph("Largest gaps to target", s.h2))
    out.append(_bullets([
        f"<b>{esc(c.title)}</b>: {c.score:.2f} against a target of "
        f"{roadmap.targets[c.dimension or '']:g}, a gap of {gap[c.id]:.2f}"
        for c in largest
    ] or ["Every scored capability meets its target."], s))
    out.append(Paragraph("Now (months 1–3) at a glance", s.h2))
    now = roadmap.phase("Now").items
    out.append(_bullets([
        (f"{s.star} " if item.quick_win else "") + f"<b>{esc(item.title)}</b> "
        f"({esc(item.capability_title)}, effort {item.effort.value})"
        for item in now
    ] or ["Nothing to start now: every scored capability meets its target."], s))
    return out


def _bullets(lines: list[str], s: Styles) -> ListFlowable:
    return ListFlowable(
        [ListItem(Paragraph(line, s.body), leftIndent=12) for line in lines],
        bulletType="bullet", start="•", leftIndent=12, bulletFontName=s.fonts.regular,
    )
