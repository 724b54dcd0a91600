"""The workshop's two downloads: JSON (everyone's answers and the consensus) and CSV."""

from __future__ import annotations

from functools import partial

import store
import streamlit as st

from assessment_models.report.workshop_export import workshop_csv, workshop_json
from assessment_models.storage.workshop_records import WorkshopRecord
from assessment_models.workshop import Participant
from workshop import wstate


def downloads(record: WorkshopRecord, group: list[Participant]) -> None:
    """Two download buttons; the files are built from what this render read, on click."""
    consensus = store.responses(record.consensus_code)
    stem = f"sextant-workshop-{record.join_code}"
    left, right = st.columns(2)
    left.download_button(
        "Workshop answers (JSON)",
        data=partial(workshop_json, record.questionnaire, record.anonymity, group, consensus),
        file_name=f"{stem}.json",
        mime="application/json",
        key=wstate.DASH_JSON,
        icon=":material/download:",
        on_click="ignore",
    )
    right.download_button(
        "Workshop answers (CSV)",
        data=partial(workshop_csv, record.questionnaire, group, consensus),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=wstate.DASH_CSV,
        icon=":material/download:",
        on_click="ignore",
    )
