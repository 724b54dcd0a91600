"""The workshop section of the PDF report: how the group got to the consensus.

:func:`workshop_summary` computes the section's content from the workshop's answers (pure,
no reportlab); :func:`workshop_section` draws it. The report's main body is the consensus
itself, an ordinary assessment; this section adds participation, the spread per dimension,
the discuss-first list with the agreed answer and its note, the second round's change when
one was run, and every question where the consensus departs from the group's median.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict
from reportlab.platypus import Flowable, Paragraph

from assessment_models.quantities import quantity
from assessment_models.questionnaire import MetricQuestion, Question, Questionnaire
from assessment_models.report.layout import grid, keep_with
from assessment_models.report.styles import Styles, esc
from assessment_models.responses import Answer, Responses
from assessment_models.workshop import (
    Anonymity,
    Participant,
    aggregate,
    discuss_first,
    median_answer,
    narrowing,
)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AgendaLine(_Frozen):
    question: str
    answers: str  # "n of N"
    spread: float
    agreed: str
    note: str
    second_round: str  # "1.50 → 0.50" or ""


class DimensionLine(_Frozen):
    title: str
    n: str
    median: float | None
    lowest: float | None
    highest: float | None


class Departure(_Frozen):
    question: str
    median: str
    agreed: str


class WorkshopSummary(_Frozen):
    participants: int
    finished: int
    anonymity: Anonymity
    threshold: float
    dimensions: tuple[DimensionLine, ...]
    agenda: tuple[AgendaLine, ...]
    departures: tuple[Departure, ...]


def workshop_summary(
    questionnaire: Questionnaire,
    anonymity: Anonymity,
    threshold: float,
    group: Sequence[Participant],
    consensus: Responses,
    first_round: Sequence[Participant] = (),
    second_round: Sequence[str] = (),
) -> WorkshopSummary:
    """Everything the section says, computed from the workshop's answers."""
    card = aggregate(questionnaire, group, consensus.scope, anonymity)
    agreed = consensus.answers
    changes = {}
    if second_round and first_round:
        before = aggregate(questionnaire, first_round, consensus.scope, anonymity)
        changes = {
            m.question_id: f"{m.sd_before:.2f} → {m.sd_after:.2f}"
            for m in narrowing(second_round, before, card)
        }
    agenda = [
        AgendaLine(
            question=questionnaire.questions_by_id[s.question_id].text,
            answers=f"{s.answered} of {s.participants}",
            spread=s.sd,
            agreed=answer_words(
                questionnaire.questions_by_id[s.question_id], agreed.get(s.question_id)
            ),
            note=(agreed[s.question_id].comment if s.question_id in agreed else ""),
            second_round=changes.get(s.question_id, ""),
        )
        for s in discuss_first(card.questions, threshold)
    ]
    departures = []
    for spread in card.questions:
        question = questionnaire.questions_by_id[spread.question_id]
        median = median_answer(question, group)
        given = agreed.get(question.id)
        if median is None or given is None or not given.is_answered:
            continue
        if _same(question, median, given):
            continue
        departures.append(
            Departure(
                question=question.text,
                median=answer_words(question, median),
                agreed=answer_words(question, given),
            )
        )
    done = sum(1 for p in card.progress if p.questions and p.answered == p.questions)
    return WorkshopSummary(
        participants=card.participants,
        finished=done,
        anonymity=anonymity,
        threshold=threshold,
        dimensions=tuple(
            DimensionLine(
                title=d.title,
                n=f"{d.n} of {card.participants}",
                median=d.median,
                lowest=d.minimum,
                highest=d.maximum,
            )
            for d in card.dimensions
            if d.n
        ),
        agenda=tuple(agenda),
        departures=tuple(departures),
    )


def answer_words(question: Question, answer: Answer | None) -> str:
    """``Standard (level 3)``, ``24 hours (level 4)``, ``Not applicable`` or ``Not agreed``."""
    if answer is None or not answer.is_answered:
        return "Not agreed"
    if answer.na:
        return "Not applicable"
    if isinstance(question, MetricQuestion):
        assert answer.value is not None
        return f"{quantity(answer.value, question.unit)} (level {question.level_of(answer.value)})"
    option = question.option_at(answer.level if isinstance(answer.level, int) else None)
    return f"{option.label} (level {option.level})" if option else "Not agreed"


def workshop_section(summary: WorkshopSummary, s: Styles, width: float) -> list[Flowable]:
    """The section's flowables, starting with its own heading."""
    out: list[Flowable] = [Paragraph("How the group agreed", s.h1)]
    privacy = {
        "named": "Participants saw each other's names beside the answers once revealed.",
        "facilitator_only": "Only the facilitator saw who answered what.",
        "anonymous": "Answers were anonymous; no names were stored.",
    }[summary.anonymity]
    out.append(
        Paragraph(
            esc(
                f"{summary.participants} people answered the questionnaire on their own, "
                f"{summary.finished} of them every question, before the group discussed where it "
                f"disagreed and agreed the answers this report is built on. {privacy}"
            ),
            s.lead,
        )
    )

    if summary.dimensions:
        rows: list[list[object]] = [
            [
                Paragraph(f"<b>{h}</b>", s.cell)
                for h in ("Dimension", "People", "Median", "Lowest", "Highest")
            ]
        ]
        for d in summary.dimensions:
            rows.append(
                [
                    Paragraph(esc(d.title), s.cell),
                    d.n,
                    _num(d.median),
                    _num(d.lowest),
                    _num(d.highest),
                ]
            )
        out += keep_with(
            Paragraph("Spread per dimension", s.h2),
            grid(rows, [0.4 * width, 0.15 * width, 0.15 * width, 0.15 * width, 0.15 * width], s),
            width,
        )

    out.append(Paragraph("Discussed first", s.h2))
    if summary.agenda:
        out.append(
            Paragraph(
                esc(
                    "The questions where answers were furthest apart (a spread, the standard "
                    f"deviation of the levels, of {summary.threshold:.1f} or more), most "
                    "disagreement first, with the answer the group agreed and why."
                ),
                s.body,
            )
        )
        has_round = any(line.second_round for line in summary.agenda)
        header = ["Question", "Answers", "Spread", "Agreed", "Note"]
        widths = [0.29, 0.11, 0.09, 0.18, 0.33]
        if has_round:
            header.append("2nd round")
            widths = [0.26, 0.11, 0.09, 0.16, 0.26, 0.12]
        rows = [[Paragraph(f"<b>{h}</b>", s.cell) for h in header]]
        for line in summary.agenda:
            row: list[object] = [
                Paragraph(esc(line.question), s.cell),
                line.answers,
                f"{line.spread:.2f}",
                Paragraph(esc(line.agreed), s.cell),
                Paragraph(esc(line.note), s.cell),
            ]
            if has_round:
                row.append(Paragraph(esc(line.second_round or "—"), s.cell))
            rows.append(row)
        out.append(grid(rows, [w * width for w in widths], s))
    else:
        out.append(Paragraph("No question was far enough apart to need a discussion.", s.body))

    out.append(Paragraph("Where the consensus departs from the median", s.h2))
    if summary.departures:
        rows = [[Paragraph(f"<b>{h}</b>", s.cell) for h in ("Question", "Median", "Agreed")]]
        for d in summary.departures:
            rows.append(
                [
                    Paragraph(esc(d.question), s.cell),
                    Paragraph(esc(d.median), s.cell),
                    Paragraph(esc(d.agreed), s.cell),
                ]
            )
        out.append(grid(rows, [0.5 * width, 0.25 * width, 0.25 * width], s))
    else:
        out.append(
            Paragraph(
                "Nowhere: every agreed answer is the group's median (the lower of the two middle "
                "answers when the count is even).",
                s.body,
            )
        )
    return out


def _same(question: Question, median: Answer, given: Answer) -> bool:
    if median.na or given.na:
        return median.na == given.na
    if isinstance(question, MetricQuestion):
        return median.value == given.value
    return median.level == given.level


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"
