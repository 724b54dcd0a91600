"""What workshop storage hands out: frozen pydantic models, never ORM rows."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Respondent, Scope
from assessment_models.workshop import Anonymity, Participant

WorkshopStatus = Literal["open", "closed"]


class WorkshopRecord(BaseModel):
    """A workshop as its facilitator sees it (the facilitator code opened it)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    facilitator_code: str
    join_code: str
    consensus_code: str
    questionnaire: Questionnaire
    respondent: Respondent
    scope: Scope
    anonymity: Anonymity
    status: WorkshopStatus
    deadline: datetime | None
    revealed: tuple[str, ...]  # dimension ids
    threshold: float
    second_round: tuple[str, ...]  # question ids voted on again
    participants: int
    created_at: datetime

    @property
    def is_open(self) -> bool:
        return self.status == "open"


class WorkshopInvite(BaseModel):
    """What a join code shows before anyone joins: no answers, no names."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    join_code: str
    title: str
    respondent: Respondent
    anonymity: Anonymity
    status: WorkshopStatus
    deadline: datetime | None


class ParticipantView(BaseModel):
    """The workshop as one participant sees it from their own assessment."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    join_code: str
    anonymity: Anonymity
    status: WorkshopStatus
    revealed: tuple[str, ...]
    display_name: str | None


class ConsensusInputs(BaseModel):
    """What the consensus's PDF section needs of its workshop; participants as P1…Pn."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    anonymity: Anonymity
    threshold: float
    second_round: tuple[str, ...]
    participants: tuple[Participant, ...]
    first_round: tuple[Participant, ...]
