"""Responses: the answers to one questionnaire, as exchanged in JSON.

The same format serves the CLI, the UI's import and export, and the tests::

    {"questionnaire": "delivery-full", "questionnaire_version": "1.0.0",
     "respondent": {"organisation": "Acme", "team": "Payments"},
     "scope": {"exclude": ["governance"]},
     "answers": {"rel_cadence": {"level": 3, "comment": "…", "confidence": "high"},
                 "dora_lead_time": {"value": 12.5},
                 "chg_cab": {"na": true}},
     "targets": {"processes": 4, "technology": 3.5}, "wip_limit": 3,
     "tracking": {"chg_standard": {"owner": "Ana", "due_date": "2025-03-31",
                                   "status": "in_progress"}}}

``targets``, ``wip_limit`` and ``tracking`` (the roadmap settings and who does which
recommendation) and ``benchmark`` (``{"industry": "insurance", "edition": "2025"}``, the DORA
figures to compare with) are optional; documents without them stay valid, and ``to_json``
leaves them out while they are empty.

:func:`parse_responses` checks a document against its questionnaire and returns it
normalised: a choice given by option id carries that option's level.

This module is the format's one address; the work is split by job: the models in
``responses_model``, decoding JSON in ``responses_json``, checking against a questionnaire
(and an answer's level) in ``responses_check``. Import from here.
"""

from __future__ import annotations

from assessment_models.responses_check import (
    check_something_in_scope,
    normalise_answer,
    parse_responses,
    question_level,
    read_responses_header,
)
from assessment_models.responses_json import parse_responses_json
from assessment_models.responses_model import (
    ANSWER_PARTS,
    MAX_COMMENT_LENGTH,
    MAX_RESPONSES_BYTES,
    MAX_WIP_LIMIT,
    Answer,
    BenchmarkChoice,
    Confidence,
    Respondent,
    Responses,
    Scope,
    TrackedWork,
    UserText,
    answer_part,
    with_parts,
    without_control_characters,
)

__all__ = [
    "ANSWER_PARTS", "MAX_COMMENT_LENGTH", "MAX_RESPONSES_BYTES", "MAX_WIP_LIMIT", "Answer",
    "BenchmarkChoice", "Confidence", "Respondent", "Responses", "Scope", "TrackedWork",
    "UserText", "answer_part", "check_something_in_scope", "normalise_answer",
    "parse_responses", "parse_responses_json", "question_level", "read_responses_header",
    "with_parts", "without_control_characters",
]
