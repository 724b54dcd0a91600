"""Pieces of UI that several pages share: the open assessment, progress, saved state, link."""

from __future__ import annotations

import json

import links
import routes
import state
import store
import streamlit as st
from labels import count_text, plain, saved_text

from assessment_models.errors import NotFoundError, SextantError
from assessment_models.questionnaire import Question
from assessment_models.responses import Responses
from assessment_models.scoring import ScoreCard, score
from assessment_models.storage import AssessmentRecord

#: Longest part of a mistyped access code repeated back in a message.
_SHOWN_CODE_LENGTH = 80


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


def open_card() -> ScoreCard | None:
    """The score card of the assessment open in this tab, for the menu; None if none is open.

    A storage error here is left to the page, which reads the same record and says what
    went wrong where the user is looking.
    """
    code = state.code()
    if code is None:
        return None
    try:
        record = store.record(code)
        return store.once_per_run(
            f"card.{code}", lambda: score(record.questionnaire, store.responses(code))
        )
    except SextantError:
        return None


def unknown_code(typed: str) -> None:
    """Say that the code in the link matches nothing, repeating it so a typo can be seen.

    The code leaves the address bar (it opens nothing), so it is kept here and in the
    Resume box on Start, where it can be corrected.
    """
    shown = typed.replace("`", "")[:_SHOWN_CODE_LENGTH]
    st.error(
        f"No assessment has the access code `{shown}`. Check it against your link: a "
        "character may be missing or mistyped. You can correct it under Resume on Start.",
        icon=":material/link_off:",
    )
    state.set_value(state.START_RESUME_CODE, typed[: _SHOWN_CODE_LENGTH * 2])


def unanswered(
    record: AssessmentRecord, card: ScoreCard, responses: Responses
) -> list[tuple[str, Question]]:
    """Every question in scope without an answer, as (dimension id, question), in order."""
    found = []
    for dimension in record.questionnaire.dimensions:
        if not card.dimension(dimension.id).in_scope:
            continue
        for capability in dimension.capabilities:
            if not card.capability(capability.id).in_scope:
                continue
            for question in capability.questions:
                answer = responses.answers.get(question.id)
                if answer is None or not answer.is_answered:
                    found.append((dimension.id, question))
    return found


def next_unanswered(
    missing: list[tuple[str, Question]], order: list[str], current: str
) -> tuple[str, Question]:
    """The first unanswered question of this dimension, else of the dimensions after it.

    ``missing`` is :func:`unanswered`'s list (not empty); ``order`` the dimensions in scope.
    Past the last dimension it wraps round to the first.
    """
    start = order.index(current)
    rank = {d: (i - start) % len(order) for i, d in enumerate(order)}
    return min(missing, key=lambda found: rank.get(found[0], len(order)))


def resume_link(code: str) -> str:
    """The address that reopens this assessment, from the address the browser used."""
    return links.app_link("", {state.CODE_PARAM: code})


def saved_caption() -> None:
    """The subtle saved state: when the last change was stored, or why it was not."""
    error = state.save_error()
    if error:
        st.error(error, icon=":material/error:")
        return
    if state.pending():  # never claim "Saved" while an answer waits in this tab
        st.caption(":material/cloud_off: Not saved yet: see the notice at the top of the page.")
        return
    if state.conflicts():  # nor while the respondent's last change waits for a decision
        st.caption(":material/sync_problem: Not saved: see the notice at the top of the page.")
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
            st.caption(plain(who))
        overall = card.overall
        st.progress(
            overall.coverage or 0.0,
            text=f"Overall: {count_text(overall.answered, overall.questions)}",
        )
        # Each dimension's count is in the menu above; only what the menu leaves out is here.
        for dimension in card.dimensions:
            if not dimension.in_scope:
                st.caption(f"{dimension.title}: out of scope")
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


#: Runs in the browser. A text area or number input hands its value to Streamlit when it
#: loses focus, but a click on a menu link does not take the focus first: the link's page
#: change went out before the value, and the value's rerun, sent for the page still shown,
#: won. So a click on a link while such a field has the focus first takes the focus away
#: (the value goes out), then follows the link a moment later: one click saves and moves.
_COMMIT_BEFORE_NAVIGATING = """<script>
(function () {
  if (window.sextantCommitBeforeNavigating) { return; }
  window.sextantCommitBeforeNavigating = true;
  var LINKS = '[data-testid="stSidebarNav"] a, a[data-testid="stPageLink-NavLink"]';
  var pending = null;
  function linkOf(event) { return event.target.closest ? event.target.closest(LINKS) : null; }
  document.addEventListener('pointerdown', function (event) {
    var link = linkOf(event), active = document.activeElement;
    if (link && active && (active.tagName === 'TEXTAREA' || active.tagName === 'INPUT')) {
      pending = link;
      active.blur();
    }
  }, true);
  document.addEventListener('click', function (event) {
    var link = linkOf(event);
    if (link && link === pending) {
      pending = null;
      event.preventDefault();
      event.stopImmediatePropagation();
      setTimeout(function () { link.click(); }, 200);
    }
  }, true);
})();
</script>"""


def commit_typing_before_navigating() -> None:
    """Make the first click on a menu link after typing both save the text and navigate."""
    st.html(_COMMIT_BEFORE_NAVIGATING, unsafe_allow_javascript=True)


#: The Assess page's progress bar stays under the app's header while the questions scroll
#: by; a question or section jumped to stops below it rather than behind it.
_ASSESS_STYLES = """<style>
/* The keyed container sits in a wrapper of its own height: the wrapper is what sticks. */
[data-testid="stLayoutWrapper"]:has(> .st-key-assess-progress) {
  position: sticky; top: 3.75rem; z-index: 20;
}
.st-key-assess-progress {
  background: var(--st-background-color, #ffffff);
  padding: 0.5rem 0 0.75rem; border-bottom: 1px solid rgba(27, 38, 49, 0.12);
}
[class*="st-key-q-"], [class*="st-key-cap-"] { scroll-margin-top: 12rem; }
[class*="st-key-ro-"] {
  background: #eaf2f8; border-left: 4px solid #1f5f8b; border-radius: 0.5rem;
  padding: 0.6rem 0.9rem;
}
</style>"""


def assess_styles() -> None:
    st.html(_ASSESS_STYLES)
