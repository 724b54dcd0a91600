"""Moving around in a real browser: history between dimensions, and a menu click after typing.

Uses the shipped quick check (five dimensions). Questions are picked from the loaded
questionnaire, not by id, so that content edits do not break the test.
"""

from __future__ import annotations

from typing import Any

import pytest
from browsing import PROJECT_ROOT, TIMEOUT_MS, Server, question, settle

from assessment_models import storage
from assessment_models.loader import load_questionnaire
from assessment_models.questionnaire import MetricQuestion, Question

pytestmark = pytest.mark.browser

QUICK = load_questionnaire(PROJECT_ROOT / "questionnaires" / "delivery-quick.yaml")


def first_choice_question(dimension_index: int) -> Question:
    """The first question of a dimension answered by picking an option."""
    dimension = QUICK.dimensions[dimension_index]
    return next(
        q for c in dimension.capabilities for q in c.questions if not isinstance(q, MetricQuestion)
    )


def start(page: Any, server: Server) -> str:
    """A new assessment, opened on its first dimension; returns its access code."""
    page.goto(server.url + "/")
    page.get_by_role("button", name="Start the assessment").click()
    page.get_by_role("button", name="Continue answering").click()
    page.wait_for_url("**/assess-*")
    settle(page)
    return page.url.split("a=", 1)[1]


def heading(page: Any) -> str:
    return page.locator("h1").first.inner_text().strip()


def wait_for_dimension(page: Any, index: int) -> None:
    """The address and the heading both name dimension ``index``."""
    dimension = QUICK.dimensions[index]
    page.wait_for_url(f"**/assess-{dimension.id}?a=*")
    wait_for_heading(page, dimension.title)


def wait_for_heading(page: Any, title: str) -> None:
    """Wait for the run the address started to draw its page (a Back redraws after a beat)."""
    page.wait_for_function(
        "t => document.querySelector('h1') && document.querySelector('h1').innerText.trim() === t",
        arg=title,
    )
    settle(page)
    assert heading(page) == title


def expect_dimension(page: Any, index: int, chosen: str) -> None:
    """The page shows dimension ``index`` with option ``chosen`` of its first question."""
    wait_for_dimension(page, index)
    box = question(page, first_choice_question(index).id)
    assert box.get_by_role("radio", name=chosen).is_checked()


def stored_answers(server: Server, code: str) -> dict[str, Any]:
    engine = storage.make_engine(server.env["DATABASE_URL"])
    try:
        with storage.make_sessionmaker(engine)() as session:
            return dict(storage.load_responses(session, code).answers)
    finally:
        engine.dispose()


def test_back_and_forward_land_on_each_dimension_with_its_answers(
    browser: Any, quick_server: Server
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(TIMEOUT_MS)
    start(page, quick_server)
    chosen = []
    for index in range(3):
        target = first_choice_question(index)
        label = target.options[1].label
        question(page, target.id).get_by_text(label, exact=True).click()
        settle(page)
        chosen.append(label)
        if index < 2:
            page.get_by_role("button", name=f"Next: {QUICK.dimensions[index + 1].title}").click()
            wait_for_dimension(page, index + 1)

    page.go_back()
    expect_dimension(page, 1, chosen[1])
    page.go_back()
    expect_dimension(page, 0, chosen[0])
    page.go_forward()
    expect_dimension(page, 1, chosen[1])
    page.go_forward()
    expect_dimension(page, 2, chosen[2])
    page.reload()
    expect_dimension(page, 2, chosen[2])
    page.close()


def test_a_menu_click_straight_after_typing_saves_and_navigates(
    browser: Any, quick_server: Server
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(TIMEOUT_MS)
    code = start(page, quick_server)
    target = first_choice_question(0)
    box = question(page, target.id)
    box.get_by_text("Comment, evidence and confidence").click()
    comment = box.get_by_role("textbox")
    comment.click()
    comment.press_sequentially("Numbers pieced together from the change calendar", delay=10)

    page.locator("[data-testid='stSidebarNav'] a", has_text="Review").click()
    page.wait_for_url("**/review?a=*", timeout=10_000)
    wait_for_heading(page, "Review")
    answers = stored_answers(quick_server, code)
    assert answers[target.id].comment == "Numbers pieced together from the change calendar"

    # A number typed and left without Enter is saved by the first click too.
    page.go_back()
    wait_for_dimension(page, 0)
    metric = next(
        q for c in QUICK.dimensions[0].capabilities for q in c.questions
        if isinstance(q, MetricQuestion)
    )  # fmt: skip
    number = question(page, metric.id).get_by_role("spinbutton")
    number.fill("3")
    page.locator("[data-testid='stSidebarNav'] a", has_text="Results").click()
    page.wait_for_url("**/results?a=*", timeout=10_000)
    settle(page)
    assert stored_answers(quick_server, code)[metric.id].value == 3.0
    page.close()


def test_a_bookmarked_dimension_opens_on_that_dimension(browser: Any, quick_server: Server) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.set_default_timeout(TIMEOUT_MS)
    code = start(page, quick_server)
    fresh = browser.new_page(viewport={"width": 390, "height": 844})
    fresh.goto(f"{quick_server.url}/assess-{QUICK.dimensions[3].id}?a={code}")
    wait_for_heading(fresh, QUICK.dimensions[3].title)
    page.close()
    fresh.close()


def test_the_copy_button_puts_the_resume_link_on_the_clipboard(
    browser: Any, quick_server: Server
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=quick_server.url)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(quick_server.url + "/")
    page.get_by_role("button", name="Start the assessment").click()
    page.get_by_role("button", name="Copy link").wait_for()
    settle(page)
    link = page.locator("[data-testid='stCode']").inner_text().strip()
    page.get_by_role("button", name="Copy link").click()
    page.get_by_text("Copied", exact=True).wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == link
    context.close()
