"""A person's name is a name though the documents also write it in lower case inside a mail
address ("cecilia.lindqvist@norrby.se"): "Vem är handläggare …?" is answered by "Handläggare:
Cecilia Lindqvist". The PDFs are made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

LETTER = [
    [
        "# Förtydligande om parkering för förtroendevalda i Norrby kommun",
        "Handläggare: Cecilia Lindqvist",
        "Parkeringen vid stadshuset i Norrby är avgiftsbelagd sedan den 1 maj 2026. Avgifter för "
        "parkering vid sammanträden inom kommunen ersätts inte.",
        "Frågor om ärendet besvaras av kommunledningskontoret, cecilia.lindqvist@norrby.se.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports("names-in-addresses", {"parkering.pdf": ("Förtydligande parkering", LETTER)})


def test_a_name_also_in_a_mail_address_answers_who(svc: Planchat) -> None:
    answer = svc.ask("Vem är handläggare för förtydligandet om parkering för förtroendevalda?")
    assert answer.answered, answer.text
    assert "Cecilia Lindqvist" in quotes(answer.text)[0], answer.text
