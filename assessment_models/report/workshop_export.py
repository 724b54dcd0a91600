"""Workshop exports: JSON with every participant's answers and the consensus; a CSV.

Participants are labelled as their workshop's anonymity allows the facilitator to see them:
names in named and facilitator-only workshops, ``P1``…``Pn`` (join order) when anonymous;
storage does the labelling, these functions print what they are given.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from assessment_models.questionnaire import Questionnaire
from assessment_models.report.csv_export import answer_in_words, write_csv
from assessment_models.responses import Responses
from assessment_models.workshop import Anonymity, Participant, in_scope_questions

WORKSHOP_COLUMNS = (
    "Participant", "Dimension", "Question ID", "Question", "Answer level", "Answer",
    "Comment", "Confidence",
)  # fmt: skip


def workshop_json(
    questionnaire: Questionnaire,
    anonymity: Anonymity,
    participants: Sequence[Participant],
    consensus: Responses,
) -> str:
    """Everyone's answers in the responses format, plus the agreed answers."""
    document = {
        "questionnaire": questionnaire.id,
        "questionnaire_version": questionnaire.version,
        "anonymity": anonymity,
        "participants": [
            {
                "label": p.label,
                "answers": {
                    qid: answer.model_dump(mode="json", exclude_defaults=True)
                    for qid, answer in p.answers.items()
                },
            }
            for p in participants
        ],
        "consensus": json.loads(consensus.to_json()),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def workshop_csv(
    questionnaire: Questionnaire, participants: Sequence[Participant], consensus: Responses
) -> str:
    """One row per participant and question in scope, then the consensus as "Consensus"."""
    dimension_of = {q.id: d.title for d, _c, q in questionnaire.iter_questions()}
    people = [*((p.label, p.answers) for p in participants), ("Consensus", consensus.answers)]
    rows = []
    for label, answers in people:
        for question in in_scope_questions(questionnaire, consensus.scope):
            answer = answers.get(question.id)
            level, words = answer_in_words(questionnaire, question.id, answer)
            rows.append((
                label,
                dimension_of[question.id],
                question.id,
                question.text,
                "" if level is None else level,
                words,
                answer.comment if answer is not None else "",
                answer.confidence.value if answer is not None and answer.confidence else "",
            ))  # fmt: skip
    return write_csv(WORKSHOP_COLUMNS, rows)
