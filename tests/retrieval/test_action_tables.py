"""An action plan whose numbered measures each carry a small table of who does what by when
(Förvaltning/Bolag | Ansvarig | Tidsplan), most of its cells empty, as municipal action plans set
them. The PDF is made by the test; each question asks as a user would and checks the answer, the
measure it is read under and its page."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests import pdfgen

pytestmark = pytest.mark.slow

HEAD = ["Förvaltning/Bolag", "Ansvarig", "Tidsplan"]
PAGES: list[list[str | list[list[str]]]] = [
    [
        "# Handlingsplan för klimat och energi",
        "Handlingsplanen gäller för hela kommunkoncernen och följs upp varje år av kommunstyrelsen.",
        "# 2 Transporter",
        "2.1 Revidera kommunens policy för resor",
        "Kommunens policy för resor och transporter från 2016 behöver revideras och förnyas.",
        [
            HEAD,
            ["Kommunledningsförv", "Miljösamordnare", "30 juni 2024"],
            ["Kultur- och fritidsförv.", "Genom KLF", ""],
            ["Miljöförbundet", "", ""],
            ["Bostadsbolaget AB", "VD", ""],
            ["Socialförvaltningen", "Genom KLF", ""],
        ],
    ],
    [
        "2.2 ”lånecyklar” pendelprojekt",
        "Genomför ett pendelprojekt genom att låna ut elcyklar till personalen för att prova på att "
        "pendla med elcykel.",
        [
            HEAD,
            ["Kommunledningsförv", "Miljösamordnare", "31 dec 2022"],
            ["Miljöförbundet", "", ""],
            ["Bostadsbolaget AB", "HR-chef", ""],
            ["Socialförvaltningen", "Genom KLF", ""],
            ["Utbildningsförvaltningen", "Genom KLF", "31 mars 2025"],
        ],
        "2.3 Samordna varutransporter",
        "Utred en samordnad varudistribution inom kommunens verksamheter.",
        [
            HEAD,
            ["Kommunledningsförv", "Upphandlingschef", "31 dec 2026"],
            ["Miljöförbundet", "", ""],
            ["Utbildningsförvaltningen", "Genom KLF", ""],
        ],
    ],
]


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory, service_over) -> Planchat:  # type: ignore[no-untyped-def]
    src = tmp_path_factory.mktemp("action-tables-src")
    pdfgen.make_report_pdf(
        src / "klimat-handlingsplan.pdf",
        pages=PAGES,
        header="Handlingsplan för klimat och energi",
        standard_fonts=True,
    )
    return service_over(src)


def test_the_measures_table_is_read_under_its_measure(svc: Planchat) -> None:
    hits = svc.search("pendelprojekt lånecyklar Utbildningsförvaltningen tidsplan", 3)
    row = next(h for h in hits if "31 mars 2025" in h.passage.text)
    assert row.passage.page == 2
    assert "lånecyklar" in row.passage.section  # the measure heading opens with a quote
    # The row keeps its cells with their columns; an empty row stays a row, not a heading.
    assert "Utbildningsförvaltningen Ansvarig: Genom KLF Tidsplan: 31 mars 2025" in row.passage.text
    assert "Miljöförbundet" not in row.passage.section


def test_who_is_responsible_for_a_measure_is_read_from_its_table(svc: Planchat) -> None:
    answer = svc.ask("Vem i kommunledningsförvaltningen ansvarar för samordningen av varutransporter?")
    assert answer.answered, answer.text
    assert "Upphandlingschef" in answer.text
    assert answer.citations[0].passage.page == 2


def test_a_deadline_is_read_from_the_measures_table(svc: Planchat) -> None:
    answer = svc.ask("När ska utbildningsförvaltningen ha genomfört pendelprojektet med lånecyklar?")
    assert answer.answered, answer.text
    assert "31 mars 2025" in answer.text
    assert answer.citations[0].passage.page == 2


def test_a_table_row_is_read_with_the_paragraph_that_introduces_it(svc: Planchat) -> None:
    # The question's words stand only in the paragraph above the table, not in its rows.
    answer = svc.ask("Vem på bostadsbolaget ansvarar för att personalen ska få låna elcyklar för att pendla?")
    assert answer.answered, answer.text
    assert "HR-chef" in answer.text
    assert answer.citations[0].passage.page == 2
