"""A sentence that sends the reader to another document ("Läs mer om granskningen i
revisionsrapporten …, 2023-02-21, samt i …") names a report, its date and the bodies it covers, but
says nothing of what the report found: it answers where to read more, not a question about the
matter. A report summary made by the test ends with such a sentence, as audit summaries do."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

PAGES = [
    [
        "# Granskning av skyfallshanteringen",
        "Stadsrevisionen har granskat om kommunstyrelsen och kretsloppsnämnden har säkerställt en "
        "ändamålsenlig styrning av arbetet med skyfall.",
        "# Bedömning",
        "Stadsrevisionen bedömer att ansvaret för skyfallsarbetet är otydligt fördelat mellan nämnderna.",
        "# Mer om granskningen",
        "Läs mer om granskningen i revisionsrapporten Styrning av arbetet med skyfall, 2023-02-21, "
        "samt i revisionsredogörelserna för kommunstyrelsen och kretsloppsnämnden.",
    ]
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports("referral", {"sammandrag.pdf": ("Rapportsammandrag skyfall", PAGES)})


def test_a_referral_gives_no_date_for_the_matter(svc: Planchat) -> None:
    # The date in the referral is the report's; no date for a reply is given.
    answer = svc.ask("By what date must kommunstyrelsen reply about the review of skyfall?")
    assert not answer.answered, answer.text


def test_a_referral_answers_where_to_read_more(svc: Planchat) -> None:
    answer = svc.ask("I vilken rapport kan man läsa mer om granskningen av skyfall?")
    assert answer.answered, answer.text
    assert "revisionsrapporten Styrning av arbetet med skyfall" in quotes(answer.text)[0]
