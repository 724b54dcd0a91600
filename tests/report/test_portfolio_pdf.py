"""The portfolio PDF, read back with pypdf: every section, the numbers of the heatmap."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from assessment_models.portfolio import assessed, heatmap, history
from assessment_models.questionnaire import Questionnaire
from assessment_models.report.portfolio_pdf import render_portfolio_pdf
from assessment_models.responses import Responses, parse_responses
from assessment_models.rollup import rollup
from assessment_models.trend import progress_since_first

TODAY = date(2026, 6, 15)


def team(mini: Questionnaire, name: str, runs: list[tuple[date, dict]]):  # type: ignore[no-untyped-def, type-arg]
    out = []
    for day, answers in runs:
        responses = parse_responses(mini, Responses.model_validate(
            {"questionnaire": "mini", "answers": answers,
             "targets": {"processes": 4, "technology": 3}}))
        out.append(assessed(name, day.isoformat(), day, mini, responses))
    return history(name, out)


def test_the_portfolio_pdf_has_every_section_and_the_heatmap_numbers(
    mini: Questionnaire,
) -> None:
    teams = [
        team(mini, "Payments <R&D>", [
            (date(2026, 1, 10), {"chg_approval": {"level": 2}, "chg_rollback": {"level": 1},
                                 "test_auto": {"level": 2}, "dora_deploys": {"value": 2}}),
            (date(2026, 6, 1), {"chg_approval": {"level": 4}, "chg_rollback": {"level": 3},
                                "test_auto": {"level": 3}, "dora_deploys": {"value": 6}}),
        ]),
        team(mini, "Data", [(date(2025, 9, 1), {"chg_approval": {"level": 1},
                                                "chg_rollback": {"level": 1}})]),
    ]
    board = heatmap(teams, today=TODAY)
    pdf = render_portfolio_pdf("Acme & Co", teams, board, rollup(board, teams, today=TODAY),
                               generated_on=TODAY)
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for heading in ("Delivery portfolio", "Acme & Co", "The organisation at a glance",
                    "Teams per level, by dimension", "Capabilities weakest across most teams",
                    "Teams side by side", "Each team over time", "DORA key metrics"):
        assert heading in text
    assert "Payments <R&D>" in text  # user text printed literally
    latest = teams[0].latest
    assert latest is not None
    for unit in latest.card.dimensions:
        assert f"{unit.score:.2f}" in text  # the heatmap shows score() of the latest
    assert "Sep 2025 (stale)" in text  # Data, more than six months before 15 June 2026
    processes = progress_since_first(teams[0])[0]
    assert processes.value is not None
    assert f"Processes {processes.value:.0%}" in text
    assert "One assessment so far" in text
    assert render_portfolio_pdf("Acme & Co", teams, board, rollup(board, teams, today=TODAY),
                                generated_on=TODAY) == pdf  # deterministic
