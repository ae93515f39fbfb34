"""A question that says where to read ("enligt årsredovisningen 2023", "according to its annual
report for 2023") names that report's year, not the year whose value it asks for, when it names
another year outside that clause. "What was the sick-leave rate in 2021, according to the annual
report for 2023?" is not answered by the 2023 or 2022 rate; a year the report gives is answered. The
PDFs are made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

REPORT = [
    [
        "# Revisionskontorets årsrapport 2023",
        "Revisionskontoret i Norrby granskar nämndernas och bolagens verksamhet.",
        "# Medarbetare",
        "Den totala sjukfrånvaron på revisionskontoret minskade och låg under 2023 på 1,5 % jämfört "
        "med 2,8 % under 2022.",
    ],
    [
        "# Ekonomi",
        "Revisionskontoret har fått ett kommunbidrag om 39 900 tkr för verksamhetsåret 2023.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "source_years", {"arsrapport.pdf": ("Revisionskontorets årsrapport 2023", REPORT)}
    )


def test_a_year_the_report_does_not_give_is_not_answered_by_the_reports_own_year(svc: Planchat) -> None:
    answer = svc.ask("Vilken sjukfrånvaro hade revisionskontoret 2021 enligt årsrapporten 2023?")
    assert not answer.answered, answer.text
    answer = svc.ask(
        "What was the sick leave at the revisionskontor in 2021, according to its annual report for 2023?"
    )
    assert not answer.answered, answer.text


def test_a_year_the_report_gives_is_answered(svc: Planchat) -> None:
    answer = svc.ask("Vilken sjukfrånvaro hade revisionskontoret 2022 enligt årsrapporten 2023?")
    assert answer.answered, answer.text
    assert "2,8 %" in " ".join(quotes(answer.text)), answer.text


def test_the_reports_year_alone_is_the_year_asked(svc: Planchat) -> None:
    answer = svc.ask("Vilket kommunbidrag fick revisionskontoret enligt årsrapporten 2023?")
    assert answer.answered, answer.text
    assert "39 900 tkr" in " ".join(quotes(answer.text)), answer.text
