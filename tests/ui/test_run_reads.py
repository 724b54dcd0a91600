"""One read of the assessment per script run: reads are shared, a write forgets them."""

from __future__ import annotations

import pytest
import store

from assessment_models.responses import Answer


@pytest.fixture
def code(mini_code: str) -> str:
    return mini_code


def test_within_a_run_the_responses_are_read_once(code: str) -> None:
    with store.one_read_per_run():
        assert store.responses(code) is store.responses(code)
        assert store.once_per_run("card", object) is store.once_per_run("card", object)


def test_a_write_within_a_run_is_seen_by_the_next_read(code: str) -> None:
    with store.one_read_per_run():
        before = store.responses(code)
        card = store.once_per_run("card", object)
        store.save_answer(code, "chg_approval", Answer(level=1))
        after = store.responses(code)
        assert after is not before and after.answers["chg_approval"].level == 1
        assert store.once_per_run("card", object) is not card


def test_outside_a_run_every_read_asks_storage(code: str) -> None:
    assert store.responses(code) is not store.responses(code)
