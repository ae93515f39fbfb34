"""A count is news: a sentence that answers "Hur många …?" with a number word ("för tio privata
utförare") is no echo of the question, and "Hur många privata utförare …?" counts utförare, so
"nio utförare hade avvikelser" answers its second part. A verb after the counted word ("Hur många
förtroendevalda svarade …?") is not what is counted. The PDFs are made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

REVIEW = [
    [
        "# Granskning av kontroll och uppföljning av privata utförare i Norrby stad",
        "Revisionskontoret har tagit del av utförarrapporterna för tio privata utförare av hemtjänst.",
        "Rapporterna visade att nio utförare hade avvikelser och att förvaltningen ställt krav på åtgärdsplaner.",
        "# Metod",
        "I granskningen konkretiseras syftet i tre revisionsfrågor om ansvar, riskhantering och uppföljning.",
        "Revisionskontorets enkät riktades till förtroendevalda och tjänstepersoner i nämnderna.",
        "Sammanlagt 40 tjänstepersoner svarade på revisionskontorets enkät.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "counted-things", {"granskning.pdf": ("Granskning av privata utförare", REVIEW)}
    )


def test_a_count_in_words_answers_both_parts(svc: Planchat) -> None:
    answer = svc.ask(
        "Hur många privata utförare av hemtjänst tog revisionskontoret del av utförarrapporter för, "
        "och hur många av dem hade avvikelser?"
    )
    assert answer.answered, answer.text
    said = " ".join(quotes(answer.text))
    assert "tio privata utförare" in said and "nio utförare" in said, answer.text


def test_a_verb_after_the_counted_word_counts_nothing(svc: Planchat) -> None:
    answer = svc.ask("Hur många förtroendevalda svarade på revisionskontorets enkät i granskningen?")
    assert not answer.answered, answer.text
