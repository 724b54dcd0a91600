"""The JSON export: responses plus targets, WIP limit and tracking, and its way back in."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text as sql

from assessment_models.errors import ResponsesError
from assessment_models.questionnaire import Questionnaire
from assessment_models.report.json_export import export_json
from assessment_models.responses import Responses, parse_responses, parse_responses_json
from assessment_models.storage import (
    TrackedItem,
    get_assessment,
    import_responses,
    load_responses,
    load_tracking,
    make_engine,
    make_sessionmaker,
    migrate,
    save_targets,
    save_tracking,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def sessions(tmp_path: Path):  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{tmp_path / 'sextant.db'}")
    migrate(engine)
    yield make_sessionmaker(engine)
    engine.dispose()


def document(**extra: object) -> dict[str, object]:
    data = json.loads((FIXTURES / "mini-responses.json").read_text(encoding="utf-8"))
    data.update(extra)
    return data


def test_export_imports_back_with_answers_targets_wip_and_tracking(
    sessions, mini: Questionnaire, mini_responses: Responses
) -> None:
    due = date(2025, 3, 31)
    with sessions() as session:
        code = import_responses(session, mini, mini_responses)
        save_targets(session, code, {"processes": 4.5, "technology": 3, "change": 5}, wip_limit=2,
                     capacity=12)
        save_tracking(session, code, TrackedItem(
            recommendation_id="chg_auto", owner="Ana", due_date=due, status="in_progress"
        ))
        record = get_assessment(session, code)
        text = export_json(
            load_responses(session, code), record.targets, record.wip_limit,
            load_tracking(session, code), record.capacity,
        )

    again = parse_responses(mini, parse_responses_json(text, "export.json"), "export.json")
    with sessions() as session:
        copy = import_responses(session, mini, again)
        assert load_responses(session, copy).answers == mini_responses.answers
        record = get_assessment(session, copy)
        assert record.targets == {"processes": 4.5, "technology": 3.0, "change": 5.0}
        assert (record.wip_limit, record.capacity) == (2, 12)
        assert load_tracking(session, copy) == {
            "chg_auto": TrackedItem(
                recommendation_id="chg_auto", owner="Ana", due_date=due, status="in_progress"
            )
        }


def test_export_writes_the_settings_as_plain_json(mini_responses: Responses) -> None:
    tracked = {"test_ci": TrackedItem(recommendation_id="test_ci", status="done")}
    data = json.loads(export_json(mini_responses, {"processes": 4.0}, 3, tracked))
    assert data["targets"] == {"processes": 4.0}
    assert data["wip_limit"] == 3
    assert data["tracking"] == {"test_ci": {"status": "done"}}


def test_export_without_settings_is_the_plain_exchange_format(
    mini_responses: Responses,
) -> None:
    text = export_json(mini_responses)
    assert text == mini_responses.to_json()
    assert not {"targets", "wip_limit", "tracking"} & set(json.loads(text))


def test_documents_without_the_new_keys_stay_valid(sessions, mini: Questionnaire) -> None:
    responses = parse_responses(mini, document())
    assert (responses.targets, responses.wip_limit, responses.tracking) == (None, None, {})
    with sessions() as session:
        code = import_responses(session, mini, responses)
        record = get_assessment(session, code)
        assert (record.targets, record.wip_limit) == (None, None)
        assert load_tracking(session, code) == {}


def test_a_bad_tracking_status_is_one_clear_line(mini: Questionnaire) -> None:
    with pytest.raises(ResponsesError) as caught:
        parse_responses(mini, document(tracking={"test_ci": {"status": "finished"}}))
    assert str(caught.value) == (
        "responses: tracking.test_ci.status: "
        "Input should be 'planned', 'in_progress', 'done' or 'dropped'"
    )


def test_tracking_an_unknown_recommendation_is_one_clear_line(mini: Questionnaire) -> None:
    with pytest.raises(ResponsesError) as caught:
        parse_responses(mini, document(tracking={"nope": {"owner": "Ana"}}))
    assert str(caught.value) == (
        "responses: tracking.nope: no recommendation with this id in 'mini'"
    )


def test_a_target_for_an_unknown_dimension_is_refused(mini: Questionnaire) -> None:
    with pytest.raises(ResponsesError) as caught:
        parse_responses(mini, document(targets={"people": 3}))
    assert str(caught.value) == (
        "responses: targets.people: no dimension or capability with this id in 'mini'"
    )


@pytest.mark.parametrize("target", [0.5, 5.5, 3.3])
def test_a_target_off_the_scale_is_refused(mini: Questionnaire, target: float) -> None:
    with pytest.raises(ResponsesError) as caught:
        parse_responses(mini, document(targets={"processes": target}))
    assert str(caught.value) == (
        f"responses: targets.processes: a target is 1 to 5 in steps of 0.5, got {target:g}"
    )


def test_a_wip_limit_below_one_is_refused(mini: Questionnaire) -> None:
    with pytest.raises(ResponsesError) as caught:
        parse_responses(mini, document(wip_limit=0))
    assert str(caught.value) == (
        "responses: wip_limit: Input should be greater than or equal to 1"
    )


def test_a_refused_import_stores_nothing(sessions, mini: Questionnaire) -> None:
    bad = Responses.model_validate(document(tracking={"nope": {}}))
    with sessions() as session, pytest.raises(ResponsesError):
        import_responses(session, mini, bad)
    with sessions() as session:
        assert session.execute(sql("SELECT count(*) FROM assessments")).scalar_one() == 0
