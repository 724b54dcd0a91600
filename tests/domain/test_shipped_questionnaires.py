"""Every questionnaire that ships validates, fits its size and points editors at the schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assessment_models.content_checks import answerable_levels
from assessment_models.loader import load_questionnaire, questionnaire_files, questionnaires_dir
from assessment_models.questionnaire import (
    DoraKey,
    MetricQuestion,
    ScaleQuestion,
    questionnaire_json_schema,
)

SHIPPED = questionnaire_files()
FIVE_DIMENSIONS = ["processes", "technology", "people", "governance", "culture"]
#: id → (fewest, most) questions the issue asks for.
SIZES = {"delivery-quick": (12, 20), "delivery-full": (60, 80)}
SCHEMA_FILE = questionnaires_dir() / "questionnaire.schema.json"


def test_the_quick_check_ships():
    assert "delivery-quick.yaml" in [p.name for p in SHIPPED]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_questionnaire_validates_and_fits_its_question_count(path: Path):
    questionnaire = load_questionnaire(path)
    assert [d.id for d in questionnaire.dimensions] == FIVE_DIMENSIONS
    fewest, most = SIZES[questionnaire.id]
    assert fewest <= questionnaire.question_count <= most


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_questionnaire_measures_the_four_dora_keys(path: Path):
    questionnaire = load_questionnaire(path)
    keys = {
        q.dora_key for q in questionnaire.questions_by_id.values() if isinstance(q, MetricQuestion)
    }
    assert keys >= set(DoraKey) - {DoraKey.REWORK_RATE}  # rework is DORA's optional fifth


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_answer_at_levels_one_to_three_is_addressed_by_a_recommendation(path: Path):
    questionnaire = load_questionnaire(path)
    recommendations = questionnaire.recommendations_by_id.values()
    missing = [
        (question.id, level)
        for question in questionnaire.questions_by_id.values()
        for level in answerable_levels(question)
        if level <= 3
        and not any(a.question == question.id and a.fires_at(level)
                    for r in recommendations for a in r.addresses)
    ]
    assert missing == []


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_scale_descriptors_are_specific_sentences(path: Path):
    questionnaire = load_questionnaire(path)
    for question in questionnaire.questions_by_id.values():
        if isinstance(question, ScaleQuestion):
            descriptors = [o.descriptor.strip() for o in question.options]
            assert len(set(descriptors)) == 5, question.id
            assert all(len(d.split()) >= 6 for d in descriptors), question.id


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_yaml_points_editors_at_the_schema(path: Path):
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=./questionnaire.schema.json"


def test_the_published_schema_matches_the_models():
    assert json.loads(SCHEMA_FILE.read_text()) == questionnaire_json_schema(), (
        "regenerate it: sextant schema > questionnaires/questionnaire.schema.json"
    )


def test_the_domain_package_never_imports_streamlit():
    code = (
        "import sys, assessment_models, assessment_models.cli, assessment_models.scoring;"
        "import pkgutil, importlib;"
        "[importlib.import_module(m.name) for m in pkgutil.walk_packages("
        "assessment_models.__path__, 'assessment_models.')"
        " if 'migrations' not in m.name and not m.name.endswith('__main__')];"
        "print('streamlit' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


FULL = questionnaires_dir() / "delivery-full.yaml"


def test_the_full_assessment_has_three_to_six_capabilities_per_dimension():
    # Processes holds the five core delivery processes plus flow: six, the most we allow.
    questionnaire = load_questionnaire(FULL)
    for dimension in questionnaire.dimensions:
        assert 3 <= len(dimension.capabilities) <= 6, dimension.id


def test_the_full_assessment_uses_each_id_once():
    questionnaire = load_questionnaire(FULL)
    ids = [d.id for d in questionnaire.dimensions]
    ids += list(questionnaire.capabilities_by_id)
    for capability in questionnaire.capabilities_by_id.values():
        ids += [q.id for q in capability.questions]
        ids += [r.id for r in capability.recommendations]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_question_says_why_it_matters_and_cites_a_framework(path: Path):
    questionnaire = load_questionnaire(path)
    for question in questionnaire.questions_by_id.values():
        assert question.help.strip(), question.id
        assert question.references, question.id
