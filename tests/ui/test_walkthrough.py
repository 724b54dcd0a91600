"""The walk-through in AppTest: start, answer, move around, come back, review, results."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import state
from streamlit.testing.v1 import AppTest

from assessment_models import storage
from assessment_models.scoring import score

ASSESS = "app_pages/assess.py"
REVIEW = "app_pages/review.py"
RESULTS = "app_pages/results.py"

Run = Callable[[Any], AppTest]


def start_assessment(at: AppTest, run: Run) -> str:
    at.text_input(key=state.START_ORGANISATION).input("Acme")
    at.text_input(key=state.START_TEAM).input("Payments")
    run(at.button(key=state.START_SUBMIT).click())
    code = at.query_params["a"]
    assert at.session_state[state.START_CONTINUE] is False  # the "Your assessment" card
    return code


def stored(database: Path, code: str):  # type: ignore[no-untyped-def]
    engine = storage.make_engine(f"sqlite:///{database}")
    try:
        with storage.make_sessionmaker(engine)() as session:
            return storage.get_assessment(session, code), storage.load_responses(session, code)
    finally:
        engine.dispose()


@pytest.fixture
def answered(new_app: Callable[..., AppTest], run: Run) -> tuple[AppTest, str]:
    """An assessment with answers on both dimensions, typed in through the widgets."""
    at = new_app()
    code = start_assessment(at, run)
    run(at.button(key=state.START_CONTINUE).click())
    assert at.title[0].value == "Processes"

    run(at.radio(key=state.answer_key("chg_approval")).set_value(3))
    run(at.text_area(key=state.comment_key("chg_approval")).input("Weekly CAB, minutes on wiki"))
    run(at.segmented_control(key=state.confidence_key("chg_approval")).set_value("high"))
    run(at.number_input(key=state.answer_key("dora_deploys")).set_value(2.0))

    run(at.button(key=state.ASSESS_NEXT).click())
    assert at.title[0].value == "Technology"
    run(at.radio(key=state.answer_key("test_auto")).set_value(4))

    run(at.button(key=state.ASSESS_PREVIOUS).click())
    assert at.title[0].value == "Processes"
    return at, code


def test_answers_survive_moving_between_dimensions(answered: tuple[AppTest, str]) -> None:
    at, _ = answered
    assert at.radio(key=state.answer_key("chg_approval")).value == 3
    assert at.text_area(key=state.comment_key("chg_approval")).value == (
        "Weekly CAB, minutes on wiki"
    )
    assert at.segmented_control(key=state.confidence_key("chg_approval")).value == "high"
    assert at.number_input(key=state.answer_key("dora_deploys")).value == 2.0
    assert at.radio(key=state.answer_key("chg_rollback")).value is None


def test_a_new_tab_with_the_code_shows_every_answer(
    answered: tuple[AppTest, str], new_app: Callable[..., AppTest], run: Run
) -> None:
    _, code = answered
    tab = new_app(code)
    run(tab.button(key=state.START_CONTINUE).click())
    assert tab.title[0].value == "Processes"
    assert tab.radio(key=state.answer_key("chg_approval")).value == 3
    assert tab.text_area(key=state.comment_key("chg_approval")).value == (
        "Weekly CAB, minutes on wiki"
    )
    assert tab.segmented_control(key=state.confidence_key("chg_approval")).value == "high"
    assert tab.number_input(key=state.answer_key("dora_deploys")).value == 2.0
    run(tab.button(key=state.ASSESS_NEXT).click())
    assert tab.radio(key=state.answer_key("test_auto")).value == 4


def test_review_lists_exactly_the_unanswered_questions(
    answered: tuple[AppTest, str], run: Run
) -> None:
    at, _ = answered
    run(at.switch_page(REVIEW))
    prefix = state.review_goto_key("")
    listed = {b.key.removeprefix(prefix) for b in at.button if b.key.startswith(prefix)}
    assert listed == {"chg_rollback", "dora_lead_time"}


def test_review_takes_you_to_an_unanswered_question(
    answered: tuple[AppTest, str], run: Run
) -> None:
    at, _ = answered
    run(at.button(key=state.ASSESS_NEXT).click())
    run(at.switch_page(REVIEW))
    run(at.button(key=state.review_goto_key("dora_lead_time")).click())
    assert at.title[0].value == "Processes"
    assert at.number_input(key=state.answer_key("dora_lead_time")).value is None


def test_results_show_the_scores_the_engine_computes(
    answered: tuple[AppTest, str], database: Path, run: Run
) -> None:
    at, code = answered
    run(at.switch_page(RESULTS))
    record, responses = stored(database, code)
    card = score(record.questionnaire, responses)

    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Overall score (out of 5)"] == f"{card.overall.score:.2f}"
    assert metrics["Maturity level"] == f"{card.overall.level} · {card.overall.level_name}"
    assert metrics["Questions answered"] == f"{card.overall.coverage:.0%}"

    table = next(t.value for t in at.table if "Answered" in t.value.columns)
    shown = dict(zip(table["Capability"], table["Score"], strict=True))
    for unit in card.capabilities:
        assert shown[unit.title] == ("—" if unit.score is None else f"{unit.score:.2f}")


def test_results_explain_a_capability_with_its_numbers(
    answered: tuple[AppTest, str], run: Run
) -> None:
    at, _ = answered
    run(at.switch_page(RESULTS))
    run(at.selectbox(key=state.RESULTS_EXPLAIN).set_value("change"))
    # chg_approval: weight 2, level 3; chg_rollback unanswered.
    assert any("(2 × 3) ÷ (2) = 6 ÷ 2 = 3.00" in m.value for m in at.markdown)


def test_a_comment_not_yet_saved_is_saved_by_next(
    answered: tuple[AppTest, str], database: Path, run: Run
) -> None:
    at, code = answered
    # A text area reports its text on blur; here the text reached the session, not storage.
    at.session_state[state.comment_key("chg_rollback")] = "Rollback scripts exist"
    run(at.button(key=state.ASSESS_NEXT).click())
    _, responses = stored(database, code)
    assert responses.answers["chg_rollback"].comment == "Rollback scripts exist"


def test_finishing_makes_answers_read_only(answered: tuple[AppTest, str], run: Run) -> None:
    at, _ = answered
    run(at.switch_page(REVIEW))
    run(at.button(key=state.REVIEW_FINISH).click())
    assert at.title[0].value == "Results"
    run(at.switch_page(ASSESS))
    assert not [r for r in at.radio if r.key == state.answer_key("chg_approval")]


def test_a_finished_assessment_states_each_chosen_answer_plainly(
    answered: tuple[AppTest, str], run: Run
) -> None:
    at, _ = answered
    run(at.switch_page(REVIEW))
    run(at.button(key=state.REVIEW_FINISH).click())
    run(at.switch_page(ASSESS))
    shown = [m.value for m in at.markdown]
    assert (
        "**Standard (level 3)**  \nRoutine changes are pre-approved standard changes with a "
        "documented procedure."
    ) in shown
    assert "**2 deployments per week (level 3)**  \nDefined." in shown
    assert [t.value for t in at.text] == ["Weekly CAB, minutes on wiki"]
    assert "Confidence: High" in [c.value for c in at.caption]
    assert any(c.value.endswith("Not answered") for c in at.caption)
