"""A workshop in full swing: participants answer while the facilitator changes settings.

Every write of the facilitator locks the workshop row, every participant's save locks their
own assessment, and they all share one SQLite write lock: under that contention no one may
see an error, and every answer and setting ends as its last write left it.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from assessment_models.questionnaire import MetricQuestion, Questionnaire
from assessment_models.responses import Answer, Respondent, Scope
from assessment_models.storage import load_responses, save_answer
from assessment_models.storage import workshop_join as wj
from assessment_models.storage import workshops as ws

PARTICIPANTS = 16
FACILITATOR_TABS = 4
ROUNDS = 5


def test_participants_answer_while_the_facilitator_changes_settings(
    db, mini: Questionnaire
) -> None:
    with db.session() as session:
        workshop = ws.create_workshop(session, mini, Respondent(), Scope(), "named")
    scale = [q for q in mini.questions_by_id.values() if not isinstance(q, MetricQuestion)]
    dimensions = list(mini.dimensions_by_id)
    start = threading.Barrier(PARTICIPANTS + FACILITATOR_TABS)

    def participant(i: int) -> str:
        start.wait()
        with db.session() as session:
            code = wj.join_workshop(session, workshop.join_code, f"Person {i:02d}")
        for round_ in range(ROUNDS):
            for question in scale:
                level = question.options[(i + round_) % len(question.options)].level
                with db.session() as session:
                    save_answer(session, code, question.id, Answer(level=level))
        return code

    def facilitator(tab: int) -> None:
        start.wait()
        for round_ in range(ROUNDS):
            with db.session() as session:
                ws.set_threshold(session, workshop.facilitator_code,
                                 (tab + round_) % 5 * 0.5)
                ws.set_revealed(session, workshop.facilitator_code,
                                dimensions[: (tab + round_) % (len(dimensions) + 1)])
                ws.participants(session, workshop.facilitator_code)

    with ThreadPoolExecutor(max_workers=PARTICIPANTS + FACILITATOR_TABS) as pool:
        tabs = [pool.submit(facilitator, t) for t in range(FACILITATOR_TABS)]
        codes = list(pool.map(participant, range(PARTICIPANTS)))  # re-raises any error
        for tab in tabs:
            tab.result()  # re-raises any error

    last = ROUNDS - 1
    with db.session() as session:
        for i, code in enumerate(codes):
            stored = load_responses(session, code).answers
            assert {q: a.level for q, a in stored.items()} == {
                q.id: q.options[(i + last) % len(q.options)].level for q in scale
            }
        assert ws.get_workshop(session, workshop.facilitator_code).participants == PARTICIPANTS
