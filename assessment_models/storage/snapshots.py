"""Questionnaire snapshots: stored as JSON, parsed once per content hash.

Parsing and validating a whole questionnaire costs milliseconds, and every page asks for
the assessment's questionnaire, so parsed snapshots are kept in a small LRU cache. This is
not per-user data: a snapshot is the same for everyone who opens an assessment of it.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable

from pydantic import ValidationError

from assessment_models.editions import is_first_edition, upgrade_snapshot
from assessment_models.errors import StorageError
from assessment_models.questionnaire import Questionnaire

CACHE_SIZE = 16

_parsed: OrderedDict[str, Questionnaire] = OrderedDict()
_lock = threading.Lock()


def snapshot_of(questionnaire: Questionnaire) -> str:
    """The JSON stored with an assessment when it starts; refused unless it reads back equal.

    Reading it back here costs milliseconds once per new assessment, and guarantees that
    every stored snapshot can be read again later (a value JSON cannot hold, such as an
    infinite number, would otherwise come back as null and lock the assessment forever).
    """
    snapshot = questionnaire.model_dump_json()
    try:
        parsed: Questionnaire | None = Questionnaire.model_validate_json(snapshot)
    except ValidationError:
        parsed = None
    if parsed is None or parsed != questionnaire:
        raise StorageError(
            f"The questionnaire '{questionnaire.id}' cannot be stored: it does not read back "
            "the same. Run 'sextant validate' on its file."
        )
    _remember(questionnaire.content_hash(), parsed)  # what later reads would parse
    return snapshot


def cached(content_hash: str) -> Questionnaire | None:
    """The questionnaire with this content hash, if it was parsed recently."""
    with _lock:
        found = _parsed.get(content_hash)
        if found is not None:
            _parsed.move_to_end(content_hash)
        return found


def parse_snapshot(content_hash: str, snapshot: str | Callable[[], str]) -> Questionnaire:
    """The questionnaire stored as ``snapshot``, from the cache when it was parsed before.

    ``snapshot`` may be a function that loads it, so that a cache hit never reads it.
    """
    found = cached(content_hash)
    if found is not None:
        return found
    text = snapshot if isinstance(snapshot, str) else snapshot()
    try:
        questionnaire = Questionnaire.model_validate_json(text)
    except ValidationError:
        questionnaire = _parse_older_edition(text)
    _remember(content_hash, questionnaire)
    return questionnaire


def _remember(content_hash: str, questionnaire: Questionnaire) -> None:
    with _lock:
        _parsed[content_hash] = questionnaire
        _parsed.move_to_end(content_hash)
        while len(_parsed) > CACHE_SIZE:
            _parsed.popitem(last=False)


def _parse_older_edition(snapshot: str) -> Questionnaire:
    """A snapshot stored in the first edition's format, read in today's (see editions.py)."""
    unreadable = StorageError("The stored questionnaire of this assessment cannot be read.")
    try:
        data = json.loads(snapshot)
    except ValueError:
        raise unreadable from None
    if not isinstance(data, dict) or not is_first_edition(data):
        raise unreadable
    try:
        return Questionnaire.model_validate(upgrade_snapshot(data))
    except ValidationError:
        raise unreadable from None


def clear_cache() -> None:
    """Forget every parsed snapshot (tests; memory pressure)."""
    with _lock:
        _parsed.clear()
