"""A fresh, migrated database per test: SQLite always, PostgreSQL when configured.

PostgreSQL runs when ``TEST_DATABASE_URL`` names a server; each test gets its own schema
(selected through ``search_path`` in the URL), dropped afterwards. Without the variable, or
with an unreachable server, those tests skip, unless ``REQUIRE_POSTGRES=1`` makes it fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine, make_url, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from assessment_models.storage import make_engine, make_sessionmaker, migrate


@dataclass
class Database:
    """One test's database: its URL, an engine on it and a session factory."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    def session(self) -> Session:
        return self.sessions()

    def count(self, table: str) -> int:
        with self.engine.connect() as connection:
            return connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()

    def restart(self) -> None:
        """Drop every pooled connection and open a new engine, as a server restart would."""
        self.engine.dispose()
        self.engine = make_engine(self.url)
        self.sessions = make_sessionmaker(self.engine)


def _unavailable(reason: str) -> None:
    if os.environ.get("REQUIRE_POSTGRES") == "1":
        pytest.fail(f"REQUIRE_POSTGRES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine]:
    """An engine on ``TEST_DATABASE_URL``, for creating and dropping per-test schemas."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        _unavailable("TEST_DATABASE_URL is not set")
    url = make_url(base)
    if "connect_timeout" not in url.query:
        url = url.update_query_dict({"connect_timeout": "5"})
    engine = make_engine(url.render_as_string(hide_password=False))
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        engine.dispose()
        _unavailable(f"PostgreSQL at TEST_DATABASE_URL is unreachable: {exc.orig}")
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path) -> Iterator[Database]:
    if request.param == "sqlite":
        yield from _open(f"sqlite:///{tmp_path / 'sextant.db'}")
        return
    admin: Engine = request.getfixturevalue("postgres_admin")
    schema = f"sextant_test_{uuid.uuid4().hex}"
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = admin.url.update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield from _open(url.render_as_string(hide_password=False))
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


def _open(url: str) -> Iterator[Database]:
    engine = make_engine(url)
    migrate(engine)
    database = Database(url=url, engine=engine, sessions=make_sessionmaker(engine))
    try:
        yield database
    finally:
        database.engine.dispose()
