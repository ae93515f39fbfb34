"""A passage that holds the question's words only scattered over its sentences, none of which says
much of what is asked, does not answer: the answer is withheld rather than a sentence read out that
states another thing. The sentence that does say it is still the answer. The PDF is made by the
test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat

pytestmark = pytest.mark.slow

PAGES = [
    [
        "# Rivning och bygglov i Kvarnby",
        "Nämnden handlägger ärenden om rivningslov.",
        "Avgifter tas ut enligt kommunens taxa.",
        "Ärenden i Kvarnby har ökat under året.",
        "Bygglov för nybyggnad av ett enbostadshus kostar 23 000 kronor.",
    ],
]
OTHER = [["# Personal", "Antalet anställda i förvaltningen är 1 240.", "Sjukfrånvaron var 6 procent."]]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "scattered", {"taxa.pdf": ("Bygglovstaxa", PAGES), "personal.pdf": ("Personalbokslut", OTHER)}
    )


def test_scattered_words_do_not_answer(svc: Planchat) -> None:
    answer = svc.ask("Hur stor är avgiften för rivningslov i Kvarnby?")
    assert not answer.answered, answer.text


def test_the_sentence_that_says_it_answers(svc: Planchat) -> None:
    answer = svc.ask("Vad kostar bygglov för nybyggnad av ett enbostadshus i Kvarnby?")
    assert answer.answered, answer.text
    assert "23 000 kronor" in answer.text, answer.text
    assert "23 000" in answer.text, answer.text
