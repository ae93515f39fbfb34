"""A protokoll's decision says whom it is sent to ("Expedieras till Sökanden, Länsstyrelsen"):
that body receives the decision, it did not make it. "Vilken avgift tog miljönämnden ut …?" is
answered by the nämnd's decision that names the county board only as a recipient; a passage
where the county board itself decides stays the county board's. The PDFs are made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

PROTOKOLL = [
    [
        "# Miljönämndens protokoll 2026-05-19",
        "Plats och tid: Rådhuset, Norrby, kl. 14.00–16.00. Miljönämnden behandlade två ärenden om "
        "strandskydd vid sjön Lången.",
    ],
    [
        "# Ekudden 2:3, strandskyddsdispens för nybyggnad av brygga",
        "Ärendet avser ansökan om strandskyddsdispens för en brygga på fastigheten Ekudden 2:3 vid "
        "sjön Lången. Platsen är redan ianspråktagen av en äldre brygga.",
        "# Beslut om dispens för Ekudden 2:3",
        "Strandskyddsdispens ges för nybyggnad av brygga på fastigheten Ekudden 2:3 vid sjön Lången. "
        "Avgiften för strandskyddsdispensen är 8 400 kr, i enlighet med taxa fastställd av "
        "kommunfullmäktige.\nBeslutet expedieras till sökanden och till Länsstyrelsen i Norrby län.",
    ],
    [
        "# Information om överprövning av Bergvik 1:7",
        "Länsstyrelsen har beslutat att överpröva den dispens som gavs för Bergvik 1:7. Länsstyrelsen "
        "tar ut en avgift om 5 200 kr för sin prövning av Bergvik 1:7.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "decision-recipients", {"protokoll.pdf": ("Miljönämndens protokoll", PROTOKOLL)}
    )


def test_a_body_the_decision_is_sent_to_did_not_make_it(svc: Planchat) -> None:
    answer = svc.ask("Vilken avgift tog miljönämnden ut för strandskyddsdispensen på Ekudden 2:3?")
    assert answer.answered, answer.text
    assert "8 400 kr" in quotes(answer.text)[0], answer.text


def test_a_body_that_decides_itself_is_still_another_body(svc: Planchat) -> None:
    answer = svc.ask("Vilken avgift tar miljönämnden ut för prövningen av Bergvik 1:7?")
    assert "5 200" not in answer.text, answer.text
