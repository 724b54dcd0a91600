"""The loader turns every broken questionnaire into one readable line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pydantic import BaseModel

from assessment_models.errors import ContentError, QuestionnaireError
from assessment_models.loader import find_installed, load_questionnaire, parse_questionnaire
from assessment_models.questionnaire import Questionnaire

FIXTURES = Path(__file__).parent.parent / "fixtures"
MINI_TEXT = (FIXTURES / "mini.yaml").read_text()
LAST_TEST_OPTION = (
    '              - {id: t5, level: 5, label: Continuous, descriptor: "Tests, contracts and '
    'canary analysis gate every production deployment."}\n'
)
FIRST_ADDRESS = "{question: chg_approval, to_level: 3}"
CYCLE = (
    "            impact: 3\n            effort: M\n            requires: [chg_auto]\n"
    "          - id: chg_risk"
)

BROKEN = [
    pytest.param(
        "id: [unclosed\n",
        "q.yaml (line 2): not valid YAML: did not find expected ',' or ']'",
        id="not-yaml",
    ),
    pytest.param(
        "- a\n- b\n", "q.yaml: expected a mapping of questionnaire fields at the top", id="list"
    ),
    pytest.param(
        MINI_TEXT.replace("estimated_minutes: 3", "estimated_minutes: 3\ncolour: blue"),
        "q.yaml, line 7: colour: unknown key (not part of the questionnaire format)",
        id="unknown-key",
    ),
    pytest.param(
        MINI_TEXT.replace("title: Mini check\n", ""),
        "q.yaml, line 2: title: required key is missing",
        id="missing-key",
    ),
    pytest.param(
        MINI_TEXT.replace(LAST_TEST_OPTION, ""),
        "q.yaml, line 112: dimensions[1].capabilities[0].questions[0].options: a scale question "
        "needs exactly five options with levels 1, 2, 3, 4 and 5, found levels [1, 2, 3, 4]",
        id="four-scale-options",
    ),
    pytest.param(
        MINI_TEXT.replace("{id: t5, level: 5", "{id: t5, level: 4"),
        "q.yaml, line 112: dimensions[1].capabilities[0].questions[0].options: a scale question "
        "needs exactly five options with levels 1, 2, 3, 4 and 5, found levels [1, 2, 3, 4, 4]",
        id="scale-level-twice",
    ),
    pytest.param(
        MINI_TEXT.replace("thresholds: [0.25, 1, 5, 20]", "thresholds: [0.25, 5, 1, 20]"),
        "q.yaml, line 81: dimensions[0].capabilities[1].questions[0].thresholds: thresholds "
        "must be strictly ascending for higher_is_better, got [0.25, 5.0, 1.0, 20.0]",
        id="thresholds-not-monotonic",
    ),
    pytest.param(
        MINI_TEXT.replace("thresholds: [720, 168, 24, 1]", "thresholds: [1, 24, 168, 720]"),
        "q.yaml, line 88: dimensions[0].capabilities[1].questions[1].thresholds: thresholds "
        "must be strictly descending for lower_is_better, got [1.0, 24.0, 168.0, 720.0]",
        id="thresholds-wrong-direction",
    ),
    pytest.param(
        MINI_TEXT.replace("kind: choice", "kind: slider"),
        "q.yaml, line 35: dimensions[0].capabilities[0].questions[1]: "
        "'kind' must be one of scale, choice, metric",
        id="unknown-kind",
    ),
    pytest.param(
        MINI_TEXT.replace("unit: deployments per week", "unit: deploys per day"),
        "q.yaml, line 76: dimensions[0].capabilities[1].questions[0]: a question measuring "
        "DORA's deployment_frequency must use the unit 'deployments per week', "
        "not 'deploys per day'",
        id="dora-unit",
    ),
    pytest.param(
        MINI_TEXT.replace("id: test_auto", "id: chg_approval"),
        "q.yaml, line 109: dimensions[1].capabilities[0].questions[0].id: question id "
        "'chg_approval' is already used at dimensions[0].capabilities[0].questions[0]",
        id="duplicate-question-id",
    ),
    pytest.param(
        MINI_TEXT.replace("requires: [chg_standard]", "requires: [chg_nope]"),
        "q.yaml, line 60: dimensions[0].capabilities[0].recommendations[1].requires: "
        "recommendation 'chg_risk' requires 'chg_nope', which does not exist",
        id="requires-unknown",
    ),
    pytest.param(
        MINI_TEXT.replace(
            "            impact: 3\n            effort: M\n          - id: chg_risk", CYCLE
        ),
        "q.yaml, line 61: dimensions[0].capabilities[0].recommendations[1].requires: "
        "recommendations require each other in a cycle: "
        "chg_standard -> chg_auto -> chg_risk -> chg_standard",
        id="requires-cycle",
    ),
    pytest.param(
        MINI_TEXT.replace("    weight: 2\n    capabilities", "    weight: 0\n    capabilities"),
        "q.yaml, line 17: dimensions[0].weight: Input should be greater than 0",
        id="zero-weight",
    ),
    pytest.param(
        MINI_TEXT.replace("{id: rb_yes, level: 5", "{id: rb_yes, level: 6"),
        "q.yaml, line 41: dimensions[0].capabilities[0].questions[1].options[2].level: "
        "Input should be less than or equal to 5",
        id="level-six",
    ),
    pytest.param(
        MINI_TEXT.replace("effort: L", "effort: XL"),
        "q.yaml, line 70: dimensions[0].capabilities[0].recommendations[2].effort: "
        "Input should be 'S', 'M' or 'L'",
        id="effort-xl",
    ),
    pytest.param(
        MINI_TEXT.replace("id: technology", "id: Tech Nology"),
        "q.yaml, line 102: dimensions[1].id: ids use lower-case letters, digits, '_' or '-' "
        "and start with a letter",
        id="bad-id",
    ),
    pytest.param(
        MINI_TEXT.replace("{id: rb_partly, level: 3", "{id: rb_partly, level: 1"),
        "q.yaml, line 38: dimensions[0].capabilities[0].questions[1].options: "
        "choice options need distinct levels, found [1, 1, 5]",
        id="choice-levels-repeat",
    ),
    pytest.param(
        MINI_TEXT.replace(FIRST_ADDRESS, "{question: chg_nope, to_level: 3}"),
        "q.yaml, line 47: dimensions[0].capabilities[0].recommendations[0].addresses[0].question: "
        "recommendation 'chg_standard' addresses question 'chg_nope', which does not exist",
        id="addresses-unknown-question",
    ),
    pytest.param(
        MINI_TEXT.replace(FIRST_ADDRESS, "{question: chg_approval, to_level: 6}"),
        "q.yaml, line 47: dimensions[0].capabilities[0].recommendations[0].addresses[0].to_level: "
        "Input should be less than or equal to 5",
        id="to-level-six",
    ),
    pytest.param(
        MINI_TEXT.replace(FIRST_ADDRESS, "{question: chg_approval, to_level: 1}"),
        "q.yaml, line 47: dimensions[0].capabilities[0].recommendations[0].addresses[0].to_level: "
        "Input should be greater than or equal to 2",
        id="to-level-one",
    ),
    pytest.param(
        MINI_TEXT.replace(f"              - {FIRST_ADDRESS}\n", "              []\n"),
        "q.yaml, line 46: dimensions[0].capabilities[0].recommendations[0].addresses: "
        "a recommendation must address at least one question",
        id="addresses-empty",
    ),
    pytest.param(
        MINI_TEXT.replace(FIRST_ADDRESS, "{question: chg_rollback, to_level: 3}")
        .replace("{id: rb_no, level: 1", "{id: rb_no, level: 4"),
        "q.yaml, line 47: dimensions[0].capabilities[0].recommendations[0].addresses[0].to_level: "
        "recommendation 'chg_standard' can never fire on 'chg_rollback': no answer level from 1 "
        "lies below to_level 3 (answer levels: [3, 4, 5])",
        id="to-level-below-every-answer",
    ),
    pytest.param(
        MINI_TEXT.replace("{question: chg_approval, to_level: 4, from_level: 2}",
                          "{question: chg_approval, to_level: 4, from_level: 4}"),
        "q.yaml, line 56: dimensions[0].capabilities[0].recommendations[1].addresses[0].to_level: "
        "recommendation 'chg_risk' can never fire on 'chg_approval': no answer level from 4 "
        "lies below to_level 4 (answer levels: [1, 2, 3, 4, 5])",
        id="from-level-not-below-to-level",
    ),
    pytest.param(
        MINI_TEXT.replace("initiative: fast_feedback\n            impact: 3",
                          "initiative: speed\n            impact: 3"),
        "q.yaml, line 125: dimensions[1].capabilities[0].recommendations[0].initiative: "
        "recommendation 'test_ci' names initiative 'speed', which does not exist "
        "(known: fast_feedback, safer_change)",
        id="unknown-initiative",
    ),
    pytest.param(
        MINI_TEXT.replace("            initiative: fast_feedback\n            impact: 3\n",
                          "            impact: 3\n"),
        "q.yaml, line 119: dimensions[1].capabilities[0].recommendations[0].id: "
        "recommendation 'test_ci' needs an initiative: this file declares initiatives "
        "(fast_feedback, safer_change)",
        id="initiative-missing",
    ),
    pytest.param(
        MINI_TEXT.replace("improves: [change_failure_rate]", "improves: [happiness]"),
        "q.yaml, line 124: dimensions[1].capabilities[0].recommendations[0].improves[0]: "
        "Input should be 'deployment_frequency', 'lead_time', 'change_failure_rate', "
        "'time_to_restore' or 'rework_rate'",
        id="improves-unknown-key",
    ),
    pytest.param(
        MINI_TEXT.replace("  - id: fast_feedback\n", "  - id: safer_change\n"),
        "q.yaml, line 11: initiatives[1].id: initiative id 'safer_change' is already used at "
        "initiatives[0]",
        id="initiative-twice",
    ),
]


@pytest.mark.parametrize(("text", "message"), BROKEN)
def test_a_broken_questionnaire_gives_one_line_naming_file_path_and_line(text, message):
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(text, source="q.yaml")
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


def test_the_fixture_itself_is_valid():
    questionnaire = parse_questionnaire(MINI_TEXT, source="q.yaml")
    assert questionnaire.question_count == 5


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(QuestionnaireError, match=r"nope\.yaml: no such file"):
        load_questionnaire(tmp_path / "nope.yaml")


def test_a_file_that_is_not_utf8_is_reported(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes("title: caf\xe9".encode("latin-1"))
    with pytest.raises(QuestionnaireError, match="cannot be read"):
        load_questionnaire(path)


def test_python_objects_in_yaml_are_refused_not_constructed():
    with pytest.raises(QuestionnaireError, match="not valid YAML"):
        parse_questionnaire("id: !!python/object/apply:os.system ['true']\n", source="q.yaml")


def test_find_installed_reads_only_the_file_named_after_the_id(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "mini.yaml", tmp_path / "mini.yaml")
    (tmp_path / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    assert find_installed("mini", tmp_path).id == "mini"


def test_find_installed_still_finds_an_id_in_a_file_named_otherwise(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "mini.yaml", tmp_path / "renamed.yaml")
    assert find_installed("mini", tmp_path).id == "mini"


def test_an_id_never_names_a_file_outside_the_directory(tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_text("not: [a questionnaire\n", encoding="utf-8")
    (tmp_path / "installed").mkdir()
    unknown = r"no installed questionnaire has the id '\.\./secret'"
    with pytest.raises(QuestionnaireError, match=unknown):
        find_installed("../secret", tmp_path / "installed")


def test_a_questionnaire_is_checked_when_made_not_again_when_a_record_holds_it(mini) -> None:
    # Every page run builds records holding the assessment's questionnaire: re-running the
    # cross-checks there cost milliseconds a time (make bench, Assess click).
    class Holder(BaseModel):
        questionnaire: Questionnaire

    twice = mini.model_copy(update={"dimensions": mini.dimensions * 2})  # ids repeated
    assert Holder(questionnaire=twice).questionnaire is twice
    with pytest.raises(ContentError, match="is already used"):
        Questionnaire.model_validate(twice.model_dump())
