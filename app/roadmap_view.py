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
from labels import plain

from assessment_models import responses
from assessment_models.errors import SextantError
from assessment_models.questionnaire import Dimension, Questionnaire
from assessment_models.report.tracking import STATUS_LABELS
from assessment_models.roadmap import (
    DEFAULT_CAPACITY,
    DEFAULT_WIP_LIMIT,
    MAX_CAPACITY,
    Phase,
    Roadmap,
    RoadmapItem,
)
from assessment_models.scoring import ScoreCard
from assessment_models.storage import AssessmentRecord, TrackedItem

MAX_WIP_LIMIT = responses.MAX_WIP_LIMIT  # the import refuses the same
MAX_CAPACITY_SETTING = MAX_CAPACITY
#: Choices of a capability's own target; None means "its dimension's target".
CAPABILITY_TARGETS: tuple[float | None, ...] = (None, *(1 + k / 2 for k in range(9)))
STATUS_ICONS = {
    "planned": ":material/radio_button_unchecked:",
    "in_progress": ":material/pending:",
    "done": ":material/check_circle:",
    "dropped": ":material/block:",
}
STATUS_COLOURS = {"planned": "gray", "in_progress": "blue", "done": "green", "dropped": "gray"}


# Targets, capacity and the WIP limit -------------------------------------------------------
def stored_targets(record: AssessmentRecord) -> dict[str, float]:
    """Every dimension's target: the stored one, else the questionnaire's default."""
    stored = record.targets or {}
    default = float(record.questionnaire.default_target)
    return {d.id: float(stored.get(d.id, default)) for d in record.questionnaire.dimensions}


def stored_capability_targets(record: AssessmentRecord) -> dict[str, float]:
    """The capabilities with a target of their own."""
    stored = record.targets or {}
    return {c: float(stored[c]) for c in record.questionnaire.capabilities_by_id if c in stored}


def seed_settings(record: AssessmentRecord) -> None:
    for dimension_id, target in stored_targets(record).items():
        state.seed(state.roadmap_target_key(dimension_id), target)
    own = stored_capability_targets(record)
    for capability_id in record.questionnaire.capabilities_by_id:
        state.seed(state.roadmap_capability_target_key(capability_id), own.get(capability_id))
    state.seed(state.ROADMAP_WIP, record.wip_limit or DEFAULT_WIP_LIMIT)
    state.seed(state.ROADMAP_CAPACITY, record.capacity or DEFAULT_CAPACITY)


def targets_from_widgets(record: AssessmentRecord) -> dict[str, float]:
    """The targets the widgets show: every dimension's, then capabilities with their own."""
    targets = stored_targets(record)
    for dimension_id in targets:
        shown = state.value(state.roadmap_target_key(dimension_id))
        if shown is not None:
            targets[dimension_id] = float(shown)
    own = stored_capability_targets(record)
    for capability_id in record.questionnaire.capabilities_by_id:
        key = state.roadmap_capability_target_key(capability_id)
        shown = state.value(key) if state.has(key) else own.get(capability_id)
        if shown is not None:
            targets[capability_id] = float(shown)
    return targets


def wip_from_widget(record: AssessmentRecord) -> int:
    shown = state.value(state.ROADMAP_WIP)
    return int(shown) if shown else record.wip_limit or DEFAULT_WIP_LIMIT


def capacity_from_widget(record: AssessmentRecord) -> int:
    shown = state.value(state.ROADMAP_CAPACITY)
    return int(shown) if shown else record.capacity or DEFAULT_CAPACITY


def capability_target_label(value: float | None) -> str:
    return "Dimension's target" if value is None else f"{value:.1f}"


def save_settings(code: str) -> None:
    """on_change of any roadmap setting: store targets, WIP limit and capacity together."""
    try:
        record = store.record(code)
        store.save_targets(code, targets_from_widgets(record), wip_from_widget(record),
                           capacity_from_widget(record))
    except SextantError as exc:
        state.record_save_error(f"Targets not saved: {exc.message}")
        return
    state.record_saved(datetime.now(UTC))


# Tracking ---------------------------------------------------------------------------------
#: The item whose owner, due date and status the tracking box edits.
TRACK_PICKER = "roadmap.track_item"
#: The capability whose own target the "Targets per capability" box edits.
CAPABILITY_PICKER = "roadmap.capability"


def seed_tracking(item_id: str, tracking: Mapping[str, TrackedItem]) -> None:
    tracked = tracking.get(item_id) or TrackedItem(recommendation_id=item_id)
    state.seed(state.tracking_owner_key(item_id), tracked.owner)
    state.seed(state.tracking_due_key(item_id), tracked.due_date)
    state.seed(state.tracking_status_key(item_id), tracked.status)


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


def tracking_box(code: str, roadmap: Roadmap, tracking: Mapping[str, TrackedItem]) -> None:
    """Owner, due date and status of one item at a time, chosen from the whole plan.

    Three inputs on each of the plan's cards (190 for a full questionnaire) made every
    rerun of the page four times as slow as one of Assess; the cards now show the
    tracking and this box changes it.
    """
    choices = {item.id: f"{phase.name} · {item.title}" for phase in roadmap.phases
               for item in phase.items}
    choices |= {item.id: f"Not scheduled · {item.title}" for item in roadmap.deferred}
    if not choices:
        return
    if state.value(TRACK_PICKER) not in choices:  # first visit, or the plan changed
        state.set_value(TRACK_PICKER, next(iter(choices)))
    with st.container(border=True, key="roadmap-tracking"):
        st.markdown("**Who does what by when**")
        st.caption("Choose an item, then give it an owner, a due date and a status. Each "
                   "change is saved at once and goes into the CSV and the PDF.")
        chosen: str = st.selectbox(
            "Item", options=list(choices), format_func=choices.__getitem__, key=TRACK_PICKER
        )
        seed_tracking(chosen, tracking)
        owner_col, due_col, status_col = st.columns(3)
        owner_col.text_input(
            "Owner",
            key=state.tracking_owner_key(chosen),
            max_chars=200,
            placeholder="Who takes it on",
            on_change=save_tracking,
            args=(code, chosen),
        )
        due_col.date_input(
            "Due date",
            key=state.tracking_due_key(chosen),
            format="YYYY-MM-DD",
            on_change=save_tracking,
            args=(code, chosen),
        )
        status_col.selectbox(
            "Status",
            options=list(STATUS_LABELS),
            format_func=STATUS_LABELS.__getitem__,
            key=state.tracking_status_key(chosen),
            on_change=save_tracking,
            args=(code, chosen),
        )


# Drawing ----------------------------------------------------------------------------------
def phase_heading(phase: Phase, tracking: Mapping[str, TrackedItem]) -> str:
    done = sum(1 for i in phase.items if _status(tracking, i.id) == "done")
    count = len(phase.items)
    noun = "item" if count == 1 else "items"
    progress = f", {done} done" if done else ""
    return f"{phase.name} · {phase.horizon} ({count} {noun}{progress})"


def capacity_text(phase: Phase) -> str:
    count = len(phase.initiatives)
    noun = "initiative" if count == 1 else "initiatives"
    return (f"{phase.points_used} of {phase.capacity} effort points used · "
            f"{count} {noun} under way")


def item_card(
    item: RoadmapItem, questionnaire: Questionnaire, tracking: Mapping[str, TrackedItem]
) -> None:
    """One roadmap item, to read: what, why, and who does it by when.

    Two Markdown elements in a box: each badge or caption of its own was an element to
    send and lay out, and a plan has up to ~60 cards.
    """
    status = _status(tracking, item.id)
    with st.container(border=True, key=f"roadmap-item-{item.id}"):
        title = f"**{item.title}**"
        badges = [
            _badge("green", "Quick win", "bolt") if item.quick_win else "",
            _badge("orange", "Needed first", "link") if item.is_prerequisite_only else "",
            _badge("violet", item.initiative_title),
            _badge("blue", item.dimension_title),
            _badge("gray", f"Effort {item.effort.value} · impact {item.impact} of 3"),
            _badge("gray", f"Priority {item.priority:.1f}"),
            _badge(STATUS_COLOURS[status], STATUS_LABELS[status],
                   STATUS_ICONS[status].removeprefix(":material/").removesuffix(":"))
            if status != "planned" else "",
        ]
        st.markdown(
            f"{f'~~{title}~~' if status == 'dropped' else title}  \n"
            + " ".join(b for b in badges if b)
            + f"\n\n{item.description}"
        )
        notes = [f"**Why:** {item.rationale}"]
        if item.deferred_reason:
            notes.append(f"**Not scheduled:** {item.deferred_reason}.")
        if item.requires:
            names = ", ".join(questionnaire.recommendations_by_id[r].title for r in item.requires)
            notes.append(f"**Builds on:** {names}")
        notes.append(tracking_text(tracking.get(item.id)))
        st.caption("  \n".join(notes))


def tracking_text(tracked: TrackedItem | None) -> str:
    """Who has the item and by when, as the card says it."""
    owner = plain(tracked.owner) if tracked is not None and tracked.owner else ""
    due = tracked.due_date.isoformat() if tracked is not None and tracked.due_date else ""
    if not owner and not due:
        return ":material/person: No owner yet"
    return " · ".join(part for part in (
        f":material/person: **{owner}**" if owner else ":material/person: No owner yet",
        f"due {due}" if due else "",
    ) if part)


def _badge(colour: str, text: str, icon: str | None = None) -> str:
    # Badge text ends at "]": questionnaire titles never hold one, but keep the card whole.
    shown = text.replace("[", "(").replace("]", ")")
    return f":{colour}-badge[{f':material/{icon}: ' if icon else ''}{shown}]"


def _status(tracking: Mapping[str, TrackedItem], recommendation_id: str) -> str:
    shown = state.value(state.tracking_status_key(recommendation_id))
    if shown:
        return str(shown)
    tracked = tracking.get(recommendation_id)
    return tracked.status if tracked is not None else "planned"


# Tables -----------------------------------------------------------------------------------
HOW_COMPUTED = """
**Which steps appear.** A step is offered when one of the answers it builds on lies below
the level the step brings it to, and below your target. Answers marked not applicable,
left unanswered or out of scope never trigger a step.

**Priority** = gap × impact × feasibility + DORA boost

- *gap*: how far the weakest answer the step raises lies below its target
  (target − answered level);
- *impact*: 1 to 3, from the questionnaire;
- *feasibility*: 3 for a small step (S), 2 for a medium one (M), 1 for a large one (L);
- *DORA boost*: impact × 2 for every delivery outcome the step improves that you measured
  in DORA's low band, × 1 for every one in the medium band.

Equal priorities go to the larger gap, then impact, feasibility and boost, then to the
order of the questionnaire.

**Quick wins** are small (S), of at least medium impact, and raise an answer at least two
levels below target; at most a quarter of the steps, and the plan starts with them.

**Phases**: Now (months 1–3), Next (4–6), Later (7–12), Beyond (13–18). In priority order,
each step takes the first phase after everything it requires that still has room for its
effort points (S = 1, M = 3, L = 8) and for its initiative within the WIP limit. Steps
that fit nowhere are listed as not scheduled.

**After a phase** is the score the assessment would have if every step of that phase and
the ones before it had brought its answers to the level it aims for.
"""


def progress_rows(roadmap: Roadmap, card: ScoreCard, dimensions: list[Dimension]) -> list[dict]:
    """Per dimension: score, target and progress to target now and after each phase."""
    rows = []
    for dimension in dimensions:
        row: dict[str, object] = {
            "Dimension": dimension.title,
            "Score": card.dimension(dimension.id).score,
            "Target": roadmap.targets[dimension.id],
            "Now": roadmap.percent_to_target[dimension.id],
        }
        for projection in roadmap.projected:
            row[f"After {projection.phase}"] = projection.percent_to_target[dimension.id]
        rows.append(row)
    return rows


def progress_columns(roadmap: Roadmap) -> dict[str, object]:
    percent = {"min_value": 0.0, "max_value": 100.0, "format": "%.0f%%"}
    columns: dict[str, object] = {
        "Score": st.column_config.NumberColumn(format="%.2f"),
        "Target": st.column_config.NumberColumn(format="%.1f"),
        "Now": st.column_config.ProgressColumn("Progress now", **percent),
    }
    for projection in roadmap.projected:
        name = f"After {projection.phase}"
        columns[name] = st.column_config.ProgressColumn(name, **percent)
    return columns


def initiative_rows(roadmap: Roadmap) -> list[dict[str, object]]:
    return [
        {
            "Initiative": i.title,
            "Steps": len(i.items),
            "Effort points": i.points,
            "Phases": ", ".join(i.phases) or "not scheduled",
            "Moves": ", ".join(i.dimension_titles),
        }
        for i in roadmap.initiatives
    ]
