"""How long a questionnaire takes, estimated from its own text.

The rule (issue 10): reading time at 230 words a minute, plus 20 seconds of thought per
question. It counts what a respondent reads while answering: the questionnaire, dimension
and capability descriptions, each question's text and help, every option's label and
descriptor, and a metric's unit. It leaves out references (a "see also" caption people
skim) and recommendations (read later, on the roadmap). The content tests hold each
questionnaire's ``estimated_minutes`` to this estimate, so the time a team is promised is
the time the text needs.
"""

from __future__ import annotations

from collections.abc import Iterator

from assessment_models.questionnaire import MetricQuestion, Question, Questionnaire

WORDS_PER_MINUTE = 230
SECONDS_PER_QUESTION = 20


def reading_words(questionnaire: Questionnaire) -> int:
    """The number of words a respondent reads to answer every question."""
    return sum(len(text.split()) for text in _texts_read(questionnaire))


def estimated_minutes(questionnaire: Questionnaire) -> float:
    """Minutes to answer everything: words ÷ 230 per minute + 20 s per question."""
    reading = reading_words(questionnaire) / WORDS_PER_MINUTE
    thinking = questionnaire.question_count * SECONDS_PER_QUESTION / 60
    return reading + thinking


def _texts_read(questionnaire: Questionnaire) -> Iterator[str]:
    yield questionnaire.description
    for dimension in questionnaire.dimensions:
        yield dimension.description
        for capability in dimension.capabilities:
            yield capability.description
            for question in capability.questions:
                yield from _question_texts(question)


def _question_texts(question: Question) -> Iterator[str]:
    yield question.text
    yield question.help
    if isinstance(question, MetricQuestion):
        yield question.unit
        return
    for option in question.options:
        yield option.label
        yield option.descriptor
