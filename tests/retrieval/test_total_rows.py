"""A question about a total ("samlade investeringsbudget", "in total") is answered by the table's
total row, not by one of the rows it sums nor by a sentence about one project. The PDF is made by
the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat

pytestmark = pytest.mark.slow

PAGES = [
    [
        "# Investeringsbudget 2027-2029",
        "Kultur- och fritidsnämnden äskar investeringsmedel enligt tabellen nedan, i tkr.",
        [
            ["Projekt", "2027", "2028", "2029"],
            ["Nytt bad i Norrby", "22 000", "5 000", "0"],
            ["Konstgräsplan Söder", "9 300", "0", "0"],
            ["Reinvesteringar", "1 200", "1 200", "1 200"],
            ["Summa investeringsbudget", "32 500", "6 200", "1 200"],
        ],
        "Det nya badet i Norrby är nämndens största investering och budgeten för 2027 är 22 000 tkr.",
    ],
]
OTHER = [
    [
        "# Personal",
        "Antalet anställda i förvaltningen är 1 240.",
        "Sjukfrånvaron var 6 procent, en stor minskning mot året innan.",
        "# Arbetsmiljö",
        "Den samlade bedömningen är att arbetsmiljön är god.",
        "# Kompetens",
        "Förvaltningen har ett stort behov av att rekrytera lärare de kommande åren.",
        "# Lokaler",
        "Lokalerna i Söder behöver renoveras och en utredning pågår.",
    ]
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "total-rows",
        {
            "investeringar.pdf": ("Investeringsbudget kultur- och fritidsnämnden", PAGES),
            "personal.pdf": ("Personalbokslut", OTHER),
        },
    )


@pytest.mark.parametrize(
    "question",
    [
        "Vilken är kultur- och fritidsnämndens samlade investeringsbudget för 2027?",
        "What is the culture and leisure committee's total investment budget for 2027?",
    ],
)
def test_the_total_row_answers_a_question_about_the_total(svc: Planchat, question: str) -> None:
    answer = svc.ask(question)
    assert answer.answered, answer.text
    assert "32 500" in answer.text, answer.text
