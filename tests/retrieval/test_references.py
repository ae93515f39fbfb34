"""A report's list of references names where things are written; it states none of them. "Vilken
koldioxidbudget ger Parismålet Norrby?" is not answered by the reference to a note on budgets in
line with the Paris goal (its number is the note's); a question that asks for a source is answered
there. An annual report's "Noter" are no references: they hold its figures. The PDFs are made by the
test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

REPORT = [
    [
        "# Partiernas koldioxidbudgetar i Norrby",
        "Partierna i Norrby kommun fick svara på vilket klimatmål de stöder. Fyra partier stöder "
        "det nuvarande målet om nettonollutsläpp år 2045.",
        "# Sammanfattning",
        "Det nuvarande målet kräver en koldioxidbudget på 38 miljoner ton koldioxid för Norrby, "
        "ungefär dubbelt så mycket som kommunens andel med hänsyn till klimaträttvisa.",
    ],
    [
        "# Referenser",
        "Lindqvist, A. och Berg, K., 2022. Klimatnotis 4: Koldioxidbudgetar för Norrby i linje med "
        "Parismålet om väl under 2 grader.",
        "# Data",
        "Utsläppsdata för partiernas mål: https://example.org/norrby/parismalet-koldioxidbudgetar-2022.pdf",
    ],
]


ACCOUNTS = [
    [
        "# Årsredovisning 2025 för Norrby vatten AB",
        "Bolaget levererar dricksvatten till hushållen i Norrby kommun.",
    ],
    [
        "# Noter",
        "Not 3 Personalkostnader. Bolagets personalkostnader uppgick till 4 200 tkr år 2025 "
        "(3 900 tkr år 2024).",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "references",
        {
            "budgetar.pdf": ("Partiernas koldioxidbudgetar", REPORT),
            "arsredovisning.pdf": ("Årsredovisning 2025 Norrby vatten", ACCOUNTS),
        },
    )


def test_a_reference_does_not_state_what_it_names(svc: Planchat) -> None:
    answer = svc.ask("Vilken koldioxidbudget i linje med Parismålet om väl under 2 grader har Norrby?")
    assert not answer.answered, answer.text


def test_a_question_on_what_the_report_refers_to_is_answered_there(svc: Planchat) -> None:
    answer = svc.ask("Vilken källa om koldioxidbudgetar för Norrby i linje med Parismålet anges?")
    assert answer.answered, answer.text
    assert "Klimatnotis 4" in " ".join(quotes(answer.text)), answer.text


def test_an_annual_reports_notes_are_no_references(svc: Planchat) -> None:
    answer = svc.ask("Hur stora var bolagets personalkostnader år 2025?")
    assert answer.answered, answer.text
    assert "4 200 tkr" in quotes(answer.text)[0], answer.text
