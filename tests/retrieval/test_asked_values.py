"""A question that asks for a kind of value is answered by a sentence that gives one: "Under vilka
datum …?" by days, "Vilket organisationsnummer …?" by an organisation number, "Hur mycket …?" by a
figure, where a footnote's number glued to a word ("… Trygg i Västerby-arbetet.3") is none. The
report is made by the test; each answer stands beside a sentence that holds as many of the
question's words and no such value."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

RAPPORT = [
    [
        "# Översiktsplan för Västerby",
        "Förslaget till översiktsplan för Västerby var utställt för granskning under våren 2014 och "
        "väckte många synpunkter från invånarna.",
        "Utställningen pågick från 2014-04-09 till 2014-06-09 i stadshusets entré.",
        "# Avtal om läromedel",
        "Västerby Läromedel AB levererar digitala läromedel till grundskolan enligt avtalet med kommunen.",
        "Organisationsnumret för Västerby Läromedel AB anges i avtalet med Västerby kommun under "
        "rubriken Parter.",
        "Leverantör: Västerby Läromedel AB, organisationsnummer 556677-1234, Storgatan 5.",
        "# Trygghet",
        "Bostadsbolagen har prioriterat trygghetsåtgärder i sina utvecklingsområden inom ramen för "
        "Trygg i Västerby-arbetet.3 Samverkan sker i ett gemensamt forum.",
        "# Förskoleplatser",
        "Uppdrag nr 12 i strategisk plan omfattade 45 nya förskoleplatser i Norrby.",
    ],
]

# A consultant's memo whose cover holds identifiers only: a telephone number, an organisation
# number, an assignment number and a table's number.
PM = [
    [
        "# PM Kalkyl Västerby",
        "Konsultbolaget AB Telefon +46 (0) 8 695 60 00 SE 10026 Stockholm RegNo 556767-9849 Tabell 1 "
        "Beräknade kostnader (mnkr) "
        "Uppdragsnummer: 30092089 Uppdrag: Kalkyl Västerby Beställare: Västerby kommun",
        "Kalkylen jämför två alternativ för vattenförsörjningen i Västerby.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "asked-values",
        {"rapport.pdf": ("Västerby kommun, samlad rapport", RAPPORT), "pm.pdf": ("PM Kalkyl Västerby", PM)},
    )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "Under vilka datum var förslaget till översiktsplan för Västerby utställt för granskning?",
            "2014-04-09",
        ),
        ("Vilket organisationsnummer har Västerby Läromedel AB enligt avtalet?", "556677-1234"),
    ],
)
def test_the_kind_of_value_asked_for_answers(svc: Planchat, question: str, expected: str) -> None:
    answer = svc.ask(question)
    assert answer.answered, answer.text
    assert expected in quotes(answer.text)[0], answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Hur mycket har bostadsbolagen prioriterat för trygghetsåtgärder i utvecklingsområdena?",
        "Vad kostade uppdraget Kalkyl Västerby för Västerby kommun?",
        "Hur mycket kostade Konsultbolaget AB:s uppdrag Kalkyl Västerby?",
    ],
)
def test_a_footnote_or_an_identifier_is_no_amount(svc: Planchat, question: str) -> None:
    answer = svc.ask(question)
    assert not answer.answered, answer.text


def test_a_figure_beside_an_identifier_answers(svc: Planchat) -> None:
    answer = svc.ask("Hur många nya förskoleplatser omfattade uppdrag nr 12 i strategisk plan?")
    assert answer.answered, answer.text
    assert "45 nya förskoleplatser" in quotes(answer.text)[0], answer.text
