"""ui.pages: finding a quote in a text and on a real PDF page, and the page image with it marked."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from tests import pdfgen
from ui.pages import quote_spans, render_page

ROW_QUOTE = "Mottagningsteamet Fosie 1 759 000 Avdelning Mottagning"  # as an amount answer quotes it


def _yellow(png: bytes) -> list[tuple[int, int]]:
    """Pixels of the highlight: the page is black on white, the mark is yellow."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    w, h = image.size
    px = image.load()
    assert px is not None
    return [(x, y) for y in range(0, h, 2) for x in range(0, w, 2) if _is_yellow(px[x, y])]


def _is_yellow(rgb: tuple[int, int, int]) -> bool:
    r, g, b = rgb
    return r > 200 and g > 180 and b < 150


def _ink_rows(png: bytes) -> list[int]:
    image = Image.open(io.BytesIO(png)).convert("L")
    w, h = image.size
    px = image.load()
    assert px is not None
    return [y for y in range(h) if any(px[x, y] < 100 for x in range(0, w, 3))]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pdfgen.make_report_pdf(tmp_path_factory.mktemp("pages") / "rapport.pdf", title="Uppföljning 2019")


def test_quote_spans_find_a_sentence_verbatim_with_its_full_stop() -> None:
    text = "Inledning. Brukarrådet sammanträdde elva gånger. Slut."
    (span,) = quote_spans(text, "Brukarrådet sammanträdde elva gånger.")
    assert text[span[0] : span[1]] == "Brukarrådet sammanträdde elva gånger."


def test_quote_spans_find_a_sentence_hyphenated_across_lines_on_the_page() -> None:
    page = "Under året har det social-\r\npsykiatriska teamet genomfört insatser.\r\nNästa stycke."
    (span,) = quote_spans(page, "Under året har det socialpsykiatriska teamet genomfört insatser.")
    assert page[span[0] : span[1]].startswith("Under året") and page[span[0] : span[1]].endswith("insatser.")


def test_quote_spans_find_a_row_stored_with_its_column_names_and_only_that_row() -> None:
    text = (
        "Socialpsykiatriska teamet Belopp 2019 (kr): 2 150 000 Ansvarig: Avdelning Individ och familj\n"
        "Mottagningsteamet Fosie Belopp 2019 (kr): 1 759 000 Ansvarig: Avdelning Mottagning\n"
        "Brukarinflytande Belopp 2019 (kr): 1 500 000 Ansvarig: Avdelning Stöd"
    )
    spans = quote_spans(text, ROW_QUOTE, join_lines=False)
    second = text.splitlines()[1]
    start = text.index(second)
    assert spans == [(start, start + len(second))]


def test_quote_spans_find_nothing_for_text_that_is_not_there() -> None:
    assert (
        quote_spans("Brukarrådet sammanträdde elva gånger.", "Budgeten för 2021 fastställdes i juni.") == []
    )
    assert quote_spans("", "något") == [] and quote_spans("något", "") == []


def test_cited_row_is_marked_on_its_page(report: Path) -> None:
    image = render_page(report, 2, ROW_QUOTE)
    assert image is not None and image.marked >= 1
    assert not image.whole_page  # the band of the page around the row, readable in a card
    marks = _yellow(image.png)
    assert marks
    # The mark lies on one line of the table: a band a few text lines high at most.
    ys = [y for _, y in marks]
    assert max(ys) - min(ys) < image.width * 0.05
    # Without a quote the page is the whole page and nothing is marked.
    plain = render_page(report, 2)
    assert plain is not None and plain.marked == 0 and plain.whole_page and not _yellow(plain.png)
    assert plain.height > image.height


def test_a_sentence_wrapped_over_two_lines_is_marked_on_both(report: Path) -> None:
    quote = (
        "Under året har det socialpsykiatriska teamet genomfört uppsökande insatser i samtliga stadsområden."
    )
    image = render_page(report, 1, quote)
    assert image is not None and image.marked == 2  # one box per line


def test_quote_from_another_page_marks_nothing_and_shows_the_whole_page(report: Path) -> None:
    image = render_page(report, 3, pdfgen.FACT_PAGE_2)
    assert image is not None and image.marked == 0 and image.whole_page
    assert not _yellow(image.png) and _ink_rows(image.png)


def test_pages_that_cannot_be_shown_give_none(report: Path, tmp_path: Path) -> None:
    assert render_page(report, 4, "x") is None and render_page(report, 0, "x") is None
    assert render_page(tmp_path / "saknas.pdf", 1, "x") is None
    broken = pdfgen.make_random_bytes(tmp_path / "trasig.pdf")
    assert render_page(broken, 1, "x") is None
    cut = pdfgen.make_truncated_pdf(tmp_path / "halv.pdf")
    render_page(cut, 1, "x")  # whatever pdfium makes of it: no exception
