"""A statute's number ("TSFS 2024:57", "lagen (1976:206)") is no year: a question that names the
regulation it asks about does not ask for that year's figures, and a sentence that cites an older
statute ("upphävs … (TSFS 2012:115)") does not give another year's value. The PDF is made by the
test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat

pytestmark = pytest.mark.slow

PAGES = [
    [
        "# Transportstyrelsens föreskrifter (TSFS 2024:57) om felparkeringsavgift",
        "Dessa föreskrifter meddelas med stöd av förordningen (1976:1128) om felparkeringsavgift.",
        "# Betalning",
        "Felparkeringsavgiften ska vara betald inom 21 dagar från beslutet om erinran.",
        "# Ikraftträdande",
        "Denna författning träder i kraft den 1 november 2024.",
        "Genom författningen upphävs Transportstyrelsens föreskrifter (TSFS 2012:115) om "
        "parkeringsanmärkningar.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "statute-numbers", {"tsfs.pdf": ("Transportstyrelsens föreskrifter om felparkeringsavgift", PAGES)}
    )


def test_an_older_statute_cited_is_no_other_year(svc: Planchat) -> None:
    answer = svc.ask("När träder TSFS 2024:57 i kraft, och vilka äldre föreskrifter upphävs?")
    assert answer.answered, answer.text
    assert "1 november 2024" in answer.text, answer.text
    assert "TSFS 2012:115" in answer.text, answer.text


def test_a_year_asked_still_chooses(svc: Planchat) -> None:
    # A year the question does ask about is still looked for: no passage gives one for 2019.
    answer = svc.ask("Inom hur många dagar skulle felparkeringsavgiften vara betald 2019?")
    assert not answer.answered, answer.text
