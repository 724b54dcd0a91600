"""One walk-through in a real browser: answers survive a reload and a server restart."""

from __future__ import annotations

from typing import Any

import pytest
from browsing import TIMEOUT_MS, Server, question, settle

pytestmark = pytest.mark.browser


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
    # Wait for the number's own badge to leave "Not answered yet", not for the page's "Saved"
    # caption (the radios already showed it): the reload could overtake the number's save.
    question(page, "dora_deploys").get_by_text("Not answered yet").wait_for(state="detached")

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
