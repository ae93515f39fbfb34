""" "Vilka tre risker …?" names how many things it asks for: the sentence that says that count
("… valde arbetsgruppen ut tre risker för fördjupad scenarioanalys:") is read before one that
holds as many of the question's words and lists other things. The report is made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

RSA = [
    [
        "# Risk- och sårbarhetsanalys 2027–2030",
        "Arbetsgruppen för riskhantering har valt ut risker med hjälp av scenarioanalyser, "
        "omvärldsbevakning, intervjuer och workshops med förvaltningarna.",
        "Av de risker som identifierades valde arbetsgruppen ut tre risker för fördjupad scenarioanalys:",
        "- Grövre våld i skolmiljö",
        "- Isstorm med långvarigt elavbrott",
        "- Skyfall i centrala Västerby",
        "# Förmåga",
        "Operativ ledning var den funktion som berördes mest i scenarioanalyserna av riskerna.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports("asked-count", {"rsa.pdf": ("Risk- och sårbarhetsanalys 2027–2030", RSA)})


@pytest.mark.parametrize(
    "question",
    [
        "Vilka tre risker valde arbetsgruppen ut för fördjupad scenarioanalys?",
        "Which three risks did the working group (arbetsgruppen) pick out for closer scenario analysis?",
    ],
)
def test_the_sentence_that_says_the_count_asked_is_read_first(svc: Planchat, question: str) -> None:
    answer = svc.ask(question)
    assert answer.answered, answer.text
    first = quotes(answer.text)[0]
    assert "tre risker" in first and "Isstorm" in first, answer.text
