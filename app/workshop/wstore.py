"""The workshop pages' calls into storage, and the one cached aggregate per workshop.

The dashboard and projector refresh themselves every few seconds. Their figures come from
:func:`dashboard`, cached for :data:`AGGREGATE_TTL` seconds per workshop and per server
process, so ten open facilitator or projector tabs cost one read of the answers every few
seconds, not ten. Participants' pages do not poll.
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st
from resources import sessions

from assessment_models.questionnaire import Questionnaire
from assessment_models.report.workshop_pdf import WorkshopSummary, workshop_summary
from assessment_models.responses import Respondent, Responses, Scope
from assessment_models.storage import AssessmentRecord, workshop_join, workshops
from assessment_models.storage.workshop_records import (
    ParticipantView,
    WorkshopInvite,
    WorkshopRecord,
)
from assessment_models.workshop import Anonymity, Participant, WorkshopAggregate, aggregate

AGGREGATE_TTL = 2.0


def create(
    questionnaire: Questionnaire,
    respondent: Respondent,
    scope: Scope,
    anonymity: Anonymity,
    deadline: datetime | None,
) -> WorkshopRecord:
    with sessions()() as session:
        return workshops.create_workshop(
            session, questionnaire, respondent, scope, anonymity, deadline
        )


def record(code: str) -> WorkshopRecord:
    with sessions()() as session:
        return workshops.get_workshop(session, code)


def participants(code: str) -> list[Participant]:
    with sessions()() as session:
        return workshops.participants(session, code)


def first_round(code: str) -> list[Participant]:
    with sessions()() as session:
        return workshops.first_round(session, code)


@st.cache_data(ttl=AGGREGATE_TTL, show_spinner=False, max_entries=64)
def dashboard(code: str) -> tuple[WorkshopRecord, list[Participant], WorkshopAggregate]:
    """The workshop, its participants and their aggregate, shared by every open tab."""
    with sessions()() as session:
        found = workshops.get_workshop(session, code)
        group = workshops.participants(session, code)
    return found, group, aggregate(found.questionnaire, group, found.scope, found.anonymity)


def changed() -> None:
    """After a facilitator's change: the next render reads storage, not the cache."""
    dashboard.clear()


def invite(join_code: str) -> WorkshopInvite:
    with sessions()() as session:
        return workshop_join.invite(session, join_code)


def join(join_code: str, display_name: str | None) -> str:
    with sessions()() as session:
        return workshop_join.join_workshop(session, join_code, display_name)


def participant_view(code: str) -> ParticipantView | None:
    with sessions()() as session:
        return workshop_join.participant_view(session, code)


def revealed_group(code: str) -> list[Participant]:
    with sessions()() as session:
        return workshop_join.revealed_group(session, code)


def set_revealed(code: str, dimension_ids: list[str]) -> None:
    with sessions()() as session:
        workshops.set_revealed(session, code, dimension_ids)
    changed()


def set_threshold(code: str, threshold: float) -> None:
    with sessions()() as session:
        workshops.set_threshold(session, code, threshold)
    changed()


def raise_anonymity(code: str, anonymity: Anonymity) -> None:
    with sessions()() as session:
        workshops.raise_anonymity(session, code, anonymity)
    changed()


def close(code: str) -> None:
    with sessions()() as session:
        workshops.close_workshop(session, code)
    changed()


def reopen(code: str) -> None:
    with sessions()() as session:
        workshops.reopen_workshop(session, code)
    changed()


def start_second_round(code: str, question_ids: list[str]) -> None:
    with sessions()() as session:
        workshops.start_second_round(session, code, question_ids)
    changed()


def consensus_summary(record: AssessmentRecord, consensus: Responses) -> WorkshopSummary | None:
    """The PDF's workshop section when this assessment is a workshop's consensus."""
    with sessions()() as session:
        inputs = workshops.of_consensus(session, record.code)
    if inputs is None:
        return None
    return workshop_summary(
        record.questionnaire,
        inputs.anonymity,
        inputs.threshold,
        inputs.participants,
        consensus,
        inputs.first_round,
        inputs.second_round,
    )
