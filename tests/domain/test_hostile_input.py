"""Hostile and malformed input: one clear line from the project's own errors, never a
traceback, and nothing that validates only to break later."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment_models.errors import QuestionnaireError, SextantError
from assessment_models.loader import MAX_QUESTIONNAIRE_BYTES, parse_questionnaire
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import (
    MAX_RESPONSES_BYTES,
    Respondent,
    Scope,
    check_something_in_scope,
    parse_responses,
    parse_responses_json,
)
from assessment_models.storage.snapshots import snapshot_of

FIXTURES = Path(__file__).parent.parent / "fixtures"
MINI_YAML = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")
MINI_RESPONSES = (FIXTURES / "mini-responses.json").read_text(encoding="utf-8")


def responses(text: str, mini: Questionnaire):  # type: ignore[no-untyped-def]
    return parse_responses(mini, parse_responses_json(text, "r.json"), "r.json")


# Parser limits and duplicate keys ------------------------------------------------------
def test_a_yaml_key_given_twice_is_refused_with_its_line() -> None:
    text = MINI_YAML.replace("dimensions:", "questions: []\nquestions: []\ndimensions:", 1)
    line = text.splitlines().index("questions: []") + 2
    with pytest.raises(QuestionnaireError) as raised:
        parse_questionnaire(text, "q.yaml")
    assert str(raised.value) == (
        f"q.yaml (line {line}): not valid YAML: the key 'questions' is given twice"
    )


def test_a_json_key_given_twice_is_refused_with_its_line(mini: Questionnaire) -> None:
    text = '{"questionnaire": "mini",\n "answers": {},\n "answers": {"x": {}}}'
    with pytest.raises(SextantError) as raised:
        responses(text, mini)
    assert str(raised.value) == "r.json (line 3): the key 'answers' is given twice"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "r.json: not valid JSON: nested too deeply"),
        ('{"wip_limit": ' + "9" * 5000 + "}", "r.json: not valid JSON: a number is far too long"),
        (" " * (MAX_RESPONSES_BYTES + 1), "r.json: larger than 2 MiB, so it is not read"),
    ],
)
def test_parser_limits_are_the_projects_errors(text: str, message: str, mini) -> None:
    with pytest.raises(SextantError) as raised:
        responses(text, mini)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x: " + "1" * 5000, "q.yaml: not valid YAML: a number is far too long"),
        ("#" * (MAX_QUESTIONNAIRE_BYTES + 1), "q.yaml: larger than 2 MiB, so it is not read"),
    ],
)
def test_questionnaire_parser_limits_are_the_projects_errors(text: str, message: str) -> None:
    with pytest.raises(QuestionnaireError) as raised:
        parse_questionnaire(text, "q.yaml")
    assert str(raised.value) == message


# Numbers that validate but break later -------------------------------------------------
@pytest.mark.parametrize(
    ("find", "replace"),
    [
        ("weight: 2", "weight: .inf"),
        ("weight: 2", "weight: .nan"),
        ("weight: 2", "weight: 1.0e+308"),
        ("weight: 2", "weight: true"),
    ],
)
def test_numbers_that_would_break_scoring_or_storage_are_refused(find: str, replace: str) -> None:
    assert find in MINI_YAML
    with pytest.raises(QuestionnaireError):
        parse_questionnaire(MINI_YAML.replace(find, replace, 1), "q.yaml")


def test_every_questionnaire_that_loads_can_be_stored_and_read_back(mini) -> None:
    snapshot = snapshot_of(mini)
    assert Questionnaire.model_validate_json(snapshot) == mini


# Type coercion and what the forms refuse ------------------------------------------------
@pytest.mark.parametrize(
    ("answers_or_extra", "message"),
    [
        ({"answers": {"chg_approval": {"level": True}}}, "answers.chg_approval.level"),
        ({"answers": {"test_auto": {"na": "yes"}}}, "answers.test_auto.na"),
        ({"answers": {"dora_deploys": {"value": False}}}, "answers.dora_deploys.value"),
        ({"wip_limit": 0}, "wip_limit"),
        ({"wip_limit": 2**40}, "wip_limit"),
        ({"targets": {"processes": True}}, "targets.processes"),
    ],
)
def test_booleans_are_not_numbers_and_imports_refuse_what_forms_refuse(
    answers_or_extra: dict, message: str, mini
) -> None:
    data = {"questionnaire": "mini", **answers_or_extra}
    with pytest.raises(SextantError) as raised:
        responses(json.dumps(data), mini)
    assert str(raised.value).startswith(f"r.json: {message}")


def test_an_import_that_excludes_every_dimension_is_refused(mini) -> None:
    every = tuple(d.id for d in mini.dimensions)
    with pytest.raises(SextantError) as raised:
        check_something_in_scope(mini, Scope(exclude=every), "r.json")
    assert str(raised.value) == "r.json: scope.exclude: leaves no capability to assess"


def test_control_characters_are_removed_from_user_text_nul_included(mini) -> None:
    data = json.loads(MINI_RESPONSES)
    data["respondent"]["team"] = "Pay\x00ments\x07"
    data["answers"]["chg_approval"]["comment"] = "line one\nline\ttwo\x1b[31m"
    parsed = responses(json.dumps(data), mini)
    assert parsed.respondent == Respondent(organisation="Acme", team="Payments")
    assert parsed.answers["chg_approval"].comment == "line one\nline\ttwo[31m"


# Fuzz: only the project's own errors escape ---------------------------------------------
_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    answers=st.dictionaries(
        st.sampled_from(["chg_approval", "chg_rollback", "dora_deploys", "test_auto", "x"]),
        st.dictionaries(
            st.sampled_from(["level", "value", "na", "comment", "confidence", "extra"]),
            _json_values,
            max_size=3,
        ),
        max_size=4,
    ),
    extra=st.dictionaries(
        st.sampled_from(["scope", "targets", "wip_limit", "tracking", "respondent", "x"]),
        _json_values,
        max_size=2,
    ),
)
def test_fuzzed_responses_raise_only_the_projects_errors(answers, extra, mini) -> None:
    text = json.dumps({"questionnaire": "mini", "answers": answers, **extra})
    with contextlib.suppress(SextantError):
        responses(text, mini)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(0, len(MINI_YAML)), junk=st.text(max_size=30))
def test_fuzzed_questionnaires_raise_only_the_projects_errors(cut: int, junk: str) -> None:
    with contextlib.suppress(QuestionnaireError):
        parse_questionnaire(MINI_YAML[:cut] + junk + MINI_YAML[cut:], "q.yaml")


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200) | st.binary(max_size=200))
def test_fuzzed_bytes_raise_only_the_projects_errors(text: str | bytes, mini) -> None:
    with contextlib.suppress(SextantError):
        responses(text, mini)  # type: ignore[arg-type]
