"""Results in AppTest: the summary first, the DORA benchmark for the chosen industry."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import state
from streamlit.testing.v1 import AppTest

from assessment_models import storage
from assessment_models.benchmark_data import industry_figures

RESULTS = "app_pages/results.py"
Run = Callable[[Any], AppTest]


def stored_choice(database: Path, code: str):  # type: ignore[no-untyped-def]
    engine = storage.make_engine(f"sqlite:///{database}")
    try:
        with storage.make_sessionmaker(engine)() as session:
            return storage.get_assessment(session, code).benchmark
    finally:
        engine.dispose()


def industry_cell(at: AppTest, metric: str) -> str:
    table = next(t.value for t in at.table if "Industry mean ± sd" in t.value.columns)
    return dict(zip(table["Metric"], table["Industry mean ± sd"], strict=True))[metric]


def figures_text(industry: str, metric: str) -> str:
    stat = industry_figures(industry, "2025").metrics[metric]
    return f"{stat.mean:.1f} ± {stat.sd:.1f}"


def started_with_insurance(new_app: Callable[..., AppTest], run: Run) -> tuple[AppTest, str]:
    at = new_app()
    at.text_input(key=state.START_ORGANISATION).input("Acme")
    at.selectbox(key=state.START_INDUSTRY).set_value("insurance")
    run(at.button(key=state.START_SUBMIT).click())
    code = at.query_params["a"]
    run(at.button(key=state.START_CONTINUE).click())
    run(at.radio(key=state.answer_key("chg_approval")).set_value(4))
    run(at.number_input(key=state.answer_key("dora_deploys")).set_value(2.0))
    run(at.number_input(key=state.answer_key("dora_lead_time")).set_value(400.0))
    run(at.switch_page(RESULTS))
    return at, code


def test_results_open_with_the_summary_in_words(new_app, run, database) -> None:
    at, _ = started_with_insurance(new_app, run)
    headers = [h.value for h in at.subheader]
    assert headers.index("Summary") < headers.index("Maturity by dimension")
    assert headers.index("Maturity by dimension") < headers.index("DORA benchmark")
    text = " ".join(m.value for m in at.markdown)
    assert "Overall, the team's delivery practice scores" in text
    assert "compared with Insurance" in text
    # Not every question is answered: the page says it is a draft, with the coverage.
    assert any(w.value.startswith("**DRAFT: 3 of 5 questions answered (60 %).**")
               for w in at.warning)


def test_results_compare_with_the_industry_chosen_at_the_start(new_app, run, database) -> None:
    at, code = started_with_insurance(new_app, run)
    assert stored_choice(database, code).industry == "insurance"
    assert at.selectbox(key=state.RESULTS_INDUSTRY).value == "insurance"
    assert industry_cell(at, "Deployment frequency") == figures_text("insurance", "deployfreq")


def test_changing_the_industry_changes_the_comparison_and_is_stored(
    new_app, run, database
) -> None:
    at, code = started_with_insurance(new_app, run)
    before = industry_cell(at, "Lead time for changes")
    run(at.selectbox(key=state.RESULTS_INDUSTRY).set_value("media_entertainment"))
    after = industry_cell(at, "Lead time for changes")
    assert after == figures_text("media_entertainment", "leadtime") != before
    assert stored_choice(database, code).industry == "media_entertainment"
    # A new tab on the same assessment shows the stored choice.
    tab = new_app(code)
    run(tab.switch_page(RESULTS))
    assert tab.selectbox(key=state.RESULTS_INDUSTRY).value == "media_entertainment"


def test_the_practice_outcome_flag_shows_on_results(new_app, run, database) -> None:
    # Approval answered at level 4 while 400 hours of lead time is level 2: a flag.
    at, _ = started_with_insurance(new_app, run)
    assert any(w.value.startswith("Lead time for changes is 400 hours (level 2")
               for w in at.warning)


def test_the_results_radar_shows_what_the_plan_buys(new_app, run, database) -> None:
    at, _ = started_with_insurance(new_app, run)
    radar = next(c for c in at.get("plotly_chart") if "results.radar" in str(c.proto.id))
    names = [trace.get("name") for trace in json.loads(radar.proto.spec)["data"]]
    assert "After Now" in names and "After Next" in names, names
