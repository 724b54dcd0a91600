"""Sextant's Streamlit entry point: page config, shared resources, the access code, routing."""

import routes
import state
import store
import streamlit as st
from resources import installed_questionnaires, sessions
from workshop import wnav

from assessment_models.errors import NotFoundError, SextantError

st.set_page_config(page_title="Sextant", page_icon="🧭", layout="wide")

try:
    sessions()  # opens the database and migrates it, once per process
    installed_questionnaires()  # parses the YAML, once per process
except SextantError as exc:
    st.error(exc.message)
    st.stop()

# The access code travels in the URL (?a=CODE): a refresh, a bookmark or a shared link
# reopens the assessment from storage.
url_code = state.code_from_url()
if url_code and url_code != state.code():
    try:
        store.record(url_code)
    except NotFoundError as exc:
        state.drop_code_from_url()
        st.error(exc.message)
    else:
        state.open_assessment(url_code)
state.show_code_in_url()
wnav.open_from_url()  # a facilitator link, ?w=CODE

page = st.navigation(
    [
        st.Page(routes.START, title="Start", icon=":material/flag:", default=True),
        st.Page(routes.ASSESS, title="Assess", icon=":material/checklist:"),
        st.Page(routes.REVIEW, title="Review", icon=":material/fact_check:"),
        st.Page(routes.RESULTS, title="Results", icon=":material/radar:"),
        st.Page(routes.ROADMAP, title="Roadmap", icon=":material/route:"),
        *wnav.pages(),
        st.Page(routes.PORTFOLIO, title="Portfolio", icon=":material/groups:"),
    ]
)
page.run()
