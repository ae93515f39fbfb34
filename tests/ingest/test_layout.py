"""Structure read from layout text: tables, forms, justified prose, two columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.layout import repair_words, structure_page
from tests import pdfgen

TABLE = """\
Investeringar (tkr)            Budget     Plan       Plan       Total
                               2027       2028       2029       utgift
Ombyggnad av                   1 200      400        0          1 600
Strandbadet
Ny skatepark                   0          3 500      500        4 000
Summa                          1 200      3 900      500        5 600
"""


def test_columns_of_figures_become_rows_with_one_header() -> None:
    lines = [ln for ln in structure_page(TABLE).splitlines() if ln]
    header = lines[0].split("\t")
    assert header[:4] == ["Investeringar (tkr)", "Budget 2027", "Plan 2028", "Plan 2029"]
    assert header[4].replace(" ", "") == "Totalutgift"  # "Total"/"utgift": one header cell
    # The label wrapped onto a second line is joined back to its row.
    assert lines[1].split("\t") == ["Ombyggnad av Strandbadet", "1 200", "400", "0", "1 600"]
    assert lines[3].split("\t")[0] == "Summa"


def test_form_fields_become_label_value_lines() -> None:
    text = "Sekreterare        Anna Berg\n\nOrdförande         Per Lind\n\nJusterande         Eva Ek\n"
    out = structure_page(text)
    assert "Sekreterare: Anna Berg" in out and "Justerande: Eva Ek" in out


def test_justified_prose_with_wide_gaps_stays_prose() -> None:
    text = (
        "Kommunen ska  minska    utsläppen       av växthusgaser från den egna verksamheten\n"
        "och samtidigt     stödja    företag som      vill ställa om sin produktion till\n"
        "förnybar energi     under perioden fram till       år 2030 enligt den antagna planen.\n"
    )
    out = structure_page(text)
    assert "\t" not in out and ": " not in out
    assert "minska utsläppen av växthusgaser" in " ".join(out.split())


@pytest.fixture(scope="module")
def two_column(tmp_path_factory: pytest.TempPathFactory) -> Path:
    left = [
        "Vänster spalt börjar här. Kommunen vill att fler ska cykla till arbetet och bygger därför nya "
        "cykelvägar mellan tätorterna under de kommande åren.",
        "Cykelvägen mellan Norrby och Söderby ska vara klar år 2027 och kostar 12 miljoner kronor.",
    ]
    right = [
        "Höger spalt handlar om skolan. Alla elever ska ha tillgång till en egen dator och skolans "
        "bibliotek ska vara öppet även under loven för den som vill låna böcker.",
        "Biblioteket i Norrby får nya lokaler hösten 2026 enligt beslut i barn- och utbildningsnämnden.",
    ]
    return pdfgen.make_two_column_pdf(tmp_path_factory.mktemp("two") / "brochure.pdf", left, right)


def test_two_column_page_reads_each_column_whole(two_column: Path) -> None:
    from ingest.pipeline import parse_file

    text = "\n\n".join(p.text for p in parse_file(two_column).passages)
    flat = " ".join(text.split())
    # Each sentence comes out whole, not interleaved with the other column.
    assert "Cykelvägen mellan Norrby och Söderby ska vara klar år 2027 och kostar 12 miljoner kronor." in flat
    assert (
        "Biblioteket i Norrby får nya lokaler hösten 2026 enligt beslut i barn- och utbildningsnämnden."
        in flat
    )
    assert flat.index("Vänster spalt") < flat.index("Höger spalt")


def test_words_the_layout_reading_split_or_glued_are_repaired_from_the_plain_reading() -> None:
    plain = (
        "Söderköping har arbetat med sex nationella miljökvalitetsmål.\n"
        "Revisorerna tillstyrker att styrelsen och nämnderna beviljas ansvarsfrihet för 2025 samt 2026."
    )
    layout = (
        "Söderköping har arbeta  t med sex nationella miljökvalitets   mål.\n"
        "Revisorerna tillstyrker att styrelsenoch nämnderna beviljas ansvarsfrihet för 2025samt 2026."
    )
    assert repair_words(layout, plain) == plain
    # Words that stand apart in both readings stay apart, and figures are never joined.
    table = "Budget   2027     1 800     Plan     2028"
    assert repair_words(table, "Budget 2027 1 800 1800 Plan 2028 Budgetplan") == table
    # A year kerned apart is joined where the plain reading has it whole; a table's cells "20" and
    # "24" (side by side in the plain reading too) stay.
    assert (
        repair_words("senast den 21 juni 20     24.", "senast den 21 juni 2024.")
        == "senast den 21 juni 2024."
    )
    cells = "Antal   20     24"
    assert repair_words(cells, "Antal 20 24 Budget 2024") == cells


def test_a_figure_glued_to_its_unit_is_split_where_the_plain_reading_has_them_apart() -> None:
    plain = "För år 2026 är internräntan 2,75 procent och avgiften 40,66 procent. Det blev 5 procent."
    layout = "För år 2026 är internräntan 2,75procent och avgiften 40,66procent. Det blev 5procent."
    assert repair_words(layout, plain) == plain
    # Glued in both readings ("76,9mnkr"), or a code ("U07428"): left as it is.
    assert repair_words("(-76,9mnkr) U07428abcd", "(-76,9mnkr) U07428abcd") == "(-76,9mnkr) U07428abcd"


def test_a_bulleted_list_set_with_a_gap_stays_a_list() -> None:
    page = "Sex mål har inte kunnat kopplas till åtgärder.\n\n     •     Skyddande ozonskikt\n     •     Säker strålmiljö\n     •     Myllrande våtmarker\n"
    lines = [ln for ln in structure_page(page).splitlines() if ln]
    assert lines[1:] == ["• Skyddande ozonskikt", "• Säker strålmiljö", "• Myllrande våtmarker"]


PLAN_TABLE = """\
Förvaltning/Bolag          Ansvarig                 Tidsplan
Kommunledningsförv         Miljösamordnare          31 dec 2022
Kultur- och fritidsförv.   Genom KLF
Miljöförbundet
Bostadsbolaget AB          VD
Socialförvaltningen        Genom KLF
Utbildningsförvaltningen   Genom KLF                31 dec 2024
"""


def test_a_text_table_with_empty_cells_keeps_its_rows_and_columns() -> None:
    rows = [ln.split("\t") for ln in structure_page(PLAN_TABLE).splitlines() if ln]
    assert rows[0] == ["Förvaltning/Bolag", "Ansvarig", "Tidsplan"]
    # A row that leaves its cells empty is a row of its own, not a heading or a wrapped cell.
    assert rows[3] == ["Miljöförbundet", "", ""]
    assert rows[4] == ["Bostadsbolaget AB", "VD", ""]
    assert rows[6] == ["Utbildningsförvaltningen", "Genom KLF", "31 dec 2024"]


def test_a_text_tables_first_cell_wrapped_onto_the_next_line_is_joined() -> None:
    page = (
        "Åtgärd                       Förväntad effekt            Kostnad\n"
        "Automatisering av            Sparad tid                  -\n"
        "ekonomiprocesser\n"
        "Översyn av förvaltningens    Sparad tid på sikt          -\n"
        "ledningssystem\n"
        "Ny rutin för inköp           Lägre kostnader             -\n"
    )
    rows = [ln.split("\t") for ln in structure_page(page).splitlines() if ln]
    assert [r[0] for r in rows] == [
        "Åtgärd",
        "Automatisering av ekonomiprocesser",
        "Översyn av förvaltningens ledningssystem",
        "Ny rutin för inköp",
    ]


def test_a_number_broken_after_its_hyphen_is_no_form_field() -> None:
    # "org.nr 212000-1355" set with a gap after the hyphen is one number, not "212000-: 1355".
    out = structure_page("Göteborgs Stad, org.nr 212000-      1355\nJusterande       Inga-Lill Bjartén")
    assert "org.nr 212000-1355" in out
    assert "Justerande: Inga-Lill Bjartén" in out


def test_a_line_ending_in_an_organisation_number_is_text_not_a_heading() -> None:
    from ingest.models import Page
    from ingest.split import split_passages

    text = "Revisionsberättelse 2023.\n\nGöteborgs Stad, org.nr 212000-1355\nVi har granskat verksamheten."
    passages = split_passages("d", [Page(1, text)], markdown=False)
    assert any("212000-1355" in p.text for p in passages)


# A delegationsordning page that spaces its rows apart: blank lines cut the table into runs of
# three numbered rows (the first of a run read as a possible header), rows wrapped over several
# lines in three columns at once.
SPACED_ROWS = """\
  2.43      FB 14:15                        Besluta om samtycke till att den enskilde                   ÖH
                                            driver rörelse.

  2.44      FB 14:16                        Besluta om att förordnad förmyndare, god                    ÖH
                                            man eller förvaltare ska redogöra för
                                            tillgångar som inte omfattas av förvaltningen.

  2.45      FB 14:18a                       Besluta att begränsa omfattning av                          ÖH                        Är inte ett beslut i förvaltningsrättslig
                                            sluträkning för god man enl. FB 11:1.                                                 mening. Kan inte överklagas.



  2.46      FB 14:19                        Besluta att årsräkning får lämnas i                         ÖH
                                            förenklad form.

  2.47      FB 14:20                        Besluta om ställföreträdare får avlämna                     ÖH                        Upp till en månad kan beslutas av
                                            förteckning vid ny tid (anstånd).                           ADM                       administratör. Längre anstånd
                                                                                                                                  beslutas av handläggare.

  2.48      FB 14:23                        Besluta om arvode till god man.                             ÖH
"""


def test_a_numbered_row_wrapped_in_several_columns_is_one_row_in_a_short_run() -> None:
    rows = [ln.split("\t") for ln in structure_page(SPACED_ROWS).splitlines() if ln.strip()]
    by_number = {r[0]: r for r in rows if r[0]}
    assert set(by_number) == {"2.43", "2.44", "2.45", "2.46", "2.47", "2.48"}, rows
    assert len(rows) == 6, rows  # no line of a wrapped row is a row of its own
    assert (
        "Upp till en månad kan beslutas av administratör. Längre anstånd beslutas av handläggare."
        in by_number["2.47"]
    ), rows
    assert "Besluta att begränsa omfattning av sluträkning för god man enl. FB 11:1." in by_number["2.45"], (
        rows
    )


# A styrdokument's cover card: fields two to a line, a label left empty, and labels set over
# their values.
COVER_CARD = """\
      Typ av styrdokument: Plan                   Gäller för: Socialnämnden
      Datum för beslut:                           Revideras senast: 2027-06-30
      Diarienummer:                               Dokumentansvarig: Karin Ek

      Beslutad av:                 Uppdaterad:
      Kommunfullmäktige            2026-03-01
"""


def test_a_cover_cards_fields_are_one_line_each() -> None:
    lines = [ln for ln in structure_page(COVER_CARD).splitlines() if ln]
    assert "Typ av styrdokument: Plan" in lines and "Gäller för: Socialnämnden" in lines
    assert "Dokumentansvarig: Karin Ek" in lines and "Revideras senast: 2027-06-30" in lines
    # An empty label is not read as the label of the field beside it.
    assert not [ln for ln in lines if "Diarienummer" in ln or "Datum för beslut" in ln], lines
    # Labels over their values are paired per column.
    assert "Beslutad av: Kommunfullmäktige" in lines and "Uppdaterad: 2026-03-01" in lines


def test_an_empty_label_that_opens_a_grid_of_fields_is_kept() -> None:
    text = "Preliminär tidplan:        Samråd: maj 2026\n                           Granskning: hösten 2026\n"
    lines = [ln for ln in structure_page(text).splitlines() if ln]
    assert lines[:2] == ["Preliminär tidplan:", "Samråd: maj 2026"], lines


def test_signatures_side_by_side_pair_each_name_with_its_role() -> None:
    text = (
        "För revisorsgruppen\n\n\n"
        "Jonas Berg                                         Eva-Lena Lind\n"
        "ordförande                                              vice ordförande\n"
    )
    lines = [ln for ln in structure_page(text).splitlines() if ln]
    assert "Jonas Berg, ordförande." in lines and "Eva-Lena Lind, vice ordförande." in lines, lines
    # Roles set over the names are paired the same way.
    lines = structure_page(
        "Förvaltningschef        Handläggare\nAnna Ström              Per Holm\n"
    ).splitlines()
    assert "Anna Ström, förvaltningschef." in lines and "Per Holm, handläggare." in lines, lines


def test_two_columns_of_words_that_are_no_names_stay_as_they_were() -> None:
    # A two-part line over another is a form field or a table, not signatures, unless the parts of
    # one line are people's names.
    text = "Sekreterare        Anna Berg\nOrdförande         Per Lind\n"
    assert "Sekreterare: Anna Berg" in structure_page(text)
    text = "Ansvarig enhet          Tidplan\nKultur och fritid       hösten 2026\n"
    assert "," not in structure_page(text)


def test_form_fields_one_under_the_other_are_separate_lines_of_a_passage() -> None:
    from ingest.models import Page
    from ingest.split import split_passages

    text = (
        "Handlingsplan för energi\n\n"
        "Antagen av: Kommunstyrelsen\nDatum: 2025-02-11\nErsätter: Energiplan 2015 och\n"
        "Klimatstrategi 2018\nAnsvarig för revidering: Miljöstrateg\n\n"
        "Planen beskriver kommunens arbete med energi. Den följs upp varje år."
    )
    passages = split_passages("d", [Page(1, text)], markdown=False)
    text_lines = [ln for p in passages for ln in p.text.split("\n")]
    assert "Ersätter: Energiplan 2015 och Klimatstrategi 2018" in text_lines, text_lines
    assert "Datum: 2025-02-11" in text_lines and "Antagen av: Kommunstyrelsen" in text_lines


def _column_text(topic: str, place: str, n: int) -> list[str]:
    return [
        f"{topic} i {place} har diskuterats länge i nämnden och bland invånarna som bor i området. "
        f"Frågan har återkommit vid flera sammanträden under året och i flera olika sammanhang.",
        f"Beslutet om {topic.lower()} i {place} fattades i mars och arbetet ska vara klart år {2026 + n} "
        f"enligt den plan som förvaltningen har tagit fram tillsammans med berörda föreningar.",
        f"Kostnaden för {topic.lower()} i {place} beräknas till {n + 2} miljoner kronor, som fördelas "
        f"över tre år i investeringsbudgeten och följs upp i varje delårsrapport.",
    ]


@pytest.mark.parametrize(("count", "justify"), [(3, False), (4, False), (2, True), (3, True)])
def test_a_page_in_columns_reads_each_column_whole_and_in_turn(
    tmp_path: Path, count: int, justify: bool
) -> None:
    """A magazine's three or four columns, or justified columns whose word gaps break every line
    into many parts, are read one after the other, each sentence whole."""
    from ingest.pipeline import parse_file

    places = ["Norrby", "Söderby", "Vallby", "Österby"][:count]
    topics = ["Den nya simhallen", "Den nya skolan", "Det nya biblioteket", "Den nya ishallen"][:count]
    pdf = pdfgen.make_columns_pdf(
        tmp_path / "tidning.pdf",
        [_column_text(t, p, n) for n, (t, p) in enumerate(zip(topics, places, strict=True))],
        justify=justify,
        gap=18,
    )
    flat = " ".join(" ".join(p.text for p in parse_file(pdf).passages).split())
    for n, (topic, place) in enumerate(zip(topics, places, strict=True)):
        sentence = f"Kostnaden för {topic.lower()} i {place} beräknas till {n + 2} miljoner kronor"
        assert sentence in flat, flat
    assert [flat.index(f"{t} i {p} har") for t, p in zip(topics, places, strict=True)] == sorted(
        flat.index(f"{t} i {p} har") for t, p in zip(topics, places, strict=True)
    )


WRAPPED_TABLE = """\
   Område                  Beskrivning                                                  Möjlig effekt
   Bättre samverkan        Möjligheten att införa gemensamma rutiner för skolan och     Färre elever med
   mellan skola och        socialtjänsten ska undersökas för att stärka elevernas       hög frånvaro och
   socialtjänst            skolgång och ge placerade barn goda förutsättningar.         färre placeringar
                                                                                        under året.
   Minska risken för       Samverkan ska utvecklas genom gemensamma strukturer och      Lägre risk för
   att unga hamnar i       tidigare insatser, och finansieringen av arbetssätten ska    utanförskap och
   kriminalitet            undersökas under det kommande året i nämnden.                skolfrånvaro bland
                                                                                        unga i kommunen.
   Ett gemensamt           Behovet av ett program för arbetsmarknaden som visar hur     Bättre nytta av
   program för             förvaltningarna ska samverka för att stödja invånare mot     kommunens samlade
   arbetsmarknaden         egen försörjning och etablering ska utredas under året.      resurser i arbetet.
   Insatser för            Möjligheten att rusta personer för anställning och samtidigt Direkt nytta när
   kompetens och           bidra till kommunens kompetensförsörjning ska undersökas     personen får ett
   anställning             tillsammans med de kommunala bolagen och näringslivet.       arbete i kommunen.
"""


def test_a_table_of_wrapped_text_cells_is_not_read_as_columns_of_text() -> None:
    """A table whose cells hold wrapped sentences stands in columns too, but its columns are not
    set alike (short labels beside long descriptions): each row's label stays with its text."""
    out = " ".join(structure_page(WRAPPED_TABLE).split())
    assert out.index("Minska risken för") < out.index("Samverkan ska utvecklas") < out.index("Ett gemensamt")


COVER = """\
                     Miljönämnden                                         Sammanträdesprotokoll
                                                                                   2026-03-12
Plats och tid                    Stadshuset, sessionssalen, kl 09.00-12.15
Beslutande                       Enligt särskild förteckning, sidan 2
Övriga närvarande                Enligt särskild förteckning, sidan 2
Utses att justera                Karin Andersson Holm
Justeringens                     Stadshuset, måndag 16 mars 2026
plats och tid
Underskrifter                    Sekreterare          Lars Pettersson
                                 Ordförande           Maria Lindqvist
                                 Justerande           Karin Andersson
                                 Protokollet är justerat och anslaget på kommunens anslagstavla
Organ                            Miljönämnden i Norrby kommun
Sammanträdesdatum                2026-03-12
Förvaringsplats                  Miljöförvaltningen, Stadshuset plan 3
för protokollet
Underskrift                      Lars Pettersson
"""


def test_a_cover_cards_labels_beside_their_values_are_not_read_as_columns() -> None:
    """A protokoll's cover card sets its labels in a column beside their values; they stand beside
    only some of the value lines, so they are no column of running text: each label keeps its value."""
    out = structure_page(COVER)
    assert "Utses att justera: Karin Andersson Holm" in out, out
    assert "Förvaringsplats" in out and out.index("Förvaringsplats") < out.index(
        "Miljöförvaltningen, Stadshuset"
    )


RISKS = """\
   Beroende      Händelse          Konsekvenser i kommunen             Berörda verksamheter
   El            Naturhändelser    avbrott i försörjningen av          hemtjänsten och de
                 Angrepp           fjärrvärme, drivmedel och           särskilda boendena,
                                   livsmedel, betalningar och          skolorna och förskolorna
                                   trygghetslarm, mobiltelefoni        i hela kommunen, köken
                                   och dricksvatten i flera            och räddningstjänsten
                                   dygn i hela kommunen                under hela avbrottet
   Fjärrvärme    Angrepp           utkylda hus och nedkylda            hemtjänsten och de
                                   invånare, sönderfrusna              särskilda boendena,
                                   system i skolor och boenden         skolorna och förskolorna
                                   under de kallaste veckorna          i centralorten under
                                   av vintern i centralorten           de kallaste veckorna
   Vatten        Förorening        sjukdomsutbrott bland invånare      skolorna, förskolorna och
                                   och stängda kök i skolorna          de särskilda boendena
"""


def test_a_table_whose_first_columns_are_narrow_is_not_read_as_columns_of_text() -> None:
    """A table whose last columns hold wrapped running text is no page of text columns: its first
    columns, holding a word or two per row, keep each row together."""
    out = " ".join(structure_page(RISKS).split())
    assert (
        out.index("El") < out.index("under hela avbrottet") < out.index("Fjärrvärme") < out.index("Vatten")
    ), out
