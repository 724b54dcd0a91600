"""Start: begin a new assessment, reopen one with its code or link, or import a JSON file."""

import actions
import benchmark_view
import resume_link
import routes
import state
import store
import streamlit as st
from labels import count_text, plain, plural
from resources import installed_questionnaires
from workshop import wcreate

from assessment_models.errors import NotFoundError
from assessment_models.scoring import score

st.title("Sextant")
st.write(
    "A self-assessment of how your team delivers IT: plan, build, release and run. "
    "Answer at your own pace; every answer is saved as you go."
)

message = state.pop_flash()
if message:
    st.success(message, icon=":material/check_circle:")

code = state.code()
if code is not None:
    try:
        record = store.record(code)
    except NotFoundError:
        state.close_assessment()
        st.rerun()
    card = score(record.questionnaire, store.responses(code))
    with st.container(border=True):
        st.subheader("Your assessment")
        who = record.respondent.display_name
        st.markdown(f"**{record.questionnaire.title}**" + (f" — {plain(who)}" if who else ""))
        st.progress(
            card.overall.coverage or 0.0,
            text=count_text(card.overall.answered, card.overall.questions),
        )
        st.markdown("**Link to come back to it**")
        resume_link.show_resume_link(record)
        if state.closing():
            st.warning(
                "Close this assessment? Its answers stay saved, but this tab forgets it: "
                "only its link or access code opens it again. Keep the link first (copy it, "
                "or download the card).",
                icon=":material/warning:",
            )
            left, right = st.columns(2)
            left.button(
                "Keep it open",
                key=state.START_CLOSE_CANCEL,
                on_click=state.ask_to_close,
                args=(False,),
                type="primary",
                width="stretch",
            )
            right.button(
                "Close it",
                key=state.START_CLOSE_CONFIRM,
                on_click=state.close_assessment,
                width="stretch",
            )
            st.stop()
        left, right = st.columns(2)
        if left.button(
            "See results" if record.is_finished else "Continue answering",
            key=state.START_CONTINUE,
            type="primary",
            icon=":material/arrow_forward:",
            width="stretch",
        ):
            st.switch_page(routes.RESULTS if record.is_finished else routes.ASSESS)
        right.button(
            "Close it and start another",
            key=state.START_NEW,
            on_click=state.ask_to_close,
            args=(True,),
            width="stretch",
        )
    st.stop()

questionnaires = installed_questionnaires()
new_tab, resume_tab, import_tab, workshop_tab = st.tabs(
    ["New assessment", "Resume", "Import a file", "Run a workshop"]
)

with new_tab:
    if not questionnaires:
        st.warning("No questionnaire is installed yet.")
    else:
        chosen_id = st.radio(
            "Questionnaire",
            options=list(questionnaires),
            format_func=lambda qid: (
                f"**{questionnaires[qid].title}** — {questionnaires[qid].question_count} "
                f"questions, about {questionnaires[qid].estimated_minutes} minutes"
            ),
            key=state.START_QUESTIONNAIRE,
        )
        questionnaire = questionnaires[chosen_id]
        if questionnaire.description:
            st.caption(questionnaire.description)
        with st.form(state.START_FORM, border=False):
            left, right = st.columns(2)
            left.text_input("Organisation", key=state.START_ORGANISATION, max_chars=200)
            right.text_input("Team", key=state.START_TEAM, max_chars=200)
            benchmark_view.pickers(state.START_INDUSTRY, state.START_EDITION)
            st.markdown("**What to assess**")
            st.caption(
                "Everything is included. Leave out what does not concern your team: it "
                "then counts nowhere and shows as out of scope."
            )
            for dimension in questionnaire.dimensions:
                count = plural(len(dimension.capabilities), "capability", "capabilities")
                st.checkbox(
                    f"{dimension.title} ({count})",
                    value=True,
                    key=state.scope_key(questionnaire.id, dimension.id),
                )
                with st.expander(f"Capabilities in {dimension.title}"):
                    for capability in dimension.capabilities:
                        st.checkbox(
                            capability.title,
                            value=True,
                            key=state.scope_key(questionnaire.id, capability.id),
                        )
            st.form_submit_button(
                "Start the assessment",
                type="primary",
                icon=":material/play_arrow:",
                key=state.START_SUBMIT,
                on_click=actions.start_assessment,
                args=(questionnaire,),
            )
        error = state.start_error("new")
        if error:
            st.error(error)

with resume_tab:
    with st.form(state.START_RESUME, border=False):
        st.text_input(
            "Access code or link",
            key=state.START_RESUME_CODE,
            placeholder="Paste the code or the whole link",
        )
        st.form_submit_button(
            "Open", key=state.START_RESUME_SUBMIT, on_click=actions.resume_assessment
        )
    error = state.start_error("resume")
    if error:
        st.error(error)

with import_tab:
    st.write(
        "Load answers exported from Sextant (a JSON file). They become a new assessment; "
        "nothing already stored changes."
    )
    st.file_uploader("Answers file (JSON)", type=["json"], key=state.START_IMPORT_FILE)
    st.button("Import", key=state.START_IMPORT, on_click=actions.import_file)
    error = state.start_error("import")
    if error:
        st.error(error)

with workshop_tab:
    wcreate.render()
