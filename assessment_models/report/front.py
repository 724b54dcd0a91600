"""The first two pages of the PDF: the cover and the one-page executive summary."""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from assessment_models.questionnaire import Questionnaire
from assessment_models.report.layout import Paragraph, grid
from assessment_models.report.sections import level_text, score_text
from assessment_models.report.styles import Styles, esc
from assessment_models.responses import Responses
from assessment_models.roadmap import Roadmap
from assessment_models.scoring import ScoreCard
from assessment_models.summary import Findings, coverage_note

DRAFT_RED = colors.HexColor("#b03a2e")


def long_date(day: date) -> str:
    return day.strftime("%d %B %Y").lstrip("0")


def cover(
    questionnaire: Questionnaire, responses: Responses, card: ScoreCard, s: Styles, day: date
) -> list[Flowable]:
    respondent = responses.respondent
    overall = card.overall
    if overall.score is None:
        verdict = "Not scored yet: no practice question has an answer."
    else:
        verdict = f"Overall {overall.score:.1f} of 5: level {overall.level}, {overall.level_name}"
    # Sextant records one agreed set of answers per assessment, not individual respondents.
    who = f"the {respondent.team} team" if respondent.team else "one team"
    rows: list[list[Any]] = [
        ["Organisation", respondent.organisation or "not given"],
        ["Team", respondent.team or "not given"],
        ["Date", long_date(day)],
        ["Questionnaire", f"{questionnaire.title}, version {questionnaire.version}"],
        ["Who answered", f"{who}, one agreed set of answers"],
        ["Questions answered",
         f"{overall.answered} of {overall.questions}"
         + (f" ({overall.coverage:.0%})" if overall.coverage is not None else "")],
    ]
    facts = Table(
        [[Paragraph(f"<b>{esc(k)}</b>", s.body), Paragraph(esc(v), s.body)] for k, v in rows],
        colWidths=[45 * mm, 95 * mm],
    )
    facts.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#dddddd"))]))
    out: list[Flowable] = [
        Spacer(1, 35 * mm),
        Paragraph("IT delivery maturity report", s.title),
        Paragraph(esc(respondent.organisation or "Organisation not given"), s.cover_big),
        Paragraph(esc(respondent.team), s.cover_line) if respondent.team else Spacer(1, 1),
        Spacer(1, 10 * mm),
        Paragraph(esc(verdict), s.cover_big),
        Spacer(1, 8 * mm),
    ]
    note = coverage_note(card)
    if note:
        out.append(Paragraph(
            f'<font color="#{DRAFT_RED.hexval()[2:]}"><b>{esc(note)}</b></font>', s.cover_line
        ))
        out.append(Paragraph("Scores may move as the remaining questions are answered.",
                             s.cover_line))
        out.append(Spacer(1, 6 * mm))
    out.append(facts)
    return out


def executive_summary(
    card: ScoreCard, roadmap: Roadmap, found: Findings, s: Styles, width: float
) -> list[Flowable]:
    """The narrative, then the five dimensions with score, level, target and % to target."""
    out: list[Flowable] = [Paragraph("Executive summary", s.h1)]
    note = coverage_note(card)
    if note:
        out.append(Paragraph(
            f'<font color="#{DRAFT_RED.hexval()[2:]}"><b>{esc(note)}</b></font> '
            "Read the figures below as provisional.", s.body))
    for paragraph in found.summary.paragraphs:
        out.append(Paragraph(esc(paragraph), s.lead))
    out.append(Paragraph("Dimensions at a glance", s.h2))
    out.append(dimension_table(card, roadmap, s, width))
    return out


def dimension_table(card: ScoreCard, roadmap: Roadmap, s: Styles, width: float) -> Table:
    head = [Paragraph(f"<b>{h}</b>", s.cell) for h in
            ("Dimension", "Score", "Level", "Target", "To target")]
    rows: list[list[object]] = [head]
    for d in card.dimensions:
        if not d.in_scope:
            rows.append([Paragraph(esc(d.title), s.cell), "not assessed", "", "", ""])
            continue
        percent = roadmap.percent_to_target.get(d.id)
        rows.append([
            Paragraph(esc(d.title), s.cell), score_text(d),
            Paragraph(esc(level_text(d)), s.cell), f"{roadmap.targets[d.id]:g}",
            "" if percent is None else f"{percent:.0f} %",
        ])
    overall = roadmap.percent_to_target.get("overall")
    rows.append([Paragraph("<b>Overall</b>", s.cell), score_text(card.overall),
                 Paragraph(esc(level_text(card.overall)), s.cell), "",
                 "" if overall is None else f"{overall:.0f} %"])
    return grid(rows, [w * width for w in (0.34, 0.12, 0.3, 0.1, 0.14)], s)
