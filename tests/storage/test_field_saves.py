"""Saving one part of an answer at a time, and noticing another window's change."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from assessment_models.errors import ConflictError
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Answer, Respondent, Scope
from assessment_models.storage import create_assessment, load_responses, save_answer


@pytest.fixture
def code(db, mini: Questionnaire) -> str:
    with db.session() as session:
        return create_assessment(session, mini, Respondent(), Scope())


def stored(db, code: str) -> Answer:
    with db.session() as session:
        return load_responses(session, code).answers["test_auto"]


def save(db, code: str, answer: Answer, **kwargs) -> None:
    with db.session() as session:
        save_answer(session, code, "test_auto", answer, **kwargs)


def test_a_comment_saved_alone_never_rewrites_the_level(db, code: str) -> None:
    save(db, code, Answer(level=2))
    seen = stored(db, code)  # window A reads level 2
    save(db, code, Answer(level=4), fields=["choice"], base=seen)  # window B: level 4
    save(db, code, Answer(level=2, comment="nightly"), fields=["comment"], base=seen)  # A
    assert stored(db, code) == Answer(level=4, comment="nightly")


def test_changing_a_level_another_window_changed_is_a_conflict(db, code: str) -> None:
    save(db, code, Answer(level=2))
    seen = stored(db, code)
    save(db, code, Answer(level=4), fields=["choice"], base=seen)
    with pytest.raises(ConflictError) as raised:
        save(db, code, Answer(level=3), fields=["choice"], base=seen)
    conflict = raised.value
    assert (conflict.question_id, conflict.field) == ("test_auto", "choice")
    assert conflict.stored.level == 4
    assert conflict.changed_at.tzinfo is not None
    assert stored(db, code).level == 4  # nothing changed


def test_saving_the_value_the_other_window_already_saved_is_no_conflict(db, code: str) -> None:
    seen = Answer()
    save(db, code, Answer(level=4), fields=["choice"], base=seen)
    save(db, code, Answer(level=4), fields=["choice"], base=seen)
    assert stored(db, code).level == 4


def test_without_a_base_the_save_overwrites_as_before(db, code: str) -> None:
    save(db, code, Answer(level=4, comment="a"))
    save(db, code, Answer(level=1))
    assert stored(db, code) == Answer(level=1)


def test_a_save_does_not_read_the_questionnaire_snapshot(db, code: str) -> None:
    save(db, code, Answer(level=1))  # the snapshot is now parsed and cached
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    save(db, code, Answer(level=2))
    assert statements and not any("snapshot" in s for s in statements)
