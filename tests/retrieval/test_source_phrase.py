"""A question often names its source after "enligt" / "according to" ("… enligt Exempelverkets
föreskrifter EVFS 2025:12"). Those words pick the document; they do not say what is asked. A
regulation's title block on page 1 repeats them all, and must not be read out in place of the
paragraph that answers. (An English question's source phrase is read as written: its names and
numbers; the glossary's translations of the rest measured worse.) The PDFs are made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

REGULATION = [
    [
        "# Exempelverkets författningssamling",
        "Exempelverkets föreskrifter EVFS 2025:12 om tillsynsanmärkningar vid kontroll av "
        "markupplåtelser; beslutade den 28 augusti 2025.",
        "Exempelverket föreskriver följande med stöd av 14 § förordningen (2024:310) om tillsyn.",
    ],
    [
        "# Allmänna bestämmelser",
        "1 § Dessa föreskrifter gäller för kommuner som upplåter allmän platsmark till "
        "uteserveringar, byggetableringar och evenemang.",
        "2 § En tillsynsanmärkning lämnas skriftligen till den som fått upplåtelsen, på plats "
        "eller med brev till den adress som uppgetts i ansökan.",
    ],
    [
        "# Anmärkningens uppgifter",
        "3 § Tillsynsanmärkningen ska innehålla information om hur innehavaren kan begära "
        "omprövning och hur ett beslut om avgift kan överklagas.",
        "4 § Kommunen ska spara en kopia av varje anmärkning i två år.",
    ],
]

ANNUAL = [
    [
        "# Exempelverkets årsredovisning 2025",
        "Exempelverket arbetade under 2025 med nya föreskrifter om upplåtelse av allmän platsmark.",
        "Antalet tillsynsärenden ökade med 12 procent jämfört med 2024.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "source-phrase",
        {
            "evfs-2025-12.pdf": ("Exempelverkets författningssamling", REGULATION),
            "arsredovisning.pdf": ("Exempelverkets årsredovisning 2025", ANNUAL),
        },
    )


def test_the_paragraph_answers_not_the_title_block(svc: Planchat) -> None:
    answer = svc.ask(
        "Vad ska en tillsynsanmärkning innehålla enligt Exempelverkets föreskrifter EVFS 2025:12?"
    )
    assert answer.answered, answer.text
    first = quotes(answer.text)[0]
    assert "omprövning" in first, answer.text
    assert ", s. 3:" in answer.text, answer.text  # the answer's page, not the title block's
