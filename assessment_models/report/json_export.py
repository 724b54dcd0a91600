"""The JSON export: the responses exchange format plus the roadmap settings and tracking.

The result imports back anywhere Sextant reads responses (the Start page, the CLI): the
answers, the targets, the WIP limit, the capacity and who does which recommendation.
Storage is not imported here; any tracking object with owner, due date and status will do.
"""

from __future__ import annotations

from collections.abc import Mapping

from assessment_models.report.tracking import Tracking
from assessment_models.responses import Responses, TrackedWork


def export_responses(
    responses: Responses,
    targets: Mapping[str, float] | None = None,
    wip_limit: int | None = None,
    tracking: Mapping[str, Tracking] | None = None,
    capacity: int | None = None,
) -> Responses:
    """The responses with the stored roadmap settings and tracking attached."""
    work = {
        recommendation_id: TrackedWork(
            owner=item.owner,
            due_date=item.due_date,
            status=str(getattr(item.status, "value", item.status)),  # type: ignore[arg-type]
        )
        for recommendation_id, item in sorted((tracking or {}).items())
    }
    return responses.model_copy(
        update={
            "targets": None if targets is None else {k: float(v) for k, v in targets.items()},
            "wip_limit": wip_limit,
            "capacity": capacity,
            "tracking": work,
        }
    )


def export_json(
    responses: Responses,
    targets: Mapping[str, float] | None = None,
    wip_limit: int | None = None,
    tracking: Mapping[str, Tracking] | None = None,
    capacity: int | None = None,
) -> str:
    """The export as pretty-printed JSON text (empty settings left out)."""
    return export_responses(responses, targets, wip_limit, tracking, capacity).to_json()
