"""Re-assessment in the walk-through: carried-over answers on Assess, Review and Results.

A carried-over answer counts in the scores like any other; it is marked until the
respondent confirms it ("Keep this answer") or changes it, so that only what changed
needs attention.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import routes
import state
import store as app_store
import streamlit as st
from labels import plural
from resources import installed_questionnaires

from assessment_models.errors import NotFoundError, SextantError
from assessment_models.portfolio import assessed
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Responses
from assessment_models.storage import AssessmentRecord, CarryOver
from assessment_models.trend import done_between
from portfolio import store

CARRIED_BADGE = ":violet-badge[:material/history: Carried over: keep it or change it]"
NEXT = "results.next_assessment"
CONFIRM_ALL = "review.confirm_all"


def keep_key(question_id: str) -> str:
    return f"assess.keep.{question_id}"


def status(code: str) -> CarryOver:
    # Remembered: the Assess page must still open while the database is away (issue 11).
    # Settled once nothing was carried over: most assessments never were, and the Assess
    # page would otherwise ask on every rerun.
    return app_store.settled(
        f"carry_over.{code}", lambda: store.carry_over(code), final=_never_carried_over
    )


def _never_carried_over(carried: CarryOver) -> bool:
    # Only "Start the next assessment" carries answers over, and only into the assessment
    # it creates; attaching an assessment to a team links it with nothing carried.
    return carried.previous_code is None and not carried.carried


def confirm(code: str, question_ids: Iterable[str]) -> None:
    """on_click of "Keep this answer" / "Keep all": the answers stay as they are."""
    try:
        store.confirm(code, list(question_ids))
    except SextantError as exc:
        state.record_save_error(f"Not saved: {exc.message}")


def keep_button(code: str, question_id: str, *, disabled: bool) -> None:
    st.button("Keep this answer", key=keep_key(question_id), icon=":material/check:",
              type="tertiary", on_click=confirm, args=(code, [question_id]), disabled=disabled)


def assess_banner(code: str, carried: CarryOver, question_ids: Iterable[str]) -> None:
    """Above the questions: how many carried-over answers on this page still need a look."""
    here = [q for q in question_ids if q in carried.unconfirmed]
    if not carried.carried:
        return
    if not here:
        st.caption(f":material/history: {carried.confirmed} of {carried.carried} "
                   "carried-over answers looked at so far.")
        return
    st.info(
        f"{plural(len(here), 'answer', 'answers')} on this page came over from the last "
        "assessment. Keep each one that still holds, or change it.",
        icon=":material/history:",
    )


def review_section(
    code: str, questionnaire: Questionnaire, carried: CarryOver, *, finished: bool
) -> None:
    """The carried-over answers nobody has confirmed or changed yet, by dimension."""
    if not carried.carried:
        return
    st.subheader("Carried over, not yet looked at", anchor=False)
    if not carried.unconfirmed:
        st.success(f"All {carried.carried} carried-over answers were kept or changed.",
                   icon=":material/check_circle:")
        return
    for dimension, _capability, question in questionnaire.iter_questions():
        if question.id in carried.unconfirmed:
            st.markdown(f"- {dimension.title}: {question.text}")
    st.button(
        f"Keep all {len(carried.unconfirmed)} as they are",
        key=CONFIRM_ALL,
        on_click=confirm,
        args=(code, sorted(carried.unconfirmed)),
        disabled=finished,
    )


def results_note(carried: CarryOver) -> None:
    if carried.carried:
        st.caption(
            f":material/history: Re-assessment: {carried.confirmed} of {carried.carried} "
            "answers carried over from the last assessment were confirmed or changed; "
            f"{len(carried.unconfirmed)} were kept without a look."
        )


def next_assessment(record: AssessmentRecord) -> None:
    """On a finished assessment: start the next one, pre-filled from this one."""
    if not record.is_finished:
        return
    questionnaire = installed_questionnaires().get(record.questionnaire_id, record.questionnaire)
    with st.container(border=True):
        st.markdown("**Time for the next assessment?**")
        st.caption("It starts from these answers, each marked carried over until you keep or "
                   "change it, so only what changed needs attention.")
        if st.button("Start the next assessment", key=NEXT, icon=":material/history:"):
            try:
                new = store.start_next(record.code, questionnaire)
            except SextantError as exc:
                st.error(exc.message)
                return
            state.open_assessment(new)
            st.switch_page(routes.ASSESS)


def previous_plan(code: str, questionnaire: Questionnaire, responses: Responses) -> None:
    """On the Roadmap of a re-assessment: which items of the previous plan were done, and
    how their capability moved since."""
    carried = status(code)
    if carried.previous_code is None:
        return
    try:
        record = app_store.record(carried.previous_code)
        previous = app_store.responses(carried.previous_code)
        tracking = app_store.tracking(carried.previous_code)
    except NotFoundError:
        return
    before = assessed("", "previous", (record.finished_at or record.updated_at).date(),
                      record.questionnaire, previous, tracking=tracking)
    after = assessed("", "this", date.today(), questionnaire, responses)
    done = done_between(before, after)
    title = f"From the previous plan: {plural(len(done), 'item', 'items')} done"
    with st.expander(title, expanded=bool(done), icon=":material/history:"):
        if not done:
            st.caption("No item of the previous assessment's plan was marked done.")
            return
        st.table(
            [
                {
                    "Item": d.title,
                    "Capability": d.capability_title,
                    "Then": "—" if d.before is None else f"{d.before:.2f}",
                    "Now": "—" if d.after is None else f"{d.after:.2f}",
                    "Change": "—" if d.delta is None else f"{d.delta:+.2f}",
                }
                for d in done
            ],
            hide_index=True,
            border="horizontal",
        )
        st.caption("Now: this assessment's answers so far. Did the finished work move the "
                   "capability it was meant to move?")
