"""The plain types that flow from ingest to retrieval and the UIs. Defined once, here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Page:
    """Text of one physical page (PDF) or of a whole text file (number None)."""

    number: int | None
    text: str


@dataclass(frozen=True)
class RawDocument:
    """What a reader returns: the pages of one file, before cleaning."""

    path: str
    fmt: str  # "pdf" | "txt" | "md" | "docx"
    pages: list[Page]
    sha256: str
    title: str | None = None  # as the file sets it (a PDF's largest type on page 1), when it does
    info_title: str | None = None  # the title a PDF's document information names, when it does


@dataclass
class Document:
    doc_id: str
    title: str
    source: str
    kind: str
    organisation: str | None
    diarienummer: str | None
    date: str | None  # ISO yyyy-mm-dd
    years: list[int]
    pages: int | None
    sha256: str
    passages: int = 0
    nämnd: str | None = None
    förvaltning: str | None = None


@dataclass(slots=True)  # no __dict__ per passage: 100 000 of them are held in memory when served
class Passage:
    passage_id: str
    doc_id: str
    text: str
    page: int | None
    section: str  # "FOKUSOMRÅDE 1 – … › Socialpsykiatriska teamet"
    years: list[int]
    kind: str  # "prose" | "table" | "list"
    position: int = 0
    # For kind == "table": the cells, header row first, when the reader knew them. Kept in
    # memory for fact extraction at ingest time; the index stores only ``text``.
    cells: list[list[str]] | None = None

    @property
    def header(self) -> str:
        """A table passage's header row (its first line, what each column holds); "" for prose."""
        return self.text.split("\n", 1)[0] if self.kind == "table" else ""


@dataclass
class Amount:
    """A money fact read from a passage."""

    value: int  # kronor
    label: str  # what it pays for (row label or sentence subject)
    who: str | None  # avdelning / förvaltning / nämnd
    year: int | None
    passage_id: str
    doc_id: str
    raw: str  # the amount as written ("5 409 000 kr")
    is_total: bool = False
    context: str = ""  # the row or sentence it stands in
    table_id: str | None = None  # rows of one table share this
    check: str | None = None  # for totals: "ok" or a mismatch description


@dataclass
class ParsedDocument:
    """Ingest output for one file."""

    document: Document
    passages: list[Passage] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    # Other structured data read at ingest (e.g. "activities"), stored as JSON beside the index.
    extras: dict[str, Any] = field(default_factory=dict)
