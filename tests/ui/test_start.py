"""The Start page in AppTest: resuming, unknown codes, scope and JSON import."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import state
from streamlit.testing.v1 import AppTest

from assessment_models import storage

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
UNKNOWN = "x" * 43

Run = Callable[[Any], AppTest]


def test_an_unknown_code_in_the_link_says_not_found(new_app: Callable[..., AppTest]) -> None:
    at = new_app(UNKNOWN)
    assert [e.value for e in at.error] == [
        f"No assessment has the access code `{UNKNOWN}`. Check it against your link: a "
        "character may be missing or mistyped. You can correct it under Resume on Start."
    ]
    assert "a" not in at.query_params
    assert state.START_CONTINUE not in at.session_state


def test_a_mistyped_code_waits_in_the_resume_box_to_be_corrected(
    new_app: Callable[..., AppTest], run: Run
) -> None:
    first = new_app()
    run(first.button(key=state.START_SUBMIT).click())
    code = first.query_params["a"]
    at = new_app(code[:-1] + "?")
    assert at.text_input(key=state.START_RESUME_CODE).value == code[:-1] + "?"
    at.text_input(key=state.START_RESUME_CODE).input(code)
    run(at.button(key=state.START_RESUME_SUBMIT).click())
    assert at.query_params["a"] == code
    assert not at.error


def test_an_unknown_pasted_code_says_not_found(new_app: Callable[..., AppTest], run: Run) -> None:
    at = new_app()
    at.text_input(key=state.START_RESUME_CODE).input(UNKNOWN)
    run(at.button(key=state.START_RESUME_SUBMIT).click())
    assert [e.value for e in at.error] == [storage.NOT_FOUND_MESSAGE]


def test_a_pasted_link_reopens_the_assessment(new_app: Callable[..., AppTest], run: Run) -> None:
    first = new_app()
    run(first.button(key=state.START_SUBMIT).click())
    code = first.query_params["a"]
    at = new_app()
    at.text_input(key=state.START_RESUME_CODE).input(f"http://localhost:8501/?a={code}")
    run(at.button(key=state.START_RESUME_SUBMIT).click())
    assert at.query_params["a"] == code
    assert state.START_CONTINUE in at.session_state


def test_the_resume_link_is_shown_with_its_warning(
    new_app: Callable[..., AppTest], run: Run
) -> None:
    at = new_app()
    run(at.button(key=state.START_SUBMIT).click())
    code = at.query_params["a"]
    assert at.code[0].value.endswith(f"?a={code}")
    assert any("can see and change the answers" in c.value for c in at.caption)


def test_left_out_dimensions_are_out_of_scope(
    new_app: Callable[..., AppTest], run: Run, database: Path
) -> None:
    at = new_app()
    at.checkbox(key=state.scope_key("mini", "technology")).uncheck()
    run(at.button(key=state.START_SUBMIT).click())
    engine = storage.make_engine(f"sqlite:///{database}")
    with storage.make_sessionmaker(engine)() as session:
        record = storage.get_assessment(session, at.query_params["a"])
    engine.dispose()
    assert record.scope.exclude == ("technology",)
    run(at.button(key=state.START_CONTINUE).click())
    assert at.title[0].value == "Processes"
    assert at.caption[0].value == "Dimension 1 of 1"
    assert state.ASSESS_NEXT not in at.session_state  # nothing after Processes


def test_leaving_everything_out_is_refused(
    new_app: Callable[..., AppTest], run: Run, count_assessments: Callable[[], int]
) -> None:
    at = new_app()
    at.checkbox(key=state.scope_key("mini", "processes")).uncheck()
    at.checkbox(key=state.scope_key("mini", "technology")).uncheck()
    run(at.button(key=state.START_SUBMIT).click())
    assert [e.value for e in at.error] == ["Choose at least one capability to assess."]
    assert count_assessments() == 0


def test_importing_a_file_that_is_not_json_creates_nothing(
    new_app: Callable[..., AppTest], run: Run, count_assessments: Callable[[], int]
) -> None:
    at = new_app()
    at.file_uploader(key=state.START_IMPORT_FILE).upload("answers.json", b"{not json", "text/json")
    run(at)
    run(at.button(key=state.START_IMPORT).click())
    assert [e.value for e in at.error] == [
        "answers.json: not valid JSON (line 1: Expecting property name enclosed in double quotes)"
    ]
    assert count_assessments() == 0


def test_importing_an_answer_that_does_not_fit_creates_nothing(
    new_app: Callable[..., AppTest], run: Run, count_assessments: Callable[[], int]
) -> None:
    at = new_app()
    bad = json.dumps(
        {
            "questionnaire": "mini",
            "answers": {"chg_approval": {"level": 3}, "test_auto": {"level": 9}},
        }
    ).encode()
    at.file_uploader(key=state.START_IMPORT_FILE).upload("answers.json", bad, "application/json")
    run(at)
    run(at.button(key=state.START_IMPORT).click())
    assert [e.value for e in at.error] == [
        "answers.json: answers.test_auto: no option has level 9 (levels: 1, 2, 3, 4, 5)"
    ]
    assert count_assessments() == 0


def test_importing_a_good_file_opens_a_new_assessment(
    new_app: Callable[..., AppTest], run: Run
) -> None:
    at = new_app()
    content = (FIXTURES / "mini-responses.json").read_bytes()
    at.file_uploader(key=state.START_IMPORT_FILE).upload("mini.json", content, "application/json")
    run(at)
    run(at.button(key=state.START_IMPORT).click())
    assert not at.error
    assert "a" in at.query_params
    assert any(s.value.startswith("Imported") for s in at.success)


def buttons(at: AppTest, key: str) -> list[Any]:
    return [b for b in at.button if b.key == key]


def open_assessment_on_start(new_app: Callable[..., AppTest], run: Run) -> tuple[AppTest, str]:
    at = new_app()
    run(at.button(key=state.START_SUBMIT).click())
    return at, at.query_params["a"]


def test_closing_asks_first_and_keep_leaves_it_open(
    new_app: Callable[..., AppTest], run: Run
) -> None:
    at, code = open_assessment_on_start(new_app, run)
    run(at.button(key=state.START_NEW).click())
    assert at.query_params["a"] == code
    assert at.warning[0].value.startswith("Close this assessment?")
    assert not buttons(at, state.START_CONTINUE)  # Continue waits for the answer
    run(at.button(key=state.START_CLOSE_CANCEL).click())
    assert at.query_params["a"] == code
    assert not at.warning
    assert buttons(at, state.START_CONTINUE)


def test_closing_confirmed_forgets_the_assessment_in_this_tab(
    new_app: Callable[..., AppTest], run: Run, count_assessments: Callable[[], int]
) -> None:
    at, _ = open_assessment_on_start(new_app, run)
    run(at.button(key=state.START_NEW).click())
    run(at.button(key=state.START_CLOSE_CONFIRM).click())
    assert "a" not in at.query_params
    assert not buttons(at, state.START_CONTINUE)
    assert count_assessments() == 1  # closed in this tab, still stored


def test_the_link_has_a_visible_copy_button_and_a_card_to_download(
    new_app: Callable[..., AppTest], run: Run
) -> None:
    at, code = open_assessment_on_start(new_app, run)
    link = at.code[0].value
    assert any(f'data-sextant-copy="{link}"' in h.proto.body for h in at.html)
    card = at.get("download_button")
    assert [b.proto.label for b in card] == ["Download a card with the link and a QR code"]
    assert link.endswith(f"?a={code}")
