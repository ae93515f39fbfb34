"""A magazine's or report's running footer names the issue its pages belong to ("Norrbladet nr 2
2009"), while its text writes "årets val": a question on the 2009 election is answered from it,
though the text names 2004 more often. The PDF is made by the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import parse_file
from retrieval.service import Planchat
from tests import pdfgen
from tests.asking import quotes

pytestmark = pytest.mark.slow

PAGES: list[list[str | list[list[str]]]] = [
    [
        "# Få röstar i valet till Europaparlamentet",
        "Valdeltagandet i Norrby var lågt vid valet 2004. Då röstade 38 procent av de röstberättigade i "
        "kommunen, mot 42 procent i landet. Inför valet 2004 ordnade kommunen fler vallokaler än förut.",
    ],
    [
        "# Förstagångsväljarna",
        "Vid årets val kommer drygt 1 200 personer i Norrby att rösta för första gången i ett val till "
        "Europaparlamentet. De flesta av dem har inte röstat i något riksdagsval heller.",
    ],
    [
        "# Om statistiken",
        "Statistiken bygger på SCB:s valdeltagandeundersökning och Norrby kommuns egna uppgifter om "
        "vallokalerna 2004.",
    ],
]


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("norrbladet")
    return pdfgen.make_report_pdf(
        src / "norrbladet.pdf", pages=PAGES, header="Norrbladet", footer_fmt="Norrbladet nr 2 2009  {n}",
        title="Få röstar i valet till Europaparlamentet", standard_fonts=True,
    )  # fmt: skip


def test_the_year_the_running_footer_names_is_the_documents(pdf: Path) -> None:
    assert 2009 in parse_file(pdf).document.years


def test_a_question_on_that_years_election_is_answered(pdf: Path, service_over) -> None:  # type: ignore[no-untyped-def]
    svc: Planchat = service_over(pdf.parent)
    answer = svc.ask("Hur många personer i Norrby röstar för första gången i Europaparlamentsvalet 2009?")
    assert answer.answered, answer.text
    assert "1 200" in " ".join(quotes(answer.text)), answer.text
