"""The resume card: the link, the code and the warning in its text; the QR code of the link."""

from __future__ import annotations

import io

import segno
from pypdf import PdfReader

from assessment_models.report.resume_card import render_resume_card

LINK = "https://sextant.example.org/?a=GA3zlKVnaSeIiQDAuDKlOyUETJQ4sBaQnCYOZ6qIE8Y"
CODE = "GA3zlKVnaSeIiQDAuDKlOyUETJQ4sBaQnCYOZ6qIE8Y"


def card() -> bytes:
    return render_resume_card(LINK, CODE, "Delivery quick check", "Northwind Bank · Payments")


def test_the_card_says_the_link_the_code_and_who_holds_it() -> None:
    text = PdfReader(io.BytesIO(card())).pages[0].extract_text()
    assert LINK in text.replace("\n", "")
    assert CODE in text
    assert "Northwind Bank · Payments" in text
    assert "Whoever holds this link or code can see and change the answers." in text


def test_the_card_draws_one_square_per_dark_module_of_the_links_qr_code() -> None:
    page = PdfReader(io.BytesIO(card())).pages[0]
    content = page.get_contents().get_data()
    squares = content.count(b" re f")
    dark = sum(sum(row) for row in segno.make(LINK, error="m").matrix_iter(border=2))
    assert squares == dark


def test_the_card_is_the_same_bytes_every_time() -> None:
    assert card() == card()
