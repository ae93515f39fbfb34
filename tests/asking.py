"""Reading what planchat gives back, as a user does: the sentences an answer quotes, and the
section a passage is filed under, and the passages ingest makes of page texts."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ingest.clean import remove_headers_footers
from ingest.models import Document, Page, Passage
from ingest.split import split_passages

_QUOTE_RE = re.compile(r"»(.*?)«", re.S)


def quotes(answer_text: str) -> list[str]:
    """The sentences an answer quotes, in order ("Enligt …: »A« [1] »B« [2]" -> ["A", "B"])."""
    return _QUOTE_RE.findall(answer_text)


def document_named(documents: Iterable[Document], file_name: str) -> Document:
    """The one indexed document read from ``file_name`` (fails if none or several are)."""
    (document,) = [d for d in documents if d.source.rsplit("/", 1)[-1] == file_name]
    return document


def section_of(passages: Iterable[Passage], phrase: str) -> str:
    """The section of the one passage that holds ``phrase`` (fails if none or several do)."""
    (passage,) = [p for p in passages if phrase in p.text]
    return passage.section


def split_pages(pages: list[str]) -> list[Passage]:
    """The passages ingest makes of these page texts (running lines removed, as from a PDF)."""
    cleaned = remove_headers_footers([Page(n, text) for n, text in enumerate(pages, 1)])
    return split_passages("d", cleaned, markdown=False)
