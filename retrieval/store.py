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
from typing import Any

from ingest.errors import DocumentNotFoundError, IndexLockedError, IndexMismatchError, IngestError
from ingest.models import Amount, Document, ParsedDocument, Passage
from retrieval.embed import Embedder, make_embedder
from retrieval.registry import SCHEMA_VERSION, Registry
from retrieval.settings import Settings
from retrieval.vectors import ChromaStore, VectorStore

# What ingest reads from a file (passages, amounts, activities). A document read by another
# version is re-read by the next ingest even when the file is unchanged.
PARSER_VERSION = "8"  # 7: Markdown entities decoded before tags are stripped; 8: table captions


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
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def passages(self) -> int:
        return sum(r.passages for r in self.results if r.status in ("added", "updated"))

    def summary(self) -> str:
        return (
            f"{self.count('added')} added, {self.count('updated')} updated, {self.count('unchanged')} unchanged, "
            f"{self.count('removed')} removed, {self.count('failed')} failed; {self.passages} passages "
            f"in {self.seconds:.1f} s"
        )


Progress = Callable[[str, int, int], None]  # (label, done, total)


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


def embedding_text(passage: Passage, title: str) -> str:
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
        """Every served passage, from the vector store, in document order."""
        if not self.exists():
            return []
        ok = self.registry.complete_ids()
        out = [p for p in self.vectors.passages() if p.doc_id in ok]
        out.sort(key=lambda p: (p.doc_id, p.position))
        return out

    def nearest(
        self, query_vector: list[float], n: int, doc_ids: list[str] | None = None
    ) -> list[tuple[str, float]]:
        """(passage_id, cosine similarity) for the nearest stored passages. The caller keeps only
        the passages it serves (its snapshot of the registry)."""
        return self.vectors.nearest(query_vector, n, doc_ids)

    def amounts(self) -> list[Amount]:
        return self.registry.amounts()

    def extras(self, kind: str) -> list[tuple[str, Any]]:
        return self.registry.extras(kind)

    # -- writing --------------------------------------------------------------------------
    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the write lock. Re-entrant within one thread, so that a caller can keep the lock
        around a whole operation (save an upload, ingest it, tidy up) that calls ``ingest``."""
        if getattr(self._held, "depth", 0):
            self._held.depth += 1
            try:
                yield
            finally:
                self._held.depth -= 1
            return
        with WriteLock(self.data_dir, wait=self.settings.write_wait_s):
            self._held.depth = 1
            try:
                self.check_model()
                if self.registry.meta("model") is None:
                    self.registry.set_meta("model", self.settings.model)
                    self.registry.set_meta("schema", SCHEMA_VERSION)
                self._remove_incomplete()
                yield
            finally:
                self._held.depth = 0

    def _remove_incomplete(self) -> None:
        """Undo what a killed run left: pending rows, and stored passages of unknown documents."""
        stale = self.registry.incomplete_ids()
        for doc_id in stale:
            self._delete_doc(doc_id)
        ok = self.registry.complete_ids()
        orphans = [pid for pid, doc in self.vectors.doc_ids().items() if doc not in ok]
        if orphans:
            self.vectors.delete_ids(orphans)
        if stale:
            self.registry.bump()

    def _delete_doc(self, doc_id: str) -> None:
        self.registry.set_status([doc_id], "deleting")
        self.vectors.delete_doc(doc_id)
        self.registry.forget(doc_id)

    def _write(self, parsed: ParsedDocument, replaces: list[str], progress: Progress | None) -> None:
        doc = parsed.document
        self.registry.add_pending(parsed)
        passages = parsed.passages
        step = min(self.vectors.batch_size(), 256)
        for i in range(0, len(passages), step):
            chunk = passages[i : i + step]
            vectors = self.embedder.embed_passages([embedding_text(p, doc.title) for p in chunk])
            self.vectors.upsert(chunk, vectors)
            if progress:
                progress(Path(doc.source).name, min(i + step, len(passages)), len(passages))
        self.registry.complete(parsed, replaces)
        for old in replaces:
            self._delete_doc(old)

    def ingest(
        self,
        paths: list[Path],
        *,
        prune: bool = False,
        progress: Progress | None = None,
        parse: Callable[[Path], ParsedDocument] | None = None,
    ) -> IngestReport:
        from ingest.pipeline import discover, parse_file
        from ingest.readers import file_sha256

        parse = parse or parse_file
        started = time.perf_counter()
        report = IngestReport()
        with self.writing():
            files, missing = discover(paths)
            report.results.extend(FileResult(str(e.path), "failed", e.reason) for e in missing)
            for n, path in enumerate(files, 1):
                if progress:
                    progress(path.name, 0, 0)
                result = self._ingest_one(path, parse, progress, file_sha256)
                report.results.append(result)
                if progress:
                    progress(f"[{n}/{len(files)}] {path.name}", 1, 1)
            if prune:
                for doc in self.documents():
                    if not Path(doc.source).exists():
                        self._delete_doc(doc.doc_id)
                        self.registry.bump()
                        report.results.append(FileResult(doc.source, "removed", "file is gone", doc.doc_id))
        report.seconds = time.perf_counter() - started
        return report

    def _ingest_one(
        self,
        path: Path,
        parse: Callable[[Path], ParsedDocument],
        progress: Progress | None,
        sha_of: Callable[[Path], str],
    ) -> FileResult:
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
        try:
            parsed = parse(path)
        except IngestError as exc:
            return FileResult(source, "failed", exc.reason)
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the run
            return FileResult(
                source, "failed", f"unexpected error while reading ({type(exc).__name__}: {str(exc)[:120]})"
            )
        parsed.document.source = source
        parsed.extras["parser"] = PARSER_VERSION
        # A document read by an older parser is re-read in place: same content, same doc id. The old
        # rows go only once the new reading has succeeded (a failed parse above keeps them).
        for doc_id in stale:
            self._delete_doc(doc_id)
        self._write(parsed, [d for d, _ in same_source if d not in stale], progress)
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
