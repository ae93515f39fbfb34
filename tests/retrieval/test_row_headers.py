"""A row of figures in a passage read as prose is read with the lines of column names right above
it ("Nyckeltal Norrby Söderå Östby Västby" / "2025 2025 2025 2025" over "Snittkostnad HVB,
kr/dygn 8 763 5 041 …"): a question about one of those columns is answered by the row. A sentence
above a row is no column header: a place it names is not the row's. The PDF is made by the
test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.pdfgen import REVIEW_OPENING

pytestmark = pytest.mark.slow

PAGES = [
    REVIEW_OPENING,
    [
        "# 2.1 Ekonominyckeltal",
        "Nämnden jämförs med kommuner av liknande storlek.",
        "Nyckeltal Norrby Söderå Östby Västby",
        "2025 2025 2025 2025",
        "Snittkostnad HVB, kr/dygn 8 763 5 041 5 549 4 751",
        "Norrby har fortsatt högre dygnskostnader än jämförelsekommunerna, vilket beror på få placeringar.",
        "# 2.2 Familjehem",
        "Lillby har inte lämnat några nyckeltal för familjehemsvård 2025.",
        "Snittkostnad familjehem, kr/dygn 1 398 1 051 1 120 990",
        "Kostnaden för familjehemsvård har ökat jämfört med föregående år.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "row-headers", {"genomlysning.pdf": ("Genomlysning 2026 Socialnämnden", PAGES)}
    )


def test_a_row_is_read_with_its_column_names(svc: Planchat) -> None:
    answer = svc.ask(
        "What was the average HVB cost per day (kr/dygn) in Norrby in 2025, and what was it in Västby?"
    )
    assert answer.answered, answer.text
    assert "8 763" in answer.text and "4 751" in answer.text, answer.text
    answer = svc.ask("Vad var snittkostnaden för HVB per dygn i Östby 2025?")
    assert answer.answered, answer.text
    assert "5 549" in answer.text, answer.text


def test_a_sentence_above_a_row_is_no_column_name(svc: Planchat) -> None:
    # The row's figures are Norrby's and its neighbours', not Lillby's.
    answer = svc.ask("Vad var snittkostnaden för familjehem per dygn i Lillby 2025?")
    for figure in ("1 398", "1 051", "1 120", "990"):
        assert figure not in answer.text, answer.text
