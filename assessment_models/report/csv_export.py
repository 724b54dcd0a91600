"""CSV exports: the roadmap for issue trackers, and every answer for spreadsheets.

Choices where the trackers disagree or the brief was silent:

- Columns ``Title, Description, Priority, Labels, Owner, Due Date, Status, Phase, Quick win,
  Initiative, Effort``; the initiative is the epic or parent an importer can group by;
  every tracker's importer lets the user map columns to fields, so the names stay plain
  (Jira asks for headers without punctuation).
- Priority: High / Medium / Low by terciles of the items ranked by priority (ties share the
  better bucket); a prerequisite is never ranked below anything that needs it, so a blocker
  is not filed as Low under a High item.
- Items the capacity left unscheduled come last, with the phase ``Unscheduled``.
- Labels: ``sextant;dimension:<id>;phase:<name>;initiative:<id>``, separated by ``;``
  (Azure DevOps' Tags format; in Jira and GitHub split on ``;``). No spaces, since Jira
  labels cannot hold any.
- Due Date as ISO 8601 (YYYY-MM-DD); Status as Planned / In progress / Done / Dropped.
- Formula injection: a cell starting with ``= + - @``, tab or carriage return gets a leading
  ``'`` (OWASP), *unless* the whole cell is a plain number such as ``-3.5``, which a
  spreadsheet reads as a number and never as a formula; so real negative values survive.
- Text is returned as ``str`` with ``\\r\\n`` line ends (RFC 4180); no byte-order mark.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence

from assessment_models.quantities import quantity
from assessment_models.questionnaire import MetricQuestion, Questionnaire
from assessment_models.report.tracking import Tracking, due_text, status_label
from assessment_models.responses import Answer, Responses
from assessment_models.roadmap import Roadmap, RoadmapItem

ROADMAP_COLUMNS = (
    "Title", "Description", "Priority", "Labels", "Owner", "Due Date", "Status", "Phase",
    "Quick win", "Initiative", "Effort",
)
ANSWER_COLUMNS = (
    "Dimension", "Capability", "Question ID", "Question", "Answer level", "Answer",
    "Comment", "Confidence",
)
PRIORITY_NAMES = ("High", "Medium", "Low")

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def neutralise(cell: str) -> str:
    """Defuse a cell a spreadsheet would run as a formula; plain numbers stay as they are."""
    if cell.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.match(cell):
        return "'" + cell
    return cell


def write_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise("" if cell is None else str(cell)) for cell in row])
    return buffer.getvalue()


def priority_buckets(roadmap: Roadmap) -> dict[str, str]:
    """High / Medium / Low per item id: terciles of the priority ranking, ties together."""
    # Equal priorities share a bucket, so this order only has to be deterministic.
    ranked = sorted(all_items(roadmap), key=lambda item: (-item.priority, item.id))
    count = len(ranked)
    bucket: dict[str, int] = {}
    for item in ranked:
        first_equal = next(i for i, o in enumerate(ranked) if o.priority == item.priority)
        bucket[item.id] = min(2, first_equal * 3 // count)
    # A prerequisite inherits the best bucket of what needs it; walk in reverse placement
    # order so chains propagate (an item is always placed after its prerequisites).
    for item in reversed(all_items(roadmap)):
        for needed in item.requires:
            if needed in bucket:
                bucket[needed] = min(bucket[needed], bucket[item.id])
    return {rid: PRIORITY_NAMES[b] for rid, b in bucket.items()}


def roadmap_csv(roadmap: Roadmap, tracking: Mapping[str, Tracking] | None = None) -> str:
    """One row per roadmap item, ready for Jira, Azure DevOps or GitHub issue import."""
    tracking = tracking or {}
    priorities = priority_buckets(roadmap)
    rows = []
    for item in all_items(roadmap):
        tracked = tracking.get(item.id)
        rows.append((
            item.title,
            _description(item),
            priorities[item.id],
            f"sextant;dimension:{item.dimension};phase:{item.phase.lower()};"
            f"initiative:{item.initiative}",
            tracked.owner if tracked is not None else "",
            due_text(tracked),
            status_label(tracked),
            item.phase,
            "Yes" if item.quick_win else "No",
            item.initiative_title,
            f"{item.effort.value} ({item.points} points)",
        ))
    return write_csv(ROADMAP_COLUMNS, rows)


def all_items(roadmap: Roadmap) -> tuple[RoadmapItem, ...]:
    """Scheduled items phase by phase, then those the capacity left unscheduled."""
    return (*roadmap.items, *roadmap.deferred)


def _description(item: RoadmapItem) -> str:
    lines = [item.description, "", f"Why: {item.rationale}"]
    lines.append(
        f"Initiative: {item.initiative_title}. Capability: {item.capability_title} "
        f"({item.dimension_title}). Impact {item.impact}/3, effort {item.effort.value}, "
        f"priority {item.priority:.2f}."
    )
    if item.deferred_reason:
        lines.append(f"Not scheduled: {item.deferred_reason}.")
    if item.requires:
        lines.append("Requires: " + ", ".join(item.requires) + ".")
    return "\n".join(lines)


def answers_csv(questionnaire: Questionnaire, responses: Responses) -> str:
    """One row per question, in questionnaire order, with the answer in words."""
    excluded = set(responses.scope.exclude)
    rows = []
    for dimension, capability, question in questionnaire.iter_questions():
        answer = responses.answers.get(question.id)
        out_of_scope = dimension.id in excluded or capability.id in excluded
        level, text = answer_in_words(questionnaire, question.id, answer, out_of_scope)
        rows.append((
            dimension.title,
            capability.title,
            question.id,
            question.text,
            "" if level is None else level,
            text,
            answer.comment if answer is not None else "",
            answer.confidence.value if answer is not None and answer.confidence else "",
        ))
    return write_csv(ANSWER_COLUMNS, rows)


def answer_in_words(
    questionnaire: Questionnaire,
    question_id: str,
    answer: Answer | None,
    out_of_scope: bool = False,
) -> tuple[int | None, str]:
    """(level, words): the chosen option's descriptor, a metric with its unit, or N/A."""
    question = questionnaire.questions_by_id[question_id]
    if out_of_scope:
        return None, "Out of scope"
    if answer is None or not answer.is_answered:
        return None, "Not answered"
    if answer.na:
        return None, "N/A"
    if isinstance(question, MetricQuestion):
        assert answer.value is not None
        return question.level_of(answer.value), quantity(answer.value, question.unit)
    option = question.option_at(answer.level)
    if option is None:
        return None, "Not answered"
    words = f"{option.label}: {option.descriptor}" if option.descriptor else option.label
    return option.level, words
