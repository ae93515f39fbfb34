"""The index on disk: a Chroma collection of passages and a SQLite registry beside it.

Consistency rule: a document is served only when its registry row says ``complete``. Ingest
writes the row as ``pending``, upserts the passages into Chroma, then marks it complete in one
SQLite transaction; anything left pending by a killed run is removed at the next open for
writing. The lexical index is built from Chroma's own passages (filtered by the registry),
so it can never serve a passage Chroma no longer has.

One writer at a time: writers hold an exclusive ``flock`` on ``<data_dir>/write.lock``.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ingest.errors import IndexLockedError, IndexMismatchError, IngestError, PlanchatError
from ingest.models import Amount, Document, ParsedDocument, Passage
from retrieval.embed import Embedder, SentenceTransformerEmbedder
from retrieval.settings import Settings

SCHEMA_VERSION = "1"
# What ingest reads from a file (passages, amounts, activities). A document read by another
# version is re-read by the next ingest even when the file is unchanged.
PARSER_VERSION = "2"
COLLECTION = "passages"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
  doc_id TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT NOT NULL, kind TEXT NOT NULL,
  organisation TEXT, namnd TEXT, forvaltning TEXT, diarienummer TEXT, date TEXT,
  years TEXT NOT NULL, pages INTEGER, passages INTEGER NOT NULL, sha256 TEXT NOT NULL,
  status TEXT NOT NULL, ingested_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source);
CREATE TABLE IF NOT EXISTS amounts (
  id INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL, passage_id TEXT NOT NULL,
  value INTEGER NOT NULL, label TEXT NOT NULL, who TEXT, year INTEGER, raw TEXT NOT NULL,
  is_total INTEGER NOT NULL, context TEXT NOT NULL, table_id TEXT, check_result TEXT
);
CREATE INDEX IF NOT EXISTS amounts_doc ON amounts(doc_id);
CREATE TABLE IF NOT EXISTS extras (
  doc_id TEXT NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS extras_doc ON extras(doc_id);
"""


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
    """Exclusive, non-blocking lock on the data directory for the duration of a write."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / "write.lock"
        self._fd: int | None = None

    def __enter__(self) -> WriteLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 64).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise IndexLockedError(
                f"{self.path.parent}: another planchat process (pid {holder}) is writing to this index; "
                "wait for it to finish and run again"
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


def _years_meta(years: list[int]) -> str:
    return "," + ",".join(str(y) for y in years) + "," if years else ""


def passage_from_chroma(pid: str, text: str, meta: dict[str, Any]) -> Passage:
    years = [int(y) for y in str(meta.get("years", "")).strip(",").split(",") if y]
    page = meta.get("page")
    return Passage(
        passage_id=pid,
        doc_id=str(meta["doc_id"]),
        text=text,
        page=int(page) if isinstance(page, int) and page > 0 else None,
        section=str(meta.get("section", "")),
        years=years,
        kind=str(meta.get("kind", "prose")),
        position=int(meta.get("position", 0)),
    )


def embedding_text(passage: Passage, title: str) -> str:
    """What is embedded and lexically indexed: the section path gives short passages context."""
    section = passage.section.split(" › ")[-2:] if passage.section else []
    head = " › ".join(section)
    return f"{head}\n{passage.text}" if head else passage.text


class Index:
    """Registry + Chroma for one data directory. Cheap to construct; opens lazily."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.data_dir = Path(settings.data_dir)
        self._embedder = embedder
        self._db: sqlite3.Connection | None = None
        self._collection: Any = None

    # -- plumbing -------------------------------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = SentenceTransformerEmbedder(self.settings.model, self.settings.embed_batch_size)
        return self._embedder

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.data_dir / "registry.sqlite", timeout=30, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)
            self._db = conn
        return self._db

    def exists(self) -> bool:
        return (self.data_dir / "registry.sqlite").exists() and self.meta("model") is not None

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row["value"])

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def generation(self) -> int:
        return int(self.meta("generation") or 0)

    def _bump(self) -> None:
        self._set_meta("generation", str(self.generation() + 1))

    def check_model(self) -> None:
        """The index records its model; another configured model is an error."""
        built_with = self.meta("model")
        if built_with is not None and built_with != self.settings.model:
            raise IndexMismatchError(
                f"the index in {self.data_dir} was built with embedding model '{built_with}', but the settings "
                f"name '{self.settings.model}'; re-ingest with: planchat ingest --rebuild <paths>"
            )
        schema = self.meta("schema")
        if schema is not None and schema != SCHEMA_VERSION:
            raise IndexMismatchError(
                f"the index in {self.data_dir} has schema {schema}, this planchat needs {SCHEMA_VERSION}; "
                "re-ingest with: planchat ingest --rebuild <paths>"
            )

    @property
    def collection(self) -> Any:
        if self._collection is None:
            import chromadb
            from chromadb.config import Settings as ChromaSettings

            chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
            try:
                if self.settings.chroma_host:
                    client = chromadb.HttpClient(
                        host=self.settings.chroma_host,
                        port=self.settings.chroma_port,
                        settings=chroma_settings,
                    )
                else:
                    client = chromadb.PersistentClient(
                        path=str(self.data_dir / "chroma"), settings=chroma_settings
                    )
                self._collection = client.get_or_create_collection(
                    COLLECTION, embedding_function=None, metadata={"hnsw:space": "cosine"}
                )
            except Exception as exc:  # noqa: BLE001 - a damaged store must say so, not crash
                raise PlanchatError(
                    f"the vector store in {self.data_dir / 'chroma'} could not be opened ({type(exc).__name__}: "
                    f"{str(exc)[:200]}); re-ingest with: planchat ingest --rebuild <paths>"
                ) from exc
        return self._collection

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    # -- reading --------------------------------------------------------------------------
    def _doc_from_row(self, row: sqlite3.Row) -> Document:
        return Document(
            doc_id=row["doc_id"],
            title=row["title"],
            source=row["source"],
            kind=row["kind"],
            organisation=row["organisation"],
            diarienummer=row["diarienummer"],
            date=row["date"],
            years=json.loads(row["years"]),
            pages=row["pages"],
            sha256=row["sha256"],
            passages=row["passages"],
            nämnd=row["namnd"],
            förvaltning=row["forvaltning"],
        )

    def documents(self) -> list[Document]:
        rows = self.db.execute("SELECT * FROM documents WHERE status = 'complete' ORDER BY source").fetchall()
        return [self._doc_from_row(r) for r in rows]

    def document(self, doc_id: str) -> Document | None:
        row = self.db.execute(
            "SELECT * FROM documents WHERE doc_id = ? AND status = 'complete'", (doc_id,)
        ).fetchone()
        return None if row is None else self._doc_from_row(row)

    def complete_ids(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT doc_id FROM documents WHERE status = 'complete'")}

    def all_passages(self) -> list[Passage]:
        """Every served passage, from Chroma, in document order."""
        if not self.exists():
            return []
        got = self.collection.get(include=["documents", "metadatas"])
        ok = self.complete_ids()
        out = [
            passage_from_chroma(pid, text or "", meta or {})
            for pid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=False)
            if meta and meta.get("doc_id") in ok
        ]
        out.sort(key=lambda p: (p.doc_id, p.position))
        return out

    def dense(
        self, query_vector: list[float], n: int, doc_ids: list[str] | None = None
    ) -> list[tuple[str, float]]:
        """(passage_id, cosine similarity) for the nearest passages."""
        total = self.collection.count()
        if total == 0:
            return []
        where: dict[str, Any] | None = None
        if doc_ids:
            where = {"doc_id": doc_ids[0]} if len(doc_ids) == 1 else {"doc_id": {"$in": doc_ids}}
        res = self.collection.query(
            query_embeddings=[query_vector],
            n_results=min(n, total),
            where=where,
            include=["distances", "metadatas"],
        )
        ok = self.complete_ids()
        out = []
        for pid, dist, meta in zip(res["ids"][0], res["distances"][0], res["metadatas"][0], strict=False):
            if meta and meta.get("doc_id") in ok:
                out.append((pid, 1.0 - float(dist)))
        return out

    def amounts(self) -> list[Amount]:
        rows = self.db.execute(
            "SELECT a.* FROM amounts a JOIN documents d ON d.doc_id = a.doc_id "
            "WHERE d.status = 'complete' ORDER BY a.doc_id, a.id"
        ).fetchall()
        return [
            Amount(
                value=r["value"],
                label=r["label"],
                who=r["who"],
                year=r["year"],
                passage_id=r["passage_id"],
                doc_id=r["doc_id"],
                raw=r["raw"],
                is_total=bool(r["is_total"]),
                context=r["context"],
                table_id=r["table_id"],
                check=r["check_result"],
            )
            for r in rows
        ]

    def extras(self, kind: str) -> list[tuple[str, Any]]:
        rows = self.db.execute(
            "SELECT e.doc_id, e.payload FROM extras e JOIN documents d ON d.doc_id = e.doc_id "
            "WHERE d.status = 'complete' AND e.kind = ?",
            (kind,),
        ).fetchall()
        return [(r[0], json.loads(r[1])) for r in rows]

    # -- writing --------------------------------------------------------------------------
    def _prepare_write(self) -> None:
        self.check_model()
        if self.meta("model") is None:
            self._set_meta("model", self.settings.model)
            self._set_meta("schema", SCHEMA_VERSION)
            self.db.commit()
        self._remove_incomplete()

    def _remove_incomplete(self) -> None:
        """Undo what a killed run left: pending rows, and Chroma passages of unknown documents."""
        stale = [r[0] for r in self.db.execute("SELECT doc_id FROM documents WHERE status != 'complete'")]
        for doc_id in stale:
            self._delete_doc(doc_id)
        if self.collection.count():
            got = self.collection.get(include=["metadatas"])
            ok = self.complete_ids()
            orphans = [
                pid
                for pid, m in zip(got["ids"], got["metadatas"], strict=False)
                if (m or {}).get("doc_id") not in ok
            ]
            if orphans:
                self._chroma_delete_ids(orphans)
        if stale:
            self._bump()
            self.db.commit()

    def _chroma_delete_ids(self, ids: list[str]) -> None:
        step = max(1, self._batch_size())
        for i in range(0, len(ids), step):
            self.collection.delete(ids=ids[i : i + step])

    def _batch_size(self) -> int:
        try:
            return int(self.collection._client.get_max_batch_size())
        except Exception:  # noqa: BLE001 - older/remote clients: a safe default
            return 1000

    def _delete_doc(self, doc_id: str) -> None:
        with self.db:
            self.db.execute("UPDATE documents SET status = 'deleting' WHERE doc_id = ?", (doc_id,))
        self.collection.delete(where={"doc_id": doc_id})
        with self.db:
            self.db.execute("DELETE FROM amounts WHERE doc_id = ?", (doc_id,))
            self.db.execute("DELETE FROM extras WHERE doc_id = ?", (doc_id,))
            self.db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))

    def _write(self, parsed: ParsedDocument, replaces: list[str], progress: Progress | None) -> None:
        doc = parsed.document
        with self.db:
            self.db.execute("DELETE FROM documents WHERE doc_id = ? AND status != 'complete'", (doc.doc_id,))
            self.db.execute(
                "INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    doc.doc_id, doc.source, doc.title, doc.kind, doc.organisation, doc.nämnd, doc.förvaltning,
                    doc.diarienummer, doc.date, json.dumps(doc.years), doc.pages, len(parsed.passages),
                    doc.sha256, "pending", time.time(),
                ),
            )  # fmt: skip
        passages = parsed.passages
        step = min(self._batch_size(), 256)
        for i in range(0, len(passages), step):
            chunk = passages[i : i + step]
            vectors = self.embedder.embed_passages([embedding_text(p, doc.title) for p in chunk])
            metas: list[dict[str, Any]] = []
            for p in chunk:
                m: dict[str, Any] = {
                    "doc_id": p.doc_id,
                    "section": p.section,
                    "kind": p.kind,
                    "position": p.position,
                    "years": _years_meta(p.years),
                    "page": p.page if p.page is not None else -1,
                }
                metas.append(m)
            self.collection.upsert(
                ids=[p.passage_id for p in chunk],
                embeddings=vectors,
                documents=[p.text for p in chunk],
                metadatas=metas,
            )
            if progress:
                progress(Path(doc.source).name, min(i + step, len(passages)), len(passages))
        with self.db:
            self.db.executemany(
                "INSERT INTO amounts(doc_id, passage_id, value, label, who, year, raw, is_total, context, table_id, "
                "check_result) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (a.doc_id, a.passage_id, a.value, a.label, a.who, a.year, a.raw, int(a.is_total), a.context,
                     a.table_id, a.check)
                    for a in parsed.amounts
                ],
            )  # fmt: skip
            for kind, payload in parsed.extras.items():
                self.db.execute("INSERT INTO extras VALUES (?,?,?)", (doc.doc_id, kind, json.dumps(payload)))
            for old in replaces:
                self.db.execute("UPDATE documents SET status = 'replaced' WHERE doc_id = ?", (old,))
            self.db.execute("UPDATE documents SET status = 'complete' WHERE doc_id = ?", (doc.doc_id,))
            self._bump()
        for old in replaces:
            self._delete_doc(old)

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        with WriteLock(self.data_dir):
            self._prepare_write()
            yield

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
                        self._bump()
                        self.db.commit()
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
        same_source = self.db.execute(
            "SELECT doc_id, sha256 FROM documents WHERE source = ? AND status = 'complete'", (source,)
        ).fetchall()
        stale = [
            r["doc_id"]
            for r in same_source
            if r["sha256"] == sha and self._parser_of(r["doc_id"]) != PARSER_VERSION
        ]
        if any(r["sha256"] == sha for r in same_source) and not stale:
            return FileResult(source, "unchanged", doc_id=sha[:16])
        twin = self.db.execute(
            "SELECT doc_id, source FROM documents WHERE sha256 = ? AND status = 'complete' AND source != ?",
            (sha, source),
        ).fetchone()
        if twin is not None:
            if Path(twin["source"]).exists():
                return FileResult(source, "unchanged", f"same content as {twin['source']}", twin["doc_id"])
            with self.db:  # the file was moved or renamed: follow it
                self.db.execute("UPDATE documents SET source = ? WHERE doc_id = ?", (source, twin["doc_id"]))
                for r in same_source:
                    self.db.execute(
                        "UPDATE documents SET status = 'replaced' WHERE doc_id = ?", (r["doc_id"],)
                    )
            for r in same_source:
                self._delete_doc(r["doc_id"])
            return FileResult(source, "unchanged", f"moved from {twin['source']}", twin["doc_id"])
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
        self._write(parsed, [r["doc_id"] for r in same_source if r["doc_id"] not in stale], progress)
        status = "updated" if same_source else "added"
        reason = "re-read by a newer planchat" if stale else ""
        return FileResult(
            source, status, reason, doc_id=parsed.document.doc_id, passages=len(parsed.passages)
        )

    def _parser_of(self, doc_id: str) -> str | None:
        row = self.db.execute(
            "SELECT payload FROM extras WHERE doc_id = ? AND kind = 'parser'", (doc_id,)
        ).fetchone()
        return json.loads(row[0]) if row else None

    def delete(self, doc_id: str) -> Document:
        with self.writing():
            doc = self.document(doc_id)
            if doc is None:
                raise PlanchatError(f"document '{doc_id}' is not in the index")
            self._delete_doc(doc_id)
            self._bump()
            self.db.commit()
            return doc

    def rebuild(self) -> None:
        """Wipe the index (for a model change). Holds the write lock."""
        with WriteLock(self.data_dir):
            self.close()
            self._collection = None
            self._drop_vectors()
            for name in ("registry.sqlite", "registry.sqlite-wal", "registry.sqlite-shm"):
                (self.data_dir / name).unlink(missing_ok=True)

    def _drop_vectors(self) -> None:
        """Remove every passage vector, leaving Chroma usable in this process.

        Chroma caches one client system per store path for the life of the process, so deleting
        its files under a live system leaves a read-only, half-gone store behind: drop the
        collection through Chroma instead, and delete the files only when it cannot be opened.
        A Chroma server (``chroma_host``) holds no files here: its collection is dropped.
        """
        import shutil

        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
        try:
            if self.settings.chroma_host:
                client: Any = chromadb.HttpClient(
                    host=self.settings.chroma_host, port=self.settings.chroma_port, settings=chroma_settings
                )
            else:
                client = chromadb.PersistentClient(
                    path=str(self.data_dir / "chroma"), settings=chroma_settings
                )
            if COLLECTION in [getattr(c, "name", c) for c in client.list_collections()]:
                client.delete_collection(COLLECTION)
            return
        except Exception:  # noqa: BLE001 - a damaged local store: remove its files below
            if self.settings.chroma_host:
                raise
        from chromadb.api.shared_system_client import SharedSystemClient

        # Forget this path's cached system only (its identifier is the store path).
        SharedSystemClient._identifier_to_system.pop(str(self.data_dir / "chroma"), None)
        SharedSystemClient._identifier_to_refcount.pop(str(self.data_dir / "chroma"), None)
        shutil.rmtree(self.data_dir / "chroma", ignore_errors=True)


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
