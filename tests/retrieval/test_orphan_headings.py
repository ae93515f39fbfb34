"""A line read as a heading that heads no text, because the next heading stands at its level or
above, is still text. A report's cover sets "Kommunfullmäktige" and "Handling 2026 nr 80" above
its title; a protokoll lists its § titles before the first §; a document may end on such a
line. Each of them used to open a section that the next heading replaced at once, so its words
stood in no passage and no section: search could not find them and no answer could quote them.
The PDF is made by the test."""

from __future__ import annotations

import pytest

from ingest.models import Page
from ingest.split import split_passages
from retrieval.service import Planchat
from tests import pdfgen

COVER = [
    "Kommunfullmäktige",
    "Handling 2026 nr 80",
    "Revisionsberättelse för år 2025",
    "Revisorerna har granskat den verksamhet som bedrivits i kommunstyrelsen och nämnderna under "
    "året. Revisorerna tillstyrker att kommunfullmäktige beviljar ansvarsfrihet.",
]


def _passages(lines: list[str]) -> list[tuple[str, str]]:
    return [(p.section, p.text) for p in split_passages("d", [Page(1, "\n\n".join(lines))], markdown=False)]


def test_the_lines_above_a_title_are_text_under_the_section_they_stand_in() -> None:
    passages = _passages(COVER)
    holding = [(section, text) for section, text in passages if "Handling 2026 nr 80" in text]
    assert holding, passages
    section, text = holding[0]
    assert "Kommunfullmäktige" in text
    # Not under the title that follows them, which still heads the body.
    assert section == ""
    assert ("Revisionsberättelse för år 2025", COVER[3]) in passages


def test_a_heading_that_ends_the_document_is_text() -> None:
    text = "# Handlingsplan\n\nPlanen gäller 2026.\n\n## Kontakt\n\nAnna Berg, samordnare\n\n## Reviderad 2026-03-02\n"
    passages = [(p.section, p.text) for p in split_passages("d", [Page(None, text)], markdown=True)]
    assert any(text == "Reviderad 2026-03-02" for _, text in passages), passages


def test_a_chapter_heading_over_its_first_section_is_no_text() -> None:
    # A chapter's title right before its first section's heading heads that section.
    passages = _passages(
        [
            "1 SAMMANFATTNING",
            "1.1 Resultat",
            "Årets resultat blev 12 miljoner kronor, vilket är bättre än budget.",
        ]
    )
    assert passages == [
        (
            "1 SAMMANFATTNING › 1.1 Resultat",
            "Årets resultat blev 12 miljoner kronor, vilket är bättre än budget.",
        )
    ]


@pytest.mark.slow
def test_search_finds_a_cover_line_and_its_page(
    tmp_path_factory: pytest.TempPathFactory, service_over
) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path_factory.mktemp("orphan-headings-src")
    pages: list[list[str | list[list[str]]]] = [
        list(COVER),
        [
            "# Granskningens inriktning",
            "Granskningen har omfattat intern kontroll, måluppfyllelse och ekonomisk redovisning.",
        ],
    ]
    pdfgen.make_report_pdf(src / "revisionsberattelse.pdf", pages=pages, standard_fonts=True)
    svc: Planchat = service_over(src)
    hits = svc.search("Handling 2026 nr 80", k=3)
    assert "Handling 2026 nr 80" in hits[0].passage.text
    assert hits[0].passage.page == 1
