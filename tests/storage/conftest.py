"""A fresh, migrated database per test: SQLite always, PostgreSQL when configured.

PostgreSQL runs when ``TEST_DATABASE_URL`` names a server; each test gets its own schema
(selected through ``search_path`` in the URL), dropped afterwards. Without the variable, or
with an unreachable server, those tests skip, unless ``REQUIRE_POSTGRES=1`` makes it fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine, text
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


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path) -> Iterator[Database]:
    if request.param == "sqlite":
        yield from _open(f"sqlite:///{tmp_path / 'sextant.db'}")
        return
    yield from _open(request.getfixturevalue("postgres_url"))


@pytest.fixture
def postgres_db(postgres_url: str) -> Iterator[Database]:
    """A PostgreSQL database only, for what only PostgreSQL does (no SQLite twin to skip)."""
    yield from _open(postgres_url)


def _open(url: str) -> Iterator[Database]:
    engine = make_engine(url)
    migrate(engine)
    database = Database(url=url, engine=engine, sessions=make_sessionmaker(engine))
    try:
        yield database
    finally:
        database.engine.dispose()
