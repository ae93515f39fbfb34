"""Bytes on disk → :class:`RawDocument`.

One entry point, :func:`read_file`. The format is chosen by suffix and then verified against the
content, so a PNG renamed to ``.pdf`` is reported as such rather than as a parser crash. Every
failure is an :class:`IngestError` with a short, one-line reason; no pypdf, zipfile or
python-docx exception escapes.

PDFs yield one :class:`Page` per physical page (``number`` is 1-based). Text, Markdown and
Word files yield a single page with ``number=None``; Word files are rendered as Markdown-like
text (``#`` headings, ``- `` list items, tab-separated table rows) so the splitter sees their
structure.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import signal
import threading
import time
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from ingest.errors import IngestError, PoolTimeout
from ingest.layout import page_text
from ingest.models import Page, RawDocument

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".md", ".docx")

MAX_PDF_PAGES = 5000
# Fewer non-whitespace characters than this over the whole PDF means "no text layer".
MIN_PDF_TEXT_CHARS = 20
# Share of control characters above which decoded "text" is treated as binary.
MAX_CONTROL_SHARE = 0.05
_HEADER_WINDOW = 1024
_REASON_MAX = 150
_MB = 1024 * 1024


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of the file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(_MB), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_file(
    path: Path,
    *,
    max_bytes: int = 200 * _MB,
    pdf_seconds: float = 120.0,
    on_page: Callable[[int, int], None] | None = None,
) -> RawDocument:
    """Read one supported file into a :class:`RawDocument`, or raise :class:`IngestError`.
    ``on_page(done, total)`` is called as the pages of a PDF are read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = f"'{path.suffix}'" if path.suffix else "(no suffix)"
        raise IngestError(path, f"unsupported file type {shown} (supported: {', '.join(SUPPORTED_SUFFIXES)})")
    data = _read_bytes(path, max_bytes)
    sha256 = hashlib.sha256(data).hexdigest()
    title = info_title = None
    try:
        if suffix == ".pdf":
            (pages, title, info_title), fmt = _read_pdf(path, data, pdf_seconds, on_page), "pdf"
        elif suffix == ".docx":
            pages, fmt = [Page(number=None, text=_read_docx(path, data))], "md"
        else:
            pages, fmt = [Page(number=None, text=_read_text(path, data))], suffix[1:]
    except IngestError:
        raise
    except Exception as exc:  # a parser bug or an oddity we did not foresee: still one line
        raise IngestError(path, f"could not read file ({_short(exc)})") from exc
    return RawDocument(
        path=str(path), fmt=fmt, pages=pages, sha256=sha256, title=title, info_title=info_title
    )


# --- common helpers -----------------------------------------------------------------------------


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IngestError(path, "is a directory, not a file")
        if size == 0:
            raise IngestError(path, "empty file")
        if size > max_bytes:
            raise IngestError(path, f"file too large ({size / _MB:.1f} MB, limit {max_bytes / _MB:.0f} MB)")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise IngestError(path, "file not found") from exc
    except PermissionError as exc:
        raise IngestError(path, "permission denied") from exc
    except OSError as exc:
        raise IngestError(path, f"could not read file ({_short(exc)})") from exc
    if not data:  # the file was emptied between stat and read
        raise IngestError(path, "empty file")
    return data


def _short(exc: BaseException) -> str:
    """``ClassName: first line of the message``, at most ~150 characters."""
    lines = str(exc).strip().splitlines()
    text = f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
    return text if len(text) <= _REASON_MAX else text[: _REASON_MAX - 1] + "…"


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except Exception:
        return "ZIP archive"
    if "word/document.xml" in names:
        return "a Word .docx document"
    if any(name.startswith("xl/") for name in names):
        return "an Excel .xlsx workbook"
    if any(name.startswith("ppt/") for name in names):
        return "a PowerPoint .pptx presentation"
    if "mimetype" in names:
        return "an OpenDocument or EPUB file"
    return "ZIP archive"


_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image data"),
    (b"\xff\xd8\xff", "JPEG image data"),
    (b"GIF87a", "GIF image data"),
    (b"GIF89a", "GIF image data"),
    (b"II*\x00", "TIFF image data"),
    (b"MM\x00*", "TIFF image data"),
    (b"BM", "BMP image data"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ", "a Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old-format or encrypted Office document (OLE2)"),
    (b"\x1f\x8b", "gzip data"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"{\\rtf", "an RTF document"),
    (b"%PDF-", "a PDF document"),
)


def _describe(data: bytes) -> str | None:
    """Name the kind of well-known binary content, or None when unrecognised."""
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data)
    if data[:12].startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "WebP image data"
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    return None


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- PDF ----------------------------------------------------------------------------------------


class _PdfTimeout(BaseException):
    """Raised from SIGALRM. A BaseException so pypdf's lenient ``except Exception`` cannot eat it."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`_PdfTimeout` after ``seconds`` (main thread on POSIX only; else no limit)."""
    usable = (
        seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def _on_alarm(signum: int, frame: FrameType | None) -> None:
        raise _PdfTimeout

    started = time.monotonic()
    previous_handler = signal.signal(signal.SIGALRM, _on_alarm)
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(
                signal.SIGALRM, previous_handler if previous_handler is not None else signal.SIG_DFL
            )
            if previous_delay > 0:  # re-arm a timer someone else had set, minus the time we used
                remaining = max(previous_delay - (time.monotonic() - started), 0.001)
                signal.setitimer(signal.ITIMER_REAL, remaining, previous_interval)


def _read_pdf(
    path: Path, data: bytes, seconds: float, on_page: Callable[[int, int], None] | None = None
) -> tuple[list[Page], str | None, str | None]:
    start = data.find(b"%PDF-", 0, _HEADER_WINDOW)
    if start < 0:
        raise IngestError(path, f"not a PDF file ({_content_hint(data)})")
    try:
        with _time_limit(seconds):
            # Offsets inside a PDF count from "%PDF-" (as Acrobat reads them), so drop leading junk.
            deadline = time.monotonic() + seconds if seconds > 0 else None
            return _extract_pdf(path, data[start:], deadline, on_page)
    except (_PdfTimeout, PoolTimeout):
        raise IngestError(path, f"could not read PDF within {seconds:g} s") from None
    except IngestError:
        raise
    except Exception as exc:
        raise IngestError(path, _pdf_failure(exc)) from exc


def _content_hint(data: bytes) -> str:
    kind = _describe(data)
    if kind is not None:
        return f"content looks like {kind}"
    head = data[:_HEADER_WINDOW]
    if b"\x00" not in head and _control_share(head.decode("latin-1")) <= MAX_CONTROL_SHARE:
        return "content looks like plain text"
    return "no %PDF- header"


def _pdf_failure(exc: Exception) -> str:
    from pypdf.errors import DependencyError, FileNotDecryptedError

    if isinstance(exc, FileNotDecryptedError):
        return _ENCRYPTED
    if isinstance(exc, DependencyError):  # e.g. AES without the 'cryptography' package
        return f"PDF needs an optional package to be read ({_short(exc)})"
    if isinstance(exc, NotImplementedError):
        return f"PDF uses an unsupported feature ({_short(exc)})"
    return f"damaged or truncated PDF ({_short(exc)})"


_ENCRYPTED = "PDF is encrypted with a user password; remove the password and try again"


def _extract_pdf(
    path: Path,
    data: bytes,
    deadline: float | None = None,
    on_page: Callable[[int, int], None] | None = None,
) -> tuple[list[Page], str | None, str | None]:
    """The pages' text, the title set in the largest type on page 1 and the title the document
    information names (each or None)."""
    from pypdf import PasswordType, PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        # The empty user password opens files that only restrict printing/copying (owner password).
        try:
            opened = reader.decrypt("")
        except Exception as exc:
            raise IngestError(path, f"PDF encryption is not supported ({_short(exc)})") from exc
        if opened == PasswordType.NOT_DECRYPTED:
            raise IngestError(path, _ENCRYPTED)
    count = len(reader.pages)
    if count == 0:
        raise IngestError(path, "PDF has no pages")
    if count > MAX_PDF_PAGES:
        raise IngestError(path, f"PDF has too many pages ({count}, limit {MAX_PDF_PAGES})")
    texts = _read_pages(data, count, reader.pages, deadline, on_page)
    pages = [Page(number=number, text=_normalise_newlines(text)) for number, text in enumerate(texts, 1)]
    visible = sum(len(re.sub(r"\s+", "", page.text)) for page in pages)
    if visible < MIN_PDF_TEXT_CHARS:
        raise IngestError(path, "PDF has no text layer (scanned images?); OCR is not supported")
    return pages, _pdf_title(reader.pages), _info_title(reader)


def _info_title(reader: Any) -> str | None:
    """The title the PDF's document information names (often an application's default: the
    metadata reader decides whether it is the document's)."""
    try:
        title = reader.metadata.title if reader.metadata else None
    except Exception:  # noqa: BLE001 - a damaged information dictionary is no title
        return None
    return (re.sub(r"\s+", " ", str(title)).strip() or None) if title else None


def _pdf_title(pages: Any) -> str | None:
    """The text set in the largest type on page 1, when it stands out from the body type of the
    first pages (``ingest.titles``); its words as the plain reading of the page has them."""
    from ingest.layout import repair_words
    from ingest.titles import join_broken_words, page_runs, title_from_runs

    try:
        first = page_runs(pages[0])
        body = first + [run for page in pages[1:3] for run in page_runs(page)]
        title = title_from_runs(first, body)
        return join_broken_words(repair_words(title, pages[0].extract_text() or "")) if title else None
    except Exception:  # noqa: BLE001 - a title is a nicety; the text heuristics remain
        return None


# Reading a PDF page is pure Python (pypdf), so one process reads one page at a time: a PDF of
# this many pages or more is read by worker processes (``ingest.pdf_worker``), each page exactly as
# ``ingest.layout.page_text`` reads it.
PARALLEL_MIN_PAGES = 8


def _read_pages(
    data: bytes,
    count: int,
    pages: Any,
    deadline: float | None,
    on_page: Callable[[int, int], None] | None,
) -> list[str]:
    from ingest.pdf_worker import POOL

    texts = (
        POOL.extract(data, count, deadline=deadline, on_page=on_page) if count >= PARALLEL_MIN_PAGES else None
    )
    if texts is not None:
        return texts
    texts = []
    for page in pages:
        texts.append(page_text(page))
        if on_page is not None:
            on_page(len(texts), count)
    return texts


# --- plain text and Markdown --------------------------------------------------------------------


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for char in text if char not in "\t\n\r\f\v" and unicodedata.category(char) == "Cc")
    return controls / len(text)


def _decode(path: Path, data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(
        codecs.BOM_UTF32_LE
    ):
        try:
            return data.decode("utf-16")  # the codec reads and drops the BOM
        except UnicodeDecodeError as exc:
            raise IngestError(path, "damaged UTF-16 text (invalid byte sequence)") from exc
    if b"\x00" in data:
        raise IngestError(path, _binary_reason(data))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few stray bytes: keep UTF-8 rather than turning every å into "Ã¥".
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    good = sum(1 for char in lenient if ord(char) > 127 and char != "\ufffd")
    if good >= 3 * bad:
        return lenient
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _binary_reason(data: bytes) -> str:
    kind = _describe(data)
    return f"binary content, not text (looks like {kind})" if kind else "binary content, not text"


def _read_text(path: Path, data: bytes) -> str:
    text = _decode(path, data)
    if "\x00" in text or _control_share(text) > MAX_CONTROL_SHARE:
        raise IngestError(path, _binary_reason(data))
    text = _normalise_newlines(text)
    if not text.strip():
        raise IngestError(path, "file has no text")
    return text


# --- Word (.docx) -------------------------------------------------------------------------------

_HEADING_STYLE = re.compile(r"^(?:heading|rubrik)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLES = {"title", "rubrik"}


def _read_docx(path: Path, data: bytes) -> str:
    if not data.startswith(b"PK"):
        kind = _describe(data)
        hint = f"content looks like {kind}" if kind else "not a ZIP container"
        raise IngestError(path, f"not a Word .docx file ({hint})")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            has_body = "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise IngestError(path, f"damaged .docx file ({_short(exc)})") from exc
    if not has_body:
        raise IngestError(path, f"not a Word .docx file (content looks like {_zip_kind(data)})")

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_docx_blocks(document))
    except Exception as exc:
        raise IngestError(path, f"damaged .docx file ({_short(exc)})") from exc
    text = "\n\n".join(blocks)
    if not text.strip():
        raise IngestError(path, "document has no text")
    return text


def _docx_blocks(document: Any) -> Iterator[str]:
    """Markdown-like blocks in document order; consecutive list items form one block."""
    from docx.table import Table

    items: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            line = _table_text(block)
            kind = "table"
        else:
            line, kind = _paragraph_text(block)
        if kind == "item":
            items.append(line)
            continue
        if items:
            yield "\n".join(items)
            items = []
        if line.strip():
            yield line
    if items:
        yield "\n".join(items)


def _style_name(paragraph: Any) -> str:
    try:
        style = paragraph.style
    except Exception:  # a style id that the styles part does not define
        return ""
    if style is None:
        return ""
    return str(style.name or style.style_id or "")


def _paragraph_text(paragraph: Any) -> tuple[str, str]:
    """(text, kind) for one paragraph; kind is "heading", "item" or "text"."""
    text = " ".join(_normalise_newlines(paragraph.text).split("\n")).strip()
    if not text:
        return "", "text"
    name = _style_name(paragraph).strip()
    match = _HEADING_STYLE.match(name)
    if match:
        return "#" * min(int(match.group(1)), 6) + " " + text, "heading"
    if name.lower() in _TITLE_STYLES:
        return "# " + text, "heading"
    p_pr = paragraph._p.pPr
    numbered = p_pr is not None and p_pr.numPr is not None
    if numbered or name.lower().startswith("list"):  # "List Bullet", "Liststycke", …
        return "- " + text, "item"
    return text, "text"


def _table_text(table: Any) -> str:
    lines: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:  # a horizontally merged cell repeats once per grid column
                continue
            previous = cell._tc
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            lines.append("\t".join(cells))
    return "\n".join(lines)
