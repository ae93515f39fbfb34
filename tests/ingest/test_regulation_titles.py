"""What a document's card says it is, for regulations and minutes whose covers mislead a plain
reading. A regulation's cover sets the series it is published in ("Boverkets
författningssamling", a kommun's own too) in the largest type: its title is the regulation's own,
from the document information when the opening says it, else from the opening's heading. A title
set in large type that opens in lower case goes on from the line above it. A serial's number
(ISSN) or a body's name before a day ("KF 2024-11-06") is no diarienummer. A protokoll whose
body's name a narrow cell broke ("Samhällsbyggnadsnämn" over "den") is that body's protokoll.
The PDFs are made by the test."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from ingest.metadata import extract_metadata
from ingest.pipeline import parse_file
from tests import pdfgen

BODY = [
    "1 § Dessa föreskrifter gäller för hämtning av hushållsavfall i kommunen.",
    "2 § Avfallet ska hämtas minst varannan vecka under hela året.",
    "3 § Kärlet ska ställas vid tomtgränsen senast klockan 06.00 på hämtningsdagen.",
]


def _pdf(path: Path, cover: list[tuple[int, str]], info_title: str | None = None) -> Path:
    """A cover of (type size, line) pairs, then two pages of body text."""
    canvas = Canvas(str(path), pagesize=A4)
    if info_title is not None:
        canvas.setTitle(info_title)
    y = A4[1] - 100
    for size, line in cover:
        canvas.setFont("Helvetica-Bold" if size > 20 else "Helvetica", size)
        canvas.drawString(72, y, line)
        y -= size + 14
    canvas.setFont("Helvetica", 10)
    for line in BODY:
        canvas.drawString(72, y, line)
        y -= 16
    canvas.showPage()
    return pdfgen.finish_with_body(canvas, path, BODY)


REGULATION = [
    (30, "Norrby kommuns författningssamling"),
    (11, "Utgivare: Kommunledningskontoret"),
    (11, "ISSN 1650-3163"),
    (11, "Norrby kommuns föreskrifter om hämtning av avfall;"),
    (11, "beslutade den 3 september 2024."),
]


def test_a_regulation_is_titled_by_its_own_name_not_its_series(tmp_path: Path) -> None:
    named = "Norrby kommuns föreskrifter (2024:2) om hämtning av avfall"
    doc = parse_file(_pdf(tmp_path / "a.pdf", REGULATION, info_title=named)).document
    assert doc.title == named
    # No document information (or an application's, or one cut short): the opening's heading.
    for info in (None, "Microsoft Word - NKFS 2024-2.docx", "Norrby kommuns föreskrifter om häm..."):
        doc = parse_file(_pdf(tmp_path / "b.pdf", REGULATION, info_title=info)).document
        assert doc.title == "Norrby kommuns föreskrifter om hämtning av avfall", info


def test_a_regulation_heading_broken_over_lines_is_read_whole(tmp_path: Path) -> None:
    cover = [
        (30, "Myndigheten för avfalls författningssamling"),
        (11, "Myndigheten för avfall och återvinnings"),
        (11, "föreskrifter om hämtning av avfall och"),
        (11, "slamtömning1"),
        (11, "beslutade den 3 september 2024."),
    ]
    doc = parse_file(_pdf(tmp_path / "c.pdf", cover)).document
    assert (
        doc.title
        == "Myndigheten för avfall och återvinnings föreskrifter om hämtning av avfall och slamtömning"
    )


def test_a_series_with_no_regulation_heading_keeps_its_name(tmp_path: Path) -> None:
    cover = [(30, "Norrby kommuns författningssamling"), (11, "Utgivare: Kommunledningskontoret")]
    assert parse_file(_pdf(tmp_path / "d.pdf", cover)).document.title == "Norrby kommuns författningssamling"


def test_a_title_opening_in_lower_case_goes_on_from_the_line_above(tmp_path: Path) -> None:
    cover = [(14, "Norrby kommuns föreskrifter"), (30, "och allmänna råd om snöröjning")]
    doc = parse_file(_pdf(tmp_path / "e.pdf", cover)).document
    assert doc.title == "Norrby kommuns föreskrifter och allmänna råd om snöröjning"
    cover = [(14, "Norrby kommun"), (30, "Allmänna råd om snöröjning")]
    assert parse_file(_pdf(tmp_path / "f.pdf", cover)).document.title == "Allmänna råd om snöröjning"


def _dnr(text: str) -> object:
    return extract_metadata(text, Path("dokument.pdf"))["diarienummer"]


def test_a_serial_number_or_a_day_is_no_diarienummer() -> None:
    assert _dnr("Riktlinje\nISSN 1650-3163\nRiktlinjen gäller från 2026.") is None
    assert _dnr("Riktlinje\nEnligt styrmodellen (KF 2024-11-06, §149) ska nämnderna rapportera.") is None
    assert _dnr("Tjänsteskrivelse\nKS-2025-00512\nKommunstyrelsen föreslås besluta.") == "KS-2025-00512"
    assert _dnr("Tjänsteskrivelse\nÄrende ASN 2019 10547 om stimulansmedel.") == "ASN-2019-10547"


def test_a_protokoll_whose_bodys_name_a_cell_broke_is_that_bodys() -> None:
    text = (
        "Samhällsbyggnadsnämn\nden\nProtokoll\n2022-10-24\n§ 174  2021.527 SBN\nFramtida VA Bjärke\n"
        "Ärendebeskrivning\nNorra kommundelen har tre lokala vattenverk som behöver renoveras.\n"
    )
    meta = extract_metadata(text, Path("utdrag.pdf"))
    assert meta["title"] == "Samhällsbyggnadsnämndens protokoll 2022-10-24"
    assert meta["nämnd"] == "Samhällsbyggnadsnämnden"
