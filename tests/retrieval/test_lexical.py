"""The lexical index built by segments: the same scores as bm25s, bit for bit, however it was built."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ingest.models import Passage
from ingest.pipeline import parse_file
from retrieval.context import LexicalIndex
from retrieval.lexical import MAX_SEGMENT_PASSAGES, Segment, plan_segments
from retrieval.store import embedding_text
from retrieval.text import learn_abbreviations, ngram_tokens, stems

QUERIES = [
    "Vad kostade socialpsykiatriska teamet 2019?",
    "stimulansmedel psykisk hälsa psykisk",  # a token twice counts twice
    "Hur många medarbetare utbildades i Första hjälpen",
    "brukarråd boendestöd ASF Malmö stad 2020",
    "ordetfinnsinte",
]


@pytest.fixture(scope="module")
def corpus(corpus_dir: Path) -> dict[str, list[Passage]]:
    docs: dict[str, list[Passage]] = {}
    for path in sorted(corpus_dir.iterdir()):
        parsed = parse_file(path)
        docs[parsed.document.doc_id] = parsed.passages
    return docs


def _passages(docs: dict[str, list[Passage]], ids: list[str]) -> list[Passage]:
    return [p for d in sorted(ids) for p in docs[d]]


def _bm25s_scores(passages: list[Passage], query: str) -> list[np.ndarray]:
    """What the index computed before it was built by segments: bm25s over all passages."""
    import bm25s

    out = []
    texts = [embedding_text(p) for p in passages]
    for analyse in (stems, ngram_tokens):
        model = bm25s.BM25()
        model.index([analyse(t) or ["∅"] for t in texts], show_progress=False)
        known = [t for t in analyse(query) if t in model.vocab_dict]
        out.append(
            np.asarray(model.get_scores(known), dtype=np.float32)
            if known
            else np.zeros(len(texts), np.float32)
        )
    return out


def _assert_same_as_bm25s(lex: LexicalIndex, passages: list[Passage]) -> None:
    for q in QUERIES:
        words, grams = _bm25s_scores(passages, q)
        assert np.array_equal(lex.words.scores(stems(q)), words), q
        assert np.array_equal(lex.grams.scores(ngram_tokens(q)), grams), q
    assert list(lex.abbreviations.items()) == list(learn_abbreviations([p.text for p in passages]).items())


def test_scores_are_those_of_bm25s(corpus) -> None:  # type: ignore[no-untyped-def]
    docs = corpus
    passages = _passages(docs, list(docs))
    lex = LexicalIndex(passages)
    _assert_same_as_bm25s(lex, passages)
    assert lex.words.scores(stems("socialpsykiatriska teamet")).max() > 0
    stem = stems("socialpsykiatriska")[0]
    assert lex.df[stem] == sum(stem in set(stems(embedding_text(p))) for p in passages)
    assert "ordetfinnsinte" not in lex.df and lex.df.get("ordetfinnsinte", 0) == 0


def test_a_new_snapshot_analyses_only_new_documents_and_still_scores_as_bm25s(
    corpus, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from retrieval import context

    analysed: list[str] = []
    analyse = context._analyse

    def counting(batch):  # type: ignore[no-untyped-def]
        analysed.extend(d for d, _ in batch)
        return analyse(batch)

    monkeypatch.setattr(context, "_analyse", counting)
    monkeypatch.setattr(context, "_last_segments", [])  # nothing built before in this process
    docs = corpus
    ids = sorted(docs)
    LexicalIndex(_passages(docs, ids[:3]))
    assert analysed == ids[:3]
    # One more document: only it is analysed.
    more = _passages(docs, ids)
    second = LexicalIndex(more)
    assert analysed == ids
    _assert_same_as_bm25s(second, more)
    # One document gone (from the middle of a segment): filtered out, the rest as bm25s scores it.
    fewer = _passages(docs, [ids[0], ids[2], ids[3]])
    third = LexicalIndex(fewer)
    _assert_same_as_bm25s(third, fewer)
    assert ids[1] not in {d for s in third.segments for d in s.docs}
    assert analysed == ids  # nothing analysed again
    # A document re-read (same id, new passages): analysed again, old text gone.
    changed = [Passage(p.passage_id, p.doc_id, "Helt ny text om kulturbussen", p.page, p.section, p.years, p.kind,
                       p.position) for p in docs[ids[0]]]  # fmt: skip
    docs2 = {**docs, ids[0]: changed}
    again = _passages(docs2, ids)
    fourth = LexicalIndex(again)
    _assert_same_as_bm25s(fourth, again)
    assert fourth.words.scores(stems("kulturbussen")).max() > 0
    assert analysed == [*ids, ids[0], ids[1]]  # the re-read one, and the one back after its removal


def test_passage_without_tokens_counts_as_one_token(corpus) -> None:  # type: ignore[no-untyped-def]
    docs = corpus
    doc_id = sorted(docs)[0]
    empty = Passage(f"{doc_id}-9999", doc_id, "och i på", None, "", [], "prose", 9999)
    passages = [*docs[doc_id], empty]
    lex = LexicalIndex(passages)
    _assert_same_as_bm25s(lex, passages)


def _fake(doc: str, n: int) -> list[Passage]:
    return [Passage(f"{doc}-{i}", doc, f"ord{doc} text {i}", None, "", [], "prose", i) for i in range(n)]


def test_segments_stay_few_as_documents_arrive_one_by_one() -> None:
    built: list[int] = []

    def build(batch: list[tuple[str, list[Passage]]]) -> Segment:
        from retrieval.context import _analyse

        built.append(len(batch))
        return _analyse(batch)

    docs: dict[str, list[Passage]] = {}
    segments: list[Segment] = []
    for k in range(64):
        docs[f"d{k:03d}"] = _fake(f"d{k:03d}", 3)
        segments = plan_segments(segments, docs, build)
        held = [d for s in segments for d in s.docs]
        assert sorted(held) == sorted(docs)  # every document in exactly one segment
        assert len(segments) <= 8, [s.n for s in segments]
    assert built == [1] * 64  # each document analysed once, when it arrived
    assert all(s.n <= MAX_SEGMENT_PASSAGES for s in segments)


def test_strong_verbs_meet_their_participles_and_nouns_stay_nouns() -> None:
    # "När antogs planen?" finds "Planen antagen …"; "bidragen" (the grants) is not "bidra".
    assert stems("antogs") == stems("antagen") == stems("antar")
    assert stems("uppgick") == stems("uppgår")
    assert stems("bidragen") == stems("bidrag")
    assert stems("uppdragen") == stems("uppdrag")
