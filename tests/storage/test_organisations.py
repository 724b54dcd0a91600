"""Organisations, teams and the assessments of each team; access by owner code."""

from __future__ import annotations

import base64
from datetime import date

import pytest

from assessment_models.errors import NotFoundError, StorageError
from assessment_models.portfolio import team_histories
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Answer, Respondent, Responses, Scope
from assessment_models.scoring import score
from assessment_models.storage import (
    ORGANISATION_NOT_FOUND_MESSAGE,
    add_team,
    attach_assessment,
    create_assessment,
    create_organisation,
    finish_assessment,
    get_assessment,
    get_organisation,
    import_team_assessment,
    load_responses,
    load_teams,
    organisations_of,
    save_answer,
    set_stale_after,
    start_team_assessment,
)
from assessment_models.storage.workshops import create_workshop


def test_an_owner_code_is_a_256_bit_secret(db) -> None:
    with db.session() as session:
        code = create_organisation(session, "Acme")
    assert len(base64.urlsafe_b64decode(code + "=")) * 8 == 256


def test_an_organisation_reads_back_with_its_teams_by_name(db) -> None:
    with db.session() as session:
        code = create_organisation(session, "  Acme   Bank ")
        add_team(session, code, "Payments")
        add_team(session, code, "Cards")
    with db.session() as session:
        organisation = get_organisation(session, code)
    assert organisation.name == "Acme Bank"
    assert [t.name for t in organisation.teams] == ["Cards", "Payments"]
    assert organisation.stale_after_months == 6


def test_a_team_name_is_unique_within_its_organisation(db) -> None:
    with db.session() as session:
        code = create_organisation(session, "Acme")
        other = create_organisation(session, "Globex")
        add_team(session, code, "Payments")
        add_team(session, other, "Payments")  # another organisation may reuse it
        with pytest.raises(StorageError, match=r"^There is already a team called 'Payments'\.$"):
            add_team(session, code, "Payments")
    assert db.count("teams") == 2


def test_an_empty_name_is_refused(db) -> None:
    with db.session() as session, pytest.raises(StorageError, match=r"^Give the team name\.$"):
        add_team(session, create_organisation(session, "Acme"), "   ")


@pytest.mark.parametrize("kind", ["unknown", "altered", "malformed", "assessment code"])
def test_any_wrong_owner_code_gets_the_same_message(db, mini: Questionnaire, kind: str) -> None:
    with db.session() as session:
        code = create_organisation(session, "Acme")
        assessment = create_assessment(session, mini, Respondent(), Scope())
    wrong = {
        "unknown": "A" * 43,
        "altered": code[:-1] + ("B" if code[-1] != "B" else "C"),
        "malformed": "not a code",
        "assessment code": assessment,
    }[kind]
    with db.session() as session, pytest.raises(NotFoundError) as caught:
        get_organisation(session, wrong)
    assert caught.value.message == ORGANISATION_NOT_FOUND_MESSAGE


def test_a_team_assessment_names_the_organisation_and_team(db, mini: Questionnaire) -> None:
    with db.session() as session:
        owner = create_organisation(session, "Acme")
        team = add_team(session, owner, "Payments")
        code = start_team_assessment(session, owner, team.id, mini, Scope())
        record = get_assessment(session, code)
    assert record.respondent == Respondent(organisation="Acme", team="Payments")


def test_a_team_of_another_organisation_is_not_reachable(db, mini: Questionnaire) -> None:
    with db.session() as session:
        owner = create_organisation(session, "Acme")
        foreign = add_team(session, create_organisation(session, "Globex"), "Spies")
        with pytest.raises(NotFoundError, match=r"^No such team in this organisation\.$"):
            start_team_assessment(session, owner, foreign.id, mini, Scope())
    assert db.count("assessments") == 0


def test_attaching_a_standalone_assessment_takes_both_links(db, mini: Questionnaire) -> None:
    with db.session() as session:
        owner = create_organisation(session, "Acme")
        team = add_team(session, owner, "Payments")
        code = create_assessment(session, mini, Respondent(), Scope())
        save_answer(session, code, "test_auto", Answer(level=3))
        finish_assessment(session, code)
        with pytest.raises(NotFoundError):
            attach_assessment(session, owner, "B" * 43, team.id)
        with pytest.raises(NotFoundError):
            attach_assessment(session, "B" * 43, code, team.id)
        attach_assessment(session, owner, code, team.id)
        teams = load_teams(session, owner)
        assert get_assessment(session, code).respondent.team == "Payments"
    assert [a.code for a in teams[0].assessments] == [code]
    assert teams[0].assessments[0].responses.answers["test_auto"].level == 3


def test_an_assessment_of_one_team_cannot_be_moved_to_another(db, mini: Questionnaire) -> None:
    with db.session() as session:
        owner = create_organisation(session, "Acme")
        first, second = add_team(session, owner, "A"), add_team(session, owner, "B")
        code = start_team_assessment(session, owner, first.id, mini, Scope())
        with pytest.raises(StorageError, match=r"already belongs to another team"):
            attach_assessment(session, owner, code, second.id)


def test_load_teams_reads_finished_assessments_oldest_first_and_scores_match(
    db, mini: Questionnaire
) -> None:
    document = {
        "questionnaire": "mini",
        "answers": {"chg_approval": {"level": 2}, "test_auto": {"level": 4}},
        "targets": {"processes": 3.5},
        "tracking": {"chg_standard": {"status": "done", "owner": "Ana"}},
    }
    responses = Responses.model_validate(document)
    with db.session() as session:
        owner = create_organisation(session, "Acme")
        team = add_team(session, owner, "Payments")
        add_team(session, owner, "Cards")
        late = import_team_assessment(session, owner, team.id, mini, responses, date(2026, 5, 1))
        early = import_team_assessment(session, owner, team.id, mini, responses, date(2026, 1, 1))
        start_team_assessment(session, owner, team.id, mini, Scope())  # under way: left out
        teams = load_teams(session, owner)
        stored = load_responses(session, late)
    assert [t.name for t in teams] == ["Cards", "Payments"]
    assert teams[0].assessments == ()
    payments = teams[1]
    assert [a.code for a in payments.assessments] == [early, late]
    assert payments.assessments[1].assessed_at.date() == date(2026, 5, 1)
    assert payments.assessments[1].responses.targets == {"processes": 3.5}
    assert payments.assessments[1].responses.tracking["chg_standard"].status == "done"
    histories = team_histories(teams)
    assert histories[1].latest is not None
    assert histories[1].latest.card == score(mini, stored)


def test_a_signed_in_owner_finds_their_organisations(db) -> None:
    with db.session() as session:
        create_organisation(session, "Zeta", owner_subject="sub-1")
        create_organisation(session, "Acme", owner_subject="sub-1")
        create_organisation(session, "Other", owner_subject="sub-2")
        create_organisation(session, "Anonymous")
        assert [o.name for o in organisations_of(session, "sub-1")] == ["Acme", "Zeta"]


def test_the_stale_setting_is_kept_within_reason(db) -> None:
    with db.session() as session:
        owner = create_organisation(session, "Acme")
        set_stale_after(session, owner, 12)
        assert get_organisation(session, owner).stale_after_months == 12
        with pytest.raises(StorageError, match=r"^stale after: 1 to 36 months, got 0$"):
            set_stale_after(session, owner, 0)


def test_without_history_each_team_keeps_its_latest_assessment_and_current_plan(
    db, mini: Questionnaire
) -> None:
    planned = Responses.model_validate(
        {"questionnaire": "mini", "answers": {"test_auto": {"level": 2}},
         "tracking": {"test_ci": {"status": "in_progress"}}}
    )
    fresh = Responses.model_validate(
        {"questionnaire": "mini", "answers": {"test_auto": {"level": 3}}}
    )
    with db.session() as session:
        owner = create_organisation(session, "Acme")
        team = add_team(session, owner, "Payments")
        import_team_assessment(session, owner, team.id, mini, planned, date(2026, 1, 1))
        latest = import_team_assessment(session, owner, team.id, mini, fresh, date(2026, 4, 1))
        (payments,) = load_teams(session, owner, history=False)
    assert [a.code for a in payments.assessments] == [latest]
    assert payments.assessments[0].responses.answers["test_auto"].level == 3
    # The new assessment tracks nothing yet: the earlier plan is the one being worked on.
    assert payments.plan["test_ci"].status == "in_progress"
    assert payments.finished == 2  # counted, though only the latest was read


def test_a_workshops_consensus_joins_a_team_with_both_links(db, mini: Questionnaire) -> None:
    with db.session() as session:
        owner = create_organisation(session, "Acme")
        team = add_team(session, owner, "Payments")
        workshop = create_workshop(session, mini, Respondent(), Scope(), "named")
        save_answer(session, workshop.consensus_code, "test_auto", Answer(level=4))
        finish_assessment(session, workshop.consensus_code)
        attach_assessment(session, owner, workshop.consensus_code, team.id)
        (payments,) = load_teams(session, owner)
    assert [a.code for a in payments.assessments] == [workshop.consensus_code]
