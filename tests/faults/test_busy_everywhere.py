"""Workshop and organisation writes get past a busy database as answers do.

Another process holds SQLite's write lock just as a write of a session that has already
read tries to take it: SQLite refuses at once ("database is locked"), since waiting could
deadlock a reader that wants to write. The storage boundary rolls back and runs the whole
write again, which then waits its turn and goes through once the lock is released.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session

from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Respondent, Scope
from assessment_models.storage import (
    add_team,
    create_organisation,
    get_organisation,
    make_engine,
    make_sessionmaker,
    migrate,
    set_stale_after,
)
from assessment_models.storage import workshop_join as wj
from assessment_models.storage import workshops as ws
from assessment_models.storage.engine import Timeouts
from assessment_models.storage.faults import is_busy

Write = Callable[[Session, dict[str, Any]], None]


def _workshop(session: Session, mini: Questionnaire) -> dict[str, Any]:
    made = ws.create_workshop(session, mini, Respondent(), Scope(), "named")
    return {"facilitator": made.facilitator_code, "join": made.join_code}


def _organisation(session: Session, _mini: Questionnaire) -> dict[str, Any]:
    return {"owner": create_organisation(session, "Acme")}


WRITES: dict[str, tuple[Callable[[Session, Questionnaire], dict[str, Any]], Write, Write]] = {
    "workshop threshold": (
        _workshop,
        lambda s, c: ws.set_threshold(s, c["facilitator"], 2.5),
        lambda s, c: _expect(ws.get_workshop(s, c["facilitator"]).threshold, 2.5),
    ),
    "joining a workshop": (
        _workshop,
        lambda s, c: wj.join_workshop(s, c["join"], "Ana"),
        lambda s, c: _expect(ws.get_workshop(s, c["facilitator"]).participants, 1),
    ),
    "a new team": (
        _organisation,
        lambda s, c: add_team(s, c["owner"], "Payments"),
        lambda s, c: _expect([t.name for t in get_organisation(s, c["owner"]).teams],
                             ["Payments"]),
    ),
    "an organisation setting": (
        _organisation,
        lambda s, c: set_stale_after(s, c["owner"], 12),
        lambda s, c: _expect(get_organisation(s, c["owner"]).stale_after_months, 12),
    ),
}


def _expect(got: object, wanted: object) -> None:
    assert got == wanted


@pytest.mark.parametrize("what", WRITES)
def test_a_write_that_meets_another_process_lock_goes_through_once_released(
    tmp_path: Path, sqlite_lock, mini: Questionnaire, what: str
) -> None:
    make, write, check = WRITES[what]
    path = tmp_path / "busy.db"
    engine = make_engine(f"sqlite:///{path}", Timeouts(connect=2, statement=5))
    migrate(engine)
    sessions = make_sessionmaker(engine)
    with sessions() as session:
        codes = make(session, mini)
    lock = sqlite_lock(path)
    lock.hold()
    met_lock = _release_on_first_busy(engine, lock)
    with sessions() as session:
        # A read first: the write then has to upgrade a read transaction, which SQLite
        # refuses at once while another process holds the write lock.
        session.execute(text("SELECT count(*) FROM assessments"))
        write(session, codes)
    assert met_lock.is_set(), "the write never met the lock: this test proves nothing"
    with sessions() as session:
        check(session, codes)
    engine.dispose()


def _release_on_first_busy(engine: Engine, lock: Any) -> threading.Event:
    """Release ``lock`` from another thread as soon as a statement is refused as busy."""
    met = threading.Event()

    @event.listens_for(engine, "handle_error")
    def _busy(context: Any) -> None:
        if not met.is_set() and is_busy(context.sqlalchemy_exception):
            met.set()
            threading.Thread(target=lock.release).start()

    return met
