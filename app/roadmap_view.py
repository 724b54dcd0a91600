"""The Roadmap page's pieces: seeding its widgets, their callbacks, and one item's card.

Callbacks read the widgets through :mod:`state` and save through :mod:`store`, one call
(one transaction) each; the page then rebuilds the roadmap from storage.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

import state
import store
import streamlit as st

from assessment_models.errors import SextantError
from assessment_models.questionnaire import Questionnaire
from assessment_models.report.tracking import STATUS_LABELS
from assessment_models.roadmap import DEFAULT_WIP_LIMIT, Phase, RoadmapItem
from assessment_models.storage import AssessmentRecord, TrackedItem

MAX_WIP_LIMIT = 20
STATUS_ICONS = {
    "planned": ":material/radio_button_unchecked:",
    "in_progress": ":material/pending:",
    "done": ":material/check_circle:",
    "dropped": ":material/block:",
}
STATUS_COLOURS = {"planned": "gray", "in_progress": "blue", "done": "green", "dropped": "gray"}


# Targets and the WIP limit ----------------------------------------------------------------
def stored_targets(record: AssessmentRecord) -> dict[str, float]:
    """Every dimension's target: the stored one, else the questionnaire's default."""
    stored = record.targets or {}
    default = float(record.questionnaire.default_target)
    return {d.id: float(stored.get(d.id, default)) for d in record.questionnaire.dimensions}


def seed_settings(record: AssessmentRecord) -> None:
    for dimension_id, target in stored_targets(record).items():
        state.seed(state.roadmap_target_key(dimension_id), target)
    state.seed(state.ROADMAP_WIP, record.wip_limit or DEFAULT_WIP_LIMIT)


def targets_from_widgets(record: AssessmentRecord) -> dict[str, float]:
    """The targets the sliders show; dimensions without a slider keep their stored target."""
    targets = stored_targets(record)
    for dimension_id in targets:
        shown = state.value(state.roadmap_target_key(dimension_id))
        if shown is not None:
            targets[dimension_id] = float(shown)
    return targets


def wip_from_widget(record: AssessmentRecord) -> int:
    shown = state.value(state.ROADMAP_WIP)
    return int(shown) if shown else record.wip_limit or DEFAULT_WIP_LIMIT


def save_settings(code: str) -> None:
    """on_change of a target slider or the WIP limit: store targets and WIP together."""
    try:
        record = store.record(code)
        store.save_targets(code, targets_from_widgets(record), wip_from_widget(record))
    except SextantError as exc:
        state.record_save_error(f"Targets not saved: {exc.message}")
        return
    state.record_saved(datetime.now(UTC))


# Tracking ---------------------------------------------------------------------------------
def seed_tracking(items: tuple[RoadmapItem, ...], tracking: Mapping[str, TrackedItem]) -> None:
    for item in items:
        tracked = tracking.get(item.id) or TrackedItem(recommendation_id=item.id)
        state.seed(state.tracking_owner_key(item.id), tracked.owner)
        state.seed(state.tracking_due_key(item.id), tracked.due_date)
        state.seed(state.tracking_status_key(item.id), tracked.status)


def save_tracking(code: str, recommendation_id: str) -> None:
    """on_change of an item's owner, due date or status: store all three."""
    try:
        item = TrackedItem(
            recommendation_id=recommendation_id,
            owner=(state.value(state.tracking_owner_key(recommendation_id)) or "").strip(),
            due_date=state.value(state.tracking_due_key(recommendation_id)),
            status=state.value(state.tracking_status_key(recommendation_id)) or "planned",
        )
        store.save_tracking(code, item)
    except SextantError as exc:
        state.record_save_error(f"Not saved: {exc.message}")
        return
    state.record_saved(datetime.now(UTC))


# Drawing ----------------------------------------------------------------------------------
def phase_heading(phase: Phase, tracking: Mapping[str, TrackedItem]) -> str:
    done = sum(1 for i in phase.items if _status(tracking, i.id) == "done")
    count = len(phase.items)
    noun = "item" if count == 1 else "items"
    progress = f", {done} done" if done else ""
    return f"{phase.name} · {phase.horizon} ({count} {noun}{progress})"


def item_card(code: str, item: RoadmapItem, questionnaire: Questionnaire) -> None:
    """One roadmap item: what, why, and who does it by when."""
    status = state.value(state.tracking_status_key(item.id)) or "planned"
    with st.container(border=True, key=f"roadmap-item-{item.id}"):
        title = f"**{item.title}**"
        st.markdown(f"~~{title}~~" if status == "dropped" else title)
        badges = st.container(horizontal=True, gap="small")
        with badges:
            if item.quick_win:
                st.badge("Quick win", icon=":material/bolt:", color="green")
            if item.is_prerequisite_only:
                st.badge("Needed first", icon=":material/link:", color="orange")
            st.badge(item.dimension_title, color="blue")
            st.badge(f"Effort {item.effort.value} · impact {item.impact} of 3", color="gray")
            if status != "planned":
                st.badge(
                    STATUS_LABELS[status], icon=STATUS_ICONS[status], color=STATUS_COLOURS[status]
                )
        st.write(item.description)
        st.caption(f"**Why:** {item.rationale}")
        if item.requires:
            names = ", ".join(questionnaire.recommendations_by_id[r].title for r in item.requires)
            st.caption(f"**Builds on:** {names}")
        owner_col, due_col, status_col = st.columns(3)
        owner_col.text_input(
            "Owner",
            key=state.tracking_owner_key(item.id),
            max_chars=200,
            placeholder="Who takes it on",
            on_change=save_tracking,
            args=(code, item.id),
        )
        due_col.date_input(
            "Due date",
            key=state.tracking_due_key(item.id),
            format="YYYY-MM-DD",
            on_change=save_tracking,
            args=(code, item.id),
        )
        status_col.selectbox(
            "Status",
            options=list(STATUS_LABELS),
            format_func=STATUS_LABELS.__getitem__,
            key=state.tracking_status_key(item.id),
            on_change=save_tracking,
            args=(code, item.id),
        )


def _status(tracking: Mapping[str, TrackedItem], recommendation_id: str) -> str:
    shown = state.value(state.tracking_status_key(recommendation_id))
    if shown:
        return str(shown)
    tracked = tracking.get(recommendation_id)
    return tracked.status if tracked is not None else "planned"
