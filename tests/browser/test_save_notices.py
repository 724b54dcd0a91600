"""The saving notices in a real browser: a locked SQLite file, then another window's change.

Another process holds SQLite's write lock while an answer is given: the page says "Not saved
yet" with a "Try again now" button and claims no save; once the lock goes, "Everything is
saved now" appears by itself, without a reload, and the answer is stored. Two pages on one
assessment: the older one is told its answer was changed in another window. Each notice is
photographed at a laptop's and a phone's width (see ``shots.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import PROJECT_ROOT, TIMEOUT_MS, Server, question, serve, settle
from shots import shoot

from assessment_models import storage
from assessment_models.loader import load_questionnaire
from assessment_models.responses import Responses

pytestmark = pytest.mark.browser

MINI = PROJECT_ROOT / "tests" / "fixtures" / "mini.yaml"
#: The caption that claims a save ("Saved 14:02:31"), wherever it is drawn.
SAVED_CLAIM = re.compile(r"Saved \d\d:\d\d:\d\d")


@pytest.fixture
def impatient_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """The mini questionnaire's app, giving up on a locked database after one second."""
    monkeypatch.setenv("SEXTANT_DB_STATEMENT_TIMEOUT", "1")
    running = serve(tmp_path, MINI)
    yield running
    running.stop()


def new_assessment(running: Server) -> str:
    """An assessment with no answers yet in the server's database; its access code."""
    engine = storage.make_engine(running.env["DATABASE_URL"])
    storage.migrate(engine)  # the app would on its first page; this comes before it
    empty = Responses.model_validate(
        {"questionnaire": "mini", "questionnaire_version": "1.0.0",
         "respondent": {"organisation": "Acme", "team": "Payments"}, "answers": {}}
    )  # fmt: skip
    with storage.make_sessionmaker(engine)() as session:
        code = storage.import_responses(session, load_questionnaire(MINI), empty)
    engine.dispose()
    return code


def open_processes(browser: Any, running: Server, code: str) -> Any:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{running.url}/assess-processes?a={code}")
    question(page, "chg_approval").wait_for()
    settle(page)
    return page


def test_an_answer_given_while_sqlite_is_locked_is_not_saved_yet_then_saved_by_itself(
    browser: Any, impatient_server: Server, sqlite_lock: Any, tmp_path: Path
) -> None:
    code = new_assessment(impatient_server)
    page = open_processes(browser, impatient_server, code)
    lock = sqlite_lock(Path(impatient_server.env["DATABASE_URL"].removeprefix("sqlite:///")))
    lock.hold()
    question(page, "chg_approval").get_by_text("Standard", exact=True).click()
    notice = page.get_by_text("Not saved yet.", exact=False).first
    notice.wait_for()
    # The page arrives element by element: wait for each part, then for the run's end.
    page.get_by_role("button", name="Try again now").wait_for()
    page.get_by_text("• How does a routine change get approved?").wait_for()
    settle(page)
    assert page.get_by_text(SAVED_CLAIM).count() == 0
    shoot(page, notice, tmp_path, "not-saved-yet")

    lock.release()
    page.get_by_text("Everything is saved now").wait_for()  # no reload, no click
    assert page.get_by_text("Not saved yet.").count() == 0
    page.get_by_text(SAVED_CLAIM).first.wait_for()  # now, and only now, "Saved 03:21:14"
    shoot(page, page.get_by_text("Everything is saved now"), tmp_path, "saved-now")
    page.close()

    fresh = open_processes(browser, impatient_server, code)  # a new tab reads storage
    assert question(fresh, "chg_approval").get_by_role("radio", name="Standard").is_checked()
    fresh.close()


def test_an_answer_changed_in_another_window_is_shown_before_overwriting(
    browser: Any, server: Server, tmp_path: Path
) -> None:
    code = new_assessment(server)
    first = open_processes(browser, server, code)
    question(first, "chg_approval").get_by_text("Board", exact=True).click()
    settle(first)
    second = open_processes(browser, server, code)
    question(second, "chg_approval").get_by_text("Risk-based", exact=True).click()
    settle(second)

    question(first, "chg_approval").get_by_text("Ad hoc", exact=True).click()
    notice = first.get_by_text("This answer was changed in another window at")
    notice.wait_for()
    first.get_by_text("Now stored: Risk-based (level 4)").wait_for()
    first.get_by_role("button", name="Save mine instead").wait_for()
    first.get_by_text("Not saved: see the notice at the top of the page.").first.wait_for()
    settle(first)
    assert first.get_by_text(SAVED_CLAIM).count() == 0
    shoot(first, notice, tmp_path, "changed-in-another-window")
    first.close()
    second.close()
