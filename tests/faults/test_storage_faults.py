"""The storage boundary under real faults: every failure is one of Sextant's errors, the
message names no host, file or SQL, nothing half-done is stored, and the next save after the
fault goes through."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine

from assessment_models.errors import DatabaseUnavailableError
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Answer, Respondent, Scope
from assessment_models.storage import (
    create_assessment,
    load_responses,
    make_engine,
    make_sessionmaker,
    migrate,
    save_answer,
)
from assessment_models.storage.engine import Timeouts
from assessment_models.storage.faults import BUSY_MESSAGE, UNAVAILABLE_MESSAGE

FAST = Timeouts(connect=2, statement=1)


def _open(url: str, timeouts: Timeouts = FAST) -> Engine:
    engine = make_engine(url, timeouts)
    migrate(engine)
    return engine


def _save(engine: Engine, code: str, level: int) -> None:
    with make_sessionmaker(engine)() as session:
        save_answer(session, code, "test_auto", Answer(level=level))


def _stored_level(engine: Engine, code: str) -> int | None:
    with make_sessionmaker(engine)() as session:
        answer = load_responses(session, code).answers.get("test_auto")
    return None if answer is None else answer.level  # type: ignore[return-value]


def _create(engine: Engine, mini: Questionnaire) -> str:
    with make_sessionmaker(engine)() as session:
        return create_assessment(session, mini, Respondent(), Scope())


def test_a_refused_postgresql_connection_is_database_unavailable() -> None:
    engine = make_engine("postgresql://postgres@127.0.0.1:1/sextant", FAST)
    with pytest.raises(DatabaseUnavailableError) as raised:
        migrate(engine)
    assert raised.value.message == UNAVAILABLE_MESSAGE
    assert "127.0.0.1" not in str(raised.value)


@pytest.mark.postgres
def test_a_hung_postgresql_server_fails_the_save_then_it_goes_through(
    relay, postgres_url: str, mini: Questionnaire
) -> None:
    engine = _open(relay.url(postgres_url))
    code = _create(engine, mini)
    _save(engine, code, 1)
    relay.hang()
    try:
        with pytest.raises(DatabaseUnavailableError) as raised:
            _save(engine, code, 3)
    finally:
        relay.resume()
    assert raised.value.message == UNAVAILABLE_MESSAGE
    _save(engine, code, 3)
    assert _stored_level(engine, code) == 3
    engine.dispose()


@pytest.mark.postgres
def test_a_cut_postgresql_connection_fails_the_save_then_it_goes_through(
    relay, postgres_url: str, mini: Questionnaire
) -> None:
    engine = _open(relay.url(postgres_url))
    code = _create(engine, mini)
    _save(engine, code, 1)
    relay.cut()
    with pytest.raises(DatabaseUnavailableError):
        _save(engine, code, 2)
    relay.start()  # the same port: the server is back
    _save(engine, code, 2)
    assert _stored_level(engine, code) == 2
    engine.dispose()


def test_sqlite_locked_by_another_process_is_busy_then_saves(
    tmp_path: Path, sqlite_lock, mini: Questionnaire
) -> None:
    path = tmp_path / "locked.db"
    engine = _open(f"sqlite:///{path}", Timeouts(connect=2, statement=0.5))
    code = _create(engine, mini)
    lock = sqlite_lock(path)
    lock.hold()
    with pytest.raises(DatabaseUnavailableError) as raised:
        _save(engine, code, 4)
    assert raised.value.message == BUSY_MESSAGE
    assert _stored_level(engine, code) is None  # a reader is never blocked in WAL mode
    lock.release()
    _save(engine, code, 4)
    assert _stored_level(engine, code) == 4
    engine.dispose()


@pytest.mark.parametrize("run", range(6))
def test_thirty_concurrent_sqlite_writers_never_see_an_error(
    tmp_path: Path, mini: Questionnaire, run: int
) -> None:
    # As the server runs: one engine, default timeouts, 30 threads (sessions of 30 people)
    # saving 5 answers each, all at once.
    url = f"sqlite:///{tmp_path / 'busy.db'}"
    engine = _open(url, Timeouts())
    codes = [_create(engine, mini) for _ in range(3)]
    errors: list[BaseException] = []
    start = threading.Barrier(30)

    def writer(index: int) -> None:
        start.wait()
        try:
            for level in range(1, 6):
                _save(engine, codes[index % 3], level)
        except BaseException as exc:  # every error counts
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    engine.dispose()
    assert errors == []
    assert all(_stored_level(_open(f"sqlite:///{tmp_path / 'busy.db'}"), c) == 5 for c in codes)
