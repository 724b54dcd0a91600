"""Rows for the PDF report, against plain reportlab drawing the same pages.

The baseline is built from the product's own output: the text of each page, extracted with
pypdf, set as plain paragraphs in the report's font, one page break per page, so that it has
the same number of pages and the same words. What the product pays on top (tables, layout of
cells, charts, page templates) is then the ratio.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date

from pypdf import PdfReader
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate
from reportlab.platypus.flowables import Flowable

from assessment_models.questionnaire import Questionnaire
from assessment_models.report.pdf import render_pdf
from assessment_models.report.styles import esc, make_styles
from assessment_models.scoring import score
from benchmarks import generate
from benchmarks.harness import Bench, Result, row
from benchmarks.product import build_roadmap

#: Sentences of evidence per answer in the full questionnaire's report (about 56 pages).
FULL_COMMENT_SENTENCES = 3
#: Generated questions and evidence for the long report (about 300 pages).
LONG_REPORT_QUESTIONS = 280
LONG_COMMENT_SENTENCES = 4


def _product(q: Questionnaire, comments: int):  # type: ignore[no-untyped-def]
    responses = generate.answers(q, comments=comments)
    card = score(q, responses)
    roadmap = build_roadmap(q, card)

    def product() -> bytes:
        return render_pdf(q, responses, card, roadmap, generated_on=date(2026, 11, 30))

    return product


def plain_document(pdf: bytes):  # type: ignore[no-untyped-def]
    """A callable drawing the same pages' text with plain reportlab; and the page count."""
    pages = [
        [line for line in (page.extract_text() or "").splitlines() if line.strip()]
        for page in PdfReader(io.BytesIO(pdf)).pages
    ]
    font = make_styles().fonts.regular

    def style_for(lines: list[str]) -> ParagraphStyle:
        # Small enough that a page's text fits on one page, unwrapped: same page count.
        longest = max((len(line) for line in lines), default=1)
        size = min(9.0, 700 / 1.25 / max(len(lines), 1), 480 / 0.55 / longest)
        return ParagraphStyle("plain", fontName=font, fontSize=size, leading=size * 1.2)

    styles = [style_for(lines) for lines in pages]

    def baseline() -> bytes:
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                                topMargin=22 * mm, bottomMargin=18 * mm, invariant=1)
        story: list[Flowable] = []
        for lines, style in zip(pages, styles, strict=True):
            story.append(Paragraph("<br/>".join(esc(line) for line in lines), style))
            story.append(PageBreak())
        doc.build(story)
        return buffer.getvalue()

    return baseline, len(pages)


def _row(bench: Bench, label: str, q: Questionnaire, comments: int, cost: str) -> Result:
    rl_config.invariant = 1
    product = _product(q, comments)
    baseline, pages = plain_document(product())
    plain_pages = len(PdfReader(io.BytesIO(baseline())).pages)
    result = bench.compare(
        f"PDF, {label}: {pages} pages vs plain reportlab, same pages",
        product, baseline, target=1.5, cost=cost,
    )
    if plain_pages != pages:
        result.note = f"plain document has {plain_pages} pages"
    return result


@row(group="pdf")
def pdf_report(bench: Bench) -> Iterator[Result]:
    yield _row(bench, "full questionnaire, evidence on every answer",
               generate.full_questionnaire(), FULL_COMMENT_SENTENCES, "heavy")
    if not bench.quick:
        yield _row(bench, f"{LONG_REPORT_QUESTIONS} generated q, evidence on every answer",
                   generate.questionnaire(LONG_REPORT_QUESTIONS), LONG_COMMENT_SENTENCES,
                   "huge")
