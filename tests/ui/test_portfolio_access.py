"""Who sees what on the Portfolio page: the owner link opens its organisation, an
assessment link opens nothing but its assessment, and any wrong owner link reads the same."""

from __future__ import annotations

from collections.abc import Callable
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


AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "s" * 32,
        "client_id": "sextant", "client_secret": "secret",
        "server_metadata_url": "https://idp.example.org/.well-known/openid-configuration"}


def test_without_auth_configured_there_is_no_sign_in(run: Run) -> None:
    at = open_portfolio(run)
    assert not [b for b in at.button if b.key == keys.SIGN_IN]


def test_a_signed_in_owner_sees_the_organisations_they_created(
    run: Run, sessions: sessionmaker[Session]
) -> None:
    with sessions() as session:
        mine = storage.create_organisation(session, "Mine Ltd", owner_subject="sub-ana")
        storage.create_organisation(session, "Theirs plc", owner_subject="sub-bob")
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "sub": "sub-ana", "email": "ana@example.org"}
    run(at)
    run(at.switch_page(PORTFOLIO))
    listed = [b.label for b in at.button if b.key and b.key.startswith("portfolio.mine.")]
    assert listed == ["Mine Ltd"]
    run(next(b for b in at.button if b.label == "Mine Ltd").click())
    assert at.query_params["o"] == mine
    run(at.button(key=keys.CLOSE).click())
    at.text_input(key=keys.CREATE_NAME).input("New Co")
    run(at.button(key=keys.CREATE).click())
    with sessions() as session:  # created while signed in: listed for its owner
        assert [o.name for o in storage.organisations_of(session, "sub-ana")] == [
            "Mine Ltd", "New Co"
        ]


def test_a_signed_out_visitor_gets_a_sign_in_button(run: Run) -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": False}
    run(at)
    run(at.switch_page(PORTFOLIO))
    assert at.button(key=keys.SIGN_IN).label == "Sign in"
