"""A compound noun ending in -datum asks for a day as "vilket datum" does: "Vilket startdatum anges
för åtgärderna?" is answered by the row that gives the day the measures start, not by the sentence
that repeats most of the question's words without a date (it had been read as asking nothing in
particular). "Which start date …?" likewise. The PDFs are made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

PLAN = [
    [
        "# Ekonomisk handlingsplan för hemtjänsten",
        "Handlingsplanen beskriver de åtgärder som hemtjänsten ska vidta för att nå en budget i balans.",
        "# Åtgärder",
        "Åtgärderna i handlingsplanen anges med en bedömd ekonomisk effekt per år.",
        "Minska övertid och timanställningar. Från 2026-04-15. Effekt 300 tkr.",
        "Samplanera insatser mellan grupper. Effekt 200 tkr.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "compound_dates",
        {"plan.pdf": ("Ekonomisk handlingsplan för hemtjänsten", PLAN, "Lerums kommun  Hemtjänsten")},
    )


@pytest.mark.parametrize(
    "question",
    [
        "Vilket startdatum anges för åtgärderna i den ekonomiska handlingsplanen för hemtjänsten?",
        "Which start date is given for the measures in the economic action plan for hemtjänsten?",
    ],
)
def test_a_start_date_is_answered_by_the_day(svc: Planchat, question: str) -> None:
    answer = svc.ask(question)
    assert answer.answered and "2026-04-15" in " ".join(quotes(answer.text)), answer.text
