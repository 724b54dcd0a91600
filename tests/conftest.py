"""Fixtures shared by every test package: the mini questionnaire, PostgreSQL schemas, and
real faults (a TCP relay to PostgreSQL that can hang or be cut, another process holding
SQLite's write lock; scripts in ``tests/faults``)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import Engine, make_url, text
from sqlalchemy.exc import OperationalError

from assessment_models.loader import load_questionnaire
from assessment_models.questionnaire import Questionnaire
from assessment_models.storage import make_engine

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT_ROOT = Path(__file__).parent.parent

# No per-example deadline: on a shared 2-core machine one example can take 270 ms for
# reasons of its own (a property test failed that way, "flaky"). Speed is measured in
# `make bench` against baselines, never asserted in tests.
settings.register_profile("sextant", deadline=None)
settings.load_profile("sextant")


@pytest.fixture(scope="session", autouse=True)
def _private_questionnaire_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The command line's cache of validated questionnaires in a directory of this test run,
    not the user's home (the variable reaches the CLI processes tests start, too)."""
    previous = os.environ.get("SEXTANT_CACHE_DIR")
    os.environ["SEXTANT_CACHE_DIR"] = str(tmp_path_factory.mktemp("sextant-cache"))
    yield
    if previous is None:
        os.environ.pop("SEXTANT_CACHE_DIR", None)
    else:
        os.environ["SEXTANT_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def mini() -> Questionnaire:
    """A five-question questionnaire whose scores are easy to compute by hand."""
    return load_questionnaire(FIXTURES / "mini.yaml")


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


@pytest.fixture
def postgres_url(postgres_admin: Engine) -> Iterator[str]:
    """The URL of a PostgreSQL schema of this test's own (``search_path``), dropped after it."""
    schema = f"sextant_test_{uuid.uuid4().hex}"
    with postgres_admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = postgres_admin.url.update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with postgres_admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


# Faults ----------------------------------------------------------------------------------
FAULTS = Path(__file__).parent / "faults"


class Relay:
    """A TCP relay process between the app and PostgreSQL."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.target_port = host, port
        self.port = 0
        self.process: subprocess.Popen[str] | None = None

    def start(self) -> None:
        command = [sys.executable, str(FAULTS / "tcp_relay.py"), self.host, str(self.target_port)]
        if self.port:
            command.append(str(self.port))
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        self.port = int(self.process.stdout.readline())

    def hang(self) -> None:
        """Stop forwarding: connections are accepted and data taken, nothing comes back."""
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)

    def cut(self) -> None:
        """Kill the relay: open connections reset, new ones refused."""
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)
        self.process.kill()
        self.process.wait()
        self.process = None

    def url(self, postgres_url: str) -> str:
        """``postgres_url`` (same database, user, schema) reached through this relay."""
        url = make_url(postgres_url).set(host="127.0.0.1", port=self.port)
        return url.render_as_string(hide_password=False)


@pytest.fixture
def relay(postgres_url: str) -> Iterator[Relay]:
    """A relay to the PostgreSQL server of ``postgres_url``, started."""
    target = make_url(postgres_url)
    relay = Relay(target.host or "127.0.0.1", target.port or 5432)
    relay.start()
    yield relay
    if relay.process is not None:
        relay.cut()


class SqliteLock:
    """Another process holding a SQLite database's write lock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.process: subprocess.Popen[str] | None = None

    def hold(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(FAULTS / "sqlite_locker.py"), str(self.path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "locked"

    def release(self) -> None:
        assert self.process is not None and self.process.stdin is not None
        self.process.stdin.write("\n")
        self.process.stdin.close()
        assert self.process.wait(timeout=10) == 0
        self.process = None


@pytest.fixture
def sqlite_lock() -> Iterator[type[SqliteLock]]:
    """Make ``SqliteLock(path)`` objects; any still holding a lock is released at the end."""
    made: list[SqliteLock] = []

    class Tracked(SqliteLock):
        def __init__(self, path: Path) -> None:
            super().__init__(path)
            made.append(self)

    yield Tracked
    for lock in made:
        if lock.process is not None:
            lock.process.kill()
            lock.process.wait()
