"""Fixtures for the roadmap, CSV, PDF and roadmap-CLI tests."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from reportlab import rl_config

from assessment_models.loader import load_questionnaire
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Responses, parse_responses

FIXTURES = Path(__file__).parent.parent / "fixtures"
QUICK = Path(__file__).parent.parent.parent / "questionnaires" / "delivery-quick.yaml"
HOSTILE = "<b>R&D</b> <script>x</script> & 5 < 6"
ACCENTS = "Zażółć gęślą jaźń – Größe, Überblick, déjà vu"


@pytest.fixture(autouse=True)
def _invariant_pdf() -> Iterator[None]:
    """Deterministic PDFs: no timestamps or random ids (the report sets it too)."""
    previous = rl_config.invariant
    rl_config.invariant = 1
    yield
    rl_config.invariant = previous


@pytest.fixture(scope="session")
def quick() -> Questionnaire:
    """The shipped five-dimension questionnaire."""
    return load_questionnaire(QUICK)


@pytest.fixture
def mini_responses(mini: Questionnaire) -> Responses:
    """tests/fixtures/mini-responses.json, parsed (see test_roadmap.py for its numbers)."""
    data = json.loads((FIXTURES / "mini-responses.json").read_text(encoding="utf-8"))
    return parse_responses(mini, data)


@pytest.fixture
def answer_all() -> Callable[..., dict[str, object]]:
    """A function answering every question of a questionnaire at one level."""
    return _answer_all


def _answer_all(questionnaire: Questionnaire, level: int, **extra: object) -> dict[str, object]:
    """Every question answered at (the option nearest to) ``level``; metrics on thresholds."""
    answers: dict[str, object] = {}
    for question in questionnaire.questions_by_id.values():
        if question.kind == "metric":
            value = question.thresholds[level - 2] if level >= 2 else (
                question.thresholds[0] - 1 if question.direction == "higher_is_better"
                else question.thresholds[0] + 1
            )
            answers[question.id] = {"value": max(value, question.min_value), **extra}
        else:
            chosen = min(question.options, key=lambda o: (abs(o.level - level), o.level))
            answers[question.id] = {"level": chosen.level, **extra}
    return answers
