"""Bring the database up to date when a server starts, without keeping Alembic in it.

Alembic and Mako take about 12 MiB of a server's memory for good once imported, and a
server needs them at most once, when its database is behind. So a start first compares the
database's revision with the newest migration file, read as text (no Alembic); only when
they differ does it migrate, in a child process that exits afterwards::

    engine = make_engine(url)
    migrate_at_startup(engine, url)

Tests and tools that already hold Alembic call :func:`engine.migrate` directly.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from assessment_models.errors import StorageError

VERSIONS_DIR = Path(__file__).resolve().parent / "migrations" / "versions"
#: Seconds a start-up migration may take before the server gives up on it.
MIGRATION_TIMEOUT_S = 300

_REVISION = re.compile(r"""^revision(?:\s*:[^=]*)?\s*=\s*["']([^"']+)["']""", re.MULTILINE)
_DOWN = re.compile(r"""^down_revision(?:\s*:[^=]*)?\s*=\s*(?:["']([^"']+)["']|None)""",
                   re.MULTILINE)


def head_revision(directory: Path = VERSIONS_DIR) -> str | None:
    """The newest migration's revision id, read from the files; None when unclear."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in directory.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision is None or down is None:
            return None  # a form this reader does not know: let Alembic decide
        revisions.add(revision.group(1))
        if down.group(1):
            parents.add(down.group(1))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def schema_is_current(engine: Engine) -> bool:
    """True when the database records exactly the newest migration."""
    head = head_revision()
    if head is None:
        return False
    try:
        with engine.connect() as connection:
            versions = connection.execute(text("SELECT version_num FROM alembic_version"))
            return list(versions.scalars()) == [head]
    except SQLAlchemyError:  # no alembic_version table yet: a new database
        return False


def migrate_at_startup(engine: Engine, url: str) -> None:
    """Migrate ``engine``'s database when it is behind, in a child process."""
    if schema_is_current(engine):
        return
    # The URL travels in the environment, not the command line, where `ps` would show it.
    env = dict(os.environ, SEXTANT_MIGRATE_URL=url)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "assessment_models.storage.startup"],
            env=env, capture_output=True, text=True, timeout=MIGRATION_TIMEOUT_S, check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise StorageError(f"The database could not be brought up to date: {exc}") from None
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or ["the migration process failed"]
        raise StorageError(f"The database could not be brought up to date: {lines[-1]}")


def _main() -> None:
    from assessment_models.storage.engine import make_engine, migrate

    engine = make_engine(os.environ["SEXTANT_MIGRATE_URL"])
    try:
        migrate(engine)
    finally:
        engine.dispose()


if __name__ == "__main__":
    _main()
