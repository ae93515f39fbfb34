"""Build real PDFs, Word files and broken files for tests, so no binary fixtures are checked in.

Every ``make_*`` helper writes to the given path and returns it. PDFs are drawn with reportlab
on a plain canvas so that page boundaries are exact: ``pages[i]`` is physical page ``i + 1``.

Paragraph mini-syntax for ``make_report_pdf``: a paragraph starting with ``"# "`` is drawn as a
bold heading (without the ``#``); a ``"\\n"`` inside a paragraph forces a line break there (used
to put a hyphenated word across a line end, as in ``"social-\\npsykiatriska"``).
"""

from __future__ import annotations

import io
import random
import zipfile
import zlib
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Table, TableStyle

_DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")

DEFAULT_HEADER = "Malmö stad  Tjänsteskrivelse  Diarienummer: ASN-2019-10547"
DEFAULT_FOOTER = "Sida {n} av {total}"

# Facts that occur on exactly one page of the default report, so tests can check page numbers.
FACT_PAGE_1 = (
    "Arbetsmarknads- och socialförvaltningen har beviljats 5 409 000 kr i stimulansmedel för år 2019."
)
FACT_PAGE_2 = "Mottagningsteamet i Fosie tog emot 412 nya ärenden under hösten 2019."
FACT_PAGE_3 = "Brukarrådet i Kirseberg sammanträdde elva gånger under år 2019."
HYPHENATED_WORD = "socialpsykiatriska"  # written as "social-" at a line end + "psykiatriska"

DEFAULT_PAGES: list[list[str]] = [
    [
        "# Sammanfattning",
        "Malmö stad har beviljats statliga stimulansmedel inom området psykisk hälsa för år 2019. "
        + FACT_PAGE_1
        + " Nämnden redogör för hur medlen har använts och presenterar en handlingsplan för år 2020.",
        "Rapporten överlämnas till funktionsstödsnämnden, som ansvarar för Malmö stads samlade "
        "återrapportering till Sveriges Kommuner och Regioner.",
        "# FOKUSOMRÅDE 1 – Förebyggande och främjande insatser",
        "Arbetet med den psykiska hälsan fortsätter. Under året har det social-\n"
        "psykiatriska teamet genomfört uppsökande insatser i samtliga stadsområden.",
    ],
    [
        "# FOKUSOMRÅDE 2 – Tillgängliga, tidiga insatser",
        FACT_PAGE_2 + " Väntetiden till ett första samtal var i genomsnitt nio dagar.",
        "Fördelningen av stimulansmedlen per verksamhet framgår av tabellen nedan.",
    ],
    [
        "# FOKUSOMRÅDE 3 – Enskildas delaktighet och rättigheter",
        FACT_PAGE_3 + " Rådet har bland annat granskat förslaget till ny riktlinje för boendestöd.",
        "Samverkan mellan arbetsmarknads- och socialförvaltningen och Region Skåne har fördjupats "
        "genom gemensamma utbildningsdagar för personal inom öppenvård och slutenvård.",
        "# Förslag till beslut",
        "Arbetsmarknads- och socialnämnden godkänner rapporten och skickar den till funktionsstödsnämnden.",
    ],
]

DEFAULT_TABLE: list[list[str]] = [
    ["Verksamhet", "Belopp 2019 (kr)", "Ansvarig"],
    ["Socialpsykiatriska teamet", "2 150 000", "Avdelning Individ och familj"],
    ["Mottagningsteamet Fosie", "1 759 000", "Avdelning Mottagning"],
    ["Brukarinflytande", "1 500 000", "Avdelning Stöd"],
    ["Summa", "5 409 000", ""],
]

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 56.0
BODY_SIZE = 11.0
HEADING_SIZE = 13.0
LEADING = 15.0


# The opening page of a nämnd's review (four short sections): a place a later page names only in a
# table's column names is then no name the document opens with, as in a real report.
REVIEW_OPENING = [
    "# 1 Inledning",
    "Kommunstyrelsen har gett socialnämnden i uppdrag att ta fram en genomlysning av verksamheten.",
    "# 1.1 Syfte",
    "Syftet är att hitta områden där verksamheten kan bli mer effektiv under de kommande två åren.",
    "# 1.2 Metod",
    "Genomlysningen bygger på nyckeltal från Kolada och på intervjuer med enhetschefer.",
    "# 1.3 Avgränsning",
    "Äldreomsorgen ingår inte, eftersom den granskas i en egen genomlysning.",
]


def _fonts() -> tuple[str, str]:
    """Return (regular, bold) font names, registering DejaVu Sans when it is installed."""
    regular, bold = _DEJAVU_DIR / "DejaVuSans.ttf", _DEJAVU_DIR / "DejaVuSans-Bold.ttf"
    if regular.is_file() and bold.is_file():
        registered = pdfmetrics.getRegisteredFontNames()
        if "DejaVuSans" not in registered:
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
        if "DejaVuSans-Bold" not in registered:
            pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
        return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"  # standard fonts use WinAnsi, which covers å ä ö


def _encryption(user_password: str | None, owner_password: str | None) -> StandardEncryption | None:
    if user_password is None and owner_password is None:
        return None
    # RC4 128-bit: pypdf decrypts it without optional crypto packages.
    return StandardEncryption(user_password or "", ownerPassword=owner_password or None, strength=128)


def _draw_table(
    canvas: Canvas, rows: list[list[str]], top: float, font: str, bold: str, valign: str = "BOTTOM"
) -> float:
    """Draw ``rows`` as a gridded reportlab Table with its top at ``top``; return its bottom y.
    A cell of several lines ("a\\nb") stands at the bottom of its row (reportlab's default) or,
    with ``valign="TOP"``, at its top as in a word processor's table."""
    table = Table(rows, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("FONTNAME", (0, 0), (-1, 0), bold),
                ("FONTSIZE", (0, 0), (-1, -1), 10),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), valign),
            ]
            # figures stand right-aligned, text left-aligned as in an office document
            + (
                [("ALIGN", (1, 1), (1, -1), "RIGHT")]
                if any(any(ch.isdigit() for ch in r[1]) for r in rows[1:])
                else []
            )
        )
    )
    _, height = table.wrapOn(canvas, PAGE_WIDTH - 2 * MARGIN, top - MARGIN)
    table.drawOn(canvas, MARGIN, top - height)
    return top - height


def make_report_pdf(
    path: Path,
    *,
    pages: list[list[str | list[list[str]]]] | None = None,
    header: str = DEFAULT_HEADER,
    footer_fmt: str = DEFAULT_FOOTER,
    table: list[list[str]] | None = None,
    table_page: int = 2,
    title: str | None = None,
    user_password: str | None = None,
    owner_password: str | None = None,
    standard_fonts: bool = False,
    stamp: str | None = None,
    table_valign: str = "BOTTOM",
) -> Path:
    """Write a multi-page A4 report with a header and footer on every page.

    ``pages`` lists the paragraphs of each page (default: a three-page Swedish municipal report);
    a paragraph that is a list of rows is drawn there as a gridded table, and one with tabs
    ("Jonas Berg\tEva Lind\nordförande\tvice ordförande") as lines whose parts stand in columns.
    ``table`` (default: a budget table, only when ``pages`` is also defaulted) is drawn as a grid
    after the paragraphs of the 1-based page ``table_page``. ``title`` goes above page 1's text
    and into the PDF metadata. ``stamp`` is set up the right margin of every page, turned a
    quarter, as e-signing services stamp a signed document.
    """
    if pages is None:
        pages = DEFAULT_PAGES
        if table is None:
            table = DEFAULT_TABLE
    # ``standard_fonts``: Helvetica, as most office-made PDFs have a font pypdf's layout reading
    # can place (it loses the text of reportlab's embedded DejaVu subset; planchat then falls
    # back to the plain reading).
    font, bold = ("Helvetica", "Helvetica-Bold") if standard_fonts else _fonts()
    canvas = Canvas(str(path), pagesize=A4, encrypt=_encryption(user_password, owner_password))
    if title:
        canvas.setTitle(title)
    canvas.setAuthor("Malmö stad")
    width = PAGE_WIDTH - 2 * MARGIN
    total = len(pages)
    for number, paragraphs in enumerate(pages, start=1):
        canvas.setFont(font, 9)
        canvas.drawString(MARGIN, PAGE_HEIGHT - 36, header)
        y = PAGE_HEIGHT - MARGIN - 20
        if title and number == 1:
            canvas.setFont(bold, 16)
            canvas.drawString(MARGIN, y, title)
            y -= 2 * LEADING
        for k, paragraph in enumerate(paragraphs):
            if isinstance(paragraph, list):  # a table among the paragraphs
                y = _draw_table(canvas, paragraph, y, font, bold, table_valign) - LEADING
                continue
            if stamp and k == 2:  # turned by its text matrix, set amid the page's text
                text = canvas.beginText()
                text.setTextTransform(0, 1, -1, 0, PAGE_WIDTH - 24, y)
                text.setFont(font, 7)
                text.textOut(stamp)
                canvas.drawText(text)
            is_heading = paragraph.startswith("# ")
            text = paragraph[2:] if is_heading else paragraph
            name, size = (bold, HEADING_SIZE) if is_heading else (font, BODY_SIZE)
            canvas.setFont(name, size)
            if "\t" in text:  # parts set side by side in columns, as a cover card or signatures
                rows = [line.split("\t") for line in text.split("\n")]
                step = width / max(len(r) for r in rows)
                for row in rows:
                    for col, part in enumerate(row):
                        canvas.drawString(MARGIN + col * step, y, part)
                    y -= LEADING
                y -= LEADING / 2
                continue
            for line in simpleSplit(text, name, size, width):
                canvas.drawString(MARGIN, y, line)
                y -= LEADING
            y -= LEADING / 2
        if table and number == table_page:
            _draw_table(canvas, table, y, font, bold)
        canvas.setFont(font, 9)
        canvas.drawCentredString(PAGE_WIDTH / 2, 28, footer_fmt.format(n=number, total=total))

        canvas.showPage()
    canvas.save()
    return path


def finish_with_body(canvas: Canvas, path: Path, lines: list[str], pages: int = 2) -> Path:
    """After a cover drawn by the test: ``pages`` pages of body text (each line marked with its
    page, "(avsnitt 1)"), in 10 pt Helvetica as a body is set; the PDF saved."""
    for page in range(pages):
        canvas.setFont("Helvetica", 10)
        y = A4[1] - 90
        for line in lines:
            canvas.drawString(72, y, f"{line} (avsnitt {page + 1})")
            y -= 16
        canvas.showPage()
    canvas.save()
    return path


def make_image_only_pdf(path: Path, *, pages: int = 2) -> Path:
    """Write a PDF whose pages hold only vector shapes and a bitmap: no text layer at all."""
    from PIL import Image  # reportlab depends on Pillow

    canvas = Canvas(str(path), pagesize=A4)
    rng = random.Random(7)
    bitmap = Image.new("L", (120, 160), color=255)
    for x in range(0, 120, 3):
        for y in range(0, 160, 5):
            bitmap.putpixel((x, y), rng.randrange(0, 120))
    for _ in range(pages):
        canvas.setStrokeColor(colors.black)
        canvas.rect(MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN, PAGE_HEIGHT - 2 * MARGIN)
        for row in range(30):  # grey bars that look like lines of scanned text
            canvas.setFillColor(colors.Color(0.3, 0.3, 0.3))
            canvas.rect(
                MARGIN + 10, PAGE_HEIGHT - 120 - row * 18, 300 + (row * 37) % 150, 8, fill=1, stroke=0
            )
        canvas.circle(PAGE_WIDTH - 120, 120, 40)
        canvas.drawInlineImage(bitmap, MARGIN + 20, 80, width=120, height=160)
        canvas.showPage()
    canvas.save()
    return path


def make_truncated_pdf(path: Path, *, keep: float = 0.4) -> Path:
    """Write the default report PDF cut to ``keep`` (default 40 %) of its bytes."""
    make_report_pdf(path)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def make_random_bytes(path: Path, n: int = 4096, seed: int = 1) -> Path:
    path.write_bytes(random.Random(seed).randbytes(n))
    return path


def _png_bytes() -> bytes:
    """A small, valid 8x8 greyscale PNG."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return len(body).to_bytes(4, "big") + kind + body + crc.to_bytes(4, "big")

    ihdr = (8).to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])
    raw = b"".join(b"\x00" + bytes(range(i * 8, i * 8 + 8)) for i in range(8))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    )


def make_renamed_binary(path: Path, kind: str = "png") -> Path:
    """Write binary content of another type (``"png"``, ``"zip"`` or ``"elf"``) under ``path``."""
    if kind == "png":
        data = _png_bytes()
    elif kind == "zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("bilaga.csv", "Verksamhet;Belopp\nBoendestöd;1500000\n")
        data = buffer.getvalue()
    elif kind == "elf":
        data = b"\x7fELF\x02\x01\x01\x00" + bytes(8) + random.Random(3).randbytes(2000)
    else:
        raise ValueError(f"unknown binary kind {kind!r}")
    path.write_bytes(data)
    return path


def make_empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


LATIN1_TEXT = (
    "Handlingsplan för socialpsykiatri i Malmö\n"
    "\n"
    "Målet är att öka tillgängligheten till stöd för personer med psykisk ohälsa.\n"
    "Särskilt fokus läggs på boendestöd och sysselsättning år 2018.\n"
)


def make_latin1_text(path: Path, text: str = LATIN1_TEXT, *, encoding: str = "cp1252") -> Path:
    """Write Swedish text in a legacy single-byte encoding (cp1252 by default) with CRLF newlines."""
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


DOCX_TABLE: list[list[str]] = [
    ["Insats", "Belopp (kr)", "År"],
    ["Boendestöd", "1 500 000", "2020"],
    ["Sysselsättning", "750 000", "2020"],
]


def make_docx(
    path: Path,
    *,
    title: str = "Handlingsplan psykisk hälsa 2020",
    heading: str = "Fokusområde 1 – Förebyggande insatser",
    paragraphs: list[str] | None = None,
    bullets: list[str] | None = None,
    table: list[list[str]] | None = None,
    merged_row: str | None = "Summa 2 250 000 kr",
) -> Path:
    """Write a Word file: title, a level-1 heading, paragraphs, a bullet list and a small table.

    ``merged_row`` adds a last table row whose cells are merged into one (None: no such row).
    """
    import docx

    if paragraphs is None:
        paragraphs = [
            "Malmö stad fördelar stimulansmedel till förebyggande och främjande insatser.",
            "Insatserna följs upp av arbetsmarknads- och socialförvaltningen varje kvartal.",
        ]
    if bullets is None:
        bullets = ["Öka tillgången till boendestöd", "Stärka brukarinflytandet"]
    if table is None:
        table = DOCX_TABLE
    document = docx.Document()
    document.add_heading(title, level=0)
    document.add_heading(heading, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    for text in bullets:
        document.add_paragraph(text, style="List Bullet")
    document.add_heading("Budget", level=2)
    columns = max(len(row) for row in table)
    grid = document.add_table(rows=len(table) + (1 if merged_row else 0), cols=columns)
    for r, row in enumerate(table):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value
    if merged_row:
        last = len(table)
        merged = grid.cell(last, 0).merge(grid.cell(last, columns - 1))
        merged.text = merged_row
    document.add_paragraph("Beslutet skickas till funktionsstödsnämnden.")
    document.save(str(path))
    return path


def make_bad_folder(directory: Path) -> dict[str, str]:
    """Fill ``directory`` with one file of each bad kind and a few good ones.

    Returns ``{filename: "bad" | "good"}``.
    """
    directory.mkdir(parents=True, exist_ok=True)
    make_empty(directory / "empty.pdf")
    make_truncated_pdf(directory / "truncated.pdf")
    make_random_bytes(directory / "random.pdf")
    make_renamed_binary(directory / "renamed-png.pdf", "png")
    make_report_pdf(directory / "encrypted-user.pdf", user_password="hemligt", owner_password="agare-2019")
    make_image_only_pdf(directory / "image-only.pdf")
    make_renamed_binary(directory / "unsupported.xlsx", "zip")
    make_report_pdf(
        directory / "good.pdf",
        pages=[["# Sammanfattning", "En kort rapport om boendestöd i Malmö stad år 2020."]],
    )
    make_latin1_text(directory / "latin1.txt")
    make_report_pdf(directory / "owner-only.pdf", owner_password="agare-2019")
    make_docx(directory / "good.docx")
    return {
        "empty.pdf": "bad",
        "truncated.pdf": "bad",
        "random.pdf": "bad",
        "renamed-png.pdf": "bad",
        "encrypted-user.pdf": "bad",
        "image-only.pdf": "bad",
        "unsupported.xlsx": "bad",
        "good.pdf": "good",
        "latin1.txt": "good",
        "owner-only.pdf": "good",
        "good.docx": "good",
    }


def make_two_column_pdf(
    path: Path, left: list[str], right: list[str], *, header: str = "Lunda kommun  Strategi", title: str = ""
) -> Path:
    """One A4 page set in two text columns (a brochure), with a running header and a page number."""
    return make_columns_pdf(path, [left, right], header=header, title=title)


def make_columns_pdf(
    path: Path,
    columns: list[list[str]],
    *,
    header: str = "Lunda kommun  Strategi",
    title: str = "",
    justify: bool = False,
    gap: float = 24,
) -> Path:
    """One A4 page set in text columns (a brochure, a magazine's three or four columns), with a
    running header and a page number. ``justify`` spreads each line's words over the column's
    width, as justified type sets them (the last line of a paragraph stays ragged)."""
    font, bold = "Helvetica", "Helvetica-Bold"
    canvas = Canvas(str(path), pagesize=A4)
    col_width = (PAGE_WIDTH - 2 * MARGIN - gap * (len(columns) - 1)) / len(columns)
    canvas.setFont(font, 9)
    canvas.drawString(MARGIN, PAGE_HEIGHT - 36, header)
    top = PAGE_HEIGHT - MARGIN - 20
    if title:
        canvas.setFont(bold, 16)
        canvas.drawString(MARGIN, top, title)
        top -= 2 * LEADING
    for n, paragraphs in enumerate(columns):
        x = MARGIN + n * (col_width + gap)
        y = top
        canvas.setFont(font, BODY_SIZE)
        for paragraph in paragraphs:
            lines = simpleSplit(paragraph, font, BODY_SIZE, col_width * (0.8 if justify else 1.0))
            for k, line in enumerate(lines):
                words = line.split()
                if justify and k < len(lines) - 1 and len(words) > 1:
                    # Each word placed on its own, spread over the column's width (set in a
                    # narrower measure first, so the gaps come out wide, as in a narrow column).
                    free = col_width - sum(canvas.stringWidth(w, font, BODY_SIZE) for w in words)
                    at = x
                    for w in words:
                        canvas.drawString(at, y, w)
                        at += canvas.stringWidth(w, font, BODY_SIZE) + free / (len(words) - 1)
                else:
                    canvas.drawString(x, y, line)
                y -= LEADING
            y -= LEADING / 2
    canvas.setFont(font, 9)
    canvas.drawCentredString(PAGE_WIDTH / 2, 28, "Sida 1 av 1")
    canvas.showPage()
    canvas.save()
    return path
