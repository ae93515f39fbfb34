""" "Vilken leverantör …?", "Which contractor …?" ask for a name: a sentence that says a contract
was awarded without naming to whom answers neither, and the one that names the company does. The
report is made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

RAPPORT = [
    [
        "# Intraservice delårsrapport",
        "Under 2026 slutfördes upphandlingen av leverantörsavtalet inom telefonitjänsten och tilldelning "
        "har skett.",
        "# Förskolan i Norrby",
        "Den nya förskolan i Norrby byggs av en extern entreprenör enligt avtalet med kommunen och ska "
        "stå klar 2028.",
        "Byggentreprenaden tilldelades Västbygg AB i mars efter utvärdering av fyra anbud.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports("which-supplier", {"rapport.pdf": ("Delårsrapport 2026", RAPPORT)})


@pytest.mark.parametrize(
    "question",
    [
        "Vilken entreprenör bygger den nya förskolan i Norrby?",
        "Which contractor builds the new preschool in Norrby?",
    ],
)
def test_the_sentence_that_names_the_company_answers(svc: Planchat, question: str) -> None:
    answer = svc.ask(question)
    assert answer.answered, answer.text
    assert "Västbygg AB" in quotes(answer.text)[0], answer.text


def test_an_award_that_names_no_one_is_no_answer(svc: Planchat) -> None:
    answer = svc.ask("Vilken leverantör tilldelades avtalet i telefoniupphandlingen 2026?")
    assert not answer.answered, answer.text
