"""English questions in the everyday words of elections, agreements, sport and planning ("turnout",
"re-election", "notice period", "sports club", "gross floor area") find the Swedish passage that
says it ("valdeltagandet i omvalet", "uppsägningstiden", "idrottsföreningen", "bruttoarea"): the
glossary knows them. What the documents do not say is still withheld.
The PDF is made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat

PAGES = [
    [
        "# Omvalet till regionfullmäktige",
        "Valdeltagandet i omvalet till regionfullmäktige blev 44 procent, mot 81 procent i det ordinarie valet.",
        "Omvalet hölls den 15 maj och genomfördes i samtliga valkretsar i regionen.",
    ],
    [
        "# Avtal med idrottsföreningen",
        "Kommunen hyr ut ishallen till idrottsföreningen under säsongen september till mars.",
        "Uppsägningstiden för avtalet är tre månader för båda parter.",
        "Avtalet gäller från och med den 1 september.",
    ],
    [
        "# Detaljplanens genomförande",
        "Planen medger en förskola med 37 parkeringsplatser och en ny infart från Nolhagavägen.",
        "Förskolans bruttoarea blir 1 267 kvm fördelat på två våningar.",
        "Genomförandetiden är fem år från den dag planen vinner laga kraft.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports("general-words", {"rapport.pdf": ("Årsrapport 2025", PAGES)})


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("What was the turnout in the re-election to the regional council?", "44 procent"),
        ("What notice period applies to the agreement with the sports club?", "tre månader"),
        ("What gross floor area will the preschool have under the detailed plan?", "1 267"),
    ],
)
def test_everyday_english_words_find_the_swedish_passage(svc: Planchat, question: str, fact: str) -> None:
    answer = svc.ask(question)
    assert answer.answered, answer.text
    assert fact in answer.text, answer.text


@pytest.mark.slow
def test_what_the_documents_do_not_say_is_withheld(svc: Planchat) -> None:
    # Near miss: the agreement's notice period is there, a lease fee is not.
    answer = svc.ask("What rent does the sports club pay for the ice rink per season?")
    assert not answer.answered, answer.text
