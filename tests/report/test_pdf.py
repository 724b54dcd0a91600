"""The PDF report, read back with pypdf and rendered with pdftoppm where it exists."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from assessment_models.questionnaire import Questionnaire
from assessment_models.report import fonts as fonts_module
from assessment_models.report import styles as styles_module
from assessment_models.report.method import CarriedOver
from assessment_models.report.pdf import ReportError, render_pdf
from assessment_models.responses import Responses, parse_responses
from assessment_models.roadmap import build_roadmap
from assessment_models.scoring import score
from assessment_models.storage.records import TrackedItem

HOSTILE = "<b>R&D</b> <script>x</script> & 5 < 6"
ORGANISATION = "Zażółć & Söhne <GmbH>"
TEAM = "Équipe Paiements, Łódź"
DAY = date(2025, 3, 1)


@pytest.fixture
def quick_responses(
    quick: Questionnaire, answer_all: Callable[..., dict[str, Any]]
) -> Responses:
    answers = answer_all(quick, 2, comment=HOSTILE, confidence="medium")
    first = next(iter(answers))
    answers[first] = {**answers[first], "comment": "Größe, déjà vu, Łódź\nzweite Zeile"}
    return parse_responses(quick, {
        "questionnaire": quick.id,
        "respondent": {"organisation": ORGANISATION, "team": TEAM},
        "answers": answers,
    })


def render(questionnaire: Questionnaire, responses: Responses, **kwargs: Any) -> bytes:
    card = score(questionnaire, responses)
    roadmap = build_roadmap(questionnaire, card)
    return render_pdf(questionnaire, responses, card, roadmap, generated_on=DAY, **kwargs)


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_report_names_the_organisation_dimensions_and_roadmap_items(
    quick: Questionnaire, quick_responses: Responses
) -> None:
    pdf = render(quick, quick_responses)
    assert pdf.startswith(b"%PDF")
    text = text_of(pdf)
    assert ORGANISATION in text and TEAM in text
    for dimension in quick.dimensions:
        assert dimension.title in text
    roadmap = build_roadmap(quick, score(quick, quick_responses))
    assert roadmap.items
    for item in roadmap.items:
        assert flat(item.title) in text
    assert "Executive summary" in text and "Appendix: every answer" in text
    assert "Page 1" in text


def test_user_markup_prints_literally(quick: Questionnaire, quick_responses: Responses) -> None:
    assert HOSTILE in text_of(render(quick, quick_responses))


def test_accented_text_prints_with_the_unicode_font(
    quick: Questionnaire, quick_responses: Responses
) -> None:
    text = text_of(render(quick, quick_responses))
    assert "Größe, déjà vu, Łódź zweite Zeile" in text
    assert "Zażółć" in text


def test_the_appendix_shows_the_chosen_descriptor_not_only_the_number(
    mini: Questionnaire, mini_responses: Responses
) -> None:
    text = text_of(render(mini, mini_responses))
    assert "Review depth follows a risk score computed from the change itself." in text
    assert "5 deployments per week" in text
    assert "Risk score lives in the change template." in text


def test_the_same_inputs_give_the_same_bytes(
    quick: Questionnaire, quick_responses: Responses
) -> None:
    assert render(quick, quick_responses) == render(quick, quick_responses)


def test_letter_is_selectable_and_a4_is_the_default(
    mini: Questionnaire, mini_responses: Responses
) -> None:
    a4 = PdfReader(io.BytesIO(render(mini, mini_responses))).pages[0].mediabox
    us = PdfReader(io.BytesIO(render(mini, mini_responses, page_size="letter"))).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    assert (round(float(us.width)), round(float(us.height))) == (612, 792)
    with pytest.raises(ReportError, match=r"^page size must be A4 or letter, got 'A5'$"):
        render(mini, mini_responses, page_size="A5")


def test_tracking_shows_owner_due_date_and_status(
    mini: Questionnaire, mini_responses: Responses
) -> None:
    tracking = {"del_measure": TrackedItem(recommendation_id="del_measure", owner="Ann Lee",
                                           due_date=date(2025, 4, 30), status="in_progress")}
    text = text_of(render(mini, mini_responses, tracking=tracking))
    assert "Owner: Ann Lee · Due: 2025-04-30 · Status: In progress" in text
    assert "Owner: unassigned · Due: no due date · Status: Planned" in text


def test_unscored_and_out_of_scope_dimensions_do_not_break_the_report(
    quick: Questionnaire,
) -> None:
    excluded = quick.dimensions[0].id
    responses = parse_responses(quick, {"questionnaire": quick.id,
                                        "scope": {"exclude": [excluded]}, "answers": {}})
    text = text_of(render(quick, responses))
    assert "not scored" in text
    assert "There is no overall score yet" in text
    assert "Out of scope" in text  # the appendix, for the excluded dimension's answers
    assert f"{quick.dimensions[0].title} not assessed" in text


def test_without_a_unicode_font_the_report_falls_back_to_helvetica(
    mini: Questionnaire, mini_responses: Responses, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(styles_module, "report_fonts", lambda: fonts_module.HELVETICA)
    assert "Measure the four keys" in text_of(render(mini, mini_responses))


def test_no_font_file_is_found_in_empty_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SEXTANT_FONT_DIR", raising=False)
    assert fonts_module.find_font_file("DejaVuSans.ttf", (str(tmp_path),)) is None


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_the_cover_and_the_radar_page_render_to_non_blank_images(
    quick: Questionnaire, quick_responses: Responses, tmp_path: Path
) -> None:
    from PIL import Image

    pdf_path = tmp_path / "report.pdf"
    pdf_path.write_bytes(render(quick, quick_responses))
    for page in (1, 3):  # the cover, and "Maturity" with the radar
        prefix = tmp_path / f"page{page}"
        subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", str(page), "-l", str(page),
                        "-singlefile", str(pdf_path), str(prefix)], check=True)
        image = Image.open(f"{prefix}.png").convert("L")
        dark = sum(image.histogram()[:200])  # pixels darker than light grey
        assert dark > 500, f"page {page} looks blank"
    assert "Maturity" in (PdfReader(pdf_path).pages[2].extract_text() or "")


def test_every_page_says_which_of_how_many_it_is(
    quick: Questionnaire, quick_responses: Responses
) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(render(quick, quick_responses)))
    total = len(reader.pages)
    assert total > 3
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {total}" in page.extract_text()


def test_a_reassessment_says_how_many_answers_were_carried_over_unexamined(
    quick: Questionnaire, quick_responses: Responses
) -> None:
    kept = list(quick.questions_by_id)[:2]
    text = flat(text_of(render(quick, quick_responses,
                               carried=CarriedOver(carried=12, unconfirmed=frozenset(kept)))))
    assert ("It started from the previous assessment's 12 answers; the respondent confirmed "
            "or changed 10 of them. 2 were kept unchanged, without a second look") in text
    for qid in kept:
        assert flat(quick.questions_by_id[qid].text) in text

    all_looked_at = flat(text_of(render(quick, quick_responses, carried=CarriedOver(12))))
    assert "confirmed or changed 12 of them. Every answer reflects a fresh look." in all_looked_at
    assert "Answers carried over" not in flat(text_of(render(quick, quick_responses)))
