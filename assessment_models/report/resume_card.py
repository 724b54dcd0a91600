"""The resume card: one page with the link that reopens an assessment and its QR code.

Something to print, file or photograph, so the assessment can be found again without the
browser tab: the link written out, the access code on its own, a QR code a phone can scan,
and the warning that the link is the key. The QR code is drawn by segno, here, from the
link: no web service ever sees it. Deterministic (``invariant``) like the report.
"""

from __future__ import annotations

import io

import segno
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from assessment_models.report.fonts import report_fonts

_INK = (0.106, 0.149, 0.192)
_MUTED = (0.365, 0.427, 0.494)
_QR_SIZE = 60 * mm
_MARGIN = 20 * mm


def render_resume_card(
    link: str, code: str, questionnaire_title: str, respondent: str = ""
) -> bytes:
    """The card as PDF bytes (A4): title, who, the link, the code, the QR code, the warning."""
    rl_config.invariant = 1
    fonts = report_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setTitle("Sextant: link to your assessment")
    height = A4[1]
    top = height - _MARGIN

    canvas.setFillColorRGB(*_INK)
    canvas.setFont(fonts.bold, 20)
    canvas.drawString(_MARGIN, top - 8 * mm, "Your Sextant assessment")
    canvas.setFont(fonts.regular, 12)
    canvas.drawString(_MARGIN, top - 16 * mm, _fit(questionnaire_title, 80))
    if respondent:
        canvas.drawString(_MARGIN, top - 22 * mm, _fit(respondent, 80))

    qr_top = top - 30 * mm
    _draw_qr(canvas, link, _MARGIN, qr_top - _QR_SIZE, _QR_SIZE)
    text_x = _MARGIN + _QR_SIZE + 10 * mm
    canvas.setFont(fonts.bold, 11)
    canvas.drawString(text_x, qr_top - 6 * mm, "Scan to continue on a phone or tablet,")
    canvas.drawString(text_x, qr_top - 11 * mm, "or type the link below.")
    canvas.setFont(fonts.regular, 10)
    canvas.setFillColorRGB(*_MUTED)
    canvas.drawString(text_x, qr_top - 20 * mm, "Access code")
    canvas.setFillColorRGB(*_INK)
    canvas.setFont("Courier-Bold", 10)
    canvas.drawString(text_x, qr_top - 25 * mm, code)

    link_top = qr_top - _QR_SIZE - 10 * mm
    canvas.setFont(fonts.regular, 10)
    canvas.setFillColorRGB(*_MUTED)
    canvas.drawString(_MARGIN, link_top, "Link")
    canvas.setFillColorRGB(*_INK)
    canvas.setFont("Courier", 9.5)
    line_y = link_top - 6 * mm
    for line in _chunks(link, 86):
        canvas.drawString(_MARGIN, line_y, line)
        line_y -= 5 * mm

    canvas.setFont(fonts.regular, 10)
    canvas.setFillColorRGB(*_MUTED)
    warning_y = line_y - 6 * mm
    for line in (
        "Whoever holds this link or code can see and change the answers.",
        "Keep it with your team's notes; share it only with the people taking part.",
    ):
        canvas.drawString(_MARGIN, warning_y, line)
        warning_y -= 5 * mm
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """The QR code of ``text`` as filled squares, ``size`` wide with its lower left at x, y."""
    qr = segno.make(text, error="m")
    rows = [list(row) for row in qr.matrix_iter(border=2)]
    module = size / len(rows)
    canvas.setFillColorRGB(0, 0, 0)
    for r, row in enumerate(rows):
        for c, dark in enumerate(row):
            if dark:
                canvas.rect(
                    x + c * module, y + size - (r + 1) * module, module, module, stroke=0, fill=1
                )


def _chunks(text: str, width: int) -> list[str]:
    """A long link cut into lines of ``width`` characters (links have no spaces to wrap at)."""
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
