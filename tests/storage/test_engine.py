"""Opening the database: URLs, SQLite settings and migrations."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from assessment_models.errors import StorageError
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Answer, Respondent, Scope
from assessment_models.storage import (
    create_assessment,
    database_url,
    make_engine,
    migrate,
    save_answer,
)
from assessment_models.storage.engine import Timeouts, alembic_config
from assessment_models.storage.tables import Base


def test_migrating_an_up_to_date_database_changes_nothing(db, mini: Questionnaire) -> None:
    with db.session() as session:
        code = create_assessment(session, mini, Respondent(), Scope())
    with db.session() as session:
        save_answer(session, code, "test_auto", Answer(level=2))
    migrate(db.engine)
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with db.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == head
    assert (db.count("assessments"), db.count("answers")) == (1, 1)


def test_the_migrations_build_exactly_the_mapped_tables(db) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_deleting_an_assessment_deletes_its_answers(db, mini: Questionnaire) -> None:
    with db.session() as session:
        code = create_assessment(session, mini, Respondent(), Scope())
    with db.session() as session:
        save_answer(session, code, "test_auto", Answer(level=2))
    with db.engine.begin() as connection:
        connection.execute(text("DELETE FROM assessments"))
    assert db.count("answers") == 0


def test_sqlite_runs_in_wal_mode_with_foreign_keys_on(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'wal.db'}")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    finally:
        engine.dispose()


def test_a_plain_postgresql_url_is_served_by_psycopg_3() -> None:
    engine = make_engine("postgresql://sextant@db.invalid/sextant")
    assert engine.dialect.driver == "psycopg"
    engine.dispose()


def test_an_explicit_url_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "sqlite:///from-env.db")
    assert database_url("sqlite:///explicit.db") == "sqlite:///explicit.db"
    assert database_url() == "sqlite:///from-env.db"


def test_without_a_url_the_database_is_data_sextant_db_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    assert database_url() == f"sqlite:///{tmp_path / 'data' / 'sextant.db'}"
    assert (tmp_path / "data").is_dir()


def test_the_storage_package_does_not_import_streamlit() -> None:
    code = "import sys, assessment_models.storage; sys.exit('streamlit' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_the_timeouts_come_from_the_environment_in_seconds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEXTANT_DB_STATEMENT_TIMEOUT", "2.5")
    monkeypatch.setenv("SEXTANT_DB_CONNECT_TIMEOUT", "3")
    assert Timeouts.from_environment() == Timeouts(connect=3, statement=2.5)
    engine = make_engine(f"sqlite:///{tmp_path / 'timeouts.db'}")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 2500
    finally:
        engine.dispose()


@pytest.mark.parametrize("raw", ["soon", "0", "-1", "inf", "nan"])
def test_a_timeout_that_is_not_a_positive_number_of_seconds_is_refused(
    raw: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEXTANT_DB_CONNECT_TIMEOUT", raw)
    with pytest.raises(StorageError) as raised:
        Timeouts.from_environment()
    assert str(raised.value) == (
        f"SEXTANT_DB_CONNECT_TIMEOUT: a number of seconds above 0 (at most 3600), got {raw!r}"
    )
