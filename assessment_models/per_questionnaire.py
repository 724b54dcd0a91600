"""Facts worked out once per questionnaire object, for code that reads them on every call.

Scoring and the roadmap read the same things from a questionnaire on every call (which
questions are outcomes, each recommendation's capability and initiative…). None of it
depends on the answers, so it is worked out once per loaded questionnaire and kept while
that questionnaire lives, as the questionnaire keeps its own lookups by id.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from assessment_models.questionnaire import Questionnaire

T = TypeVar("T")


def per_questionnaire(build: Callable[[Questionnaire], T]) -> Callable[[Questionnaire], T]:
    """``build(questionnaire)``, computed once per questionnaire object.

    Kept by ``id()``, because hashing a frozen model hashes its whole content, with a weak
    reference that tells a reused id apart and drops the entry when the questionnaire goes.
    No lock: each dict operation is atomic, and two threads building at once only build
    twice. The value is shared: treat it as read-only.
    """
    kept: dict[int, tuple[weakref.ref[Questionnaire], T]] = {}

    def forget(key: int) -> None:
        entry = kept.get(key)
        if entry is not None and entry[0]() is None:
            kept.pop(key, None)

    @wraps(build)
    def cached(questionnaire: Questionnaire) -> T:
        key = id(questionnaire)
        entry = kept.get(key)
        if entry is not None and entry[0]() is questionnaire:
            return entry[1]
        value = build(questionnaire)
        kept[key] = (weakref.ref(questionnaire, lambda _: forget(key)), value)
        return value

    return cached
