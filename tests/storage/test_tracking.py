"""Roadmap tracking: owner, due date and status per recommendation."""

from __future__ import annotations

from datetime import date

import pytest

from assessment_models.errors import NotFoundError
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Respondent, Scope
from assessment_models.storage import (
    TrackedItem,
    create_assessment,
    finish_assessment,
    load_tracking,
    save_tracking,
)


@pytest.fixture
def code(db, mini: Questionnaire) -> str:
    with db.session() as session:
        return create_assessment(session, mini, Respondent(), Scope())


def test_tracked_items_save_and_load(db, code: str) -> None:
    standard = TrackedItem(
        recommendation_id="chg_standard", owner="Ana", due_date=date(2025, 3, 31)
    )
    ci = TrackedItem(recommendation_id="test_ci", status="in_progress")
    with db.session() as session:
        save_tracking(session, code, standard)
    with db.session() as session:
        save_tracking(session, code, ci)
    with db.session() as session:
        assert load_tracking(session, code) == {"chg_standard": standard, "test_ci": ci}


def test_saving_a_tracked_item_again_replaces_it(db, code: str) -> None:
    with db.session() as session:
        save_tracking(session, code, TrackedItem(recommendation_id="test_ci", owner="Bo"))
    done = TrackedItem(recommendation_id="test_ci", owner="Bo", status="done")
    with db.session() as session:
        save_tracking(session, code, done)
    with db.session() as session:
        assert load_tracking(session, code) == {"test_ci": done}


def test_a_finished_assessment_still_tracks_its_roadmap(db, code: str) -> None:
    with db.session() as session:
        finish_assessment(session, code)
    with db.session() as session:
        save_tracking(session, code, TrackedItem(recommendation_id="test_ci", status="done"))
    with db.session() as session:
        assert load_tracking(session, code)["test_ci"].status == "done"


def test_tracking_an_unknown_recommendation_is_not_found(db, code: str) -> None:
    with db.session() as session, pytest.raises(NotFoundError) as caught:
        save_tracking(session, code, TrackedItem(recommendation_id="nope"))
    assert str(caught.value) == "No recommendation 'nope' in 'mini'."
    assert db.count("roadmap_tracking") == 0
