""" "Vilken leverantör …?", "Which company …?", "Vilket revisionsföretag …?" ask for a company by its
name: with its legal form ("Livetec AB"), after the word that says it is one ("Leverantören
Miljödata"), or a name the documents give with its legal form elsewhere ("Azets" for "Azets
Revision & Rådgivning AB"). A sentence that names only the kommun, a body or what was done
("… anlitar Norrby kommun parkeringsvakter", "… tilldelning har skett") does not answer: the
documents do not say which company. The PDFs are made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

AUDIT = [
    [
        "# Grundläggande granskning 2025",
        "Azets har på uppdrag av kommunens revisorer genomfört den grundläggande granskningen av nämnderna.",
        "Granskningen omfattar styrning, uppföljning och intern kontroll.",
        "# Expedieras till",
        "Kommunrevisionen, Azets Revision & Rådgivning AB, Kommunstyrelsen.",
    ],
]
SERVICES = [
    [
        "# Parkeringsövervakning",
        "För att kontrollera att parkeringsregler efterlevs anlitar Norrby kommun parkeringsvakter för "
        "övervakning av både generella och lokala regler.",
        "# Telefoni",
        "Under 2026 slutfördes upphandlingen av leverantörsavtalet inom Telefoni-tjänsten och tilldelning har skett.",
        "# IT-system",
        "Leverantören Miljödata har blivit utsatt för ett cyberangrepp, och IT-stödet för rehabilitering "
        "har därför stängts ner.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "company_names",
        {
            "granskning.pdf": ("Grundläggande granskning av nämnderna 2025", AUDIT),
            "tjanster.pdf": ("Delårsrapport Intraservice 2026", SERVICES),
        },
    )


@pytest.mark.parametrize(
    ("question", "company"),
    [
        ("Vilket revisionsföretag genomförde den grundläggande granskningen av nämnderna?", "Azets"),
        (
            "Which supplier was hit by the cyber attack that shut down the rehabilitation IT support?",
            "Miljödata",
        ),
    ],
)
def test_a_company_asked_for_is_answered_by_its_name(svc: Planchat, question: str, company: str) -> None:
    answer = svc.ask(question)
    assert answer.answered and company in " ".join(quotes(answer.text)), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Which company does Norrby kommun hire for parking enforcement?",
        "Vilken leverantör tilldelades avtalet i telefoniupphandlingen 2026?",
    ],
)
def test_a_sentence_naming_no_company_does_not_answer(svc: Planchat, question: str) -> None:
    answer = svc.ask(question)
    assert not answer.answered, answer.text
