"""A cover that sets a plan's name in the largest type under a smaller lead the name completes
("Detaljplan för" / "STORÄNGEN") is titled by both: "Detaljplan för Storängen", the words a
reader and a question use for it. A smaller line above the name that does not lead into it (the
kommun's name) stays out of the title. A title that only names the kind of document
("Beslutsunderlag", "Utlåtande") is read with the subject the cover gives under it, but not with
who wrote it nor the plan's stage ("Granskningshandling"). A covering letter's heading ("Missiv till
kommunstyrelsen") is read with the title the PDF's document information names, when the opening
says it ("Missiv: Granskning av …"): not an application's default nor a template's field. The PDFs are made by the test."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from ingest.pipeline import parse_file
from tests import pdfgen

BODY = [
    "Planområdet ligger norr om centrum och omfattar drygt 12 hektar.",
    "Syftet med planen är att pröva bostäder i två till fyra våningar.",
    "Genomförandetiden är 10 år från den dag planen vinner laga kraft.",
]


def _with_body(canvas: Canvas, path: Path) -> Path:
    """Two pages of body text after the cover, and the PDF saved."""
    return pdfgen.finish_with_body(canvas, path, BODY)


def _cover_pdf(
    path: Path,
    above: str,
    name: str,
    below: tuple[str, ...] = ("Antagandehandling 2026-03-12",),
    info_title: str | None = None,
) -> Path:
    canvas = Canvas(str(path), pagesize=A4)
    if info_title is not None:
        canvas.setTitle(info_title)
    width, height = A4
    y = height - 120
    canvas.setFont("Helvetica", 14)
    canvas.drawString(72, y, above)
    canvas.setFont("Helvetica-Bold", 30)
    canvas.drawString(72, y - 40, name)
    canvas.setFont("Helvetica", 14)
    for k, line in enumerate(below):
        canvas.drawString(72, y - 70 - 20 * k, line)
    canvas.showPage()
    return _with_body(canvas, path)


def test_a_lead_line_ending_in_a_preposition_is_part_of_the_title(tmp_path: Path) -> None:
    doc = parse_file(_cover_pdf(tmp_path / "plan.pdf", "Detaljplan för", "STORÄNGEN")).document
    assert doc.title == "Detaljplan för Storängen"


def test_a_line_above_that_does_not_lead_into_the_name_is_not(tmp_path: Path) -> None:
    doc = parse_file(_cover_pdf(tmp_path / "plan.pdf", "Norrby kommun", "STORÄNGEN")).document
    assert doc.title == "Storängen"


def test_a_title_naming_only_the_kind_is_read_with_its_subject(tmp_path: Path) -> None:
    below = ("Markanvisningstävling 2,", "Stadsskogen E4", "2026-05-04")
    doc = parse_file(
        _cover_pdf(tmp_path / "underlag.pdf", "Alingsås kommun", "Beslutsunderlag", below)
    ).document
    assert doc.title == "Beslutsunderlag: Markanvisningstävling 2, Stadsskogen E4"


def test_who_wrote_it_or_the_plans_stage_is_no_subject(tmp_path: Path) -> None:
    doc = parse_file(
        _cover_pdf(tmp_path / "a.pdf", "Norrby", "Planbeskrivning", ("Granskningshandling",))
    ).document
    assert doc.title == "Planbeskrivning"
    doc = parse_file(_cover_pdf(tmp_path / "b.pdf", "Norrby", "Utlåtande", ("Norrby kommun",))).document
    assert doc.title == "Utlåtande"


MISSIV = (
    "Revisorerna har avslutat granskningen av skolskjutsar och",
    "elevresor i Norrby kommun och lämnar följande rekommendationer.",
)


BODY_LINES = ("Revisorerna översänder härmed årsrapporten för 2025.", "Rapporten har behandlats i juni.")


def _title_under(tmp_path: Path, heading: str, info_title: str) -> str:
    """The title of a letter whose cover sets ``heading`` and whose document information names
    ``info_title``."""
    pdf = _cover_pdf(tmp_path / "letter.pdf", "Stadsrevisionen", heading, MISSIV, info_title=info_title)
    return parse_file(pdf).document.title


def test_a_covering_letters_heading_is_read_with_the_documents_own_title(tmp_path: Path) -> None:
    title = _title_under(tmp_path, "Missiv till kommunstyrelsen", "Granskning av skolskjutsar och elevresor")
    assert title == "Missiv: Granskning av skolskjutsar och elevresor"


def test_an_information_title_the_opening_does_not_say_is_not_taken(tmp_path: Path) -> None:
    # An application's or a template's title; a single word. The letter's first sentence names
    # what was audited instead.
    for info in ("Microsoft Word - missiv.docx", "Föreskriftens namn", "Revisorerna"):
        title = _title_under(tmp_path, "Missiv till kommunstyrelsen", info)
        assert title == "Missiv: Granskning av skolskjutsar och elevresor i Norrby kommun", info


def test_a_letter_that_names_no_audit_keeps_its_heading(tmp_path: Path) -> None:
    pdf = _cover_pdf(tmp_path / "letter.pdf", "Stadsrevisionen", "Missiv till kommunstyrelsen", BODY_LINES)
    assert parse_file(pdf).document.title == "Missiv till kommunstyrelsen"


def test_a_title_that_names_its_subject_keeps_it(tmp_path: Path) -> None:
    assert (
        _title_under(tmp_path, "Skolskjutsplan", "Granskning av skolskjutsar och elevresor")
        == "Skolskjutsplan"
    )


def _broken_title_pdf(path: Path, lines: list[list[str]]) -> Path:
    """A cover whose title is set on several lines, each line's parts drawn one after the other
    (as a layout program sets a word broken at a hyphen: the word, then the hyphen)."""
    canvas = Canvas(str(path), pagesize=A4)
    width, height = A4
    y = height - 120
    for parts in lines:
        x = 72.0
        canvas.setFont("Helvetica-Bold", 30)
        for part in parts:
            canvas.drawString(x, y, part)
            x += canvas.stringWidth(part, "Helvetica-Bold", 30) + 2
        y -= 40
    canvas.showPage()
    return _with_body(canvas, path)


def test_a_title_word_broken_at_a_hyphen_is_one_word(tmp_path: Path) -> None:
    """A title word the cover breaks over two lines ("Kompetens-" / "försörjningsplan") is the word
    questions name ("kompetensförsörjningsplanen"); "barn- och ungdomsnämnden" keeps its hyphen,
    as does "VA-" / "lösning" after capitals."""
    pdf = _broken_title_pdf(
        tmp_path / "plan.pdf",
        [["Kompetens", "-"], ["försörjningsplan för barn", "-"], ["och ungdomsnämnden"]],
    )
    assert parse_file(pdf).document.title == "Kompetensförsörjningsplan för barn- och ungdomsnämnden"
    pdf = _broken_title_pdf(tmp_path / "va.pdf", [["Ny VA", "-"], ["lösning för Norrby"]])
    assert parse_file(pdf).document.title == "Ny VA-lösning för Norrby"
