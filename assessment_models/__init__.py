"""Sextant's domain: questionnaires, responses, scoring, roadmap, reports and storage.

Free of Streamlit, so the CLI and the tests run without the UI.
"""

from assessment_models.errors import SextantError
from assessment_models.loader import load_installed, load_questionnaire, parse_questionnaire
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Answer, Responses, parse_responses
from assessment_models.scoring import ScoreCard, score

__all__ = [
    "Answer",
    "Questionnaire",
    "Responses",
    "ScoreCard",
    "SextantError",
    "load_installed",
    "load_questionnaire",
    "parse_questionnaire",
    "parse_responses",
    "score",
]
