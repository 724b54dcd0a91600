"""Where the database is and how to open it: URL, engine, migrations, sessions.

SQLite (the default, ``data/sextant.db``) runs in WAL mode with foreign keys on, and
SQLAlchemy emits ``BEGIN`` itself so that DDL and savepoints are transactional. A plain
``postgresql://`` URL is served by psycopg 3.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: Milliseconds a SQLite connection waits for another writer before giving up.
SQLITE_BUSY_TIMEOUT_MS = 5000

#: Execution option asking SQLite for ``BEGIN IMMEDIATE``: a transaction that will write
#: takes the write lock up front, so it waits (busy_timeout) instead of failing when another
#: writer commits between its read and its write.
SQLITE_IMMEDIATE = "sextant_sqlite_immediate"

# Any constant shared by every Sextant process: serialises concurrent migrations.
_PG_MIGRATION_LOCK = 0x5E47A47


def database_url(explicit: str | None = None) -> str:
    """``explicit``, else ``$DATABASE_URL``, else a SQLite file ``data/sextant.db`` here."""
    if explicit:
        return explicit
    from_env = os.environ.get("DATABASE_URL")
    if from_env:
        return from_env
    data = Path.cwd() / "data"
    data.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data / 'sextant.db'}"


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``database_url(url)``, configured for Sextant."""
    parsed = _with_driver(make_url(database_url(url)))
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed)
        _configure_sqlite(engine)
        return engine
    # pre_ping: a restarted PostgreSQL server costs one reconnect, not an error page.
    return create_engine(parsed, pool_pre_ping=True)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions for the repository functions; objects stay readable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config() -> Config:
    """Alembic's configuration, built in code: no ``alembic.ini`` on disk."""
    # Imported here: a server whose database is current never loads Alembic (startup.py).
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema up to date (``alembic upgrade head``); a no-op when it already is."""
    from alembic import command

    config = alembic_config()
    with engine.connect() as connection:
        connection = connection.execution_options(**{SQLITE_IMMEDIATE: True})
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
            config.attributes["connection"] = connection
            command.upgrade(config, "head")


def _with_driver(url: URL) -> URL:
    if url.drivername in {"postgresql", "postgres"}:
        return url.set(drivername="postgresql+psycopg")
    return url


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when a transaction begins.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get(SQLITE_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
