"""Results: overall score and level, radar against the target, capabilities, the arithmetic."""

import actions
import charts
import downloads
import state
import store
import streamlit as st
import views
from labels import (
    answer_text,
    counted_text,
    coverage_text,
    formula_text,
    level_text,
    score_text,
)

from assessment_models.scoring import score

record = views.open_record()
code, questionnaire = record.code, record.questionnaire
responses = store.responses(code)
card = score(questionnaire, responses)
views.sidebar(record, card)
overall = card.overall

st.title("Results")
who = record.respondent.display_name
st.caption(f"{questionnaire.title}, version {questionnaire.version}" + (f" — {who}" if who else ""))
if overall.answered < overall.questions:
    st.info(
        f"These results cover {overall.answered} of {overall.questions} questions "
        f"({coverage_text(overall.coverage)}). Unanswered questions count nowhere.",
        icon=":material/info:",
    )

score_col, level_col, coverage_col = st.columns(3)
score_col.metric("Overall score (out of 5)", score_text(overall.score), border=True)
level_col.metric("Maturity level", level_text(overall.level, overall.level_name), border=True)
coverage_col.metric("Questions answered", coverage_text(overall.coverage), border=True)

stored_targets = record.targets or {}
distinct = set(stored_targets.values())
state.seed(
    state.RESULTS_TARGET,
    distinct.pop() if len(distinct) == 1 else float(questionnaire.default_target),
)
st.slider(
    "Target level",
    min_value=1.0,
    max_value=5.0,
    step=0.5,
    format="%.1f",
    key=state.RESULTS_TARGET,
    on_change=actions.save_target,
    args=(code, questionnaire, record.wip_limit),
    help="The level you aim for in every dimension, saved with the assessment.",
)
target = float(state.value(state.RESULTS_TARGET))
if len(set(stored_targets.values())) > 1:
    st.caption(
        "Each dimension has its own target, set on the Roadmap page. Moving the slider sets "
        "one target for all of them."
    )
targets = {d.id: stored_targets.get(d.id, target) for d in questionnaire.dimensions}

radar_col, bars_col = st.columns(2)
with radar_col:
    st.subheader("Dimensions", anchor=False)
    st.plotly_chart(
        charts.radar(card, targets),
        config={"displayModeBar": False, "responsive": True},
        key="results.radar",
    )
with bars_col:
    st.subheader("Capabilities", anchor=False)
    st.plotly_chart(
        charts.capability_bars(card, target),
        config={"displayModeBar": False, "responsive": True},
        key="results.bars",
    )

scored = [c for c in card.capabilities if c.in_scope and c.score is not None]
strongest = sorted(scored, key=lambda c: c.score or 0.0, reverse=True)[:3]
weakest = [c for c in sorted(scored, key=lambda c: c.score or 0.0) if c not in strongest][:3]
strong_col, weak_col = st.columns(2)
with strong_col, st.container(border=True):
    st.markdown("**Strongest capabilities**")
    for unit in strongest:
        st.markdown(f"- {unit.title}: {score_text(unit.score)} ({unit.level_name})")
    if not strongest:
        st.caption("Answer some questions to see them here.")
with weak_col, st.container(border=True):
    st.markdown("**Weakest capabilities**")
    for unit in weakest:
        st.markdown(f"- {unit.title}: {score_text(unit.score)} ({unit.level_name})")
    if not weakest:
        st.caption("Answer more questions to see them here.")

st.subheader("All scores", anchor=False)
titles = {d.id: d.title for d in card.dimensions}
rows = [
    {
        "Dimension": unit.title if unit.unit == "dimension" else titles.get(unit.dimension or ""),
        "Capability": "(whole dimension)" if unit.unit == "dimension" else unit.title,
        "Score": score_text(unit.score),
        "Level": level_text(unit.level, unit.level_name) if unit.in_scope else "out of scope",
        "Answered": coverage_text(unit.coverage),
    }
    for dimension in card.dimensions
    for unit in (
        dimension,
        *(c for c in card.capabilities if c.dimension == dimension.id),
    )
]
st.table(rows, hide_index=True, border="horizontal")

with st.expander("How is this computed?", icon=":material/calculate:"):
    st.markdown(
        "A question's **level** is the level of the option chosen, or for a number, the "
        "level its value reaches. A capability's **score** is the weighted mean of its "
        "levels, Σ(weight × level) ÷ Σ weight; not-applicable and unanswered questions "
        "count nowhere. A dimension's score is the weighted mean of its capabilities, and "
        "the overall score the weighted mean of the dimensions. A **maturity level** is "
        "the whole-number part of a score."
    )
    in_scope = [c for c in card.capabilities if c.in_scope]
    if in_scope:
        chosen = st.selectbox(
            "Capability",
            options=[c.id for c in in_scope],
            format_func=lambda cid: card.capability(cid).title,
            key=state.RESULTS_EXPLAIN,
        )
        contributions = card.explanations[chosen]
        st.table(
            [
                {
                    "Question": c.text,
                    "Answer": answer_text(
                        questionnaire,
                        questionnaire.questions_by_id[c.question_id],
                        responses.answers.get(c.question_id),
                    ),
                    "Weight": f"{c.weight:g}",
                    "Counted": counted_text(c),
                }
                for c in contributions
            ],
            hide_index=True,
        )
        st.markdown(f"**Score** = {formula_text(contributions, card.capability(chosen).score)}")

st.divider()
downloads.render_downloads(record, responses, card)
