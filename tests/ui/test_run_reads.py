"""One read of the assessment per script run: reads are shared, a write forgets them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import state
import store
from sql_log import statements, touching
from streamlit.testing.v1 import AppTest
from ui_routing import current_url_path, open_url_path

from assessment_models.responses import Answer


@pytest.fixture
def code(mini_code: str) -> str:
    return mini_code


def test_within_a_run_the_responses_are_read_once(code: str) -> None:
    with store.one_read_per_run():
        assert store.responses(code) is store.responses(code)
        assert store.once_per_run("card", object) is store.once_per_run("card", object)


def test_a_write_within_a_run_is_seen_by_the_next_read(code: str) -> None:
    with store.one_read_per_run():
        before = store.responses(code)
        card = store.once_per_run("card", object)
        store.save_answer(code, "chg_approval", Answer(level=1))
        after = store.responses(code)
        assert after is not before and after.answers["chg_approval"].level == 1
        assert store.once_per_run("card", object) is not card


def test_outside_a_run_every_read_asks_storage(code: str) -> None:
    assert store.responses(code) is not store.responses(code)


def test_an_ordinary_assessments_rerun_asks_no_carry_over_or_workshop_question(
    new_app: Callable[..., AppTest], mini_code: str, run: Callable[[Any], AppTest]
) -> None:
    # Neither can change for an assessment that has it not: only "Start the next assessment"
    # and joining a workshop make one, and both make a new assessment.
    at = run(new_app(mini_code).switch_page("app_pages/assess.py"))
    open_url_path(at, current_url_path(at))  # stay on the dimension page, as a browser does
    with statements() as seen:
        run(at.radio(key=state.answer_key("chg_approval")).set_value(1))
    assert at.title[0].value == "Processes"
    assert any(touching(seen, "answers"))  # the save and the rerun did reach the database
    assert touching(seen, "assessment_links") == []
    assert touching(seen, "workshop_participants") == []
