"""Review: what is still unanswered, a summary of every answer, and the finish button."""

import actions
import routes
import state
import store
import streamlit as st
import views
from labels import count_text, review_answer_text
from portfolio import reassess

from assessment_models.scoring import score

record = views.open_record()
code, questionnaire = record.code, record.questionnaire
responses = store.responses(code)
card = score(questionnaire, responses)
views.sidebar(record, card)


st.title("Review")
overall = card.overall
st.progress(overall.coverage or 0.0, text=count_text(overall.answered, overall.questions))

in_scope = [d for d in questionnaire.dimensions if card.dimension(d.id).in_scope]
unanswered: dict[str, list] = {dimension.id: [] for dimension in in_scope}
for dimension_id, question in views.unanswered(record, card, responses):
    unanswered[dimension_id].append(question)

st.subheader("Still unanswered", anchor=False)
if not any(unanswered.values()):
    st.success("Every question in scope has an answer.", icon=":material/check_circle:")
with st.container(key="review-unanswered"):
    # Question buttons read as a list: left-aligned, wrapping like text.
    st.html(
        "<style>.st-key-review-unanswered button{justify-content:flex-start;"
        "text-align:left;}</style>"
    )
    for dimension in in_scope:
        missing = unanswered[dimension.id]
        if not missing:
            continue
        with st.expander(
            f"{dimension.title} · {len(missing)} unanswered", expanded=len(missing) <= 5
        ):
            for question in missing:
                if st.button(
                    question.text,
                    key=state.review_goto_key(question.id),
                    icon=":material/arrow_forward:",
                    type="tertiary",
                    on_click=actions.go_to_question,
                    args=(dimension.id, question.id),
                ):
                    st.switch_page(
                        routes.dimension_page(dimension.id),
                        query_params={state.CODE_PARAM: code},
                    )

carried = reassess.status(code)
reassess.review_section(code, questionnaire, carried, finished=record.is_finished)

st.subheader("Your answers", anchor=False)
for dimension in in_scope:
    progress = card.dimension(dimension.id)
    with st.expander(f"{dimension.title} · {count_text(progress.answered, progress.questions)}"):
        # One two-column table per capability: on a phone both columns fit, where the
        # five columns of one table per dimension cut off the comments.
        for capability in dimension.capabilities:
            st.markdown(f"**{capability.title}**")
            in_scope_capability = card.capability(capability.id).in_scope
            rows = [
                {
                    "Question": question.text,
                    "Your answer": (
                        review_answer_text(
                            questionnaire, question, responses.answers.get(question.id)
                        )
                        if in_scope_capability
                        else "Out of scope"
                    ),
                }
                for question in capability.questions
            ]
            st.table(rows, hide_index=True, border="horizontal")

st.divider()
if record.is_finished:
    st.info("This assessment is finished.", icon=":material/lock:")
    if st.button("See the results", key=state.REVIEW_RESULTS, type="primary"):
        st.switch_page(routes.RESULTS)
else:
    remaining = sum(len(m) for m in unanswered.values())
    if remaining:
        st.caption(
            f"{remaining} questions are still unanswered. You can finish anyway: the results "
            "then say how much of the assessment they cover. Finishing makes the answers "
            "read-only until you reopen it."
        )
    else:
        st.caption("Finishing makes the answers read-only until you reopen the assessment.")
    if st.button(
        "Finish and see the results",
        key=state.REVIEW_FINISH,
        type="primary",
        icon=":material/flag:",
    ):
        actions.finish(code, questionnaire)
        st.switch_page(routes.RESULTS)
