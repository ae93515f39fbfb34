"""Tables that number their rows (a delegationsordning, an investment list) with cells wrapped
onto several lines: a line without a number is the row above continued, so a row is read whole
("2.38 … Delegat: ADM upp till 30 000 kr"), while a sum row without a number stays a row of its
own, and a short numbered table of text is read row by row, not column by column. A table whose
introducing sentence names its unit ("investeringar i tkr") holds money; one of counts does not.
The PDF is made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests import pdfgen

pytestmark = pytest.mark.slow

DELEGATION = [
    ["Nr", "Lagrum", "Ärendegrupp", "Delegat", "Anmärkning"],
    [
        "2.37",
        "FB 14:6",
        "Besluta om samtycke till placering\nav den enskildes tillgångar i aktier",
        "ÖH upp till\n300 000 kr",
        "Beslut över 300 000 kr fattas\nav nämnd eller ordförande",
    ],
    [
        "2.38",
        "FB 14:8",
        "Besluta om samtycke till god man\neller förvaltare att ta ut pengar\nfrån spärrat konto",
        "ADM upp till\n30 000 kr",
        "Anmälan",
    ],
    ["2.39", "FB 14:10", "Beslut om undantag från\nbestämmelserna i FB 14", "ÖH", "Anmälan"],
]

GOD_MAN = [
    ["Nr", "Lagrum", "Ärendegrupp", "Delegat", "Anmärkning"],
    ["3.1", "LeB 2 §", "Beslut att förordna god man för ensamkommande barn", "ÖH", ""],
    ["3.2", "LeB 5 §", "Besluta om upphörande av godmanskap", "ÖH", ""],
    ["3.3", "LeB 6 §", "Besluta om entledigande av god man", "OF", "Brådskande ärenden"],
]

INVESTMENTS = [
    ["Nr", "Projekt", "Budget 2027", "Plan 2028"],
    ["16", "Kompaktsystem och\nentresolvåning i arkivet", "300", "500"],
    ["17", "Kulturbuss för\nlandsbygden", "0", "3 000"],
    ["18", "Konstgräsplan vid\nidrottsplatsen", "4 200", "0"],
    ["", "Summa investeringar", "4 500", "3 500"],
]

PAGES = [
    [
        "# Delegationsordning för överförmyndarnämnden",
        "Delegaterna får besluta i följande ärenden enligt föräldrabalken (FB).",
        DELEGATION,
    ],
    [
        "# Lag om god man för ensamkommande barn",
        "Följande ärenden enligt lagen om god man för ensamkommande barn (LeB) delegeras.",
        GOD_MAN,
    ],
    [
        "# Investeringsäskande",
        "Nämnden äskar följande investeringar i tkr för budgetåret 2027 och planperioden.",
        INVESTMENTS,
    ],
    [
        "# Platser",
        "Tabellen visar antalet platser per anläggning under planperioden.",
        [["Anläggning", "2027", "2028"], ["Kulturhuset", "120", "140"], ["Sporthallen", "300", "320"]],
    ],
]


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory, service_over) -> Planchat:  # type: ignore[no-untyped-def]
    src = tmp_path_factory.mktemp("numbered-tables-src")
    pdfgen.make_report_pdf(
        src / "delegationsordning.pdf",
        pages=PAGES,
        title="Delegationsordning och investeringar 2027",
        standard_fonts=True,
        table_valign="TOP",  # a row's number stands on its first line, as in a word processor
    )
    return service_over(src)


def test_a_wrapped_row_is_read_whole(svc: Planchat) -> None:
    answer = svc.ask("Upp till vilket belopp får ADM besluta om uttag från spärrat konto?")
    assert answer.answered, answer.text
    assert "30 000" in answer.text
    assert answer.citations[0].passage.page == 1
    # The row's own words stand with its amount, not the row below's.
    quote = answer.citations[0].quote
    assert "spärrat konto" in quote and "30 000" in quote, quote
    assert "FB 14:10" not in quote, quote


def test_a_short_numbered_table_is_read_row_by_row(svc: Planchat) -> None:
    hits = svc.search("Vem är delegat för beslut att förordna god man för ensamkommande barn?", k=3)
    rows = [line for h in hits for line in h.passage.text.split("\n") if "förordna god man" in line]
    assert rows, [h.passage.text for h in hits]
    # The matter and its delegate in one row ("3.1 … Ärendegrupp: Beslut att förordna … Delegat: ÖH").
    assert any("3.1" in r and "Delegat: ÖH" in r for r in rows), rows


def test_a_sum_without_a_number_stays_a_row_of_its_own(svc: Planchat) -> None:
    # The sum stands below row 18 with no number of its own; joined to it, the row would read
    # "Konstgräsplan vid idrottsplatsen Summa investeringar Budget 2027: 4 200 4 500".
    answer = svc.ask("Hur mycket tas upp i budget 2027 för konstgräsplanen vid idrottsplatsen?")
    assert answer.answered, answer.text
    assert "4 200" in answer.text
    assert "4 500" not in answer.text, answer.text


def test_a_table_whose_lead_names_its_unit_holds_money(svc: Planchat) -> None:
    # "Hur stor …?" asks for money; the unit stands in the sentence that introduces the table.
    total = svc.ask("Hur stor är summa investeringar i budget 2027?")
    assert total.answered, total.text
    assert "4 500" in total.text


def test_a_table_of_counts_is_no_money(svc: Planchat) -> None:
    # Its lead names no unit: 140 places are no cost.
    answer = svc.ask("Hur mycket kostar Kulturhuset 2028?")
    assert "140" not in answer.text, answer.text
