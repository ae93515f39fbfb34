"""One file in, one ParsedDocument out: read → clean → split → metadata → amounts, activities."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

from ingest.clean import is_protokoll, join_signature_fields, remove_headers_footers
from ingest.errors import IngestError
from ingest.models import Document, Page, ParsedDocument, Passage, RawDocument
from ingest.readers import read_file
from ingest.split import split_passages


def doc_id_for(sha256: str) -> str:
    """Stable document id: the first 16 hex digits of the content hash."""
    return sha256[:16]


def discover(paths: list[Path]) -> tuple[list[Path], list[IngestError]]:
    """Files to ingest under ``paths`` (folders recursively, hidden files skipped), sorted.

    A named file with an unsupported suffix is returned too, so that it is reported by name;
    inside folders such files are skipped silently only when hidden.
    """
    found: list[Path] = []
    errors: list[IngestError] = []
    for path in paths:
        if not path.exists():
            errors.append(IngestError(path, "no such file or folder"))
        elif path.is_dir():
            for sub in sorted(path.rglob("*")):
                rel = sub.relative_to(path)
                if sub.is_file() and not any(part.startswith(".") for part in rel.parts):
                    found.append(sub)
        else:
            found.append(path)
    unique = sorted({p.resolve() for p in found})
    return unique, errors


def parse_file(
    path: Path,
    *,
    timings: dict[str, float] | None = None,
    on_page: Callable[[int, int], None] | None = None,
) -> ParsedDocument:
    """Read and split one file. Raises IngestError (file name + reason) on bad input.

    ``timings`` gets the seconds spent reading the file ("read") and turning its text into
    passages, metadata, amounts and activities ("extract"); ``on_page(done, total)`` is called as
    the pages of a PDF are read."""
    started = time.perf_counter()
    raw = read_file(path, on_page=on_page)
    read_done = time.perf_counter()
    if timings is not None:
        timings["read"] = timings.get("read", 0.0) + read_done - started
    try:
        return _parse_raw(path, raw)
    finally:
        if timings is not None:
            timings["extract"] = timings.get("extract", 0.0) + time.perf_counter() - read_done


def _parse_raw(path: Path, raw: RawDocument) -> ParsedDocument:
    from ingest.activities import extract_activities
    from ingest.amounts import extract_amounts
    from ingest.metadata import extract_metadata

    protokoll = raw.fmt != "md" and is_protokoll(raw.pages)
    cleaned = remove_headers_footers(raw.pages, protokoll=protokoll)
    pages = [Page(p.number, join_signature_fields(p.text)) for p in cleaned]
    full_text = "\n".join(p.text for p in pages)
    if not re.search(r"\w{2,}", full_text):
        raise IngestError(path, "no readable text")
    doc_id = doc_id_for(raw.sha256)
    passages = split_passages(doc_id, pages, markdown=raw.fmt == "md", protokoll=protokoll)
    if not passages:
        raise IngestError(path, "no passages could be made from the text")
    # Page headers often carry the document's kind and diarienummer ("Malmö stad  Tjänsteskrivelse
    # Diarienummer: ASN-2019-10547"): metadata reads the lines cleaning removed from page 1 too, and
    # the organisation from those removed from every page (the running header names who wrote it).
    removed = [_removed_lines(r.text, p.text) for r, p in zip(raw.pages, cleaned, strict=True)]
    meta = extract_metadata(
        removed[0] + full_text,
        path,
        raw.title,
        running="".join(removed),
        info_title=raw.info_title,
        repeated=_repeated_lines(removed),
    )
    document = Document(
        doc_id=doc_id,
        title=str(meta["title"]),
        source=str(path),
        kind=str(meta["kind"]),
        organisation=meta["organisation"],  # type: ignore[arg-type]
        diarienummer=meta["diarienummer"],  # type: ignore[arg-type]
        date=meta["date"],  # type: ignore[arg-type]
        years=list(meta["years"]),  # type: ignore[call-overload]
        pages=len(raw.pages) if raw.fmt == "pdf" else None,
        sha256=raw.sha256,
        passages=len(passages),
        nämnd=meta["nämnd"],  # type: ignore[arg-type]
        förvaltning=meta["förvaltning"],  # type: ignore[arg-type]
    )
    card = document_card(document, len(passages))
    if card is not None:
        passages.append(card)
        document.passages = len(passages)
    try:
        amounts = extract_amounts(document, passages)
    except Exception as exc:  # noqa: BLE001 - report the file by name, never a traceback
        raise IngestError(path, f"could not read amounts: {type(exc).__name__}: {exc}") from exc
    try:
        activities = extract_activities(document, passages)
    except Exception as exc:  # noqa: BLE001 - as above
        raise IngestError(path, f"could not read activities: {type(exc).__name__}: {exc}") from exc
    return ParsedDocument(
        document=document, passages=passages, amounts=amounts, extras={"activities": activities}
    )


def _repeated_lines(removed: list[str]) -> str:
    """The removed lines that stood on two pages or more (a page number in them aside)."""
    seen: dict[str, set[int]] = {}
    for n, lines in enumerate(removed):
        for ln in lines.splitlines():
            seen.setdefault(re.sub(r"^\s*\d{1,3}\s+|\s+\d{1,3}\s*$", "", ln.strip()), set()).add(n)
    return "".join(f"{ln}\n" for ln, pages in seen.items() if len(pages) >= 2)


def _removed_lines(before: str, after: str) -> str:
    """The lines of ``before`` that cleaning dropped (headers, footers), one per line."""
    kept = set(after.splitlines())
    removed = [ln for ln in before.splitlines() if ln.strip() and ln not in kept]
    return "".join(ln + "\n" for ln in removed)


CARD_SECTION = "Dokumentuppgifter"
# The card's lines: each label with the Document field it states.
CARD_FIELDS = (
    ("Titel", "title"),
    ("Dokumenttyp", "kind"),
    ("Diarienummer", "diarienummer"),
    ("Datum", "date"),
    ("Organisation", "organisation"),
    ("Nämnd", "nämnd"),
    ("Förvaltning", "förvaltning"),
)


def document_card(document: Document, position: int) -> Passage | None:
    """One passage that states what was read about the document itself (title, diarienummer,
    date, organisation), so "Vilket diarienummer har …?" finds and cites it even when the
    diarienummer stood only in a running header that cleaning removed from the pages."""
    values = {field: getattr(document, field) for _, field in CARD_FIELDS}
    if values["kind"] == "dokument":
        values["kind"] = None  # the kind of a document of no known kind says nothing
    lines = [f"{label} {values[field]}" for label, field in CARD_FIELDS if values[field]]
    if len(lines) < 2:
        return None
    text = "\n".join(lines)
    return Passage(
        passage_id=f"{document.doc_id}-{position:04d}",
        doc_id=document.doc_id,
        text=text,
        page=None,  # about the whole document, not one page
        section=CARD_SECTION,
        years=sorted({int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", text)}),
        kind="prose",
        position=position,
    )
