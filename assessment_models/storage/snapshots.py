"""Questionnaire snapshots: stored as JSON, parsed once per content hash.

Parsing and validating a whole questionnaire costs milliseconds, and every page asks for
the assessment's questionnaire, so parsed snapshots are kept in a small LRU cache. This is
not per-user data: a snapshot is the same for everyone who opens an assessment of it.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict

from pydantic import ValidationError

from assessment_models.editions import is_first_edition, upgrade_snapshot
from assessment_models.errors import StorageError
from assessment_models.questionnaire import Questionnaire

CACHE_SIZE = 16

_parsed: OrderedDict[str, Questionnaire] = OrderedDict()
_lock = threading.Lock()


def snapshot_of(questionnaire: Questionnaire) -> str:
    """The JSON stored with an assessment when it starts."""
    return questionnaire.model_dump_json()


def parse_snapshot(content_hash: str, snapshot: str) -> Questionnaire:
    """The questionnaire stored as ``snapshot``, from the cache when it was parsed before."""
    with _lock:
        cached = _parsed.get(content_hash)
        if cached is not None:
            _parsed.move_to_end(content_hash)
            return cached
    try:
        questionnaire = Questionnaire.model_validate_json(snapshot)
    except ValidationError:
        questionnaire = _parse_older_edition(snapshot)
    with _lock:
        _parsed[content_hash] = questionnaire
        while len(_parsed) > CACHE_SIZE:
            _parsed.popitem(last=False)
    return questionnaire


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
