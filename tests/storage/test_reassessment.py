"""Re-assessment: the next assessment starts from the previous answers, marked carried over."""

from __future__ import annotations

import pytest

from assessment_models.errors import StorageError
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Answer, Scope
from assessment_models.storage import (
    add_team,
    carry_over,
    confirm_answers,
    create_organisation,
    finish_assessment,
    get_assessment,
    load_responses,
    load_teams,
    save_answer,
    save_targets,
    start_next_assessment,
    start_team_assessment,
)


@pytest.fixture
def finished(db, mini: Questionnaire) -> tuple[str, str]:
    """A finished team assessment with three answers, a comment and targets."""
    with db.session() as session:
        owner = create_organisation(session, "Acme")
        team = add_team(session, owner, "Payments")
        code = start_team_assessment(session, owner, team.id, mini, Scope(exclude=("delivery",)))
        save_answer(session, code, "chg_approval", Answer(level=2, comment="Weekly CAB"))
        save_answer(session, code, "chg_rollback", Answer(level=3))
        save_answer(session, code, "test_auto", Answer(na=True))
        save_targets(session, code, {"processes": 3.5}, 2)
        finish_assessment(session, code)
    return owner, code


def test_the_next_assessment_holds_the_previous_answers_marked_carried_over(
    db, mini: Questionnaire, finished: tuple[str, str]
) -> None:
    _, code = finished
    with db.session() as session:
        new = start_next_assessment(session, code, mini)
        record = get_assessment(session, new)
        previous, current = load_responses(session, code), load_responses(session, new)
        status = carry_over(session, new)
    assert new != code
    assert record.status == "in_progress"
    assert current.answers == previous.answers  # comment and N/A included
    assert record.scope == Scope(exclude=("delivery",))
    assert (record.targets, record.wip_limit) == ({"processes": 3.5}, 2)
    assert (status.carried, status.confirmed, status.previous_code) == (3, 0, code)
    assert status.unconfirmed == {"chg_approval", "chg_rollback", "test_auto"}


def test_saving_or_confirming_an_answer_clears_its_mark(
    db, mini: Questionnaire, finished: tuple[str, str]
) -> None:
    _, code = finished
    with db.session() as session:
        new = start_next_assessment(session, code, mini)
        save_answer(session, new, "chg_approval", Answer(level=4))  # changed
        confirm_answers(session, new, ["test_auto"])  # kept as it was
        status = carry_over(session, new)
        assert load_responses(session, new).answers["test_auto"].na is True
    assert status.unconfirmed == {"chg_rollback"}
    assert status.confirmed == 2


def test_the_next_assessment_belongs_to_the_same_team(
    db, mini: Questionnaire, finished: tuple[str, str]
) -> None:
    owner, code = finished
    with db.session() as session:
        new = start_next_assessment(session, code, mini)
        finish_assessment(session, new)
        teams = load_teams(session, owner)
    assert [a.code for a in teams[0].assessments] == [code, new]


def test_an_assessment_under_way_cannot_be_followed_yet(db, mini: Questionnaire) -> None:
    with db.session() as session:
        owner = create_organisation(session, "Acme")
        team = add_team(session, owner, "Payments")
        code = start_team_assessment(session, owner, team.id, mini, Scope())
        with pytest.raises(StorageError, match=r"^Finish this assessment before starting"):
            start_next_assessment(session, code, mini)
    assert db.count("assessments") == 1


def test_an_assessment_started_afresh_has_nothing_carried_over(
    db, finished: tuple[str, str]
) -> None:
    with db.session() as session:
        status = carry_over(session, finished[1])
    assert (status.carried, status.unconfirmed, status.previous_code) == (0, frozenset(), None)
