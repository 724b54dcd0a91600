"""What the browser tests share: the chromium to drive, the app server, waiting for a run."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

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


def missing_browser() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    return None


class Server:
    """``streamlit run app/streamlit_app.py`` as a subprocess on a fixed port."""

    def __init__(self, port: int, env: dict[str, str], log: Path) -> None:
        self.port, self.env, self.log = port, env, log
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        return [
            sys.executable, "-m", "streamlit", "run", "app/streamlit_app.py",
            "--server.headless", "true", "--server.port", str(self.port),
            "--browser.gatherUsageStats", "false",
        ]  # fmt: skip

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.command(), cwd=PROJECT_ROOT, env=self.env, stdout=log,
                stderr=subprocess.STDOUT,
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


def settle(page: Any) -> None:
    """Wait until Streamlit has finished the run a click or a load started."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=TIMEOUT_MS,
    )
    page.wait_for_timeout(300)


def question(page: Any, question_id: str) -> Any:
    """The bordered container of one question on the Assess page."""
    return page.locator(f".st-key-q-{question_id}")


def serve(tmp_path: Path, questionnaire: Path, kind: type[Server] = Server) -> Server:
    """A started server whose only questionnaire is ``questionnaire``, on a free port."""
    questionnaires = tmp_path / "questionnaires"
    questionnaires.mkdir()
    shutil.copy(questionnaire, questionnaires)
    env = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{tmp_path / 'sextant.db'}",
        SEXTANT_QUESTIONNAIRES=str(questionnaires),
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    running = kind(port, env, tmp_path / "streamlit.log")
    running.start()
    return running
