"""A rate is counted per something: "Vad kostar HVB per dygn?" is not answered by "1 398 kronor per
invånare", and an English "per day" finds "kr/dygn". A row of figures read with its column names
("Nyckeltal Norrby Söderå …" / "2025 2025 …") holds those years' values: it does not answer for
2023. The PDF is made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.pdfgen import REVIEW_OPENING

pytestmark = pytest.mark.slow

PAGES = [
    REVIEW_OPENING,
    [
        "# 2.1 Kostnader för placeringar",
        "Kostnaden för familjehemsvård i Norrby uppgår till 1 398 kronor per invånare, jämfört med "
        "1 051 kronor i liknande kommuner.",
        "Nyckeltal Norrby Söderå Östby Västby",
        "2025 2025 2025 2025",
        "Snittkostnad HVB, kr/dygn 8 763 5 041 5 549 4 751",
        "Antalet placeringar på HVB var 14 under 2023 och har sedan minskat.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "rates-asked", {"genomlysning.pdf": ("Genomlysning 2026 Socialnämnden", PAGES)}
    )


def test_a_rate_per_something_else_does_not_answer(svc: Planchat) -> None:
    answer = svc.ask("What was the average HVB cost per day in Norrby in 2023?")
    assert "1 398" not in answer.text and "8 763" not in answer.text, answer.text


def test_the_rate_asked_is_found(svc: Planchat) -> None:
    answer = svc.ask("What was the average HVB cost per day in Norrby in 2025?")
    assert answer.answered, answer.text
    assert "8 763" in answer.text, answer.text
    answer = svc.ask("Hur mycket kostade familjehemsvården per invånare i Norrby?")
    assert answer.answered, answer.text
    assert "1 398" in answer.text, answer.text
