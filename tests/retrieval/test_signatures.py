""" "Vem undertecknade som ordförande missivet …?", "Who signed … as chair?": a covering letter
(missiv) ends in its signatures, a name and an office per line ("Karl Holm, ordförande."). The
signing is what is asked, not a word the answer holds, and the office asked for chooses among the
signatures: "vice ordförande" is another office. The PDF is made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

MISSIV = [
    [
        "# Missiv till tekniska nämnden",
        "Revisorerna har avslutat granskningen av vinterväghållningen och överlämnar härmed "
        "rapporten till nämnden.",
        "Granskningen visar att nämnden inte följer upp entreprenörernas insatser systematiskt.",
        "Nämnden ombeds lämna ett yttrande över rekommendationerna senast den 30 april.",
        "Stadsrevisionen den 12 mars",
        "Anna Berg, vice ordförande.",
        "Karl Holm, ordförande.",
    ],
    [
        "# Rekommendationer",
        "Tekniska nämnden rekommenderas att införa en systematisk uppföljning av entreprenörerna.",
        "Nämnden rekommenderas också att dokumentera beslut om prioriteringar vid snöfall.",
    ],
    [
        "# Bakgrund",
        "Vinterväghållningen omfattar snöröjning och halkbekämpning på kommunens gator och cykelvägar.",
        "Kostnaden för vinterväghållningen har varierat kraftigt mellan åren beroende på vädret.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports("signatures", {"missiv.pdf": ("Granskning av vinterväghållningen", MISSIV)})


def test_who_signed_as_chair(svc: Planchat) -> None:
    answer = svc.ask("Vem undertecknade som ordförande missivet om granskningen av vinterväghållningen?")
    assert answer.answered, answer.text
    assert quotes(answer.text)[0] == "Karl Holm, ordförande."
    assert answer.citations[0].passage.page == 1


def test_who_signed_as_vice_chair(svc: Planchat) -> None:
    answer = svc.ask("Vem skrev under som vice ordförande missivet om granskningen av vinterväghållningen?")
    assert answer.answered, answer.text
    assert quotes(answer.text)[0] == "Anna Berg, vice ordförande."


def test_who_signed_in_english(svc: Planchat) -> None:
    answer = svc.ask("Who signed the covering letter on the audit of winter road maintenance as chair?")
    assert answer.answered, answer.text
    assert quotes(answer.text)[0] == "Karl Holm, ordförande."
