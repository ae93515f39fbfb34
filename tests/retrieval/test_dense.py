"""Dense search in process: exact cosine order, the vector store's own answers, older indexes."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from retrieval.settings import Settings
from retrieval.store import Index
from retrieval.vectors import DenseIndex, normalise


def _exact(matrix: np.ndarray, q: np.ndarray, n: int) -> list[int]:
    sims = normalise(matrix) @ (q / np.linalg.norm(q))
    return [int(i) for i in np.lexsort((np.arange(len(sims)), -sims))[:n]]


def test_dense_index_returns_the_exact_nearest_in_order() -> None:
    rng = np.random.default_rng(0)
    matrix = rng.normal(size=(3000, 64)).astype(np.float32)
    codes, scales = DenseIndex.quantise(matrix)
    rows = np.arange(100, 3100, dtype=np.int32)  # the caller's passage numbers
    dense = DenseIndex(rows, codes, scales, lambda cand: normalise(matrix[cand]))
    for seed in range(5):
        q = np.random.default_rng(seed + 1).normal(size=64).astype(np.float32)
        got = dense.nearest(q.tolist(), 20)
        assert [i - 100 for i, _ in got] == _exact(matrix, q, 20)
        sims = [s for _, s in got]
        assert sims == sorted(sims, reverse=True)
        best = matrix[got[0][0] - 100]
        assert abs(sims[0] - float(best @ q / (np.linalg.norm(best) * np.linalg.norm(q)))) < 1e-5
    # only the allowed passages
    allowed = np.zeros(3100, bool)
    allowed[100:200] = True
    got = dense.nearest(q.tolist(), 5, allowed)
    assert [i - 100 for i, _ in got] == _exact(matrix[:100], q, 5)
    assert dense.nearest(q.tolist(), 5, np.zeros(3100, bool)) == []


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_in_process_dense_search_finds_what_the_vector_store_finds(corpus_index, embedder) -> None:  # type: ignore[no-untyped-def]
    from retrieval.service import Planchat

    svc = Planchat(corpus_index, index=Index(corpus_index, embedder=embedder))
    snap = svc.snapshot()
    dense = svc.searcher.dense(snap)
    assert dense is not None and len(dense) == len(snap.lex.passages)
    for question in ("Vad kostade socialpsykiatriska teamet 2019?", "Vilka insatser finns för unga vuxna?",
                     "What is the budget for the outreach team?"):  # fmt: skip
        vec = embedder.embed_queries([question])[0]
        ours = [snap.lex.passages[i].passage_id for i, _ in dense.nearest(vec, 10)]
        chroma = [pid for pid, _ in svc.index.vectors.nearest(vec, 10, None)]
        assert ours == chroma  # a few hundred passages: Chroma's HNSW search is exact too


def test_index_of_an_older_planchat_is_searched_in_the_vector_store_until_its_next_write(
    tmp_path: Path, embedder
) -> None:  # type: ignore[no-untyped-def]
    from retrieval.service import Planchat

    source = _write(tmp_path / "plan.md", "# Plan\n\nBoendestödet i Oxie utökas år 2021 med två tjänster.\n")
    settings = Settings(data_dir=tmp_path / "data")
    index = Index(settings, embedder=embedder)
    index.ingest([source])
    with index.registry.db:  # as an older planchat left it: vectors in Chroma only
        index.registry.db.execute("DELETE FROM vectors")
        index.registry.db.execute("DELETE FROM meta WHERE key = 'vectors'")
    svc = Planchat(settings, index=Index(settings, embedder=embedder))
    assert svc.searcher.dense(svc.snapshot()) is None
    hits = svc.search("boendestöd Oxie", mode="dense")
    assert hits and "Oxie" in hits[0].passage.text
    with svc.index.writing():  # the next write copies them
        pass
    dense = svc.searcher.dense(svc.snapshot())
    assert dense is not None and len(dense) == len(svc.snapshot().lex.passages)
    assert [h.passage.passage_id for h in svc.search("boendestöd Oxie", mode="dense")] == [
        h.passage.passage_id for h in hits
    ]


def test_vectors_stored_after_the_snapshot_are_searched(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    from retrieval.service import Planchat

    source = _write(tmp_path / "plan.md", "# Mötesplatser\n\nMötesplatsen i Lindängen öppnar år 2021.\n")
    settings = Settings(data_dir=tmp_path / "data")
    svc = Planchat(settings, index=Index(settings, embedder=embedder))
    report = svc.ingest([source], vectors="later")
    assert report.vectors_pending
    gen = svc.snapshot().generation
    assert svc.search("mötesplatsen Lindängen", mode="dense") == []
    assert svc.embed_pending() == report.vectors_pending
    assert svc.snapshot().generation == gen  # the same snapshot, its new vectors searched
    dense = svc.search("mötesplatsen Lindängen", mode="dense")
    assert dense and "Lindängen" in dense[0].passage.text
