"""Validated questionnaires kept between command-line runs, so `sextant score` skips the YAML.

Parsing and validating ``delivery-full.yaml`` is about a third of a `sextant score` process
(PyYAML's import, its parse, pydantic's checks). The command line keeps the validated
questionnaire in the user's cache directory and reads it back on the next run.

Why this is safe:

- **Keyed by content.** The file name is the SHA-256 of the questionnaire file's bytes and
  of the code that decides what is valid (the source of ``questionnaire.py``,
  ``questions.py``, ``content_checks.py`` and ``loader.py``, pydantic's and Python's
  versions). Any change to the file or to those rules is another key, so a stale entry is
  never read; an editable install, whose version number does not move, is covered too.
- **The user's own directory.** ``$SEXTANT_CACHE_DIR``, else ``$XDG_CACHE_HOME/sextant``,
  else ``~/.cache/sextant``, created private (0700). An entry is read only when the
  directory and the file belong to the user running the command and nobody else can write
  to them: the same trust Python gives the ``.pyc`` files it loads from the user's own
  directories. (Entries are pickles, which can run code when read; they are never read from
  anywhere another user could write.)
- **Anything wrong is a miss.** A missing, truncated or corrupt entry, or one that is not a
  questionnaire, is ignored and the YAML is parsed as if there were no cache; a cache that
  cannot be written (read-only home, full disk) is skipped silently.
- **Only where a questionnaire is read to be used.** `sextant validate`, `list` and
  `references` always parse the YAML, so validation stays strict. ``SEXTANT_NO_CACHE=1``
  turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path

import pydantic

from assessment_models.questionnaire import Questionnaire

#: The modules whose source decides what a valid questionnaire is.
_RULES = ("questionnaire.py", "questions.py", "content_checks.py", "loader.py")


def cache_dir() -> Path | None:
    """Where entries live; None when the cache is turned off."""
    if os.environ.get("SEXTANT_NO_CACHE") == "1":
        return None
    given = os.environ.get("SEXTANT_CACHE_DIR")
    if given:
        return Path(given)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "sextant"


def load_cached(path: Path) -> Questionnaire:
    """The questionnaire in ``path``, from the cache when an entry for these exact bytes
    exists, else parsed and validated (and the result kept for next time)."""
    from assessment_models.loader import MAX_QUESTIONNAIRE_BYTES, load_questionnaire

    directory = cache_dir()
    try:
        if directory is None or path.stat().st_size > MAX_QUESTIONNAIRE_BYTES:
            return load_questionnaire(path)
        entry = directory / f"{_key(path.read_bytes())}.pickle"
    except OSError:  # the file (load_questionnaire says what is wrong) or a rules file
        return load_questionnaire(path)
    found = _read(entry)
    if found is not None:
        return found
    questionnaire = load_questionnaire(path)
    _write(directory, entry, questionnaire)
    return questionnaire


def _key(data: bytes) -> str:
    digest = hashlib.sha256(data)
    here = Path(__file__).parent
    for name in _RULES:
        digest.update((here / name).read_bytes())
    digest.update(f"{pydantic.VERSION} {sys.version}".encode())
    return digest.hexdigest()


def _private(st: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else."""
    owner = getattr(os, "getuid", lambda: st.st_uid)()
    return st.st_uid == owner and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read(entry: Path) -> Questionnaire | None:
    try:
        if not (_private(entry.parent.stat()) and _private(entry.stat())):
            return None
        with entry.open("rb") as f:
            found = pickle.load(f)  # a private file this user wrote (see above)
    except Exception:  # a missing, unreadable or corrupt entry is a miss, whatever it raises
        return None
    return found if isinstance(found, Questionnaire) else None


def _write(directory: Path, entry: Path, questionnaire: Questionnaire) -> None:
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(directory.stat()):
            return
        # Written aside and renamed: a reader sees the whole entry or none.
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(questionnaire, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, entry)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except Exception:  # whatever stops the write, there is no entry this time; that is all
        pass
