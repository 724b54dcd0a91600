"""The leadership report read back with pypdf: outline, metadata, benchmark, narrative,
draft marking, long comments and any questionnaire shape."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab import rl_config
from reportlab.platypus import Paragraph

from assessment_models.questionnaire import Questionnaire
from assessment_models.report.layout import Grid, chunks, keep_with
from assessment_models.report.pdf import render_pdf
from assessment_models.report.styles import make_styles
from assessment_models.responses import Responses, parse_responses
from assessment_models.roadmap import build_roadmap
from assessment_models.scoring import score

BANK = Path(__file__).parent.parent / "fixtures" / "report" / "regulated-bank.json"
DAY = date(2026, 3, 2)
SECTIONS = ["Executive summary", "Maturity", "DORA benchmark", "The plan", "Method and scope",
            "Appendix: every answer"]


def bank(quick: Questionnaire, **changes: Any) -> Responses:
    data = json.loads(BANK.read_text(encoding="utf-8"))
    data.update(changes)
    return parse_responses(quick, data)


def render(questionnaire: Questionnaire, responses: Responses, **kwargs: Any) -> bytes:
    card = score(questionnaire, responses)
    roadmap = build_roadmap(questionnaire, card, responses.targets)
    return render_pdf(questionnaire, responses, card, roadmap, generated_on=DAY, **kwargs)


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def text_of(reader: PdfReader) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


def outline_titles(reader: PdfReader) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []

    def walk(entries: list[Any], depth: int) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                found.append((depth, entry.title))

    walk(reader.outline, 0)
    return found


def test_every_section_is_a_bookmark_in_report_order(quick):
    reader = read(render(quick, bank(quick)))
    outline = outline_titles(reader)
    top = [title for depth, title in outline if depth == 0]
    assert top == SECTIONS
    subsections = {title for depth, title in outline if depth == 1}
    assert {"Dimensions at a glance", "Dimension scores", "Capability scores", "Heatmap",
            "Against the industry", "Practice and outcome", "Later and beyond", "Scope",
            "Coverage", "Processes", "Culture"} <= subsections
    phases = [t for t in subsections if t.startswith(("Now (months 1–3", "Next (months 4–6"))]
    assert len(phases) == 2


def test_metadata_name_the_organisation_and_the_real_creation_date(quick):
    previous = rl_config.invariant
    rl_config.invariant = 0  # the conftest fixes dates for byte-identical output
    try:
        reader = read(render(quick, bank(quick)))
    finally:
        rl_config.invariant = previous
    meta = reader.metadata
    assert meta.title == (
        "IT delivery maturity report: Northbridge Building Society · Mortgage Platform"
    )
    assert meta.author == "Northbridge Building Society"
    assert meta.subject.startswith(
        f"Delivery quick check {quick.version}: maturity scores, DORA benchmark")
    assert "DORA" in meta["/Keywords"] and "benchmark" in meta["/Keywords"]
    assert meta.creation_date is not None
    assert meta.creation_date.date() == date.today()  # not 1 January 2000


def test_invariant_output_is_byte_identical_and_dated_2000(quick):
    one = render(quick, bank(quick), invariant=True)
    assert one == render(quick, bank(quick), invariant=True)
    assert read(one).metadata.creation_date.year == 2000


def test_the_benchmark_page_carries_doras_figures_for_the_chosen_industry(quick):
    text = text_of(read(render(quick, bank(quick))))
    assert "DORA's 2025 figures for Financial Services" in text
    # 400 hours: "one week to one month", score 4.0; Financial Services 5.4 ± 2.3, ≈ 27th.
    assert "Lead time for changes 400 hours One week to one month 4.0 5.4 ± 2.3 27th" in text
    assert "Change failure rate 25 % scored from the rate 7.5 8.3 ± 2.1 35th" in text
    assert "Performance average 5.9 6.9 ± 1.1 19th" in text
    assert "Percentiles are approximate" in text
    assert "dora-team/dora.dev" in text


def test_a_different_industry_or_edition_changes_the_figures(quick):
    text = text_of(read(render(quick, bank(quick, benchmark={"industry": "all",
                                                              "edition": "2024"}))))
    assert "DORA's 2024 figures for All industries" in text
    assert "Change failure rate 25 % scored from the rate 7.5 8.3 ± 2.0" in text  # not 1.7
    assert "Deployment rework rate 18 %" not in text  # 2024 does not ask DORA's rework


def test_the_narrative_names_the_weakest_dimension_and_the_flags(quick):
    text = text_of(read(render(quick, bank(quick))))
    assert "the weakest are Technology (1.8) and People (2.0)" in text
    assert "Within Technology, Delivery automation is the weakest capability (1.5)." in text
    assert "Lead time for changes is 400 hours (level 2, DORA's low band), yet the answers on " \
           "Change enablement (level 4) describe practice two or more levels better." in text


def test_the_realistic_report_is_about_ten_pages_plus_the_appendix(quick):
    reader = read(render(quick, bank(quick)))
    appendix = next(i for i, p in enumerate(reader.pages)
                    if "Appendix: every answer" in (p.extract_text() or ""))
    assert 7 <= appendix <= 11  # pages before the appendix
    assert len(reader.pages) <= 14


def test_below_full_coverage_the_report_says_draft_and_at_full_it_does_not(quick):
    full = text_of(read(render(quick, bank(quick))))
    assert "DRAFT" not in full
    answers = json.loads(BANK.read_text())["answers"]
    for question in ("dp_rework_rate", "wip_start_new_work", "cul_improvement_time"):
        answers.pop(question)
    reader = read(render(quick, bank(quick, answers=answers)))
    cover, summary = (reader.pages[i].extract_text() or "" for i in (0, 1))
    assert "DRAFT: 14 of 17 questions answered (82 %)." in " ".join(cover.split())
    assert "DRAFT: 14 of 17 questions answered (82 %)." in " ".join(summary.split())
    assert all("DRAFT" in (page.extract_text() or "") for page in reader.pages)
    assert "Still to answer: Roughly what share of your deployments" in text_of(reader)


def test_an_excluded_dimension_is_shown_as_not_assessed_without_a_target(quick):
    text = text_of(read(render(quick, bank(quick, scope={"exclude": ["governance"]}))))
    assert "Governance not assessed Culture" in text  # no score, level or target in its row
    assert "Left out of this assessment, and counted nowhere: Governance." in text


def test_long_comments_run_across_pages_instead_of_failing(quick):
    answers = json.loads(BANK.read_text())["answers"]
    words = " ".join(f"word{i}" for i in range(700))  # about 5,000 characters
    answers["auto_testing"]["comment"] = words[:5000]
    answers["auto_deployment"]["comment"] = "\n".join(f"line {i}" for i in range(300))
    text = text_of(read(render(quick, bank(quick, answers=answers))))
    assert "word699" in text or words[:5000].split()[-1] in text
    assert "line 299" in text
    assert "(comment continued)" in text


def test_chunks_bound_characters_and_lines():
    assert chunks("short") == ["short"]
    long = "x" * 1300
    assert [len(c) for c in chunks(long)] == [400, 400, 400, 100]
    many = "\n".join(str(i) for i in range(30))
    pieces = chunks(many)
    assert all(p.count("\n") < 12 for p in pieces)
    assert "\n".join(pieces) == many


def test_the_heatmap_renders_for_a_dimension_with_forty_capabilities(quick):
    data = quick.model_dump(mode="json")
    template = data["dimensions"][1]["capabilities"][0]
    capabilities = []
    for k in range(40):
        capability = json.loads(json.dumps(template))
        capability["id"] = f"cap_{k}"
        capability["title"] = f"Capability number {k}"
        for question in capability["questions"]:
            question["id"] = f"{question['id']}_{k}"
        capability["recommendations"] = []
        capabilities.append(capability)
    data["dimensions"][1]["capabilities"] = capabilities
    data["initiatives"] = []
    wide = Questionnaire.model_validate(_without_dangling_recommendations(data))
    responses = parse_responses(wide, {"questionnaire": wide.id, "answers": {}})
    reader = read(render(wide, responses))
    assert "Capability number 39" in text_of(reader)


def _without_dangling_recommendations(data: dict[str, Any]) -> dict[str, Any]:
    """Recommendations that address a question no longer there are dropped."""
    questions = {q["id"] for d in data["dimensions"] for c in d["capabilities"]
                 for q in c["questions"]}
    kept: set[str] = set()
    for d in data["dimensions"]:
        for c in d["capabilities"]:
            c["recommendations"] = [
                r for r in c.get("recommendations", [])
                if all(a["question"] in questions for a in r["addresses"])
            ]
            kept |= {r["id"] for r in c["recommendations"]}
    for d in data["dimensions"]:
        for c in d["capabilities"]:
            for r in c["recommendations"]:
                r["requires"] = [x for x in r.get("requires", []) if x in kept]
                r.pop("initiative", None)
    return data


@pytest.fixture
def cells():
    return make_styles()


def _table(rows: int, s: Any) -> Grid:
    data = [[Paragraph("head", s.cell)]] + [[Paragraph(f"row {i}", s.cell)] for i in range(rows)]
    table = Grid(data, colWidths=[100], rowHeights=[20] * (rows + 1), repeatRows=1)
    table.wrap(100, 10_000)
    return table


def test_a_table_never_leaves_one_row_at_the_foot_of_a_page(cells):
    table = _table(10, cells)
    assert table.split(100, 45) == []  # room for the header and one row: move on instead
    first, _ = table.split(100, 65)  # header and two rows
    assert len(first._cellvalues) == 3


def test_a_table_never_starts_a_page_with_one_row(cells):
    table = _table(5, cells)
    first, second = table.split(100, 105)  # would leave one row for the next page
    assert len(second._cellvalues) - 1 == 2
    assert len(first._cellvalues) - 1 == 3
    assert _table(3, cells).split(100, 65) == []  # three rows: never two and one


def test_a_heading_starts_a_new_page_unless_its_first_rows_fit(cells):
    heading = Paragraph("Heading", cells.h2)
    flow = keep_with(heading, _table(10, cells), 100, rows=3)
    needed = flow[0].height  # the CondPageBreak
    assert needed >= 4 * 20  # the header row and three rows at least
