"""How values read on screen: answers, scores, coverage and times. Formatting only."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from assessment_models.quantities import quantity
from assessment_models.questionnaire import MetricQuestion, Option, Question, Questionnaire
from assessment_models.responses import Answer, question_level
from assessment_models.scoring import QuestionContribution

NA = "na"
NA_LABEL = "Not applicable"
CONFIDENCE_LABELS = {"low": "Low", "medium": "Medium", "high": "High"}


#: Every character Streamlit's Markdown gives a meaning to: emphasis, links and images,
#: maths, colours and icons (``:red[…]``, ``:material/…:``), headings, lists, tables, HTML.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$:<>&])")


def plain(text: str) -> str:
    """User text (organisation, team, comments, owners) shown as typed, never as Markdown.

    Anyone holding a link can type into these fields; rendered as Markdown, ``![x](url)``
    would plant a remote image (a tracking pixel) for everyone who opens the page.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def option_label(option: Option) -> str:
    """A radio label: the option's name in bold, then what it looks like in practice."""
    if option.descriptor.strip():
        return f"**{option.label}** — {option.descriptor}"
    return f"**{option.label}**"


def na_option_label() -> str:
    return f"*{NA_LABEL}* — this does not apply to us"


def answer_text(questionnaire: Questionnaire, question: Question, answer: Answer | None) -> str:
    """One line describing an answer, e.g. ``Standard (level 3)`` or ``12 hours (level 4)``."""
    if answer is None or not answer.is_answered:
        return "Not answered"
    if answer.na:
        return NA_LABEL
    level = question_level(question, answer)
    if isinstance(question, MetricQuestion):
        return f"{quantity(answer.value, question.unit)} (level {level})"
    option = question.option_at(level)
    name = option.label if option else "?"
    return f"{name} (level {level})"


def review_answer_text(
    questionnaire: Questionnaire, question: Question, answer: Answer | None
) -> str:
    """The answer with its confidence and comment in one cell: ``Standard (level 3) ·
    high confidence · “Weekly CAB”``."""
    parts = [answer_text(questionnaire, question, answer)]
    if answer is not None and answer.confidence is not None:
        parts.append(f"{CONFIDENCE_LABELS[answer.confidence.value].lower()} confidence")
    if answer is not None and answer.comment:
        parts.append(f"“{plain(answer.comment)}”")
    return " · ".join(parts)


def score_text(score: float | None) -> str:
    return "—" if score is None else f"{score:.2f}"


def level_text(level: int | None, level_name: str | None) -> str:
    return "—" if level is None else f"{level} · {level_name}"


def coverage_text(coverage: float | None) -> str:
    return "out of scope" if coverage is None else f"{coverage:.0%}"


def count_text(answered: int, questions: int) -> str:
    return f"{answered} of {questions} answered"


def saved_text(at: datetime, timezone: str | None) -> str:
    """``Saved 14:02:31`` in the browser's time zone when it is known."""
    return f"Saved {clock_text(at, timezone, seconds=True)}"


def clock_text(at: datetime, timezone: str | None, *, seconds: bool = False) -> str:
    """``14:02`` (or ``14:02:31``) in the browser's time zone when it is known."""
    try:
        local = at.astimezone(ZoneInfo(timezone)) if timezone else at.astimezone()
    except (ZoneInfoNotFoundError, ValueError):
        local = at.astimezone()
    return f"{local:%H:%M:%S}" if seconds else f"{local:%H:%M}"


def formula_text(contributions: tuple[QuestionContribution, ...], score: float | None) -> str:
    """Σ(w·level) / Σw written out with the actual numbers of one capability."""
    counted = [c for c in contributions if c.counted]
    if not counted or score is None:
        if any(c.outcome for c in contributions):
            return (
                "This capability's answered questions are DORA outcome metrics, which count "
                "in no score; see the DORA benchmark."
            )
        return "No question of this capability has a level yet, so it has no score."
    products = " + ".join(f"{c.weight:g} × {c.level}" for c in counted)
    weights = " + ".join(f"{c.weight:g}" for c in counted)
    top = sum(c.weight * (c.level or 0) for c in counted)
    bottom = sum(c.weight for c in counted)
    return f"({products}) ÷ ({weights}) = {top:g} ÷ {bottom:g} = {score:.2f}"


def counted_text(contribution: QuestionContribution) -> str:
    if contribution.outcome:
        return "No: a DORA outcome, compared with the benchmark instead"
    if contribution.level is not None:
        return "Yes"
    return "No: not applicable" if contribution.na else "No: not answered"


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"
