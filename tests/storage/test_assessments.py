"""Creating, reading and changing assessments."""

from __future__ import annotations

import base64
from datetime import UTC

import pytest

from assessment_models.errors import NotFoundError, ResponsesError, StorageError
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Answer, Respondent, Scope
from assessment_models.storage import (
    create_assessment,
    finish_assessment,
    get_assessment,
    new_access_code,
    reopen_assessment,
    save_answer,
    save_targets,
    set_respondent,
    set_scope,
)

ACME = Respondent(organisation="Acme", team="Payments")


def test_a_created_assessment_reads_back_as_it_was_created(db, mini: Questionnaire) -> None:
    with db.session() as session:
        code = create_assessment(session, mini, ACME, Scope(exclude=("technology",)))
    with db.session() as session:
        record = get_assessment(session, code)
    assert record.code == code
    assert record.questionnaire == mini
    assert (record.questionnaire_id, record.version) == ("mini", "1.0.0")
    assert record.content_hash == mini.content_hash()
    assert record.respondent == ACME
    assert record.scope == Scope(exclude=("technology",))
    assert record.status == "in_progress"
    assert record.finished_at is None
    assert (record.targets, record.wip_limit) == (None, None)


def test_timestamps_come_back_timezone_aware_in_utc(db, mini: Questionnaire) -> None:
    with db.session() as session:
        code = create_assessment(session, mini, ACME, Scope())
    with db.session() as session:
        record = get_assessment(session, code)
    assert record.created_at.tzinfo is not None
    assert record.created_at.utcoffset() == UTC.utcoffset(None)
    assert record.updated_at == record.created_at


def test_access_codes_carry_at_least_128_bits_and_never_repeat() -> None:
    codes = {new_access_code() for _ in range(1000)}
    assert len(codes) == 1000
    for code in codes:
        assert len(base64.urlsafe_b64decode(code + "=")) * 8 >= 128


def test_two_assessments_get_different_codes(db, mini: Questionnaire) -> None:
    with db.session() as session:
        first = create_assessment(session, mini, ACME, Scope())
    with db.session() as session:
        second = create_assessment(session, mini, ACME, Scope())
    assert first != second


@pytest.mark.parametrize(
    "code",
    ["A" * 43, "short", "", "x' OR '1'='1", "A" * 42 + "!", "A" * 44],
    ids=["unknown", "short", "empty", "injection", "bad-character", "too-long"],
)
def test_an_unknown_or_malformed_code_is_not_found(db, mini: Questionnaire, code: str) -> None:
    with db.session() as session:
        create_assessment(session, mini, ACME, Scope())
    with db.session() as session, pytest.raises(NotFoundError) as caught:
        get_assessment(session, code)
    assert str(caught.value) == "No assessment with this access code."


def test_the_snapshot_pins_the_questionnaire_it_started_with(db, mini: Questionnaire) -> None:
    with db.session() as session:
        code = create_assessment(session, mini, ACME, Scope())
    revised = mini.model_copy(update={"version": "2.0.0", "title": "Mini check, revised"})
    assert revised.content_hash() != mini.content_hash()
    with db.session() as session:
        record = get_assessment(session, code)
    assert record.questionnaire.title == "Mini check"
    assert record.version == record.questionnaire.version == "1.0.0"
    assert record.content_hash == mini.content_hash()


def test_the_snapshot_parses_back_to_its_stored_content_hash(db, mini: Questionnaire) -> None:
    with db.session() as session:
        code = create_assessment(session, mini, ACME, Scope())
    with db.session() as session:
        record = get_assessment(session, code)
    assert record.questionnaire is not mini
    assert record.questionnaire.content_hash() == record.content_hash


def test_a_scope_exclusion_persists(db, mini: Questionnaire) -> None:
    with db.session() as session:
        code = create_assessment(session, mini, ACME, Scope())
    with db.session() as session:
        set_scope(session, code, Scope(exclude=("delivery", "technology")))
    with db.session() as session:
        assert get_assessment(session, code).scope == Scope(exclude=("delivery", "technology"))


def test_an_unknown_scope_id_creates_nothing(db, mini: Questionnaire) -> None:
    with db.session() as session, pytest.raises(ResponsesError) as caught:
        create_assessment(session, mini, ACME, Scope(exclude=("nope",)))
    assert str(caught.value) == (
        "assessment: scope.exclude: 'nope' is not a dimension or capability of 'mini'"
    )
    assert db.count("assessments") == 0


def test_a_changed_respondent_persists(db, mini: Questionnaire) -> None:
    with db.session() as session:
        code = create_assessment(session, mini, ACME, Scope())
    with db.session() as session:
        set_respondent(session, code, Respondent(organisation="Acme", team="Platform"))
    with db.session() as session:
        assert get_assessment(session, code).respondent.team == "Platform"


def test_finishing_stamps_the_time_and_reopening_clears_it(db, mini: Questionnaire) -> None:
    with db.session() as session:
        code = create_assessment(session, mini, ACME, Scope())
    with db.session() as session:
        finish_assessment(session, code)
    with db.session() as session:
        finished = get_assessment(session, code)
    assert finished.status == "finished"
    assert finished.finished_at is not None
    assert finished.finished_at >= finished.created_at
    with db.session() as session:
        reopen_assessment(session, code)
    with db.session() as session:
        reopened = get_assessment(session, code)
    assert (reopened.status, reopened.finished_at) == ("in_progress", None)


def test_a_finished_assessment_refuses_new_answers(db, mini: Questionnaire) -> None:
    with db.session() as session:
        code = create_assessment(session, mini, ACME, Scope())
    with db.session() as session:
        finish_assessment(session, code)
    with db.session() as session, pytest.raises(StorageError) as caught:
        save_answer(session, code, "test_auto", Answer(level=3))
    assert str(caught.value) == (
        "This assessment is finished; reopen it to change its answers or scope."
    )
    assert db.count("answers") == 0


def test_targets_and_the_wip_limit_persist(db, mini: Questionnaire) -> None:
    with db.session() as session:
        code = create_assessment(session, mini, ACME, Scope())
    with db.session() as session:
        save_targets(session, code, {"technology": 3.5, "processes": 4}, wip_limit=3)
    with db.session() as session:
        record = get_assessment(session, code)
    assert record.targets == {"processes": 4.0, "technology": 3.5}
    assert record.wip_limit == 3


def test_capability_targets_and_the_capacity_persist(db, mini: Questionnaire) -> None:
    with db.session() as session:
        code = create_assessment(session, mini, ACME, Scope())
    with db.session() as session:
        save_targets(session, code, {"change": 4.5, "processes": 3}, wip_limit=2, capacity=14)
    with db.session() as session:
        record = get_assessment(session, code)
    assert record.targets == {"processes": 3.0, "change": 4.5}  # dimensions first
    assert (record.wip_limit, record.capacity) == (2, 14)


def test_a_capacity_out_of_range_is_refused(db, mini: Questionnaire) -> None:
    with db.session() as session:
        code = create_assessment(session, mini, ACME, Scope())
    with db.session() as session, pytest.raises(StorageError) as caught:
        save_targets(session, code, {}, wip_limit=3, capacity=0)
    assert str(caught.value) == "capacity: must be 1 to 200 effort points"
    with db.session() as session:
        assert get_assessment(session, code).capacity is None


def test_a_target_for_an_unknown_dimension_is_refused(db, mini: Questionnaire) -> None:
    with db.session() as session:
        code = create_assessment(session, mini, ACME, Scope())
    with db.session() as session, pytest.raises(StorageError) as caught:
        save_targets(session, code, {"nope": 3.0}, wip_limit=None)
    assert str(caught.value) == "targets: 'nope' is not a dimension or capability of 'mini'"
    with db.session() as session:
        assert get_assessment(session, code).targets is None


def test_a_target_off_the_half_steps_is_refused(db, mini: Questionnaire) -> None:
    # The roadmap accepts only 1 to 5 in steps of 0.5; storing 3.7 would break it later.
    with db.session() as session:
        code = create_assessment(session, mini, ACME, Scope())
    with db.session() as session, pytest.raises(StorageError) as caught:
        save_targets(session, code, {"processes": 3.7}, wip_limit=None)
    assert str(caught.value) == "targets: processes: a target is 1 to 5 in steps of 0.5, got 3.7"
    with db.session() as session:
        assert get_assessment(session, code).targets is None
