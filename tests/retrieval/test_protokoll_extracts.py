"""An extract of one protokoll § (a "protokollsutdrag", sent on with the matter it decides): the
first page says "Protokoll", one § stands under it with its case number ("§ 85  2026.019 KS") and
the matter's title on the next line. Its parts ("Beredning", "Beslut", "Anteckning") are read
under that § and its title, as in a whole protokoll, so a question about the matter's year finds
them. A report that quotes one § of another body's protokoll is not an extract."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes, section_of, split_pages

pytestmark = pytest.mark.slow

EXTRACT = [
    [
        "Kommunfullmäktige",
        "Protokoll",
        "2026-05-06",
        "§ 85  2026.019 KS",
        "Årsredovisning 2025 för Norrby kommun",
        "Ärendebeskrivning",
        "I årsredovisningen lämnar kommunstyrelsen en samlad redogörelse för årets verksamhet, "
        "måluppfyllelse och ekonomi till kommunfullmäktige.",
        "Beredning",
        "Kommunledningskontoret har i skrivelse den 2 mars 2026 lämnat följande yttrande:",
        "Uppföljningen av målen visar att Norrby kommun uppnår tre av fyra finansiella mål och fyra "
        "av sex verksamhetsmål.",
        "Beslut",
        "Årsredovisningen godkänns.",
        "Anteckning",
        "Maria Ek (MP) lämnar följande protokollsanteckning: Miljöpartiet anser att målen för "
        "klimatet behöver skärpas.",
    ]
]


def test_the_parts_of_an_extract_nest_under_its_paragraph_and_title() -> None:
    sections = split_pages(["\n\n".join(EXTRACT[0])])
    title = "§ 85 Årsredovisning 2025 för Norrby kommun"
    assert section_of(sections, "tre av fyra finansiella mål") == f"{title} › Beredning"
    assert section_of(sections, "protokollsanteckning") == f"{title} › Anteckning"


def test_one_quoted_paragraph_in_a_report_is_no_extract() -> None:
    # The report names a protokoll in a sentence, not as its heading: the quoted § heads nothing.
    pages = [
        "Revisionsrapport 2026\n\nNämndens protokoll har granskats.\n\n"
        "§ 64 Ärendenummer FFS-2026-00773\n\nGranskning av nämnden\n\n"
        "Nämnden beslutar att lämna yttrandet till revisorerna.\n\nBedömning\n\n"
        "Revisorerna bedömer att nämnden har bedrivit verksamheten tillfredsställande.\n",
    ]
    section = section_of(split_pages(pages), "Revisorerna bedömer")
    assert not section.startswith("§"), section


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "extract", {"kf-protokollsutdrag.pdf": ("Kommunfullmäktiges protokoll 2026-05-06", EXTRACT)}
    )


def test_a_question_about_the_matters_year_is_answered_from_the_extract(svc: Planchat) -> None:
    # The year 2025 stands in the matter's title only, not in the sentence or the meeting's date.
    answer = svc.ask("Hur många av de finansiella målen uppnådde Norrby kommun 2025?")
    assert answer.answered, answer.text
    assert "tre av fyra finansiella mål" in quotes(answer.text)[0]
    assert answer.citations[0].passage.page == 1


def test_who_wrote_a_note_in_the_extract(svc: Planchat) -> None:
    answer = svc.ask("Vem lämnade en protokollsanteckning om årsredovisningen för 2025?")
    assert answer.answered, answer.text
    assert "Maria Ek" in answer.text
