"""A download whose file cannot be built says so on the page, with a reference in the log.

Streamlit runs a download's builder on a worker thread when the button is clicked, while the
click's callback waits for it. AppTest registers the builders but never runs them, so these
tests catch each builder as Streamlit registers it and run it on a thread during the click.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import downloads
import file_builds
import pytest
import state
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

ROADMAP = "app_pages/roadmap.py"

Run = Callable[[Any], AppTest]
Builders = dict[str, Callable[[], str | bytes]]


@pytest.fixture
def builders(monkeypatch: pytest.MonkeyPatch) -> Iterator[Builders]:
    """The builders the page hands to Streamlit, by file name, the latest run's last."""
    caught: Builders = {}
    register = MediaFileManager.add_deferred

    def catch(self: MediaFileManager, data_callable: Any, *args: Any, **kwargs: Any) -> str:
        file_name = kwargs.get("file_name", args[2] if len(args) > 2 else None)
        caught[file_name] = data_callable
        return register(self, data_callable, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", catch)
    yield caught


@pytest.fixture
def roadmap(
    mini_code: str, new_app: Callable[..., AppTest], run: Run, builders: Builders
) -> AppTest:
    return run(new_app(mini_code).switch_page(ROADMAP))


def click(at: AppTest, key: str, run: Run) -> AppTest:
    (button,) = [b for b in at.get("download_button") if b.key == key]
    return run(button.click())


def built(builders: Builders, suffix: str) -> Callable[[], str | bytes]:
    (name,) = [name for name in builders if name.endswith(suffix)]
    return builders[name]


def fail(*_: Any, **__: Any) -> bytes:
    raise ValueError("a table cell is taller than a page")


def click_while_building(
    at: AppTest, key: str, build: Callable[[], str | bytes], run: Run
) -> tuple[AppTest, dict[str, Any]]:
    """The click, and Streamlit's worker thread running the file's builder meanwhile."""
    result: dict[str, Any] = {}

    def worker() -> None:
        time.sleep(0.2)  # the click's callback is already waiting for it
        try:
            result["data"] = build()
        except Exception as exc:
            result["error"] = exc

    thread = threading.Thread(target=worker)
    thread.start()
    at = click(at, key, run)
    thread.join()
    return at, result


def test_a_report_that_cannot_be_built_says_so_with_the_reference_in_the_log(
    roadmap: AppTest,
    run: Run,
    builders: Builders,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(downloads, "pdf_bytes", fail)
    at = run(roadmap)
    with caplog.at_level(logging.ERROR, logger="sextant.app"):
        at, result = click_while_building(
            at, state.DOWNLOAD_PDF, built(builders, "-report.pdf"), run
        )
    assert isinstance(result["error"], file_builds.FileNotBuiltError)

    (message,) = [e.value for e in at.warning]  # at once, in the click's own run
    assert message.startswith("The report (PDF) could not be built, so nothing was downloaded.")
    assert "Try the other page size" in message
    reference = re.search(r"Reference ([0-9A-F]{8})", message)
    assert reference is not None
    assert f"[ref {reference[1]}]" in caplog.text
    assert "a table cell is taller than a page" in caplog.text  # the cause, in the log only
    assert "taller" not in message
    at = run(at)  # the whole page again (AppTest keeps only what the click's run drew)
    assert len(at.get("download_button")) == 4
    assert [w.value for w in at.warning] == [message]


def test_the_message_goes_once_the_report_builds(
    roadmap: AppTest, run: Run, builders: Builders, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as broken:
        broken.setattr(downloads, "pdf_bytes", fail)
        at = run(roadmap)
        at, _ = click_while_building(at, state.DOWNLOAD_PDF, built(builders, ".pdf"), run)
        assert at.warning

    at = run(at)  # the page drawn again, with the builder that works
    assert at.warning  # still said until the report builds
    at, result = click_while_building(at, state.DOWNLOAD_PDF, built(builders, ".pdf"), run)
    assert bytes(result["data"]).startswith(b"%PDF")
    assert not at.warning


def test_a_failed_export_names_what_still_works(
    roadmap: AppTest, run: Run, builders: Builders, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(downloads, "json_text", fail)
    at = run(roadmap)
    at, _ = click_while_building(at, state.DOWNLOAD_JSON, built(builders, ".json"), run)
    (message,) = [e.value for e in at.warning]
    assert message.startswith("The assessment (JSON) could not be built")
    assert "The report (PDF) and the two CSV files" in message


def test_a_click_whose_file_is_still_building_waits_only_so_long(
    roadmap: AppTest, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_builds, "WAIT_FOR", timedelta(seconds=0.3))
    at = click(roadmap, state.DOWNLOAD_PDF, run)  # no build ends: the callback gives up
    assert not at.warning
    assert len(run(at).get("download_button")) == 4
