"""How reports read tracked work (owner, due date, status) without depending on storage.

Storage hands out :class:`assessment_models.storage.records.TrackedItem`; any object with
the same three attributes will do, which keeps the reports free of the database layer.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Protocol

STATUS_LABELS: dict[str, str] = {
    "planned": "Planned",
    "in_progress": "In progress",
    "done": "Done",
    "dropped": "Dropped",
}


class Tracking(Protocol):
    """Who does a roadmap item, by when, and how far it got."""

    @property
    def owner(self) -> str: ...

    @property
    def due_date(self) -> date | None: ...

    @property
    def status(self) -> str: ...


TrackingMap = Mapping[str, Tracking]


def status_label(tracking: Tracking | None) -> str:
    """'Planned', 'In progress', 'Done' or 'Dropped'; untracked items count as planned."""
    if tracking is None:
        return STATUS_LABELS["planned"]
    status = str(getattr(tracking.status, "value", tracking.status))
    return STATUS_LABELS.get(status, status)


def due_text(tracking: Tracking | None) -> str:
    """The due date as ISO 8601 (YYYY-MM-DD), or empty."""
    if tracking is None or tracking.due_date is None:
        return ""
    return tracking.due_date.isoformat()
