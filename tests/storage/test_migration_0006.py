"""Migration 0006_organisations upgrades a database of the previous release, losing nothing.

The database is built by the migrations up to 0006's parent, filled with raw SQL in that
release's shape, upgraded to head and read back through the repository.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from assessment_models.questionnaire import Questionnaire
from assessment_models.storage import (
    carry_over,
    get_assessment,
    load_responses,
    load_tracking,
    make_engine,
    make_sessionmaker,
    migrate,
)
from assessment_models.storage.engine import alembic_config
from assessment_models.storage.snapshots import snapshot_of

CODE = "C" * 43


def upgrade_to(engine: Engine, revision: str) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def blank(request: pytest.FixtureRequest, tmp_path) -> Iterator[Engine]:
    """An empty database: no migration run yet."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
        yield engine
        engine.dispose()
        return
    admin: Engine = request.getfixturevalue("postgres_admin")
    schema = f"sextant_test_{uuid.uuid4().hex}"
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = admin.url.update_query_dict({"options": f"-csearch_path={schema}"})
    engine = make_engine(url.render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


def test_upgrading_keeps_every_assessment_answer_and_tracked_item(
    blank: Engine, mini: Questionnaire
) -> None:
    parent = ScriptDirectory.from_config(alembic_config()).get_revision("0006_organisations")
    upgrade_to(blank, str(parent.down_revision))
    now = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    stamp = now if blank.dialect.name == "postgresql" else now.replace(tzinfo=None)
    with blank.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO assessments (id, access_code, questionnaire_id, "
                "questionnaire_version, content_hash, snapshot, organisation, team, "
                "scope_exclude, targets, wip_limit, status, created_at, updated_at, finished_at) "
                "VALUES (7, :code, 'mini', '1.0.0', :hash, :snapshot, 'Acme', 'Payments', "
                "'[\"technology\"]', :targets, 2, 'finished', :t, :t, :t)"
            ),
            {
                "code": CODE,
                "hash": mini.content_hash(),
                "snapshot": snapshot_of(mini),
                "targets": json.dumps({"processes": 3.5}),
                "t": stamp,
            },
        )
        connection.execute(
            text(
                "INSERT INTO answers (assessment_id, question_id, level, value, na, comment, "
                "confidence, updated_at) VALUES "
                "(7, 'chg_approval', 3, NULL, false, 'Weekly CAB', 'high', :t), "
                "(7, 'dora_deploys', NULL, 2.5, false, '', NULL, :t)"
            ),
            {"t": stamp},
        )
        connection.execute(
            text(
                "INSERT INTO roadmap_tracking (assessment_id, recommendation_id, owner, "
                "due_date, status, updated_at) VALUES (7, 'chg_standard', 'Ana', NULL, "
                "'done', :t)"
            ),
            {"t": stamp},
        )

    migrate(blank)

    with make_sessionmaker(blank)() as session:
        record = get_assessment(session, CODE)
        responses = load_responses(session, CODE)
        tracking = load_tracking(session, CODE)
        status = carry_over(session, CODE)
    assert (record.respondent.organisation, record.respondent.team) == ("Acme", "Payments")
    assert record.is_finished and record.finished_at == now
    assert record.targets == {"processes": 3.5} and record.wip_limit == 2
    assert responses.scope.exclude == ("technology",)
    assert responses.answers["chg_approval"].level == 3
    assert responses.answers["chg_approval"].comment == "Weekly CAB"
    assert responses.answers["dora_deploys"].value == 2.5
    assert tracking["chg_standard"].owner == "Ana"
    assert status.carried == 0 and not status.unconfirmed  # old answers are not carried over
