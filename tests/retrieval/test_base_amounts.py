"""A sum written in price base amounts ("upp till 20 pbb", "under 4 prisbasbelopp"), as
delegationsordningar and thresholds write their limits, answers "Upp till vilket belopp …?": it is
money, though no kronor figure can be read from it. The PDFs are made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

DELEGATION = [
    [
        "# Delegationsordning för tekniska nämnden i Norrby kommun",
        "Nämnden delegerar beslutanderätt enligt 6 kap. 37 § kommunallagen enligt förteckningen nedan.",
        "# Allmänna ärenden",
        "1.17 Rätt att inom angivet projekt ge fullmakt till externa byggledare att beställa varor och "
        "tjänster upp till 20 pbb. Delegat: förvaltningschef. Ersättare: avdelningschef.",
        "1.18 Rätt att besluta om avskrivning av fordringar. Delegat: ekonomichef.",
    ],
    [
        "# Uppföljning",
        "Förvaltningen handlägger årligen omkring 20 ärenden om dispens från renhållningsföreskrifterna.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "base-amounts", {"delegationsordning.pdf": ("Delegationsordning", DELEGATION)}
    )


def test_a_limit_in_price_base_amounts_is_an_amount(svc: Planchat) -> None:
    answer = svc.ask(
        "Upp till vilket belopp får externa byggledare beställa varor och tjänster enligt tekniska nämndens delegationsordning?"
    )
    assert answer.answered, answer.text
    assert "20 pbb" in quotes(answer.text)[0], answer.text
