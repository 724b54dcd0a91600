"""An answer click in Chromium, to an idle page: ``streamlit run`` of the app against the bare
script with the same widgets.

Both servers run side by side, each with one Chromium tab on the largest dimension of an
answered full questionnaire. A repetition clicks one answer (alternating two levels) and
times, on the wall clock, from the click until the server reports the run it started as
finished and the browser has painted after it: what the respondent waits for. Product and
baseline clicks alternate, so the machine's load weighs on both alike. Needs Playwright and
``/usr/bin/chromium``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from benchmarks.generate import child_env
from benchmarks.harness import Bench, Result, row
from benchmarks.ui import BARE_ASSESS, ROOT, Fixture

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 60_000
#: Clicks before timing: the first runs of a session fill caches on both sides.
WARM_UP = 3


class Served:
    """``streamlit run`` of one script on a free port, stopped by :meth:`stop`."""

    def __init__(self, script: Path) -> None:
        from benchmarks.rows_memory import free_port

        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
             "--server.port", str(self.port), "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1):
                    return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise RuntimeError(f"streamlit run {script.name} did not start") from None
                time.sleep(0.2)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cpu_seconds(self) -> float:
        """User and system CPU of the server so far (clock ticks of /proc/<pid>/stat)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / 100  # utime, stime at 100 ticks/s

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _run_finished(payload: Any) -> bool:
    """True for the server's message that a script run finished (not cut short by a rerun)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    if not isinstance(payload, bytes):
        return False
    message = ForwardMsg()
    try:
        message.ParseFromString(payload)
    except Exception:  # not a ForwardMsg: nothing to wait for
        return False
    return (message.WhichOneof("type") == "script_finished"
            and message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY)


class Tab:
    """One Chromium tab on a served page, clicking one question's answers in turn."""

    def __init__(self, browser: Any, url: str, question_id: str) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.sockets: list[Any] = []
        self.page.on("websocket", lambda socket: self.sockets.append(socket))
        self.page.goto(url)
        self.question = self.page.locator(f".st-key-q-{question_id}")
        self.question.wait_for(timeout=TIMEOUT_MS)
        self.page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
            timeout=TIMEOUT_MS,
        )
        self.turn = 0

    def click(self) -> float:
        """Wall-clock seconds from a click on an answer to the first paint after its run."""
        self.turn += 1
        option = self.question.locator("[data-testid='stRadio'] label").nth(1 + self.turn % 2)
        if option.locator("input").is_checked():  # the stored answer: a click starts no run
            self.turn += 1
            option = self.question.locator("[data-testid='stRadio'] label").nth(1 + self.turn % 2)
        option.scroll_into_view_if_needed()
        socket = self.sockets[-1]  # the page's connection to the server
        with socket.expect_event("framereceived", predicate=_run_finished, timeout=TIMEOUT_MS):
            start = time.perf_counter()
            option.click()
        self.page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        return time.perf_counter() - start


def _per_click(served: Served, click: Callable[[], float], cpu: list[float]) -> Callable[[], float]:
    def once() -> float:
        before = served.cpu_seconds()
        seconds = click()
        cpu.append(served.cpu_seconds() - before)
        return seconds

    return once


@row(group="browser")
def assess_click_in_browser(bench: Bench) -> Iterator[Result]:
    what = "Assess: answer click to idle page, Chromium (wall clock), vs bare script"
    if not CHROMIUM.exists():
        yield Result(what=what, product=[], baseline=[],
                     note=f"not measured: {CHROMIUM} is missing")
        return
    from playwright.sync_api import sync_playwright

    fixture = Fixture()
    qid = fixture.scale_question()
    app = Served(ROOT / "app" / "streamlit_app.py")
    bench.on_exit(app.stop)
    bare = Served(BARE_ASSESS)
    bench.on_exit(bare.stop)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            product = Tab(browser, f"{app.url}/assess?a={fixture.code}&d={fixture.dimension.id}",
                          qid)
            baseline = Tab(browser, bare.url, qid)
            for _ in range(WARM_UP):
                product.click(), baseline.click()
            cpu: dict[str, list[float]] = {"product": [], "baseline": []}
            ps, bs = bench.pairs(
                _per_click(app, product.click, cpu["product"]),
                _per_click(bare, baseline.click, cpu["baseline"]),
                bench.pick(15, 7),  # type: ignore[arg-type]
            )
        finally:
            browser.close()
    stored = fixture.stored_level(qid)
    if stored not in (2, 3):
        raise RuntimeError(f"the clicks did not reach storage: {qid} holds level {stored}")
    server_ms = {k: 1e3 * statistics.fmean(v) for k, v in cpu.items()}
    yield Result(
        what=what, product=ps, baseline=bs, target=1.5,
        note=f"wall clock: what the user waits for, so it swings with the machine's load; "
             f"server CPU per click {server_ms['product']:.0f} vs {server_ms['baseline']:.0f} ms",
    )
