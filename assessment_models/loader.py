"""Read questionnaire YAML into a validated, frozen :class:`Questionnaire`.

Every failure becomes one :class:`QuestionnaireError` line naming the file, the path inside
the document (``dimensions[2].capabilities[0].questions[3].options``) and the YAML line.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from assessment_models.errors import ContentError, QuestionnaireError, format_path
from assessment_models.questionnaire import Questionnaire

if TYPE_CHECKING:
    import yaml

#: The largest questionnaire file read, checked before parsing (the full one is ~150 KiB).
MAX_QUESTIONNAIRE_BYTES = 2 * 1024 * 1024


@cache
def _safe_loader() -> type[yaml.SafeLoader]:
    """safe_load's loader, except that a key given twice in one mapping is an error.

    PyYAML is imported here, on the first file parsed: a command that reads a cached
    questionnaire (``questionnaire_cache``) never parses YAML and skips its import.
    The C loader is about ten times faster; the pure-Python one serves where libyaml is
    absent.
    """
    import yaml

    base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class SafeLoader(base):  # type: ignore[misc,valid-type]
        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if isinstance(key, str | int | float | bool) and key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"the key '{key}' is given twice", key_node.start_mark
                    )
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    return SafeLoader


_DISCRIMINATOR_TAGS = {"scale", "choice", "metric"}
_ID = re.compile(r"[a-z][a-z0-9_-]*")


def questionnaires_dir() -> Path:
    """Where the installed questionnaires live: ``$SEXTANT_QUESTIONNAIRES`` or the project's."""
    override = os.environ.get("SEXTANT_QUESTIONNAIRES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "questionnaires"


def questionnaire_files(directory: Path | None = None) -> list[Path]:
    """The questionnaire YAML files of a directory, in name order (``_`` prefixes skipped)."""
    directory = directory or questionnaires_dir()
    if not directory.is_dir():
        return []
    return sorted(
        p for p in directory.glob("*.y*ml") if p.suffix in {".yaml", ".yml"} and p.name[0] != "_"
    )


def load_questionnaire(path: Path | str) -> Questionnaire:
    """Load and validate one questionnaire file."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_QUESTIONNAIRE_BYTES:
            raise QuestionnaireError(f"{path}: {_too_large()}")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QuestionnaireError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionnaireError(f"{path}: cannot be read ({exc})") from None
    return parse_questionnaire(text, source=str(path))


def parse_questionnaire(text: str, source: str = "<questionnaire>") -> Questionnaire:
    """Validate questionnaire YAML given as text; ``source`` names it in error messages."""
    if len(text) > MAX_QUESTIONNAIRE_BYTES:
        raise QuestionnaireError(f"{source}: {_too_large()}")
    import yaml

    try:
        data = yaml.load(text, Loader=_safe_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise QuestionnaireError(f"{source}{where}: not valid YAML: {problem}") from None
    except RecursionError:
        raise QuestionnaireError(f"{source}: not valid YAML: nested too deeply") from None
    except ValueError:  # Python refuses integers of thousands of digits
        raise QuestionnaireError(f"{source}: not valid YAML: a number is far too long") from None
    if not isinstance(data, dict):
        raise QuestionnaireError(f"{source}: expected a mapping of questionnaire fields at the top")
    try:
        return Questionnaire.model_validate(data)
    except RecursionError:
        raise QuestionnaireError(f"{source}: nested too deeply") from None
    except ContentError as exc:
        raise _located(source, text, exc.path, exc.detail) from None
    except ValidationError as exc:
        error = exc.errors()[0]
        path = tuple(p for p in error["loc"] if p not in _DISCRIMINATOR_TAGS)
        raise _located(source, text, path, _describe(error)) from None


def load_installed(directory: Path | None = None) -> dict[str, Questionnaire]:
    """Every installed questionnaire by id. A broken file raises; it is never skipped silently."""
    found: dict[str, Questionnaire] = {}
    for path in questionnaire_files(directory):
        questionnaire = load_questionnaire(path)
        if questionnaire.id in found:
            raise QuestionnaireError(f"{path}: questionnaire id '{questionnaire.id}' is used twice")
        found[questionnaire.id] = questionnaire
    return found


def find_installed(
    questionnaire_id: str, directory: Path | None = None, cached: bool = False
) -> Questionnaire:
    """The installed questionnaire with this id.

    The file named after the id is tried first, so that one command parses one file (the
    full questionnaire alone takes tens of milliseconds); the others are read only when that
    file is missing or holds another id. ``cached``: that file may come from the command
    line's cache of validated questionnaires (``questionnaire_cache``).
    """
    directory = directory or questionnaires_dir()
    # Only a well-formed id names a file: nothing like "../x" reads outside the directory.
    suffixes = (".yaml", ".yml") if _ID.fullmatch(questionnaire_id) else ()
    for suffix in suffixes:
        named = directory / f"{questionnaire_id}{suffix}"
        if named.is_file():
            questionnaire = load_cached(named) if cached else load_questionnaire(named)
            if questionnaire.id == questionnaire_id:
                return questionnaire
    installed = load_installed(directory)
    if questionnaire_id not in installed:
        known = ", ".join(sorted(installed)) or "none"
        raise QuestionnaireError(
            f"no installed questionnaire has the id '{questionnaire_id}' (installed: {known})"
        )
    return installed[questionnaire_id]


def load_cached(path: Path) -> Questionnaire:
    """:func:`load_questionnaire`, through the command line's cache of validated
    questionnaires (see ``questionnaire_cache``)."""
    from assessment_models.questionnaire_cache import load_cached as load

    return load(path)


def _too_large() -> str:
    return f"larger than {MAX_QUESTIONNAIRE_BYTES // (1024 * 1024)} MiB, so it is not read"


def _describe(error: dict[str, Any]) -> str:
    message = str(error["msg"])
    if error["type"] == "value_error":
        message = message.removeprefix("Value error, ")
    elif error["type"] == "extra_forbidden":
        message = "unknown key (not part of the questionnaire format)"
    elif error["type"] == "too_short" and error["loc"][-1:] == ("addresses",):
        message = "a recommendation must address at least one question"
    elif error["type"] == "missing":
        message = "required key is missing"
    elif error["type"] == "string_pattern_mismatch":
        message = "ids use lower-case letters, digits, '_' or '-' and start with a letter"
    elif error["type"] == "union_tag_invalid":
        message = "'kind' must be one of scale, choice, metric"
    elif error["type"] == "union_tag_not_found":
        message = "a question needs a 'kind': scale, choice or metric"
    return message


def _located(
    source: str, text: str, path: tuple[str | int, ...], message: str
) -> QuestionnaireError:
    line = _line_of(text, path)
    where = format_path(path)
    parts = [source]
    if line is not None:
        parts.append(f"line {line}")
    head = ", ".join(parts)
    return QuestionnaireError(f"{head}: {where}: {message}" if where else f"{head}: {message}")


def _line_of(text: str, path: tuple[str | int, ...]) -> int | None:
    """1-based line of the deepest YAML node along ``path`` (a missing key: its parent)."""
    import yaml

    try:
        node = yaml.compose(text, Loader=_safe_loader())
    except (yaml.YAMLError, RecursionError):
        return None
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in path:
        child = None
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            for key, value in node.value:
                if key.value == part:
                    # Point at the key's line: for a block value, the value starts lower down.
                    line = key.start_mark.line + 1
                    child = value
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            child = node.value[part] if 0 <= part < len(node.value) else None
            if child is not None:
                line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line
