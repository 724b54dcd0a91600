"""What a delivery consultant checks in the shipped content, beyond "it validates".

Honest timing (the text decides the minutes), descriptors a respondent can check, DORA's
metrics as outcomes with the agreed thresholds, themes on every recommendation, ids that
stay put across editions, and a questionnaires/README.md that says what the YAML says.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from assessment_models.loader import load_questionnaire, parse_questionnaire, questionnaires_dir
from assessment_models.questionnaire import DoraKey, MetricQuestion, Questionnaire
from assessment_models.reference_table import references_table
from assessment_models.timing import estimated_minutes, reading_words

FULL = questionnaires_dir() / "delivery-full.yaml"
QUICK = questionnaires_dir() / "delivery-quick.yaml"
README = questionnaires_dir() / "README.md"
FIXTURES = Path(__file__).parent.parent / "fixtures"
SHIPPED_IDS = json.loads((FIXTURES / "delivery-full-2.0.0-ids.json").read_text())
FIRST_EDITION = json.loads((FIXTURES / "snapshots" / "delivery-full-1.0.0.json").read_text())


@pytest.fixture(scope="module")
def full() -> Questionnaire:
    return load_questionnaire(FULL)


# Timing ---------------------------------------------------------------------------------

TINY = """
id: tiny
version: "1"
title: Tiny
description: Two words.
estimated_minutes: 1
dimensions:
  - id: processes
    title: Processes
    description: Three more words.
    capabilities:
      - id: change
        title: Change
        questions:
          - id: q1
            kind: scale
            text: Is this five words?
            help: Help has three.
            references: ["Not counted at all"]
            options:
              - {id: a, level: 1, label: One, descriptor: "Six words in this descriptor here."}
              - {id: b, level: 2, label: Two, descriptor: "Six words in this descriptor here."}
              - {id: c, level: 3, label: Three, descriptor: "Six words in this descriptor here."}
              - {id: d, level: 4, label: Four, descriptor: "Six words in this descriptor here."}
              - {id: e, level: 5, label: Five, descriptor: "Six words in this descriptor here."}
          - id: q2
            kind: metric
            text: How many hours?
            unit: hours
            direction: lower_is_better
            thresholds: [40, 30, 20, 10]
"""


def test_the_timing_rule_counts_the_words_a_respondent_reads():
    tiny = parse_questionnaire(TINY)
    # 2 + 3 descriptions, 4 + 3 text and help, 5 · (1 + 6) options, 3 + 1 metric text and unit
    assert reading_words(tiny) == 2 + 3 + 4 + 3 + 35 + 3 + 1


def test_the_estimate_is_words_at_230_a_minute_plus_20_seconds_a_question():
    tiny = parse_questionnaire(TINY)
    assert estimated_minutes(tiny) == pytest.approx(51 / 230 + 2 * 20 / 60)


@pytest.mark.parametrize("path", [FULL, QUICK], ids=lambda p: p.name)
def test_the_stated_minutes_are_within_ten_percent_of_what_the_text_needs(path: Path):
    questionnaire = load_questionnaire(path)
    estimate = estimated_minutes(questionnaire)
    assert abs(questionnaire.estimated_minutes - estimate) <= 0.1 * estimate, (
        f"{path.name} states {questionnaire.estimated_minutes} min; its text needs {estimate:.1f}"
    )


def test_the_full_assessment_takes_45_to_60_minutes_by_its_text(full: Questionnaire):
    assert 45 <= estimated_minutes(full) <= 60
    assert 60 <= full.question_count <= 80


def test_the_quick_check_takes_about_ten_minutes_by_its_text():
    assert 8 <= estimated_minutes(load_questionnaire(QUICK)) <= 12


def test_sextant_list_prints_the_estimate_next_to_the_stated_time(full: Questionnaire):
    result = subprocess.run([sys.executable, "-m", "assessment_models", "list"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].split()[-2:] == ["time", "estimate"]
    row = next(line for line in result.stdout.splitlines() if line.startswith("delivery-full"))
    assert row.endswith(f"{full.estimated_minutes} min  {estimated_minutes(full):.0f} min")


# Descriptors ------------------------------------------------------------------------------

#: Words that leave the respondent guessing which rung they are on; a number or an
#: observable test says it instead. "most" as a superlative ("the most common") is fine,
#: and so is "at most", which is a bound ("three initiatives at most").
VAGUE = re.compile(
    r"\b(sometimes|usually|often|mostly|rarely|regularly|occasionally|many|frequently)\b"
    r"|(?<!\bat )\bmost\b(?!\s+(common|critical|important|requested|frequent|incident-prone|used))",
    re.IGNORECASE,
)


def _descriptors(questionnaire: Questionnaire) -> list[tuple[str, str]]:
    return [
        (option.id, option.descriptor)
        for question in questionnaire.questions_by_id.values()
        if not isinstance(question, MetricQuestion)
        for option in question.options
    ]


@pytest.mark.parametrize("path", [FULL, QUICK], ids=lambda p: p.name)
def test_every_descriptor_is_one_sentence_of_at_most_18_words(path: Path):
    descriptors = _descriptors(load_questionnaire(path))
    too_long = [oid for oid, d in descriptors if len(d.split()) > 18]
    several = [oid for oid, d in descriptors if not d.endswith(".") or ". " in d[:-1]]
    assert (too_long, several) == ([], [])


@pytest.mark.parametrize("path", [FULL, QUICK], ids=lambda p: p.name)
def test_descriptors_give_numbers_instead_of_vague_quantifiers(path: Path):
    vague = [(oid, d) for oid, d in _descriptors(load_questionnaire(path)) if VAGUE.search(d)]
    assert vague == []


# DORA ------------------------------------------------------------------------------------

#: BRIEF decision 3: DORA Quick Check buckets as levels 2-5.
DORA_THRESHOLDS = {
    DoraKey.DEPLOYMENT_FREQUENCY: (0.23, 1, 5, 10),
    DoraKey.LEAD_TIME: (720, 168, 24, 1),
    DoraKey.TIME_TO_RESTORE: (720, 168, 24, 1),
    DoraKey.CHANGE_FAILURE_RATE: (60, 40, 20, 5),
    DoraKey.REWORK_RATE: (60, 40, 20, 5),
}


def _dora_questions(questionnaire: Questionnaire) -> dict[DoraKey, MetricQuestion]:
    return {
        q.dora_key: q
        for q in questionnaire.questions_by_id.values()
        if isinstance(q, MetricQuestion) and q.dora_key is not None
    }


@pytest.mark.parametrize("path", [FULL, QUICK], ids=lambda p: p.name)
def test_dora_questions_use_the_quick_check_thresholds(path: Path):
    questions = _dora_questions(load_questionnaire(path))
    assert {key: q.thresholds for key, q in questions.items()} == DORA_THRESHOLDS


def test_dora_outcomes_carry_no_extra_weight_in_the_full_assessment(full: Questionnaire):
    # They count in no score (decision 4), so a weight would only mislead a reader.
    assert {key: q.weight for key, q in _dora_questions(full).items()} == {
        key: 1.0 for key in DORA_THRESHOLDS
    }


def test_rework_rate_sits_next_to_the_change_failure_rate(full: Questionnaire):
    rework = full.questions_by_id["dp_rework_rate"]
    assert isinstance(rework, MetricQuestion)
    assert rework.text == ("Roughly what share of your deployments in the last six months were "
                           "unplanned, made to fix a defect users had hit?")
    assert (rework.unit, rework.min_value, rework.max_value, rework.allow_na) == (
        "percent", 0, 100, True)
    capability_of = full.capability_of_question
    assert capability_of["dp_rework_rate"] is capability_of["dora_change_failure_rate"]


# Recommendations -------------------------------------------------------------------------

def test_the_full_assessment_groups_its_steps_into_six_to_twelve_themes(full: Questionnaire):
    used = {r.initiative for r in full.recommendations_by_id.values()}
    assert 6 <= len(full.initiatives) <= 12
    assert used == set(full.initiatives_by_id)


def test_every_recommendation_says_how_it_can_be_started_and_checked(full: Questionnaire):
    # One or two sentences a team can act on next week: not a slogan, not an essay.
    lengths = {r.id: len(r.description.split()) for r in full.recommendations_by_id.values()}
    assert {rid: n for rid, n in lengths.items() if not 15 <= n <= 50} == {}


# Ids across editions ---------------------------------------------------------------------

def _first_edition_question_ids() -> set[str]:
    return {q["id"] for d in FIRST_EDITION["dimensions"] for c in d["capabilities"]
            for q in c["questions"]}


def test_ids_shipped_in_the_second_edition_are_still_there(full: Questionnaire):
    assert set(SHIPPED_IDS["questions"]) - set(full.questions_by_id) == set()
    assert set(SHIPPED_IDS["recommendations"]) - set(full.recommendations_by_id) == set()
    assert set(SHIPPED_IDS["initiatives"]) - set(full.initiatives_by_id) == set()


def test_retired_first_edition_question_ids_are_never_reused(full: Questionnaire):
    retired = _first_edition_question_ids() - set(SHIPPED_IDS["questions"])
    assert retired & set(full.questions_by_id) == set()
    assert retired & set(full.recommendations_by_id) == set()


def test_the_readme_names_every_retired_question_id(full: Questionnaire):
    readme = README.read_text(encoding="utf-8")
    retired = _first_edition_question_ids() - set(full.questions_by_id)
    assert {qid for qid in retired if f"`{qid}`" not in readme} == set()


# questionnaires/README.md -----------------------------------------------------------------

def _between(text: str, name: str) -> str:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    return text[text.index(start) + len(start):text.index(end)].strip()


def test_the_readme_reference_table_matches_the_questionnaire(full: Questionnaire):
    table = _between(README.read_text(encoding="utf-8"), "references")
    assert table == references_table(full), "regenerate it with `sextant references`"


#: The topics issue 10 asked the second edition to cover, as they appear in the table.
REQUIRED_TOPICS = [
    "service ownership", "decision rights", "escalations", "Service catalogue",
    "Service requests", "Service desk", "Self-help knowledge base",
    "Communication of planned changes and outages", "OLAs", "Availability",
    "service costing", "showback or charge-back", "toolchain", "pipeline as a product",
    "escaped defects", "Cycle time", "Traceability for auditors", "AI assistance",
]


def test_the_readme_coverage_table_covers_every_topic_with_real_questions(full: Questionnaire):
    rows = [line for line in _between(README.read_text(encoding="utf-8"), "coverage")
            .splitlines()[2:]]
    named = {qid for row in rows for qid in re.findall(r"`([a-z0-9_]+)`", row)}
    assert named - set(full.questions_by_id) == set()
    assert set(full.questions_by_id) - named == set()
    missing = [t for t in REQUIRED_TOPICS if not any(t.lower() in row.lower() for row in rows)]
    assert missing == []
