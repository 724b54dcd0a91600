"""Fonts for the PDF: DejaVu Sans where it exists (ä ö ü ß é ł print), Helvetica otherwise.

reportlab's built-in Helvetica only covers Latin-1, so Polish ``ł`` would print as a black
box; DejaVu Sans covers Latin Extended. The family is registered once per process with its
bold and italic faces, so ``<b>`` and ``<i>`` inside a Paragraph pick the right file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

FAMILY = "DejaVuSans"
FACES = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "italic": "DejaVuSans-Oblique.ttf",
    "bold_italic": "DejaVuSans-BoldOblique.ttf",
}
FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/share/fonts/truetype",
    "/usr/local/share/fonts",
    "/usr/X11R6/lib/X11/fonts/TTF",
    "/Library/Fonts",
    "/System/Library/Fonts/Supplemental",
    "~/Library/Fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "C:/Windows/Fonts",
)


@dataclass(frozen=True)
class FontSet:
    regular: str
    bold: str
    italic: str
    bold_italic: str

    @property
    def unicode(self) -> bool:
        """True when the faces cover more than Latin-1."""
        return self.regular != "Helvetica"


HELVETICA = FontSet("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique")


def find_font_file(name: str, dirs: tuple[str, ...] = FONT_DIRS) -> Path | None:
    """The first ``name`` in ``$SEXTANT_FONT_DIR`` or the usual font folders."""
    extra = os.environ.get("SEXTANT_FONT_DIR")
    for folder in ((extra,) if extra else ()) + dirs:
        path = Path(folder).expanduser() / name
        if path.is_file():
            return path
    return None


@cache
def report_fonts() -> FontSet:
    """Register DejaVu Sans (once) and return its faces; Helvetica when it cannot be found."""
    regular = find_font_file(FACES["regular"])
    if regular is None:
        return HELVETICA
    names: dict[str, str] = {}
    try:
        pdfmetrics.registerFont(TTFont(FAMILY, str(regular)))
        for face, suffix in (("bold", "-Bold"), ("italic", "-Oblique"),
                             ("bold_italic", "-BoldOblique")):
            path = find_font_file(FACES[face])
            if path is None:
                names[face] = FAMILY  # a missing face falls back to the regular one
                continue
            pdfmetrics.registerFont(TTFont(FAMILY + suffix, str(path)))
            names[face] = FAMILY + suffix
    except (TTFError, OSError):
        return HELVETICA
    fonts = FontSet(FAMILY, names["bold"], names["italic"], names["bold_italic"])
    pdfmetrics.registerFontFamily(
        FAMILY, normal=fonts.regular, bold=fonts.bold, italic=fonts.italic,
        boldItalic=fonts.bold_italic,
    )
    return fonts
