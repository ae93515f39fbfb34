"""A question that opens with where to look ("According to the annual report, how many …?",
"Enligt revisionsberättelsen, hur många …?") asks one thing: the count. The comma after the
lead-in is not a second question, so a sentence that only repeats the question's words without a
count does not answer it. The PDF is made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat

pytestmark = pytest.mark.slow

PAGES = [
    [
        "# Revisorernas bedömning av årsredovisningen",
        "Granskningen av årsredovisningen omfattar om den är förenlig med verksamhetsmålen och de "
        "finansiella målen som fullmäktige beslutat.",
        "I årsredovisningen redovisar styrelsen att tre av åtta verksamhetsmål bedöms som ej "
        "sannolika att nås under året.",
        "Styrelsen bedömer att de finansiella målen nås.",
    ],
]
OTHER = [["# Personal", "Antalet anställda i förvaltningen är 1 240.", "Sjukfrånvaron var 6 procent."]]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "lead-in",
        {
            "revision.pdf": ("Revisionsberättelse för Kvarnby kommun 2025", PAGES),
            "personal.pdf": ("Personalbokslut 2025", OTHER),
        },
    )


@pytest.mark.parametrize(
    "question",
    [
        "According to the auditors' report, how many of the eight operational goals (verksamhetsmål) "
        "were judged unlikely to be reached?",
        "Enligt revisionsberättelsen, hur många av de åtta verksamhetsmålen bedöms som ej sannolika att nås?",
    ],
)
def test_a_lead_in_does_not_make_a_second_question(svc: Planchat, question: str) -> None:
    answer = svc.ask(question)
    assert answer.answered, answer.text
    assert "tre av åtta" in answer.text, answer.text
    assert "Granskningen av årsredovisningen omfattar" not in answer.text, answer.text
