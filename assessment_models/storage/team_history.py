"""Reading an organisation's teams and their assessments for the portfolio, in bulk.

The Portfolio page reads every team on each run, so this module reads in a fixed number
of queries whatever the size of the organisation, never loads a questionnaire snapshot it
has already parsed, and builds answers without validating them again (they were checked
when they were saved).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import (
    Answer,
    Confidence,
    Respondent,
    Responses,
    Scope,
    TrackedWork,
)
from assessment_models.storage.assessment_rows import benchmark_of
from assessment_models.storage.faults import storage_call
from assessment_models.storage.organisations import _organisation
from assessment_models.storage.records import StoredAssessment, StoredTeam
from assessment_models.storage.snapshots import parse_snapshot
from assessment_models.storage.tables import (
    AnswerRow,
    AssessmentLinkRow,
    AssessmentRow,
    TeamRow,
    TrackingRow,
)
from assessment_models.storage.transactions import transaction

_ASSESSMENT_COLUMNS = (
    AssessmentRow.id,
    AssessmentRow.access_code,
    AssessmentRow.questionnaire_id,
    AssessmentRow.questionnaire_version,
    AssessmentRow.content_hash,
    AssessmentRow.organisation,
    AssessmentRow.team,
    AssessmentRow.scope_exclude,
    AssessmentRow.targets,
    AssessmentRow.wip_limit,
    AssessmentRow.benchmark_industry,
    AssessmentRow.benchmark_edition,
    AssessmentRow.status,
    AssessmentRow.updated_at,
    AssessmentRow.finished_at,
    AssessmentLinkRow.team_id,
)


@storage_call
def load_teams(
    session: Session, owner_code: str, *, history: bool = True, team_id: int | None = None
) -> list[StoredTeam]:
    """Every team (by name) with its finished assessments, oldest first, and its plan.

    ``history=False`` keeps only each team's latest finished assessment (what the heatmap
    and the roll-up need); ``plan`` is the tracked roadmap work of the latest finished
    assessment that has any, either way. An assessment under way is no result yet and is
    left out. ``team_id`` reads that one team only.
    """
    with transaction(session):
        organisation = _organisation(session, owner_code)
        mine = [TeamRow.organisation_id == organisation.id]
        if team_id is not None:
            mine.append(TeamRow.id == team_id)
        teams = session.scalars(select(TeamRow).where(*mine).order_by(TeamRow.name)).all()
        rows = session.execute(
            select(*_ASSESSMENT_COLUMNS)
            .join(AssessmentLinkRow, AssessmentLinkRow.assessment_id == AssessmentRow.id)
            .join(TeamRow, TeamRow.id == AssessmentLinkRow.team_id)
            .where(*mine, AssessmentRow.status == "finished")
            .order_by(AssessmentRow.finished_at, AssessmentRow.id)
        ).all()
        by_team: dict[int, list[Any]] = {t.id: [] for t in teams}
        for row in rows:
            by_team[row.team_id].append(row)
        wanted = [r for team in by_team.values() for r in (team if history else team[-1:])]
        questionnaires = _questionnaires(session, {r.content_hash for r in wanted})
        answers = _answers(session, [r.id for r in wanted])
        tracking = _tracking(session, [r.id for r in rows])
        out = []
        for team in teams:
            done = by_team[team.id]
            kept = done if history else done[-1:]
            plan = next((tracking[r.id] for r in reversed(done) if tracking.get(r.id)), {})
            out.append(
                StoredTeam(
                    id=team.id,
                    name=team.name,
                    assessments=tuple(
                        _stored(r, questionnaires[r.content_hash], answers.get(r.id, {}),
                                tracking.get(r.id, {}))
                        for r in kept
                    ),
                    plan=plan,
                    finished=len(done),
                )
            )
        return out


def _questionnaires(session: Session, hashes: Iterable[str]) -> dict[str, Questionnaire]:
    out = {}
    for content_hash in hashes:
        snapshot = session.scalars(
            select(AssessmentRow.snapshot).where(AssessmentRow.content_hash == content_hash)
            .limit(1)
        ).one()
        out[content_hash] = parse_snapshot(content_hash, snapshot)
    return out


def _answers(session: Session, ids: Sequence[int]) -> dict[int, dict[str, Answer]]:
    out: dict[int, dict[str, Answer]] = {}
    if not ids:
        return out
    query = select(
        AnswerRow.assessment_id, AnswerRow.question_id, AnswerRow.level, AnswerRow.value,
        AnswerRow.na, AnswerRow.comment, AnswerRow.confidence,
    ).where(AnswerRow.assessment_id.in_(ids))
    for aid, qid, level, value, na, comment, confidence in session.execute(query):
        out.setdefault(aid, {})[qid] = Answer.model_construct(
            level=level, value=value, na=bool(na), comment=comment,
            confidence=None if confidence is None else Confidence(confidence),
        )
    return out


def _tracking(session: Session, ids: Sequence[int]) -> dict[int, dict[str, TrackedWork]]:
    out: dict[int, dict[str, TrackedWork]] = {}
    if not ids:
        return out
    query = select(
        TrackingRow.assessment_id, TrackingRow.recommendation_id, TrackingRow.owner,
        TrackingRow.due_date, TrackingRow.status,
    ).where(TrackingRow.assessment_id.in_(ids)).order_by(TrackingRow.recommendation_id)
    for aid, rid, owner, due, status in session.execute(query):
        out.setdefault(aid, {})[rid] = TrackedWork.model_construct(
            owner=owner, due_date=due, status=status
        )
    return out


def _stored(
    row: Any,
    questionnaire: Questionnaire,
    answers: dict[str, Answer],
    tracking: dict[str, TrackedWork],
) -> StoredAssessment:
    responses = Responses.model_construct(
        questionnaire=row.questionnaire_id,
        questionnaire_version=row.questionnaire_version,
        respondent=Respondent(organisation=row.organisation, team=row.team),
        scope=Scope(exclude=tuple(json.loads(row.scope_exclude))),
        answers=answers,
        targets=None if row.targets is None else json.loads(row.targets),
        wip_limit=row.wip_limit,
        tracking=tracking,
        # None when the team never chose: the portfolio then counts no choice for it.
        benchmark=None if row.benchmark_industry is None else benchmark_of(row),
    )
    return StoredAssessment(
        code=row.access_code,
        questionnaire=questionnaire,
        responses=responses,
        status=row.status,
        assessed_at=row.finished_at or row.updated_at,
    )


@storage_call
def assessments_under_way(
    session: Session, owner_code: str
) -> dict[int, list[tuple[str, datetime]]]:
    """The unfinished assessments of each team (access code, started at), oldest first."""
    with transaction(session):
        organisation = _organisation(session, owner_code)
        rows = session.execute(
            select(AssessmentLinkRow.team_id, AssessmentRow.access_code, AssessmentRow.created_at)
            .join(AssessmentRow, AssessmentRow.id == AssessmentLinkRow.assessment_id)
            .join(TeamRow, TeamRow.id == AssessmentLinkRow.team_id)
            .where(TeamRow.organisation_id == organisation.id,
                   AssessmentRow.status == "in_progress")
            .order_by(AssessmentRow.created_at, AssessmentRow.id)
        ).all()
    out: dict[int, list[tuple[str, datetime]]] = {}
    for team_id, code, created_at in rows:
        out.setdefault(team_id, []).append((code, created_at))
    return out
