"""Assess (``/assess``): forwards to the page of the dimension the respondent is on.

Kept so that "go to Assess" (Start's Continue, older links with ``?d=``) still works now
that every dimension is a page of its own.
"""

import routes
import state
import store
import streamlit as st
import views

from assessment_models.scoring import score

record = views.open_record()
card = score(record.questionnaire, store.responses(record.code))
ids = [d.id for d in record.questionnaire.dimensions if card.dimension(d.id).in_scope]
if not ids:
    st.info("Every dimension is out of scope in this assessment, so there is nothing to answer.")
    st.stop()

with_questions_left = [i for i in ids if card.dimension(i).answered < card.dimension(i).questions]
candidates = (state.dimension(), st.query_params.get(state.DIMENSION_PARAM))
target = next((c for c in candidates if c in ids), (with_questions_left or ids)[0])
st.switch_page(routes.dimension_page(target), query_params={state.CODE_PARAM: record.code})
