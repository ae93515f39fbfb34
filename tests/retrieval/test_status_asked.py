""" "Vad är status för åtgärd 3?" asks for a status (påbörjad, avslutad …); "Which three key ratios
are compared to assess the financial status of a company?" names a status and asks for the
ratios. Read as a status question it had no answer. The PDF is made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

REPORT = [
    [
        "# Modell för borgensavgift",
        "Kommunen tar ut en borgensavgift av sina bolag för att följa reglerna om statsstöd.",
        "Den finansiella statusen bedöms genom att jämföra tre nyckeltal: soliditet, "
        "räntetäckningsgrad och rörelseresultat i förhållande till balansomslutningen.",
    ],
    [
        "# Åtgärder",
        "Åtgärd 3 om ny prismodell har status påbörjad.",
        "Åtgärd 4 om ny rapportmall har status avslutad.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports("status-asked", {"borgen.pdf": ("Rapport om borgensavgifter", REPORT)})


def test_status_named_not_asked(svc: Planchat) -> None:
    answer = svc.ask("Which three key ratios are compared to assess the financial status of a company?")
    assert answer.answered, answer.text
    assert "soliditet" in quotes(answer.text)[0]
    assert answer.citations[0].passage.page == 1


def test_status_asked(svc: Planchat) -> None:
    answer = svc.ask("Vad är status för åtgärd 3 om ny prismodell?")
    assert answer.answered, answer.text
    assert "påbörjad" in quotes(answer.text)[0]
