"""A nämnd's own report often never says whose kommun it is: "Fördjupad månadsuppföljning 2026,
Vård- och omsorgsnämnden" names no place. A question that names the kommun ("… i Alingsås") is
still answered from it. A document of another organisation (a county board, an agency) that names
no place is not taken to be about the kommun asked for. The reports are made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

FOLLOW_UP = [
    [
        "# Fördjupad månadsuppföljning 2026",
        "Vård- och omsorgsnämnden",
        "# Utfall och prognos",
        "Vård- och omsorgsförvaltningen prognostiserar per april ett resultat i balans vid årets slut.",
        "Lokalhyrorna avviker negativt med en miljon kronor, vilket framförallt beror på nya lokaler "
        "inom LSS-verksamheten.",
    ],
]
PLAN = [
    [
        "# Översiktsplan",
        "Alingsås kommun har cirka 42 000 invånare och växer med omkring 400 invånare per år.",
        "Samarbetet med Lerums kommun om kollektivtrafik fortsätter under planperioden.",
    ],
]
PRIZE = [
    [
        "# Information om Länsstyrelsen Västra Götalands pris för ungas ideella engagemang",
        "Länsstyrelsen Västra Götaland delar årligen ut fem priser för ungas ideella engagemang.",
        "Nomineringsperioden är 18 maj–31 augusti 2026.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "placeless",
        {
            "uppfoljning.pdf": ("Fördjupad månadsuppföljning 2026", FOLLOW_UP, "Vård- och omsorgsnämnden"),
            "oversiktsplan.pdf": ("Översiktsplan för Alingsås kommun", PLAN, "Alingsås kommun"),
            "pris.pdf": (
                "Information om pris för ungas ideella engagemang",
                PRIZE,
                "Länsstyrelsen Västra Götaland",
            ),
        },
    )


@pytest.mark.parametrize(
    "question",
    [
        "Vad beror den negativa avvikelsen för lokalhyrorna på i vård- och omsorgsnämndens "
        "månadsuppföljning 2026 i Alingsås?",
        "What explains the negative deviation for premises rents (lokalhyror) in the vård- och "
        "omsorgsnämnd's April 2026 follow-up in Alingsås?",
    ],
)
def test_a_nämnd_report_naming_no_place_answers_for_its_kommun(svc: Planchat, question: str) -> None:
    answer = svc.ask(question)
    assert answer.answered, answer.text
    assert "LSS" in " ".join(quotes(answer.text)), answer.text


def test_another_organisations_paper_naming_no_place_is_not_the_kommuns(svc: Planchat) -> None:
    # Near miss: the county board's letter names no kommun; it says nothing of Lerum's prizes.
    answer = svc.ask("Hur många priser för ungas ideella engagemang delas ut i Lerum 2026?")
    assert not answer.answered, answer.text


def test_warm_up_reads_the_places_before_the_first_question(service_over_reports, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The places scan reads every passage of the index: after warm_up (the app and the API call it
    # at start), the first question that names a place does not wait for it.
    import retrieval.context as context

    svc = service_over_reports(
        "placeless-warm",
        {
            "uppfoljning.pdf": ("Fördjupad månadsuppföljning 2026", FOLLOW_UP, "Vård- och omsorgsnämnden"),
            "oversiktsplan.pdf": ("Översiktsplan för Alingsås kommun", PLAN, "Alingsås kommun"),
        },
    )
    svc.warm_up()

    class Unread:
        def finditer(self, text: str) -> None:
            raise AssertionError("the places were read when a question came")

    monkeypatch.setattr(context, "_PLACE_NAMED_RE", Unread())
    answer = svc.ask(
        "Vad beror den negativa avvikelsen för lokalhyrorna på i vård- och omsorgsnämndens "
        "månadsuppföljning 2026 i Alingsås?"
    )
    assert answer.answered, answer.text
