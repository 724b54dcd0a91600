"""A facilitated workshop in AppTest: create, three people answer, reveal, agree, results.

Every tab is its own AppTest, as every person has their own browser. The dashboard's
aggregate is cached for two seconds per server process; tests clear that cache where a
real dashboard would simply wait for its next refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import state
import streamlit as st
from streamlit.testing.v1 import AppTest
from workshop import wstate

from assessment_models import storage
from assessment_models.responses import Answer
from assessment_models.scoring import score
from assessment_models.storage import workshops

APP = Path(__file__).resolve().parents[2] / "app" / "streamlit_app.py"
DASHBOARD = "app_pages/workshop_dashboard.py"
CONSENSUS = "app_pages/workshop_consensus.py"
JOIN = "app_pages/workshop_join.py"
GROUP = "app_pages/workshop_group.py"
ASSESS = "app_pages/assess.py"
NOT_FOUND = "No workshop with this code or link."

Run = Callable[[Any], AppTest]


def tab(params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30)
    for name, value in (params or {}).items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_db(database: Path):  # type: ignore[no-untyped-def]
    engine = storage.make_engine(f"sqlite:///{database}")
    return engine, storage.make_sessionmaker(engine)


def stored_workshop(database: Path, code: str) -> workshops.WorkshopRecord:
    engine, sessions = open_db(database)
    try:
        with sessions() as session:
            return workshops.get_workshop(session, code)
    finally:
        engine.dispose()


def stored_responses(database: Path, code: str):  # type: ignore[no-untyped-def]
    engine, sessions = open_db(database)
    try:
        with sessions() as session:
            return storage.load_responses(session, code)
    finally:
        engine.dispose()


def create_workshop(run: Run, anonymity: str = "facilitator_only") -> AppTest:
    at = tab()
    at.text_input(key=wstate.CREATE_ORGANISATION).input("Acme")
    at.text_input(key=wstate.CREATE_TEAM).input("Payments")
    at.radio(key=wstate.CREATE_ANONYMITY).set_value(anonymity)
    run(at.button(key=wstate.CREATE_SUBMIT).click())
    assert at.title[0].value == "Workshop dashboard"
    return at


def join(run: Run, join_code: str, name: str) -> AppTest:
    at = tab({wstate.JOIN_PARAM: join_code})
    run(at.switch_page(JOIN))
    assert at.text_input(key=wstate.JOIN_CODE).value == join_code  # from the QR code's link
    at.text_input(key=wstate.JOIN_NAME).input(name)
    run(at.button(key=wstate.JOIN_SUBMIT).click())
    assert at.success[0].value.startswith("You have joined the workshop.")
    assert at.query_params[state.CODE_PARAM]  # their own resume link
    # A browser follows "Continue answering"; AppTest stays on the page it was sent to.
    run(at.switch_page(ASSESS))
    assert at.title[0].value == "Processes"
    return at


@pytest.fixture
def workshop(database: Path, run: Run) -> tuple[AppTest, str, list[AppTest]]:
    """A workshop created on Start, three participants who answered two questions."""
    facilitator = create_workshop(run)
    code = facilitator.query_params[wstate.FACILITATOR_PARAM]
    join_code = stored_workshop(database, code).join_code
    people = []
    for name, approval, rollback in (("Ana", 1, 1), ("Bo", 2, 5), ("Cy", 5, 5)):
        person = join(run, join_code, name)
        run(person.radio(key=state.answer_key("chg_approval")).set_value(approval))
        run(person.radio(key=state.answer_key("chg_rollback")).set_value(rollback))
        people.append(person)
    st.cache_data.clear()  # the dashboard's next refresh
    return facilitator, code, people


def spread_tables(at: AppTest) -> list[Any]:
    """The tables with a distribution column (AppTest does not expose a dataframe's key)."""
    return [d.value for d in at.dataframe if "Levels 1–5" in d.value.columns]


def question_row(at: AppTest, question_text: str) -> dict[str, Any]:
    table = max(spread_tables(at), key=len)  # "Every question" lists them all
    rows = table[table["Question"] == question_text]
    assert len(rows) == 1
    return rows.iloc[0].to_dict()


def test_the_dashboard_shows_three_answers_and_their_distribution(workshop, run: Run) -> None:
    facilitator, _, _ = workshop
    run(facilitator)
    assert any("3 joined" in m.value for m in facilitator.markdown)
    approval = question_row(facilitator, "How does a routine change get approved?")
    assert approval["Answers"] == "3 of 3"
    assert list(approval["Levels 1–5"]) == [1, 1, 0, 0, 1]
    assert (approval["Median"], approval["Range"]) == (2, "1–5")
    assert approval["Mean"] == pytest.approx(8 / 3)
    # levels 1, 2, 5: mean 8/3, squares (5/3)² + (2/3)² + (7/3)² = 78/9, / 3 -> sd 1.70
    assert approval["Spread"] == pytest.approx((78 / 27) ** 0.5)
    assert approval["Confidence L/M/H/–"] == "0/0/0/3"
    rollback = question_row(facilitator, "Can every change be rolled back without a hotfix?")
    assert list(rollback["Levels 1–5"]) == [1, 0, 0, 0, 2]
    untouched = question_row(facilitator, "How often do you deploy to production?")
    assert untouched["Answers"] == "0 of 3"


def test_participants_see_the_group_only_after_the_reveal(workshop, run: Run) -> None:
    facilitator, _, people = workshop
    ana = people[0]
    run(ana.switch_page(GROUP))
    assert any("not revealed" in i.value for i in ana.info)
    run(facilitator.button(key=wstate.DASH_REVEAL_ALL).click())
    run(ana)
    assert [s.value for s in ana.subheader] == ["Processes", "Technology"]
    table = spread_tables(ana)[0]  # Processes
    assert list(table.iloc[0]["Levels 1–5"]) == [1, 1, 0, 0, 1]


def test_the_consensus_is_agreed_and_becomes_an_ordinary_assessment(
    workshop, database: Path, run: Run
) -> None:
    facilitator, code, _ = workshop
    run(facilitator.button(key=wstate.DASH_REVEAL_ALL).click())
    run(facilitator.switch_page(CONSENSUS))
    assert facilitator.title[0].value == "Agree the answers"
    # Discuss first: rollback (1, 5, 5: spread 1.89) before approval (1, 2, 5: spread 1.70).
    assert facilitator.selectbox(key=wstate.CONS_QUESTION).value == "chg_rollback"
    run(facilitator.button(key=wstate.CONS_MEDIAN).click())  # lower median of 1, 5, 5 -> 5

    run(facilitator.selectbox(key=wstate.CONS_QUESTION).set_value("chg_approval"))
    run(facilitator.radio(key=wstate.CONS_LEVEL).set_value(3))
    facilitator.text_area(key=wstate.CONS_NOTE).input("Standard changes exist for 2 services")
    run(facilitator.button(key=wstate.CONS_RECORD).click())
    run(facilitator.button(key=wstate.CONS_BULK).click())  # nobody answered the rest

    consensus_code = stored_workshop(database, code).consensus_code
    agreed = stored_responses(database, consensus_code)
    assert agreed.answers == {
        "chg_rollback": Answer(level=5),
        "chg_approval": Answer(level=3, comment="Standard changes exist for 2 services"),
    }

    run(facilitator.button(key=wstate.CONS_RESULTS).click())
    assert facilitator.title[0].value == "Results"
    record = stored_workshop(database, code)
    card = score(record.questionnaire, agreed)
    metrics = {m.label: m.value for m in facilitator.metric}
    assert metrics["Overall score (out of 5)"] == f"{card.overall.score:.2f}"


@pytest.mark.parametrize("attempt", ["dashboard", "participant link", "one character off"])
def test_nobody_but_the_facilitator_opens_the_dashboard(workshop, attempt: str, run: Run) -> None:
    _, code, people = workshop
    ana, bo = people[0], people[1]
    if attempt == "dashboard":
        run(ana.switch_page(DASHBOARD))
        refused = ana
    elif attempt == "participant link":
        refused = tab({wstate.FACILITATOR_PARAM: bo.query_params[state.CODE_PARAM]})
        run(refused.switch_page(DASHBOARD))
    else:
        last = "A" if code[-1] != "A" else "B"
        refused = tab({wstate.FACILITATOR_PARAM: code[:-1] + last})
        run(refused.switch_page(DASHBOARD))
    assert NOT_FOUND in [e.value for e in refused.error]
    assert "Workshop dashboard" not in [t.value for t in refused.title]
    assert not refused.dataframe


def test_a_join_link_says_what_it_opens_and_asks_no_name_when_anonymous(
    database: Path, run: Run
) -> None:
    facilitator = create_workshop(run, "anonymous")
    code = facilitator.query_params[wstate.FACILITATOR_PARAM]
    at = tab({wstate.JOIN_PARAM: stored_workshop(database, code).join_code})
    run(at.switch_page(JOIN))
    assert "no name is asked or stored" in at.info[0].value
    assert wstate.JOIN_NAME not in [t.key for t in at.text_input]
    run(at.button(key=wstate.JOIN_SUBMIT).click())
    assert not at.error
    assert stored_workshop(database, code).participants == 1


def test_an_unknown_join_code_gets_the_same_message(workshop, run: Run) -> None:
    at = tab()
    run(at.switch_page(JOIN))
    at.text_input(key=wstate.JOIN_CODE).input("ABCDEF")
    run(at.button(key=wstate.JOIN_SUBMIT).click())
    assert [e.value for e in at.error] == [NOT_FOUND]


def test_wrong_join_codes_are_refused_after_five_a_minute(workshop, database, run: Run) -> None:
    _, code, _ = workshop
    right = stored_workshop(database, code).join_code
    at = tab()
    run(at.switch_page(JOIN))
    for _ in range(5):
        at.text_input(key=wstate.JOIN_CODE).input("ABCDEF")
        run(at.button(key=wstate.JOIN_SUBMIT).click())
    at.text_input(key=wstate.JOIN_CODE).input(right)
    at.text_input(key=wstate.JOIN_NAME).input("Dee")
    run(at.button(key=wstate.JOIN_SUBMIT).click())
    assert [e.value for e in at.error] == [wstate.TOO_MANY_ATTEMPTS]
    assert stored_workshop(database, code).participants == 3


def test_a_closed_workshop_takes_no_one_new(workshop, database, run: Run) -> None:
    facilitator, code, _ = workshop
    run(facilitator.button(key=wstate.DASH_CLOSE).click())
    at = tab({wstate.JOIN_PARAM: stored_workshop(database, code).join_code})
    run(at.switch_page(JOIN))
    at.text_input(key=wstate.JOIN_NAME).input("Dee")
    run(at.button(key=wstate.JOIN_SUBMIT).click())
    assert [e.value for e in at.error] == [storage.WORKSHOP_CLOSED_MESSAGE]


def test_a_named_workshop_shows_who_answered_what_after_the_reveal(
    database: Path, run: Run
) -> None:
    facilitator = create_workshop(run, "named")
    code = facilitator.query_params[wstate.FACILITATOR_PARAM]
    join_code = stored_workshop(database, code).join_code
    people = []
    for name, level in (("Ana", 1), ("Bo", 4)):
        person = join(run, join_code, name)
        run(person.radio(key=state.answer_key("chg_approval")).set_value(level))
        people.append(person)
    run(facilitator.button(key=wstate.DASH_REVEAL_ALL).click())
    ana = people[0]
    run(ana.switch_page(GROUP))
    by_person = next(d.value for d in ana.dataframe if "Participant" in d.value.columns)
    shown = dict(zip(by_person["Participant"], by_person[by_person.columns[1]], strict=True))
    assert shown == {"Ana": 1, "Bo": 4}
