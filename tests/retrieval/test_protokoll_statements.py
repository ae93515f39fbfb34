"""A protokoll's § gives the body's decision under "Beslut" and, beside it, what members add under
their own headings ("Protokollsanteckning", "Reservation"). Asked what was decided, planchat quotes
the decision, not a member's note that repeats the question's words; asked who made the note, it
quotes the note. The protokoll is made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

PAGES = [
    [
        "§ 55 Gjutaren 23, bygglov för nybyggnad av industribyggnad",
        "Ärendebeskrivning",
        "Ärendet avser ansökan om bygglov för nybyggnad av industribyggnad på fastigheten Gjutaren 23.",
        "Beslut",
        "Bygglov beviljas med stöd av 9 kap. 30 § plan- och bygglagen. Avgiften är 73 500 kronor.",
        "Protokollsanteckning",
        "Sebastian Ek (S) och Linda Berg (S) lämnar följande protokollsanteckning: Vi har valt att "
        "tillstyrka beslutet om bygglov för Gjutaren 23 trots att byggnadshöjden i ritningarna är "
        "otydlig för oss som beslutsfattare.",
        "Expedieras till",
        "Sökanden, Räddningstjänsten.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "statements", {"protokoll.pdf": ("Bygg- och miljönämndens protokoll 2026-06-16", PAGES)}
    )


@pytest.mark.parametrize(
    "question",
    [
        "Vad beslutade bygg- och miljönämnden om bygglovet för Gjutaren 23?",
        "What was decided about the building permit for Gjutaren 23?",
        # A proposal is what a decision is made on, not a member's statement.
        "What did the bygg- och miljönämnd decide on the proposal for a building permit for Gjutaren 23?",
    ],
)
def test_asked_what_was_decided_the_decision_is_quoted_not_a_members_note(
    svc: Planchat, question: str
) -> None:
    answer = svc.ask(question)
    said = " ".join(quotes(answer.text))
    assert answer.answered and "beviljas" in said, answer.text
    assert "protokollsanteckning" not in said.lower(), answer.text


def test_asked_who_made_the_note_the_note_is_quoted(svc: Planchat) -> None:
    # Near miss: a question about the note itself is answered from it.
    answer = svc.ask("Vilka lämnade en protokollsanteckning till beslutet om bygglovet för Gjutaren 23?")
    assert answer.answered and "Sebastian Ek" in " ".join(quotes(answer.text)), answer.text
