"""User text is shown as typed: never rendered as Markdown (no planted images, links, maths)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import state
from labels import plain
from streamlit.testing.v1 import AppTest

RESULTS = "app_pages/results.py"
REVIEW = "app_pages/review.py"
PIXEL = "![pixel](http://tracker.example/p.png)"
ORGANISATION = f"{PIXEL} **Acme**"
TEAM = "$x^2$ :red[Payments]"
COMMENT = "[click](http://evil.example) <img src=x> # heading"

Run = Callable[[Any], AppTest]


def markdown_sources(at: AppTest) -> list[str]:
    """The Markdown source of every text element the run drew, sidebar included."""
    elements = [*at.markdown, *at.caption, *at.sidebar.markdown, *at.sidebar.caption]
    return [str(e.value) for e in elements]


def assert_shown_as_text(at: AppTest, raw: str) -> None:
    sources = markdown_sources(at)
    assert not [s for s in sources if raw in s], "user text reached Markdown unescaped"


def test_plain_escapes_every_markdown_construct() -> None:
    assert plain(PIXEL) == r"\!\[pixel\]\(http\://tracker\.example/p\.png\)"
    assert plain("a_b *c* $d$ <e>") == r"a\_b \*c\* \$d\$ \<e\>"
    assert plain("Acme Ltd") == "Acme Ltd"


def test_organisation_team_and_comment_are_never_rendered_as_markdown(
    new_app: Callable[..., AppTest], run: Run
) -> None:
    at = new_app()
    at.text_input(key=state.START_ORGANISATION).input(ORGANISATION)
    at.text_input(key=state.START_TEAM).input(TEAM)
    run(at.button(key=state.START_SUBMIT).click())
    assert_shown_as_text(at, PIXEL)
    # The escaped name is what the page shows: the reader sees exactly what was typed.
    assert any(plain(ORGANISATION) in s for s in markdown_sources(at))

    run(at.button(key=state.START_CONTINUE).click())
    run(at.radio(key=state.answer_key("chg_approval")).set_value(4))
    run(at.text_area(key=state.comment_key("chg_approval")).input(COMMENT))
    assert_shown_as_text(at, PIXEL)

    run(at.switch_page(RESULTS))
    assert_shown_as_text(at, PIXEL)
    assert_shown_as_text(at, "$x^2$")
    assert any(plain(TEAM) in s for s in markdown_sources(at))

    run(at.switch_page(REVIEW))
    cells = " ".join(str(t.value.to_string()) for t in at.table)
    assert "[click](http://evil.example)" not in cells
    assert plain(COMMENT) in cells
