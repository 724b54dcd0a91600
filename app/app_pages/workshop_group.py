"""The group's answers, as a workshop participant sees them once the facilitator reveals."""

import state
import store
import streamlit as st
from workshop import wstore, wviews

from assessment_models.errors import NotFoundError
from assessment_models.workshop import aggregate

code = state.code()
view = wstore.participant_view(code) if code else None
if code is None or view is None:
    st.error("No workshop with this code or link.")
    st.stop()

st.title("The group's answers")
if not view.revealed:
    st.info(
        "The facilitator has not revealed the group's answers yet, so that nobody anchors "
        "on the others. Keep answering; this page fills in when they do.",
        icon=":material/visibility_off:",
    )
    st.stop()
try:
    group = wstore.revealed_group(code)
except NotFoundError as exc:
    st.error(exc.message)
    st.stop()
record = store.record(code)
questionnaire = record.questionnaire
card = aggregate(questionnaire, group, record.scope, view.anonymity)
for dimension in questionnaire.dimensions:
    if dimension.id not in view.revealed:
        continue
    st.subheader(dimension.title, anchor=False)
    spreads = [s for s in card.questions if s.dimension_id == dimension.id]
    wviews.spread_table(questionnaire, spreads, key=f"workshop.group.{dimension.id}")
    if view.anonymity == "named":  # a named workshop shows who answered what once revealed
        st.dataframe(
            wviews.answers_by_person(questionnaire, group, [s.question_id for s in spreads]),
            hide_index=True,
            width="stretch",
        )
        wviews.comments(questionnaire, spreads)
