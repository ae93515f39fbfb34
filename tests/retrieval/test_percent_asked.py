""" "Med hur många procent räknas anslaget upp?" asks for a share, not a count of things called
"procent": "(2,5 % från 2026 års nivå)" answers it. It had been withheld for want of the word
"procent" in the passage. The PDF is made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

LETTER = [
    [
        "# Ekonomiskt anslag för 2027",
        "Samverkansorganisationen föreslår att huvudmännen beviljar ett anslag för verksamhetsåret 2027.",
        "Anslaget för 2027 fördelas lika mellan de tre huvudmännen, med en uppräkning enligt vårdprisindex "
        "(2,5 % från 2026 års nivå).",
    ],
    [
        "# Verksamhet",
        "Anslaget finansierar processledaren, utbildningsinsatser och gemensamma aktiviteter.",
        "Verksamheten följs upp i en årlig rapport till den politiska samrådsgruppen.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports("percent-asked", {"anslag.pdf": ("Ekonomiskt anslag 2027", LETTER)})


def test_how_many_percent(svc: Planchat) -> None:
    answer = svc.ask("Med hur många procent räknas anslaget för 2027 upp enligt vårdprisindex?")
    assert answer.answered, answer.text
    assert "2,5 %" in quotes(answer.text)[0]
    assert answer.citations[0].passage.page == 1
