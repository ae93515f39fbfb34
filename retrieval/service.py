"""The library facade the CLI, the API and the Streamlit app call: one method per action.

Answering a question: ``ask`` takes one snapshot of the index, builds a read-only ``AskContext``
(the question as asked and as understood, language, parsed query, filters, k, snapshot), searches
within that snapshot, and tries the answerers in order; the first that answers wins.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ingest.activities import STATUSES
from ingest.errors import IndexMissingError, InputError
from ingest.models import Document, Passage
from ingest.readers import file_sha256
from retrieval.activities import answer_activities, link, list_activities, load_statements
from retrieval.answer import Answer, Answerer, answer_passages
from retrieval.context import AskContext, Filters, Query, Snapshot
from retrieval.facts import answer_amounts, fact_terms, list_facts
from retrieval.rerank import CANDIDATES as RERANK_CANDIDATES
from retrieval.rerank import rerank
from retrieval.search import Hit, Searcher, hit_json
from retrieval.settings import Settings
from retrieval.store import Index, IngestReport, Progress, document_dict
from retrieval.text import QUESTION_WORDS_SV, content_words, detect_language

MAX_QUESTION_CHARS = 2000
# How much of the previous question a follow-up borrows (a longer turn is a pasted text, not a question).
MAX_HISTORY_TURN_CHARS = 500
# Tried in order; the first answer that is not None is returned. Amount questions are answered
# from the facts table, activity-status questions from the linked activities, anything else (or
# nothing found there) from the passages.
ANSWERERS: tuple[Answerer, ...] = (answer_amounts, answer_activities, answer_passages)
UPLOAD_SUFFIXES = (".pdf", ".txt", ".md", ".docx")

# Follow-ups ("och 2020?", "vem ansvarar för det?") borrow the topic of the previous question.
_FOLLOWUP_RE = re.compile(
    r"^\s*(och|men|samt|än|and|what about|how about|hur är det med|gäller det)\b|"
    r"\b(det|den|dessa|detta|dem|där|it|that|those|they|them|there)\b\s*\??\s*$",
    re.I,
)
_PRONOUN_RE = re.compile(r"\b(det|den|detta|dessa|dem|it|that|this|those|they|them)\b", re.I)
_LEAD_RE = re.compile(r"^\s*(och|men|samt|än|and|what about|how about|hur är det med|gäller det)\s+", re.I)
_YEAR_RE = re.compile(r"\b(år\s+)?(19|20)\d\d\b")
_NAME_RE = re.compile(r"\b[A-ZÅÄÖ][\wåäöÅÄÖ-]+")
# "och på arbetsmarknads- och socialförvaltningen?" after "Vem är förvaltningschef på
# funktionsstödsförvaltningen?": the same question with its "på …" phrase replaced. The phrase
# replaced runs to the next preposition, year or punctuation of the previous question.
_PREPOSITIONS = "på|för|i|inom|hos|vid|från|till|under|enligt|at|for|in|within|from|to|according to"
_PREP_LEAD_RE = re.compile(rf"^({_PREPOSITIONS})\s+\S", re.I)
_SENTENCE_END_RE = re.compile(r"(?<=[.?!])\s+|\n+")


class Planchat:
    def __init__(self, settings: Settings | None = None, index: Index | None = None) -> None:
        self.settings = settings or Settings()
        self.index = index or Index(self.settings)
        self._searcher: Searcher | None = None

    # -- documents -----------------------------------------------------------------------------
    def ingest(
        self,
        paths: list[Path],
        *,
        prune: bool = False,
        progress: Progress | None = None,
        vectors: str = "now",
    ) -> IngestReport:
        """Index files and folders. ``vectors="later"``: return once the documents answer (searched
        by their words); their vectors are left to ``embed_pending`` (e.g. in the background)."""
        return self.index.ingest(paths, prune=prune, progress=progress, vectors=vectors)

    def embed_pending(self, progress: Progress | None = None) -> int:
        """Compute and store the vectors of passages still without one; returns how many."""
        return self.index.embed_pending(progress)

    def rebuild(self) -> None:
        """Wipe the index (after a model change); the next ingest fills it again."""
        self.index.rebuild()
        self.index = Index(self.settings, embedder=self.index._embedder)
        self._searcher = None

    def index_model(self) -> str | None:
        """The embedding model the index on disk was built with (None: no index yet)."""
        return self.index.registry.meta("model") if self.index.exists() else None

    def documents(self) -> list[Document]:
        return self.index.documents() if self.index.exists() else []

    def document(self, doc_id: str) -> Document | None:
        """One indexed document from the registry (None: not indexed, or no index yet)."""
        return self.index.document(doc_id) if self.index.exists() else None

    def document_json(self, doc_id: str) -> dict[str, Any] | None:
        """One document's entry as in ``documents_json`` (None: not indexed)."""
        doc = self.document(doc_id)
        return document_dict(doc) if doc is not None else None

    def documents_json(self) -> dict[str, Any]:
        return {"documents": [document_dict(d) for d in self.documents()]}

    def delete(self, doc_id: str) -> Document:
        """Remove a document from the index; an uploaded one loses its stored file too (only files
        in the uploads folder are ever removed, never a corpus file)."""
        check_text(doc_id, "doc_id")
        with self.index.writing():
            doc = self.index.delete(doc_id)
            stored = self.uploaded_file(doc.source)
            if stored is not None:
                stored.unlink(missing_ok=True)
        return doc

    def upload(
        self, name: str, data: bytes, progress: Progress | None = None, *, vectors: str = "now"
    ) -> IngestReport:
        """Save an uploaded file as ``<data_dir>/uploads/<first 16 hex of its SHA-256>-<safe name>``
        and index it.

        The name comes from the content: the same bytes are the same document (uploaded again under
        any name, they are found as "unchanged"), and another file with the same name is another
        document, never a replacement. A file that fails, or whose content is already indexed from
        another file, is not kept. The lock is held throughout, so a concurrent delete of the same
        content cannot remove the file while it is read. ``vectors``: as for ``ingest``.
        """
        shown = safe_filename(name) if name else "file"
        suffix = Path(name or "").suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            what = f"'{suffix.encode('utf-8', 'replace').decode()}'" if suffix else "(no suffix)"
            raise InputError(
                f"{shown}: unsupported file type {what} (supported: {', '.join(UPLOAD_SUFFIXES)})"
            )
        if not data:
            raise InputError(f"{shown}: the file is empty")
        digest = hashlib.sha256(data).hexdigest()
        folder = self.upload_dir
        with self.index.writing():
            folder.mkdir(parents=True, exist_ok=True)
            target = _stored_upload(folder, digest) or folder / f"{digest[:16]}-{safe_filename(name)}"
            created = not target.exists()
            if created:
                tmp = target.with_name(f".{target.name}.part")
                tmp.write_bytes(data)
                os.replace(tmp, target)
            try:
                report = self.ingest([target], progress=progress, vectors=vectors)
            except BaseException:
                if created:
                    target.unlink(missing_ok=True)
                raise
            for r in report.results:  # name files, not where they lie on the server
                for head in ("same content as ", "moved from "):
                    if r.reason.startswith(head):
                        r.reason = head + Path(r.reason[len(head) :]).name
                r.reason = r.reason.replace(str(target), target.name).replace(str(folder), "uploads")
            kept = any(
                (doc := self.index.document(r.doc_id)) is not None and doc.source == str(target)
                for r in report.results
                if r.doc_id and r.status != "failed"
            )
            if created and not kept:
                target.unlink(missing_ok=True)
        return report

    def display_name(self, source: str) -> str:
        """The file name a reader knows: for a file in the uploads folder, its name without the
        content prefix ``upload`` stores it under (``<16 hex>-``); any other file's own name."""
        name = Path(source).name
        prefix, dash, rest = name.partition("-")
        if dash and rest and re.fullmatch(r"[0-9a-f]{16}", prefix) and self.uploaded_file(source) is not None:
            return rest
        return name

    def uploaded_file(self, source: str) -> Path | None:
        """The stored upload a document was read from; None for a file outside the uploads folder."""
        try:
            path = Path(source).resolve()
            folder = self.upload_dir.resolve()
        except OSError:
            return None
        return path if path.parent == folder else None

    @property
    def upload_dir(self) -> Path:
        return Path(self.settings.data_dir) / "uploads"

    # -- search and answers --------------------------------------------------------------------
    @property
    def searcher(self) -> Searcher:
        if not self.index.exists():
            raise IndexMissingError(f"no index in {self.index.data_dir} yet; run: planchat ingest corpus/")
        self.index.check_model()
        if self._searcher is None:
            self._searcher = Searcher(self.index, linker=link, load_statements=load_statements)
        return self._searcher

    def snapshot(self) -> Snapshot:
        return self.searcher.snapshot()

    def passage_in_section(self, passage_id: str, around: int = 2) -> list[Passage]:
        """A served passage with up to ``around`` passages before and after it from the same
        document and section, in document order: the citation as a reader finds it in its
        section. [] when the passage is not served (deleted since)."""
        lex = self.snapshot().lex
        at = lex.by_id.get(passage_id)
        if at is None:
            return []
        passages = lex.passages  # in document order (doc_id, position)
        p = passages[at]

        def same(i: int) -> bool:
            return passages[i].doc_id == p.doc_id and passages[i].section == p.section

        start = at
        while start > 0 and at - start < around and same(start - 1):
            start -= 1
        end = at + 1
        while end < len(passages) and end - at <= around and same(end):
            end += 1
        return passages[start:end]

    def warm_up(self) -> None:
        """Load the model, build the lexical index, index the amounts' terms, load the vectors,
        link the activities and read the places the documents name now rather than on the first
        question."""
        snap = self.snapshot()
        self.index.embedder.embed_queries(["uppvärmning"])
        fact_terms(snap)
        self.searcher.dense(snap)
        snap.activities()
        snap.places()

    @staticmethod
    def _check_question(text: str, field: str = "question") -> str:
        text = check_text(text or "", field).strip()
        if not text:
            raise InputError(f"{field}: empty; write a question or a few search words")
        if len(text) > MAX_QUESTION_CHARS:
            raise InputError(f"{field}: {len(text)} characters, at most {MAX_QUESTION_CHARS}")
        return text

    def _k(self, k: int | None) -> int:
        if k is None:
            return self.settings.k
        if not 1 <= k <= 50:
            raise InputError(f"k: {k} is out of range (1–50)")
        return k

    def search(
        self,
        query: str,
        k: int | None = None,
        *,
        year: int | None = None,
        doc_id: str | None = None,
        organisation: str | None = None,
        mode: str = "hybrid",
    ) -> list[Hit]:
        query = self._check_question(query, "query")
        searcher = self.searcher
        snap = searcher.snapshot()
        q = searcher.parse(query, detect_language(query), snap)
        return self._ranked(q, snap, self._k(k), Filters(year, doc_id, organisation), mode)

    def _ranked(self, q: Query, snap: Snapshot, k: int, filters: Filters, mode: str) -> list[Hit]:
        """The top ``k`` passages: fused, then re-ranked (hybrid search, unless switched off)."""
        if mode != "hybrid" or not self.settings.rerank:
            return self.searcher.search(q, snap, k, filters, mode=mode)
        hits = self.searcher.search(q, snap, max(k, RERANK_CANDIDATES), filters, mode=mode)
        return self.rerank(q, snap, hits, max(k, self.settings.read_k))[:k]

    def rerank(self, q: Query, snap: Snapshot, hits: list[Hit], read: int) -> list[Hit]:
        """``retrieval.rerank.rerank`` (a method, so that the bench can time it)."""
        return rerank(q, snap, hits, read)

    def search_json(self, query: str, hits: list[Hit]) -> dict[str, Any]:
        return {"query": query, "results": [hit_json(i, h) for i, h in enumerate(hits, 1)]}

    def context(
        self,
        question: str,
        history: list[dict[str, str]] | None = None,
        k: int | None = None,
        filters: Filters | None = None,
    ) -> AskContext:
        """The read-only context one question is answered from (one snapshot of the index)."""
        question = self._check_question(question)
        for i, turn in enumerate(history or []):
            check_text(str(turn.get("content") or ""), f"history[{i}].content")
        searcher = self.searcher
        snap = searcher.snapshot()
        language = detect_language(question)
        understood = self._check_question(contextualise(question, history), "question with its history")
        q = searcher.parse(understood, language, snap)
        return AskContext(
            question, understood, language, q, filters or Filters(), self._k(k), snap, searcher.glossary
        )

    def ask(
        self,
        question: str,
        history: list[dict[str, str]] | None = None,
        k: int | None = None,
        *,
        year: int | None = None,
        doc_id: str | None = None,
        organisation: str | None = None,
        mode: str = "hybrid",
    ) -> Answer:
        ctx = self.context(question, history, k, Filters(year, doc_id, organisation))
        # The answer step reads a few passages more than it may cite: the one that says it is
        # sometimes ranked just below the k cited.
        read = max(ctx.k, self.settings.read_k)
        hits = self._ranked(ctx.query, ctx.snapshot, read, ctx.filters, mode)
        for answerer in ANSWERERS:
            answer = answerer(ctx, hits)
            if answer is not None:
                return answer
        raise AssertionError("the passage answerer always answers")  # pragma: no cover

    def facts(self, year: int | None = None, query: str | None = None) -> list[dict[str, Any]]:
        snap = self.snapshot()
        return list_facts(snap, self._parser(snap), year=year, query=query)

    def activities(
        self, year: int | None = None, status: str | None = None, query: str | None = None
    ) -> list[dict[str, Any]]:
        if status is not None and status not in STATUSES:
            raise InputError(f"status: '{status}' is not one of {', '.join(STATUSES)}")
        snap = self.snapshot()
        return list_activities(snap, self._parser(snap), year=year, status=status, query=query)

    def _parser(self, snap: Snapshot) -> Callable[[str], Any]:
        searcher = self.searcher
        return lambda text: searcher.parse(text, detect_language(text), snap)


# -- follow-ups ------------------------------------------------------------------------------------
def contextualise(question: str, history: list[dict[str, str]] | None) -> str:
    """A follow-up that cannot stand on its own, read with the previous question.

    "och 2020?" replaces the previous question's year; "och Söder?" replaces the one name the
    previous question has ("… avdelning Norr …"); other short follow-ups are appended to it.
    """
    previous = [t["content"] for t in (history or []) if t.get("role", "user") == "user" and t.get("content")]
    if not previous:
        return question
    # A follow-up borrows the previous question, not a pasted page: only its first
    # MAX_HISTORY_TURN_CHARS characters are read, and the folded text stays a question's length.
    room = max(0, min(MAX_HISTORY_TURN_CHARS, MAX_QUESTION_CHARS - len(question) - 2))
    last = _previous_question(previous[-1].strip(), room)
    if not last:
        return question
    n_content = len(content_words(question, {"och", "and", "what", "about", "how", *QUESTION_WORDS_SV}))
    standalone_name = bool(_names(question)) and not _LEAD_RE.match(question)
    if not (
        _FOLLOWUP_RE.search(question)
        or (n_content <= 1 and not standalone_name)
        or (_PRONOUN_RE.search(question) and n_content <= 3)
    ):
        return question
    rest = _LEAD_RE.sub("", question).strip().rstrip("?. ").strip()
    if _YEAR_RE.search(question):
        last = _YEAR_RE.sub(" ", last)
        rest_wo_year = _YEAR_RE.sub(" ", rest).strip()
        if not rest_wo_year:  # only a year: the previous question with that year
            return _join(last, rest)
    names = _names(last)
    new = _YEAR_RE.sub(" ", rest).split()
    if len(names) == 1 and len(new) == 1 and _NAME_RE.fullmatch(new[0]) and names[0] != new[0]:
        # "och Söder?" after "… avdelning Norr …": the same question about another name.
        swapped = re.sub(rf"\b{re.escape(names[0])}\b", rest, last, count=1)
        return " ".join(swapped.split()).rstrip(" ?") + "?"
    lead = _PREP_LEAD_RE.match(rest)
    if lead:
        prep = lead.group(1)
        phrase = re.compile(
            rf"\b{re.escape(prep)}\s+(?:(?!\b(?:{_PREPOSITIONS})\b|\b(?:19|20)\d\d\b)[^,;:?.!])+", re.I
        )
        found = list(phrase.finditer(last))
        if found:  # the last such phrase: "… för X på Y?" + "och på Z?" swaps "på Y"
            m = found[-1]
            swapped = f"{last[: m.start()]}{rest} {last[m.end() :]}"
            return " ".join(swapped.split()).rstrip(" ?") + "?"
    return _join(last, question)


def _previous_question(turn: str, limit: int) -> str:
    """What a follow-up borrows from the previous user turn: the turn itself when it is short;
    from a long one (a pasted text with a question in it) its last question sentence that fits,
    else its beginning."""
    if len(turn) <= limit:
        return turn
    pieces = _SENTENCE_END_RE.split(turn)
    asked = [p.strip() for p in pieces if p.strip().endswith("?") and len(p.strip()) <= limit]
    return asked[-1] if asked else _clip(turn, limit)


def _clip(text: str, limit: int) -> str:
    """At most ``limit`` characters of ``text``, cut at a word boundary when there is one."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip()


def check_text(text: str, field: str) -> str:
    """``text`` unchanged, or an InputError when it is not encodable text (a lone UTF-16
    surrogate such as the JSON escape "\\ud800" is no character and cannot be stored or shown)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = text[exc.start]
        raise InputError(
            f"{field}: not valid text (position {exc.start}: lone surrogate U+{ord(bad):04X})"
        ) from None
    return text


def _names(text: str) -> list[str]:
    """Capitalised words that are names (not the first word of the sentence, not a year)."""
    first = re.match(r"\s*[\wåäöÅÄÖ-]+", text)
    start = first.end() if first else 0
    return list(dict.fromkeys(m.group(0) for m in _NAME_RE.finditer(text, start)))


def _join(last: str, follow: str) -> str:
    return " ".join(f"{last.rstrip(' ?.')} {follow}".split())


# -- uploads -----------------------------------------------------------------------------------
_UNSAFE_RE = re.compile(r"[^\w.\- ]+")


def safe_filename(name: str) -> str:
    """A plain file name from whatever the client sent: no folders, no control or odd characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFC", base)
    base = _UNSAFE_RE.sub("_", base).strip(" .")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = stem[:120].strip(" .") or "upload"
    return f"{stem}.{suffix.lower()}" if suffix else stem


def _stored_upload(folder: Path, digest: str) -> Path | None:
    """The file in the uploads folder that already holds these bytes (under any name)."""
    for path in sorted(folder.glob(f"{digest[:16]}-*")):
        if path.is_file() and file_sha256(path) == digest:
            return path
    return None
