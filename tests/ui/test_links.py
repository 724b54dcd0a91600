"""Links built from the address the browser used: the resume link and the workshop links,
from every page of the app, served at the root or under a prefix."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import links
import pytest
import routes
import state
import streamlit as st
from streamlit.testing.v1 import AppTest

Run = Callable[[Any], AppTest]
ORIGIN = "https://tools.example:8443"
PAGES = ["", routes.dimension_url_path("processes"), *sorted(links.PAGE_PATHS)]


def addresses(prefix: str, page: str) -> list[str]:
    """What the address bar may show on ``page``: bare, with a query, with a final slash."""
    at = f"{ORIGIN}{prefix}/{page}"
    return [at, f"{at}?a=OLD&w=F4C1", *([f"{at}/"] if page else [])]


@pytest.mark.parametrize("prefix", ["", "/sextant"])
@pytest.mark.parametrize("page", PAGES)
def test_the_resume_and_join_links_are_right_from_every_page(prefix: str, page: str) -> None:
    for current in addresses(prefix, page):
        resume = links.link_from(current, "", {state.CODE_PARAM: "C0DE"})
        join = links.link_from(current, "join", {"j": "J01N"})
        assert (resume, join) == (f"{ORIGIN}{prefix}/?a=C0DE", f"{ORIGIN}{prefix}/join?j=J01N")


def test_without_an_address_the_links_are_relative_to_the_root() -> None:
    assert links.link_from(None, "", {state.CODE_PARAM: "C0DE"}) == "/?a=C0DE"
    assert links.link_from("", "workshop", {"w": "F4C1"}) == "/workshop?w=F4C1"


def test_every_page_of_the_app_has_a_path_the_links_know(
    new_app: Callable[..., AppTest], run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: set[str] = set()
    navigation = st.navigation

    def spy(pages: Any, **kwargs: Any) -> Any:
        seen.update(page.url_path for group in pages.values() for page in group)
        return navigation(pages, **kwargs)

    monkeypatch.setattr(st, "navigation", spy)
    at = new_app()
    run(at.button(key=state.START_SUBMIT).click())  # an open assessment: its dimension pages

    assert routes.dimension_url_path("processes") in seen
    assert all(links.is_page_path(path) for path in seen - {""})
    assert links.PAGE_PATHS - seen <= {"start"}  # Start is the default page, at ""
