""" "Hur ofta …?" is answered by a frequency ("årligen", "vart tredje år", "en gång per år"), and
"Inom hur många dagar …?" by a span of days, not by another figure next to the same words. A
routine made by the test holds each answer beside a sentence that holds as many of the question's
words and no such value."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

RUTIN = [
    [
        "# Rutin mot hot och våld mot förtroendevalda",
        "Rutinen för att utvärdera händelser av hot och våld mot förtroendevalda beslutades av "
        "kommunstyrelsen i mars 2026.",
        "Händelser av hot och våld mot förtroendevalda ska utvärderas årligen. Utvärderingen redovisas "
        "för kommunstyrelsens arbetsutskott.",
        "# Resvanor",
        "Resvaneundersökningen i kommunen omfattar alla invånare mellan 16 och 84 år och skickas ut till "
        "6 000 slumpvis valda personer.",
        "Kommunen genomför resvaneundersökningen vart tredje år.",
        "# Avgifter",
        "Avgiften för en parkeringsanmärkning betalas till kommunens bankgiro 5050-1055.",
        "Har en påminnelse skickats ska avgiften för parkeringsanmärkningen vara betald inom 21 dagar.",
        "# Medborgardialog",
        "Medborgardialoger om parkeringen hålls i Stadshuset och leds av två tjänstepersoner från "
        "samhällsbyggnadsförvaltningen.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports("how-often", {"rutin.pdf": ("Rutin för trygghet och avgifter 2026", RUTIN)})


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Hur ofta ska händelser av hot och våld mot förtroendevalda utvärderas enligt rutinen?", "årligen"),
        (
            "How often does the municipality carry out the travel survey (resvaneundersökningen)?",
            "vart tredje år",
        ),
        (
            "Inom hur många dagar ska avgiften för parkeringsanmärkningen vara betald efter en påminnelse?",
            "21 dagar",
        ),
    ],
)
def test_a_frequency_or_a_count_of_days_answers(svc: Planchat, question: str, expected: str) -> None:
    answer = svc.ask(question)
    assert answer.answered, answer.text
    assert expected in quotes(answer.text)[0], answer.text


def test_how_often_and_to_whom_are_both_answered(svc: Planchat) -> None:
    answer = svc.ask(
        "Hur ofta ska händelser av hot och våld mot förtroendevalda utvärderas, och till vem redovisas "
        "utvärderingen?"
    )
    assert answer.answered, answer.text
    said = " ".join(quotes(answer.text))
    assert "årligen" in said and "arbetsutskott" in said, answer.text


def test_how_often_without_a_frequency_in_the_documents_is_withheld(svc: Planchat) -> None:
    answer = svc.ask("Hur ofta hålls medborgardialoger om parkeringen i Stadshuset?")
    assert not answer.answered, answer.text
