"""The Portfolio page in AppTest: an organisation of three teams, two assessments each.

Storage is seeded through the repository functions; every number the page shows is
checked against ``score()`` of the assessment behind it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from portfolio import keys
from sqlalchemy.orm import Session, sessionmaker
from streamlit.testing.v1 import AppTest

from assessment_models import storage
from assessment_models.loader import load_questionnaire
from assessment_models.questionnaire import Questionnaire
from assessment_models.responses import Responses
from assessment_models.scoring import score

PORTFOLIO = "app_pages/portfolio.py"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TEAMS = {
    # team: (first answers, second answers) as (chg_approval, chg_rollback, test_auto)
    "Cards": ((1, 1, 2), (3, 3, 3)),
    "Payments": ((2, 1, 2), (4, 3, 3)),
    "Platform": ((3, 3, 4), (5, 5, 5)),
}
DAYS = (date(2026, 1, 15), date(2026, 6, 15))

Run = Callable[[Any], AppTest]


@pytest.fixture
def mini() -> Questionnaire:
    return load_questionnaire(FIXTURES / "mini.yaml")


def responses(levels: tuple[int, int, int], answers_extra: dict | None = None,  # type: ignore[type-arg]
              **extra: Any) -> Responses:
    approval, rollback, test = levels
    return Responses.model_validate(
        {
            "questionnaire": "mini",
            "answers": {"chg_approval": {"level": approval}, "chg_rollback": {"level": rollback},
                        "test_auto": {"level": test}, **(answers_extra or {})},
            "targets": {"processes": 4, "technology": 4},
            **extra,
        }
    )


@pytest.fixture
def organisation(sessions: sessionmaker[Session], mini: Questionnaire) -> dict[str, Any]:
    """Owner code, and per team the two assessment codes, oldest first."""
    codes: dict[str, list[str]] = {}
    # Payments also answers a DORA key metric: 6 deployments a week (DORA bucket 5, score 8),
    # and compares itself with financial services.
    dora = {"Payments": {"answers_extra": {"dora_deploys": {"value": 6}},
                         "benchmark": {"industry": "financial_services", "edition": "2025"}}}
    with sessions() as session:
        owner = storage.create_organisation(session, "Acme Bank")
        for name, (first, second) in TEAMS.items():
            team = storage.add_team(session, owner, name)
            tracking = {"tracking": {"chg_standard": {"status": "done"}}}
            codes[name] = [
                storage.import_team_assessment(session, owner, team.id, mini,
                                               responses(first, **tracking), DAYS[0]),
                storage.import_team_assessment(session, owner, team.id, mini,
                                               responses(second, **dora.get(name, {})), DAYS[1]),
            ]
    return {"owner": owner, "codes": codes}


def card_of(sessions: sessionmaker[Session], mini: Questionnaire, code: str):  # type: ignore[no-untyped-def]
    with sessions() as session:
        return score(mini, storage.load_responses(session, code))


@pytest.fixture
def page(database: Path, organisation: dict[str, Any], run: Run) -> AppTest:
    at = AppTest.from_file(str(Path(__file__).resolve().parents[2] / "app" / "streamlit_app.py"),
                           default_timeout=30)
    at.query_params["o"] = organisation["owner"]
    run(at)
    return run(at.switch_page(PORTFOLIO))


def test_the_heatmap_shows_each_teams_latest_scores(
    page: AppTest, organisation: dict[str, Any], sessions, mini: Questionnaire
) -> None:
    frame = page.dataframe[0].value
    assert list(frame["Team"]) == ["Cards", "Payments", "Platform"]
    for _, row in frame.iterrows():
        card = card_of(sessions, mini, organisation["codes"][row["Team"]][1])
        assert row["Processes"] == f"{card.dimension('processes').score:.2f}"
        assert row["Technology"] == f"{card.dimension('technology').score:.2f}"
        assert row["Overall"] == f"{card.overall.score:.2f}"
        assert row["Coverage"] == round(card.overall.coverage * 100)
        assert row["Assessed on"] == DAYS[1]


def test_the_heatmap_sorts_by_any_column(page: AppTest, run: Run) -> None:
    page.selectbox(key=keys.SORT_BY).set_value("processes")
    page.toggle(key=keys.DESCENDING).set_value(True)
    run(page)
    assert list(page.dataframe[0].value["Team"]) == ["Platform", "Payments", "Cards"]


def test_the_heatmap_drills_down_to_capabilities(
    page: AppTest, organisation: dict[str, Any], sessions, mini: Questionnaire, run: Run
) -> None:
    run(page.selectbox(key=keys.DRILL).set_value("processes"))
    frame = page.dataframe[0].value
    assert "Change enablement" in frame.columns
    payments = frame[frame["Team"] == "Payments"].iloc[0]
    card = card_of(sessions, mini, organisation["codes"]["Payments"][1])
    assert payments["Change enablement"] == f"{card.capability('change').score:.2f}"


def test_the_trend_shows_deltas_and_progress_equal_to_the_scores(
    page: AppTest, organisation: dict[str, Any], sessions, mini: Questionnaire, run: Run
) -> None:
    run(page.selectbox(key=keys.TREND_TEAM).set_value("Payments"))
    before, after = (card_of(sessions, mini, c) for c in organisation["codes"]["Payments"])
    tables = {tuple(t.value.columns): t.value for t in page.table}
    progress = next(v for k, v in tables.items() if "Progress" in k)
    processes = progress[progress["Dimension"] == "Processes"].iloc[0]
    base, now = before.dimension("processes").score, after.dimension("processes").score
    assert processes["Baseline"] == f"{base:.2f}" and processes["Current"] == f"{now:.2f}"
    assert processes["Progress"] == f"{(now - base) / (4 - base):.0%}"
    deltas = next(v for k, v in tables.items() if "Change" in k and "Capability" in k
                  and "Before" in k)
    change = deltas[deltas["Capability"] == "Change enablement"].iloc[0]
    expected = after.capability("change").score - before.capability("change").score
    assert change["Change"] == f"{expected:+.2f}"
    done = next(v for k, v in tables.items() if "Item" in k)
    assert list(done["Item"]) == ["Define three standard change types"]
    assert done.iloc[0]["Change"] == f"{expected:+.2f}"


def test_compare_overlays_the_chosen_teams(page: AppTest, run: Run) -> None:
    run(page.multiselect(key=keys.COMPARE_TEAMS).set_value(["Platform", "Cards"]))
    chart = next(c for c in page.get("plotly_chart") if "Scatterpolar" in c.proto.spec
                 or "scatterpolar" in c.proto.spec)
    assert '"name":"Platform"' in chart.proto.spec.replace(" ", "")
    assert '"name":"Cards"' in chart.proto.spec.replace(" ", "")


def test_the_rollup_counts_teams_per_level(page: AppTest) -> None:
    metrics = {m.label: m.value for m in page.metric}
    assert metrics["Teams"] == "3" and metrics["Assessed"] == "3"
    # chg_standard is done in each team's first plan; the latest plans track nothing
    assert metrics["Done"] == "3"


def test_compare_sets_the_dora_key_metrics_side_by_side(page: AppTest, run: Run) -> None:
    run(page.multiselect(key=keys.COMPARE_TEAMS).set_value(["Payments", "Cards"]))
    dora = next(t.value for t in page.table if "Deployment frequency" in t.value.columns)
    assert list(dora["Team"]) == ["Payments", dora["Team"].iloc[-1]]  # Cards gave no DORA answer
    assert dora.iloc[0]["Deployment frequency"] == "8.0"
    # The industry row is the comparison Payments chose, the only choice among these teams.
    assert list(dora["Team"])[-1] == "Financial Services (mean)"
    assert page.selectbox(key=keys.DORA_INDUSTRY).value == "financial_services"


def test_the_dora_comparison_can_switch_industry(page: AppTest, run: Run) -> None:
    run(page.multiselect(key=keys.COMPARE_TEAMS).set_value(["Payments"]))
    run(page.selectbox(key=keys.DORA_INDUSTRY).set_value("government"))
    dora = next(t.value for t in page.table if "Deployment frequency" in t.value.columns)
    assert list(dora["Team"]) == ["Payments", "Government (mean)"]
    assert dora.iloc[0]["Deployment frequency"] == "8.0"  # the team's own score does not move
    assert any("Government, DORA Quick Check" in c.value for c in page.caption)


def test_the_trend_compares_any_two_assessments_of_the_chosen_team(
    page: AppTest, organisation: dict[str, Any], sessions, mini: Questionnaire, run: Run
) -> None:
    run(page.selectbox(key=keys.TREND_TEAM).set_value("Cards"))
    from_key, to_key = keys.trend_keys("Cards")
    assert (page.selectbox(key=from_key).value, page.selectbox(key=to_key).value) == (0, 1)
    run(page.selectbox(key=to_key).set_value(0))
    assert "Pick a baseline earlier" in page.warning[0].value
