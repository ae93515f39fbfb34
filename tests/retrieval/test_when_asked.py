"""A question that asks when is answered by a time the question does not already give. A report
made by the test says that a survey was made "under år 2025" beside the sentence that says in which
months, and describes a plan's exhibition at length beside the one sentence that gives its dates.
Each test checks that the answer is the sentence a careful reader would read out first."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

PAGES = [
    [
        "# Föreningsenkäten",
        "Under år 2025 har förvaltningen på samma sätt som tidigare år samlat in enkätsvar.",
        "Förvaltningen skickade enkäten till föreningarna i slutet av maj och de sista svaren kom in "
        "i september.",
        "# Ansvar",
        "Kultur- och fritidsnämnden ansvarar för att enkätens resultat blir kända bland föreningarna.",
    ],
    [
        "# Detaljplan för Bolagsområdet",
        "Detaljplanen var utställd under tiden 7 juli till 27 augusti.",
        "Detaljplanen var utställd för allmänheten i kommunhuset och på biblioteket, och allmänheten "
        "kunde lämna synpunkter på utställningen skriftligt.",
        "# Synpunkter",
        "Synpunkterna har sammanställts i ett utlåtande.",
    ],
    [
        "# Tidplan för budgetarbetet",
        "Kommunfullmäktige beslutar om skattesatsen för 2027 efter att nämnderna har lämnat sina "
        "underlag till kommunstyrelsen.",
        "26 okt: Kommunfullmäktige beslutar om skattesats och driftramar.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    report = ("Uppföljning av föreningsstödet", PAGES, "Kultur- och fritidsnämnden")
    return service_over_reports("when", {"uppfoljning.pdf": report})


def test_a_year_the_question_gives_is_not_when(svc: Planchat) -> None:
    # The first sentence holds more of the question, but its only time is the question's own year.
    answer = svc.ask("När samlade förvaltningen in enkätsvaren från föreningarna i 2025 års enkät?")
    assert answer.answered, answer.text
    said = quotes(answer.text)
    assert "slutet av maj" in said[0]


def test_which_period_asks_for_a_time(svc: Planchat) -> None:
    answer = svc.ask("Under vilken period var detaljplanen utställd för allmänheten?")
    assert answer.answered, answer.text
    said = quotes(answer.text)
    assert "7 juli till 27 augusti" in said[0]


def test_during_which_period_in_english(svc: Planchat) -> None:
    answer = svc.ask("During which period was the detaljplan on exhibition (utställning)?")
    assert answer.answered, answer.text
    assert "7 juli till 27 augusti" in quotes(answer.text)[0]


def test_a_day_and_a_short_month_name_a_time(svc: Planchat) -> None:
    # "26 okt" is the time; the other sentence only repeats the year the question gives.
    answer = svc.ask("När beslutar kommunfullmäktige om skattesatsen för 2027?")
    assert answer.answered, answer.text
    assert "26 okt" in quotes(answer.text)[0]
