"""An import may not store what the Start and Roadmap pages refuse."""

from __future__ import annotations

import pytest

from assessment_models.errors import ResponsesError
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Responses, Scope
from assessment_models.storage import import_responses


def test_an_import_that_leaves_nothing_in_scope_stores_nothing(db, mini: Questionnaire) -> None:
    every = tuple(d.id for d in mini.dimensions)
    document = Responses(questionnaire="mini", scope=Scope(exclude=every))
    with db.session() as session, pytest.raises(ResponsesError) as raised:
        import_responses(session, mini, document)
    assert str(raised.value) == "responses: scope.exclude: leaves no capability to assess"
    assert db.count("assessments") == 0
