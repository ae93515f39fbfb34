"""A number the question names itself ("… på Gjutaren 23", "upp till 3 kubikmeter") says what is
asked about; it does not answer "how many" or "how much". The PDF is made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat

pytestmark = pytest.mark.slow

PAGES = [
    [
        "# Ärendet",
        "Ärendet gäller nybyggnad av en lagerbyggnad på fastigheten Kvarnen 14.",
        "# Parkering",
        "Parkeringsplats för rörelsehindrade anordnas vid entrén på Kvarnen 14.",
        "Parkeringsbehovet för Kvarnen 14 löses genom att 36 parkeringsplatser anordnas på grannfastigheten.",
    ],
    [
        "# Avfall",
        "Tömning av slamavskiljare upp till 3 kubikmeter ingår i den fasta avgiften.",
        "Tömning av slamavskiljare upp till 3 kubikmeter kostar 2 333 kronor per tömning vid extra hämtning.",
    ],
]
OTHER = [
    ["# Kommunen", "Antalet ärenden ökade under 2026.", "Antalet anställda i förvaltningen är 1 240."],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "question-numbers",
        {"utlatande.pdf": ("Förvaltningens utlåtande", PAGES), "budget.pdf": ("Budget 2027", OTHER)},
    )


def _first(answer_text: str) -> str:
    return answer_text.split("»", 1)[1].split("«", 1)[0]


def test_the_property_number_in_the_question_is_no_count(svc: Planchat) -> None:
    answer = svc.ask("Hur många parkeringsplatser anordnas på Kvarnen 14?")
    assert answer.answered, answer.text
    assert "36" in _first(answer.text), answer.text


def test_a_size_named_in_the_question_is_no_price(svc: Planchat) -> None:
    answer = svc.ask("Vad kostar tömning av slamavskiljare upp till 3 kubikmeter?")
    assert answer.answered, answer.text
    assert "2 333" in _first(answer.text), answer.text
