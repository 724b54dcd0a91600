"""The app's pages: paths for st.navigation and st.switch_page, one Assess page per dimension.

Every dimension of the open assessment is a page of its own (URL ``/assess-<dimension id>``),
so that browser history, bookmarks and reloads land on the dimension the respondent was on.
All of them run the same script, :data:`DIMENSION`, which reads the dimension to show from
:func:`state.dimension` (the entry point sets it from the page Streamlit chose).
"""

from __future__ import annotations

import streamlit as st

from assessment_models.scoring import ScoreCard, UnitScore

START = "app_pages/start.py"
#: Hidden page at ``/assess``: forwards to the dimension the respondent is on.
ASSESS = "app_pages/assess.py"
#: The script behind every per-dimension page.
DIMENSION = "app_pages/dimension.py"
REVIEW = "app_pages/review.py"
RESULTS = "app_pages/results.py"
ROADMAP = "app_pages/roadmap.py"
WORKSHOP_JOIN = "app_pages/workshop_join.py"
WORKSHOP_DASHBOARD = "app_pages/workshop_dashboard.py"
WORKSHOP_PROJECTOR = "app_pages/workshop_projector.py"
WORKSHOP_CONSENSUS = "app_pages/workshop_consensus.py"
WORKSHOP_GROUP = "app_pages/workshop_group.py"
PORTFOLIO = "app_pages/portfolio.py"

ASSESS_SECTION = "Assess"
_DIMENSION_PREFIX = "assess-"


def dimension_url_path(dimension_id: str) -> str:
    """``assess-processes``: question ids are lower-case words, so they are URL-safe."""
    return f"{_DIMENSION_PREFIX}{dimension_id}"


def dimension_page(dimension_id: str, title: str | None = None, icon: str | None = None) -> st.Page:
    """The page of one dimension; also what ``st.switch_page`` needs to go there."""
    return st.Page(
        DIMENSION,
        title=title or dimension_id,
        icon=icon,
        url_path=dimension_url_path(dimension_id),
    )


def dimension_of(page: st.Page) -> str | None:
    """The dimension a page shows, or None for any other page."""
    path = page.url_path
    return path.removeprefix(_DIMENSION_PREFIX) if path.startswith(_DIMENSION_PREFIX) else None


def pages(card: ScoreCard | None) -> dict[str, list[st.Page]]:
    """Every page for ``st.navigation``: Start, one page per dimension in scope, then the rest.

    ``card`` is the open assessment's score card (None when none is open): it names the
    dimensions and says how far each is answered, so the menu agrees with the progress bars.
    """
    start = st.Page(START, title="Start", icon=":material/flag:", default=True)
    finish = [
        st.Page(REVIEW, title="Review", icon=":material/fact_check:"),
        st.Page(RESULTS, title="Results", icon=":material/radar:"),
        st.Page(ROADMAP, title="Roadmap", icon=":material/route:"),
    ]
    dimensions = [d for d in card.dimensions if d.in_scope] if card is not None else []
    if not dimensions:
        assess = st.Page(ASSESS, title="Assess", icon=":material/checklist:")
        return {"": [start, assess, *finish]}
    forward = st.Page(ASSESS, title="Assess", url_path="assess", visibility="hidden")
    return {
        "": [start, forward],
        ASSESS_SECTION: [
            dimension_page(d.id, f"{d.title} · {d.answered}/{d.questions}", _status_icon(d))
            for d in dimensions
        ],
        "Finish": finish,
    }


def _status_icon(unit: UnitScore) -> str:
    if unit.answered >= unit.questions:
        return ":material/check_circle:"
    return ":material/radio_button_unchecked:" if unit.answered == 0 else ":material/timelapse:"
