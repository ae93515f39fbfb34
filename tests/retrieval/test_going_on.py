"""An answer sentence that goes on from the one before it ("Detta motsvarar 2,5 % av barnen …",
"Dessa utgör omkring 15 procent …") is read out with that sentence: alone it does not say what it
counts, and a two-part question ("how many, and what share?") has its first part there. A sentence
that stands on its own is read out alone. The PDFs are made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

REPORT = [
    [
        "# Tillgång till förskola i Norrby kommun",
        "Barn- och ungdomsförvaltningen har gått igenom vilka barn som har rätt till allmän förskola.",
        "Förvaltningen har identifierat 38 barn med rätt till allmän förskola som varken har en "
        "placering eller står i kö till placering. Detta motsvarar 3,1 % av barnen i åldersgruppen.",
        "# Lokaler",
        "Förvaltningen har under våren öppnat två nya avdelningar i Västra Ängen. Kostnaden för "
        "ombyggnaden av avdelningarna i Västra Ängen blev 2,4 miljoner kronor.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports("going-on", {"forskola.pdf": ("Tillgång till förskola", REPORT)})


def test_a_sentence_going_on_is_read_with_the_one_before(svc: Planchat) -> None:
    answer = svc.ask(
        "Hur stor andel av barnen i åldersgruppen har varken placering eller står i kö till allmän förskola?"
    )
    assert answer.answered, answer.text
    said = " ".join(quotes(answer.text))
    assert "3,1 %" in said, answer.text
    assert "38 barn" in said, answer.text  # what "Detta" refers to
    assert said.index("38 barn") < said.index("3,1 %"), answer.text


def test_a_sentence_standing_alone_is_read_alone(svc: Planchat) -> None:
    answer = svc.ask("Vad kostade ombyggnaden av avdelningarna i Västra Ängen?")
    assert answer.answered, answer.text
    said = quotes(answer.text)
    assert "2,4 miljoner" in said[0], answer.text
    assert not any("nya avdelningar" in q for q in said), answer.text
