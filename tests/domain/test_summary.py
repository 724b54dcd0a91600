"""The executive summary in words, read as a CIO would read it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessment_models.loader import load_questionnaire
from assessment_models.responses import parse_responses
from assessment_models.roadmap import build_roadmap
from assessment_models.scoring import score
from assessment_models.summary import coverage_note, findings

ROOT = Path(__file__).parent.parent.parent
BANK = ROOT / "tests" / "fixtures" / "report" / "regulated-bank.json"


@pytest.fixture(scope="module")
def quick():
    return load_questionnaire(ROOT / "questionnaires" / "delivery-quick.yaml")


def summarise(quick, data: dict):
    responses = parse_responses(quick, data)
    card = score(quick, responses)
    roadmap = build_roadmap(quick, card, responses.targets)
    return card, findings(quick, responses, card, roadmap)


def test_the_summary_names_level_strongest_and_weakest_areas(quick):
    _, found = summarise(quick, json.loads(BANK.read_text()))
    text = " ".join(found.summary.paragraphs)
    assert text.startswith(
        "Overall, the team's delivery practice scores 2.4 out of 5: maturity level 2, Managed."
    )
    # Technology 1.75 and People 2.0 are the weakest; Processes 3.0, then Governance and
    # Culture at 2.5 (the first in questionnaire order wins the tie).
    assert found.summary.weakest == ("Technology", "People")
    assert found.summary.strongest == ("Processes", "Governance")
    assert "Within Technology, Delivery automation is the weakest capability (1.5)." in text


def test_the_summary_places_the_team_against_its_industry(quick):
    _, found = summarise(quick, json.loads(BANK.read_text()))
    dora = next(p for p in found.summary.paragraphs if p.startswith("On DORA's"))
    # Scores 4, 4, 7.5, 6, 8.2 average 5.94; Financial Services 2025 shows 6.92 ± 1.1.
    assert "(2025 Quick Check, compared with Financial Services)" in dora
    assert "averages 5.9 out of 10 against an industry mean of 6.9" in dora
    assert "roughly the 19th percentile" in dora


def test_the_summary_counts_the_practice_outcome_disagreements(quick):
    _, found = summarise(quick, json.loads(BANK.read_text()))
    assert len(found.flags) == 3
    text = " ".join(found.summary.paragraphs)
    assert "In three places the practices described and the measured results disagree" in text


def test_without_dora_answers_the_summary_says_why_there_is_no_comparison(quick):
    data = json.loads(BANK.read_text())
    data["answers"] = {k: v for k, v in data["answers"].items() if not k.startswith("dp_")}
    card, found = summarise(quick, data)
    text = " ".join(found.summary.paragraphs)
    assert "did not give DORA's key delivery figures" in text
    assert coverage_note(card) == "DRAFT: 11 of 17 questions answered (65 %)."


def test_at_full_coverage_there_is_no_draft_note(quick):
    card, found = summarise(quick, json.loads(BANK.read_text()))
    assert coverage_note(card) is None
    assert not found.summary.draft
