"""A question that asks two things gets both. "What is the date and diarienummer of …?" names two
kinds of value with two nouns and one question word: the card's "Datum …" answers beside its
"Diarienummer …" (it had been rejected as a field not asked for). "How often …, and how often is
the plan updated?" may find its second answer in a passage that holds little of the first part's
terms: a sentence that gives what the chosen one does not is read from it (it had been left out
for holding less of the whole question than an answer must). The PDFs are made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

SKRIVELSE = [
    [
        "# Cykelparkering vid Lerums station",
        "Datum: 2027-02-10\nDiarienummer: 2027.031 TN",
        "# Ärendet",
        "Samhällsbyggnadsförvaltningen har sett över möjligheten att ordna en större yta för "
        "cykelparkering vid stationen. Ytan beräknas rymma cirka 120 cyklar.",
        "# Förslag till beslut",
        "Tekniska nämnden godkänner att ytan för cykelparkering iordningställs.",
    ],
]

CYKELPLAN = [
    [
        "# Uppföljning",
        "För att följa upp cykelplanen och cykelns andel av resorna genomför Lerums kommun en "
        "resvaneundersökning vart tredje år.",
        "Undersökningen visar också hur invånarna reser till skola och arbete.",
    ],
    [
        "# Aktualisering",
        "Cykelplanen ska förbli ett aktuellt styrande dokument och aktualiseras därför minst vart fjärde år.",
        "I samband med aktualiseringen lyfts planen för politiskt beslut.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "two_part",
        {
            "cykelparkering.pdf": (
                "Cykelparkering vid Lerums station",
                SKRIVELSE,
                "Lerums kommun  Tjänsteskrivelse",
            ),
            "cykelplan.pdf": ("Cykelplan för Lerums kommun", CYKELPLAN, "Lerums kommun"),
        },
    )


@pytest.mark.parametrize(
    "question",
    [
        "What is the date and diarienummer of the tjänsteskrivelse on cykelparkering at Lerum station?",
        "Vilket diarienummer och datum har tjänsteskrivelsen om cykelparkering vid Lerums station?",
    ],
)
def test_a_date_and_a_diarienummer_asked_together_are_both_answered(svc: Planchat, question: str) -> None:
    answer = svc.ask(question)
    said = " ".join(quotes(answer.text))
    assert "2027.031" in said and "2027-02-10" in said, answer.text


def test_one_kind_asked_is_answered_alone(svc: Planchat) -> None:
    answer = svc.ask("Vilket diarienummer har tjänsteskrivelsen om cykelparkering vid Lerums station?")
    said = " ".join(quotes(answer.text))
    assert "2027.031" in said and "2027-02-10" not in said, answer.text


def test_the_second_part_is_answered_from_a_passage_holding_less_of_the_question(svc: Planchat) -> None:
    answer = svc.ask(
        "How often does Lerums kommun carry out a resvaneundersökning to follow up its cykelplan and the "
        "cykelns andel, and how often is the plan aktualiserad?"
    )
    said = " ".join(quotes(answer.text))
    assert "vart tredje år" in said and "vart fjärde år" in said, answer.text
