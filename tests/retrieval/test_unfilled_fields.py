"""A draft made from a template keeps the template's placeholder where the day of decision will
go ("Datum för beslut: ÅÅÅÅ-MM-DD"): asked when it was decided, planchat says the documents do
not say, rather than reading out the other date on the line (the day the draft was written). A
plan whose field is filled in answers with that day. The PDFs are made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

DRAFT = [
    [
        "# Trygghetsplan för Hörby kommun 2027–2030",
        "Typ av styrdokument: Plan Beslutande instans: Kommunfullmäktige Datum för beslut: ÅÅÅÅ-MM-DD "
        "Upprättad: 2026-04-15 Diarienummer: KS 2026.118",
        "# Inledning",
        "Planen beskriver hur kommunen arbetar med trygghet i centrala Hörby under planperioden.",
    ],
]

ADOPTED = [
    [
        "# Kulturplan för Höörs kommun 2027–2030",
        "Typ av styrdokument: Plan Beslutande instans: Kommunfullmäktige Datum för beslut: 2026-05-20 "
        "Upprättad: 2026-03-02 Diarienummer: KS 2026.044",
        "# Inledning",
        "Planen beskriver hur kommunen arbetar med kultur för barn och unga under planperioden.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "unfilled",
        {
            "trygghetsplan-utkast.pdf": ("Trygghetsplan för Hörby kommun 2027–2030", DRAFT),
            "kulturplan.pdf": ("Kulturplan för Höörs kommun 2027–2030", ADOPTED),
        },
    )


def test_a_placeholder_day_of_decision_is_no_answer(svc: Planchat) -> None:
    answer = svc.ask("Vilket datum beslutade kommunfullmäktige om trygghetsplanen för Hörby kommun?")
    assert not answer.answered, answer.text
    assert "2026-04-15" not in answer.text


def test_a_filled_day_of_decision_answers(svc: Planchat) -> None:
    answer = svc.ask("Vilket datum beslutade kommunfullmäktige om kulturplanen för Höörs kommun?")
    assert answer.answered, answer.text
    assert "2026-05-20" in quotes(answer.text)[0], answer.text
