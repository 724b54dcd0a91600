"""Server memory with one session: ``streamlit run`` of the app against the bare script.

Each repetition starts a server, opens one Chromium tab on the Assess page of an answered
assessment (the bare script: on its single page), waits until the run is over, and reads the
server's resident memory (``VmRSS``). Needs Playwright and ``/usr/bin/chromium``.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.generate import child_env
from benchmarks.harness import Bench, Result, row
from benchmarks.ui import BARE_ASSESS, ROOT, Fixture

CHROMIUM = Path("/usr/bin/chromium")
#: The issue names no target for memory. Ours: the domain (pydantic models, SQLAlchemy, two
#: parsed questionnaires, the database pool) may add up to 30 % to what Streamlit needs.
MAX_MEMORY_RATIO = 1.3
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def settle(page: Any) -> None:
    """Wait until Streamlit has finished the run the load started."""
    page.wait_for_timeout(500)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )
    page.wait_for_timeout(500)


def server_memory(browser: Any, script: Path, path: str, wait_for: str) -> float:
    """MiB of a fresh server's memory once one tab has loaded ``path`` and settled."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
         "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"streamlit run {script.name} did not start") from None
                time.sleep(0.2)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        try:
            page.goto(f"http://127.0.0.1:{port}{path}")
            page.locator(wait_for).first.wait_for(timeout=60_000)
            settle(page)
            return rss_mib(process.pid)
        finally:
            page.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@row(group="memory")
def server_memory_one_session(bench: Bench) -> Iterator[Result]:
    if not CHROMIUM.exists():
        yield Result(what="server memory, one session", product=[], baseline=[],
                     note=f"not measured: {CHROMIUM} is missing")
        return
    from playwright.sync_api import sync_playwright

    fixture = Fixture()
    qid = fixture.scale_question()
    app_path = f"/assess?a={fixture.code}&d={fixture.dimension.id}"
    wait_for = f".st-key-q-{qid}"
    app = ROOT / "app" / "streamlit_app.py"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            ps, bs = bench.pairs(
                lambda: server_memory(browser, app, app_path, wait_for),
                lambda: server_memory(browser, BARE_ASSESS, "/", wait_for),
                bench.repetitions("huge"),
            )
        finally:
            browser.close()
    yield Result(what="server memory, one session on Assess, vs bare script",
                 product=ps, baseline=bs, unit="MiB", target=MAX_MEMORY_RATIO)
