"""Numbers too large for a column are refused the same way on SQLite and PostgreSQL.

PostgreSQL's INTEGER holds 32 bits, SQLite's 64, and SQLite cannot bind a larger Python int
at all. Every integer and float column checks its value at the storage boundary, before any
SQL runs: one message naming the field, a :class:`StorageError`, nothing stored changed.
Where a form or an import bounds a number more tightly, storage applies the same bound.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Float, Integer, select, text
from sqlalchemy.orm import Session

from assessment_models.errors import NotFoundError, ResponsesError, SextantError, StorageError
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Answer, Respondent, Responses, Scope
from assessment_models.storage import (
    add_team,
    attach_assessment,
    create_assessment,
    create_organisation,
    import_team_assessment,
    save_answer,
    save_targets,
    set_stale_after,
    start_team_assessment,
)
from assessment_models.storage import workshops as ws
from assessment_models.storage.column_types import (
    BoundedInteger,
    FiniteFloat,
    ValueOutOfRangeError,
)
from assessment_models.storage.tables import AssessmentRow, Base

#: Past PostgreSQL's int4 (either way), past int64, and far past both.
TOO_LARGE = [2**31, -(2**31) - 1, 2**63, 10**30]

NUMBER_COLUMNS = [
    pytest.param(table, column, id=f"{table.name}.{column.name}")
    for table in Base.metadata.sorted_tables
    for column in table.columns
    if isinstance(column.type, BoundedInteger | FiniteFloat)
]


def _everything(db: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to show that a refused change left nothing behind."""
    with db.engine.connect() as connection:
        return {
            t.name: sorted(map(tuple, connection.execute(select(t))), key=repr)
            for t in Base.metadata.sorted_tables
        }


def test_every_number_column_is_guarded() -> None:
    # A column added later with a plain Integer or Float would skip the guard.
    plain = [
        f"{t.name}.{c.name}" for t in Base.metadata.sorted_tables for c in t.columns
        if isinstance(c.type, Integer | Float)
        and not isinstance(c.type, BoundedInteger | FiniteFloat)
    ]
    assert plain == []


@pytest.mark.parametrize(("table", "column"), NUMBER_COLUMNS)
def test_a_number_too_large_for_a_column_is_refused_naming_it(db, table, column) -> None:
    bad = 2**31 if isinstance(column.type, BoundedInteger) else 10**400
    with db.session() as session, pytest.raises(ValueOutOfRangeError) as raised:
        session.execute(select(table).where(column == bad))
    assert raised.value.field == column.type.field
    assert str(raised.value).startswith(f"{column.type.field}: ")
    assert str(raised.value).endswith("is too large to store "
                                      f"({raised.value.message.split('(')[1]}")


def test_the_message_is_one_plain_line(db) -> None:
    with db.session() as session, pytest.raises(ValueOutOfRangeError) as raised:
        session.execute(select(AssessmentRow).where(AssessmentRow.wip_limit == 2**31))
    assert str(raised.value) == (
        "wip_limit: 2147483648 is too large to store (whole numbers from -2,147,483,648 "
        "to 2,147,483,647 can be stored), so nothing was changed."
    )


@pytest.mark.parametrize("bad", TOO_LARGE)
def test_a_write_of_a_number_too_large_stores_nothing(db, mini: Questionnaire, bad: int) -> None:
    with db.session() as session:
        code = create_assessment(session, mini, Respondent(), Scope())
    before = _everything(db)
    with db.session() as session:
        row = session.scalars(select(AssessmentRow)).one()
        row.wip_limit = bad
        with pytest.raises(ValueOutOfRangeError, match=r"^wip_limit: "):
            session.commit()
    assert _everything(db) == before
    with db.session() as session:  # and the database takes the next change
        save_targets(session, code, {}, 3)


# Every number a person can type, through the storage functions the app and CLI call -------


def _assessment(session: Session, mini: Questionnaire) -> dict[str, Any]:
    owner = create_organisation(session, "Acme")
    team = add_team(session, owner, "Payments")
    code = create_assessment(session, mini, Respondent(), Scope())
    workshop = ws.create_workshop(session, mini, Respondent(), Scope(), "named")
    return {"code": code, "owner": owner, "team": team.id,
            "facilitator": workshop.facilitator_code}


Call = Callable[[Session, dict[str, Any], Questionnaire, int], object]

INPUTS: dict[str, tuple[Call, type[SextantError], str]] = {
    "an answer's level": (
        lambda s, c, q, n: save_answer(s, c["code"], "chg_approval", Answer(level=n)),
        ResponsesError, r"^responses: answers\.chg_approval: no option has level -?\d+ \(levels: ",
    ),
    "the WIP limit": (
        lambda s, c, q, n: save_targets(s, c["code"], {}, n),
        StorageError, r"^wip_limit: must be 1 to 20$",
    ),
    "the capacity": (
        lambda s, c, q, n: save_targets(s, c["code"], {}, 3, n),
        StorageError, r"^capacity: must be 1 to 200 effort points$",
    ),
    "months before an assessment is stale": (
        lambda s, c, q, n: set_stale_after(s, c["owner"], n),
        StorageError, r"^stale after: 1 to 36 months, got -?\d+$",
    ),
    "a team id (start)": (
        lambda s, c, q, n: start_team_assessment(s, c["owner"], n, q, Scope()),
        NotFoundError, r"^No such team in this organisation\.$",
    ),
    "a team id (attach)": (
        lambda s, c, q, n: attach_assessment(s, c["owner"], c["code"], n),
        NotFoundError, r"^No such team in this organisation\.$",
    ),
    "a team id (import)": (
        lambda s, c, q, n: import_team_assessment(
            s, c["owner"], n, q, Responses(questionnaire=q.id), date(2026, 1, 5)),
        NotFoundError, r"^No such team in this organisation\.$",
    ),
    "a workshop's spread threshold": (
        lambda s, c, q, n: ws.set_threshold(s, c["facilitator"], float(n)),
        StorageError, r"^threshold: a spread is between 0 and 4 levels$",
    ),
}


@pytest.mark.parametrize("bad", [2**31, -(2**31) - 1, 10**30])
@pytest.mark.parametrize("what", INPUTS)
def test_a_typed_number_too_large_gets_one_message_and_changes_nothing(
    db, mini: Questionnaire, what: str, bad: int
) -> None:
    call, error, message = INPUTS[what]
    with db.session() as session:
        codes = _assessment(session, mini)
    before = _everything(db)
    with db.session() as session, pytest.raises(error, match=message):
        call(session, codes, mini, bad)
    assert _everything(db) == before


@pytest.mark.postgres
def test_postgresql_out_of_range_is_a_plain_message_even_past_the_columns(postgres_db) -> None:
    # A number the column types never see (a literal in SQL) still meets the backstop.
    with postgres_db.session() as session, pytest.raises(StorageError) as raised:
        session.execute(text("SELECT CAST(:n AS integer)"), {"n": 2**31})
    assert str(raised.value) == "A number is too large to store, so nothing was changed."
