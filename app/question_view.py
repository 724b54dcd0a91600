"""One question on the Assess page, drawn by its kind, each widget saving on change."""

from __future__ import annotations

import actions
import state
import streamlit as st
from labels import CONFIDENCE_LABELS, NA, answer_text, na_option_label, option_label
from portfolio import reassess

from assessment_models.questionnaire import MetricQuestion, Question, Questionnaire
from assessment_models.responses import MAX_COMMENT_LENGTH, Answer, question_level


def render_question(
    code: str,
    questionnaire: Questionnaire,
    question: Question,
    answer: Answer | None,
    *,
    disabled: bool,
    carried: bool = False,
) -> None:
    actions.seed_question(question, answer)
    answered = answer is not None and answer.is_answered
    with st.container(border=True, key=state.question_anchor(question.id)):
        badge = (
            ":green-badge[:material/check: Answered]"
            if answered
            else ":orange-badge[:material/radio_button_unchecked: Not answered yet]"
        )
        if carried:
            badge = reassess.CARRIED_BADGE
        if question.id in state.pending():  # given here, the database has not taken it yet
            badge = ":orange-badge[:material/cloud_off: Not saved yet]"
        elif question.id in state.conflicts():  # refused: another window changed it first
            badge = ":orange-badge[:material/sync_problem: Changed in another window]"
        st.markdown(f"**{question.text}**  \n{badge}", help=question.help or None)
        if disabled:
            _read_only(questionnaire, question, answer)
        elif isinstance(question, MetricQuestion):
            _metric(code, questionnaire, question, disabled=disabled)
        else:
            _options(code, question, disabled=disabled)
        if carried:
            reassess.keep_button(code, question.id, disabled=disabled)
        if question.references:
            st.caption("See also: " + "; ".join(question.references))
        if not disabled:
            _comment_and_confidence(code, question, answer, disabled=disabled)


def _read_only(questionnaire: Questionnaire, question: Question, answer: Answer | None) -> None:
    """A finished assessment's answer, said plainly: the choice in a box of its own, then
    the confidence and the comment. Disabled widgets drew it grey on grey."""
    if answer is None or not answer.is_answered:
        st.caption(":material/radio_button_unchecked: Not answered")
        return
    level = question_level(question, answer)
    detail = ""
    if answer.na:
        detail = "Counts in no score."
    elif isinstance(question, MetricQuestion):
        detail = f"{questionnaire.level_name(level)}."
    else:
        option = question.option_at(level)
        detail = option.descriptor if option is not None else ""
    with st.container(key=state.read_only_anchor(question.id)):
        chosen = answer_text(questionnaire, question, answer)
        st.markdown(f"**{chosen}**" + (f"  \n{detail}" if detail else ""))
    if answer.confidence is not None:
        st.caption(f"Confidence: {CONFIDENCE_LABELS[answer.confidence.value]}")
    if answer.comment:
        st.caption("Comment or evidence")
        st.text(answer.comment)


def _options(code: str, question: Question, *, disabled: bool) -> None:
    labels: dict[int | str, str] = {o.level: option_label(o) for o in question.options}
    if question.allow_na:
        labels[NA] = na_option_label()
    st.radio(
        question.text,
        options=list(labels),
        format_func=labels.__getitem__,
        index=None,
        key=state.answer_key(question.id),
        on_change=actions.save_question,
        args=(code, question),
        label_visibility="collapsed",
        disabled=disabled,
    )


def _metric(
    code: str, questionnaire: Questionnaire, question: MetricQuestion, *, disabled: bool
) -> None:
    not_applicable = bool(state.value(state.na_key(question.id)))
    value = st.number_input(
        f"Your answer, in {question.unit}",
        min_value=question.min_value,
        max_value=question.max_value,
        value=None,
        step=1.0,
        format="%g",
        placeholder="Type a number",
        key=state.answer_key(question.id),
        on_change=actions.save_question,
        args=(code, question),
        disabled=disabled or not_applicable,
        width=320,
    )
    if value is not None and not not_applicable:
        level = question.level_of(value)
        st.caption(f"That is level {level}: {questionnaire.level_name(level)}.")
    if question.allow_na:
        st.checkbox(
            "Not applicable",
            key=state.na_key(question.id),
            on_change=actions.metric_not_applicable,
            args=(code, question),
            disabled=disabled,
        )


def _comment_and_confidence(
    code: str, question: Question, answer: Answer | None, *, disabled: bool
) -> None:
    has_notes = answer is not None and (bool(answer.comment) or answer.confidence is not None)
    with st.expander("Comment, evidence and confidence", expanded=has_notes):
        st.text_area(
            "Comment or evidence (optional)",
            key=state.comment_key(question.id),
            on_change=actions.save_question,
            args=(code, question),
            max_chars=MAX_COMMENT_LENGTH,
            placeholder="What backs this answer up? A link, a number, an example.",
            height=90,
            disabled=disabled,
        )
        st.caption("Saved when you click outside the box or press Ctrl+Enter.")
        st.segmented_control(
            "How sure are you of this answer?",
            options=list(CONFIDENCE_LABELS),
            format_func=CONFIDENCE_LABELS.__getitem__,
            key=state.confidence_key(question.id),
            on_change=actions.save_question,
            args=(code, question),
            disabled=disabled,
        )
