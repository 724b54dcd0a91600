"""Where the database is and how to open it: URL, engine, migrations, sessions.

SQLite (the default, ``data/sextant.db``) runs in WAL mode with foreign keys on, and
SQLAlchemy emits ``BEGIN`` itself so that DDL and savepoints are transactional. A plain
``postgresql://`` URL is served by psycopg 3.

Nothing waits on the database for long (see :class:`Timeouts`): connecting, every statement
and waiting for another writer's lock give up after a few seconds, so a page can say "not
saved yet" instead of hanging while the server is down, hung or busy.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

from assessment_models.errors import StorageError
from assessment_models.storage.writers import queue_writers

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: Environment variables that override :class:`Timeouts` (seconds, decimals allowed).
CONNECT_TIMEOUT_ENV = "SEXTANT_DB_CONNECT_TIMEOUT"
STATEMENT_TIMEOUT_ENV = "SEXTANT_DB_STATEMENT_TIMEOUT"

#: Connections kept open per process (PostgreSQL), and how many more a burst may open.
POOL_SIZE = 5
POOL_OVERFLOW = 45


@dataclass(frozen=True)
class Timeouts:
    """How long Sextant waits on the database, in seconds.

    ``connect``: opening a connection, and waiting for a free one in the pool.
    ``statement``: any one statement, including waiting for another writer's lock (SQLite's
    ``busy_timeout``, PostgreSQL's ``statement_timeout``). A PostgreSQL server that stops
    answering altogether is given ``statement`` plus ``connect`` seconds before the
    connection is dropped on our side.
    """

    connect: float = 5.0
    statement: float = 5.0

    @classmethod
    def from_environment(cls) -> Timeouts:
        """The defaults, overridden by ``$SEXTANT_DB_CONNECT_TIMEOUT`` and
        ``$SEXTANT_DB_STATEMENT_TIMEOUT``."""
        default = cls()
        return cls(
            connect=_seconds(CONNECT_TIMEOUT_ENV, default.connect),
            statement=_seconds(STATEMENT_TIMEOUT_ENV, default.statement),
        )

    @property
    def statement_ms(self) -> int:
        return max(1, round(self.statement * 1000))

    @property
    def no_answer(self) -> float:
        """Seconds after which a silent PostgreSQL connection is given up on."""
        return self.statement + self.connect


def _seconds(variable: str, default: float) -> float:
    raw = os.environ.get(variable)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not 0 < value <= 3600:  # also refuses nan and inf
        raise StorageError(f"{variable}: a number of seconds above 0 (at most 3600), got {raw!r}")
    return value

#: Execution option asking SQLite for ``BEGIN IMMEDIATE``: a transaction that will write
#: takes the write lock up front, so it waits (busy_timeout) instead of failing when another
#: writer commits between its read and its write.
SQLITE_IMMEDIATE = "sextant_sqlite_immediate"

_TIMEOUTS: WeakKeyDictionary[Engine, Timeouts] = WeakKeyDictionary()

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


def make_engine(url: str | None = None, timeouts: Timeouts | None = None) -> Engine:
    """An engine for ``database_url(url)``, configured for Sextant.

    ``timeouts`` defaults to :meth:`Timeouts.from_environment`.
    """
    timeouts = timeouts or Timeouts.from_environment()
    parsed = _with_driver(make_url(database_url(url)))
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            parsed,
            connect_args={"timeout": timeouts.statement},
            pool_size=POOL_SIZE,
            max_overflow=POOL_OVERFLOW,
            pool_timeout=timeouts.connect,
        )
        _configure_sqlite(engine, timeouts)
        queue_writers(engine)
        return _finish(engine, timeouts)
    engine = create_engine(
        parsed,
        # pre_ping: a restarted PostgreSQL server costs one reconnect, not an error page.
        pool_pre_ping=True,
        pool_size=POOL_SIZE,
        max_overflow=POOL_OVERFLOW,
        # A page waits seconds, not the default 30 s, for a free connection.
        pool_timeout=timeouts.connect,
    )
    _configure_postgresql(engine, timeouts)
    return _finish(engine, timeouts)


def _finish(engine: Engine, timeouts: Timeouts) -> Engine:
    from assessment_models.storage.faults import translate_errors_of  # faults imports us

    translate_errors_of(engine)
    _TIMEOUTS[engine] = timeouts
    return engine


def timeouts_of(engine: Engine) -> Timeouts:
    """The timeouts an engine was made with (the defaults for an engine made elsewhere)."""
    return _TIMEOUTS.get(engine) or Timeouts()


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

    from assessment_models.storage.faults import translated  # faults imports this module

    config = alembic_config()
    with translated(), engine.connect() as connection:
        connection = connection.execution_options(**{SQLITE_IMMEDIATE: True})
        with connection.begin():
            if connection.dialect.name == "postgresql":
                _allow_migration_time(connection)
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
            config.attributes["connection"] = connection
            command.upgrade(config, "head")


#: Seconds a migration may take, waiting for another process's migration included: DDL on
#: a large table is slow, and is not a page waiting for an answer.
MIGRATION_TIMEOUT = 300


def _allow_migration_time(connection: Any) -> None:
    """Lift the page-sized timeouts for this migration's transaction only."""
    connection.exec_driver_sql(f"SET LOCAL statement_timeout = {MIGRATION_TIMEOUT * 1000}")
    dbapi = connection.connection.dbapi_connection
    if hasattr(dbapi, "answer_within"):
        # The connection goes back to the pool afterwards: its deadline is reset on return.
        dbapi.answer_within = MIGRATION_TIMEOUT + 5


def _with_driver(url: URL) -> URL:
    if url.drivername in {"postgresql", "postgres"}:
        return url.set(drivername="postgresql+psycopg")
    return url


def _configure_postgresql(engine: Engine, timeouts: Timeouts) -> None:
    connection_class = _deadline_connection_class()

    @event.listens_for(engine, "do_connect")
    def _connect(_dialect: Any, _record: Any, cargs: Any, cparams: dict[str, Any]) -> Any:
        # A connect_timeout in the URL wins; libpq wants whole seconds (at least 2).
        cparams.setdefault("connect_timeout", max(2, round(timeouts.connect)))
        # The server cancels any statement (and any lock wait) running longer than this.
        options = str(cparams.get("options", ""))
        cparams["options"] = f"{options} -c statement_timeout={timeouts.statement_ms}".strip()
        connection = connection_class.connect(*cargs, **cparams)
        connection.answer_within = timeouts.no_answer
        return connection

    @event.listens_for(engine, "checkin")
    def _reset_deadline(dbapi_connection: Any, _record: Any) -> None:
        if dbapi_connection is not None:
            dbapi_connection.answer_within = timeouts.no_answer


def _deadline_connection_class() -> type:
    """A psycopg connection that stops waiting for a server that no longer answers.

    ``statement_timeout`` is enforced by the server, so it cannot help when the server (or
    the network in between) is hung: without this, a save would wait for the kernel's TCP
    timeout, many minutes. Every wait of a psycopg connection goes through ``wait``; this
    gives it a deadline and closes the connection once it is missed, so the pool never hands
    it out again.
    """
    import psycopg  # here, not at the top: SQLite-only processes never load it

    class DeadlineConnection(psycopg.Connection):  # type: ignore[type-arg]
        answer_within: float | None = None

        def wait(self, gen: Any, interval: float = 0.1, timeout: float | None = None) -> Any:
            try:
                deadline = self.answer_within if timeout is None else timeout
                return super().wait(gen, interval=interval, timeout=deadline)
            except psycopg.errors._WaitTimeout:  # the only way psycopg reports a missed wait
                self.pgconn.finish()
                raise psycopg.OperationalError(
                    f"the server did not answer within {self.answer_within:g} s"
                ) from None

    return DeadlineConnection


def _configure_sqlite(engine: Engine, timeouts: Timeouts) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when a transaction begins.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            # First: switching to WAL needs a lock, and may have to wait for another writer.
            cursor.execute(f"PRAGMA busy_timeout={timeouts.statement_ms}")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get(SQLITE_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
