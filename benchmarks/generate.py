"""Generated questionnaires and answers of any size, for growth and long-report rows.

The shape follows the shipped questionnaires: five dimensions, capabilities of four questions
(a metric every tenth question), two recommendations per capability, the second requiring
the first. Answers are deterministic (a seeded generator), spread over levels 1 to 4.
"""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

from assessment_models.loader import load_questionnaire, questionnaires_dir
from assessment_models.questionnaire import MetricQuestion, Questionnaire, Recommendation
from assessment_models.responses import Responses, parse_responses

QUESTIONS_PER_CAPABILITY = 4
DIMENSIONS = 5

COMMENT = (
    "Checked against last quarter's change log and the incident tracker; the numbers come "
    "from the deployment pipeline's history, and two people on the team reviewed them."
)


def full_questionnaire() -> Questionnaire:
    return load_questionnaire(questionnaires_dir() / "delivery-full.yaml")


def questionnaire(questions: int, dimensions: int = DIMENSIONS) -> Questionnaire:
    """A valid questionnaire with about ``questions`` questions."""
    capabilities = max(dimensions, round(questions / QUESTIONS_PER_CAPABILITY))
    dims: list[dict[str, Any]] = [
        {"id": f"d{d}", "title": f"Dimension {d + 1}", "capabilities": []}
        for d in range(dimensions)
    ]
    counter = 0
    for c in range(capabilities):
        qs = []
        for _ in range(QUESTIONS_PER_CAPABILITY):
            qs.append(_question(f"q{counter}", counter))
            counter += 1
        cap_id = f"c{c}"
        dims[c % dimensions]["capabilities"].append({
            "id": cap_id,
            "title": f"Capability {c + 1}",
            "description": "A generated capability for measuring growth.",
            "questions": qs,
            "recommendations": [_recommendation(cap_id, qs, 0), _recommendation(cap_id, qs, 1)],
        })
    return Questionnaire.model_validate({
        "id": f"generated-{questions}",
        "version": "1.0.0",
        "title": f"Generated questionnaire ({counter} questions)",
        "estimated_minutes": max(1, counter // 2),
        "dimensions": dims,
    })


def _question(qid: str, index: int) -> dict[str, Any]:
    if index % 10 == 9:
        return {
            "id": qid, "kind": "metric", "text": f"How many deployments a week ({qid})?",
            "unit": "deployments per week", "direction": "higher_is_better",
            "thresholds": [0.25, 1, 5, 10],
        }
    return {
        "id": qid, "kind": "scale", "text": f"How mature is practice {qid}?",
        "help": "A generated question.",
        "options": [
            {"id": f"{qid}_{lv}", "level": lv, "label": f"Level {lv}",
             "descriptor": f"The practice at level {lv}, described in one sentence."}
            for lv in range(1, 6)
        ],
    }


def _recommendation(cap_id: str, questions: list[dict[str, Any]], k: int) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "id": f"{cap_id}_r{k}",
        "title": f"Improve {cap_id}, step {k + 1}",
        "description": "A generated recommendation: what to do, with whom, how to know.",
        "impact": 3 - k,
        "effort": "SM"[k],
    }
    if k:
        rec["requires"] = [f"{cap_id}_r0"]
    # The recommendation format is changing (issue 8: ``addresses`` replaces ``for_levels``).
    if "addresses" in Recommendation.model_fields:
        rec["addresses"] = [{"question": questions[k]["id"], "to_level": 4}]
    else:
        rec["for_levels"] = [1, 2, 3]
    return rec


def answers(q: Questionnaire, comments: int = 0, seed: int = 15) -> Responses:
    """Every question answered, levels 1 to 4 from a seeded generator; ``comments`` is how
    many sentences of evidence each answer carries (0: none)."""
    rnd = random.Random(seed)
    out: dict[str, dict[str, Any]] = {}
    for qid, question in q.questions_by_id.items():
        level = rnd.choice((1, 2, 2, 3, 3, 4))
        if isinstance(question, MetricQuestion):
            answer: dict[str, Any] = {"value": _value_at(question, level)}
        else:
            answer = {"level": min(question.options, key=lambda o: abs(o.level - level)).level}
        if comments:
            answer["comment"] = " ".join([COMMENT] * comments)
            answer["confidence"] = "medium"
        out[qid] = answer
    data = {
        "questionnaire": q.id,
        "respondent": {"organisation": "Northwind Insurance", "team": "Claims platform"},
        "answers": out,
    }
    return parse_responses(q, data)


def _value_at(question: MetricQuestion, level: int) -> float:
    if level >= 2:
        return question.thresholds[level - 2]
    first = question.thresholds[0]
    below = first / 2 if question.direction == "higher_is_better" else first * 1.5
    if question.max_value is not None:
        below = min(below, (first + question.max_value) / 2)
    return max(below, question.min_value)


def project_root() -> Path:
    return Path(__file__).resolve().parent.parent


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a child process (a server, the CLI): this copy's code first, so a
    snapshot of the project benchmarks itself rather than the editable install's."""
    path = os.environ.get("PYTHONPATH")
    root = str(project_root())
    return dict(os.environ, PYTHONPATH=f"{root}{os.pathsep}{path}" if path else root, **extra)
