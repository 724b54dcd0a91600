"""Real faults for the storage and app tests: a TCP relay to PostgreSQL, a SQLite lock.

Both run as separate processes, as the faults they stand for would: the relay can be hung
(SIGSTOP) or cut (killed) and brought back on the same port; the locker holds SQLite's write
lock from another process until told to let go.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import make_url

HERE = Path(__file__).parent


class Relay:
    """A TCP relay process between the app and PostgreSQL."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.target_port = host, port
        self.port = 0
        self.process: subprocess.Popen[str] | None = None

    def start(self) -> None:
        command = [sys.executable, str(HERE / "tcp_relay.py"), self.host, str(self.target_port)]
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
            [sys.executable, str(HERE / "sqlite_locker.py"), str(self.path)],
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
