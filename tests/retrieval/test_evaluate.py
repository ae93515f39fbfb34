"""The eval arithmetic on tiny hand-made cases: key phrases, facts, tallies."""

from __future__ import annotations

from retrieval.evaluate import _Tally, facts_ok, holds


def test_key_phrase_found_as_written_or_with_column_names_between() -> None:
    assert holds("Norr Bemanning av socialpsykiatriskt team. 650 000", "bemanning av socialpsykiatriskt")
    row = "Kommunbidrag Period Utfall: 9,4 Budget: 9,4 Avvikelse: 0"
    assert holds(row, "Kommunbidrag 9,4 9,4 0")
    assert not holds(
        "Kommunbidrag ökade. Helt andra ord står här emellan och sedan 9,4 9,4 0", "Kommunbidrag 9,4 9,4 0"
    )
    assert not holds(row, "Kommunbidrag 9,5")


def test_facts_need_one_alternative_of_every_group_digits_glued() -> None:
    assert facts_ok([["110000"], ["invånare", "personer"]], "Målet är 110 000 invånare år 2035.")
    assert not facts_ok([["110000"], ["företag"]], "Målet är 110 000 invånare år 2035.")
    assert facts_ok([], "vad som helst")


def test_tally_counts_positives_and_negatives_apart() -> None:
    t = _Tally()
    for row in (
        {"negative": False, "rank": 1, "correct": True, "gold_cited": True, "answered": True},
        {"negative": False, "rank": 4, "correct": False, "gold_cited": False, "answered": True},
        {"negative": False, "rank": None, "correct": False, "gold_cited": False, "answered": False},
        {"negative": True, "rank": None, "correct": False, "gold_cited": False, "answered": False},
        {"negative": True, "rank": None, "correct": False, "gold_cited": False, "answered": True},
    ):
        t.add(row)
    f = t.figures()
    assert f["questions"] == 5 and f["negatives"] == 2
    assert f["recall_at_k"] == 2 / 3
    assert abs(f["mrr"] - (1 + 1 / 4) / 3) < 1e-9
    assert f["answer_accuracy"] == 1 / 3 and f["gold_cited"] == 1 / 3
    assert f["negatives_rejected"] == 1 / 2
    assert f["overall"] == 2 / 5


def test_naive_baseline_cuts_documents_into_fixed_chunks_and_never_abstains() -> None:
    from types import SimpleNamespace

    from ingest.models import Passage
    from retrieval.evaluate import NAIVE_CHUNK_CHARS, NaiveBaseline, _score_naive

    class Embedder:  # a word-presence "embedding": enough to rank a chunk that holds the word
        vocab = ["badhuset", "konstgräsplan", "kulturbuss"]

        def _v(self, text: str) -> list[float]:
            return [float(w in text.lower()) for w in self.vocab]

        def embed_passages(self, texts: list[str]) -> list[list[float]]:
            return [self._v(t) for t in texts]

        def embed_queries(self, texts: list[str]) -> list[list[float]]:
            return [self._v(t) for t in texts]

    long = "ord " * 400  # 1 600 characters: two chunks
    passages = [
        Passage("a-0", "a", long + "Badhuset kostar 8 500 tkr.", None, "", [], "prose"),
        Passage("b-0", "b", "Kulturbussen köps in 2028 för 3 000 tkr.", None, "", [], "prose"),
    ]
    svc = SimpleNamespace(
        snapshot=lambda: SimpleNamespace(lex=SimpleNamespace(passages=passages)),
        index=SimpleNamespace(embedder=Embedder()),
    )
    base = NaiveBaseline(svc)  # type: ignore[arg-type]
    assert all(len(c) <= NAIVE_CHUNK_CHARS for c in base.chunks) and len(base.chunks) == 3
    row = _score_naive(base, {"q": "Hur mycket kostar kulturbuss?", "keys": ["Kulturbussen köps in"],
                              "facts": [["3000"]]}, 2)  # fmt: skip
    assert row["rank"] == 1 and row["correct"] and row["answered"]
    negative = _score_naive(base, {"q": "Vad kostar en konstgräsplan?", "kind": "negative"}, 2)
    assert negative["answered"] and not negative["ok"]  # the baseline answers even when it should not
