"""Pieces of UI that several pages share: the open assessment, progress, saved state, link."""

from __future__ import annotations

import json
from urllib.parse import urlencode, urlsplit, urlunsplit

import routes
import state
import store
import streamlit as st
from labels import count_text, saved_text

from assessment_models.errors import NotFoundError
from assessment_models.scoring import ScoreCard
from assessment_models.storage import AssessmentRecord

_PAGE_PATHS = {"start", "assess", "review", "results", "roadmap"}


def open_record() -> AssessmentRecord:
    """The assessment open in this tab; otherwise say how to open one and stop the page."""
    code = state.code()
    if code is not None:
        try:
            return store.record(code)
        except NotFoundError as exc:
            state.close_assessment()
            st.error(exc.message)
    st.info("Start a new assessment, or open yours with its access code or link.")
    st.page_link(routes.START, label="Go to Start", icon=":material/flag:")
    st.stop()


def resume_link(code: str) -> str:
    """The address that reopens this assessment, from the address the browser used."""
    query = urlencode({state.CODE_PARAM: code})
    url = st.context.url
    if not url:
        return f"/?{query}"
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    head, _, last = path.rpartition("/")
    if last in _PAGE_PATHS:
        path = head
    return urlunsplit((parts.scheme, parts.netloc, path + "/", query, ""))


def show_resume_link(code: str) -> None:
    st.code(resume_link(code), language=None, wrap_lines=True)
    st.caption(
        "Whoever holds this link can see and change the answers. Share it only with the "
        "people taking part."
    )


def saved_caption() -> None:
    """The subtle saved state: when the last change was stored, or why it was not."""
    error = state.save_error()
    if error:
        st.error(error, icon=":material/error:")
        return
    at = state.saved_at()
    if at is not None:
        st.caption(f":material/cloud_done: {saved_text(at, st.context.timezone)}")
    else:
        st.caption(":material/cloud_done: Every answer is saved as you go.")


def sidebar(record: AssessmentRecord, card: ScoreCard) -> None:
    """Who is assessed, progress overall and per dimension, and the saved state."""
    with st.sidebar:
        who = record.respondent.display_name
        st.markdown(f"**{record.questionnaire.title}**")
        if who:
            st.caption(who)
        overall = card.overall
        st.progress(
            overall.coverage or 0.0,
            text=f"Overall: {count_text(overall.answered, overall.questions)}",
        )
        for dimension in card.dimensions:
            if not dimension.in_scope:
                st.caption(f"{dimension.title}: out of scope")
                continue
            st.progress(
                dimension.coverage or 0.0,
                text=f"{dimension.title}: {dimension.answered}/{dimension.questions}",
            )
        saved_caption()
        if record.is_finished:
            st.caption(":material/lock: Finished: answers are read-only.")


def scroll_to(anchor: str) -> None:
    """Scroll the browser to the container keyed ``anchor`` once it is on screen."""
    selector = json.dumps(f".st-key-{anchor}")
    st.html(
        "<script>(function(){let n=0;const t=setInterval(function(){"
        f"const el=document.querySelector({selector});"
        "if(el||++n>50){clearInterval(t);if(el){el.scrollIntoView({block:'start'});}}"
        "},100);})();</script>",
        unsafe_allow_javascript=True,
    )
