"""Every question with its framework references, as a Markdown table for auditors.

``questionnaires/README.md`` holds this table for delivery-full; a content test compares it
with what this module renders, so the document cannot drift from the YAML.
``sextant references`` prints it for any questionnaire.
"""

from __future__ import annotations

from assessment_models.questionnaire import Question, Questionnaire

#: Columns of the table, each with the reference prefixes it gathers.
FRAMEWORKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ITIL 4", ("ITIL 4",)),
    ("COBIT 2019", ("COBIT 2019",)),
    ("ISO/IEC 20000-1", ("ISO/IEC 20000-1",)),
    ("DORA", ("DORA",)),
    ("SRE", ("SRE",)),
    ("Team Topologies", ("Team Topologies",)),
)
OTHER = "Other"


def references_by_framework(question: Question) -> dict[str, list[str]]:
    """The question's references grouped by framework, prefix stripped ("Change enablement")."""
    grouped: dict[str, list[str]] = {name: [] for name, _ in FRAMEWORKS}
    grouped[OTHER] = []
    for reference in question.references:
        prefix, _, rest = reference.partition(":")
        column = next(
            (name for name, prefixes in FRAMEWORKS if prefix.strip() in prefixes), OTHER
        )
        grouped[column].append(rest.strip() if column != OTHER else reference)
    return grouped


def references_table(questionnaire: Questionnaire) -> str:
    """One Markdown row per question, in questionnaire order, one column per framework."""
    columns = [name for name, _ in FRAMEWORKS] + [OTHER]
    lines = [
        "| question | " + " | ".join(columns) + " |",
        "| --- | " + " | ".join("---" for _ in columns) + " |",
    ]
    for _, _, question in questionnaire.iter_questions():
        grouped = references_by_framework(question)
        cells = ["; ".join(grouped[column]) or "–" for column in columns]
        lines.append(f"| `{question.id}` | " + " | ".join(_escape(c) for c in cells) + " |")
    return "\n".join(lines)


def _escape(cell: str) -> str:
    return cell.replace("|", "\\|")
