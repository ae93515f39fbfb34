"""A question names a document by the one word of its title ("… enligt avfallstaxan" for
"Avfallstaxa 2027"): every passage of that document is read with its title, as for a title the
question names by two or more words. The PDFs are made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

TAXA = [
    [
        "# Avgifter för hushåll",
        "Avgifterna gäller från 1 januari 2027 och beslutas av kommunfullmäktige.",
        "# 3.1 Grundavgift",
        "Grundavgiften täcker kostnader för återvinningscentraler, miljöstationer och information.",
        "För en villa är avgiften 2 498 kronor och för ett fritidshus 1 748 kronor.",
    ],
]
PLAN_A = [
    [
        "# Handlingsplan för trygghet",
        "Kommunen ska öka tryggheten i centrum under 2027 genom fler vuxna på stan.",
    ]
]
PLAN_B = [
    [
        "# Handlingsplan för klimat",
        "Kommunen ska minska utsläppen från tjänsteresor med 20 procent till 2027.",
    ]
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "one-word-titles",
        {
            "taxa.pdf": ("Avfallstaxa 2027", TAXA),
            "trygghet.pdf": ("Handlingsplan 2027", PLAN_A),
            "klimat.pdf": ("Handlingsplan för klimat 2027", PLAN_B),
        },
    )


@pytest.mark.parametrize(
    "question",
    [
        "Vad är grundavgiften för en villa enligt avfallstaxan?",
        "Vilken grundavgift betalar en villa enligt avfallstaxan?",
    ],
)
def test_the_one_word_of_a_title_names_the_document(svc: Planchat, question: str) -> None:
    answer = svc.ask(question)
    assert answer.answered, answer.text
    assert "2 498 kronor" in quotes(answer.text)[0], answer.text
