"""A protokoll as municipalities print them, made by the test: each § starts under a line "§ 41:
Dnr KS 2024/118" that is repeated at the top of its continued pages, then its title, then the
same sub-headings in every § ("Ärendebeskrivning", "Beslutsunderlag", "Kommunstyrelsens beslut",
"Reservationer"). Each test asks as a user would and checks the answer and its page."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import parse_file
from retrieval.service import Planchat
from tests import pdfgen
from tests.asking import quotes, section_of, split_pages

pytestmark = pytest.mark.slow

HEADER = "Kommunstyrelsen: Sammanträdesprotokoll 2024-05-02"
PAGES = [
    [
        "§ 41: Dnr KS 2024/118",
        "Försäljning av mark i Norrby 3:12",
        "Ärendebeskrivning",
        "Kommunen har fått en förfrågan om att köpa marken i Norrby 3:12 för att bygga bostäder. "
        "Intresset var stort och 120 personer anmälde intresse för bostäderna. Av dem var 40 procent "
        "under 30 år.",
        "Beslutsunderlag",
        "Tjänsteskrivelse från samhällsbyggnadsförvaltningen, 2024-04-10.",
        "Kommunstyrelsens beslut",
        "Kommunstyrelsen beslutar att sälja marken i Norrby 3:12 till det kommunala bostadsbolaget. "
        "Köpeskillingen ska följa den värdering som gjorts av en oberoende värderingsman. Tillträde "
        "sker när detaljplanen har vunnit laga kraft.",
        "Beslutet skickas till: mark- och exploateringsenheten, bostadsbolaget.",
    ],
    [
        "§ 42: Dnr KS 2024/131",
        "Ny förskola i Västra Hamnen",
        "Ärendebeskrivning",
        "Barnantalet i Västra Hamnen ökar och en ny förskola med sex avdelningar behövs till hösten "
        "2026. Kommunstyrelsen beslutade den 3 mars 2023 att ge förvaltningen i uppdrag att utreda "
        "placeringen. Förvaltningen har tagit fram ett förslag till placering vid parken. Flera "
        "risker finns med placeringen, bland annat buller. Den största risken med placeringen är "
        "trafiken på Hamngatan.",
        "Beslutsunderlag",
        "Tjänsteskrivelse från barn- och utbildningsförvaltningen, 2024-04-12.",
        "Kommunstyrelsens beslut",
        "Kommunstyrelsen beslutar att återremittera ärendet till förvaltningen för en ny "
        "kostnadsberäkning. Förvaltningen ska också pröva en placering närmare skolan och redovisa "
        "hur trafiken till förskolan kan ordnas.",
        "Beslutet skickas till: barn- och utbildningsförvaltningen.",
    ],
    [
        "§ 42 forts: Dnr KS 2024/131",
        "Reservationer",
        "Anna Berg (S) och Olle Lind (V) reserverar sig mot beslutet till förmån för eget yrkande.",
        "§ 43: Dnr KS 2024/140",
        "Val av ombud till förbundsstämman",
        "Ärendebeskrivning",
        "Kommunen ska utse ett ombud till förbundsstämman i kommunalförbundet för räddningstjänst.",
        "Kommunstyrelsens beslut",
        "Kommunstyrelsen beslutar att utse Karin Holm (M) till ombud. Till ersättare utses Per Ek (C). "
        "Uppdraget gäller till och med förbundsstämman år 2026 och arvoderas enligt kommunens "
        "arvodesregler.",
        "Beslutet skickas till: kommunalförbundet, de valda.",
    ],
]


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("protokoll-src")
    return pdfgen.make_report_pdf(src / "ks-protokoll.pdf", pages=PAGES, header=HEADER, standard_fonts=True)


@pytest.fixture(scope="module")
def svc(pdf: Path, service_over) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over(pdf.parent)


def _section_of(pdf: Path, phrase: str) -> str:
    return section_of(parse_file(pdf).passages, phrase)


def test_each_paragraph_is_a_section_its_parts_nest_under(pdf: Path) -> None:
    assert _section_of(pdf, "återremittera") == "§ 42 Ny förskola i Västra Hamnen › Kommunstyrelsens beslut"
    assert (
        _section_of(pdf, "sälja marken") == "§ 41 Försäljning av mark i Norrby 3:12 › Kommunstyrelsens beslut"
    )
    # The § goes on across the page; its next § starts a section of its own.
    assert _section_of(pdf, "Anna Berg") == "§ 42 Ny förskola i Västra Hamnen › Reservationer"
    assert (
        _section_of(pdf, "Karin Holm") == "§ 43 Val av ombud till förbundsstämman › Kommunstyrelsens beslut"
    )


def test_the_decision_is_read_under_its_paragraph(svc: Planchat) -> None:
    answer = svc.ask("Vad beslutade kommunstyrelsen om den nya förskolan i Västra Hamnen?")
    assert answer.answered, answer.text
    assert "återremittera" in answer.text
    assert answer.citations[0].passage.page == 2


def test_the_diarienummer_of_a_paragraph_is_answered(svc: Planchat) -> None:
    answer = svc.ask("Vilket diarienummer har ärendet om försäljning av mark i Norrby?")
    assert answer.answered, answer.text
    assert "KS 2024/118" in answer.text


def test_who_made_a_reservation_against_a_decision(svc: Planchat) -> None:
    answer = svc.ask("Vem reserverade sig mot beslutet om förskolan i Västra Hamnen?")
    assert answer.answered, answer.text
    assert "Anna Berg" in answer.text


def test_a_share_question_is_answered_with_the_share_not_another_count(svc: Planchat) -> None:
    answer = svc.ask("Hur stor andel av de intresserade för bostäderna i Norrby var under 30 år?")
    assert answer.answered, answer.text
    assert "40 procent" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        # the same decision for a year the protokoll does not name
        "Vad beslutade kommunstyrelsen om förskolan i Västra Hamnen 2019?",
        # the same kind of matter for a place the protokoll does not name
        "Vad beslutade kommunstyrelsen om försäljningen av mark i Södertorp?",
    ],
)
def test_near_misses_are_withheld(svc: Planchat, question: str) -> None:
    answer = svc.ask(question)
    assert not answer.answered, answer.text
    # … while the matter the protokoll does name is answered
    control = svc.ask("Vad beslutade kommunstyrelsen om försäljningen av mark i Norrby?")
    assert control.answered and "sälja marken" in control.text, control.text


def test_a_superlative_picks_the_sentence_that_says_it(svc: Planchat) -> None:
    answer = svc.ask("Vad är den största risken med placeringen av förskolan i Västra Hamnen?")
    assert answer.answered, answer.text
    assert "trafiken på Hamngatan" in quotes(answer.text)[0]
    english = svc.ask("What is the biggest risk with the location of the preschool in Västra Hamnen?")
    assert english.answered and "trafiken på Hamngatan" in quotes(english.text)[0], english.text


def test_the_decision_taken_not_an_earlier_one_told_in_the_background(svc: Planchat) -> None:
    answer = svc.ask("Vad beslutade kommunstyrelsen om förskolan i Västra Hamnen?")
    assert answer.answered, answer.text
    assert "återremittera" in quotes(answer.text)[0]


def test_a_case_number_without_its_label_still_opens_the_paragraph() -> None:
    matters = {
        95: (
            "Fördjupad månadsuppföljning",
            "Prognosen visar ett underskott inom vård och omsorg.",
            "godkänna uppföljningen",
        ),
        96: (
            "Svar på revisionens granskning",
            "Revisorerna har följt upp tre rapporter från 2023.",
            "lämna svaret",
        ),
        97: (
            "Allmänpolitiska debatter",
            "Partierna vill införa debatter i fullmäktige två gånger om året.",
            "avslå förslaget",
        ),
    }
    pages = [
        f"Kommunstyrelsen: Sammanträdesprotokoll 2026-06-01\n§ {n}  2026.{n:03d} KS\n\n{title}\n\n"
        f"Ärendebeskrivning\n\n{what}\n\nBeslut\n\nKommunstyrelsen beslutar att {decision}.\n\n"
        f"Beslutet skickas till: {title.split()[0].lower()}.\nJusterandes signatur"
        for n, (title, what, decision) in matters.items()
    ]
    sections = split_pages(pages)
    assert section_of(sections, "beslutar att lämna svaret") == "§ 96 Svar på revisionens granskning › Beslut"
    assert section_of(sections, "2026.096 KS").startswith("§ 96 ")  # the case number stays in the text


def test_paragraphs_quoted_in_another_document_do_not_swallow_its_chapters() -> None:
    # An audit report quoting two protokoll extracts (§ 64, § 27): no run of paragraphs.
    pages = [
        "Sammanträdesdatum: 2026-04-08\n§ 64 Ärendenummer FFS-2026-00773\n\nGranskning av nämnden\n\n"
        "Nämnden beslutar att lämna yttrandet till stadsrevisionen.\n",
        "Sammanträdesdatum: 2025-02-26\n§ 27 Ärendenummer SFF-2025-00146\n\nYrkande om hyresavtal\n\n"
        "Nämnden beslutar att teckna avtalet.\n\nRevisionsredogörelse\n\n"
        "Revisorerna bedömer att nämnden inte har bedrivit verksamheten tillfredsställande.\n",
    ]
    sections = split_pages(pages)
    section = section_of(sections, "Revisorerna bedömer")
    assert section == "Revisionsredogörelse", section  # its own chapter, not under a quoted §


def test_a_title_that_starts_like_a_case_number_stays_the_title() -> None:
    # "Plan 2024-2027 …" and "Fortsatt …" begin titles, not a case number or a continued §.
    pages = [
        "Kommunstyrelsen: Sammanträdesprotokoll 2026-06-01\n§ 4 Val av justerare\n\nAnna Berg väljs.\n\n"
        "§ 5 Plan 2024-2027 för äldreomsorg\n\nKommunstyrelsen beslutar att anta planen.\n\n"
        "§ 6 Fortsatt arbete med budgeten\n\nKommunstyrelsen beslutar att fortsätta arbetet.\n",
        "Kommunstyrelsen: Sammanträdesprotokoll 2026-06-01\n§ 7 Övriga frågor\n\nInga frågor.\n",
    ]
    sections = split_pages(pages)
    assert section_of(sections, "anta planen") == "§ 5 Plan 2024-2027 för äldreomsorg"
    assert section_of(sections, "fortsätta arbetet") == "§ 6 Fortsatt arbete med budgeten"
