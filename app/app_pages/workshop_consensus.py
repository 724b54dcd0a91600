"""Agree the answers: walk the agenda question by question, record the group's answer.

The consensus is an ordinary assessment, so its Results, Roadmap, PDF and exports are the
usual pages once it is opened.
"""

import state
import store
import streamlit as st
from labels import NA_LABEL, answer_text
from workshop import wactions, wstate, wstore, wviews

from assessment_models.questionnaire import MetricQuestion
from assessment_models.workshop import discuss_first, in_scope_questions, median_answer

record = wviews.open_workshop()
code, consensus_code = record.facilitator_code, record.consensus_code
questionnaire = record.questionnaire
target = wstate.pop_go()
if target:
    st.switch_page(target)

st.title("Agree the answers")
wviews.header(record)
message = state.pop_flash()
if message:
    st.success(message, icon=":material/check_circle:")

_, group, agg = wstore.dashboard(code)
agreed = store.responses(consensus_code).answers
agenda = [s.question_id for s in discuss_first(agg.questions, record.threshold)]
rest = [q.id for q in in_scope_questions(questionnaire, record.scope) if q.id not in agenda]
order = agenda + rest
settled = sum(1 for qid in order if qid in agreed and agreed[qid].is_answered)
st.progress(
    settled / len(order) if order else 0.0,
    text=f"{settled} of {len(order)} questions agreed · {len(agenda)} to discuss first",
)

state.seed(wstate.CONS_QUESTION, order[0] if order else None)
if state.value(wstate.CONS_QUESTION) not in order and order:
    state.set_value(wstate.CONS_QUESTION, order[0])
st.selectbox(
    "Question",
    options=order,
    format_func=lambda qid: (
        ("Discuss · " if qid in agenda else "")
        + ("✓ " if qid in agreed and agreed[qid].is_answered else "")
        + questionnaire.questions_by_id[qid].text
    ),
    key=wstate.CONS_QUESTION,
    on_change=wactions.forget_consensus_widgets,
)
question_id = state.value(wstate.CONS_QUESTION)
if question_id is None:
    st.info("Nothing is in scope in this workshop.")
    st.stop()
question = questionnaire.questions_by_id[question_id]
spread = agg.question(question_id)
current = agreed.get(question_id)

with st.container(border=True):
    st.subheader(question.text, anchor=False)
    wviews.spread_table(questionnaire, [spread], key="workshop.cons.spread")
    if spread.comments and not spread.hidden:
        for label, text in spread.comments:
            st.text(f"{label}: {text}" if label else f"• {text}")
    median = median_answer(question, group)
    st.caption(
        "Agreed so far: "
        + (answer_text(questionnaire, question, current) if current else "nothing yet")
        + " · median of the group: "
        + (answer_text(questionnaire, question, median) if median else "no answers yet")
    )

    if isinstance(question, MetricQuestion):
        state.seed(wstate.CONS_VALUE, current.value if current else None)
        state.seed(wstate.CONS_NA, bool(current and current.na))
        st.number_input(
            f"Agreed value, in {question.unit}",
            min_value=question.min_value,
            max_value=question.max_value,
            value=None,
            format="%g",
            key=wstate.CONS_VALUE,
        )
        if question.allow_na:
            st.checkbox("Not applicable", key=wstate.CONS_NA)
    else:
        options: dict[int | str, str] = {
            o.level: f"{o.level} · {o.label}" for o in question.options
        }
        if question.allow_na:
            options[wstate.NA] = NA_LABEL
        seeded: int | str | None = None
        if current is not None:
            seeded = wstate.NA if current.na else current.level
        state.seed(wstate.CONS_LEVEL, seeded)
        st.radio(
            "Agreed answer",
            options=list(options),
            format_func=options.__getitem__,
            index=None,
            key=wstate.CONS_LEVEL,
            horizontal=True,
        )
    state.seed(wstate.CONS_NOTE, current.comment if current else "")
    st.text_area("Note (why the group agreed this)", key=wstate.CONS_NOTE, height=80)
    record_col, median_col = st.columns(2)
    record_col.button(
        "Record the agreed answer",
        key=wstate.CONS_RECORD,
        type="primary",
        on_click=wactions.record_consensus,
        args=(consensus_code, question),
        width="stretch",
    )
    median_col.button(
        "Take the median"
        + (f" ({answer_text(questionnaire, question, median)})" if median else ""),
        key=wstate.CONS_MEDIAN,
        on_click=wactions.take_median,
        args=(code, consensus_code, question_id),
        disabled=median is None,
        width="stretch",
    )
    problem = wstate.error("cons")
    if problem:
        st.error(problem)

previous_col, next_col = st.columns(2)
previous_col.button(
    "Previous question",
    key=wstate.CONS_PREVIOUS,
    on_click=wactions.step,
    args=(order, -1),
    width="stretch",
)
next_col.button(
    "Next question", key=wstate.CONS_NEXT, on_click=wactions.step, args=(order, 1), width="stretch"
)

st.divider()
st.markdown(
    "**Settle the rest by the median.** Every question without an agreed answer takes the "
    "group's median. With an even number of answers the lower of the two middle answers is "
    "taken: always a level somebody chose, and the cautious one."
)
st.button(
    "Settle the rest by the median",
    key=wstate.CONS_BULK,
    on_click=wactions.settle_rest_by_median,
    args=(code, consensus_code),
)

with st.expander("Second round: vote again on the discussed questions"):
    st.multiselect(
        "Questions to vote on again",
        options=order,
        default=agenda,
        format_func=lambda qid: questionnaire.questions_by_id[qid].text,
        key=wstate.CONS_ROUND_QUESTIONS,
    )
    st.caption(
        "Everyone's current answers to these questions are kept as the first round; "
        "participants then change their answers if the discussion changed their mind, and "
        "the dashboard shows how far the spread narrowed."
    )
    st.button(
        "Open the second round",
        key=wstate.CONS_ROUND_START,
        on_click=wactions.start_second_round,
        args=(code,),
    )

st.divider()
st.button(
    "See the results of the consensus",
    key=wstate.CONS_RESULTS,
    type="primary",
    icon=":material/radar:",
    on_click=wactions.open_consensus_results,
    args=(consensus_code,),
)
