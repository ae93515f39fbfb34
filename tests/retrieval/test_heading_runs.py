"""Lines that look like sub-headings but follow each other with nothing between them are a list,
as a budget instruction lists the focus areas chosen for the year and a protokoll the
alternatives it weighed. Each such line used to open an empty section and vanish from the text;
a reader asking which areas were chosen then got nothing. The PDF is made by the test."""

from __future__ import annotations

import pytest

from ingest.models import Page
from ingest.split import split_passages
from retrieval.service import Planchat
from tests import pdfgen

pytestmark = pytest.mark.slow

AREAS = [
    "Fokusområde 1 – Hållbarhet i näringsliv och arbetsmarknad",
    "Fokusområde 9 – Klimatanpassning",
    "Fokusområde 11 – Trygghet och samhällsgemenskap",
    "Fokusområde 17 – Partnerskap och samverkan",
]
PAGES = [
    [
        "# Kommunövergripande mål",
        "Varje år prioriterar kommunfullmäktige fyra eller fem fokusområden i hållbarhetspolicyn. "
        "Fokusområdena utgör kommunfullmäktiges mål för det kommande året.",
        "Förslaget till prioriterade fokusområden för 2027 är följande.",
        *AREAS,
        "Nämnderna ska sedan besluta om strategiska ställningstaganden kopplade till de "
        "prioriterade fokusområdena.",
    ],
    [
        "# Finansiella mål",
        "Resultatet ska uppgå till minst två procent av skatteintäkter och generella statsbidrag.",
    ],
]


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory, service_over) -> Planchat:  # type: ignore[no-untyped-def]
    src = tmp_path_factory.mktemp("heading-runs-src")
    pdfgen.make_report_pdf(
        src / "budgetanvisningar.pdf", pages=PAGES, title="Budgetanvisningar 2027", standard_fonts=True
    )
    return service_over(src)


def test_sub_headings_in_a_row_keep_their_text() -> None:
    text = "\n".join(
        ["Förslaget till prioriterade fokusområden är följande.", *AREAS, "Nämnderna ska sedan besluta."]
    )
    passages = split_passages("d", [Page(1, text)], markdown=False)
    joined = "\n".join(p.text for p in passages)
    for area in AREAS:
        assert area in joined


def test_a_list_of_focus_areas_in_heading_shape_answers_which(svc: Planchat) -> None:
    answer = svc.ask("Vilka fokusområden föreslås bli prioriterade för 2027?")
    assert answer.answered, answer.text
    for name in ("Klimatanpassning", "Trygghet och samhällsgemenskap", "Partnerskap och samverkan"):
        assert name in answer.text
    assert answer.citations[0].passage.page == 1


def test_the_text_after_the_list_stays_under_its_heading(svc: Planchat) -> None:
    hits = svc.search("strategiska ställningstaganden kopplade till de prioriterade fokusområdena", k=3)
    assert "strategiska ställningstaganden" in hits[0].passage.text
    assert hits[0].passage.page == 1
    # The last line of the run still heads the text after it, under the chapter.
    assert hits[0].passage.section == "Kommunövergripande mål › Fokusområde 17 – Partnerskap och samverkan"


def test_a_header_line_above_a_groups_caption_heads_its_rows() -> None:
    # A key-figure table: the years in one line, a group's caption, then rows of figures only.
    text = (
        "Nyckeltal År 2023 År 2024 År 2025\n\nVatten och avlopp\n\n"
        "Antal övertidstimmar på vattenverk\t44\t69\t45\n"
        "Antal övertidstimmar på avloppsreningsverk\t902\t564\t569\n"
    )
    (table,) = [p for p in split_passages("d", [Page(1, text)], markdown=False) if p.kind == "table"]
    assert "avloppsreningsverk År 2023: 902 År 2024: 564 År 2025: 569" in table.text
    assert table.cells is not None and table.cells[0][1:] == ["År 2023", "År 2024", "År 2025"]
    assert "2025" in table.section + table.text and 2025 in table.years


def test_a_sentence_with_years_is_no_header_line() -> None:
    text = (
        "Kostnaderna ökade mellan 2023 och 2024 och 2025.\n\nVatten och avlopp\n\n"
        "Antal övertidstimmar på vattenverk\t44\t69\t45\n"
        "Antal övertidstimmar på avloppsreningsverk\t902\t564\t569\n"
    )
    passages = split_passages("d", [Page(1, text)], markdown=False)
    assert any("Kostnaderna ökade" in p.text and p.kind != "table" for p in passages)
    # The rows keep no column names read from the sentence.
    assert not any("2023:" in p.text for p in passages)
