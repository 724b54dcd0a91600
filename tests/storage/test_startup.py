"""Start-up migration: Alembic only in a child process, and only when the database is behind."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from assessment_models.errors import StorageError
from assessment_models.storage import make_engine
from assessment_models.storage.engine import alembic_config
from assessment_models.storage.startup import head_revision, migrate_at_startup


def test_the_head_read_from_the_files_is_alembics_head() -> None:
    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_two_heads_give_no_answer_rather_than_a_wrong_one(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text('revision = "a"\ndown_revision = None\n')
    (tmp_path / "b.py").write_text('revision: str = "b"\ndown_revision: str | None = None\n')
    assert head_revision(tmp_path) is None
    (tmp_path / "b.py").write_text('revision: str = "b"\ndown_revision: str | None = "a"\n')
    assert head_revision(tmp_path) == "b"


def test_a_new_database_is_migrated_and_a_current_one_never_loads_alembic(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'sextant.db'}"
    probe = (
        "import sys\n"
        "from assessment_models.storage import make_engine\n"
        "from assessment_models.storage.startup import migrate_at_startup\n"
        f"migrate_at_startup(make_engine({url!r}), {url!r})\n"
        "print('alembic' in sys.modules)"
    )
    for _ in range(2):  # the first start migrates (in a child), the second finds it current
        out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                             check=True).stdout
        assert out.strip() == "False"
    assert "answers" in inspect(make_engine(url)).get_table_names()


def test_a_failed_migration_is_one_clear_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'no-such-folder' / 'sextant.db'}"
    # The storage boundary (issue 11) says what is wrong before a migration is tried.
    with pytest.raises(StorageError, match=r"^The database file cannot be opened: "):
        migrate_at_startup(make_engine(url), url)
