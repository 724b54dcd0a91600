"""CSV exports: columns for issue trackers, answers in words, formula injection defused."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from assessment_models.questionnaire import Questionnaire
from assessment_models.report.csv_export import (
    ANSWER_COLUMNS,
    ROADMAP_COLUMNS,
    answers_csv,
    neutralise,
    roadmap_csv,
)
from assessment_models.responses import Responses, parse_responses
from assessment_models.roadmap import build_roadmap
from assessment_models.scoring import score
from assessment_models.storage.records import TrackedItem


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+2", "'=1+2"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("- a list item", "'- a list item"),
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("-3.5", "-3.5"),  # a real negative number stays a number
        ("+4", "+4"),
        ("-1e3", "-1e3"),
        ("R&D = 5", "R&D = 5"),  # only the first character matters
        ("", ""),
    ],
)
def test_cells_that_a_spreadsheet_would_run_are_prefixed_with_a_quote(
    cell: str, safe: str
) -> None:
    assert neutralise(cell) == safe


def test_roadmap_csv_has_the_tracker_columns_in_order(
    mini: Questionnaire, mini_responses: Responses
) -> None:
    text = roadmap_csv(build_roadmap(mini, score(mini, mini_responses)))
    assert text.splitlines()[0] == ",".join(ROADMAP_COLUMNS)
    assert ROADMAP_COLUMNS == ("Title", "Description", "Priority", "Labels", "Owner",
                               "Due Date", "Status", "Phase", "Quick win", "Initiative",
                               "Effort")
    assert text.endswith("\r\n")


def test_roadmap_csv_rows_follow_the_roadmap_with_labels_and_tercile_priorities(
    mini: Questionnaire, mini_responses: Responses
) -> None:
    # Priorities 16, 9 (see test_roadmap.py, case A): ranks 0..1 of 2 → terciles
    # 0·3//2 = 0 High, 1·3//2 = 1 Medium. WIP 1 puts the second initiative in Next.
    out = rows(roadmap_csv(build_roadmap(mini, score(mini, mini_responses), wip_limit=1)))
    assert [(r["Title"], r["Priority"], r["Phase"], r["Quick win"]) for r in out] == [
        ("Measure the four keys", "High", "Now", "No"),
        ("Let the pipeline approve low-risk changes", "Medium", "Next", "No"),
    ]
    assert out[0]["Labels"] == "sextant;dimension:processes;phase:now;initiative:fast_feedback"
    assert out[1]["Labels"] == "sextant;dimension:processes;phase:next;initiative:safer_change"
    assert (out[1]["Initiative"], out[1]["Effort"]) == (
        "Make change safe and routine", "L (8 points)")
    assert out[0]["Status"] == "Planned" and out[0]["Owner"] == "" and out[0]["Due Date"] == ""
    assert "Why: On 'How long from commit to production?' you answered: '200 hours'" in (
        out[0]["Description"])
    assert "Requires:" not in out[1]["Description"]  # chg_risk is done at chg_approval 4


def test_a_prerequisite_is_never_a_lower_priority_than_what_needs_it(
    mini: Questionnaire, mini_responses: Responses
) -> None:
    # chg_approval 1, rollback "Partly": chg_standard and chg_auto are candidates, and
    # chg_risk (priority 0: not fired) is pulled in by chg_auto; it is never filed lower.
    responses = parse_responses(mini, {"questionnaire": "mini", "answers": {
        "chg_approval": {"level": 1}, "chg_rollback": {"level": "rb_partly"}}})
    out = rows(roadmap_csv(build_roadmap(mini, score(mini, responses), wip_limit=1)))
    priority = {r["Title"]: r["Priority"] for r in out}
    needing = priority["Let the pipeline approve low-risk changes"]
    assert priority["Score change risk"] in {"High", needing}
    assert priority["Define three standard change types"] == "High"


def test_items_over_capacity_come_last_as_unscheduled(mini: Questionnaire) -> None:
    responses = parse_responses(mini, {"questionnaire": "mini", "answers": {
        "chg_approval": {"level": 1}, "chg_rollback": {"level": "rb_partly"}}})
    out = rows(roadmap_csv(build_roadmap(mini, score(mini, responses), capacity=7)))
    assert (out[-1]["Title"], out[-1]["Phase"]) == (
        "Let the pipeline approve low-risk changes", "Unscheduled")
    assert "Not scheduled: it needs 8 effort points" in out[-1]["Description"]


def test_roadmap_csv_carries_the_tracking(mini: Questionnaire, mini_responses: Responses) -> None:
    tracking = {
        "del_measure": TrackedItem(recommendation_id="del_measure", owner="=Ann Lee",
                                   due_date=date(2025, 4, 30), status="in_progress"),
        "chg_auto": TrackedItem(recommendation_id="chg_auto", status="dropped"),
    }
    out = rows(roadmap_csv(build_roadmap(mini, score(mini, mini_responses)), tracking))
    assert (out[0]["Owner"], out[0]["Due Date"], out[0]["Status"]) == (
        "'=Ann Lee", "2025-04-30", "In progress"
    )
    assert out[1]["Status"] == "Dropped"


def test_answers_csv_has_one_row_per_question_with_the_answer_in_words(
    mini: Questionnaire, mini_responses: Responses
) -> None:
    text = answers_csv(mini, mini_responses)
    assert text.splitlines()[0] == ",".join(ANSWER_COLUMNS)
    out = rows(text)
    assert [r["Question ID"] for r in out] == list(mini.questions_by_id)
    by_id = {r["Question ID"]: r for r in out}
    approval = by_id["chg_approval"]
    assert (approval["Dimension"], approval["Capability"], approval["Answer level"]) == (
        "Processes", "Change enablement", "4"
    )
    assert approval["Answer"] == (
        "Risk-based: Review depth follows a risk score computed from the change itself."
    )
    assert approval["Comment"] == "Risk score lives in the change template."
    assert approval["Confidence"] == "high"
    assert by_id["chg_rollback"]["Answer"] == "Partly"
    assert by_id["dora_deploys"]["Answer"] == "5 deployments per week"
    assert by_id["dora_deploys"]["Answer level"] == "4"
    assert by_id["test_auto"]["Answer"] == "N/A"
    assert by_id["test_auto"]["Answer level"] == ""


def test_answers_csv_marks_unanswered_and_out_of_scope_questions(mini: Questionnaire) -> None:
    responses = parse_responses(mini, {"questionnaire": "mini",
                                       "scope": {"exclude": ["technology"]}, "answers": {}})
    by_id = {r["Question ID"]: r for r in rows(answers_csv(mini, responses))}
    assert by_id["chg_approval"]["Answer"] == "Not answered"
    assert by_id["test_auto"]["Answer"] == "Out of scope"


def test_hostile_comments_are_defused_and_survive_quoting(mini: Questionnaire) -> None:
    comment = '=cmd|"/c calc"!A1, then "quotes",\nand a second line'
    responses = parse_responses(mini, {"questionnaire": "mini", "answers": {
        "chg_approval": {"level": 2, "comment": comment},
        "chg_rollback": {"level": 1, "comment": "@SUM(1+1)"},
        "test_auto": {"level": 3, "comment": "-5 is not a number here"},
    }})
    by_id = {r["Question ID"]: r for r in rows(answers_csv(mini, responses))}
    assert by_id["chg_approval"]["Comment"] == "'" + comment
    assert by_id["chg_rollback"]["Comment"] == "'@SUM(1+1)"
    assert by_id["test_auto"]["Comment"] == "'-5 is not a number here"
