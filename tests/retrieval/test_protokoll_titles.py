"""A protokoll is cited by what it is: the body's minutes of one meeting ("Barn- och
ungdomsnämndens protokoll 2026-06-16"), read from its heading (body, "Protokoll", date) even when
the largest type on its first page is the first § ("§ 41: Ekonomisk uppföljning"). Another
document that merely mentions a protokoll keeps its own title. The PDFs are made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import document_named

pytestmark = pytest.mark.slow

PROTOKOLL = [
    [
        "Barn- och",
        "ungdomsnämnden",
        "Protokoll",
        "2026-06-16",
        "Plats och tid Utbildningens hus, kl. 14:00-17:45",
        "Beslutande Anna Berg (S) (ordförande), Olle Lind (M)",
        "# § 41: Ekonomisk uppföljning 2026",
        "Nämnden prognostiserar ett underskott om 4,2 mnkr för helåret 2026.",
        "# § 42: Skolskjuts",
        "Nämnden beslutar att skolskjutsreglerna ska revideras till hösten 2027.",
    ],
]
# A narrow cell of the heading broke the body's name before its last letter.
BROKEN = [
    [
        "Protokoll",
        "Utdragsbestyrkande",
        "Överförmyndarnämnde",
        "n",
        "2026-06-11",
        "Plats och tid Rådhuset, kl. 09:00-09:58",
        "Beslutande Per Ek (M) (ordförande), Eva Lind (S)",
        "# § 32: Riktlinjer för arvode och ersättning",
        "Nämnden beslutar att riktlinjerna för arvode fortsätter att gälla till och med 2027.",
    ],
]
SKRIVELSE = [
    [
        "Tjänsteskrivelse",
        "Kultur- och fritidsnämnden 2026-05-02",
        "Enligt protokoll från nämndens sammanträde ska biblioteket i Norrby utredas.",
        "Biblioteket i Norrby har 12 000 besökare per år.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "protokoll-titles",
        {
            "bun-protokoll.pdf": ("§ 41: Ekonomisk uppföljning 2026", PROTOKOLL),
            "kfn-skrivelse.pdf": ("Utredning av biblioteket i Norrby", SKRIVELSE),
            "ofn-protokoll.pdf": ("§ 32: Riktlinjer för arvode och ersättning", BROKEN),
        },
    )


def test_a_protokoll_is_titled_by_its_body_and_meeting(svc: Planchat) -> None:
    protokoll = document_named(svc.documents(), "bun-protokoll.pdf")
    assert protokoll.title == "Barn- och ungdomsnämndens protokoll 2026-06-16"
    assert protokoll.nämnd == "Barn- och ungdomsnämnden"
    assert protokoll.date == "2026-06-16"
    # The answer says which minutes it read.
    answer = svc.ask("Vad beslutade barn- och ungdomsnämnden om skolskjutsreglerna?")
    assert answer.answered, answer.text
    assert answer.text.startswith("Enligt Barn- och ungdomsnämndens protokoll 2026-06-16"), answer.text
    assert "hösten 2027" in answer.text


def test_a_body_name_broken_over_two_lines_is_read_whole(svc: Planchat) -> None:
    protokoll = document_named(svc.documents(), "ofn-protokoll.pdf")
    assert protokoll.title == "Överförmyndarnämndens protokoll 2026-06-11"
    assert protokoll.nämnd == "Överförmyndarnämnden"


def test_a_document_that_mentions_a_protokoll_keeps_its_title(svc: Planchat) -> None:
    assert document_named(svc.documents(), "kfn-skrivelse.pdf").title == "Utredning av biblioteket i Norrby"
