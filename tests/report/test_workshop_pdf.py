"""The workshop section of the PDF: what it says, computed by hand, and that it prints."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from assessment_models.questionnaire import Questionnaire
from assessment_models.report.pdf import render_pdf
from assessment_models.report.workshop_pdf import workshop_summary
from assessment_models.responses import Answer, Responses
from assessment_models.roadmap import build_roadmap
from assessment_models.scoring import score
from assessment_models.workshop import Participant


def people(*levels: tuple[int, int]) -> list[Participant]:
    """(chg_approval, chg_rollback) per person."""
    return [
        Participant(
            label=f"P{i}",
            answers={"chg_approval": Answer(level=a), "chg_rollback": Answer(level=r)},
        )
        for i, (a, r) in enumerate(levels, start=1)
    ]


def consensus(**answers: Answer) -> Responses:
    return Responses(questionnaire="mini", answers=answers)


def test_the_section_lists_the_agenda_with_agreed_answers_and_departures(
    mini: Questionnaire,
) -> None:
    # approval 1, 2, 5: spread 1.70 (on the agenda); rollback 5, 5, 5: spread 0 (not).
    group = people((1, 5), (2, 5), (5, 5))
    agreed = consensus(
        chg_approval=Answer(level=3, comment="Standard changes exist for two services"),
        chg_rollback=Answer(level=5),
    )
    summary = workshop_summary(mini, "facilitator_only", 1.0, group, agreed)
    assert (summary.participants, summary.finished) == (3, 0)
    [line] = summary.agenda
    assert line.question == "How does a routine change get approved?"
    assert (line.answers, round(line.spread, 2)) == ("3 of 3", 1.7)
    assert line.agreed == "Standard (level 3)"
    assert line.note == "Standard changes exist for two services"
    # The median of 1, 2, 5 is 2 (Board); the group agreed 3: a departure. Rollback is not.
    assert [(d.question, d.median, d.agreed) for d in summary.departures] == [
        ("How does a routine change get approved?", "Board (level 2)", "Standard (level 3)")
    ]


def test_a_second_round_shows_the_spread_before_and_after(mini: Questionnaire) -> None:
    first = people((1, 5), (5, 5))  # approval spread 2
    now = people((3, 5), (4, 5))  # approval spread 0.5
    summary = workshop_summary(
        mini, "named", 0.5, now, consensus(chg_approval=Answer(level=3)), first, ["chg_approval"]
    )
    assert [line.second_round for line in summary.agenda] == ["2.00 → 0.50"]


def test_the_report_of_a_consensus_prints_the_section(mini: Questionnaire) -> None:
    group = people((1, 5), (2, 5), (5, 5))
    agreed = consensus(
        chg_approval=Answer(level=3, comment="Standard changes <exist> & are used"),
        chg_rollback=Answer(level=5),
    )
    summary = workshop_summary(mini, "anonymous", 1.0, group, agreed)
    card = score(mini, agreed)
    pdf = render_pdf(
        mini, agreed, card, build_roadmap(mini, card), generated_on=date(2026, 11, 30),
        workshop=summary,
    )  # fmt: skip
    text = " ".join(
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )
    assert "How the group agreed" in text
    assert "3 people answered the questionnaire on their own" in text
    assert "Standard changes <exist> & are used" in text  # user text printed literally
    assert "Where the consensus departs from the median" in text
    assert "Board (level 2)" in text
    plain = render_pdf(
        mini, agreed, card, build_roadmap(mini, card), generated_on=date(2026, 11, 30)
    )
    assert "How the group agreed" not in " ".join(
        (page.extract_text() or "") for page in PdfReader(io.BytesIO(plain)).pages
    )
