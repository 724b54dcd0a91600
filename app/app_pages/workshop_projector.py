"""Projector view: the join code in large type, the join link, a QR code, who has joined."""

import streamlit as st
from workshop import wstore, wviews

record = wviews.open_workshop()
link = wviews.join_link(record.join_code)

code_col, qr_col = st.columns([3, 2], vertical_alignment="center")
with code_col:
    st.markdown(f"### Join the {record.questionnaire.title}")
    st.html(
        "<div style='font-size:min(11vw,190px);font-weight:700;letter-spacing:0.12em;"
        f"font-family:monospace;line-height:1.1'>{record.join_code}</div>"
    )
    st.markdown(f"Go to **{link.split('?')[0]}** and type the code, or scan the QR code.")
    if not record.is_open:
        st.warning("This workshop is closed: it takes no new participants.")
with qr_col:
    st.image(wviews.qr_png(link), width=420, caption=link)


@st.fragment(run_every=5)
def joined() -> None:
    _, _, aggregate = wstore.dashboard(record.facilitator_code)
    done = sum(1 for p in aggregate.progress if p.questions and p.answered == p.questions)
    st.markdown(f"## {aggregate.participants} joined · {done} finished")


joined()
