""" "Vilka …?" asks for a list, and the list is the answer: the items a short pointer line opens
("De tre områdena är:") belong to the sentence that says what they are, and a sentence that
enumerates ("psykolog, skolsköterska, kurator och specialpedagog") is preferred to one that only
names the topic. A table that gives each item a labelled row of its own ("Risk för ras: …") is read
out row by row, all of them, not only the first two. A plan made by the test holds each next to
sentences about the same topic."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests import pdfgen
from tests.asking import quotes

pytestmark = pytest.mark.slow

PAGES = [
    [
        "# Strategiska utvecklingsområden",
        "Biblioteken kommer under perioden 2027–2030 att fokusera på tre strategiska utvecklingsområden "
        "med tillhörande förflyttningar.",
        "Utvecklingsområdena följer den regionala biblioteksplanen för perioden.",
        "De tre områdena är:",
        "- läsfrämjande",
        "- vidgat deltagande",
        "- digitalisering",
        "Områdena är gemensamma för folk- och skolbibliotek.",
    ],
    [
        "# Mottagande i anpassad grundskola",
        "Mottagningsgruppen ansvarar för att varje beslut om mottagande i anpassad grundskola har en "
        "besvärshänvisning.",
        "I mottagningsgruppen ingår psykolog, skolsköterska, kurator och specialpedagog.",
        "Rutinen för mottagande i anpassad grundskola revideras varje år.",
    ],
    [
        "# Tabell 9 Klimatrelaterade risker i översiktsplanen",
        "Identifikation: Beskrivning",
        *(
            f"Risk för {hazard}: Kommunens syn på risken för skador på den byggda miljön som kan följa "
            f"av {hazard} som är klimatrelaterad samt hur sådan risk kan minska."
            for hazard in ("översvämning", "ras", "skred", "erosion")
        ),
        "# Tabell 10 Grönstruktur",
        "Grönområde: Område med värden för lek och rekreation samt hantering av dagvatten.",
        "Vattenområde: Område för vattenverksamhet och friluftsliv.",
    ],
]


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory, service_over) -> Planchat:  # type: ignore[no-untyped-def]
    src = tmp_path_factory.mktemp("lists-src")
    pdfgen.make_report_pdf(
        src / "plan.pdf", pages=PAGES, title="Verksamhetsplan 2027", header="Kultur- och utbildningsnämnden",
        standard_fonts=True,
    )  # fmt: skip
    return service_over(src)


def test_the_items_a_pointer_line_opens_answer_which(svc: Planchat) -> None:
    answer = svc.ask("Vilka strategiska utvecklingsområden ska biblioteken fokusera på?")
    assert answer.answered, answer.text
    said = " ".join(quotes(answer.text))
    for item in ("läsfrämjande", "vidgat deltagande", "digitalisering"):
        assert item in said, answer.text


def test_an_enumerating_sentence_answers_which(svc: Planchat) -> None:
    answer = svc.ask("Vilka yrkesgrupper ingår i mottagningsgruppen för mottagande i anpassad grundskola?")
    assert answer.answered, answer.text
    assert "psykolog, skolsköterska, kurator och specialpedagog" in quotes(answer.text)[0]


def test_every_labelled_row_of_a_table_answers_which(svc: Planchat) -> None:
    answer = svc.ask("Vilka klimatrelaterade risker ska översiktsplanen identifiera enligt tabell 9?")
    assert answer.answered, answer.text
    said = " ".join(quotes(answer.text))
    for hazard in ("översvämning", "ras", "skred", "erosion"):
        assert f"Risk för {hazard}:" in said, answer.text
    assert "Grönområde" not in said and "Vattenområde" not in said
