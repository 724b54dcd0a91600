"""Two server processes on one PostgreSQL behave as replicas of one workshop.

A participant joins with the code on server A and answers; the facilitator's dashboard,
already open on server B, shows that answer at its next refresh, without a reload.
Needs chromium and PostgreSQL (``TEST_DATABASE_URL``); skips without them unless
``REQUIRE_BROWSER=1`` / ``REQUIRE_POSTGRES=1``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import make_url, text
from sqlalchemy.exc import OperationalError

from assessment_models import storage
from assessment_models.loader import load_questionnaire
from assessment_models.responses import Respondent, Scope
from assessment_models.storage import workshops

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
TIMEOUT_MS = 45_000
#: How long the facilitator's dashboard may take to show a change made on the other server.
REFRESH_WAIT_MS = 45_000

pytestmark = [pytest.mark.browser, pytest.mark.postgres]


def _unavailable(flag: str, reason: str) -> None:
    if os.environ.get(flag) == "1":
        pytest.fail(f"{flag}=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A schema of its own on TEST_DATABASE_URL, migrated, dropped afterwards."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        _unavailable("REQUIRE_POSTGRES", "TEST_DATABASE_URL is not set")
    admin = storage.make_engine(base)
    schema = f"sextant_replicas_{uuid.uuid4().hex}"
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as exc:
        admin.dispose()
        _unavailable("REQUIRE_POSTGRES", f"PostgreSQL is unreachable: {exc.orig}")
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    rendered = url.render_as_string(hide_password=False)
    engine = storage.make_engine(rendered)
    storage.migrate(engine)
    engine.dispose()
    try:
        yield rendered
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("REQUIRE_BROWSER", "Playwright for Python is not installed")
    if not CHROMIUM.exists():
        _unavailable("REQUIRE_BROWSER", f"{CHROMIUM} is not installed")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


def start_server(env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "streamlit", "run", "app/streamlit_app.py",
               "--server.headless", "true", "--server.port", str(port),
               "--browser.gatherUsageStats", "false"]  # fmt: skip
    with log.open("ab") as out:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"streamlit did not start:\n{log.read_text()}")


@pytest.fixture
def replicas(tmp_path: Path, postgres_url: str) -> Iterator[tuple[str, str]]:
    """Two `streamlit run` processes on the same PostgreSQL schema: (url A, url B)."""
    questionnaires = tmp_path / "questionnaires"
    questionnaires.mkdir()
    shutil.copy(PROJECT_ROOT / "tests" / "fixtures" / "mini.yaml", questionnaires)
    env = dict(os.environ, DATABASE_URL=postgres_url, SEXTANT_QUESTIONNAIRES=str(questionnaires))
    started = []
    try:
        for name in ("a", "b"):
            started.append(start_server(env, tmp_path / f"streamlit-{name}.log"))
        yield started[0][1], started[1][1]
    finally:
        for process, _ in started:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def settle(page: Any) -> None:
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT_MS
    )
    page.wait_for_timeout(300)


def test_an_answer_on_one_replica_reaches_the_dashboard_on_the_other(
    browser: Any, replicas: tuple[str, str], postgres_url: str
) -> None:
    server_a, server_b = replicas
    engine = storage.make_engine(postgres_url)
    with storage.make_sessionmaker(engine)() as session:
        workshop = workshops.create_workshop(
            session,
            load_questionnaire(PROJECT_ROOT / "tests" / "fixtures" / "mini.yaml"),
            Respondent(organisation="Acme", team="Payments"),
            Scope(),
            "facilitator_only",
        )
    engine.dispose()

    facilitator = browser.new_page(viewport={"width": 1280, "height": 900})
    facilitator.set_default_timeout(TIMEOUT_MS)
    facilitator.goto(f"{server_b}/workshop?w={workshop.facilitator_code}")
    facilitator.get_by_text("0 joined", exact=False).wait_for()

    participant = browser.new_page(viewport={"width": 390, "height": 844})
    participant.set_default_timeout(TIMEOUT_MS)
    participant.goto(f"{server_a}/join?j={workshop.join_code}")
    participant.get_by_role("textbox", name="Your name").fill("Ana")
    participant.get_by_role("button", name="Join").click()
    participant.get_by_role("button", name="Continue answering").click()
    approval = participant.locator(".st-key-q-chg_approval")
    approval.get_by_text("Standard", exact=True).click()
    settle(participant)
    approval.get_by_text("Comment, evidence and confidence").click()
    comment = approval.get_by_role("textbox")
    comment.fill("Routine changes still wait for the Tuesday CAB")
    comment.press("Control+Enter")
    settle(participant)

    # No reload on B: the dashboard's fragment refreshes itself (every 5 s, from an
    # aggregate cached 2 s) and reads the database. On a quiet machine that is under 7 s;
    # the wait allows for a CI box shared with other jobs.
    facilitator.get_by_text("1 joined", exact=False).wait_for(timeout=REFRESH_WAIT_MS)
    facilitator.get_by_text("1 of 5 answers in", exact=False).wait_for(timeout=REFRESH_WAIT_MS)
    facilitator.get_by_role("tab", name="Comments").click()
    facilitator.get_by_text("Ana: Routine changes still wait for the Tuesday CAB").wait_for()
    facilitator.close()
    participant.close()
