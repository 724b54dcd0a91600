"""Re-assessment in AppTest: the next assessment is pre-filled and marks carried-over answers."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import state
from portfolio import reassess
from pypdf import PdfReader
from sql_log import statements, touching
from sqlalchemy.orm import Session, sessionmaker
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest
from ui_routing import current_url_path, open_url_path

from assessment_models import storage
from assessment_models.loader import load_questionnaire
from assessment_models.responses import Responses

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RESULTS = "app_pages/results.py"
REVIEW = "app_pages/review.py"
ROADMAP = "app_pages/roadmap.py"
ASSESS = "app_pages/assess.py"

Run = Callable[[Any], AppTest]


@pytest.fixture
def finished(sessions: sessionmaker[Session]) -> str:
    """A finished assessment of team Payments: approval 2, rollback 3, tests 4."""
    mini = load_questionnaire(FIXTURES / "mini.yaml")
    answers = {"chg_approval": {"level": 2, "comment": "Weekly CAB"},
               "chg_rollback": {"level": 3}, "test_auto": {"level": 4}}
    with sessions() as session:
        owner = storage.create_organisation(session, "Acme")
        team = storage.add_team(session, owner, "Payments")
        return storage.import_team_assessment(
            session, owner, team.id, mini,
            Responses.model_validate({"questionnaire": "mini", "answers": answers,
                                      "tracking": {"chg_standard": {"status": "done"}}}),
            date(2026, 1, 15),
        )


@pytest.fixture
def next_assessment(new_app: Callable[..., AppTest], finished: str, run: Run) -> AppTest:
    at = new_app(finished)
    run(at.switch_page(RESULTS))
    run(at.button(key=reassess.NEXT).click())
    assert at.title[0].value == "Processes"  # the button took us to Assess
    # AppTest reruns the page it was last told to show: follow the switch.
    return run(at.switch_page(ASSESS))


def test_the_next_assessment_is_pre_filled_and_marks_carried_over_answers(
    next_assessment: AppTest, finished: str
) -> None:
    at = next_assessment
    assert at.query_params["a"] != finished
    assert at.title[0].value == "Processes"
    assert at.radio(key=state.answer_key("chg_approval")).value == 2
    assert at.radio(key=state.answer_key("chg_rollback")).value == 3
    badges = [m.value for m in at.markdown if "Carried over" in m.value]
    assert len(badges) == 2  # the two answered questions on this page
    assert at.button(key=reassess.keep_key("chg_approval"))
    assert "2 answers on this page came over" in at.info[0].value


def test_changing_or_keeping_an_answer_clears_its_mark(
    next_assessment: AppTest, sessions: sessionmaker[Session], run: Run
) -> None:
    at = next_assessment
    code = at.query_params["a"]
    run(at.radio(key=state.answer_key("chg_approval")).set_value(3))
    run(at.button(key=reassess.keep_key("chg_rollback")).click())
    with sessions() as session:
        carried = storage.carry_over(session, code)
        assert storage.load_responses(session, code).answers["chg_approval"].level == 3
    assert carried.unconfirmed == {"test_auto"}
    assert not [m.value for m in at.markdown if "Carried over" in m.value]


def test_a_rerun_of_a_re_assessment_reads_its_carry_over_once(
    next_assessment: AppTest, run: Run
) -> None:
    at = open_url_path(next_assessment, current_url_path(next_assessment))
    with statements() as seen:
        run(at.radio(key=state.answer_key("chg_approval")).set_value(3))
    assert len(touching(seen, "assessment_links")) == 1
    # Still told afresh: the changed answer lost its mark, the kept one has it.
    badges = [m.value for m in at.markdown if "Carried over" in m.value]
    assert len(badges) == 1
    assert "1 answer on this page came over" in at.info[0].value


def test_review_lists_the_unconfirmed_and_results_count_the_confirmed(
    next_assessment: AppTest, run: Run
) -> None:
    at = next_assessment
    run(at.button(key=reassess.keep_key("chg_rollback")).click())
    run(at.switch_page(REVIEW))
    listed = [m.value for m in at.markdown if m.value.startswith("- ")]
    assert listed == ["- Processes: How does a routine change get approved?",
                      "- Technology: How are changes tested before release?"]
    run(at.button(key=reassess.CONFIRM_ALL).click())
    assert any("All 3 carried-over answers were kept or changed." in s.value
               for s in at.success)
    run(at.switch_page(RESULTS))
    assert any("3 of 3 answers carried over from the last assessment were confirmed"
               in c.value for c in at.caption)


def test_the_roadmap_shows_the_previous_plans_done_items_and_their_effect(
    next_assessment: AppTest, run: Run
) -> None:
    at = next_assessment
    run(at.radio(key=state.answer_key("chg_approval")).set_value(4))  # change: 7/3 → 11/3
    run(at.switch_page(ROADMAP))
    assert any(e.label == "From the previous plan: 1 item done" for e in at.expander)
    done = next(t.value for t in at.table if "Then" in t.value.columns)
    assert list(done["Item"]) == ["Define three standard change types"]
    assert (done.iloc[0]["Then"], done.iloc[0]["Now"], done.iloc[0]["Change"]) == (
        "2.33", "3.67", "+1.33"
    )


def test_the_pdf_says_how_much_was_carried_over_unexamined(
    next_assessment: AppTest, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    builders: dict[str, Callable[[], bytes]] = {}
    register = MediaFileManager.add_deferred

    def catch(self: MediaFileManager, data_callable: Any, *args: Any, **kwargs: Any) -> str:
        builders[str(kwargs.get("file_name", args[2] if len(args) > 2 else ""))] = data_callable
        return register(self, data_callable, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", catch)
    at = next_assessment
    run(at.radio(key=state.answer_key("chg_approval")).set_value(4))  # changed
    run(at.button(key=reassess.keep_key("chg_rollback")).click())  # kept after a look
    run(at.switch_page(ROADMAP))
    (build,) = [b for name, b in builders.items() if name.endswith("report.pdf")]
    reader = PdfReader(io.BytesIO(build()))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert ("It started from the previous assessment's 3 answers; the respondent confirmed or "
            "changed 2 of them. 1 was kept unchanged, without a second look") in text
    assert "How are changes tested before release?" in text.split("without a second look")[1]
