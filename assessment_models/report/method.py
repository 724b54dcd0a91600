"""The closing pages of the PDF: method and scope, then the appendix with every answer."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from reportlab.platypus import Flowable

from assessment_models.benchmark import BenchmarkResult
from assessment_models.questionnaire import Questionnaire
from assessment_models.report.csv_export import answer_in_words
from assessment_models.report.layout import Paragraph, chunks, grid, keep_with
from assessment_models.report.styles import Styles, esc
from assessment_models.responses import Confidence, Responses
from assessment_models.scoring import ScoreCard


@dataclass(frozen=True)
class CarriedOver:
    """A re-assessment's answers copied from the previous one: how many, and which of them
    the respondent kept without looking (neither confirmed nor changed)."""

    carried: int
    unconfirmed: Collection[str] = ()  # question ids

    @property
    def confirmed(self) -> int:
        return self.carried - len(self.unconfirmed)


METHOD = (
    "Each answer gives a maturity level from 1 to 5: the level of the description chosen, "
    "or for a number, the level its value reaches on the questionnaire's thresholds. A "
    "capability's score is the weighted mean of its answers' levels; a dimension's score "
    "the weighted mean of its capabilities; the overall score the weighted mean of the "
    "dimensions. A maturity level is the whole-number part of a score. Answers marked "
    "not applicable, and questions not answered, count in no average.",
    "DORA's key metrics (deployment frequency, lead time, change failure rate, time to "
    "restore and rework rate) measure outcomes, not practices. They keep their level, but "
    "count in no maturity score: they are compared with DORA's industry figures and with "
    "the practices that drive them instead. So a weak figure answered 'not applicable' "
    "cannot raise the score, and strong figures cannot hide weak practices.",
)


def method_and_scope(
    questionnaire: Questionnaire,
    responses: Responses,
    card: ScoreCard,
    result: BenchmarkResult,
    s: Styles,
    width: float,
    carried: CarriedOver | None = None,
) -> list[Flowable]:
    overall = card.overall
    out: list[Flowable] = [Paragraph("Method and scope", s.h1),
                           Paragraph("How the scores are computed", s.h2)]
    out += [Paragraph(esc(text), s.body) for text in METHOD]

    out.append(Paragraph("Scope", s.h2))
    excluded = [d.title for d in card.dimensions if not d.in_scope]
    excluded += [c.title for c in card.capabilities
                 if not c.in_scope and card.dimension(c.dimension or "").in_scope]
    out.append(Paragraph(
        "Left out of this assessment, and counted nowhere: " + esc(", ".join(excluded)) + "."
        if excluded else "Every dimension and capability of the questionnaire was assessed.",
        s.body))

    out.append(Paragraph("Coverage", s.h2))
    coverage = "" if overall.coverage is None else f" ({overall.coverage:.0%})"
    out.append(Paragraph(
        f"{overall.answered} of {overall.questions} questions in scope answered{coverage}, "
        f"{overall.na} of them as not applicable."
        + (" This report is a draft until every question is answered."
           if overall.answered < overall.questions else ""), s.body))
    unanswered = _unanswered(questionnaire, responses, card)
    if unanswered:
        out.append(Paragraph("Still to answer: " + "; ".join(esc(t) for t in unanswered),
                             s.body))

    if carried is not None and carried.carried:
        out += _carried_over(questionnaire, carried, s)

    low = [(qid, a) for qid, a in responses.answers.items() if a.confidence == Confidence.LOW]
    out.append(Paragraph("Answers given with low confidence", s.h2))
    if low:
        rows: list[list[object]] = [[Paragraph("<b>Question</b>", s.cell),
                                     Paragraph("<b>Capability</b>", s.cell)]]
        for qid, _ in low:
            rows.append([Paragraph(esc(questionnaire.questions_by_id[qid].text), s.cell),
                         Paragraph(esc(questionnaire.capability_of_question[qid].title),
                                   s.cell)])
        out.append(grid(rows, [0.7 * width, 0.3 * width], s))
    else:
        out.append(Paragraph("None.", s.body))

    comments = sum(1 for a in responses.answers.values() if a.comment.strip())
    out.append(Paragraph("Comments and sources", s.h2))
    out.append(Paragraph(
        f"{comments} answer{'s' if comments != 1 else ''} carry a comment; all are in the "
        "appendix. "
        f"Questionnaire: {esc(questionnaire.title)} ({esc(questionnaire.id)}), version "
        f"{esc(questionnaire.version)}, content hash {questionnaire.content_hash()}. "
        f"Benchmark: DORA Quick Check {result.edition}, {esc(result.industry_name)}; "
        f"{esc(result.source)}", s.body))
    return out


def _unanswered(questionnaire: Questionnaire, responses: Responses, card: ScoreCard) -> list[str]:
    """The texts of the in-scope questions without an answer, in questionnaire order."""
    in_scope = {c.id for c in card.capabilities if c.in_scope}
    return [
        question.text for _, capability, question in questionnaire.iter_questions()
        if capability.id in in_scope and not (
            (answer := responses.answers.get(question.id)) and answer.is_answered)
    ]


def appendix(
    questionnaire: Questionnaire, responses: Responses, s: Styles, width: float
) -> list[Flowable]:
    """Every answer with its descriptor, comment and confidence, capability by capability.

    A long comment runs over several rows (see :func:`layout.chunks`), so it can cross a
    page break instead of overflowing the page.
    """
    excluded = set(responses.scope.exclude)
    widths = [w * width for w in (0.29, 0.33, 0.24, 0.14)]
    out: list[Flowable] = [Paragraph("Appendix: every answer", s.h1)]
    for dimension in questionnaire.dimensions:
        heading: list[Flowable] = [Paragraph(esc(dimension.title), s.h2)]
        for capability in dimension.capabilities:
            rows: list[list[object]] = [[Paragraph(f"<b>{h}</b>", s.cell) for h in
                                         ("Question", "Answer", "Comment", "Confidence")]]
            scoped_out = dimension.id in excluded or capability.id in excluded
            for question in capability.questions:
                answer = responses.answers.get(question.id)
                level, words = answer_in_words(questionnaire, question.id, answer, scoped_out)
                shown = esc(words) if level is None else f"<b>Level {level}</b>: {esc(words)}"
                confidence = answer.confidence.value if answer and answer.confidence else ""
                pieces = chunks(answer.comment if answer else "")
                rows.append([Paragraph(esc(question.text), s.cell), Paragraph(shown, s.cell),
                             Paragraph(esc(pieces[0]), s.cell), Paragraph(confidence, s.cell)])
                for piece in pieces[1:]:
                    rows.append([Paragraph("<i>(comment continued)</i>", s.muted), "",
                                 Paragraph(esc(piece), s.cell), ""])
            out += keep_with([*heading, Paragraph(esc(capability.title), s.h3)],
                             grid(rows, widths, s), width, rows=1)
            heading = []
    return out


def _carried_over(questionnaire: Questionnaire, carried: CarriedOver, s: Styles) -> list[Flowable]:
    """How much of a re-assessment is today's judgement and how much was kept unexamined:
    a reader weighs a score whose answers were only carried forward differently."""
    out: list[Flowable] = [Paragraph("Answers carried over", s.h2)]
    lead = (f"This is a re-assessment. It started from the previous assessment's "
            f"{carried.carried} answers; the respondent confirmed or changed "
            f"{carried.confirmed} of them.")
    if not carried.unconfirmed:
        out.append(Paragraph(lead + " Every answer reflects a fresh look.", s.body))
        return out
    texts = [questionnaire.questions_by_id[qid].text for qid in questionnaire.questions_by_id
             if qid in carried.unconfirmed]
    out.append(Paragraph(
        f"{lead} {len(carried.unconfirmed)} "
        + ("was" if len(carried.unconfirmed) == 1 else "were")
        + " kept unchanged, without a second look, and may describe how things stood at the "
        "previous assessment:", s.body))
    # One question a line: question texts end in "?", which a run-on list garbles.
    out += [Paragraph(f"• {esc(t)}", s.body) for t in texts]
    return out
