"""Persistence: assessments, answers and roadmap tracking in SQLite or PostgreSQL.

Open the database once per process::

    engine = make_engine()          # DATABASE_URL, else data/sextant.db
    migrate(engine)                 # alembic upgrade head, a no-op when up to date
    sessions = make_sessionmaker(engine)

then call the repository functions with a fresh session each::

    with sessions() as session:
        code = create_assessment(session, questionnaire, Respondent(), Scope())
"""

from assessment_models.storage.answers import (
    ANSWER_FIELDS,
    import_responses,
    load_responses,
    save_answer,
)
from assessment_models.storage.assessment_rows import (
    NOT_FOUND_MESSAGE,
    WORKSHOP_CLOSED_MESSAGE,
    new_access_code,
)
from assessment_models.storage.assessments import (
    check_database,
    create_assessment,
    finish_assessment,
    get_assessment,
    reopen_assessment,
    save_targets,
    set_benchmark,
    set_respondent,
    set_scope,
)
from assessment_models.storage.engine import (
    database_url,
    make_engine,
    make_sessionmaker,
    migrate,
)
from assessment_models.storage.organisations import (
    ORGANISATION_NOT_FOUND_MESSAGE,
    add_team,
    attach_assessment,
    create_organisation,
    get_organisation,
    import_team_assessment,
    organisations_of,
    set_stale_after,
    start_team_assessment,
)
from assessment_models.storage.reassessment import (
    carry_over,
    confirm_answers,
    start_next_assessment,
)
from assessment_models.storage.records import (
    AssessmentRecord,
    AssessmentStatus,
    CarryOver,
    OrganisationRecord,
    StoredAssessment,
    StoredTeam,
    TeamRecord,
    TrackedItem,
    TrackingStatus,
)
from assessment_models.storage.team_history import assessments_under_way, load_teams
from assessment_models.storage.tracking import load_tracking, save_tracking

__all__ = [
    "ANSWER_FIELDS",
    "NOT_FOUND_MESSAGE",
    "ORGANISATION_NOT_FOUND_MESSAGE",
    "WORKSHOP_CLOSED_MESSAGE",
    "AssessmentRecord",
    "AssessmentStatus",
    "CarryOver",
    "OrganisationRecord",
    "StoredAssessment",
    "StoredTeam",
    "TeamRecord",
    "TrackedItem",
    "TrackingStatus",
    "add_team",
    "assessments_under_way",
    "attach_assessment",
    "carry_over",
    "check_database",
    "confirm_answers",
    "create_assessment",
    "create_organisation",
    "database_url",
    "finish_assessment",
    "get_assessment",
    "get_organisation",
    "import_responses",
    "import_team_assessment",
    "load_responses",
    "load_teams",
    "load_tracking",
    "make_engine",
    "make_sessionmaker",
    "migrate",
    "new_access_code",
    "organisations_of",
    "reopen_assessment",
    "save_answer",
    "save_targets",
    "save_tracking",
    "set_benchmark",
    "set_respondent",
    "set_scope",
    "set_stale_after",
    "start_next_assessment",
    "start_team_assessment",
]
