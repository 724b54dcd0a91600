"""Assess, one dimension: its capabilities as sections, every answer saved at once.

Each dimension of the open assessment is a page of its own (see routes.py); which one this
is comes from ``state.dimension()``, set by the entry point.
"""

import actions
import routes
import state
import store
import streamlit as st
import views
from labels import count_text
from portfolio import reassess
from question_view import render_question

from assessment_models.scoring import score

record = views.open_record()
code, questionnaire = record.code, record.questionnaire
responses = store.responses(code)
card = store.once_per_run(f"card.{code}", lambda: score(questionnaire, responses))
views.sidebar(record, card)

dimensions = [d for d in questionnaire.dimensions if card.dimension(d.id).in_scope]
ids = [d.id for d in dimensions]
if state.dimension() not in ids:
    st.switch_page(routes.ASSESS)  # out of scope, or not this questionnaire's
position = ids.index(state.dimension() or "")
dimension = dimensions[position]
progress = card.dimension(dimension.id)
capabilities = [c for c in dimension.capabilities if card.capability(c.id).in_scope]

views.assess_styles()
with st.container(key=state.PAGE_TOP_ANCHOR):
    st.caption(f"Dimension {position + 1} of {len(dimensions)}")
    st.title(dimension.title, anchor=False)
if dimension.description:
    st.write(dimension.description)

# The bar that stays in view while scrolling: progress, a jump to any section, and the
# next question still without an answer.
with st.container(key=state.PROGRESS_BAR_ANCHOR):
    st.progress(
        progress.coverage or 0.0,
        text=f"{count_text(progress.answered, progress.questions)} in {dimension.title} · "
        f"{count_text(card.overall.answered, card.overall.questions)} overall",
    )
    with st.container(horizontal=True, vertical_alignment="center"):
        if len(capabilities) > 1:
            st.selectbox(
                "Jump to a section",
                options=[c.id for c in capabilities],
                format_func=lambda cid: questionnaire.capabilities_by_id[cid].title,
                index=None,
                placeholder="Go to a section…",
                key=state.ASSESS_JUMP,
                on_change=actions.jump_to_section,
                label_visibility="collapsed",
                width=190,  # beside the button on one line, even on a phone
            )
        missing = views.unanswered(record, card, responses)
        if missing and not record.is_finished:
            if st.button(
                "Next unanswered",
                key=state.ASSESS_NEXT_UNANSWERED,
                icon=":material/keyboard_double_arrow_down:",
                on_click=actions.flush_comments,
                args=(code, questionnaire),
            ):
                target_dimension, question = views.next_unanswered(missing, ids, dimension.id)
                state.set_focus(state.question_anchor(question.id))
                if target_dimension != dimension.id:
                    st.switch_page(
                        routes.dimension_page(target_dimension),
                        query_params={state.CODE_PARAM: code},
                    )
        elif not record.is_finished:
            st.page_link(
                routes.REVIEW,
                label="Every question is answered: review",
                icon=":material/done_all:",
            )
views.saved_caption()
carried = reassess.status(code)
on_page = [q.id for c in dimension.capabilities for q in c.questions]
reassess.assess_banner(code, carried, on_page)

if record.is_finished:
    st.info(
        "This assessment is finished, so its answers are read-only. Reopen it to change them.",
        icon=":material/lock:",
    )
    st.button(
        "Reopen to change answers",
        key=state.ASSESS_REOPEN,
        on_click=actions.reopen,
        args=(code,),
    )

for capability in dimension.capabilities:
    unit = card.capability(capability.id)
    with st.container(key=state.capability_anchor(capability.id)):
        st.subheader(capability.title, anchor=False)
        if not unit.in_scope:
            st.caption(":material/block: Out of scope: left out of this assessment.")
            continue
        st.caption(
            count_text(unit.answered, unit.questions)
            + (f" · {capability.description}" if capability.description else "")
        )
    for question in capability.questions:
        render_question(
            code,
            questionnaire,
            question,
            responses.answers.get(question.id),
            disabled=record.is_finished,
            carried=question.id in carried.unconfirmed,
        )

st.divider()
previous_col, next_col = st.columns(2)
neighbours = {
    "previous": ids[position - 1] if position > 0 else None,
    "next": ids[position + 1] if position < len(ids) - 1 else None,
}
if neighbours["previous"] and previous_col.button(
    f"Previous: {dimensions[position - 1].title}",
    key=state.ASSESS_PREVIOUS,
    icon=":material/arrow_back:",
    on_click=actions.flush_comments,
    args=(code, questionnaire),
    width="stretch",
):
    state.set_focus(state.PAGE_TOP_ANCHOR)
    st.switch_page(
        routes.dimension_page(neighbours["previous"]), query_params={state.CODE_PARAM: code}
    )
if neighbours["next"]:
    if next_col.button(
        f"Next: {dimensions[position + 1].title}",
        key=state.ASSESS_NEXT,
        icon=":material/arrow_forward:",
        icon_position="right",
        type="primary",
        on_click=actions.flush_comments,
        args=(code, questionnaire),
        width="stretch",
    ):
        state.set_focus(state.PAGE_TOP_ANCHOR)
        st.switch_page(
            routes.dimension_page(neighbours["next"]), query_params={state.CODE_PARAM: code}
        )
elif next_col.button(
    "Review your answers",
    key=state.ASSESS_REVIEW,
    icon=":material/fact_check:",
    icon_position="right",
    type="primary",
    on_click=actions.flush_comments,
    args=(code, questionnaire),
    width="stretch",
):
    st.switch_page(routes.REVIEW)

anchor = state.focus()
if anchor:
    state.set_focus(None)
    views.scroll_to(anchor)
