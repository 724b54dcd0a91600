"""First-edition snapshots are read in today's recommendation format."""

from __future__ import annotations

import json
from pathlib import Path

from assessment_models.editions import is_first_edition, upgrade_snapshot
from assessment_models.questionnaire import Questionnaire

SNAPSHOT = Path(__file__).parent.parent / "fixtures" / "snapshots" / "delivery-full-1.0.0.json"


def _first_edition() -> dict:
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def _capability(data: dict, capability_id: str) -> dict:
    return next(c for d in data["dimensions"] for c in d["capabilities"]
                if c["id"] == capability_id)


def test_a_first_edition_step_addresses_every_question_of_its_capability():
    upgraded = upgrade_snapshot(_first_edition())
    release = _capability(upgraded, "release_management")
    step = next(r for r in release["recommendations"] if r["id"] == "rel_working_hours_deploys")
    assert "for_levels" not in step  # was [2, 3]
    assert step["addresses"] == [
        {"question": q["id"], "from_level": 2, "to_level": 4} for q in release["questions"]
    ]


def test_an_upgraded_first_edition_snapshot_is_a_valid_questionnaire():
    questionnaire = Questionnaire.model_validate(upgrade_snapshot(_first_edition()))
    assert (questionnaire.version, questionnaire.question_count) == ("1.0.0", 73)
    assert len(questionnaire.recommendations_by_id) == 118


def test_a_step_no_answer_can_fire_on_is_dropped_with_every_mention_of_it():
    data = _first_edition()
    release = _capability(data, "release_management")
    release["recommendations"][0]["for_levels"] = [5]  # nothing lies in [5, 5)
    dropped = release["recommendations"][0]["id"]
    release["recommendations"][1]["requires"] = [dropped]
    upgraded = _capability(upgrade_snapshot(data), "release_management")["recommendations"]
    assert dropped not in [r["id"] for r in upgraded]
    assert all(dropped not in r["requires"] for r in upgraded)


def test_a_current_snapshot_is_returned_as_it_is():
    data = upgrade_snapshot(_first_edition())
    assert not is_first_edition(data)
    assert upgrade_snapshot(data) is data


def test_upgrading_leaves_the_stored_data_untouched():
    data = _first_edition()
    upgrade_snapshot(data)
    assert data == _first_edition()
