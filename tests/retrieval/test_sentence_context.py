"""A sentence is read as its reader reads it: with the sentence before it, which often says what it
is about ("Fritidsgården Hjorten … I snitt kommer 45 ungdomar dit varje kväll."), and a day that
names the document asked about ("… enligt protokollet från den 12 maj") is found on the
document's first page, not in every passage of it. The PDFs are made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

# The count asked about is said of "dit" (the youth centre the sentence before names); the next
# sentence holds more of the question's words but counts all the centres.
FRITID = [
    [
        "# Fritidsgårdarna 2027",
        "Kommunen driver fyra fritidsgårdar för unga mellan 13 och 18 år.",
        "Fritidsgården Hjorten i Västerby har öppet alla vardagar. I snitt kommer 45 ungdomar dit varje "
        "kväll. Det genomsnittliga antalet besökare per kväll på kommunens fritidsgårdar är 30 ungdomar.",
        "Fritidsgården Lodjuret är stängd under sommaren.",
    ],
]

# A protokoll whose meeting day stands on its first page only.
PROTOKOLL = [
    [
        "Kulturnämnden",
        "Sammanträdesdatum 2027-05-12",
        "Plats och tid: Stadshuset kl. 13.00-15.30. Beslutande: Eva Holm (S), ordförande, Per Lind (M), "
        "Anna Berg (C).",
        "§ 21: Dnr KN 2027/40",
        "Val av justerare",
        "Nämnden utser Per Lind att tillsammans med ordföranden justera protokollet. Justeringen sker på "
        "kulturförvaltningen den 19 maj.",
    ],
    [
        "§ 22: Dnr KN 2027/41",
        "Anmälningar",
        "Ärendebeskrivning",
        "Förvaltningen informerar om kurser och konferenser under hösten. Anmälan till Bibliotekens "
        "studiedagar 2027 är nu öppen. Studiedagarna hålls i Falun den 14-16 september. Två "
        "bibliotekarier från stadsbiblioteket deltar.",
        "Kulturnämndens beslut",
        "Kulturnämnden noterar informationen.",
    ],
    [
        "§ 23: Dnr KN 2027/12",
        "Bidrag till kulturföreningar",
        "Ärendebeskrivning",
        "Föreningarna har sökt bidrag för sina verksamheter under hösten. Elva ansökningar kom in före "
        "sista ansökningsdag.",
        "Kulturnämndens beslut",
        "Kulturnämnden beviljar bidrag till nio föreningar med sammanlagt 240 000 kronor.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "sentence-context",
        {
            "fritid.pdf": ("Fritidsgårdarna 2027", FRITID),
            "protokoll.pdf": ("Kulturnämndens protokoll", PROTOKOLL),
        },
    )


def test_a_figure_is_read_with_the_sentence_that_says_what_it_is_about(svc: Planchat) -> None:
    answer = svc.ask("Hur många ungdomar kommer i snitt varje kväll till fritidsgården Hjorten?")
    assert answer.answered, answer.text
    assert quotes(answer.text)[0] == "I snitt kommer 45 ungdomar dit varje kväll.", answer.text


def test_a_day_that_names_the_protokoll_is_read_from_its_first_page(svc: Planchat) -> None:
    answer = svc.ask("Var hålls studiedagarna, enligt kulturnämndens protokoll från den 12 maj 2027?")
    assert answer.answered, answer.text
    assert "Falun den 14-16 september" in quotes(answer.text)[0], answer.text
    assert answer.citations[0].passage.page == 2


def test_the_same_in_english(svc: Planchat) -> None:
    answer = svc.ask(
        "Where are the library study days held, according to the culture committee's minutes of 12 May 2027?"
    )
    assert answer.answered, answer.text
    assert any("Falun" in q for q in quotes(answer.text)), answer.text


def test_a_day_the_document_does_not_give_still_withholds(svc: Planchat) -> None:
    # The grants were decided at the meeting of 12 May, not at one on 3 June.
    answer = svc.ask(
        "Hur mycket bidrag beviljade kulturnämnden föreningarna vid sammanträdet den 3 juni 2027?"
    )
    assert not answer.answered, answer.text
