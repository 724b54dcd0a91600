"""Sextant's Streamlit entry point (a home page until the walk-through lands)."""

import streamlit as st

from assessment_models.loader import load_installed

st.set_page_config(page_title="Sextant", page_icon="🧭", layout="wide")


@st.cache_resource
def installed_questionnaires():
    return load_installed()


st.title("Sextant")
st.write("An IT delivery maturity self-assessment.")
for q in installed_questionnaires().values():
    with st.container(border=True):
        st.subheader(q.title)
        st.write(q.description)
        st.caption(
            f"{', '.join(d.title for d in q.dimensions)} · {q.question_count} questions · "
            f"about {q.estimated_minutes} minutes"
        )
