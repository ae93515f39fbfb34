"""A document names its subject in full once ("nybyggnad av industribyggnad på fastigheten
Smedjan 4") and then by the compound's head ("Aktuell byggnad har … en nockhöjd på 18,5 meter"): a
question that names the subject in full is answered from the later passage. A compound no document
writes in full is not found in a head word alone. The PDFs are made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

UTLATANDE = [
    [
        "# Förvaltningens utlåtande",
        "Ärendet avser ansökan om bygglov för nybyggnad av industribyggnad på fastigheten Smedjan 4 i "
        "Västerby. Sökanden är Västerby Verkstäder AB.",
        "# Planförutsättningar",
        "För fastigheten gäller detaljplan 1480-P12 som anger industriändamål. Planen medger en högsta "
        "nockhöjd på 14 meter för kontorsdelen mot gatan.",
    ],
    [
        "# Bedömning",
        "Aktuell byggnad har totalt fem våningar och en nockhöjd på 18,5 meter. Detta är högre än övrig "
        "bebyggelse i kvarteret.",
        "Förvaltningen bedömer att avvikelsen inte är liten och föreslår att ansökan avslås.",
    ],
]

FORSKOLA = [
    [
        "# Ombyggnad av förskolan Ekorren",
        "Förskolan Ekorren i Norrby byggs om under 2027 för att ta emot fler barn.",
        "# Bedömning",
        "Byggnaden får en ny takkupa och en nockhöjd på 9,5 meter. Detta är lägre än skolan intill.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "compound-heads",
        {
            "utlatande.pdf": ("Förvaltningens utlåtande", UTLATANDE),
            "ekorren.pdf": ("Förskolan Ekorren", FORSKOLA),
        },
    )


@pytest.mark.parametrize(
    "question",
    [
        "Vilken nockhöjd får industribyggnaden på Smedjan 4 enligt förvaltningens utlåtande?",
        "Hur många våningar får industribyggnaden på Smedjan 4?",
    ],
)
def test_the_subject_named_in_full_is_found_by_its_head_word(svc: Planchat, question: str) -> None:
    answer = svc.ask(question)
    assert answer.answered, answer.text
    assert quotes(answer.text)[0].startswith("Aktuell byggnad har totalt fem våningar"), answer.text


def test_a_compound_no_document_writes_in_full_is_not_found_by_its_head(svc: Planchat) -> None:
    answer = svc.ask("Vilken nockhöjd får idrottsbyggnaden?")
    assert not answer.answered, answer.text
