"""Every error Sextant raises on bad input, in one place.

The domain raises these; the edges translate them: the CLI prints the message on one line
and exits with code 2, the UI shows it with ``st.error``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any


class SextantError(Exception):
    """Bad input that Sextant explains in one line instead of a traceback."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class QuestionnaireError(SextantError):
    """A questionnaire file that cannot be read or does not describe a valid questionnaire."""


class ContentError(SextantError):
    """A rule of the questionnaire format broken at a known path inside the document."""

    def __init__(self, path: tuple[str | int, ...], message: str) -> None:
        self.path = path
        self.detail = message
        super().__init__(f"{format_path(path)}: {message}" if path else message)


class ResponsesError(SextantError):
    """A responses document that does not fit its questionnaire."""


class NotFoundError(SextantError):
    """Something asked for by id or access code that does not exist."""


class StorageError(SextantError):
    """A change the stored assessment cannot take, e.g. answers to a finished assessment."""


class DatabaseUnavailableError(StorageError):
    """The database did not answer in time (down, hung, locked or busy); nothing was changed."""


class ConflictError(StorageError):
    """An answer changed in another window since this one read it; nothing was changed."""

    def __init__(self, question_id: str, field: str, stored: Any, changed_at: datetime) -> None:
        self.question_id = question_id
        self.field = field
        self.stored = stored  # the Answer now stored (responses.Answer; typed loosely here)
        self.changed_at = changed_at
        super().__init__(f"answers.{question_id}: {field} was changed in another window")


def format_path(path: tuple[str | int, ...]) -> str:
    """Render ``("dimensions", 2, "capabilities", 0)`` as ``dimensions[2].capabilities[0]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
