"""What real municipal PDFs do to a reader, made by the test: a cover page whose title is set in
large type under a running header of form fields, a bulleted list after the sentence that
introduces it, a table of contents, a project's figures under its own heading, and questions in
English naming a Swedish place. Each test asks as a user would and checks the answer and its page."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests import pdfgen

pytestmark = pytest.mark.slow

HEADER = "Status: Påbörjad   Rapportperiod: 2025-12-31   Organisation: Kultur- och fritidsnämnden"
TITLE = "Årsbokslut 2025 för kultur- och fritidsnämnden"
PAGES = [
    [
        "# Innehåll",
        "1 Sammanfattning ........................................ 2",
        "2 Miljömål ................................................ 2",
        "3 Investeringar ........................................... 3",
    ],
    [
        "# Sammanfattning",
        "Nämnden redovisar ett resultat om 4,2 miljoner kronor för året. "
        "Verksamheten har bedrivits enligt plan.",
        "# Miljömål",
        "Utöver de tio mål som kommunen arbetat med finns också tre nationella miljökvalitetsmål "
        "som inte har kunnat kopplas till genomförda åtgärder.",
        "- Skyddande ozonskikt",
        "- Säker strålmiljö",
        "- Storslagen fjällmiljö",
        "Arbetet med övriga mål fortsätter under nästa år.",
    ],
    [
        "# Kulturbuss",
        "Projektet avser inköp av en buss som ska köra kultur till byarna. Projektet kostar "
        "3 000 tkr och driftkostnaden beräknas till 500 tkr årligen.",
        "# Regionala mål",
        "Region Östergötland har som mål att mängden hushållsavfall ska minska till högst 350 kg "
        "per person och år till år 2025.",
        "# Handlingsplanens upplägg",
        "Handlingsplanen är upplagd med 4 rubriker: energi, transporter, avfall och engagemang.",
    ],
]


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory, service_over) -> Planchat:  # type: ignore[no-untyped-def]
    src = tmp_path_factory.mktemp("layouts-src")
    pdfgen.make_report_pdf(
        src / "kfn-arsbokslut.pdf", pages=PAGES, header=HEADER, title=TITLE, standard_fonts=True
    )
    return service_over(src)


def test_the_title_is_the_large_type_on_the_cover_not_the_running_header(svc: Planchat) -> None:
    (doc,) = svc.documents()
    assert doc.title == TITLE
    answer = svc.ask("Vilket resultat redovisar nämnden för året?")
    assert answer.answered and answer.text.startswith(f"Enligt {TITLE}, s. 2:")


def test_which_question_is_answered_with_the_whole_list(svc: Planchat) -> None:
    answer = svc.ask("Vilka nationella miljökvalitetsmål har inte kunnat kopplas till genomförda åtgärder?")
    assert answer.answered, answer.text
    for item in ("Skyddande ozonskikt", "Säker strålmiljö", "Storslagen fjällmiljö"):
        assert item in answer.text
    assert answer.citations[0].passage.page == 2


def test_a_table_of_contents_line_is_never_the_answer(svc: Planchat) -> None:
    answer = svc.ask("Vad står det om investeringar?")
    assert "....." not in answer.text


def test_a_compound_in_the_question_matches_its_parts_in_the_text(svc: Planchat) -> None:
    answer = svc.ask("Hur stor är driftkostnaden för kulturbussprojektet?")
    assert answer.answered, answer.text
    assert "500 tkr" in answer.text and answer.citations[0].passage.page == 3


def test_a_count_in_words_matches_the_figure_and_back() -> None:
    from retrieval.answer import TermMatcher, _text_terms
    from retrieval.text import stem

    figure = _text_terms("Handlingsplanen är upplagd med 4 rubriker.")
    word = _text_terms("Handlingsplanen är upplagd med fyra rubriker.")
    assert TermMatcher._stem_in(stem("fyra"), *figure)
    assert TermMatcher._stem_in("4", *word)
    assert not TermMatcher._stem_in(stem("fem"), *figure)


def test_english_question_naming_a_swedish_place_is_answered_in_english(svc: Planchat) -> None:
    answer = svc.ask("What is Östergötland's target for household waste per person by 2025?")
    assert answer.language == "en"
    assert answer.answered, answer.text
    assert answer.text.startswith("According to") and "350 kg" in answer.text


def test_either_or_question_is_withheld_when_the_text_says_neither(svc: Planchat) -> None:
    answer = svc.ask(
        "Är projektet med inköp av en buss som ska köra kultur till byarna påbörjat eller avslutat?"
    )
    assert not answer.answered, answer.text


def test_either_or_question_is_answered_when_the_text_says_which(svc: Planchat) -> None:
    answer = svc.ask("Ska bussen köra kultur till byarna eller till skolorna?")
    assert answer.answered and "byarna" in answer.text
