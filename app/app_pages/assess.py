"""Assess: one dimension per page, its capabilities as sections, every answer saved at once."""

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
card = score(questionnaire, responses)
views.sidebar(record, card)

dimensions = [d for d in questionnaire.dimensions if card.dimension(d.id).in_scope]
ids = [d.id for d in dimensions]
if not ids:
    st.info("Every dimension is out of scope in this assessment, so there is nothing to answer.")
    st.stop()
current = state.dimension()
if current not in ids:
    from_url = st.query_params.get(state.DIMENSION_PARAM)
    current = from_url if from_url in ids else ids[0]
    state.set_dimension(current)
state.seed(state.DIMENSION_PICKER, current)
st.query_params[state.DIMENSION_PARAM] = current
position = ids.index(current)
dimension = dimensions[position]
progress = card.dimension(dimension.id)

with st.container(key=state.PAGE_TOP_ANCHOR):
    st.selectbox(
        "Dimension",
        options=ids,
        format_func=lambda d: (
            f"{ids.index(d) + 1}. {card.dimension(d).title} — "
            f"{count_text(card.dimension(d).answered, card.dimension(d).questions)}"
        ),
        key=state.DIMENSION_PICKER,
        on_change=actions.picked_dimension,
        args=(code, questionnaire),
    )
st.title(dimension.title)
if dimension.description:
    st.write(dimension.description)
st.progress(
    progress.coverage or 0.0,
    text=f"{count_text(progress.answered, progress.questions)} in {dimension.title} · "
    f"{count_text(card.overall.answered, card.overall.questions)} overall",
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
    st.subheader(capability.title, anchor=False)
    if capability.description:
        st.caption(capability.description)
    if not unit.in_scope:
        st.caption(":material/block: Out of scope: left out of this assessment.")
        continue
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
if position > 0:
    previous_col.button(
        f"Previous: {dimensions[position - 1].title}",
        key=state.ASSESS_PREVIOUS,
        icon=":material/arrow_back:",
        on_click=actions.go_to_dimension,
        args=(code, questionnaire, ids[position - 1]),
        width="stretch",
    )
if position < len(dimensions) - 1:
    next_col.button(
        f"Next: {dimensions[position + 1].title}",
        key=state.ASSESS_NEXT,
        icon=":material/arrow_forward:",
        icon_position="right",
        type="primary",
        on_click=actions.go_to_dimension,
        args=(code, questionnaire, ids[position + 1]),
        width="stretch",
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
