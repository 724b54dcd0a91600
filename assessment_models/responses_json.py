"""Decoding a responses document: JSON in, a plain dict out (``responses_check`` then checks
it against its questionnaire). Strict where JSON is lax: a key given twice, a document too
large, nesting too deep and numbers of thousands of digits are refused with one line.
"""

from __future__ import annotations

import json
from typing import Any

from assessment_models.errors import ResponsesError
from assessment_models.responses_model import MAX_RESPONSES_BYTES


def parse_responses_json(text: str | bytes, source: str = "responses") -> dict[str, Any]:
    """Decode a responses document; the result still needs :func:`parse_responses`.

    Refused: more than :data:`MAX_RESPONSES_BYTES`, a key given twice in one object (JSON
    would keep the last silently), nesting too deep, integers of thousands of digits.
    """
    if len(text) > MAX_RESPONSES_BYTES:
        limit = MAX_RESPONSES_BYTES // (1024 * 1024)
        raise ResponsesError(f"{source}: larger than {limit} MiB, so it is not read")
    try:
        data = json.loads(text, object_pairs_hook=_refuse_duplicates)
    except UnicodeDecodeError:
        raise ResponsesError(f"{source}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ResponsesError(f"{source}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except _DuplicateKey as exc:
        line = _line_of_duplicate(text)
        where = f" (line {line})" if line else ""
        raise ResponsesError(f"{source}{where}: the key '{exc.key}' is given twice") from None
    except RecursionError:
        raise ResponsesError(f"{source}: not valid JSON: nested too deeply") from None
    except ValueError:  # Python refuses integers of thousands of digits
        raise ResponsesError(f"{source}: not valid JSON: a number is far too long") from None
    if not isinstance(data, dict):
        raise ResponsesError(f"{source}: expected a JSON object with 'questionnaire' and 'answers'")
    return data


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _DuplicateKey(key)
        found[key] = value
    return found


def _line_of_duplicate(text: str | bytes) -> int | None:
    """The line of the first key given twice, found by reading the JSON as YAML (a superset
    of JSON that keeps positions); None if that reading fails."""
    import yaml  # only on this error path

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in current.value:
                if key.value in seen:
                    return int(key.start_mark.line) + 1
                seen.add(key.value)
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return None
