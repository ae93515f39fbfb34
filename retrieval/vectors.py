"""The vector store behind a small protocol: Chroma embedded on disk, or a Chroma server.

It knows passages and vectors only; which documents are served is the registry's business.
chromadb is imported lazily (``planchat --help`` stays instant).
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ingest.errors import PlanchatError
from ingest.models import Passage

COLLECTION = "passages"


class VectorStore(Protocol):
    def count(self) -> int: ...

    def upsert(self, passages: list[Passage], vectors: list[list[float]]) -> None: ...

    def passages(self) -> list[Passage]: ...

    def doc_ids(self) -> dict[str, str]: ...

    def nearest(self, vector: list[float], n: int, doc_ids: list[str] | None) -> list[tuple[str, float]]: ...

    def delete_doc(self, doc_id: str) -> None: ...

    def delete_ids(self, ids: list[str]) -> None: ...

    def embeddings(self, ids: list[str]) -> dict[str, list[float]]: ...

    def batch_size(self) -> int: ...

    def drop(self) -> None: ...


def _years_meta(years: list[int]) -> str:
    return "," + ",".join(str(y) for y in years) + "," if years else ""


def passage_meta(p: Passage) -> dict[str, Any]:
    return {
        "doc_id": p.doc_id,
        "section": p.section,
        "kind": p.kind,
        "position": p.position,
        "years": _years_meta(p.years),
        "page": p.page if p.page is not None else -1,
    }


def passage_from_meta(pid: str, text: str, meta: dict[str, Any]) -> Passage:
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


class ChromaStore:
    """One Chroma collection (cosine space). Opens on first use."""

    def __init__(self, path: Path, host: str | None = None, port: int = 8000) -> None:
        self.path = Path(path)
        self.host = host
        self.port = port
        self._collection: Any = None
        self._lock = threading.Lock()

    def _client(self) -> Any:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
        if self.host:
            return chromadb.HttpClient(host=self.host, port=self.port, settings=chroma_settings)
        return chromadb.PersistentClient(path=str(self.path), settings=chroma_settings)

    @property
    def where(self) -> str:
        return f"Chroma server {self.host}:{self.port}" if self.host else str(self.path)

    @property
    def collection(self) -> Any:
        if self._collection is None:
            with self._lock:
                if self._collection is None:
                    try:
                        self._collection = self._client().get_or_create_collection(
                            COLLECTION, embedding_function=None, metadata={"hnsw:space": "cosine"}
                        )
                    except Exception as exc:  # noqa: BLE001 - a damaged store must say so, not crash
                        raise PlanchatError(
                            f"the vector store in {self.where} could not be opened ({type(exc).__name__}: "
                            f"{str(exc)[:200]}); re-ingest with: planchat ingest --rebuild <paths>"
                        ) from exc
        return self._collection

    def count(self) -> int:
        return int(self.collection.count())

    def batch_size(self) -> int:
        try:
            return int(self.collection._client.get_max_batch_size())
        except Exception:  # noqa: BLE001 - older/remote clients: a safe default
            return 1000

    def upsert(self, passages: list[Passage], vectors: list[list[float]]) -> None:
        step = max(1, self.batch_size())
        for i in range(0, len(passages), step):
            chunk = passages[i : i + step]
            self.collection.upsert(
                ids=[p.passage_id for p in chunk],
                embeddings=vectors[i : i + step],
                documents=[p.text for p in chunk],
                metadatas=[passage_meta(p) for p in chunk],
            )

    def passages(self) -> list[Passage]:
        if not self.count():
            return []
        got = self.collection.get(include=["documents", "metadatas"])
        return [
            passage_from_meta(pid, text or "", meta)
            for pid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=False)
            if meta
        ]

    def doc_ids(self) -> dict[str, str]:
        """passage_id → doc_id of every stored passage."""
        if not self.count():
            return {}
        got = self.collection.get(include=["metadatas"])
        return {
            pid: str((m or {}).get("doc_id")) for pid, m in zip(got["ids"], got["metadatas"], strict=False)
        }

    def nearest(
        self, vector: list[float], n: int, doc_ids: list[str] | None = None
    ) -> list[tuple[str, float]]:
        """(passage_id, cosine similarity) of the nearest passages, optionally within some documents."""
        total = self.count()
        if total == 0 or n <= 0:
            return []
        where: dict[str, Any] | None = None
        if doc_ids:
            where = {"doc_id": doc_ids[0]} if len(doc_ids) == 1 else {"doc_id": {"$in": doc_ids}}
        res = self.collection.query(
            query_embeddings=[vector], n_results=min(n, total), where=where, include=["distances"]
        )
        return [(pid, 1.0 - float(d)) for pid, d in zip(res["ids"][0], res["distances"][0], strict=False)]

    def embeddings(self, ids: list[str]) -> dict[str, list[float]]:
        """passage_id → its stored vector, for those of ``ids`` that have one."""
        out: dict[str, list[float]] = {}
        step = max(1, self.batch_size())
        for i in range(0, len(ids), step):
            got = self.collection.get(ids=ids[i : i + step], include=["embeddings"])
            out.update(
                (pid, [float(x) for x in v]) for pid, v in zip(got["ids"], got["embeddings"], strict=True)
            )
        return out

    def delete_doc(self, doc_id: str) -> None:
        self.collection.delete(where={"doc_id": doc_id})

    def delete_ids(self, ids: list[str]) -> None:
        step = max(1, self.batch_size())
        for i in range(0, len(ids), step):
            self.collection.delete(ids=ids[i : i + step])

    def drop(self) -> None:
        """Remove every passage vector, leaving Chroma usable in this process.

        Chroma caches one client system per store path for the life of the process, so deleting
        its files under a live system leaves a read-only, half-gone store behind: drop the
        collection through Chroma instead, and delete the files only when it cannot be opened.
        A Chroma server holds no files here: its collection is dropped.
        """
        self._collection = None
        try:
            client = self._client()
            if COLLECTION in [getattr(c, "name", c) for c in client.list_collections()]:
                client.delete_collection(COLLECTION)
            return
        except Exception:  # noqa: BLE001 - a damaged local store: remove its files below
            if self.host:
                raise
        from chromadb.api.shared_system_client import SharedSystemClient

        # Forget this path's cached system only (its identifier is the store path).
        SharedSystemClient._identifier_to_system.pop(str(self.path), None)
        SharedSystemClient._identifier_to_refcount.pop(str(self.path), None)
        shutil.rmtree(self.path, ignore_errors=True)


# -- exact search in this process ---------------------------------------------------------------
# Candidates scored on int8 codes per re-scored passage returned: the codes' error on a cosine is
# about 1e-3 at most, far below the gap between the n-th and the (4n)-th nearest of a real index.
RESCORE = 4


class DenseIndex:
    """Exact cosine search over the served passages' vectors, held in this process as int8 codes
    (a quarter of float32; a scale per vector); the best candidates are scored again on their
    float32 vectors (``fetch``). Instead of the vector store's HNSW graph (in Chroma's process
    memory, about 1.6 KB per passage beside its vector), 0.4 KB per passage."""

    CHUNK = 4096  # rows converted to float32 at a time

    def __init__(
        self,
        rows: np.ndarray,
        codes: np.ndarray,
        scales: np.ndarray,
        fetch: Callable[[np.ndarray], np.ndarray],
    ) -> None:
        self.rows = rows  # int32: the passage (a number of the caller's) of each vector
        self.codes = codes  # int8 (n, dim)
        self.scales = scales  # float32: vector ≈ scale * code / its norm (cosine: norm 1)
        self.fetch = fetch  # positions in ``rows`` → their float32 vectors, normalised

    def __len__(self) -> int:
        return len(self.rows)

    @staticmethod
    def quantise(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(int8 codes, float32 scales) of normalised rows: row ≈ scale * code."""
        if not len(matrix):
            return np.zeros((0, matrix.shape[1] if matrix.ndim == 2 else 0), np.int8), np.zeros(0, np.float32)
        unit = normalise(matrix)
        peak = np.abs(unit).max(axis=1)
        scales = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
        codes = np.rint(unit / scales[:, None]).astype(np.int8)
        return codes, scales

    def nearest(
        self, vector: list[float], n: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """(passage number, cosine) of the ``n`` nearest vectors, nearest first; ``allowed``: a
        boolean per passage number, or None for all."""
        if not len(self.rows) or n <= 0:
            return []
        q = normalise(np.asarray(vector, dtype=np.float32)[None, :])[0]
        approx = np.empty(len(self.rows), np.float32)
        for i in range(0, len(self.rows), self.CHUNK):
            # einsum: one thread; BLAS would start threads for this, slow when the CPUs are busy
            part = np.einsum("ij,j->i", self.codes[i : i + self.CHUNK].astype(np.float32), q)
            approx[i : i + self.CHUNK] = part * self.scales[i : i + self.CHUNK]
        if allowed is not None:
            approx[~allowed[self.rows]] = -np.inf
        live = int(np.count_nonzero(approx > -np.inf))
        m = min(live, max(RESCORE * n, n + 100))
        if m <= 0:
            return []
        cand = np.argpartition(-approx, m - 1)[:m] if m < len(approx) else np.argsort(-approx)[:m]
        cand = cand[approx[cand] > -np.inf]
        exact = self.fetch(cand) @ q
        order = np.lexsort((cand, -exact))[:n]
        return [(int(self.rows[cand[k]]), float(exact[k])) for k in order]


def normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.where(norms > 0, norms, 1.0)).astype(np.float32)
