"""Money parsing and money-fact extraction (ingest/amounts.py)."""

from __future__ import annotations

import pytest

from ingest.amounts import (
    MoneyMatch,
    extract_amounts,
    find_money,
    format_kr,
    normalise_number_text,
    year_for,
)
from ingest.models import Amount, Document, Passage


def _doc(years: list[int] | None = None) -> Document:
    return Document(
        doc_id="doc1",
        title="Rapportering stimulansmedel",
        source="x.txt",
        kind="tjänsteskrivelse",
        organisation="Malmö stad",
        diarienummer=None,
        date=None,
        years=[2019, 2020] if years is None else years,
        pages=None,
        sha256="0" * 64,
    )


def _table_text(cells: list[list[str]]) -> str:
    """A table passage's text as the splitter writes it: one line per row, bold marks dropped."""
    return "\n".join(" ".join(c.replace("**", "") for c in row) for row in cells)


def _passage(
    text: str,
    kind: str = "prose",
    section: str = "",
    cells: list[list[str]] | None = None,
    pid: str = "doc1-0001",
) -> Passage:
    return Passage(
        passage_id=pid, doc_id="doc1", text=text, page=None, section=section, years=[], kind=kind, cells=cells
    )


# --------------------------------------------------------------------------------------------
# find_money
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "raw"),
    [
        ("5 409 000 kr", 5_409_000, "5 409 000 kr"),
        ("Beloppet är 11 608 737 kronor i år", 11_608_737, "11 608 737 kronor"),
        ("2 miljoner kronor", 2_000_000, "2 miljoner kronor"),
        ("1 miljon kronor", 1_000_000, "1 miljon kronor"),
        ("1,5 miljoner kr", 1_500_000, "1,5 miljoner kr"),
        ("2,5 mnkr", 2_500_000, "2,5 mnkr"),
        ("300 tkr", 300_000, "300 tkr"),
        ("1 200 tkr", 1_200_000, "1 200 tkr"),
        ("3 mkr", 3_000_000, "3 mkr"),
        ("3 Mkr", 3_000_000, "3 Mkr"),
        ("4 MSEK", 4_000_000, "4 MSEK"),
        ("500 SEK", 500, "500 SEK"),
        ("12 500:-", 12_500, "12 500:-"),
        ("5.409.000 kr", 5_409_000, "5.409.000 kr"),
        ("5\u00a0409\u00a0000 kr", 5_409_000, "5\u00a0409\u00a0000 kr"),
        ("5\u202f409\u202f000 kronor", 5_409_000, "5\u202f409\u202f000 kronor"),
        ("1 250,50 kr", 1_251, "1 250,50 kr"),  # half up, not banker's rounding
        ("1 250,49 kr", 1_250, "1 250,49 kr"),
        ("2 miljarder kronor", 2_000_000_000, "2 miljarder kronor"),
        ("Underskott -500 tkr", -500_000, "-500 tkr"),
        ("kostade 5 000 kr.", 5_000, "5 000 kr"),  # the full stop is not part of the amount
        ("Det kostar 500,- per person", 500, "500,-"),
        ("under 2019 650 000 kr", 650_000, "650 000 kr"),  # the year is not glued on
    ],
)
def test_find_money_formats(text: str, value: int, raw: str) -> None:
    found = find_money(text)
    assert [(m.value, m.raw, m.explicit_unit) for m in found] == [(value, raw, True)]
    m = found[0]
    assert text[m.start : m.end] == raw


def test_find_money_is_frozen_dataclass_with_offsets() -> None:
    text = "FSF tilldelades 790 000 kronor för finansiering"
    (m,) = find_money(text)
    assert m == MoneyMatch(value=790_000, start=16, end=30, raw="790 000 kronor", explicit_unit=True)
    with pytest.raises(AttributeError):
        m.value = 1  # type: ignore[misc]


def test_find_money_several_in_one_sentence() -> None:
    text = "att 2 miljoner kronor av PRIO-medel från 2013 avsätts och att 1 miljon kronor avsätts"
    assert [m.value for m in find_money(text)] == [2_000_000, 1_000_000]


@pytest.mark.parametrize(
    "text",
    [
        "2019",
        "år 2020",
        "handlingsplanerna upprättade 2016–2018",
        "2019-12-18",
        "beslutades av regeringen den 19 juni 2019",
        "sedan 2017-05-01 har nämnden ansvar",
        "ASN-2019-10547",
        "FSN-2019-2728",
        "(STK-2017-92)",
        "KS-2025-00512",
        "Att ca 10 % av Malmö",
        "Att 70 procent av alla",
        "0,6 procent av",
        "160 medarbetare",
        "ca 270 medarbetare",
        "1 200 medarbetare",
        "Totalt deltog 60 personer",
        "853 personer",
        "12 utbildningar",
        "klockan 13.00 - 18.00",
        "SOFS 2011:9",
        "Skånegemensam analys1 och handlingsplan2",
        "Sida 2 av 17",
        "Sida 1200",
        "2 miljoner invånare",
        "ASN presidieberedning 2019-12-04",
        "5 000–10 000 kr",  # a range: neither end is read alone
    ],
)
def test_not_money(text: str) -> None:
    assert find_money(text) == []
    assert find_money(text, bare_ok=True) == []


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("650 000", [650_000]),
        ("1 250 000", [1_250_000]),
        ("5409000", [5_409_000]),
        ("Totalt 5 409 000", [5_409_000]),
        ("2019 650 000", [650_000]),  # not 2 019 650 000
        ("Norr Bemanning av socialpsykiatriskt team. 650 000", [650_000]),
        ("Projekt 999", []),  # below 1 000
        ("Projekt 2019", []),  # a year
        ("650 000 700 000", []),  # two glued columns or one number? ambiguous: skipped
    ],
)
def test_find_money_bare_ok(text: str, values: list[int]) -> None:
    assert [m.value for m in find_money(text, bare_ok=True)] == values
    assert all(not m.explicit_unit for m in find_money(text, bare_ok=True))
    assert find_money(text) == []  # without bare_ok a bare number is never money


# --------------------------------------------------------------------------------------------
# format_kr / normalise_number_text
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [(5_409_000, "5 409 000 kr"), (650, "650 kr"), (1_000, "1 000 kr"), (-1_200, "-1 200 kr"), (0, "0 kr")],
)
def test_format_kr(value: int, text: str) -> None:
    assert format_kr(value) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5409000", "5409000"),
        ("5 409 000", "5409000"),
        ("5 409 000 kr", "5409000"),
        ("5\u00a0409\u00a0000 kronor", "5409000"),
        ("5.409.000 kr", "5409000"),
        ("12 500:-", "12500"),
        ("1 250,50 kr", "1250,50"),
        ("2019 650 000", "2019 650000"),
        ("Totalt  5 409 000\n", "Totalt 5409000"),
        ("300 tkr", "300 tkr"),
    ],
)
def test_normalise_number_text(text: str, expected: str) -> None:
    assert normalise_number_text(text) == expected


def test_normalise_number_text_finds_answer_number_in_passage() -> None:
    passage = "Arbetsmarknads- och socialnämnden tilldelas 5 409 000 kronor enligt överenskommelse"
    assert normalise_number_text("5 409 000 kr") in normalise_number_text(passage)
    assert normalise_number_text("5 490 000 kr") not in normalise_number_text(passage)


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------

ASF_TABLE = """Avdelning Aktivitet Belopp (kr)
Norr Bemanning av socialpsykiatriskt team. 650 000
Öster Bemanning av socialpsykiatriskt team. 650 000
Söder Bemanning av socialpsykiatriskt team. 650 000
Väster Bemanning av socialpsykiatriskt team. 650 000
Innerstaden Bemanning av socialpsykiatriskt team. 650 000
Innerstaden Unga-vuxna-mottagning 1 250 000
Social Resurs Specialpedagog på Kriscentrum boende 650 000
Strategiska Utbildningar Första hjälpen psykisk hälsa. 259 000
Totalt 5 409 000"""

ASF_SECTION = "Tjänsteskrivelse › Rapportering avseende förbrukade medel 2019"


def _by_value_label(amounts: list[Amount]) -> dict[tuple[int, str], Amount]:
    return {(a.value, a.label): a for a in amounts}


def test_pdf_table_rows_labels_who_and_total() -> None:
    amounts = extract_amounts(_doc(), [_passage(ASF_TABLE, kind="table", section=ASF_SECTION)])
    assert len(amounts) == 9
    rows = [(a.who, a.label, a.value) for a in amounts if not a.is_total]
    assert rows == [
        ("Norr", "Bemanning av socialpsykiatriskt team", 650_000),
        ("Öster", "Bemanning av socialpsykiatriskt team", 650_000),
        ("Söder", "Bemanning av socialpsykiatriskt team", 650_000),
        ("Väster", "Bemanning av socialpsykiatriskt team", 650_000),
        ("Innerstaden", "Bemanning av socialpsykiatriskt team", 650_000),
        ("Innerstaden", "Unga-vuxna-mottagning", 1_250_000),
        ("Social Resurs", "Specialpedagog på Kriscentrum boende", 650_000),
        ("Strategiska Utbildningar", "Första hjälpen psykisk hälsa", 259_000),
    ]
    (total,) = [a for a in amounts if a.is_total]
    assert (total.value, total.label, total.raw, total.check) == (5_409_000, "Totalt", "5 409 000", "ok")
    assert {a.table_id for a in amounts} == {"doc1-0001"}
    assert all(a.year == 2019 for a in amounts)  # from the section path
    assert all(a.check is None for a in amounts if not a.is_total)
    first = amounts[0]
    assert first.raw == "650 000"
    assert first.context == "Norr Bemanning av socialpsykiatriskt team. 650 000"
    assert (first.passage_id, first.doc_id) == ("doc1-0001", "doc1")


@pytest.mark.parametrize(
    ("row", "who", "label", "value"),
    [
        ("Väster Hemlöshetsteam 400 000", "Väster", "Hemlöshetsteam", 400_000),
        (
            "Södra Innerstaden Boendestöd för unga 120 000",
            "Södra Innerstaden",
            "Boendestöd för unga",
            120_000,
        ),
        (
            "Norr Bemanning av socialpsykiatriskt team. 650 000",
            "Norr",
            "Bemanning av socialpsykiatriskt team",
            650_000,
        ),
        (
            "Social Resurs Specialpedagog på Kriscentrum boende 650 000",
            "Social Resurs",
            "Specialpedagog på Kriscentrum boende",
            650_000,
        ),
        ("Öster Uppsökande arbete 1 100 000", "Öster", "Uppsökande arbete", 1_100_000),
    ],
)
def test_pdf_table_who_activity_split(row: str, who: str, label: str, value: int) -> None:
    text = f"Avdelning Aktivitet Belopp (kr)\n{row}"
    (a,) = extract_amounts(_doc(), [_passage(text, kind="table")])
    assert (a.who, a.label, a.value, a.is_total) == (who, label, value, False)


def test_markdown_table_with_cells() -> None:
    cells = [
        ["**Förvaltning**", "**Belopp (kr)**"],
        ["Arbetsmarknads- och socialförvaltningen", "5 409 000"],
        ["Funktionsstödsförvaltningen*", "6 199 000"],
        ["Totalt", "11 608 000"],
    ]
    text = _table_text(cells)
    section = "Tjänsteskrivelse › Ärendet › Fördelning av stimulansmedel i Malmö stad"
    lead = _passage(
        "Malmö stad har tilldelats 11 608 737 kronor i allmänna stimulansmedel för riktade insatser "
        "inom området psykisk hälsa 2019. Nedan rapporteras fördelningen av de statliga stimulansmedlen.",
        section=section,
        pid="doc1-0010",
    )
    table = _passage(text, kind="table", section=section, cells=cells, pid="doc1-0011")
    amounts = extract_amounts(_doc([2019, 2020]), [lead, table])
    rows = [a for a in amounts if a.table_id == "doc1-0011"]
    assert [(a.who, a.label, a.value, a.is_total) for a in rows] == [
        (
            "Arbetsmarknads- och socialförvaltningen",
            "Fördelning av stimulansmedel i Malmö stad",
            5_409_000,
            False,
        ),
        ("Funktionsstödsförvaltningen", "Fördelning av stimulansmedel i Malmö stad", 6_199_000, False),
        (None, "Totalt", 11_608_000, True),
    ]
    assert rows[-1].check == "ok"
    assert rows[1].context == "Funktionsstödsförvaltningen* 6 199 000"
    # The table's year comes from its lead-in paragraph (the section and document are ambiguous).
    assert [a.year for a in rows] == [2019, 2019, 2019]
    # The lead-in sentence is a prose fact of its own, not part of the table.
    (prose,) = [a for a in amounts if a.table_id is None]
    assert (prose.value, prose.who, prose.year) == (11_608_737, "Malmö stad", 2019)


def test_tab_separated_table_without_cells_is_split_on_tabs() -> None:
    text = "Förvaltning\tBelopp (tkr)\nFunktionsstödsförvaltningen\t300\nArbetsmarknads- och socialförvaltningen\t1 200\nSumma\t1 500"
    amounts = extract_amounts(_doc([2021]), [_passage(text, kind="table")])
    assert [(a.who, a.value, a.is_total) for a in amounts] == [
        ("Funktionsstödsförvaltningen", 300_000, False),  # the column is in tkr
        ("Arbetsmarknads- och socialförvaltningen", 1_200_000, False),
        (None, 1_500_000, True),
    ]
    assert amounts[-1].check == "ok"
    assert all(a.year == 2021 for a in amounts)  # the document's single year


def test_mismatching_total_names_both_numbers() -> None:
    cells = [
        ["Förvaltning", "Belopp (kr)"],
        ["Arbetsmarknads- och socialförvaltningen", "5 409 000"],
        ["Funktionsstödsförvaltningen", "6 196 000"],
        ["Totalt", "11 608 000"],
    ]
    text = _table_text(cells)
    amounts = extract_amounts(_doc(), [_passage(text, kind="table", cells=cells)])
    (total,) = [a for a in amounts if a.is_total]
    assert total.check == "rows sum to 11 605 000, total says 11 608 000 (differs by 3 000)"


def test_mismatching_total_in_pdf_table() -> None:
    text = ASF_TABLE.replace("259 000", "295 000")
    amounts = extract_amounts(_doc(), [_passage(text, kind="table", section=ASF_SECTION)])
    (total,) = [a for a in amounts if a.is_total]
    assert total.check is not None and total.check != "ok"
    assert "5 445 000" in total.check and "5 409 000" in total.check and "36 000" in total.check


@pytest.mark.parametrize("word", ["Totalt", "Summa", "Total", "Totalsumma", "Sammanlagt", "Summa kostnader"])
def test_total_words(word: str) -> None:
    text = f"Aktivitet Belopp (kr)\nUtbildning 100 000\nHandledning 50 000\n{word} 150 000"
    amounts = extract_amounts(_doc(), [_passage(text, kind="table")])
    assert [a.is_total for a in amounts] == [False, False, True]
    assert amounts[-1].check == "ok"
    assert [a.label for a in amounts[:2]] == ["Utbildning", "Handledning"]
    assert all(a.who is None for a in amounts)


def test_table_split_over_two_passages_is_one_table() -> None:
    header = "Avdelning Aktivitet Belopp (kr)"
    p1 = _passage(
        f"{header}\nNorr Hemlöshetsteam 400 000\nSöder Hemlöshetsteam 300 000", "table", "S", pid="a"
    )
    p2 = _passage(f"{header}\nVäster Hemlöshetsteam 200 000\nTotalt 900 000", "table", "S", pid="b")
    amounts = extract_amounts(_doc(), [p1, p2])
    assert {a.table_id for a in amounts} == {"a"}
    assert amounts[-1].is_total and amounts[-1].check == "ok"


def test_two_tables_are_checked_separately() -> None:
    p1 = _passage("Aktivitet Belopp (kr)\nA-projekt 100 000\nTotalt 100 000", "table", "S1", pid="a")
    p2 = _passage("Aktivitet Belopp (kr)\nB-projekt 200 000\nTotalt 250 000", "table", "S2", pid="b")
    amounts = extract_amounts(_doc(), [p1, p2])
    totals = {a.table_id: a.check for a in amounts if a.is_total}
    assert totals["a"] == "ok"
    assert totals["b"] == "rows sum to 200 000, total says 250 000 (differs by 50 000)"


def test_table_without_money_column_gives_no_amounts() -> None:
    cells = [["Antal", "Resultat"], ["1", "Studier"], ["6", "Lönearbete"], ["3", "Stöd i arbete"]]
    text = "Antal Resultat\n1 Studier\n6 Lönearbete\n3 Stöd i arbete"
    assert extract_amounts(_doc(), [_passage(text, kind="table", cells=cells)]) == []


def test_table_with_year_columns() -> None:
    cells = [
        ["Verksamhet", "Budget 2019 (tkr)", "Utfall 2019 (tkr)", "Budget 2020 (tkr)"],
        ["Boendestöd", "1 000", "950", "1 100"],
    ]
    text = _table_text(cells)
    amounts = extract_amounts(_doc(), [_passage(text, kind="table", cells=cells, section="Ekonomi 2019")])
    assert [(a.value, a.year, a.label) for a in amounts] == [
        (1_000_000, 2019, "Boendestöd"),
        (950_000, 2019, "Boendestöd"),
        (1_100_000, 2020, "Boendestöd"),  # the column header beats the section
    ]


def test_row_year_beats_section() -> None:
    text = "År Belopp (kr)\n2018 650 000\n2019 700 000"
    amounts = extract_amounts(_doc(), [_passage(text, kind="table", section="Medel 2020")])
    assert [(a.value, a.year) for a in amounts] == [(650_000, 2018), (700_000, 2019)]


# --------------------------------------------------------------------------------------------
# Prose
# --------------------------------------------------------------------------------------------


def test_prose_asf_allocation() -> None:
    text = (
        "Malmö stad har tilldelats 11 608 737 kronor i allmänna stimulansmedel för riktade insatser inom\n"
        "1 Skånes länsgemensamma analys, Överenskommelse psykisk hälsa 2018 (uppdaterad för 2019)\n"
        "2 Skånes länsgemensamma handlingsplan, Överenskommelse psykisk hälsa 2018 (uppdaterad för 2019)\n"
        "området psykisk hälsa 2019. Arbetsmarknads- och socialnämnden tilldelas 5 409 000 kronor enligt "
        "överenskommelse mellan förvaltningsdirektörerna."
    )
    amounts = extract_amounts(_doc(), [_passage(text, section="Fördelning av stimulansmedel i Malmö stad")])
    assert [(a.value, a.who, a.year, a.is_total, a.table_id) for a in amounts] == [
        (11_608_737, "Malmö stad", 2019, False, None),
        (5_409_000, "Arbetsmarknads- och socialnämnden", 2019, False, None),  # year from the sentence before
    ]
    first, second = amounts
    # The footnotes the PDF put mid-sentence are taken out of the sentence.
    assert first.context == (
        "Malmö stad har tilldelats 11 608 737 kronor i allmänna stimulansmedel för riktade insatser "
        "inom området psykisk hälsa 2019."
    )
    assert first.label.startswith("i allmänna stimulansmedel för riktade insatser")
    assert first.raw == "11 608 737 kronor"
    assert second.label.startswith("enligt överenskommelse")


def test_prose_footnote_fsf() -> None:
    text = (
        "\\*FSF tilldelades 790 000 kronor för finansiering av IPS-tjänst inkl. omkostnader i "
        "läkemedelsteamet på Beroendecentrum inom Region Skåne"
    )
    (a,) = extract_amounts(_doc([2019]), [_passage(text)])
    assert (a.value, a.who, a.year, a.raw) == (790_000, "FSF", 2019, "790 000 kronor")
    assert a.label.startswith("för finansiering av IPS-tjänst inkl. omkostnader")


def test_prose_stockholm_prio() -> None:
    text = (
        "Utifrån analysen har förslag på åtgärder för \n\natt utveckla delaktigheten tagits fram. Bland annat föreslås \n\n"
        "att 2 miljoner kronor av PRIO-medel från 2013 avsätts för \n\natt öka delaktigheten på boenden och att 1 miljon kronor \n\n"
        "avsätts för att öka delaktigheten på sysselsättningar. "
    )
    amounts = extract_amounts(_doc([2014]), [_passage(text, section="Reviderad handlingsplan")])
    assert [(a.value, a.year, a.who) for a in amounts] == [(2_000_000, 2013, None), (1_000_000, 2013, None)]
    assert amounts[1].label == "för att öka delaktigheten på sysselsättningar"
    assert amounts[0].label == "av PRIO-medel från 2013 avsätts för att öka delaktigheten på boenden"
    assert amounts[0].context.startswith("Bland annat föreslås att 2 miljoner kronor")


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        ("Funktionsstödsnämnden beviljades 300 000 kr för handledning.", "Funktionsstödsnämnden"),
        ("Under 2019 fick ASF 120 000 kr för utbildning.", "ASF"),
        ("Region Skåne avsätter 2 mnkr för suicidprevention.", "Region Skåne"),
        ("Lunds kommun har fått 50 000 kr för anhörigstöd.", "Lunds kommun"),
        ("Projektet kostade 45 000 kr.", None),
        ("Det finns 45 000 kr kvar.", None),
    ],
)
def test_prose_who(sentence: str, who: str | None) -> None:
    (a,) = extract_amounts(_doc(), [_passage(sentence)])
    assert a.who == who


def test_prose_label_from_subject_when_nothing_follows() -> None:
    (a,) = extract_amounts(
        _doc(), [_passage("Kostnaden för återhämtningskonferensen uppgick till 85 000 kr.")]
    )
    assert (a.value, a.label) == (85_000, "Kostnaden för återhämtningskonferensen")


def test_prose_ignores_bare_numbers() -> None:
    text = (
        "Under 2019 utbildades enheterna för ekonomiskt bistånd (ca 270 medarbetare). Totalt deltog 60 personer. "
        "Ärendet ASN-2019-10547 beslutades 2019-12-18, se SOFS 2011:9. Att 70 procent av alla når målet."
    )
    assert extract_amounts(_doc(), [_passage(text)]) == []


def test_money_sentence_inside_table_passage_is_not_a_row() -> None:
    text = ASF_TABLE + "\n*Strategiska avdelningen fick dessutom 40 000 kronor för handledning under året"
    amounts = extract_amounts(_doc(), [_passage(text, kind="table", section=ASF_SECTION)])
    (extra,) = [a for a in amounts if a.table_id is None]
    assert extra.value == 40_000
    (total,) = [a for a in amounts if a.is_total]
    assert total.check == "ok"  # the sentence did not join the table sum


# --------------------------------------------------------------------------------------------
# year_for
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sources", "section", "years", "expected"),
    [
        (("Norr 2018 650 000",), "Medel 2019", [2020], 2018),  # the row itself first
        (("Norr 650 000",), "Återrapportering 2019 › Rapportering avseende förbrukade medel 2019", [], 2019),
        (("Norr 650 000",), "Rapportering 2019 samt plan 2020 › Förbrukade medel 2019", [], 2019),
        (("Norr 650 000",), "Plan 2020 › Förbrukade medel", [], 2020),  # deepest heading with a year
        (("Norr 650 000",), "Rapportering 2019 samt plan 2020", [], None),  # ambiguous heading
        (("Norr 650 000", "Belopp 2021"), "Medel 2019", [], 2021),  # column header before section
        (("riktade insatser psykisk hälsa 2019",), "", [], 2019),
        (("PRIO-medel från 2013 avsätts",), "Handlingsplan", [2014], 2013),
        (("ingen årsuppgift",), "Ärendet", [2014], 2014),  # the document's single year
        (("ingen årsuppgift",), "Ärendet", [2019, 2020], None),
        (("beslut 2019-12-18 i ASN-2019-10547 enligt SOFS 2011:9",), "", [], None),
        ((None,), "", [2017], 2017),
    ],
)
def test_year_for(
    sources: tuple[str | None, ...], section: str, years: list[int], expected: int | None
) -> None:
    assert year_for(*sources, section=section, document=_doc(years)) == expected


def test_year_for_nearby_and_anchor() -> None:
    assert year_for("tilldelas 5 409 000 kronor", nearby="hälsa 2019.", document=_doc([2019, 2020])) == 2019
    assert year_for("tilldelas 5 409 000 kronor", nearby="2018 och 2019", document=_doc([2019, 2020])) is None
    text = "planen för 2018 ersattes och 2019 fick FSF 790 000 kronor"
    assert year_for(text, anchor=text.index("790")) == 2019
    assert year_for(text) is None  # several years and no anchor: ambiguous


def test_list_items_and_recipient() -> None:
    text = (
        "- Budget för utbildning: 2 mkr till Norr.\n"
        "- Handledning 300 tkr.\n"
        "Funktionsstödsnämnden avsätter 2 mkr till Södra Innerstaden för boendestöd och 500 tkr för utbildning."
    )
    amounts = extract_amounts(_doc(), [_passage(text, kind="list")])
    assert [(a.value, a.who, a.label) for a in amounts] == [
        (2_000_000, "Norr", "Budget för utbildning"),
        (300_000, None, "Handledning"),
        (2_000_000, "Södra Innerstaden", "för boendestöd"),
        (500_000, "Funktionsstödsnämnden", "för utbildning"),
    ]


def test_markdown_pipe_table_without_cells() -> None:
    text = "| Projekt | Kostnad (kr) |\n|---|---|\n| Hälsocirkel | 12 500 |\n| Anhörigcafé | 7 500 |\n| **Summa** | **20 000** |"
    amounts = extract_amounts(_doc(), [_passage(text, kind="table")])
    assert [(a.label, a.value, a.is_total) for a in amounts] == [
        ("Hälsocirkel", 12_500, False),
        ("Anhörigcafé", 7_500, False),
        ("Summa", 20_000, True),
    ]
    assert amounts[-1].check == "ok"


def test_headerless_pdf_table_reads_trailing_amounts() -> None:
    text = "Norr Hemlöshetsteam 400 000\nSöder Hemlöshetsteam 350 000\nTotalt 760 000"
    amounts = extract_amounts(_doc(), [_passage(text, kind="table")])
    assert [a.value for a in amounts] == [400_000, 350_000, 760_000]
    assert amounts[-1].check == "rows sum to 750 000, total says 760 000 (differs by 10 000)"


def test_table_unit_stated_in_another_header_cell_scales_every_money_column() -> None:
    cells = [
        ["Investeringar (tkr)", "Budget 2027", "Plan 2028"],
        ["Ombyggnad av badhuset", "8 500", "4 500"],
    ]
    got = extract_amounts(_doc([2027, 2028]), [_passage(_table_text(cells), "table", "Investeringar", cells)])
    assert sorted((a.value, a.year) for a in got) == [(4_500_000, 2028), (8_500_000, 2027)]


def test_table_unit_from_the_heading_above_it() -> None:
    cells = [["Post", "Budget", "Utfall"], ["Kommunbidrag", "9,4", "9,5"]]
    got = extract_amounts(
        _doc([2026]), [_passage(_table_text(cells), "table", "Resultat › Belopp i mnkr", cells)]
    )
    assert sorted(a.value for a in got) == [9_400_000, 9_500_000]


def test_bare_figures_whose_unit_nobody_states_give_no_amounts() -> None:
    # "Budget 15 440" could be kronor, tkr or mnkr: reading it as 15 440 kr would put a wrong number
    # on screen, so it is left out.
    cells = [["Del", "Budget", "Utfall"], ["Projektering och byggledning", "15 440", "20 500"]]
    assert extract_amounts(_doc([2024]), [_passage(_table_text(cells), "table", "Projekt", cells)]) == []
