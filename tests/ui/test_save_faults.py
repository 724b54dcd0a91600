"""The app when saving goes wrong: a locked or unreachable database, another window.

The faults are real: another process holds SQLite's write lock, or a TCP relay between the
app and PostgreSQL is hung or cut. Each test checks what the respondent is told, that the
answer stays on screen, and that it is stored once the database is back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import save_status
import state
from streamlit.testing.v1 import AppTest

from assessment_models import storage

Run = Callable[[Any], AppTest]


@pytest.fixture(autouse=True)
def fast_timeouts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEXTANT_DB_CONNECT_TIMEOUT", "2")
    monkeypatch.setenv("SEXTANT_DB_STATEMENT_TIMEOUT", "0.5")


def open_assess(at: AppTest, run: Run) -> str:
    run(at.button(key=state.START_SUBMIT).click())
    code = at.query_params["a"]
    run(at.button(key=state.START_CONTINUE).click())
    assert at.title[0].value == "Processes"
    return code


def stored_level(url: str, code: str, question_id: str) -> int | None:
    engine = storage.make_engine(url)
    try:
        with storage.make_sessionmaker(engine)() as session:
            answer = storage.load_responses(session, code).answers.get(question_id)
    finally:
        engine.dispose()
    return None if answer is None else answer.level  # type: ignore[return-value]


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [w.value for w in at.warning] + [s.value for s in at.success]
    return "\n".join(str(p) for p in parts)


def badge_of(at: AppTest, question_text: str) -> str:
    """The status badge under a question's title, in words."""
    heading = next(m.value for m in at.markdown if m.value.startswith(f"**{question_text}**"))
    return heading.split("]")[0].rsplit(": ", 1)[-1]


def test_an_answer_given_while_sqlite_is_locked_is_kept_then_saved(
    new_app: Callable[..., AppTest], run: Run, database: Path, sqlite_lock
) -> None:
    at = new_app()
    code = open_assess(at, run)
    url = f"sqlite:///{database}"
    lock = sqlite_lock(database)
    lock.hold()
    run(at.radio(key=state.answer_key("chg_approval")).set_value(3))
    assert "Not saved yet." in texts(at)
    assert [t.value for t in at.text] == ["• How does a routine change get approved?"]
    assert not any("cloud_done" in c.value for c in at.caption)  # no "Saved" claim
    assert at.radio(key=state.answer_key("chg_approval")).value == 3  # still on screen
    assert stored_level(url, code, "chg_approval") is None
    # The question itself says so too, rather than "Not answered yet" under a chosen option.
    assert badge_of(at, "How does a routine change get approved?") == "Not saved yet"

    lock.release()
    run(at.button(key="app.retry_now").click())
    assert "Everything is saved now" in texts(at)
    assert "Not saved yet." not in texts(at)
    assert stored_level(url, code, "chg_approval") == 3
    assert badge_of(at, "How does a routine change get approved?") == "Answered"


@pytest.fixture
def relayed_url(relay, postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The app's database: PostgreSQL reached through the relay."""
    url = relay.url(postgres_url)
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def test_answers_given_while_postgresql_hangs_are_kept_then_saved(
    new_app: Callable[..., AppTest], run: Run, relay, relayed_url: str
) -> None:
    url = relayed_url
    at = new_app()
    code = open_assess(at, run)
    relay.hang()
    try:
        run(at.radio(key=state.answer_key("chg_approval")).set_value(2))
        run(at.radio(key=state.answer_key("chg_rollback")).set_value(5))  # queued at once
        assert "2 answers are kept in this tab only" in texts(at)
        assert at.radio(key=state.answer_key("chg_approval")).value == 2
    finally:
        relay.resume()
    run(at.button(key="app.retry_now").click())
    assert "Everything is saved now" in texts(at)
    assert stored_level(url, code, "chg_approval") == 2
    assert stored_level(url, code, "chg_rollback") == 5


def test_a_page_opened_while_postgresql_is_cut_says_so_calmly_and_comes_back(
    new_app: Callable[..., AppTest], run: Run, relay, relayed_url: str
) -> None:
    code = open_assess(new_app(), run)
    relay.cut()
    at = new_app(code)  # a new tab: nothing read before, nothing to show
    at.switch_page("app_pages/assess.py")
    run(at)
    assert "The database is not answering right now" in texts(at)
    assert "Reference" in texts(at)
    relay.start()
    run(at)  # what the page's own check does every few seconds
    assert at.title[0].value == "Processes"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def app_database(
    request: pytest.FixtureRequest, database: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """The app's database: the test's SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        return f"sqlite:///{database}"
    url = request.getfixturevalue("postgres_url")  # skips with the reason unless required
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def test_two_windows_a_comment_never_rewrites_the_level_and_a_clash_is_shown(
    new_app: Callable[..., AppTest], run: Run, app_database: str
) -> None:
    first = new_app()
    code = open_assess(first, run)
    run(first.radio(key=state.answer_key("chg_approval")).set_value(2))
    second = new_app(code)
    second.switch_page("app_pages/assess.py")
    run(second)
    assert second.radio(key=state.answer_key("chg_approval")).value == 2

    run(second.radio(key=state.answer_key("chg_approval")).set_value(4))
    # The first window still shows level 2 and adds a comment: the level stays 4.
    run(first.text_area(key=state.comment_key("chg_approval")).input("CAB every Tuesday"))
    url = app_database
    assert stored_level(url, code, "chg_approval") == 4

    # The first window now changes the level it last saw as 2: it is told, nothing changes.
    run(first.radio(key=state.answer_key("chg_approval")).set_value(1))
    assert "This answer was changed in another window at" in texts(first)
    assert not any("cloud_done" in c.value for c in first.caption)  # no "Saved" claim
    assert any("Now stored: " in t.value and "(level 4)" in t.value for t in first.text)
    assert stored_level(url, code, "chg_approval") == 4
    assert badge_of(first, "How does a routine change get approved?") == (
        "Changed in another window"
    )

    run(first.button(key="app.keep_mine.chg_approval").click())  # the user decides
    assert stored_level(url, code, "chg_approval") == 1
    assert badge_of(first, "How does a routine change get approved?") == "Answered"


def test_the_notice_names_three_waiting_questions_then_counts_the_rest(mini) -> None:
    ids = list(mini.questions_by_id)
    assert len(ids) == 5
    lines = save_status.waiting_questions(mini, ids).splitlines()
    assert lines[0] == "• How does a routine change get approved?"
    assert len(lines) == 4
    assert lines[3] == "• and 2 more"
    assert save_status.waiting_questions(None, ["chg_approval"]) == "• chg_approval"
