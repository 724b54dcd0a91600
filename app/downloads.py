"""The four downloads of an assessment: PDF report, JSON, roadmap CSV and answers CSV.

Each file is built only when its button is clicked: ``st.download_button`` takes a
zero-argument callable for ``data`` and runs it on a separate thread. So the callables here
capture plain, immutable values read during the script run and never touch Streamlit or
the database; the PDF is not rebuilt on every rerun. A file that cannot be built is said
under the buttons, with a reference and what still works (:mod:`file_builds`).

The buttons are a fragment: another page size reruns them and not the page; a click reruns
only the fragment under them that says how the build went.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial

import file_builds
import guard
import state
import store
import streamlit as st
from portfolio import reassess
from workshop.wstore import consensus_summary

from assessment_models.errors import SextantError
from assessment_models.questionnaire import Questionnaire
from assessment_models.report.csv_export import answers_csv, roadmap_csv
from assessment_models.report.json_export import export_json
from assessment_models.report.workshop_pdf import WorkshopSummary
from assessment_models.responses import Responses
from assessment_models.roadmap import (
    DEFAULT_CAPACITY,
    DEFAULT_WIP_LIMIT,
    Roadmap,
    build_roadmap,
)
from assessment_models.scoring import ScoreCard, score
from assessment_models.storage import AssessmentRecord, CarryOver, TrackedItem

PAGE_SIZES = {"A4": "A4", "letter": "Letter"}


@dataclass(frozen=True)
class Snapshot:
    """Everything the files are made of, as stored when the page was drawn."""

    record: AssessmentRecord
    responses: Responses
    card: ScoreCard
    roadmap: Roadmap
    tracking: Mapping[str, TrackedItem]
    workshop: WorkshopSummary | None = None  # set when the assessment is a workshop's consensus
    carried: CarryOver | None = None  # set when the assessment is a team's re-assessment

    @property
    def questionnaire(self) -> Questionnaire:
        return self.record.questionnaire

    def file_name(self, what: str, extension: str) -> str:
        return f"sextant-{self.questionnaire.id}-{self.record.updated_at:%Y%m%d}-{what}.{extension}"


def snapshot(
    record: AssessmentRecord,
    responses: Responses | None = None,
    card: ScoreCard | None = None,
    roadmap: Roadmap | None = None,
    tracking: Mapping[str, TrackedItem] | None = None,
) -> Snapshot:
    """The files' material: what the page already read, the rest read or built here once."""
    if responses is None:
        responses = store.responses(record.code)
    if card is None:
        card = score(record.questionnaire, responses)
    if roadmap is None:
        roadmap = build_roadmap(
            record.questionnaire, card, record.targets, record.wip_limit or DEFAULT_WIP_LIMIT,
            record.capacity or DEFAULT_CAPACITY,
        )
    if tracking is None:
        tracking = store.tracking(record.code)
    workshop = consensus_summary(record, responses)  # None unless a workshop's consensus
    carried = reassess.status(record.code)
    return Snapshot(record, responses, card, roadmap, tracking, workshop,
                    carried if carried.carried else None)


def pdf_bytes(shot: Snapshot, page_size: str = "A4") -> bytes:
    # reportlab loads only when a PDF is asked for.
    from assessment_models.report.method import CarriedOver
    from assessment_models.report.pdf import render_pdf

    carried = (None if shot.carried is None
               else CarriedOver(shot.carried.carried, shot.carried.unconfirmed))

    return render_pdf(
        shot.questionnaire,
        shot.responses,
        shot.card,
        shot.roadmap,
        tracking=shot.tracking,
        page_size=page_size,
        generated_on=date.today(),
        workshop=shot.workshop,
        carried=carried,
    )


def json_text(shot: Snapshot) -> str:
    return export_json(shot.responses, shot.record.targets, shot.record.wip_limit, shot.tracking,
                       shot.record.capacity)


def roadmap_csv_text(shot: Snapshot) -> str:
    return roadmap_csv(shot.roadmap, shot.tracking)


def answers_csv_text(shot: Snapshot) -> str:
    return answers_csv(shot.questionnaire, shot.responses)


def render_downloads(
    record: AssessmentRecord,
    responses: Responses,
    card: ScoreCard,
    roadmap: Roadmap | None = None,
    tracking: Mapping[str, TrackedItem] | None = None,
) -> None:
    """A heading, the PDF page size and four download buttons with stable keys.

    Pages pass what they already read and computed, so nothing is read or scored twice.
    """
    st.subheader("Downloads", anchor=False)
    try:
        shot = snapshot(record, responses, card, roadmap, tracking)
    except SextantError as exc:
        st.error(exc.message)
        return
    _buttons(shot)


#: What each file is called in a message, and what still works when it cannot be built.
_WHEN_IT_FAILS = {
    state.DOWNLOAD_PDF: (
        "The report (PDF)",
        "Try the other page size, or take the assessment (JSON): it holds every answer and "
        "imports again on the Start page.",
    ),
    state.DOWNLOAD_JSON: (
        "The assessment (JSON)",
        "The report (PDF) and the two CSV files are built on their own and may still work.",
    ),
    state.DOWNLOAD_ROADMAP_CSV: (
        "The roadmap (CSV)",
        "The report (PDF) and the assessment (JSON) are built on their own and may still work.",
    ),
    state.DOWNLOAD_ANSWERS_CSV: (
        "The answers (CSV)",
        "The report (PDF) and the assessment (JSON) are built on their own and may still work.",
    ),
}


def failure_message(key: str, reference: str) -> str:
    """What the page says when the file of button ``key`` could not be built."""
    what, instead = _WHEN_IT_FAILS[key]
    return (
        f"{what} could not be built, so nothing was downloaded. Your answers are not "
        f"affected. {instead} Reference {reference}: quote it to whoever runs Sextant; the "
        "details are in their server log."
    )


@st.fragment
@guard.guarded
def _buttons(shot: Snapshot) -> None:
    tab = file_builds.tab_token()
    st.segmented_control(
        "PDF page size",
        options=list(PAGE_SIZES),
        format_func=PAGE_SIZES.__getitem__,
        default="A4",
        key=state.DOWNLOAD_PAGE_SIZE,
    )
    page_size = state.value(state.DOWNLOAD_PAGE_SIZE) or "A4"
    buttons: list[tuple[str, str, Callable[[], str | bytes], str, str]] = [
        (
            "Report (PDF)",
            state.DOWNLOAD_PDF,
            partial(pdf_bytes, shot, page_size),
            shot.file_name("report", "pdf"),
            "application/pdf",
        ),
        (
            "Assessment (JSON)",
            state.DOWNLOAD_JSON,
            partial(json_text, shot),
            shot.file_name("assessment", "json"),
            "application/json",
        ),
        (
            "Roadmap (CSV)",
            state.DOWNLOAD_ROADMAP_CSV,
            partial(roadmap_csv_text, shot),
            shot.file_name("roadmap", "csv"),
            "text/csv",
        ),
        (
            "Answers (CSV)",
            state.DOWNLOAD_ANSWERS_CSV,
            partial(answers_csv_text, shot),
            shot.file_name("answers", "csv"),
            "text/csv",
        ),
    ]
    columns = st.columns(len(buttons))
    for column, (label, key, data, file_name, mime) in zip(columns, buttons, strict=True):
        column.download_button(
            label,
            data=file_builds.guarded(data, tab, key),
            file_name=file_name,
            mime=mime,
            key=key,
            icon=":material/download:",
            on_click=file_builds.clicked,
            args=(tab, key),
            width="stretch",
        )
    file_builds.outcomes(tuple(_WHEN_IT_FAILS), failure_message)
    st.caption(
        "The PDF is a report for leadership. The JSON file imports again on the Start page, "
        "here or on another server, with targets and tracked work. The roadmap CSV imports "
        "into Jira, Azure DevOps or GitHub issues; the answers CSV opens in any spreadsheet."
    )
