"""Roadmap: targets and WIP limit, the phased plan with tracked work, and the downloads."""

import charts
import downloads
import roadmap_view
import state
import store
import streamlit as st
import views
from labels import score_text

from assessment_models.errors import SextantError
from assessment_models.roadmap import build_roadmap
from assessment_models.scoring import score

record = views.open_record()
code, questionnaire = record.code, record.questionnaire
responses = store.responses(code)
card = score(questionnaire, responses)
tracking = store.tracking(code)
views.sidebar(record, card)
state.roadmap_for(code)
roadmap_view.seed_settings(record)

st.title("Roadmap")
st.caption(
    "What to improve first to reach your targets, in phases your team can carry. "
    "Targets, owners, dates and status are saved with the assessment."
)

in_scope = [d for d in questionnaire.dimensions if card.dimension(d.id).in_scope]
settings_col, radar_col = st.columns([2, 3], gap="large")
with settings_col, st.container(border=True):
    st.markdown("**Targets**")
    st.caption("The level you aim for in each dimension, 1 to 5.")
    for dimension in in_scope:
        st.slider(
            dimension.title,
            min_value=1.0,
            max_value=5.0,
            step=0.5,
            format="%.1f",
            key=state.roadmap_target_key(dimension.id),
            on_change=roadmap_view.save_settings,
            args=(code,),
        )
    st.number_input(
        "Items per phase (WIP limit)",
        min_value=1,
        max_value=roadmap_view.MAX_WIP_LIMIT,
        step=1,
        key=state.ROADMAP_WIP,
        on_change=roadmap_view.save_settings,
        args=(code,),
        help="How many improvements the team works on at once. Now, Next and Later each "
        "hold at most this many; the rest waits in Beyond.",
    )

try:
    roadmap = build_roadmap(
        questionnaire,
        card,
        roadmap_view.targets_from_widgets(record),
        roadmap_view.wip_from_widget(record),
    )
except SextantError as exc:
    st.error(exc.message)
    st.stop()

with radar_col:
    st.plotly_chart(
        charts.radar(card, roadmap.targets),
        config={"displayModeBar": False, "responsive": True},
        key=state.ROADMAP_RADAR,
    )

overall = roadmap.percent_to_target["overall"]
score_col, progress_col, items_col = st.columns(3)
score_col.metric("Overall score (out of 5)", score_text(card.overall.score), border=True)
progress_col.metric(
    "Progress to target", "—" if overall is None else f"{overall:.0f}%", border=True
)
quick_wins = sum(item.quick_win for item in roadmap.items)
items_col.metric(
    "On the roadmap",
    f"{len(roadmap.items)} items",
    delta=f"{quick_wins} quick wins" if quick_wins else None,
    delta_color="off",
    delta_arrow="off",
    border=True,
)

st.dataframe(
    [
        {
            "Dimension": dimension.title,
            "Score": card.dimension(dimension.id).score,
            "Target": roadmap.targets[dimension.id],
            "Progress to target": roadmap.percent_to_target[dimension.id],
        }
        for dimension in in_scope
    ],
    hide_index=True,
    width="stretch",
    column_config={
        "Score": st.column_config.NumberColumn(format="%.2f"),
        "Target": st.column_config.NumberColumn(format="%.1f"),
        "Progress to target": st.column_config.ProgressColumn(
            min_value=0.0, max_value=100.0, format="%.0f%%"
        ),
    },
    key=state.ROADMAP_TABLE,
)

st.header("The plan", anchor=False)
roadmap_view.seed_tracking(roadmap.items, tracking)
if card.overall.score is None:
    st.info(
        "The roadmap follows from your scores. Answer some questions first.",
        icon=":material/info:",
    )
elif not roadmap.items:
    st.success(
        "Every scored capability meets its target. Raise a target to see what comes next.",
        icon=":material/check_circle:",
    )
for phase in roadmap.phases:
    if not phase.items:
        continue
    heading = roadmap_view.phase_heading(phase, tracking)
    if phase.name == "Beyond":
        with st.expander(heading, icon=":material/schedule:"):
            st.caption("Waits until a phase above has room.")
            for item in phase.items:
                roadmap_view.item_card(code, item, questionnaire)
        continue
    st.subheader(heading, anchor=False)
    for item in phase.items:
        roadmap_view.item_card(code, item, questionnaire)

on_roadmap = {item.id for item in roadmap.items}
off_roadmap = [tracked for rid, tracked in tracking.items() if rid not in on_roadmap]
if off_roadmap:
    with st.expander("Tracked work no longer on the roadmap", icon=":material/history:"):
        st.caption("Kept as it was saved; it returns to the plan when a gap reopens.")
        for tracked in off_roadmap:
            title = questionnaire.recommendations_by_id[tracked.recommendation_id].title
            details = ", ".join(
                part
                for part in (
                    tracked.owner,
                    tracked.due_date.isoformat() if tracked.due_date else "",
                    roadmap_view.STATUS_LABELS[tracked.status],
                )
                if part
            )
            st.markdown(f"- {title} ({details})")

st.divider()
downloads.render_downloads(record, responses, card, roadmap, tracking)
