"""A passage the re-ranker lifted from below the passages the answer step reads answers only when
it holds most of the question. When it holds the best sentence but too little of the question,
the answer is uncertain: the step withholds rather than read out a weaker sentence from another
passage (here another fee, for another kind of house). The PDF is made by the test; the hits are
the search's own, with the lifted mark set on the passage that holds the best sentence."""

from __future__ import annotations

import dataclasses

import pytest

from retrieval.answer import answer_passages
from retrieval.service import Planchat

pytestmark = pytest.mark.slow

PAGES = [
    [
        "# Bygglov i Kvarnby",
        "Bygglov för nybyggnad av ett enbostadshus i Kvarnby kostar 12 000 kronor.",
        "# Fritidshus",
        "I Kvarnby tas en avgift för bygglov för fritidshus ut med 8 000 kronor enligt taxan.",
        "# Personal",
        "Antalet anställda i förvaltningen är 1 240.",
        "Sjukfrånvaron var 6 procent, en stor minskning mot året innan.",
        "# Strandskydd",
        "Avgiften för strandskyddsdispens tas ut per timme.",
    ]
]
QUESTION = "Vad är avgiften för bygglov för ett enbostadshus i Kvarnby?"


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports("promoted", {"taxa.pdf": ("Bygglovstaxa", PAGES)})


def _answer(svc: Planchat, lifted: bool):  # -> Answer
    ctx = svc.context(QUESTION)
    hits = [
        dataclasses.replace(h, promoted=lifted and "12 000" in h.passage.text)
        for h in svc.search(QUESTION, 7)
    ]
    assert any("12 000" in h.passage.text for h in hits)
    return answer_passages(ctx, hits)


def test_the_passage_read_in_order_answers(svc: Planchat) -> None:
    answer = _answer(svc, lifted=False)
    assert answer.answered and "12 000" in answer.text, answer.text


def test_a_lifted_passage_holding_too_little_is_not_replaced_by_a_weaker_sentence(svc: Planchat) -> None:
    answer = _answer(svc, lifted=True)
    assert not answer.answered, answer.text  # not "8 000 kronor" for a fritidshus
