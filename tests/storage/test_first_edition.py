"""An assessment stored under the first edition of delivery-full still opens, scores and reports.

``tests/fixtures/snapshots/delivery-full-1.0.0.json`` is the snapshot Sextant stored for the
first edition (recommendations with ``for_levels``), byte for byte. The second edition
changed both the content and the recommendation format; the stored snapshot must still be
the questionnaire that assessment is answered, scored and reported against.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import update

from assessment_models.loader import load_questionnaire, questionnaires_dir
from assessment_models.report.pdf import render_pdf
from assessment_models.responses import Answer, Respondent, Scope
from assessment_models.roadmap import build_roadmap
from assessment_models.scoring import score
from assessment_models.storage import (
    create_assessment,
    get_assessment,
    load_responses,
    save_answer,
)
from assessment_models.storage.snapshots import clear_cache
from assessment_models.storage.tables import AssessmentRow

SNAPSHOTS = Path(__file__).parent.parent / "fixtures" / "snapshots"
SNAPSHOT = SNAPSHOTS / "delivery-full-1.0.0.json"
#: The quick check's first edition (16 questions, ``for_levels``), as Sextant stored it before
#: recommendations addressed questions (snapshot_of at commit a069935, byte for byte).
QUICK_SNAPSHOT = SNAPSHOTS / "delivery-quick-1.0.0.json"
FIRST_EDITION_ANSWERS = {
    "chg_authorisation_model": Answer(level=1),  # retired in the second edition
    "chg_risk_assessment": Answer(level=2),  # retired in the second edition
    "rel_release_windows": Answer(level=2),
    "dora_lead_time": Answer(value=400),
    "inc_post_incident_review": Answer(level=2),  # renamed in the second edition
}


def _store_first_edition_assessment(db, stored: Path = SNAPSHOT) -> str:
    """An assessment row exactly as the first edition stored it."""
    snapshot = stored.read_text(encoding="utf-8")
    canonical = json.dumps(json.loads(snapshot), sort_keys=True, ensure_ascii=False)
    shipped = json.loads(snapshot)["id"] + ".yaml"
    with db.session() as session:
        code = create_assessment(
            session, load_questionnaire(questionnaires_dir() / shipped),
            Respondent(organisation="Acme", team="Payments"), Scope(),
        )
        session.execute(
            update(AssessmentRow)
            .where(AssessmentRow.access_code == code)
            .values(snapshot=snapshot, questionnaire_version="1.0.0",
                    content_hash=hashlib.sha256(canonical.encode("utf-8")).hexdigest())
        )
        session.commit()
    clear_cache()
    return code


def test_a_first_edition_assessment_opens_with_its_own_questions(db) -> None:
    code = _store_first_edition_assessment(db)
    with db.session() as session:
        record = get_assessment(session, code)
    assert record.version == "1.0.0"
    assert record.questionnaire.version == "1.0.0"
    assert record.questionnaire.question_count == 73
    assert "chg_authorisation_model" in record.questionnaire.questions_by_id
    assert "chg_change_authorisation" not in record.questionnaire.questions_by_id


def test_a_first_edition_assessment_takes_answers_to_its_own_questions(db) -> None:
    code = _store_first_edition_assessment(db)
    with db.session() as session:
        for question_id, answer in FIRST_EDITION_ANSWERS.items():
            save_answer(session, code, question_id, answer)
    with db.session() as session:
        responses = load_responses(session, code)
    assert list(responses.answers) == [
        "rel_release_windows", "chg_authorisation_model", "chg_risk_assessment",
        "dora_lead_time", "inc_post_incident_review",
    ]


def test_a_first_edition_assessment_scores_recommends_and_reports(db) -> None:
    code = _store_first_edition_assessment(db)
    with db.session() as session:
        for question_id, answer in FIRST_EDITION_ANSWERS.items():
            save_answer(session, code, question_id, answer)
    with db.session() as session:
        questionnaire = get_assessment(session, code).questionnaire
        responses = load_responses(session, code)
    responses = responses.model_copy(update={"answers": {
        qid: a for qid, a in responses.answers.items() if qid != "dora_lead_time"}})
    card = score(questionnaire, responses)
    assert card.capability("change_enablement").score == 1.5  # (1 + 2) / 2
    assert card.capability("release_management").score == 2
    roadmap = build_roadmap(questionnaire, card)
    ids = {item.id for item in roadmap.items}
    assert "chg_define_standard_changes" in ids  # a first-edition step, for_levels [1, 2]
    pdf = render_pdf(questionnaire, responses, card, roadmap)
    text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Acme" in text
    assert "Change enablement" in text


def test_a_first_edition_quick_check_opens_scores_and_reports_under_its_own_text(db) -> None:
    # The second edition (2.0.0) shortened every question and descriptor; an assessment
    # stored under 1.0.0 keeps the words its respondents answered.
    shipped = load_questionnaire(questionnaires_dir() / "delivery-quick.yaml")
    assert shipped.version != "1.0.0"
    code = _store_first_edition_assessment(db, QUICK_SNAPSHOT)
    with db.session() as session:
        for question_id, answer in {"chg_routine_approval": Answer(level=1),
                                    "auto_testing": Answer(level=1),
                                    "dp_lead_time": Answer(value=500)}.items():
            save_answer(session, code, question_id, answer)
    with db.session() as session:
        record = get_assessment(session, code)
        responses = load_responses(session, code)
    questionnaire = record.questionnaire
    assert (record.version, questionnaire.version, questionnaire.question_count) == (
        "1.0.0", "1.0.0", 16)
    stored_rung = questionnaire.questions_by_id["auto_testing"].options[0].descriptor
    assert stored_rung.startswith("A separate test team runs manual regression tests")
    assert stored_rung != shipped.questions_by_id["auto_testing"].options[0].descriptor
    card = score(questionnaire, responses)
    assert card.capability("change_enablement").score == 1
    assert card.capability("delivery_automation").score == 1
    roadmap = build_roadmap(questionnaire, card)
    assert {"chg_standard_changes", "auto_top_regression_cases"} <= {
        item.id for item in (*roadmap.items, *roadmap.deferred)}
    pdf = render_pdf(questionnaire, responses, card, roadmap)
    text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Delivery quick check, version 1.0.0" in text
