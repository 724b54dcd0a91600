"""What the repository hands out: frozen pydantic models, never ORM rows."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import (
    BenchmarkChoice,
    Respondent,
    Responses,
    Scope,
    TrackedWork,
    UserText,
)

AssessmentStatus = Literal["in_progress", "finished"]
TrackingStatus = Literal["planned", "in_progress", "done", "dropped"]


class AssessmentRecord(BaseModel):
    """One stored assessment, with the questionnaire exactly as it was when it started."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    questionnaire: Questionnaire
    questionnaire_id: str
    version: str
    content_hash: str
    respondent: Respondent
    scope: Scope
    status: AssessmentStatus
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None = None
    targets: dict[str, float] | None = None
    wip_limit: int | None = None
    benchmark: BenchmarkChoice = BenchmarkChoice()
    capacity: int | None = None

    @property
    def is_finished(self) -> bool:
        return self.status == "finished"


class TrackedItem(BaseModel):
    """Who does a roadmap recommendation, by when, and how far it got."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    recommendation_id: str
    owner: UserText = Field(default="", max_length=200)
    due_date: date | None = None
    status: TrackingStatus = "planned"


# Organisations (issue 14) ------------------------------------------------------------------
class TeamRecord(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: int
    name: str
    created_at: datetime


class OrganisationRecord(BaseModel):
    """An organisation and its teams; ``owner_code`` is the secret that opens it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    owner_code: str
    name: str
    stale_after_months: int
    created_at: datetime
    teams: tuple[TeamRecord, ...] = ()


class StoredAssessment(BaseModel):
    """One assessment of a team as the portfolio reads it: answers, targets and tracking
    in ``responses``, and when it was finished (or last changed, while under way)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    questionnaire: Questionnaire
    responses: Responses
    status: AssessmentStatus
    assessed_at: datetime


class StoredTeam(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: int
    name: str
    assessments: tuple[StoredAssessment, ...] = ()
    plan: dict[str, TrackedWork] = Field(default_factory=dict)  # the current roadmap work
    finished: int = 0  # finished assessments, also when only the latest was read


class CarryOver(BaseModel):
    """Answers carried over from the previous assessment: how many, and which still wait
    for the respondent to confirm or change them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    previous_code: str | None = None
    carried: int = 0
    unconfirmed: frozenset[str] = frozenset()

    @property
    def confirmed(self) -> int:
        return self.carried - len(self.unconfirmed)
