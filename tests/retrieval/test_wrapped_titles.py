"""A heading wrapped after a conjunction or preposition ("… partnerskap (IOP) med" +
"Gröna Gårdens intresseförening", "1.1 Samverkan med" + "Region Västra Götaland") is one heading, even
when its second line starts with a capital: the whole title is every passage's section, so a
question that names what the title names is answered from the § or chapter, and the second line
is not read as the first words of its text. A line after a heading that ends a sentence, or a
heading that ends in a full word, stays apart. The PDFs are made by the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import parse_file
from retrieval.service import Planchat
from tests import pdfgen

pytestmark = pytest.mark.slow

PROTOKOLL = [
    [
        "Socialnämnden",
        "Protokoll",
        "2026-06-16",
        "Plats och tid Rådhuset, kl. 14:00-16:30",
        "Beslutande Anna Berg (S) (ordförande), Olle Lind (M)",
        "§ 36  2026.081 SN",
        "Ekonomisk uppföljning 2026",
        "Ärendebeskrivning",
        "Förvaltningen redovisar en prognos för helåret med ett underskott om 2,1 mnkr.",
        "Beslut",
        "Socialnämnden beslutar att godkänna uppföljningen.",
    ],
    [
        "§ 37  2026.089 SN",
        "Överenskommelse om idéburet offentligt partnerskap (IOP) med\nGröna Gårdens intresseförening",
        "Ärendebeskrivning",
        "Föreningen driver arbetslivsinriktad verksamhet på en gård utanför tätorten sedan 2014.",
        "Beslut",
        "Socialnämnden beslutar att ingå överenskommelsen för perioden 2027-2029.",
    ],
]
REPORT = [
    [
        "# 1 Inledning",
        "Rapporten beskriver förvaltningens arbete under året och dess ekonomiska utfall i sammandrag.",
        "# 1.1 Samverkan med\nRegion Västra Götaland",
        "Kommunen och regionen har träffats 14 gånger under året i den gemensamma ledningsgruppen.",
    ],
    [
        "# 1.2 Ekonomi",
        "Årets resultat blev ett överskott om 1,4 mnkr mot budget.",
        "# 1.3 Framtid",
        "Förvaltningen planerar att anställa två revisorer under nästa år.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "wrapped-titles",
        {"son-protokoll.pdf": ("Socialnämndens protokoll", PROTOKOLL)},
    )


def test_a_protokoll_title_wrapped_after_med_names_its_partner(svc: Planchat) -> None:
    answer = svc.ask("Vad beslutade socialnämnden om överenskommelsen med Gröna Gårdens intresseförening?")
    assert answer.answered, answer.text
    assert "2027-2029" in answer.text, answer.text
    [citation] = answer.citations
    assert "Gröna Gårdens intresseförening" in citation.passage.section


def test_the_second_line_of_the_title_is_not_text(tmp_path: Path) -> None:
    pdf = pdfgen.make_report_pdf(
        tmp_path / "son.pdf", pages=PROTOKOLL, title="Protokoll", standard_fonts=True
    )
    doc = parse_file(pdf)
    sections = {p.section.split(" › ")[0] for p in doc.passages}
    assert (
        "§ 37 Överenskommelse om idéburet offentligt partnerskap (IOP) med Gröna Gårdens intresseförening"
        in sections
    )
    assert not any(p.text.splitlines()[-1] == "Gröna Gårdens intresseförening" for p in doc.passages)
    # A title that ends in a full word keeps the line after it apart.
    assert "§ 36 Ekonomisk uppföljning 2026" in sections


def test_a_numbered_heading_wrapped_after_med_is_one_heading(tmp_path: Path) -> None:
    pdf = pdfgen.make_report_pdf(
        tmp_path / "rapport.pdf", pages=REPORT, title="Årsrapport", standard_fonts=True
    )
    doc = parse_file(pdf)
    [meetings] = [p for p in doc.passages if "14 gånger" in p.text]
    assert meetings.section.endswith("Samverkan med Region Västra Götaland"), meetings.section
    assert not meetings.text.startswith("Region Västra Götaland")
    [result] = [p for p in doc.passages if "1,4 mnkr" in p.text]
    assert result.section.endswith("Ekonomi"), result.section
