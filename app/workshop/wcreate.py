"""The "Run a workshop" tab of the Start page: what a facilitator sets up front."""

from __future__ import annotations

import routes
import streamlit as st
from resources import installed_questionnaires

from workshop import wactions, wstate, wviews


def render() -> None:
    target = wstate.pop_go()
    if target:
        st.switch_page(target)
    st.write(
        "Several people answer the same questionnaire on their own phones or laptops; you "
        "see the spread, the group talks about where it disagrees, and you record the "
        "agreed answers as one assessment."
    )
    questionnaires = installed_questionnaires()
    if not questionnaires:
        st.warning("No questionnaire is installed yet.")
        return
    chosen = st.radio(
        "Questionnaire",
        options=list(questionnaires),
        format_func=lambda qid: (
            f"**{questionnaires[qid].title}** — {questionnaires[qid].question_count} questions"
        ),
        key=wstate.CREATE_QUESTIONNAIRE,
    )
    questionnaire = questionnaires[chosen]
    with st.form(wstate.CREATE_FORM, border=False):
        left, right = st.columns(2)
        left.text_input("Organisation", key=wstate.CREATE_ORGANISATION, max_chars=200)
        right.text_input("Team", key=wstate.CREATE_TEAM, max_chars=200)
        st.radio(
            "Who sees whose answers",
            options=list(wviews.ANONYMITY_LABELS),
            index=1,
            format_func=wviews.ANONYMITY_LABELS.__getitem__,
            key=wstate.CREATE_ANONYMITY,
            help="You can make a workshop more private later, never less.",
        )
        st.markdown("**Dimensions to assess**")
        columns = st.columns(min(5, len(questionnaire.dimensions)))
        for i, dimension in enumerate(questionnaire.dimensions):
            columns[i % len(columns)].checkbox(
                dimension.title,
                value=True,
                key=f"{wstate.CREATE_FORM}.scope.{questionnaire.id}.{dimension.id}",
            )
        st.checkbox(
            "Stop taking new participants at a deadline (UTC)", key=wstate.CREATE_DEADLINE_ON
        )
        day_col, time_col = st.columns(2)
        day_col.date_input("Deadline day", value=None, key=wstate.CREATE_DEADLINE_DAY)
        time_col.time_input("Deadline time", value=None, key=wstate.CREATE_DEADLINE_TIME)
        st.form_submit_button(
            "Create the workshop",
            type="primary",
            icon=":material/groups:",
            key=wstate.CREATE_SUBMIT,
            on_click=wactions.create_workshop,
        )
    problem = wstate.error("create")
    if problem:
        st.error(problem)
    st.page_link(
        routes.WORKSHOP_JOIN,
        label="Joining someone else's workshop? Enter its code",
        icon=":material/login:",
    )
