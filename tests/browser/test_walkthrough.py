"""One walk-through in a real browser: answers survive a reload and a server restart.

Drives Debian's chromium through Playwright against ``streamlit run`` on a free port.
Skipped when chromium or Playwright is missing, unless ``REQUIRE_BROWSER=1`` (CI).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 30_000

pytestmark = pytest.mark.browser


def _missing_browser() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _missing_browser()
    if reason is not None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


class Server:
    """``streamlit run app/streamlit_app.py`` as a subprocess on a fixed port."""

    def __init__(self, port: int, env: dict[str, str], log: Path) -> None:
        self.port, self.env, self.log = port, env, log
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        command = [
            sys.executable, "-m", "streamlit", "run", "app/streamlit_app.py",
            "--server.headless", "true", "--server.port", str(self.port),
            "--browser.gatherUsageStats", "false",
        ]  # fmt: skip
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command, cwd=PROJECT_ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited early:\n{self.log.read_text()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"streamlit did not start:\n{self.log.read_text()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    questionnaires = tmp_path / "questionnaires"
    questionnaires.mkdir()
    shutil.copy(PROJECT_ROOT / "tests" / "fixtures" / "mini.yaml", questionnaires)
    env = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{tmp_path / 'sextant.db'}",
        SEXTANT_QUESTIONNAIRES=str(questionnaires),
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    running = Server(port, env, tmp_path / "streamlit.log")
    running.start()
    yield running
    running.stop()


def settle(page: Any) -> None:
    """Wait until Streamlit has finished the run a click or a load started."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=TIMEOUT_MS,
    )
    page.wait_for_timeout(300)


def question(page: Any, question_id: str) -> Any:
    return page.locator(f".st-key-q-{question_id}")


def assert_answers_shown(page: Any) -> None:
    approval = question(page, "chg_approval")
    approval.wait_for(timeout=TIMEOUT_MS)
    settle(page)  # the page arrives element by element; wait for the whole run
    assert approval.get_by_role("radio", name="Standard").is_checked()
    assert not approval.get_by_role("radio", name="Board").is_checked()
    assert question(page, "chg_rollback").get_by_role("radio", name="Yes").is_checked()
    deploys = question(page, "dora_deploys").get_by_role("spinbutton")
    assert deploys.input_value() == "2"


def test_answers_survive_reload_and_server_restart(browser: Any, server: Server) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(server.url + "/")
    page.get_by_role("textbox", name="Organisation").fill("Acme")
    page.get_by_role("textbox", name="Team", exact=True).fill("Payments")
    page.get_by_role("button", name="Start the assessment").click()
    page.get_by_text("Your assessment", exact=True).wait_for()
    settle(page)
    code = page.url.split("a=", 1)[1]
    link = page.locator("[data-testid='stCode']").inner_text().strip()
    assert link.endswith(f"?a={code}")

    page.get_by_role("button", name="Continue answering").click()
    question(page, "chg_approval").wait_for()
    question(page, "chg_approval").get_by_text("Standard", exact=True).click()
    settle(page)
    question(page, "chg_rollback").get_by_text("Yes", exact=True).click()
    settle(page)
    deploys = question(page, "dora_deploys").get_by_role("spinbutton")
    deploys.fill("2")
    deploys.press("Enter")
    settle(page)
    page.get_by_text("Saved ", exact=False).first.wait_for()

    page.reload()
    assert f"a={code}" in page.url
    assert_answers_shown(page)

    server.stop()
    server.start()
    page.goto(link)
    page.get_by_role("button", name="Continue answering").click()
    assert_answers_shown(page)

    page.get_by_role("link", name="Results").click()
    radar = page.locator("[data-testid='stPlotlyChart'] .main-svg .polarlayer").first
    radar.wait_for(state="attached")
    assert page.locator("[data-testid='stPlotlyChart'] .polarlayer path.js-line").count() >= 1
    page.close()
