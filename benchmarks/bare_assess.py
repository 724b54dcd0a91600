"""The baseline for the Assess page: a bare Streamlit script with the same widgets.

The same element tree as one dimension of the Assess page (picker, title, progress, per
question a bordered container with its text, the radio or number input, the comment
expander with a text area and a confidence control; the two navigation buttons), drawn
from constant data with callbacks that do nothing: no storage, no scoring, no state module.
The dimension comes from the JSON file named by ``$SEXTANT_BENCH_SPEC``.
"""

import json
import os

import streamlit as st


@st.cache_resource
def spec(path: str) -> dict:  # type: ignore[type-arg]
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def nothing(*_args: object) -> None:
    """Every widget's callback: the product saves here; the baseline does nothing."""


dimension = spec(os.environ["SEXTANT_BENCH_SPEC"])
st.selectbox("Dimension", options=dimension["picker"], key="picker", on_change=nothing)
st.title(dimension["title"])
st.write(dimension["description"])
st.progress(0.5, text="Progress in this dimension")
st.caption("Saved")
for capability in dimension["capabilities"]:
    st.subheader(capability["title"], anchor=False)
    st.caption(capability["description"])
    for q in capability["questions"]:
        with st.container(border=True, key=f"q-{q['id']}"):
            st.markdown(f"**{q['text']}**  \n:green-badge[Answered]", help=q["help"] or None)
            if q["options"] is None:
                st.number_input("Your answer", value=None, step=1.0, format="%g",
                                key=f"answer.{q['id']}", on_change=nothing, width=320)
                st.checkbox("Not applicable", key=f"na.{q['id']}", on_change=nothing)
            else:
                labels = dict(q["options"])
                st.radio(q["text"], options=list(labels), format_func=labels.__getitem__,
                         index=None, key=f"answer.{q['id']}", on_change=nothing,
                         label_visibility="collapsed")
            if q["references"]:
                st.caption("See also: " + q["references"])
            with st.expander("Comment, evidence and confidence"):
                st.text_area("Comment or evidence (optional)", key=f"comment.{q['id']}",
                             on_change=nothing, height=90)
                st.caption("Saved when you click outside the box.")
                st.segmented_control("How sure are you of this answer?",
                                     options=["low", "medium", "high"],
                                     key=f"confidence.{q['id']}", on_change=nothing)
st.divider()
previous_col, next_col = st.columns(2)
previous_col.button("Previous", key="previous", on_click=nothing, width="stretch")
next_col.button("Next", key="next", on_click=nothing, type="primary", width="stretch")
