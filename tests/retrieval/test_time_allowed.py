""" "Inom vilken tid …?", "Within what time must …?" asks for the time allowed (a span: "inom två
månader"), not a point in time: the answer opens with the span, not with a sentence that dates the work. The PDFs are
made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

PLAN = [
    [
        "# Utbildningsplan för språkintroduktion vid Norrby gymnasium",
        "# Kartläggning",
        "Kartläggningen av nya elever på språkintroduktion görs av utsedda lärare och påbörjades "
        "enligt den nya rutinen i augusti 2025.",
        "Kartläggningen av nya elever på språkintroduktion ska vara klar inom två månader från "
        "inskrivningen, så att eleven snabbt får en anpassad studieplan.",
        "# Studieplan",
        "Varje elev har en individuell studieplan som följs upp varje termin.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports("time-allowed", {"utbildningsplan.pdf": ("Utbildningsplan", PLAN)})


@pytest.mark.parametrize(
    "question",
    [
        "Inom vilken tid ska kartläggningen av nya elever på språkintroduktion vara klar?",
        "Within what time must the kartläggning of new pupils on språkintroduktion be completed?",
    ],
)
def test_within_what_time_asks_for_the_time_allowed(svc: Planchat, question: str) -> None:
    answer = svc.ask(question)
    assert answer.answered, answer.text
    said = quotes(answer.text)
    assert "två månader" in said[0] and "augusti" not in said[0], answer.text
