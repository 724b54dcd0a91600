"""What the respondent is told about saving when something went wrong, on every page.

Answers the database has not taken yet ("not saved yet", retried by themselves with
backoff, and a button), answers another window changed meanwhile (the newer value shown,
the respondent decides), and the moment everything went through.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import actions
import guard
import state
import store
import streamlit as st
from labels import answer_text, clock_text, plural

from assessment_models.errors import SextantError
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Answer

#: How often an open page checks, by itself, whether waiting answers can be saved now.
CHECK_EVERY = timedelta(seconds=2)

RETRY_NOW = "app.retry_now"


def show(code: str) -> None:
    """The saving notices of the open assessment; nothing at all while all is well."""
    try:
        questionnaire = store.record(code).questionnaire
    except SextantError:
        questionnaire = None
    for conflict in list(state.conflicts().values()):
        _conflict(code, questionnaire, conflict)
    if state.pending():
        _waiting(code, questionnaire)
    elif state.offline_since() is not None:
        _offline()
    recovered = state.pop_recovered()
    if recovered is not None:
        st.success(
            f"Everything is saved now ({clock_text(recovered, st.context.timezone)}): the "
            "answers this tab was keeping went through.",
            icon=":material/cloud_done:",
        )


#: How many waiting questions the notice names; the rest are counted.
NAMED = 3


@st.fragment(run_every=CHECK_EVERY)
@guard.guarded
def _waiting(code: str, questionnaire: Questionnaire | None) -> None:
    if actions.retry_pending(code):
        st.rerun(scope="app")  # every caption on the page should now say "Saved"
    waiting = state.pending()
    soonest = min(p.next_try for p in waiting.values())
    seconds = max(0, round((soonest - datetime.now(UTC)).total_seconds()))
    since = min(p.first_failed for p in waiting.values())
    with st.container(border=True):
        count = plural(len(waiting), "answer is", "answers are")
        st.markdown(
            f":material/cloud_off: **Not saved yet.** {count} "
            "kept in this tab only: the database has not answered since "
            f"{clock_text(since, st.context.timezone)}. Sextant tries again by itself "
            f"(next try in {seconds} s) and says here when it went through. Keep this tab open."
        )
        # Which ones: until they are saved, a question's own badge may still say otherwise.
        st.text(waiting_questions(questionnaire, list(waiting)))
        st.button(
            "Try again now",
            key=RETRY_NOW,
            icon=":material/refresh:",
            on_click=actions.retry_pending,
            args=(code,),
            kwargs={"now": True},
        )


@st.fragment(run_every=CHECK_EVERY)
@guard.guarded
def _offline() -> None:
    try:
        store.ping()
    except SextantError:
        st.info(
            ":material/cloud_off: The database is not answering, so this page shows what it "
            "last read. Anything you change is kept in this window and saved when it is back.",
        )
        return
    st.rerun(scope="app")


def _conflict(code: str, questionnaire: Questionnaire | None, conflict: state.Conflict) -> None:
    question = questionnaire.questions_by_id.get(conflict.question_id) if questionnaire else None
    when = clock_text(conflict.changed_at, st.context.timezone)
    title = question.text if question else conflict.question_id
    theirs, mine = _describe(questionnaire, conflict, conflict.theirs), _describe(
        questionnaire, conflict, conflict.mine
    )
    with st.container(border=True):
        st.warning(
            f"This answer was changed in another window at {when}: “{title}”",
            icon=":material/sync_problem:",
        )
        st.text(f"Now stored: {theirs}\nYours, not saved: {mine}")
        keep, use = st.columns(2)
        keep.button(
            "Keep the stored answer",
            key=f"app.keep_theirs.{conflict.question_id}",
            on_click=actions.keep_theirs,
            args=(conflict.question_id,),
            width="stretch",
        )
        use.button(
            "Save mine instead",
            key=f"app.keep_mine.{conflict.question_id}",
            on_click=actions.keep_mine,
            args=(code, conflict.question_id),
            type="primary",
            width="stretch",
        )


def waiting_questions(questionnaire: Questionnaire | None, question_ids: list[str]) -> str:
    """One line per waiting question (its text), the first few only, then how many more."""
    questions = questionnaire.questions_by_id if questionnaire else {}
    lines = [
        f"• {questions[q].text}" if q in questions else f"• {q}" for q in question_ids[:NAMED]
    ]
    if len(question_ids) > NAMED:
        lines.append(f"• and {len(question_ids) - NAMED} more")
    return "\n".join(lines)


def _describe(questionnaire: Questionnaire | None, conflict: state.Conflict, answer: Answer) -> str:
    if conflict.field == "comment":
        return f"comment “{answer.comment}”" if answer.comment else "no comment"
    if conflict.field == "confidence":
        return f"confidence {answer.confidence.value}" if answer.confidence else "no confidence"
    question = questionnaire.questions_by_id.get(conflict.question_id) if questionnaire else None
    if question is None or questionnaire is None:
        return "another answer"
    return answer_text(questionnaire, question, answer)
