"""AppTest fixtures: a fresh database and the mini questionnaire for every test."""

from __future__ import annotations

import shutil
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker
from streamlit.testing.v1 import AppTest

from assessment_models import storage

PROJECT_ROOT = Path(__file__).resolve().parents[2]
APP_DIR = PROJECT_ROOT / "app"
APP = APP_DIR / "streamlit_app.py"
FIXTURES = PROJECT_ROOT / "tests" / "fixtures"

# The app's modules import each other by name, as Streamlit runs them from app/.
if str(APP_DIR) not in sys.path:
    sys.path.insert(0, str(APP_DIR))
# The tests import their helpers (ui_routing.py) by name.
if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A SQLite file of its own, and the mini questionnaire as the only one installed."""
    questionnaires = tmp_path / "questionnaires"
    questionnaires.mkdir()
    shutil.copy(FIXTURES / "mini.yaml", questionnaires / "mini.yaml")
    path = tmp_path / "sextant.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    # Migrated here, in-process: the app would otherwise migrate in a child process (so that
    # a server never holds Alembic), which costs a Python start-up per test.
    engine = storage.make_engine(f"sqlite:///{path}")
    storage.migrate(engine)
    engine.dispose()
    monkeypatch.setenv("SEXTANT_QUESTIONNAIRES", str(questionnaires))
    return path


def _run(target: Any) -> AppTest:
    """Run an AppTest, or the AppTest of a widget just set or clicked."""
    at: AppTest = target.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def run() -> Callable[[Any], AppTest]:
    """Run the app once more and fail on any exception it shows."""
    return _run


@pytest.fixture
def new_app(database: Path) -> Callable[..., AppTest]:
    """A new browser tab on the app, optionally opened with ``?a=CODE``."""

    def open_tab(code: str | None = None) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=30)
        if code is not None:
            at.query_params["a"] = code
        return _run(at)

    return open_tab


@pytest.fixture
def count_assessments(database: Path) -> Callable[[], int]:
    """How many assessments the test database holds."""

    def count() -> int:
        if not database.exists():
            return 0
        with sqlite3.connect(database) as connection:
            return int(connection.execute("SELECT count(*) FROM assessments").fetchone()[0])

    return count


@pytest.fixture
def sessions(database: Path) -> Iterator[sessionmaker[Session]]:
    """Repository sessions on the test database, for seeding it as a user never could."""
    engine = storage.make_engine(f"sqlite:///{database}")
    storage.migrate(engine)
    yield storage.make_sessionmaker(engine)
    engine.dispose()


@pytest.fixture
def mini_code(sessions: sessionmaker[Session]) -> str:
    """An assessment of the mini responses: change 3.67, delivery 3.00 (processes); testing
    unscored (N/A)."""
    from assessment_models.loader import load_questionnaire
    from assessment_models.responses import Responses

    questionnaire = load_questionnaire(FIXTURES / "mini.yaml")
    data = (FIXTURES / "mini-responses.json").read_text(encoding="utf-8")
    with sessions() as session:
        return storage.import_responses(
            session, questionnaire, Responses.model_validate_json(data)
        )
