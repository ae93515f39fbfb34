"""An English question names the document it asks about with "under the …" as well as with
"according to …": "When must the annual report be drawn up under the Norrby förbundsordning?" is
answered from the förbundsordning alone, not with the annual report's own account of when it was
drawn up beside it. A Swedish "under" ("under 2025") names no document. The PDFs are made by the
test."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

ORDNING = [
    [
        "# Förbundsordning för Tolkförbundet Norrby",
        "Förbundet är ett kommunalförbund med direktion. Medlemmar är Norrby, Söderby och Västerby.",
        "# Årsredovisning",
        "Direktionen ska senast den 30 mars ha upprättat årsredovisning för det gångna verksamhetsåret.",
    ],
]
REDOVISNING = [
    [
        "# Årsredovisning 2025 för Tolkförbundet Norrby",
        "Årsredovisningen upprättades av förbundets ekonomienhet och lämnades till revisorerna den 12 "
        "februari 2026.",
        "Förbundet redovisar ett överskott om 3,1 mnkr för 2025.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "under-the-source",
        {
            "forbundsordning.pdf": ("Förbundsordning", ORDNING),
            "arsredovisning.pdf": ("Årsredovisning 2025", REDOVISNING),
        },
    )


@pytest.mark.parametrize(
    "question",
    [
        "When must the annual report (årsredovisning) be drawn up under the Norrby förbundsordning?",
        "Under the förbundsordning, when must the annual report be drawn up?",
    ],
)
def test_under_the_names_the_document(svc: Planchat, question: str) -> None:
    answer = svc.ask(question)
    assert answer.answered, answer.text
    assert "30 mars" in quotes(answer.text)[0], answer.text
    assert {Path(c.document.source).name for c in answer.citations} == {"forbundsordning.pdf"}, answer.text


def test_a_phrase_under_the_that_names_no_document_still_answers(svc: Planchat) -> None:
    answer = svc.ask("What surplus does the annual report for 2025 show under the heading Årsredovisning?")
    assert answer.answered, answer.text
    assert "3,1 mnkr" in quotes(answer.text)[0], answer.text
