"""Fixtures shared by every test package."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment_models.loader import load_questionnaire
from assessment_models.questionnaire import Questionnaire

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT_ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def mini() -> Questionnaire:
    """A five-question questionnaire whose scores are easy to compute by hand."""
    return load_questionnaire(FIXTURES / "mini.yaml")
