"""Page-flow rules of the PDF: tables that never leave one row alone, headings kept with
what follows, and long text cut into pieces a page can hold.

- :class:`Grid` is a reportlab ``Table`` that refuses a split leaving a single data row at
  the foot of a page or at the top of the next one (an orphan or a widow row).
- :func:`keep_with` starts a new page unless the heading fits with the first rows of its
  table (or the first lines of its paragraph): no heading stranded at the foot of a page.
- :class:`Paragraph` breaks its lines once per width, however often tables measure it.
- :func:`chunks` cuts a long comment into pieces of bounded height, so a 5,000-character
  comment runs over several table rows (and pages) instead of overflowing one page.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, Table, TableStyle
from reportlab.platypus import Paragraph as _Paragraph

from assessment_models.report.styles import RULE, Styles

HEADER_BG = colors.HexColor("#eef2f7")
#: A comment piece: at most this many characters and this many lines per table row.
CHUNK_CHARS = 400
CHUNK_LINES = 12
#: Below this much room a lone row at the foot of a page is an orphan worth moving; with
#: more room than this, rows are simply tall and one per page is the best there is.
ORPHAN_ROOM = 300.0


class Paragraph(_Paragraph):
    """A reportlab ``Paragraph`` that breaks its lines once per width.

    A table lays out each cell when it is measured, split and drawn, and ``keep_with``
    measures tables ahead of time: 4,711 line breakings for 1,047 paragraphs in a 61-page
    report, a third of its time. The lines depend only on the width, so a second ``wrap``
    at the same width returns the same size without breaking them again.
    """

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # A refused split deletes blPara (the lines): then break them again.
        if getattr(self, "_wrapped_at", None) == availWidth and hasattr(self, "blPara"):
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size


class Grid(Table):
    """A table whose page splits keep at least two data rows on each side."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        header = self.repeatRows if isinstance(self.repeatRows, int) else 0
        first, second = parts
        first_rows = len(first._cellvalues) - header  # type: ignore[attr-defined]
        second_rows = len(second._cellvalues) - header  # type: ignore[attr-defined]
        if first_rows < 2:
            # A lone row at the foot of the page: move the table on (unless rows are so
            # tall that one is all a page holds).
            return [] if availHeight < ORPHAN_ROOM else parts
        if second_rows < 2:
            if first_rows == 2 and availHeight < ORPHAN_ROOM:
                return []  # three rows: keep them together on the next page
            # Take one more row over, so the next page does not start with a lone row.
            last = self._rowHeights[header + first_rows - 1]
            return super().split(availWidth, availHeight - last - 0.5)
        return parts


def grid(
    rows: list[list[object]], widths: list[float], s: Styles, header: bool = True
) -> Grid:
    """A table with a shaded header row that repeats on every page it spans."""
    table = Grid(rows, colWidths=widths, repeatRows=1 if header else 0)
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), s.fonts.regular),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_BG))
    table.setStyle(TableStyle(commands))
    return table


def keep_with(
    heading: Flowable | Sequence[Flowable], content: Flowable, width: float, rows: int = 3
) -> list[Flowable]:
    """The heading(s) then the content, on a new page unless the first rows fit too."""
    headings = [heading] if isinstance(heading, Flowable) else list(heading)
    needed = sum(_height(h, width) + h.getSpaceBefore() + h.getSpaceAfter() for h in headings)
    needed += _head_of(content, width, rows)
    return [CondPageBreak(needed + 4), *headings, content]


def _height(flowable: Flowable, width: float) -> float:
    return float(flowable.wrap(width, 10_000)[1])


def _head_of(content: Flowable, width: float, rows: int) -> float:
    """The height of the content's first ``rows`` rows (all of it if it is not a table)."""
    height = _height(content, width)
    row_heights: Any = getattr(content, "_rowHeights", None)
    if not row_heights:
        return min(height, 60.0)
    header = content.repeatRows if isinstance(getattr(content, "repeatRows", 0), int) else 0
    return float(sum(row_heights[: header + rows]))


def chunks(text: str, size: int = CHUNK_CHARS, lines: int = CHUNK_LINES) -> list[str]:
    """The text in pieces of at most ``size`` characters and ``lines`` lines, cut between
    lines or words where possible; short text comes back whole."""
    text = text.replace("\r\n", "\n").strip()
    if len(text) <= size and text.count("\n") < lines:
        return [text] if text else [""]
    pieces: list[str] = []
    current: list[str] = []
    length = 0
    for line in text.split("\n"):
        for part in textwrap.wrap(line, size, break_long_words=True) or [""]:
            if current and (length + len(part) + 1 > size or len(current) >= lines):
                pieces.append("\n".join(current))
                current, length = [], 0
            current.append(part)
            length += len(part) + 1
    if current:
        pieces.append("\n".join(current))
    return pieces
