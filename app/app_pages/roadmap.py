"""Roadmap: targets, capacity and WIP, what the plan buys, the initiatives, the phases."""

import charts
import downloads
import roadmap_view
import state
import store
import streamlit as st
import views
from labels import plain, score_text
from portfolio import reassess

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
    "Targets, capacity, owners, dates and status are saved with the assessment."
)
reassess.previous_plan(code, questionnaire, responses)

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
    with st.expander("Targets per capability"):
        st.caption("A capability with its own target uses it instead of its dimension's.")
        capabilities = {
            c.id: f"{c.title} ({d.title})"
            for d in in_scope
            for c in d.capabilities
            if card.capability(c.id).in_scope
        }
        # One capability at a time: a box for each of them (30 in the full questionnaire)
        # cost more to redraw than the rest of the settings together.
        chosen = st.selectbox(
            "Capability",
            options=list(capabilities),
            format_func=capabilities.__getitem__,
            key=roadmap_view.CAPABILITY_PICKER,
        )
        if chosen is not None:
            st.selectbox(
                "Its target",
                options=roadmap_view.CAPABILITY_TARGETS,
                format_func=roadmap_view.capability_target_label,
                key=state.roadmap_capability_target_key(chosen),
                on_change=roadmap_view.save_settings,
                args=(code,),
            )
        own = roadmap_view.stored_capability_targets(record)
        if own:
            st.caption(
                "With a target of their own: "
                + ", ".join(
                    f"{questionnaire.capabilities_by_id[c].title} {t:.1f}"
                    for c, t in own.items()
                )
            )
    capacity_col, wip_col = st.columns(2)
    capacity_col.number_input(
        "Capacity per phase (effort points)",
        min_value=1,
        max_value=roadmap_view.MAX_CAPACITY_SETTING,
        step=1,
        key=state.ROADMAP_CAPACITY,
        on_change=roadmap_view.save_settings,
        args=(code,),
        help="How much improvement work the team can carry in one phase, counting a small "
        "item (S) as 1 point, a medium one (M) as 3 and a large one (L) as 8.",
    )
    wip_col.number_input(
        "Initiatives at once (WIP limit)",
        min_value=1,
        max_value=roadmap_view.MAX_WIP_LIMIT,
        step=1,
        key=state.ROADMAP_WIP,
        on_change=roadmap_view.save_settings,
        args=(code,),
        help="How many initiatives the team works on in the same phase. Fewer at once "
        "finish sooner.",
    )

try:
    roadmap = build_roadmap(
        questionnaire,
        card,
        roadmap_view.targets_from_widgets(record),
        roadmap_view.wip_from_widget(record),
        roadmap_view.capacity_from_widget(record),
    )
except SextantError as exc:
    st.error(exc.message)
    st.stop()

with radar_col:
    st.plotly_chart(
        charts.radar(card, roadmap.targets, charts.plan_series(roadmap)),
        config={"displayModeBar": False, "responsive": True},
        key=state.ROADMAP_RADAR,
    )

overall = roadmap.percent_to_target["overall"]
after_next = roadmap.projection("Next").percent_to_target["overall"]
score_col, progress_col, next_col, items_col = st.columns(4)
score_col.metric("Overall score (out of 5)", score_text(card.overall.score), border=True)
progress_col.metric(
    "Progress to target now", "—" if overall is None else f"{overall:.0f}%", border=True
)
next_col.metric(
    "After six months", "—" if after_next is None else f"{after_next:.0f}%", border=True,
    help="Progress to target once every item of Now and Next is done.",
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
    roadmap_view.progress_rows(roadmap, card, in_scope),
    hide_index=True,
    width="stretch",
    column_config=roadmap_view.progress_columns(roadmap),
    key=state.ROADMAP_TABLE,
)
with st.expander("How the plan is computed", icon=":material/calculate:"):
    st.markdown(roadmap_view.HOW_COMPUTED)

st.header("The plan", anchor=False)
if card.overall.score is None:
    st.info(
        "The roadmap follows from your answers. Answer some questions first.",
        icon=":material/info:",
    )
elif not roadmap.items and not roadmap.deferred:
    st.success(
        "No answer lies below its target. Raise a target to see what comes next.",
        icon=":material/check_circle:",
    )
if roadmap.initiatives:
    st.subheader("Initiatives", anchor=False)
    st.dataframe(
        roadmap_view.initiative_rows(roadmap),
        hide_index=True,
        width="stretch",
        key=state.ROADMAP_INITIATIVES,
    )
roadmap_view.tracking_box(code, roadmap, tracking)
for phase in roadmap.phases:
    if not phase.items:
        continue
    st.subheader(roadmap_view.phase_heading(phase, tracking), anchor=False)
    st.progress(
        min(1.0, phase.points_used / phase.capacity), text=roadmap_view.capacity_text(phase)
    )
    for item in phase.items:
        roadmap_view.item_card(item, questionnaire, tracking)
if roadmap.deferred:
    with st.expander(
        f"Not scheduled: over capacity ({len(roadmap.deferred)})", icon=":material/schedule:"
    ):
        st.caption("These wait for room: raise the capacity or the WIP limit to plan them.")
        for item in roadmap.deferred:
            roadmap_view.item_card(item, questionnaire, tracking)
if roadmap.unanswered:
    with st.expander(
        f"Answer these to complete the picture ({len(roadmap.unanswered)})",
        icon=":material/help:",
    ):
        st.caption("Unanswered questions get no recommendations.")
        for question in roadmap.unanswered:
            st.markdown(f"- {question.text}")

on_roadmap = {item.id for item in (*roadmap.items, *roadmap.deferred)}
off_roadmap = [tracked for rid, tracked in tracking.items() if rid not in on_roadmap]
if off_roadmap:
    with st.expander("Tracked work no longer on the roadmap", icon=":material/history:"):
        st.caption("Kept as it was saved; it returns to the plan when a gap reopens.")
        for tracked in off_roadmap:
            title = questionnaire.recommendations_by_id[tracked.recommendation_id].title
            details = ", ".join(
                part
                for part in (
                    plain(tracked.owner),
                    tracked.due_date.isoformat() if tracked.due_date else "",
                    roadmap_view.STATUS_LABELS[tracked.status],
                )
                if part
            )
            st.markdown(f"- {title} ({details})")

st.divider()
downloads.render_downloads(record, responses, card, roadmap, tracking)
