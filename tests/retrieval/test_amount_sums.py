"""Amounts are added up only where a sum is what is asked: the rows of one table that the question
names, or two things it names together. Two limits that two sentences of one paragraph state
("upp till 300 000 kronor", "upp till 30 000 kronor") are no sum to read out: the sentence that
says which limit is meant answers. The PDF is made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

PAGES = [
    [
        "# Delegationsordning för överförmyndarnämnden",
        "Överförmyndarnämnden i Norrby delegerar beslutanderätt enligt denna ordning.",
        "# Kap. 13 Placeringar och uttag",
        "2.23 Besluta om samtycke till placering av omyndigs tillgångar i aktier. Delegat: handläggare "
        "upp till 300 000 kronor, därutöver ordförande.",
        "2.24 Besluta om samtycke till uttag från spärrat konto. Delegat: handläggare upp till 30 000 "
        "kronor.",
        "# Budget",
        "Nämndens kostnader för gode män var 2 400 000 kronor och för förvaltare 1 100 000 kronor 2025.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports("amount-sums", {"delegation.pdf": ("Delegationsordning 2026", PAGES)})


def test_two_limits_are_not_added_up(svc: Planchat) -> None:
    answer = svc.ask("Upp till vilket belopp får handläggaren samtycka till placering i aktier?")
    assert "330 000" not in answer.text, answer.text
    assert answer.answered, answer.text
    assert any("300 000" in q for q in quotes(answer.text)), answer.text


def test_a_sum_asked_for_is_added_up(svc: Planchat) -> None:
    answer = svc.ask("Hur mycket kostade gode män och förvaltare totalt 2025?")
    assert answer.answered, answer.text
    assert "3 500 000" in answer.text, answer.text
