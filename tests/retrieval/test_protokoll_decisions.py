"""Under the "Beslut" heading of a § in a body's protokoll, the decision is that body's, whichever
other bodies it names: "Förslag till ramar … godkänns, med följande två tillägg: - Vård- och
omsorgsnämnden föreslås tillföras …" in kommunstyrelsens protokoll answers what kommunstyrelsen
decided (it had been read as the named nämnder's own text). Asked what another body decided, the
same passage still does not answer. The protokoll is made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

PAGES = [
    [
        "Protokoll",
        "Sammanträdesdatum 2026-06-15",
        "§ 115 Anmälan av delegationsbeslut",
        "Beslut",
        "Redovisningen av delegationsbesluten läggs till handlingarna.",
        "§ 116 Ramar 2027-2029 för Lunds kommun",
        "Ärendebeskrivning",
        "Kommunledningskontoret har tagit fram förslag till ramar för kommunens nämnder 2027-2029.",
        "Beslut",
        "Förslag till ramar för kommunens nämnder 2027-2029 godkänns, med följande två tillägg:",
        "- Vård- och omsorgsnämnden föreslås tillföras 13 miljoner kronor under 2027 för välfärdsteknik.",
        "- Barn- och ungdomsnämnden föreslås få 12 miljoner kronor under 2027 för tioårig grundskola.",
        "§ 117 Val av justerare",
        "Beslut",
        "Anna Berg utses att justera protokollet.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "protokoll_decisions",
        {"protokoll.pdf": ("Kommunstyrelsens protokoll 2026-06-15", PAGES, "Kommunstyrelsen  Protokoll")},
    )


def test_the_document_is_read_as_kommunstyrelsens_protokoll(svc: Planchat) -> None:
    (doc,) = svc.index.documents()
    assert doc.kind == "protokoll" and doc.nämnd == "Kommunstyrelsen", doc


@pytest.mark.parametrize(
    "question",
    [
        "Which two additions did kommunstyrelsen make when it approved the budget frames 2027–2029?",
        "Vilka två tillägg gjorde kommunstyrelsen när förslaget till ramar 2027–2029 godkändes?",
    ],
)
def test_a_decision_naming_other_bodies_is_the_meeting_bodys(svc: Planchat, question: str) -> None:
    answer = svc.ask(question)
    said = " ".join(quotes(answer.text))
    assert answer.answered and "13 miljoner kronor" in said and "12 miljoner kronor" in said, answer.text


def test_another_body_asked_about_is_not_answered_by_it(svc: Planchat) -> None:
    answer = svc.ask(
        "Which two additions did socialnämnden make when it approved the budget frames 2027–2029?"
    )
    assert not answer.answered, answer.text
