"""The PDF report: vector, built with reportlab's platypus, no browser.

In the order a leader reads it: cover; one-page executive summary; maturity (radar, score
tables, heatmap); the DORA benchmark; the plan; method and scope; the appendix with every
answer. Every section and sub-section is a bookmark in the PDF's outline. Every page after
the cover carries a running header (with DRAFT and the coverage below full coverage) and
every page "Page N of M".

The metadata name the organisation as author and carry the real creation date; pass
``invariant=True`` (tests only) for byte-identical output. Every piece of user or content
text goes through :func:`styles.esc` before it reaches a ``Paragraph``, so markup in a
comment prints literally.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date
from typing import Any

from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate

from assessment_models.errors import SextantError
from assessment_models.questionnaire import Questionnaire
from assessment_models.report.dora import dora_page
from assessment_models.report.front import DRAFT_RED, cover, executive_summary
from assessment_models.report.method import CarriedOver, appendix, method_and_scope
from assessment_models.report.plan import plan_pages
from assessment_models.report.sections import maturity
from assessment_models.report.styles import MUTED, RULE, Styles, make_styles
from assessment_models.report.tracking import Tracking
from assessment_models.report.workshop_pdf import WorkshopSummary, workshop_section
from assessment_models.responses import Responses
from assessment_models.roadmap import Roadmap
from assessment_models.scoring import ScoreCard
from assessment_models.summary import coverage_note, findings

PAGE_SIZES: dict[str, tuple[float, float]] = {"a4": A4, "letter": letter}
MARGIN = 18 * mm
#: Paragraph style → outline level: every h1 and h2 is a bookmark.
OUTLINE_LEVELS = {"SextantH1": 0, "SextantH2": 1}


class ReportError(SextantError):
    """A report option (such as the page size) that Sextant does not support."""


def resolve_page_size(name: str) -> tuple[float, float]:
    try:
        return PAGE_SIZES[name.strip().lower()]
    except KeyError:
        raise ReportError(f"page size must be A4 or letter, got '{name}'") from None


class _Report(SimpleDocTemplate):
    """A document that bookmarks its headings as they are laid out."""

    def afterFlowable(self, flowable: Flowable) -> None:
        if not isinstance(flowable, Paragraph):
            return
        level = OUTLINE_LEVELS.get(flowable.style.name)
        if level is None:
            return
        self._marks = getattr(self, "_marks", 0) + 1
        key = f"section-{self._marks}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.getPlainText(), key, level=level, closed=level > 0)


def render_pdf(
    questionnaire: Questionnaire,
    responses: Responses,
    card: ScoreCard,
    roadmap: Roadmap,
    tracking: Mapping[str, Tracking] | None = None,
    page_size: str = "A4",
    generated_on: date | None = None,
    invariant: bool = False,
    workshop: WorkshopSummary | None = None,
    carried: CarriedOver | None = None,
) -> bytes:
    """The whole report as PDF bytes; ``workshop`` adds how a workshop's group agreed,
    ``carried`` how much of a re-assessment was carried over unexamined."""
    size = resolve_page_size(page_size)
    day = generated_on or date.today()
    s = make_styles()
    buffer = io.BytesIO()
    organisation = responses.respondent.organisation
    doc = _Report(
        buffer, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 4 * mm,
        bottomMargin=MARGIN,
        title=f"IT delivery maturity report: {responses.respondent.display_name or 'team'}",
        author=organisation or "Sextant", creator="Sextant", producer="Sextant (reportlab)",
        subject=f"{questionnaire.title} {questionnaire.version}: maturity scores, DORA "
                "benchmark and improvement plan",
        keywords=["IT delivery", "maturity assessment", "DORA", "benchmark", "roadmap",
                  questionnaire.id],
        invariant=1 if invariant else None,
    )
    width = doc.width
    found = findings(questionnaire, responses, card, roadmap)
    story: list[Flowable] = []
    story += cover(questionnaire, responses, card, s, day)
    story.append(PageBreak())
    story += executive_summary(card, roadmap, found, s, width)
    story.append(PageBreak())
    story += maturity(questionnaire, card, roadmap, s, width)
    story.append(PageBreak())
    story += dora_page(found.benchmark, found.flags, s, width)
    story.append(PageBreak())
    story += plan_pages(roadmap, s, width, tracking)
    story.append(PageBreak())
    if workshop is not None:  # a workshop's consensus (issue 13)
        story += workshop_section(workshop, s, width)
        story.append(PageBreak())
    story += method_and_scope(questionnaire, responses, card, found.benchmark, s, width,
                             carried)
    story.append(PageBreak())
    story += appendix(questionnaire, responses, s, width)

    header = _header_text(questionnaire, responses, day)
    overall = card.overall
    draft = (
        None if coverage_note(card) is None
        else f"DRAFT · {overall.answered} of {overall.questions} questions answered"
    )
    doc.build(
        story,
        onFirstPage=lambda c, d: _decorate(c, d, s, None, draft),
        onLaterPages=lambda c, d: _decorate(c, d, s, header, draft),
        canvasmaker=_numbered_canvas(s.fonts.regular),
    )
    return buffer.getvalue()


def _header_text(questionnaire: Questionnaire, responses: Responses, day: date) -> str:
    who = responses.respondent.display_name
    return " · ".join(p for p in ("Sextant", questionnaire.title, who, day.isoformat()) if p)


def _decorate(canvas: Canvas, doc: Any, s: Styles, header: str | None, draft: str | None) -> None:
    width, height = doc.pagesize
    canvas.saveState()
    canvas.setFont(s.fonts.regular, 8)
    canvas.setFillColor(MUTED)
    if header:
        room = 70 if draft else 100  # leave the right-hand side to the draft label
        text = header if len(header) <= room else header[: room - 1] + "…"
        canvas.drawString(MARGIN, height - MARGIN + 2 * mm, text)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, height - MARGIN + 0.5 * mm, width - MARGIN, height - MARGIN + 0.5 * mm)
    if draft:
        canvas.setFont(s.fonts.bold, 8)
        canvas.setFillColor(DRAFT_RED)
        y = height - MARGIN + 2 * mm if header else height - MARGIN / 2
        canvas.drawRightString(width - MARGIN, y, draft)
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
