"""The words a question names its document by ("… på Gjutaren 23") stand in most of that document's
passages; they weigh less in choosing among its sentences, so the sentence that holds what is asked
wins over one that repeats the document's name beside another figure. The PDF is made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat

pytestmark = pytest.mark.slow

PAGES = [
    [
        "# Ärendet",
        "Ärendet gäller nybyggnad av en industribyggnad på Gjutaren 23.",
        "# Förutsättningar",
        "Gjutaren 23 ligger inom detaljplan för industriändamål från 1988.",
    ],
    [
        "# Avgift",
        "Fastighetsägaren till Gjutaren 23 har tidigare betalat en avgift om 12 000 kronor för ett marklov.",
        "Avgiften för bygglovet är 73 500 kronor enligt taxan.",
    ],
    ["# Infarter", "Gjutaren 23 har en tomt med tre infarter mot gatan."],
]
# Another document, so that the case's name is rare in the index as a whole, as it is among a
# municipality's documents, and "bygglov" is less so.
OTHER = [
    [
        "# Kommunen",
        "Antalet ärenden ökade under 2026.",
        "Antalet bygglov var 40 under kvartal 1.",
        "Antalet bygglov var 41 under kvartal 2.",
    ],
    ["# Personal", "Antalet anställda i förvaltningen är 1 240."],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "document-terms",
        {"utlatande.pdf": ("Förvaltningens utlåtande", PAGES), "budget.pdf": ("Budget 2027", OTHER)},
    )


def test_the_document_naming_words_do_not_choose_the_sentence(svc: Planchat) -> None:
    # "Gjutaren 23" stands in every passage of the case and in no other document: it would weigh
    # most of the question, and the line on another fee that names it would be read out first.
    answer = svc.ask("Hur stor är avgiften för bygglovet för Gjutaren 23?")
    assert answer.answered, answer.text
    first = answer.text.split("»", 1)[1].split("«", 1)[0]  # the answer's first sentence
    assert "73 500" in first, answer.text
