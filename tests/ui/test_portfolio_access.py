"""Who sees what on the Portfolio page: the owner link opens its organisation, an
assessment link opens nothing but its assessment, and any wrong owner link reads the same."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import state
from portfolio import keys
from sqlalchemy.orm import Session, sessionmaker
from streamlit.testing.v1 import AppTest

from assessment_models import storage
from assessment_models.loader import load_questionnaire
from assessment_models.responses import Scope

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
APP = str(Path(__file__).resolve().parents[2] / "app" / "streamlit_app.py")
PORTFOLIO = "app_pages/portfolio.py"
START = "app_pages/start.py"
TEAMS = ("Cards", "Payments", "Platform")

Run = Callable[[Any], AppTest]


@pytest.fixture
def sessions(database: Path) -> Iterator[sessionmaker[Session]]:
    engine = storage.make_engine(f"sqlite:///{database}")
    storage.migrate(engine)
    yield storage.make_sessionmaker(engine)
    engine.dispose()


@pytest.fixture
def organisation(sessions: sessionmaker[Session]) -> dict[str, str]:
    mini = load_questionnaire(FIXTURES / "mini.yaml")
    with sessions() as session:
        owner = storage.create_organisation(session, "Acme Bank")
        ids = [storage.add_team(session, owner, name).id for name in TEAMS]
        code = storage.start_team_assessment(session, owner, ids[1], mini, Scope())
    return {"owner": owner, "assessment": code}


def open_portfolio(run: Run, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for name, value in params.items():
        at.query_params[name] = value
    run(at)
    return run(at.switch_page(PORTFOLIO))


def everything_shown(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "table", "dataframe", "info", "error",
                                  "code", "title", "subheader", "text") for e in at.get(kind)
             if isinstance(getattr(e, "value", None), str)]
    parts += [str(t.value.to_dict()) for t in at.table] + [str(d.value.to_dict())
                                                           for d in at.dataframe]
    return "\n".join(parts)


def test_the_owner_link_shows_its_teams(run: Run, organisation: dict[str, str]) -> None:
    at = open_portfolio(run, o=organisation["owner"])
    shown = everything_shown(at)
    assert "Acme Bank" in shown
    for team in TEAMS:
        assert team in shown


def test_an_assessment_link_shows_only_its_own_assessment(
    run: Run, organisation: dict[str, str]
) -> None:
    at = open_portfolio(run, a=organisation["assessment"])
    shown = everything_shown(at)
    assert "Acme Bank" not in shown
    for team in ("Cards", "Platform"):
        assert team not in shown
    assert at.text_input(key=keys.OPEN_CODE)  # only the way in is offered
    run(at.switch_page(START))
    assert at.query_params["a"] == organisation["assessment"]
    assert "Cards" not in everything_shown(at)


@pytest.mark.parametrize("kind", ["unknown", "altered", "malformed", "assessment code"])
def test_any_wrong_owner_link_gets_the_same_message(
    run: Run, organisation: dict[str, str], kind: str
) -> None:
    owner = organisation["owner"]
    wrong = {
        "unknown": "Z" * 43,
        "altered": owner[:-1] + ("A" if owner[-1] != "A" else "B"),
        "malformed": "x'; DROP TABLE teams;--",
        "assessment code": organisation["assessment"],
    }[kind]
    at = open_portfolio(run, o=wrong)
    assert [e.value for e in at.error] == [storage.ORGANISATION_NOT_FOUND_MESSAGE]
    assert "o" not in at.query_params
    assert "Acme Bank" not in everything_shown(at)


def test_pasting_a_wrong_owner_link_gets_the_same_message(run: Run, organisation) -> None:  # type: ignore[no-untyped-def]
    at = open_portfolio(run)
    at.text_input(key=keys.OPEN_CODE).input(f"http://localhost/portfolio?o={'Q' * 43}")
    run(at.button(key=keys.OPEN).click())
    assert [e.value for e in at.error] == [storage.ORGANISATION_NOT_FOUND_MESSAGE]


def test_creating_an_organisation_adding_a_team_and_starting_its_assessment(
    run: Run, database: Path, count_assessments: Callable[[], int]
) -> None:
    at = open_portfolio(run)
    at.text_input(key=keys.CREATE_NAME).input("Globex")
    run(at.button(key=keys.CREATE).click())
    owner = at.query_params["o"]
    assert len(owner) == 43
    assert "Keep the owner link" in at.success[0].value
    assert any(f"o={owner}" in c.value for c in at.code)
    at.text_input(key=keys.TEAM_NAME).input("Search")
    run(at.button(key=keys.ADD_TEAM).click())
    assert at.success[0].value == "Team Search added."
    run(at.button(key=keys.start_key(1)).click())
    assert count_assessments() == 1
    assert state.CODE_PARAM in at.query_params  # the new assessment is open in this tab
    assert at.title[0].value == "Sextant"  # on Start, with its link to share
