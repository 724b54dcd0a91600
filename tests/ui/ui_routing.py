"""Page helpers for AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


# AppTest has no public way to open a URL pathname or to say which page a run ended on:
# its switch_page() takes a file, and every dimension page runs the same file. These two
# helpers reach for the page hashes AppTest keeps, which Streamlit derives from url_path.
def open_url_path(at: AppTest, url_path: str) -> AppTest:
    """Point the next run at the page registered for ``url_path`` (as a bookmark would)."""
    from streamlit.util import calc_hash

    at._page_hash = calc_hash(url_path)
    return at


def current_url_path(at: AppTest) -> str:
    """The URL pathname of the page the last run finished on."""
    return str(at._registered_pages[at._finished_page_script_hash]["url_pathname"])


def registered_pages(at: AppTest) -> dict[str, str]:
    """Every page st.navigation registered in the last run: URL pathname → title."""
    return {
        str(info["url_pathname"]): str(info["page_name"]) for info in at._registered_pages.values()
    }
