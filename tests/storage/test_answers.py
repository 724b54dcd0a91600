"""Saving, loading and importing answers."""

from __future__ import annotations

import pytest

from assessment_models.errors import ResponsesError
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Answer, BenchmarkChoice, Respondent, Responses, Scope
from assessment_models.storage import (
    create_assessment,
    get_assessment,
    import_responses,
    load_responses,
    save_answer,
)


@pytest.fixture
def code(db, mini: Questionnaire) -> str:
    with db.session() as session:
        return create_assessment(session, mini, Respondent(organisation="Acme"), Scope())


def answers(db, code: str) -> dict[str, Answer]:
    with db.session() as session:
        return load_responses(session, code).answers


def test_a_second_save_replaces_the_first_answer(db, code: str) -> None:
    with db.session() as session:
        save_answer(session, code, "chg_approval", Answer(level=2, comment="CAB weekly"))
    with db.session() as session:
        save_answer(session, code, "chg_approval", Answer(level=3, confidence="high"))
    assert answers(db, code) == {"chg_approval": Answer(level=3, confidence="high")}
    assert db.count("answers") == 1


def test_a_choice_given_by_option_id_is_stored_as_its_level(db, code: str) -> None:
    with db.session() as session:
        save_answer(session, code, "chg_rollback", Answer(level="rb_partly"))
    assert answers(db, code)["chg_rollback"].level == 3


def test_metric_values_and_na_answers_round_trip(db, code: str) -> None:
    with db.session() as session:
        save_answer(session, code, "dora_lead_time", Answer(value=12.5))
    with db.session() as session:
        save_answer(session, code, "dora_deploys", Answer(na=True, comment="No production yet"))
    assert answers(db, code) == {
        "dora_deploys": Answer(na=True, comment="No production yet"),
        "dora_lead_time": Answer(value=12.5),
    }


@pytest.mark.parametrize(
    ("question_id", "answer", "message"),
    [
        ("nope", Answer(level=1), "responses: answers.nope: no question with this id in 'mini'"),
        (
            "chg_rollback",
            Answer(level=2),
            "responses: answers.chg_rollback: no option has level 2 (levels: 1, 3, 5)",
        ),
        (
            "dora_lead_time",
            Answer(na=True),
            "responses: answers.dora_lead_time: this question cannot be answered 'not applicable'",
        ),
    ],
    ids=["unknown-question", "level-no-option-has", "na-where-not-allowed"],
)
def test_an_invalid_answer_raises_and_changes_nothing(
    db, code: str, question_id: str, answer: Answer, message: str
) -> None:
    with db.session() as session:
        save_answer(session, code, "chg_rollback", Answer(level=5))
        save_answer(session, code, "dora_lead_time", Answer(value=48))
    with db.session() as session:
        before = get_assessment(session, code)
    with db.session() as session, pytest.raises(ResponsesError) as caught:
        save_answer(session, code, question_id, answer)
    assert str(caught.value) == message
    assert answers(db, code) == {
        "chg_rollback": Answer(level=5),
        "dora_lead_time": Answer(value=48),
    }
    with db.session() as session:
        assert get_assessment(session, code).updated_at == before.updated_at


def test_an_empty_answer_deletes_the_stored_one(db, code: str) -> None:
    with db.session() as session:
        save_answer(session, code, "test_auto", Answer(level=4))
    with db.session() as session:
        save_answer(session, code, "test_auto", Answer())
    assert answers(db, code) == {}
    assert db.count("answers") == 0


def test_a_bare_comment_is_kept_without_a_level(db, code: str) -> None:
    with db.session() as session:
        save_answer(session, code, "test_auto", Answer(comment="Ask the QA lead"))
    assert answers(db, code) == {"test_auto": Answer(comment="Ask the QA lead")}


def test_saving_returns_the_time_the_assessment_was_updated(db, code: str) -> None:
    with db.session() as session:
        created = get_assessment(session, code).created_at
    with db.session() as session:
        saved_at = save_answer(session, code, "test_auto", Answer(level=2))
    with db.session() as session:
        updated = get_assessment(session, code).updated_at
    assert saved_at == updated
    assert saved_at >= created


def test_load_responses_gives_the_exchange_format(db, mini: Questionnaire) -> None:
    with db.session() as session:
        code = create_assessment(
            session, mini, Respondent(organisation="Acme", team="Ops"), Scope(exclude=("delivery",))
        )
    with db.session() as session:
        save_answer(session, code, "test_auto", Answer(level=3))
        save_answer(session, code, "chg_approval", Answer(level=1))
    with db.session() as session:
        responses = load_responses(session, code)
    assert responses == Responses(
        questionnaire="mini",
        questionnaire_version="1.0.0",
        respondent=Respondent(organisation="Acme", team="Ops"),
        scope=Scope(exclude=("delivery",)),
        answers={"chg_approval": Answer(level=1), "test_auto": Answer(level=3)},
        benchmark=BenchmarkChoice(),  # all industries, newest edition: none was chosen
    )
    assert list(responses.answers) == ["chg_approval", "test_auto"]  # questionnaire order


def test_import_creates_an_assessment_holding_every_answer(db, mini: Questionnaire) -> None:
    imported = Responses(
        questionnaire="mini",
        respondent=Respondent(team="Payments"),
        scope=Scope(exclude=("technology",)),
        answers={"chg_rollback": Answer(level="rb_yes"), "dora_deploys": Answer(value=3)},
    )
    with db.session() as session:
        code = import_responses(session, mini, imported)
    with db.session() as session:
        responses = load_responses(session, code)
    assert responses.respondent == Respondent(team="Payments")
    assert responses.scope == Scope(exclude=("technology",))
    assert responses.answers == {
        "chg_rollback": Answer(level=5),
        "dora_deploys": Answer(value=3),
    }


def test_an_import_with_one_bad_answer_stores_nothing(db, mini: Questionnaire) -> None:
    imported = Responses(
        questionnaire="mini",
        answers={"chg_approval": Answer(level=2), "chg_rollback": Answer(level=4)},
    )
    with db.session() as session, pytest.raises(ResponsesError) as caught:
        import_responses(session, mini, imported)
    assert str(caught.value) == (
        "responses: answers.chg_rollback: no option has level 4 (levels: 1, 3, 5)"
    )
    assert db.count("assessments") == 0
    assert db.count("answers") == 0


def test_answers_survive_disposing_and_recreating_the_engine(db, code: str) -> None:
    with db.session() as session:
        save_answer(session, code, "chg_approval", Answer(level=4, comment="risk scored"))
    db.restart()
    assert answers(db, code) == {"chg_approval": Answer(level=4, comment="risk scored")}
