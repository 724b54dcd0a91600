"""Downloads in a real browser: the report arrives as a PDF, and a report that cannot be
built says so on the page with a reference (Streamlit alone shows one vague line for 5 s)."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import PROJECT_ROOT, TIMEOUT_MS, Server, serve, settle
from shots import shoot

from assessment_models import storage
from assessment_models.loader import load_questionnaire
from assessment_models.responses import Responses

pytestmark = pytest.mark.browser

FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
MINI = FIXTURES / "mini.yaml"


class BrokenReportServer(Server):
    """The app with a PDF builder that always fails: what a report bug looks like."""

    def command(self) -> list[str]:
        boot = (
            "import sys; sys.path.insert(0, 'app'); import downloads\n"
            "def fail(*args, **kwargs):\n"
            "    raise ValueError('a table cell is taller than a page')\n"
            "downloads.pdf_bytes = fail\n"
            "from streamlit.web.cli import main\n"
            "main(prog_name='streamlit')\n"
        )
        return [sys.executable, "-c", boot, *super().command()[3:]]


@pytest.fixture
def broken_server(tmp_path: Path) -> Iterator[Server]:
    running = serve(tmp_path, MINI, BrokenReportServer)
    yield running
    running.stop()


def seed_assessment(running: Server) -> str:
    """The mini responses stored in the server's database; their access code."""
    engine = storage.make_engine(running.env["DATABASE_URL"])
    storage.migrate(engine)  # the app would on its first page; this comes before it
    data = json.loads((FIXTURES / "mini-responses.json").read_text(encoding="utf-8"))
    with storage.make_sessionmaker(engine)() as session:
        code = storage.import_responses(
            session, load_questionnaire(MINI), Responses.model_validate(data)
        )
    engine.dispose()
    return code


def open_roadmap(browser: Any, running: Server) -> Any:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{running.url}/roadmap?a={seed_assessment(running)}")
    page.get_by_role("button", name="Report (PDF)").wait_for()
    settle(page)
    return page


def test_the_report_button_downloads_a_pdf(browser: Any, server: Server) -> None:
    page = open_roadmap(browser, server)
    with page.expect_download() as download:
        page.get_by_role("button", name="Report (PDF)").click()
    assert download.value.suggested_filename.endswith("-report.pdf")
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    settle(page)  # the click's short run: nothing to say
    assert page.get_by_text("could not be built").count() == 0
    page.close()


def test_a_report_that_cannot_be_built_says_so_with_a_reference(
    browser: Any, broken_server: Server, tmp_path: Path
) -> None:
    page = open_roadmap(browser, broken_server)
    page.get_by_role("button", name="Report (PDF)").click()
    notice = page.get_by_text("The report (PDF) could not be built")
    notice.wait_for()
    text = notice.inner_text()
    reference = re.search(r"Reference ([0-9A-F]{8})", text)
    assert reference is not None
    assert f"[ref {reference[1]}]" in broken_server.log.read_text()
    assert "Traceback" not in page.content()
    shoot(page, notice, tmp_path, "download-failed")

    # The rest still works: the JSON export downloads.
    page.set_viewport_size({"width": 1280, "height": 900})
    settle(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Assessment (JSON)").click()
    assert json.loads(Path(download.value.path()).read_text())["questionnaire"] == "mini"
    page.close()


def test_two_downloads_clicked_one_after_the_other_both_arrive(
    browser: Any, server: Server
) -> None:
    page = open_roadmap(browser, server)
    with page.expect_download() as report:
        page.get_by_role("button", name="Report (PDF)").click()
    settle(page)  # the first click's short run has ended, as it has when a person clicks again
    with page.expect_download() as answers:
        page.get_by_role("button", name="Answers (CSV)").click()
    assert Path(report.value.path()).read_bytes().startswith(b"%PDF")
    assert Path(answers.value.path()).read_text().startswith("Dimension,Capability")
    page.close()
