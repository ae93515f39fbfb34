"""Where a quote stands in a text, and a cited PDF page as an image with the quote marked.

Used by the Streamlit app to show a citation at its source: the quoted sentence or table row in
bold within its passage, and the physical PDF page the passage came from (rendered with
pypdfium2, no network) with the quote under a translucent highlight. Pure functions, no
Streamlit; the app caches what they return.

The quote an answer gives is not always a verbatim piece of the page: the reader joins words
hyphenated across lines, folds whitespace, and a table row is stored with its column names
("Fosie Belopp 2019 (kr): 1 759 000"). So a quote is found by its letters and digits only, in
order: first whole, else as the longest runs it shares with the text (each at least
``MIN_RUN`` characters), provided those runs cover most of it.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

log = logging.getLogger("planchat.pages")

# A run shorter than this (letters and digits) is too common to mark on its own ("2019kr").
MIN_RUN = 6
# The runs found must cover this share of the quote, or nothing is marked (it is elsewhere).
MIN_COVERAGE = 0.6
# Two marked runs this close (in characters of the text) are marked as one, gap included.
JOIN_GAP = 40
# Rendered page width in pixels; a page is never rendered larger than MAX_SIDE on either side.
PAGE_WIDTH_PX = 1000
MAX_SIDE = 2400
# With the quote found, the image is the band of the page around it, at least this share of the
# page's height (the lines before and after it read as on the page); else the whole page.
BAND = 0.45
HIGHLIGHT = (255, 214, 0, 105)  # translucent yellow
HIGHLIGHT_EDGE = (230, 140, 0, 255)


def _folded(text: str) -> tuple[str, list[int]]:
    """Letters and digits of ``text`` in lower case, with the index in ``text`` of each."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isalnum():
            chars.append(ch.lower())
            where.append(i)
    return "".join(chars), where


def quote_spans(text: str, quote: str, *, join_lines: bool = True) -> list[tuple[int, int]]:
    """Character spans of ``text`` that hold ``quote`` (sorted, non-overlapping; [] when it is
    not there). A quote of several lines is looked for line by line. ``join_lines``: runs on
    different lines of ``text`` may be joined into one span (a sentence wrapped on a page);
    off for a table passage, whose lines are rows."""
    spans: list[tuple[int, int]] = []
    hay, where = _folded(text)
    if not hay:
        return []
    for line in (q for q in quote.splitlines() if q.strip()):
        needle, _ = _folded(line)
        if not needle:
            continue
        start = hay.find(needle)
        if start >= 0:
            found = [(where[start], where[start + len(needle) - 1] + 1)]
        else:
            matcher = SequenceMatcher(None, needle, hay, autojunk=False)
            blocks = [b for b in matcher.get_matching_blocks() if b.size >= min(MIN_RUN, len(needle))]
            if sum(b.size for b in blocks) < MIN_COVERAGE * len(needle):
                continue
            found = [(where[b.b], where[b.b + b.size - 1] + 1) for b in blocks]
        spans += _with_punctuation(text, line.strip(), found)
    return _joined(text, spans, join_lines)


def _with_punctuation(text: str, quote: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans widened over the punctuation the quote starts or ends with ("»", "."), where
    the text has it too (letters and digits alone found them)."""
    i, j = 0, len(quote)
    while i < j and not quote[i].isalnum():
        i += 1
    while j > i and not quote[j - 1].isalnum():
        j -= 1
    head, tail = quote[:i].strip(), quote[j:].strip()
    a, b = spans[0]
    if head and text[max(0, a - len(head)) : a] == head:
        spans[0] = (a - len(head), b)
    a, b = spans[-1]
    if tail and text[b : b + len(tail)] == tail:
        spans[-1] = (a, b + len(tail))
    return spans


def _joined(text: str, spans: list[tuple[int, int]], join_lines: bool) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out:
            pa, pb = out[-1]
            gap = text[pb:a]
            if a <= pb or (len(gap) <= JOIN_GAP and (join_lines or "\n" not in gap)):
                out[-1] = (pa, max(pb, b))
                continue
        out.append((a, b))
    return out


@dataclass(frozen=True)
class PageImage:
    """One rendered page (or the band of it around the quote): PNG bytes, the image's size, how
    many boxes mark the quote (0: not found) and whether the image is the whole page."""

    png: bytes
    width: int
    height: int
    marked: int
    whole_page: bool = True


def is_pdf(path: str | Path) -> bool:
    return Path(path).suffix.lower() == ".pdf"


def render_page(
    path: str | Path, page: int, quote: str = "", width_px: int = PAGE_WIDTH_PX, band: float | None = BAND
) -> PageImage | None:
    """Physical page ``page`` (1-based) of the PDF at ``path`` as a PNG, the quote highlighted;
    with ``band``, only the band of the page around the quote (the whole page when the quote
    is not found on it).

    None when the file is missing, is not a PDF pypdfium2 can open, or has no such page: the
    caller then shows the passage as text.
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError) as err:
        log.warning("planchat: cannot open %s for the page view: %s", Path(path).name, err)
        return None
    try:
        if not 1 <= page <= len(pdf):
            return None
        pdf_page = pdf[page - 1]
        try:
            return _render(pdf_page, quote, width_px, band)
        finally:
            pdf_page.close()
    except pdfium.PdfiumError as err:
        log.warning("planchat: cannot render page %d of %s: %s", page, Path(path).name, err)
        return None
    finally:
        pdf.close()


def _render(pdf_page: object, quote: str, width_px: int, band: float | None) -> PageImage:
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    assert isinstance(pdf_page, pdfium.PdfPage)
    w_pt, h_pt = pdf_page.get_size()
    rotated = pdf_page.get_rotation() in (90, 270)
    shown_w, shown_h = (h_pt, w_pt) if rotated else (w_pt, h_pt)
    scale = min(width_px / max(shown_w, 1.0), MAX_SIDE / max(shown_w, shown_h, 1.0))
    bitmap = pdf_page.render(scale=scale, may_draw_forms=True)
    image = bitmap.to_pil().convert("RGBA")
    boxes = _quote_boxes(pdf_page, quote, image.width, image.height) if quote.strip() else []
    if boxes:
        overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(overlay)
        pad = max(2, round(scale * 1.5))
        for left, top, right, bottom in boxes:
            draw.rectangle(
                (left - pad, top - pad, right + pad, bottom + pad), fill=HIGHLIGHT, outline=HIGHLIGHT_EDGE
            )
        image = Image.alpha_composite(image, overlay)
    whole = True
    if boxes and band:
        top, bottom = _band(image.height, min(b[1] for b in boxes), max(b[3] for b in boxes), band)
        if bottom - top < image.height:
            left, right = _ink_columns(image)
            image, whole = image.crop((left, top, right, bottom)), False
    out = io.BytesIO()
    image.convert("RGB").save(out, format="PNG", optimize=True)
    return PageImage(out.getvalue(), image.width, image.height, len(boxes), whole)


def _ink_columns(image: object) -> tuple[int, int]:
    """The page's columns from its leftmost to its rightmost ink, with a small margin (an
    excerpt need not show the page's white margins)."""
    from PIL import Image, ImageOps

    assert isinstance(image, Image.Image)
    box = ImageOps.invert(image.convert("L")).point(lambda v: 255 if v > 24 else 0).getbbox()
    if box is None:
        return 0, image.width
    margin = round(image.width * 0.02)
    return max(0, box[0] - margin), min(image.width, box[2] + margin)


def _band(height: int, top: int, bottom: int, share: float) -> tuple[int, int]:
    """Rows (top, bottom) of a band of at least ``share`` of ``height`` around [top, bottom],
    with a margin above and below the marks, kept within the image."""
    margin = round(height * 0.04)
    top, bottom = max(0, top - margin), min(height, bottom + margin)
    want = max(bottom - top, round(height * share))
    centre = (top + bottom) // 2
    start = max(0, min(centre - want // 2, height - want))
    return start, min(height, start + want)


def _page_text(textpage: object) -> str:
    """The text page's characters, one per character index (pdfium's generated line breaks too)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    assert isinstance(textpage, pdfium.PdfTextPage)
    n = textpage.count_chars()
    text = textpage.get_text_range()
    if len(text) == n:
        return text
    # Characters outside the BMP make the two differ: read one code point per index instead.
    codes = [raw.FPDFText_GetUnicode(textpage.raw, i) for i in range(n)]
    return "".join(chr(c) if 0 < c < 0x110000 else " " for c in codes)


def _quote_boxes(pdf_page: object, quote: str, width: int, height: int) -> list[tuple[int, int, int, int]]:
    """Pixel boxes (left, top, right, bottom) of the quote's lines on the rendered page."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    assert isinstance(pdf_page, pdfium.PdfPage)
    textpage = pdf_page.get_textpage()
    try:
        text = _page_text(textpage)
        boxes: list[tuple[int, int, int, int]] = []
        for a, b in quote_spans(text, quote, join_lines=True):
            for i in range(textpage.count_rects(a, b - a)):
                left, bottom, right, top = textpage.get_rect(i)
                corners = []
                for x, y in ((left, top), (right, bottom)):
                    dx, dy = ctypes.c_int(), ctypes.c_int()
                    raw.FPDF_PageToDevice(
                        pdf_page.raw, 0, 0, width, height, 0, x, y, ctypes.byref(dx), ctypes.byref(dy)
                    )
                    corners.append((dx.value, dy.value))
                (x0, y0), (x1, y1) = corners
                boxes.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        return boxes
    finally:
        textpage.close()
