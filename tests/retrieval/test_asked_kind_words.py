"""Words that look like a kind of value asked for and are not, and values written the way legal
texts write them. A report made by the test holds each answer; each test asks as a user would:

- "fem (5) år" is a span of time, its figure repeated in brackets as agreements write it;
- "address" as an English verb ("… address its recommendations") asks for no street address;
- "the minutes of 16 June 2026" give a date: June is not the month the day is asked in.
"""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

PAGES = [
    [
        "# Loggning",
        "Loggar ska sparas och får gallras först fem (5) år efter loggningstillfället, om inte annat "
        "anges i instruktionen.",
        "# Granskningens rekommendationer",
        "Rekommendationer lämnas till kommunstyrelsen och miljönämnden.",
    ],
    [
        "# Riktlinjer för serveringstillstånd",
        "Nämnden beslutade vid sitt sammanträde den 16 juni 2026 att godkänna de reviderade riktlinjerna.",
        "Riktlinjerna för serveringstillstånd gäller från och med den 1 juli 2026.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports("kind-words", {"granskning.pdf": ("Granskning av tillsynen 2026", PAGES)})


def test_a_span_with_its_figure_in_brackets_answers_how_long(svc: Planchat) -> None:
    answer = svc.ask("Hur länge ska loggarna sparas innan de får gallras?")
    assert answer.answered, answer.text
    assert "fem (5) år" in quotes(answer.text)[0]


def test_address_as_a_verb_asks_for_no_street(svc: Planchat) -> None:
    answer = svc.ask("To which bodies does the review address its recommendations?")
    assert answer.answered, answer.text
    assert "kommunstyrelsen och miljönämnden" in quotes(answer.text)[0]


def test_the_month_of_a_date_the_question_gives_is_not_the_month_asked(svc: Planchat) -> None:
    answer = svc.ask(
        "From what date do the guidelines for serving permits apply, according to the minutes of "
        "16 June 2026?"
    )
    assert answer.answered, answer.text
    assert "1 juli 2026" in quotes(answer.text)[0]


def test_a_day_asked_in_a_month_still_needs_that_month(svc: Planchat) -> None:
    # The month named on its own is the month asked about: the text gives no day in August.
    answer = svc.ask("Vilket datum i augusti 2026 börjar riktlinjerna för serveringstillstånd gälla?")
    assert not answer.answered, answer.text
