"""BM25 over the served passages, kept up to date by pieces: a new snapshot after one upload
analyses that upload's passages only.

The index is a short list of *segments*, each an inverted index (term → passages, term
frequencies, passage lengths) over the passages of some documents, built once and never changed.
A new snapshot keeps the segments of the previous one whose documents are all still served (same
passages), filters the documents that went out of the segments that hold them, and adds one
segment for the new documents; segments are merged in the background of later builds (the newest
two while the older is at most twice the newer: there are O(log n) segments, and a passage is
re-merged O(log n) times over its life). Statistics that BM25 needs over the whole collection
(document frequencies, number and mean length of passages) are summed over the segments per
snapshot, and scores are computed at query time from the postings of the query's terms.

Scores are those of ``bm25s.BM25()`` (method "lucene", k1 = 1.5, b = 0.75) bit for bit: the same
float64 arithmetic per posting, rounded to float32 per term and summed in float32 in the order of
the query's tokens; a passage without tokens counts as one token "∅" (as before, for bm25s). A test
compares the two on the bundled corpus.
"""

from __future__ import annotations

import itertools
import math
import threading
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ingest.models import Passage

K1 = 1.5
B = 0.75
EMPTY = "∅"  # the one token of a passage that has none
# Passages per segment at most: a passage's number within its segment fits in 16 bits, and building
# or merging a segment needs temporary memory in proportion to it.
MAX_SEGMENT_PASSAGES = 16_384


class Vocab:
    """Term → id for one analyser, shared by every index of the process; it only grows."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._ids)

    def get(self, term: str) -> int | None:
        return self._ids.get(term)

    def add(self, tokens: list[str], local: int, into: PostingsBuilder) -> None:
        """Append one passage's tokens (term ids, counts) to ``into`` without keeping a Python
        list of them (30 million Python ints at 100 000 passages would not fit)."""
        counts = Counter(tokens)
        get = self._ids.get
        terms = [get(t) for t in counts]
        if None in terms:
            with self._lock:
                ids = self._ids
                for k, t in enumerate(counts):
                    if terms[k] is None:
                        terms[k] = ids.setdefault(t, len(ids))
        into.term.extend(terms)  # type: ignore[arg-type]
        into.tf.extend(counts.values())
        into.local.extend(itertools.repeat(local, len(counts)))
        into.lengths.append(len(tokens))

    def items(self) -> Iterator[tuple[str, int]]:
        return iter(list(self._ids.items()))


class PostingsBuilder:
    """(term, passage, tf) triples as packed C arrays, then ``Postings``. A passage's number and a
    count take 16 bits, as in ``Postings`` (8 bytes a posting while a segment is analysed)."""

    def __init__(self) -> None:
        self.term = array("i")
        self.local = array("H")
        self.tf = array("H")
        self.lengths = array("i")

    def build(self) -> Postings:
        def arr(a: array[int], dtype: type) -> np.ndarray:
            return np.frombuffer(a, dtype=dtype) if len(a) else np.zeros(0, dtype=dtype)

        return Postings._from_triples(
            arr(self.term, np.int32),
            arr(self.local, np.uint16),
            arr(self.tf, np.uint16),
            arr(self.lengths, np.int32).copy(),
        )


@dataclass(frozen=True, eq=False)
class Postings:
    """One analyser's inverted index over the passages of one segment (numbered 0..n-1)."""

    terms: np.ndarray  # int32, sorted term ids
    starts: np.ndarray  # int64, postings of terms[i] are [starts[i], starts[i + 1])
    local: np.ndarray  # uint16: the passage of each posting
    tf: np.ndarray  # uint8 or uint16: the term's count in that passage
    lengths: np.ndarray  # int32 per passage: its number of tokens

    @property
    def size(self) -> int:
        return len(self.local)

    @property
    def df(self) -> np.ndarray:
        return np.diff(self.starts)

    @staticmethod
    def _from_triples(term: np.ndarray, local: np.ndarray, tf: np.ndarray, lengths: np.ndarray) -> Postings:
        """Postings from triples whose passages ascend (within a term they stay in that order)."""
        order = np.argsort(term, kind="stable")
        term = term[order]
        # The first posting of each term (``np.unique`` would sort the sorted terms again).
        first = np.empty(len(term), dtype=bool)
        first[:1] = True
        np.not_equal(term[1:], term[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        terms = term[starts]
        del term, first
        starts = np.append(starts, len(order)).astype(np.int64)
        tf_type = np.uint8 if (tf.max(initial=0) <= 255) else np.uint16
        return Postings(
            terms.astype(np.int32),
            starts,
            local[order].astype(np.uint16),
            tf[order].astype(tf_type),
            lengths.astype(np.int32),
        )

    def triples(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(term, passage, tf) of every posting, in passage order."""
        term = np.repeat(self.terms, self.df)
        order = np.argsort(self.local, kind="stable")
        return term[order], self.local[order].astype(np.int32), self.tf[order]

    @staticmethod
    def merge(parts: list[Postings]) -> Postings:
        terms, locals_, tfs = [], [], []
        offset = 0
        for p in parts:
            t, loc, tf = p.triples()
            terms.append(t)
            locals_.append(loc + np.int32(offset))
            tfs.append(tf)
            offset += len(p.lengths)
        lengths = np.concatenate([p.lengths for p in parts])
        return Postings._from_triples(
            np.concatenate(terms), np.concatenate(locals_), np.concatenate(tfs).astype(np.uint16), lengths
        )

    def keep(self, passages: np.ndarray) -> Postings:
        """Only these passages (a boolean mask), renumbered in order."""
        new_number = (np.cumsum(passages) - 1).astype(np.int32)
        t, loc, tf = self.triples()
        mask = passages[loc]
        return Postings._from_triples(t[mask], new_number[loc[mask]], tf[mask], self.lengths[passages])


@dataclass(frozen=True, eq=False)
class Segment:
    """The passages of some documents (in document order) and their postings for each analyser."""

    docs: tuple[str, ...]
    passages: tuple[tuple[Passage, ...], ...]  # per document
    postings: tuple[Postings, ...]  # per analyser
    abbreviations: tuple[dict[str, set[str]], ...]  # per document

    @property
    def n(self) -> int:
        return sum(len(p) for p in self.passages)

    @property
    def size(self) -> int:
        return sum(p.size for p in self.postings)

    def keep_docs(self, keep: list[int]) -> Segment:
        counts = [len(p) for p in self.passages]
        mask = np.concatenate([np.full(c, i in set(keep), dtype=bool) for i, c in enumerate(counts)])
        return Segment(
            tuple(self.docs[i] for i in keep),
            tuple(self.passages[i] for i in keep),
            tuple(p.keep(mask) for p in self.postings),
            tuple(self.abbreviations[i] for i in keep),
        )

    @staticmethod
    def merge(parts: list[Segment]) -> Segment:
        return Segment(
            tuple(d for s in parts for d in s.docs),
            tuple(p for s in parts for p in s.passages),
            tuple(Postings.merge([s.postings[a] for s in parts]) for a in range(len(parts[0].postings))),
            tuple(a for s in parts for a in s.abbreviations),
        )


def _same(a: Sequence[Passage], b: Sequence[Passage]) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


def plan_segments(
    previous: Sequence[Segment],
    docs: dict[str, list[Passage]],
    build: Callable[[list[tuple[str, list[Passage]]]], Segment],
) -> list[Segment]:
    """The segments for ``docs`` (doc_id → its passages in order): the previous segments whose
    documents are all still there with the same passages (the same objects), the others filtered,
    and one or more new segments for the rest, merged by size."""
    segments: list[Segment] = []
    placed: set[str] = set()
    for seg in previous:
        keep = [i for i, d in enumerate(seg.docs) if d in docs and _same(seg.passages[i], docs[d])]
        if len(keep) == len(seg.docs):
            segments.append(seg)
        elif keep:
            segments.append(seg.keep_docs(keep))
        placed.update(seg.docs[i] for i in keep)
    batch: list[tuple[str, list[Passage]]] = []
    count = 0
    for d in sorted(docs):
        if d in placed:
            continue
        if batch and count + len(docs[d]) > MAX_SEGMENT_PASSAGES:
            segments.append(build(batch))
            batch, count = [], 0
        batch.append((d, docs[d]))
        count += len(docs[d])
    if batch:
        segments.append(build(batch))
    segments = [s for s in segments if s.docs]
    # The newest two merge while the older is at most twice the newer (and the result fits).
    while (
        len(segments) >= 2
        and segments[-2].size <= 2 * segments[-1].size
        and segments[-2].n + segments[-1].n <= MAX_SEGMENT_PASSAGES
    ):
        segments[-2:] = [Segment.merge(segments[-2:])]
    return segments


class BM25:
    """Scores of one analyser over a snapshot's passages (global numbers: the snapshot's order)."""

    def __init__(self, vocab: Vocab, parts: list[tuple[Postings, np.ndarray]], n: int) -> None:
        self.vocab = vocab
        self.parts = parts  # (postings, global number of each of its passages)
        self.n = n
        total = sum(int(p.lengths.sum()) for p, _ in parts)
        self.avgdl = float(np.float64(total) / n) if n else 0.0
        df = np.zeros(len(vocab), dtype=np.int64)
        for p, _ in parts:
            np.add.at(df, p.terms, p.df)
        self.df_array = df

    def doc_freq(self, term_id: int | None) -> int:
        if term_id is None or term_id >= len(self.df_array):
            return 0
        return int(self.df_array[term_id])

    def scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 of every passage for these query tokens (each occurrence counts; unknown ones do
        not), float32, as bm25s computes them."""
        out = np.zeros(self.n, dtype=np.float32)
        if not self.n:
            return out
        ids = [self.vocab.get(t) for t in tokens]
        known = [i for i in ids if i is not None and self.doc_freq(i) > 0]
        if not known:
            return out
        n = self.n
        idfs = [
            np.float32(math.log(1 + (n - self.doc_freq(i) + 0.5) / (self.doc_freq(i) + 0.5))) for i in known
        ]
        query = np.asarray(known, dtype=np.int32)
        for post, glob in self.parts:
            if not len(post.terms):
                continue
            at = np.searchsorted(post.terms, query)
            hit = (at < len(post.terms)) & (post.terms[np.minimum(at, len(post.terms) - 1)] == query)
            for k in np.flatnonzero(hit):
                a, b = post.starts[at[k]], post.starts[at[k] + 1]
                loc = post.local[a:b].astype(np.intp)
                tf = post.tf[a:b].astype(np.float32)
                dl = post.lengths[loc]
                tfc = tf / (K1 * ((1 - B) + B * dl / self.avgdl) + tf)
                out[glob[loc]] += (idfs[k] * tfc).astype(np.float32)
        return out


class DocFreq(Mapping[str, int]):
    """term → number of passages holding it, read from a BM25's arrays (no dict of the vocabulary)."""

    def __init__(self, bm: BM25) -> None:
        self._bm = bm

    def __getitem__(self, term: str) -> int:
        df = self._bm.doc_freq(self._bm.vocab.get(term))
        if not df:
            raise KeyError(term)
        return df

    def get(self, term: str, default: int | None = None) -> int | None:  # type: ignore[override]
        df = self._bm.doc_freq(self._bm.vocab.get(term))
        return df if df else default

    def __contains__(self, term: object) -> bool:
        return isinstance(term, str) and self._bm.doc_freq(self._bm.vocab.get(term)) > 0

    def __iter__(self) -> Iterator[str]:
        df = self._bm.df_array
        return (t for t, i in self._bm.vocab.items() if i < len(df) and df[i] > 0)

    def __len__(self) -> int:
        return int(np.count_nonzero(self._bm.df_array))
