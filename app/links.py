"""Addresses on this server, built from the address the browser used.

Sextant may be served at the root or under a prefix (``https://tools.example/sextant/``), so
a link is the current address with the page's own path replaced: the app's root with
``?a=CODE`` reopens an assessment, ``…/join?j=CODE`` joins a workshop.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode, urlsplit, urlunsplit

import routes
import streamlit as st

#: The URL path of every page in the menu (``st.navigation``), besides one per dimension;
#: ``tests/ui/test_links.py`` checks it against the pages the app really has.
PAGE_PATHS = frozenset(
    {
        "start",
        "assess",
        "review",
        "results",
        "roadmap",
        "portfolio",
        "join",
        "group",
        "workshop",
        "consensus",
        "projector",
    }
)


def is_page_path(segment: str) -> bool:
    return segment in PAGE_PATHS or segment.startswith(routes.dimension_url_path(""))


def link_from(current: str | None, path: str, params: Mapping[str, str]) -> str:
    """The address of page ``path`` ("" for the app's root) with ``params``, built from
    ``current``, the address of the page the browser shows (a relative link without it)."""
    query = urlencode(params)
    if not current:
        return f"/{path}?{query}"
    parts = urlsplit(current)
    base = parts.path.rstrip("/")
    head, _, last = base.rpartition("/")
    if is_page_path(last):
        base = head
    return urlunsplit((parts.scheme, parts.netloc, f"{base}/{path}", query, ""))


def app_link(path: str, params: Mapping[str, str]) -> str:
    """:func:`link_from` the address this browser tab shows."""
    return link_from(st.context.url, path, params)
