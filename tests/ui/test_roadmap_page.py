"""The Roadmap page in AppTest: targets, the phased plan, tracked work and the downloads."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import downloads
import pytest
import roadmap_view
import state
import store
from sqlalchemy.orm import Session, sessionmaker
from streamlit.testing.v1 import AppTest

from assessment_models import storage

ROADMAP = "app_pages/roadmap.py"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

Run = Callable[[Any], AppTest]


@pytest.fixture
def code(mini_code: str) -> str:
    """The mini responses: change 3.67, delivery 3.00 (processes); testing unscored (N/A)."""
    return mini_code


@pytest.fixture
def roadmap(new_app: Callable[..., AppTest], code: str, run: Run) -> AppTest:
    at = new_app(code)
    return run(at.switch_page(ROADMAP))


def item_ids(at: AppTest) -> set[str]:
    """The items with a card on the page."""
    prefix = "roadmap-item-"
    return {c.key.removeprefix(prefix) for c in at.container if (c.key or "").startswith(prefix)}


def track(at: AppTest, run: Run, item_id: str) -> AppTest:
    """Choose the item the tracking box edits."""
    return run(at.selectbox(key=roadmap_view.TRACK_PICKER).set_value(item_id))


def card_text(at: AppTest, item_id: str) -> str:
    box = at.container(key=f"roadmap-item-{item_id}")
    return " ".join(m.value for m in (*box.markdown, *box.caption))


def test_without_an_assessment_the_page_points_to_start(
    new_app: Callable[..., AppTest], run: Run
) -> None:
    at = run(new_app().switch_page(ROADMAP))
    assert "Start a new assessment" in at.info[0].value
    assert not at.slider


def test_the_roadmap_starts_from_the_default_targets(roadmap: AppTest) -> None:
    at = roadmap
    assert at.title[0].value == "Roadmap"
    assert at.slider(key=state.roadmap_target_key("processes")).value == 4.0
    assert at.number_input(key=state.ROADMAP_WIP).value == 3
    assert item_ids(at) == {"del_measure", "chg_auto"}
    assert [s.value for s in at.subheader if "·" in s.value] == ["Now · months 1–3 (2 items)"]


def test_lowering_a_target_to_the_scores_empties_the_roadmap_and_is_stored(
    roadmap: AppTest, run: Run, sessions: sessionmaker[Session], code: str
) -> None:
    # The lowest answer is level 2 (200 hours of lead time): a target of 2 leaves nothing.
    at = run(roadmap.slider(key=state.roadmap_target_key("processes")).set_value(2.0))
    assert item_ids(at) == set()
    assert "No answer lies below its target" in at.success[0].value
    with sessions() as session:
        record = storage.get_assessment(session, code)
    assert record.targets == {"processes": 2.0, "technology": 4.0}
    assert record.wip_limit == 3


def test_the_wip_limit_is_stored(
    roadmap: AppTest, run: Run, sessions: sessionmaker[Session], code: str
) -> None:
    at = run(roadmap.number_input(key=state.ROADMAP_WIP).set_value(1))
    with sessions() as session:
        assert storage.get_assessment(session, code).wip_limit == 1
    assert [s.value for s in at.subheader if "·" in s.value] == [
        "Now · months 1–3 (1 item)",
        "Next · months 4–6 (1 item)",
    ]


def test_a_smaller_capacity_is_stored_and_defers_what_does_not_fit(
    roadmap: AppTest, run: Run, sessions: sessionmaker[Session], code: str
) -> None:
    # chg_auto is L (8 points): with 7 points a phase it fits nowhere.
    at = run(roadmap.number_input(key=state.ROADMAP_CAPACITY).set_value(7))
    assert not at.exception
    with sessions() as session:
        assert storage.get_assessment(session, code).capacity == 7
    assert [s.value for s in at.subheader if "·" in s.value] == ["Now · months 1–3 (1 item)"]
    assert any(e.label == "Not scheduled: over capacity (1)" for e in at.expander)
    assert "chg_auto" in item_ids(at)  # still trackable


def test_a_capability_target_is_stored_and_changes_the_plan(
    roadmap: AppTest, run: Run, sessions: sessionmaker[Session], code: str
) -> None:
    # delivery at 2: lead time (level 2) is no longer below target; del_measure drops out.
    at = run(roadmap.selectbox(key=roadmap_view.CAPABILITY_PICKER).set_value("delivery"))
    at = run(at.selectbox(key=state.roadmap_capability_target_key("delivery")).set_value(2.0))
    assert not at.exception
    with sessions() as session:
        assert storage.get_assessment(session, code).targets == {
            "processes": 4.0, "technology": 4.0, "delivery": 2.0}
    assert item_ids(at) == {"chg_auto"}
    assert "With a target of their own: Delivery performance 2.0" in [c.value for c in at.caption]


def test_the_page_shows_initiatives_projection_and_how_it_is_computed(
    roadmap: AppTest,
) -> None:
    # Dataframes carry no key in AppTest; tell them apart by their columns.
    tables = {tuple(d.value.columns): d.value for d in roadmap.dataframe}
    progress = ("Dimension", "Score", "Target", "Now", "After Now", "After Next",
                "After Later", "After Beyond")
    assert progress in tables
    initiatives = tables[("Initiative", "Steps", "Effort points", "Phases", "Moves")]
    assert list(initiatives["Initiative"]) == ["Fast feedback", "Make change safe and routine"]
    assert any(e.label == "How the plan is computed" for e in roadmap.expander)
    figure = roadmap.get("plotly_chart")[0].proto.spec
    assert "After Now" in figure and "After Next" in figure


def test_owner_due_date_and_status_of_an_item_are_stored(
    roadmap: AppTest, run: Run, sessions: sessionmaker[Session], code: str
) -> None:
    at = track(roadmap, run, "del_measure")
    at = run(at.text_input(key=state.tracking_owner_key("del_measure")).input("Ana"))
    at = run(at.date_input(key=state.tracking_due_key("del_measure")).set_value(date(2025, 3, 31)))
    at = run(at.selectbox(key=state.tracking_status_key("del_measure")).set_value("in_progress"))
    with sessions() as session:
        tracked = storage.load_tracking(session, code)
    assert tracked == {
        "del_measure": storage.TrackedItem(
            recommendation_id="del_measure",
            owner="Ana",
            due_date=date(2025, 3, 31),
            status="in_progress",
        )
    }
    shown = card_text(at, "del_measure")
    assert "Ana" in shown and "due 2025-03-31" in shown and "In progress" in shown
    assert "No owner yet" in card_text(at, "chg_auto")


def test_the_tracking_box_edits_one_item_at_a_time(roadmap: AppTest, run: Run) -> None:
    # The first item of Now is chosen at first; the others have no inputs until chosen.
    owners = [t.key for t in roadmap.text_input if t.key.startswith(state.tracking_owner_key(""))]
    assert owners == [state.tracking_owner_key("del_measure")]
    at = track(roadmap, run, "chg_auto")
    owners = [t.key for t in at.text_input if t.key.startswith(state.tracking_owner_key(""))]
    assert owners == [state.tracking_owner_key("chg_auto")]


def test_a_new_tab_shows_the_stored_tracking(
    roadmap: AppTest,
    run: Run,
    new_app: Callable[..., AppTest],
    code: str,
) -> None:
    at = track(roadmap, run, "del_measure")
    run(at.text_input(key=state.tracking_owner_key("del_measure")).input("Ana"))
    run(at.selectbox(key=state.tracking_status_key("del_measure")).set_value("done"))
    tab = track(run(new_app(code).switch_page(ROADMAP)), run, "del_measure")
    assert tab.text_input(key=state.tracking_owner_key("del_measure")).value == "Ana"
    assert tab.selectbox(key=state.tracking_status_key("del_measure")).value == "done"
    assert "Ana" in card_text(tab, "del_measure") and "Done" in card_text(tab, "del_measure")
    assert any("1 done" in s.value for s in tab.subheader)


def test_the_four_downloads_are_offered(roadmap: AppTest) -> None:
    keys = {b.key for b in roadmap.get("download_button")}
    assert {
        state.DOWNLOAD_PDF,
        state.DOWNLOAD_JSON,
        state.DOWNLOAD_ROADMAP_CSV,
        state.DOWNLOAD_ANSWERS_CSV,
    } <= keys


def test_the_downloaded_files_hold_the_stored_settings(
    roadmap: AppTest, run: Run, code: str
) -> None:
    run(roadmap.slider(key=state.roadmap_target_key("processes")).set_value(4.5))
    at = track(roadmap, run, "chg_auto")
    run(at.selectbox(key=state.tracking_status_key("chg_auto")).set_value("done"))
    shot = downloads.snapshot(store.record(code))
    exported = json.loads(downloads.json_text(shot))
    assert exported["targets"] == {"processes": 4.5, "technology": 4.0}
    assert exported["tracking"] == {"chg_auto": {"status": "done"}}
    assert "Let the pipeline approve low-risk changes" in downloads.roadmap_csv_text(shot)
    assert downloads.answers_csv_text(shot).startswith("Dimension,Capability")
    assert downloads.pdf_bytes(shot, "letter").startswith(b"%PDF")
