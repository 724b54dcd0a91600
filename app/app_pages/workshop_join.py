"""Join a workshop: the code from the projector, a name (unless anonymous), then answer."""

import state
import streamlit as st
from labels import plain
from workshop import wactions, wstate, wviews

st.title("Join a workshop")
st.write(
    "Type the code the facilitator shows. You get your own copy of the questionnaire; "
    "your answers are saved as you go and stay private until the facilitator reveals the "
    "group's answers."
)
target = wstate.pop_go()
if target:
    st.switch_page(target)

from_url = wstate.join_code_from_url()
if from_url and not state.has(wstate.JOIN_CODE):
    state.set_value(wstate.JOIN_CODE, from_url)
    wactions.show_invite(from_url)
invite = wstate.invite()
if invite is not None:
    who = invite.respondent.display_name
    st.info(
        f"**{invite.title}**"
        + (f" for {plain(who)}" if who else "")
        + ". "
        + wviews.PRIVACY_FOR_PARTICIPANTS[invite.anonymity],
        icon=":material/groups:",
    )

with st.form(wstate.JOIN_FORM, border=True):
    st.text_input("Workshop code", key=wstate.JOIN_CODE, max_chars=12, placeholder="e.g. K7QX2M")
    if invite is None or invite.anonymity != "anonymous":
        st.text_input(
            "Your name" if invite else "Your name (leave empty in an anonymous workshop)",
            key=wstate.JOIN_NAME,
            max_chars=80,
        )
    st.form_submit_button(
        "Join", type="primary", key=wstate.JOIN_SUBMIT, on_click=wactions.join_workshop
    )
message = wstate.error("join")
if message:
    st.error(message)
