"""The Portfolio page's calls into storage and the domain: one session per call."""

from __future__ import annotations

from datetime import date, datetime

from resources import sessions

from assessment_models import storage
from assessment_models.portfolio import TeamHistory, team_histories
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Scope
from assessment_models.storage import CarryOver, OrganisationRecord, TeamRecord


def create(name: str, owner_subject: str | None = None) -> str:
    with sessions()() as session:
        return storage.create_organisation(session, name, owner_subject=owner_subject)


def organisation(owner: str) -> OrganisationRecord:
    with sessions()() as session:
        return storage.get_organisation(session, owner)


def organisations_of(subject: str) -> list[OrganisationRecord]:
    with sessions()() as session:
        return storage.organisations_of(session, subject)


def add_team(owner: str, name: str) -> TeamRecord:
    with sessions()() as session:
        return storage.add_team(session, owner, name)


def set_stale_after(owner: str, months: int) -> None:
    with sessions()() as session:
        storage.set_stale_after(session, owner, months)


def latest(owner: str) -> list[TeamHistory]:
    """Each team with its latest finished assessment scored, and its current plan."""
    with sessions()() as session:
        stored = storage.load_teams(session, owner, history=False)
    return team_histories(stored)


def team_history(owner: str, team_id: int) -> TeamHistory | None:
    """One team with every finished assessment, scored, oldest first."""
    with sessions()() as session:
        stored = storage.load_teams(session, owner, team_id=team_id)
    histories = team_histories(stored)
    return histories[0] if histories else None


def all_histories(owner: str) -> list[TeamHistory]:
    with sessions()() as session:
        stored = storage.load_teams(session, owner)
    return team_histories(stored)


def under_way(owner: str) -> dict[int, list[tuple[str, datetime]]]:
    with sessions()() as session:
        return storage.assessments_under_way(session, owner)


def start_team_assessment(owner: str, team_id: int, questionnaire: Questionnaire) -> str:
    with sessions()() as session:
        return storage.start_team_assessment(session, owner, team_id, questionnaire, Scope())


def attach(owner: str, code: str, team_id: int) -> None:
    with sessions()() as session:
        storage.attach_assessment(session, owner, code, team_id)


def start_next(code: str, questionnaire: Questionnaire) -> str:
    with sessions()() as session:
        return storage.start_next_assessment(session, code, questionnaire)


def carry_over(code: str) -> CarryOver:
    with sessions()() as session:
        return storage.carry_over(session, code)


def confirm(code: str, question_ids: list[str]) -> None:
    with sessions()() as session:
        storage.confirm_answers(session, code, question_ids)


def today() -> date:
    return date.today()
