"""Results: the summary in words first, then the radar and the DORA benchmark, then details.

The order mirrors the PDF report: what a leader reads first comes first.
"""

import actions
import benchmark_view
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
    plain,
    score_text,
)
from portfolio import reassess

from assessment_models.errors import SextantError
from assessment_models.roadmap import DEFAULT_CAPACITY, DEFAULT_WIP_LIMIT, build_roadmap
from assessment_models.scoring import score
from assessment_models.summary import coverage_note, findings

record = views.open_record()
code, questionnaire = record.code, record.questionnaire
responses = store.responses(code)
card = score(questionnaire, responses)
views.sidebar(record, card)
overall = card.overall

st.title("Results")
who = record.respondent.display_name
st.caption(
    f"{questionnaire.title}, version {questionnaire.version}"
    + (f" — {plain(who)}" if who else "")
)
draft = coverage_note(card)
if draft:
    st.warning(
        f"**{draft}** Scores may move as the rest are answered; unanswered questions count "
        "nowhere.",
        icon=":material/edit_note:",
    )

reassess.results_note(reassess.status(code))

score_col, level_col, coverage_col = st.columns(3)
score_col.metric("Overall score (out of 5)", score_text(overall.score), border=True)
level_col.metric("Maturity level", level_text(overall.level, overall.level_name), border=True)
coverage_col.metric("Questions answered", coverage_text(overall.coverage), border=True)

stored_targets = record.targets or {}
try:
    roadmap = build_roadmap(
        questionnaire, card, stored_targets, record.wip_limit or DEFAULT_WIP_LIMIT,
        record.capacity or DEFAULT_CAPACITY,
    )
    found = findings(questionnaire, responses, card, roadmap)
except SextantError as exc:
    st.error(exc.message)
    st.stop()

st.subheader("Summary", anchor=False)
for paragraph in found.summary.paragraphs:
    st.write(paragraph)

st.subheader("Maturity by dimension", anchor=False)
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
    args=(code, questionnaire, record.wip_limit, record.capacity),
    help="The level you aim for in every dimension, saved with the assessment.",
)
target = float(state.value(state.RESULTS_TARGET))
if len(set(stored_targets.values())) > 1:
    st.caption(
        "Each dimension has its own target, set on the Roadmap page. Moving the slider sets "
        "one target for all of them."
    )
targets = {d.id: stored_targets.get(d.id, target) for d in questionnaire.dimensions}
st.plotly_chart(
    charts.radar(card, targets, charts.plan_series(roadmap)),
    config={"displayModeBar": False, "responsive": True},
    key="results.radar",
)
excluded = [d.title for d in card.dimensions if not d.in_scope]
if excluded:
    st.caption(f"Left out of this assessment: {', '.join(excluded)}.")

st.subheader("DORA benchmark", anchor=False)
state.seed(state.RESULTS_INDUSTRY, record.benchmark.industry)
state.seed(state.RESULTS_EDITION, record.benchmark.edition)
benchmark_view.pickers(
    state.RESULTS_INDUSTRY, state.RESULTS_EDITION, on_change=actions.save_benchmark, args=(code,)
)
benchmark_view.show(found.benchmark)
benchmark_view.show_flags(found.flags)

st.subheader("Capabilities", anchor=False)
st.plotly_chart(
    charts.capability_bars(card, target),
    config={"displayModeBar": False, "responsive": True},
    key="results.bars",
)

st.subheader("All scores", anchor=False)
# Four columns, dimensions as rows of their own above their capabilities: a fifth column
# (the dimension repeated on every row) was cut off on a phone.
rows = [
    {
        "Capability": f"{unit.title} — whole dimension" if unit.unit == "dimension" else unit.title,
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
    st.markdown(
        "**The DORA metrics are outcomes, not practices.** Deployment frequency, lead "
        "time, change failure rate, time to restore and rework rate keep their level, but "
        "they count in no practice score: they are compared with DORA's industry figures "
        "instead, and checked against the practices that drive them. So answering "
        "*not applicable* to a weak figure cannot raise the score, and strong figures "
        "cannot hide weak practices (or the reverse): where the two disagree by two "
        "levels or more, the DORA section says so. They still count as answered questions."
    )
    st.markdown(
        "**DORA scores** follow DORA's Quick Check: a lead time, deployment frequency or "
        "time to restore falls in one of DORA's six answer buckets, scored 0, 2, 4, 6, 8 "
        "or 10; a change failure or rework rate scores 10 − rate ÷ 10. A value on a bucket "
        "boundary goes to the better bucket (a lead time of exactly one week is \"one day "
        "to one week\"). The percentile assumes the industry's scores are normally "
        "distributed, so it is approximate."
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
downloads.render_downloads(record, responses, card, roadmap)
reassess.next_assessment(record)
