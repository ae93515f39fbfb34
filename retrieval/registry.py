"""The SQLite registry beside the vectors: documents (with their status), their passages, amounts,
extras, meta.

A document is served only when its row says ``complete``. The ``generation`` counter goes up on
every change that alters what is served, so readers can tell that their snapshot is stale.
Passages are stored here (the lexical index is built from them) with a flag that says whether
their vector is in the vector store yet: a complete document is searched lexically at once, and
densely passage by passage as its vectors arrive (``Index.embed_pending``).
"""

from __future__ import annotations

import json
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from ingest.models import Amount, Document, ParsedDocument, Passage

SCHEMA_VERSION = "1"

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
CREATE TABLE IF NOT EXISTS passages (
  passage_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, position INTEGER NOT NULL, text TEXT NOT NULL,
  page INTEGER, section TEXT NOT NULL, kind TEXT NOT NULL, years TEXT NOT NULL,
  embedded INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc_id, position);
CREATE INDEX IF NOT EXISTS passages_unembedded ON passages(doc_id, position) WHERE embedded = 0;
CREATE TABLE IF NOT EXISTS vectors (passage_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, vector BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS vectors_doc ON vectors(doc_id);
"""

FILES = ("registry.sqlite", "registry.sqlite-wal", "registry.sqlite-shm")


class Registry:
    """One SQLite file in the data directory. Opens lazily; safe to share between threads."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / FILES[0]
        self._db: sqlite3.Connection | None = None
        self._lock = threading.RLock()
        self._years: dict[str, list[int]] = {}  # JSON → the one list of those years (never changed)

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)
            self._db = conn
        return self._db

    def _rows(self, sql: str, args: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        # One connection shared by threads: serialise its use.
        with self._lock:
            return self.db.execute(sql, args).fetchall()

    def exists(self) -> bool:
        return self.path.exists() and self.meta("model") is not None

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def remove_files(self) -> None:
        self.close()
        for name in FILES:
            (self.data_dir / name).unlink(missing_ok=True)

    # -- meta ------------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        rows = self._rows("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0]["value"]) if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self._lock, self.db:
            self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def generation(self) -> int:
        return int(self.meta("generation") or 0)

    def bump(self) -> None:
        with self._lock, self.db:
            self.db.execute(
                "INSERT INTO meta(key, value) VALUES ('generation', '1') "
                "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
            )

    # -- documents -------------------------------------------------------------------------
    @staticmethod
    def _doc(row: sqlite3.Row) -> Document:
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
        rows = self._rows("SELECT * FROM documents WHERE status = 'complete' ORDER BY source")
        return [self._doc(r) for r in rows]

    def document(self, doc_id: str) -> Document | None:
        rows = self._rows("SELECT * FROM documents WHERE doc_id = ? AND status = 'complete'", (doc_id,))
        return self._doc(rows[0]) if rows else None

    def complete_ids(self) -> set[str]:
        return {r[0] for r in self._rows("SELECT doc_id FROM documents WHERE status = 'complete'")}

    def incomplete_ids(self) -> list[str]:
        return [r[0] for r in self._rows("SELECT doc_id FROM documents WHERE status != 'complete'")]

    def by_source(self, source: str) -> list[tuple[str, str]]:
        """(doc_id, sha256) of the complete documents read from ``source``."""
        rows = self._rows(
            "SELECT doc_id, sha256 FROM documents WHERE source = ? AND status = 'complete'", (source,)
        )
        return [(r["doc_id"], r["sha256"]) for r in rows]

    def twin(self, sha256: str, other_than: str) -> tuple[str, str] | None:
        """(doc_id, source) of a complete document with the same content read from another file."""
        rows = self._rows(
            "SELECT doc_id, source FROM documents WHERE sha256 = ? AND status = 'complete' AND source != ?",
            (sha256, other_than),
        )
        return (rows[0]["doc_id"], rows[0]["source"]) if rows else None

    def set_source(self, doc_id: str, source: str) -> None:
        with self._lock, self.db:
            self.db.execute("UPDATE documents SET source = ? WHERE doc_id = ?", (source, doc_id))

    def set_status(self, doc_ids: list[str], status: str) -> None:
        with self._lock, self.db:
            self.db.executemany(
                "UPDATE documents SET status = ? WHERE doc_id = ?", [(status, d) for d in doc_ids]
            )

    def add_pending(self, parsed: ParsedDocument) -> None:
        doc = parsed.document
        with self._lock, self.db:
            self.db.execute("DELETE FROM documents WHERE doc_id = ? AND status != 'complete'", (doc.doc_id,))
            self.db.execute(
                "INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    doc.doc_id, doc.source, doc.title, doc.kind, doc.organisation, doc.nämnd, doc.förvaltning,
                    doc.diarienummer, doc.date, json.dumps(doc.years), doc.pages, len(parsed.passages),
                    doc.sha256, "pending", time.time(),
                ),
            )  # fmt: skip
            self.db.execute("DELETE FROM passages WHERE doc_id = ?", (doc.doc_id,))
            self.db.execute("DELETE FROM vectors WHERE doc_id = ?", (doc.doc_id,))
            self.db.executemany(
                "INSERT INTO passages VALUES (?,?,?,?,?,?,?,?,?)",
                [_passage_row(p, embedded=False) for p in parsed.passages],
            )

    def complete(self, parsed: ParsedDocument, replaces: list[str]) -> None:
        """Store the document's facts and serve it, in one transaction (replaced ones stop being served)."""
        doc = parsed.document
        with self._lock, self.db:
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
            self.db.executemany(
                "UPDATE documents SET status = 'replaced' WHERE doc_id = ?", [(old,) for old in replaces]
            )
            self.db.execute("UPDATE documents SET status = 'complete' WHERE doc_id = ?", (doc.doc_id,))
            self.db.execute(
                "INSERT INTO meta(key, value) VALUES ('generation', '1') "
                "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
            )

    def forget(self, doc_id: str) -> None:
        """Remove a document's rows (its vectors must be gone already)."""
        with self._lock, self.db:
            self.db.execute("DELETE FROM amounts WHERE doc_id = ?", (doc_id,))
            self.db.execute("DELETE FROM extras WHERE doc_id = ?", (doc_id,))
            self.db.execute("DELETE FROM passages WHERE doc_id = ?", (doc_id,))
            self.db.execute("DELETE FROM vectors WHERE doc_id = ?", (doc_id,))
            self.db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))

    # -- passages --------------------------------------------------------------------------
    def _passage(self, row: sqlite3.Row) -> Passage:
        # 100 000 passages are held in memory: the strings many of them share (document id,
        # section, kind) and their lists of years are stored once.
        years = self._years.get(row["years"])
        if years is None:
            years = self._years[row["years"]] = json.loads(row["years"])
        return Passage(
            passage_id=row["passage_id"],
            doc_id=sys.intern(row["doc_id"]),
            text=row["text"],
            page=row["page"],
            section=sys.intern(row["section"]),
            years=years,
            kind=sys.intern(row["kind"]),
            position=row["position"],
        )

    def passages(self, doc_ids: list[str]) -> list[Passage]:
        """The stored passages of these documents, in document order."""
        out: list[Passage] = []
        for part in _chunks(doc_ids, 100):
            with self._lock:  # row by row: no list of 100 000 rows beside the passages made of them
                cursor = self.db.execute(
                    f"SELECT * FROM passages WHERE doc_id IN ({','.join('?' * len(part))}) "
                    "ORDER BY doc_id, position",
                    tuple(part),
                )
                out.extend(self._passage(r) for r in cursor)
        return out

    def stamps(self) -> dict[str, tuple[float, int]]:
        """doc_id → (ingested_at, passages) of every complete document: a document re-read in
        place keeps its id but gets a new stamp."""
        rows = self._rows("SELECT doc_id, ingested_at, passages FROM documents WHERE status = 'complete'")
        return {r[0]: (float(r[1]), int(r[2])) for r in rows}

    def stored_passage_docs(self) -> set[str]:
        """Complete documents whose passages are stored here (an index written by an older
        planchat kept them in the vector store only)."""
        rows = self._rows(
            "SELECT DISTINCT p.doc_id FROM passages p JOIN documents d ON d.doc_id = p.doc_id "
            "WHERE d.status = 'complete'"
        )
        return {r[0] for r in rows}

    def add_passages(self, passages: list[Passage], embedded: bool) -> None:
        """Store passages read back from the vector store (an index of an older planchat)."""
        with self._lock, self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO passages VALUES (?,?,?,?,?,?,?,?,?)",
                [_passage_row(p, embedded) for p in passages],
            )

    def unembedded(self, limit: int) -> list[Passage]:
        """Passages of complete documents whose vectors are not stored yet, oldest document first."""
        rows = self._rows(
            "SELECT p.* FROM passages p JOIN documents d ON d.doc_id = p.doc_id "
            "WHERE p.embedded = 0 AND d.status = 'complete' ORDER BY d.ingested_at, p.doc_id, p.position "
            "LIMIT ?",
            (limit,),
        )
        return [self._passage(r) for r in rows]

    def count_unembedded(self) -> int:
        rows = self._rows(
            "SELECT COUNT(*) FROM passages p JOIN documents d ON d.doc_id = p.doc_id "
            "WHERE p.embedded = 0 AND d.status = 'complete'"
        )
        return int(rows[0][0])

    def mark_embedded(self, passages: list[Passage], vectors: list[list[float]] | None = None) -> None:
        """These passages have their vectors in the vector store now; ``vectors`` (one per passage)
        are kept here too, as float32, for exact search in this process (``dense_vectors``)."""
        with self._lock, self.db:
            if vectors is not None:
                self.db.executemany(
                    "INSERT OR REPLACE INTO vectors VALUES (?,?,?)",
                    [
                        (p.passage_id, p.doc_id, np.asarray(v, dtype=np.float32).tobytes())
                        for p, v in zip(passages, vectors, strict=True)
                    ],
                )
            self.db.executemany(
                "UPDATE passages SET embedded = 1 WHERE passage_id = ?", [(p.passage_id,) for p in passages]
            )
            self._bump_embedded()

    def _bump_embedded(self) -> None:
        self.db.execute(
            "INSERT INTO meta(key, value) VALUES ('embedded', '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

    def embedded_generation(self) -> int:
        """Goes up whenever passages get their vectors (which does not change the generation)."""
        return int(self.meta("embedded") or 0)

    def embedded_counts(self) -> dict[str, int]:
        """doc_id → how many of its passages have their vector stored."""
        rows = self._rows("SELECT doc_id, COUNT(*) FROM passages WHERE embedded = 1 GROUP BY doc_id")
        return {r[0]: int(r[1]) for r in rows}

    def add_vectors(self, rows: list[tuple[str, str, bytes]]) -> None:
        """(passage_id, doc_id, float32 bytes) of vectors copied from the vector store."""
        with self._lock, self.db:
            self.db.executemany("INSERT OR REPLACE INTO vectors VALUES (?,?,?)", rows)
            self._bump_embedded()

    def embedded_without_vector(self, limit: int) -> list[tuple[str, str]]:
        """(passage_id, doc_id) of embedded passages whose vector is not kept here (an index
        written by an older planchat), at most ``limit``."""
        rows = self._rows(
            "SELECT p.passage_id, p.doc_id FROM passages p LEFT JOIN vectors v ON v.passage_id = p.passage_id "
            "WHERE p.embedded = 1 AND v.passage_id IS NULL LIMIT ?",
            (limit,),
        )
        return [(r[0], r[1]) for r in rows]

    def dense_vectors(self, doc_ids: list[str]) -> Iterator[tuple[str, tuple[np.ndarray, np.ndarray] | None]]:
        """Per document (a few at a time, so that 100 000 float32 vectors are never all in memory):
        (positions of its embedded passages, their vectors as a float32 matrix) in position order;
        None for a document with an embedded passage whose vector is not kept here."""
        for part in _chunks(doc_ids, 20):
            with self._lock:
                rows = self.db.execute(
                    "SELECT p.doc_id, p.position, v.vector FROM passages p "
                    "LEFT JOIN vectors v ON v.passage_id = p.passage_id "
                    f"WHERE p.embedded = 1 AND p.doc_id IN ({','.join('?' * len(part))}) "
                    "ORDER BY p.doc_id, p.position",
                    tuple(part),
                ).fetchall()
            by_doc: dict[str, list[tuple[int, bytes | None]]] = {}
            for r in rows:
                by_doc.setdefault(r[0], []).append((r[1], r[2]))
            del rows
            for d, items in by_doc.items():
                if any(v is None for _, v in items):
                    yield d, None
                    continue
                positions = np.asarray([pos for pos, _ in items], dtype=np.int32)
                matrix = np.frombuffer(b"".join(v for _, v in items if v is not None), dtype=np.float32)
                yield d, (positions, matrix.reshape(len(items), -1))

    def vectors_of(self, passage_ids: list[str]) -> dict[str, np.ndarray]:
        """passage_id → its kept float32 vector."""
        out: dict[str, np.ndarray] = {}
        for part in _chunks(passage_ids, 500):
            rows = self._rows(
                f"SELECT passage_id, vector FROM vectors WHERE passage_id IN ({','.join('?' * len(part))})",
                tuple(part),
            )
            out.update((r[0], np.frombuffer(r[1], dtype=np.float32)) for r in rows)
        return out

    # -- facts -----------------------------------------------------------------------------
    def amounts(self, doc_ids: list[str] | None = None) -> list[Amount]:
        """The amounts of the complete documents (or of these ones), by document and order read."""
        if doc_ids is not None:
            out: list[Amount] = []
            for part in _chunks(doc_ids, 500):
                out.extend(self._amounts(f" AND a.doc_id IN ({','.join('?' * len(part))})", tuple(part)))
            return out
        return self._amounts("", ())

    def _amounts(self, where: str, args: tuple[Any, ...]) -> list[Amount]:
        rows = self._rows(
            "SELECT a.* FROM amounts a JOIN documents d ON d.doc_id = a.doc_id "
            f"WHERE d.status = 'complete'{where} ORDER BY a.doc_id, a.id",
            args,
        )
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
        rows = self._rows(
            "SELECT e.doc_id, e.payload FROM extras e JOIN documents d ON d.doc_id = e.doc_id "
            "WHERE d.status = 'complete' AND e.kind = ?",
            (kind,),
        )
        return [(r[0], json.loads(r[1])) for r in rows]

    def extra(self, doc_id: str, kind: str) -> Any:
        rows = self._rows("SELECT payload FROM extras WHERE doc_id = ? AND kind = ?", (doc_id, kind))
        return json.loads(rows[0][0]) if rows else None


def _passage_row(p: Passage, embedded: bool) -> tuple[Any, ...]:
    """A passage as a row of the passages table (its columns in order)."""
    return (
        p.passage_id,
        p.doc_id,
        p.position,
        p.text,
        p.page,
        p.section,
        p.kind,
        json.dumps(p.years),
        int(embedded),
    )


def _chunks(ids: list[str], size: int) -> Iterator[list[str]]:
    """``ids`` in runs of at most ``size`` (SQLite bounds the parameters of one statement)."""
    for i in range(0, len(ids), size):
        yield ids[i : i + size]
