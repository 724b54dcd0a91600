"""Each workshop participant's dimension scores, remembered between dashboard refreshes.

The dashboard recomputes its aggregate every few seconds, and the radar needs every
participant's score card: at 100 participants on the full questionnaire that is most of
the work. Between two refreshes only the few people who answered something changed, so the
scores are kept per distinct set of answers (level, value, N/A; comments and confidence do
not change a score) and per questionnaire object. Scoring itself stays in
:func:`scoring.score`; this only avoids doing it twice for the same input.

Bounded (:data:`MAX_ENTRIES` answer sets for each of :data:`MAX_QUESTIONNAIRES`
questionnaires) and thread-safe, since one server process serves many sessions.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping

from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Answer, Responses, Scope
from assessment_models.scoring import score

MAX_ENTRIES = 4096
MAX_QUESTIONNAIRES = 8

_Key = tuple[tuple[str, ...], tuple[tuple[str, object, object, bool], ...]]
_lock = threading.Lock()
# id(questionnaire) -> (the questionnaire, kept alive so its id is not reused; its entries)
_memo: OrderedDict[int, tuple[Questionnaire, OrderedDict[_Key, dict[str, float | None]]]] = (
    OrderedDict()
)


def dimension_scores(
    questionnaire: Questionnaire, scope: Scope, answers: Mapping[str, Answer]
) -> dict[str, float | None]:
    """The score of every dimension (None when it has none) for these answers."""
    key: _Key = (
        tuple(scope.exclude),
        tuple(
            (qid, a.level, a.value, a.na) for qid, a in sorted(answers.items()) if a.is_answered
        ),
    )
    with _lock:
        entry = _memo.get(id(questionnaire))
        if entry is not None and key in entry[1]:
            entry[1].move_to_end(key)
            return entry[1][key]
    responses = Responses(questionnaire=questionnaire.id, scope=scope, answers=dict(answers))
    card = score(questionnaire, responses)
    scores = {d.id: d.score for d in card.dimensions}
    with _lock:
        entry = _memo.setdefault(id(questionnaire), (questionnaire, OrderedDict()))
        _memo.move_to_end(id(questionnaire))
        entry[1][key] = scores
        while len(entry[1]) > MAX_ENTRIES:
            entry[1].popitem(last=False)
        while len(_memo) > MAX_QUESTIONNAIRES:
            _memo.popitem(last=False)
    return scores


def clear() -> None:
    """Forget every remembered score (benchmarks of a cold start; tests)."""
    with _lock:
        _memo.clear()
