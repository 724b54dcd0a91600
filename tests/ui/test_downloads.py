"""A download whose file cannot be built says so on the page, with a reference in the log.

Streamlit runs a download's builder on a worker thread when the button is clicked. AppTest
registers the builders but never runs them, so these tests catch each builder as Streamlit
registers it and run it as Streamlit's thread would, then let the page run again.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
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


def test_a_report_that_cannot_be_built_says_so_with_the_reference_in_the_log(
    roadmap: AppTest,
    run: Run,
    builders: Builders,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(downloads, "pdf_bytes", fail)
    at = click(run(roadmap), state.DOWNLOAD_PDF, run)
    with (
        caplog.at_level(logging.ERROR, logger="sextant.app"),
        pytest.raises(file_builds.FileNotBuiltError),
    ):
        built(builders, "-report.pdf")()  # what Streamlit's worker thread does
    at = run(at)  # the page's next run, which the check starts once the build has ended

    (message,) = [e.value for e in at.warning]
    assert message.startswith("The report (PDF) could not be built, so nothing was downloaded.")
    assert "Try the other page size" in message
    reference = re.search(r"Reference ([0-9A-F]{8})", message)
    assert reference is not None
    assert f"[ref {reference[1]}]" in caplog.text
    assert "a table cell is taller than a page" in caplog.text  # the cause, in the log only
    assert "taller" not in message
    assert len(at.get("download_button")) == 4  # the rest of the page still works


def test_the_message_goes_once_the_report_builds(
    roadmap: AppTest, run: Run, builders: Builders, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as broken:
        broken.setattr(downloads, "pdf_bytes", fail)
        at = click(run(roadmap), state.DOWNLOAD_PDF, run)
        with pytest.raises(file_builds.FileNotBuiltError):
            built(builders, "-report.pdf")()
        at = run(at)
        assert at.warning

    at = click(run(at), state.DOWNLOAD_PDF, run)
    assert not at.warning  # trying again clears it while the file is built
    assert bytes(built(builders, "-report.pdf")()).startswith(b"%PDF")
    at = run(at)
    assert not at.warning


def test_a_failed_export_names_what_still_works(
    roadmap: AppTest, run: Run, builders: Builders, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(downloads, "json_text", fail)
    at = click(run(roadmap), state.DOWNLOAD_JSON, run)
    with pytest.raises(file_builds.FileNotBuiltError):
        built(builders, "-assessment.json")()
    at = run(at)
    (message,) = [e.value for e in at.warning]
    assert message.startswith("The assessment (JSON) could not be built")
    assert "The report (PDF) and the two CSV files" in message
