"""Files built when their download button is clicked, and what the page says if one fails.

``st.download_button`` runs a callable ``data`` on a worker thread when the button is
clicked, outside the script run. When it raises, Streamlit sends no file, logs a traceback
without any reference, and shows "Failed to generate file for download" under the button
for five seconds. That is all: nothing says what to do, and the line vanishes.

So each builder is wrapped: a failure is logged with a reference (the scheme of
:mod:`guard`) and left in a small thread-safe store, keyed by a token of the browser tab.
The click's callback waits there for its build to end (the worker thread runs it at the
same time), then reruns only :func:`outcomes` under the buttons, which shows a plain
message with the reference and what still works, until the file builds.

Why the callback waits rather than the page polling: every run ends with Streamlit
deleting generated files no button refers to (marked at one run's end, deleted at the
next). A poll every second is a run every second, and on a busy machine it deleted a file
before the browser had fetched it. One short run after the build leaves it in place.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import guard
import page_errors
import streamlit as st
from streamlit.errors import StreamlitAPIException

log = logging.getLogger("sextant.app")

#: How long a click waits for its file; a build is never expected to take this long.
WAIT_FOR = timedelta(seconds=20)
#: The fragment under the buttons that says how builds ended; a click reruns only it.
OUTCOMES_KEY = "downloads.outcomes"

_TOKEN = "downloads.token"
_ERRORS = "downloads.errors"


class FileNotBuiltError(Exception):
    """A download's file could not be built; the cause is in the log under the reference."""


@dataclass(frozen=True)
class Failure:
    """A build that raised, as the page will tell it."""

    reference: str
    at: datetime


class _Outcomes:
    """How each build ended, per browser tab and button, until that tab's click takes it.

    Module-level on purpose: the builder runs on Streamlit's worker thread, where session
    state cannot be reached. Entries are keyed by the tab's own random token, hold only a
    reference and a time, and the oldest tabs' entries go once there are many.
    """

    MAX_TABS = 500

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._by_tab: dict[str, dict[str, Failure | None]] = {}

    def put(self, tab: str, key: str, outcome: Failure | None) -> None:
        with self._changed:
            self._by_tab.setdefault(tab, {})[key] = outcome
            while len(self._by_tab) > self.MAX_TABS:
                del self._by_tab[next(iter(self._by_tab))]
            self._changed.notify_all()

    def wait(self, tab: str, key: str, timeout: float) -> tuple[bool, Failure | None]:
        """(True, the outcome) once the build of ``key`` ended; (False, None) on timeout."""
        with self._changed:
            if not self._changed.wait_for(lambda: key in self._by_tab.get(tab, {}), timeout):
                return False, None
            ended = self._by_tab[tab]
            outcome = ended.pop(key)
            if not ended:
                del self._by_tab[tab]
            return True, outcome


_outcomes = _Outcomes()


def tab_token() -> str:
    """A random token naming this browser tab's builds (made once per session)."""
    return st.session_state.setdefault(_TOKEN, uuid.uuid4().hex)


def guarded(build: Callable[[], str | bytes], tab: str, key: str) -> Callable[[], str | bytes]:
    """``build`` as the button will run it: any failure logged with a reference and kept.

    Runs on Streamlit's worker thread, so it touches neither Streamlit nor session state.
    """

    def run() -> str | bytes:
        try:
            data = build()
        except Exception as exc:
            reference = guard.reference()
            log.exception("download %s could not be built [ref %s]", key, reference)
            _outcomes.put(tab, key, Failure(reference, datetime.now(UTC)))
            # Streamlit logs this too; the reference ties its line to ours.
            raise FileNotBuiltError(f"file not built [ref {reference}]") from exc
        _outcomes.put(tab, key, None)
        return data

    return run


def clicked(tab: str, key: str) -> None:
    """``on_click`` of a download button: wait for its file, then show how it went."""
    ended, outcome = _outcomes.wait(tab, key, WAIT_FOR.total_seconds())
    if ended:
        page_errors.set_error(_ERRORS, key, outcome.reference if outcome else None)
    # Rerun the outcomes only, never the buttons. A run that draws a download button gives
    # it a new file id and drops the old one at its end; a request sent with the old id
    # then finds nothing on a busy server. If the outcomes were not drawn in the last run
    # (a run cut short), the key is unknown and the click's usual rerun draws them instead.
    with contextlib.suppress(StreamlitAPIException):
        st.rerun(OUTCOMES_KEY)


def failure(key: str) -> str | None:
    """The reference of the last failed build of this button, until it builds."""
    return page_errors.error(_ERRORS, key)


@st.fragment(key=OUTCOMES_KEY)
@guard.guarded
def outcomes(keys: tuple[str, ...], message: Callable[[str, str], str]) -> None:
    """Under the buttons: a warning per file that could not be built (``message(key,
    reference)``)."""
    for key in keys:
        reference = failure(key)
        if reference is not None:
            # A warning, not an error: nothing is lost, and the message says what works.
            st.warning(message(key, reference), icon=":material/report:")
