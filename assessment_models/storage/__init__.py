"""Persistence: assessments, answers and roadmap tracking in SQLite or PostgreSQL.

Open the database once per process::

    engine = make_engine()          # DATABASE_URL, else data/sextant.db
    migrate(engine)                 # alembic upgrade head, a no-op when up to date
    sessions = make_sessionmaker(engine)

then call the repository functions with a fresh session each::

    with sessions() as session:
        code = create_assessment(session, questionnaire, Respondent(), Scope())
"""

from assessment_models.storage.engine import (
    database_url,
    make_engine,
    make_sessionmaker,
    migrate,
)
from assessment_models.storage.records import (
    AssessmentRecord,
    AssessmentStatus,
    TrackedItem,
    TrackingStatus,
)
from assessment_models.storage.repository import (
    NOT_FOUND_MESSAGE,
    create_assessment,
    finish_assessment,
    get_assessment,
    import_responses,
    load_responses,
    load_tracking,
    new_access_code,
    reopen_assessment,
    save_answer,
    save_targets,
    save_tracking,
    set_respondent,
    set_scope,
)

__all__ = [
    "NOT_FOUND_MESSAGE",
    "AssessmentRecord",
    "AssessmentStatus",
    "TrackedItem",
    "TrackingStatus",
    "create_assessment",
    "database_url",
    "finish_assessment",
    "get_assessment",
    "import_responses",
    "load_responses",
    "load_tracking",
    "make_engine",
    "make_sessionmaker",
    "migrate",
    "new_access_code",
    "reopen_assessment",
    "save_answer",
    "save_targets",
    "save_tracking",
    "set_respondent",
    "set_scope",
]
