"""A list is read whole. Its lead ("… kring fyra övergripande fokusområden:") and all its points
stay in one passage while the passage has room, so "Vilka fokusområden …?" is answered with the
fourth point too, not three of four with the last one cut off into the next passage. Short lines
under a line that ends in a colon, with no bullets drawn ("Redogörelse av tre olika alternativ:" +
"Nollalternativ" + "Samfälld anläggning" + "Kommunalt ägande"), are that list's points: not
headings of sections of their own. A long list still splits at the passage limit. The PDFs are made
by the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import parse_file
from ingest.split import MAX_CHARS
from retrieval.service import Planchat
from tests import pdfgen

pytestmark = pytest.mark.slow

INTRO = (
    "Programmet utgör kommunens samlade viljeinriktning för att stärka förutsättningarna för idrott, "
    "rörelse och friluftsliv och ska vara vägledande för planering, prioritering och utvecklingsarbete "
    "i hela kommunkoncernen. Programmet riktar sig till samtliga nämnder och kommunala bolag och syftar "
    "till att skapa en gemensam målbild för arbetet med fysisk aktivitet bland invånarna i alla åldrar, "
    "i föreningslivet och i vardagen."
)
PROGRAM = [
    [
        "# Programmets inriktning",
        INTRO,
        "Programmet är uppbyggt kring fyra övergripande fokusområden:",
        "- Ett starkt och hållbart föreningsliv",
        "- Idrott och fysisk aktivitet på egen hand",
        "- Mötesplatser för fysisk aktivitet och idrott",
        "- Friluftsliv för alla",
        "Tillsammans speglar fokusområdena bredden i invånarnas behov och de arenor där aktivitet sker.",
    ],
    [
        "# Uppföljning",
        "Programmet följs upp vid halvtid och vid programperiodens slut av kultur- och fritidsnämnden.",
    ],
]
PIREN = [
    [
        "# Information om piren i Norrhamn",
        "Kommunen har erbjudits att köpa piren i Norrhamn. Skador efter stormarna vintern 2024 "
        "uppskattas kosta 1-2 mnkr att laga.",
        "Redogörelse av tre olika alternativ:\nNollalternativ\nSamfälld anläggning\nKommunalt ägande",
        "Nämnden tackar för informationen och återkommer i frågan under hösten.",
    ],
    [
        "# Övriga frågor",
        "Inga övriga frågor anmäldes till sammanträdet.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "whole-lists",
        {
            "idrottsprogram.pdf": ("Program för idrott och friluftsliv", PROGRAM),
            "piren.pdf": ("Information om piren i Norrhamn", PIREN),
        },
    )


def test_every_point_of_a_list_answers(svc: Planchat) -> None:
    answer = svc.ask("Vilka fokusområden har programmet för idrott och friluftsliv?")
    assert answer.answered, answer.text
    for point in ("föreningsliv", "på egen hand", "Mötesplatser", "Friluftsliv för alla"):
        assert point in answer.text, answer.text


def test_bare_lines_under_a_colon_are_its_list(svc: Planchat) -> None:
    answer = svc.ask("Vilka alternativ redovisades för piren i Norrhamn?")
    assert answer.answered, answer.text
    for point in ("Nollalternativ", "Samfälld anläggning", "Kommunalt ägande"):
        assert point in answer.text, answer.text


def test_bare_lines_are_no_sections(tmp_path: Path) -> None:
    doc = parse_file(
        pdfgen.make_report_pdf(tmp_path / "piren.pdf", pages=PIREN, title="Piren", standard_fonts=True)
    )
    [listed] = [p for p in doc.passages if "Kommunalt ägande" in p.text]
    assert "- Nollalternativ" in listed.text and "- Samfälld anläggning" in listed.text
    assert not any(p.section.endswith(("Nollalternativ", "Samfälld anläggning")) for p in doc.passages)
    # The text after the list is no point of it.
    assert "- Nämnden tackar" not in "\n".join(p.text for p in doc.passages)


def test_a_long_list_still_splits(tmp_path: Path) -> None:
    points = [
        f"- Åtgärd {n}: kommunen ska se över rutinerna för ärendehantering inom område {n}" for n in range(30)
    ]
    pages = [["# Åtgärder", "Nämnden har beslutat om följande åtgärder:", *points]]
    doc = parse_file(
        pdfgen.make_report_pdf(tmp_path / "lang.pdf", pages=pages, title="Åtgärder", standard_fonts=True)
    )
    listed = [p for p in doc.passages if "Åtgärd " in p.text]
    assert len(listed) >= 2
    assert all(len(p.text) <= MAX_CHARS for p in listed)
