"""Routing in AppTest: one page per dimension, its URL, the forwarder, moving within a page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import state
from streamlit.testing.v1 import AppTest
from ui_routing import current_url_path, open_url_path, registered_pages

Run = Callable[[Any], AppTest]


def new_assessment(new_app: Callable[..., AppTest], run: Run) -> tuple[AppTest, str]:
    at = new_app()
    run(at.button(key=state.START_SUBMIT).click())
    code = at.query_params["a"]
    run(at.button(key=state.START_CONTINUE).click())
    return at, code


def test_continue_opens_the_first_dimensions_own_page(
    new_app: Callable[..., AppTest], run: Run
) -> None:
    at, code = new_assessment(new_app, run)
    assert current_url_path(at) == "assess-processes"
    assert at.title[0].value == "Processes"
    assert at.query_params["a"] == code


def test_next_opens_the_next_dimensions_page_with_the_code(
    new_app: Callable[..., AppTest], run: Run
) -> None:
    at, code = new_assessment(new_app, run)
    run(at.button(key=state.ASSESS_NEXT).click())
    assert current_url_path(at) == "assess-technology"
    assert at.title[0].value == "Technology"
    assert at.query_params["a"] == code
    run(at.button(key=state.ASSESS_PREVIOUS).click())
    assert current_url_path(at) == "assess-processes"


def test_a_bookmarked_dimension_opens_on_that_dimension_with_its_answers(
    new_app: Callable[..., AppTest], run: Run
) -> None:
    at, code = new_assessment(new_app, run)
    run(at.button(key=state.ASSESS_NEXT).click())
    run(at.radio(key=state.answer_key("test_auto")).set_value(4))

    tab = new_app(code)
    run(open_url_path(tab, "assess-technology"))
    assert tab.title[0].value == "Technology"
    assert tab.radio(key=state.answer_key("test_auto")).value == 4


def test_the_menu_lists_each_dimension_with_the_count_its_progress_bar_shows(
    new_app: Callable[..., AppTest], run: Run
) -> None:
    at, _ = new_assessment(new_app, run)
    run(at.radio(key=state.answer_key("chg_approval")).set_value(3))
    pages = registered_pages(at)
    assert pages["assess-processes"] == "Processes · 1/4"
    assert pages["assess-technology"] == "Technology · 0/1"
    bars = [p.proto.text for p in at.get("progress")]
    assert any(text.startswith("1 of 4 answered in Processes") for text in bars)


def test_a_dimension_left_out_has_no_page(new_app: Callable[..., AppTest], run: Run) -> None:
    at = new_app()
    at.checkbox(key=state.scope_key("mini", "technology")).uncheck()
    run(at.button(key=state.START_SUBMIT).click())
    assert "assess-technology" not in registered_pages(at)
    assert "assess-processes" in registered_pages(at)


def test_an_older_assess_link_forwards_to_the_dimension_it_names(
    new_app: Callable[..., AppTest], run: Run
) -> None:
    _, code = new_assessment(new_app, run)
    tab = new_app(code)
    tab.query_params["d"] = "technology"
    run(open_url_path(tab, "assess"))
    assert tab.title[0].value == "Technology"


def test_next_unanswered_moves_on_once_this_dimension_is_done(
    new_app: Callable[..., AppTest], run: Run
) -> None:
    at, _ = new_assessment(new_app, run)
    run(at.radio(key=state.answer_key("chg_approval")).set_value(3))
    run(at.radio(key=state.answer_key("chg_rollback")).set_value(5))
    run(at.number_input(key=state.answer_key("dora_deploys")).set_value(2.0))
    # dora_lead_time is left: the button scrolls to it on this page.
    run(at.button(key=state.ASSESS_NEXT_UNANSWERED).click())
    assert at.title[0].value == "Processes"
    assert any(".st-key-q-dora_lead_time" in h.proto.body for h in at.html)

    run(at.number_input(key=state.answer_key("dora_lead_time")).set_value(30.0))
    run(at.button(key=state.ASSESS_NEXT_UNANSWERED).click())
    assert at.title[0].value == "Technology"
    assert any(".st-key-q-test_auto" in h.proto.body for h in at.html)


def test_every_question_answered_offers_the_review_instead(
    new_app: Callable[..., AppTest], run: Run
) -> None:
    at, _ = new_assessment(new_app, run)
    for key, value in (("chg_approval", 3), ("chg_rollback", 5)):
        run(at.radio(key=state.answer_key(key)).set_value(value))
    for key, number in (("dora_deploys", 2.0), ("dora_lead_time", 30.0)):
        run(at.number_input(key=state.answer_key(key)).set_value(number))
    run(at.button(key=state.ASSESS_NEXT).click())
    run(at.radio(key=state.answer_key("test_auto")).set_value(4))
    assert state.ASSESS_NEXT_UNANSWERED not in at.session_state
    assert any("Every question is answered" in str(p.proto.label) for p in at.get("page_link"))


def test_jumping_to_a_section_scrolls_there_and_empties_the_box(
    new_app: Callable[..., AppTest], run: Run
) -> None:
    at, _ = new_assessment(new_app, run)
    run(at.selectbox(key=state.ASSESS_JUMP).set_value("delivery"))
    assert any(".st-key-cap-delivery" in h.proto.body for h in at.html)
    assert at.selectbox(key=state.ASSESS_JUMP).value is None
