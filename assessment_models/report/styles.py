"""Paragraph styles for the PDF, every one in the report font, and safe text for them."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

from assessment_models.report.fonts import FontSet, report_fonts

INK = colors.HexColor("#222222")
MUTED = colors.HexColor("#666666")
ACCENT = colors.HexColor("#1f5fa8")
RULE = colors.HexColor("#cccccc")


def esc(text: object) -> str:
    """User or content text made literal for a Paragraph: ``<b>`` prints as ``<b>``."""
    return escape(str(text)).replace("\r\n", "\n").replace("\n", "<br/>")


@dataclass(frozen=True)
class Styles:
    fonts: FontSet
    body: ParagraphStyle
    lead: ParagraphStyle
    small: ParagraphStyle
    tiny: ParagraphStyle
    muted: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    title: ParagraphStyle
    cover_big: ParagraphStyle
    cover_line: ParagraphStyle

    @property
    def arrow(self) -> str:
        """'→' where the font has it; Helvetica only covers Latin-1."""
        return "→" if self.fonts.unicode else "->"

    @property
    def star(self) -> str:
        return "★" if self.fonts.unicode else "*"


def make_styles() -> Styles:
    fonts = report_fonts()
    base = getSampleStyleSheet()["Normal"]

    def style(name: str, size: float, bold: bool = False, **extra: object) -> ParagraphStyle:
        return ParagraphStyle(
            name, parent=base, fontName=fonts.bold if bold else fonts.regular,
            fontSize=size, leading=extra.pop("leading", size * 1.3),
            textColor=extra.pop("textColor", INK),
            **extra,  # type: ignore[arg-type]
        )

    return Styles(
        fonts=fonts,
        body=style("SextantBody", 9.5, spaceAfter=4),
        lead=style("SextantLead", 10.5, spaceAfter=7),
        small=style("SextantSmall", 8),
        tiny=style("SextantTiny", 7, leading=8.4),
        muted=style("SextantMuted", 8, textColor=MUTED),
        cell=style("SextantCell", 8),
        cell_bold=style("SextantCellBold", 8, bold=True),
        # keepWithNext: platypus keeps a heading on the page of what follows it.
        h1=style("SextantH1", 17, bold=True, spaceBefore=2, spaceAfter=8, textColor=ACCENT,
                 keepWithNext=1),
        h2=style("SextantH2", 12.5, bold=True, spaceBefore=10, spaceAfter=5, keepWithNext=1),
        h3=style("SextantH3", 10, bold=True, spaceBefore=6, spaceAfter=3, keepWithNext=1),
        title=style("SextantTitle", 26, bold=True, alignment=TA_CENTER, spaceAfter=14,
                    textColor=ACCENT),
        cover_big=style("SextantCoverBig", 20, bold=True, alignment=TA_CENTER, spaceAfter=6),
        cover_line=style("SextantCoverLine", 12, alignment=TA_CENTER, spaceAfter=4),
    )
