"""Hybrid search: dense (Chroma) + BM25 on Swedish stems + BM25 on character n-grams, fused.

Query handling: English questions are translated term by term with the glossary; abbreviations
learned from the corpus are expanded both ways; years and organisations named in the question
are preferred (boosted), while explicit filters restrict.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ingest.models import Document, Passage
from retrieval.context import (
    Filters,
    LexicalIndex,
    Query,
    Snapshot,
    give_back_memory,
    org_matches,
    parse_query,
)
from retrieval.store import Index
from retrieval.text import Glossary, load_glossary, ngram_tokens, stems
from retrieval.vectors import DenseIndex, normalise

# Reciprocal rank fusion: score = sum(weight / (RRF_K + rank)). RRF_K = 60 is the usual
# constant (Cormack et al. 2009). Default weights come from Settings, chosen by a sweep on the
# dev questions: the offline English MiniLM adds little on Swedish text (README, figures).
RRF_K = 60
# A passage about a year named in the question gets this share added to its fused score.
YEAR_BOOST = 0.25
ORG_BOOST = 0.25
# An amount question prefers passages that hold money facts (the tables the answer is read from).
AMOUNT_BOOST = 0.25
AMOUNT_Q_RE = re.compile(
    r"\b(vad kosta(de|r)|kostnad(en|er)?|hur mycket (pengar|medel)?|belopp(et)?|(total)?summa(n)?|"
    r"what was spent|how much|spent|cost(s|ed)?|amount|budget)\b",
    re.I,
)


@dataclass
class Hit:
    passage: Passage
    document: Document
    score: float
    ranks: dict[str, int] = field(default_factory=dict)
    # Re-ranked up from below the passages the answer step reads (``retrieval.rerank``).
    promoted: bool = False

    @property
    def title(self) -> str:
        return self.document.title


class Searcher:
    """Keeps the current snapshot of the index (rebuilt when its generation changes) and ranks
    passages for a query within one snapshot."""

    def __init__(
        self,
        index: Index,
        glossary: Glossary | None = None,
        linker: Callable[[list[Any], LexicalIndex], list[Any]] | None = None,
        load_statements: Callable[[Index, set[str]], list[Any]] | None = None,
    ) -> None:
        self.index = index
        self.glossary = glossary or load_glossary(index.settings.glossary)
        self._linker = linker
        self._load_statements = load_statements
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()
        # The in-process dense index: (snapshot generation, embedded generation) → DenseIndex or
        # None (search the vector store), and per document its (stamp, vectors) quantised rows.
        self._dense: tuple[tuple[int, int], DenseIndex | None] | None = None
        self._dense_docs: dict[str, tuple[Any, np.ndarray, np.ndarray, np.ndarray]] = {}
        self._dense_lock = threading.Lock()

    def snapshot(self) -> Snapshot:
        """The snapshot of the current generation, built at most once per generation."""
        gen = self.index.generation()
        snap = self._snapshot
        if snap is not None and snap.generation == gen:
            return snap
        with self._lock:
            snap = self._snapshot
            gen = self.index.generation()
            if snap is None or snap.generation != gen:
                snap = self._build(gen)
                self._snapshot = snap
            return snap

    def _build(self, gen: int) -> Snapshot:
        docs = {d.doc_id: d for d in self.index.documents()}
        passages = [p for p in self.index.all_passages() if p.doc_id in docs]
        lex = LexicalIndex(passages)
        amounts = tuple(a for a in self.index.amounts() if a.passage_id in lex.by_id)
        statements = tuple(self._load_statements(self.index, set(lex.by_id)) if self._load_statements else ())
        return Snapshot(gen, lex, docs, amounts, statements, self._linker)

    def dense(self, snap: Snapshot) -> DenseIndex | None:
        """The vectors of the snapshot's passages, searched in this process (``DenseIndex``); None
        when the vector store is searched instead: a Chroma server, or an index whose vectors are
        not all kept in the registry yet (written by an older planchat, copied at its next write).
        Vectors stored after the snapshot was taken (background embedding) are picked up."""
        registry = self.index.registry
        if self.index.settings.chroma_host:
            return None
        key = (snap.generation, registry.embedded_generation())
        got = self._dense
        if got is not None and got[0] == key:
            return got[1]
        with self._dense_lock:
            got = self._dense
            if got is None or got[0] != key:
                got = (key, self._build_dense(snap))
                self._dense = got
            return got[1]

    def _build_dense(self, snap: Snapshot) -> DenseIndex | None:
        registry = self.index.registry
        if registry.meta("vectors") != "registry":
            return None
        lex = snap.lex
        stamps = registry.stamps()
        counts = registry.embedded_counts()
        docs = sorted(d for d in snap.documents if counts.get(d))
        stamp = {d: (stamps.get(d), counts[d]) for d in docs}
        cache = self._dense_docs
        missing = [d for d in docs if d not in cache or cache[d][0] != stamp[d]]
        loading = iter(registry.dense_vectors(missing))
        # Rows → the snapshot's passage numbers: a document's passages are consecutive, by position.
        span: dict[str, list[int]] = {}
        for i, p in enumerate(lex.passages):
            seen = span.get(p.doc_id)
            if seen is None:
                span[p.doc_id] = [i, i + 1]
            else:
                seen[1] = i + 1
        # One matrix for all, filled document by document (never a second copy of every vector).
        total = sum(stamp[d][1] for d in docs)
        all_rows = np.full(total, -1, np.int32)
        all_codes: np.ndarray | None = None
        all_scales = np.zeros(total, np.float32)
        at = 0
        placed: dict[str, tuple[Any, np.ndarray, np.ndarray, np.ndarray]] = {}
        for d in docs:
            if d in cache and cache[d][0] == stamp[d]:
                _, positions, codes, scales = cache[d]
            else:
                got = next(loading, None)
                while got is not None and got[0] != d:  # pragma: no cover - changed since counted
                    got = next(loading, None)
                if got is None:
                    continue
                if got[1] is None:
                    return None  # a vector only the vector store has
                positions, matrix = got[1]
                codes, scales = DenseIndex.quantise(matrix)
                del matrix
            n = len(positions)
            if all_codes is None:
                all_codes = np.zeros((total, codes.shape[1]), np.int8)
            if at + n > len(all_rows):  # pragma: no cover - vectors stored since they were counted
                grow = at + n - len(all_rows)
                all_rows = np.concatenate([all_rows, np.full(grow, -1, np.int32)])
                all_codes = np.concatenate([all_codes, np.zeros((grow, all_codes.shape[1]), np.int8)])
                all_scales = np.concatenate([all_scales, np.zeros(grow, np.float32)])
            all_codes[at : at + n] = codes
            all_scales[at : at + n] = scales
            placed[d] = (stamp[d], positions, all_codes[at : at + n], all_scales[at : at + n])
            if d in span:
                first, end = span[d]
                own = np.asarray([p.position for p in lex.passages[first:end]], dtype=np.int64)
                where = np.searchsorted(own, positions)
                ok = (where < len(own)) & (own[np.minimum(where, len(own) - 1)] == positions)
                all_rows[at : at + n] = np.where(ok, first + where, -1)
            at += n
        cache.clear()
        cache.update(placed)  # views of the one matrix
        if all_codes is None:
            return DenseIndex(
                np.zeros(0, np.int32), np.zeros((0, 0), np.int8), np.zeros(0, np.float32), _none
            )
        keep = all_rows[:at] >= 0
        if keep.all():
            all_rows, all_codes, all_scales = all_rows[:at], all_codes[:at], all_scales[:at]
        else:  # rows of passages this snapshot does not serve
            all_rows, all_codes, all_scales = all_rows[:at][keep], all_codes[:at][keep], all_scales[:at][keep]
        give_back_memory()  # what loading and quantising left in the C heap

        def fetch(cand: np.ndarray) -> np.ndarray:
            """Float32 vectors (normalised) of these rows from the registry; a row it no longer has
            (its document deleted since the snapshot) keeps its int8 approximation."""
            pids = [lex.passages[int(all_rows[c])].passage_id for c in cand]
            kept = registry.vectors_of(pids)
            approx = all_codes[cand].astype(np.float32) * all_scales[cand][:, None]
            exact = np.stack([kept.get(pid, approx[k]) for k, pid in enumerate(pids)])
            return normalise(exact)

        return DenseIndex(all_rows, all_codes, all_scales, fetch)

    def parse(self, text: str, language: str, snapshot: Snapshot) -> Query:
        return parse_query(text, language, snapshot, self.glossary)

    # -- retrieval ------------------------------------------------------------------------------
    def rank_lists(
        self, q: Query, snap: Snapshot, candidates: int, doc_ids: list[str] | None, modes: set[str]
    ) -> dict[str, list[str]]:
        lex = snap.lex
        if not lex.passages:
            return {}
        allowed = None
        if doc_ids is not None:
            keep = set(doc_ids)
            allowed = np.array([p.doc_id in keep for p in lex.passages])
        lists: dict[str, list[str]] = {}
        term_text = " ".join(q.lexical_terms)
        for name, bm, toks in (
            ("lexical", lex.words, stems(term_text)),
            ("ngram", lex.grams, ngram_tokens(term_text)),
        ):
            if name not in modes:
                continue
            sc = bm.scores(toks)
            if allowed is not None:
                sc = np.where(allowed, sc, 0)
            order = np.argsort(-sc)[:candidates]
            lists[name] = [lex.passages[i].passage_id for i in order if sc[i] > 0]
        if "dense" in modes:
            vec = self.index.embedder.embed_queries([q.dense_text])[0]
            dense = self.dense(snap)
            if dense is not None:
                lists["dense"] = [
                    lex.passages[i].passage_id for i, _ in dense.nearest(vec, candidates, allowed)
                ]
            else:
                # Only passages of this snapshot: a document added since is not served yet, one
                # deleted since is simply missing from the store.
                lists["dense"] = [
                    pid for pid, _ in self.index.nearest(vec, candidates, doc_ids) if pid in lex.by_id
                ]
        return lists

    def search(
        self,
        q: Query,
        snap: Snapshot,
        k: int,
        filters: Filters = Filters(),  # noqa: B008 - frozen, never mutated
        *,
        mode: str = "hybrid",
        candidates: int = 50,
    ) -> list[Hit]:
        lex = snap.lex
        docs = snap.documents
        allowed = snap.allowed_docs(filters)
        doc_ids = sorted(allowed) if allowed is not None else None
        if doc_ids is not None and not doc_ids:
            return []
        st = self.index.settings
        weights = st.fusion_weights(q.language) if mode == "hybrid" else {mode: 1.0}
        lists = self.rank_lists(
            q, snap, max(candidates, k), doc_ids, {n for n, w in weights.items() if w > 0}
        )
        fused = fuse({name: lists.get(name, []) for name in weights}, weights, st.rrf_k)
        hits: list[Hit] = []
        top = max(fused.values(), default=1.0) or 1.0
        asks_amount = bool(AMOUNT_Q_RE.search(q.text))
        money = snap.money if asks_amount else frozenset()
        for pid, score in fused.items():
            idx = lex.by_id.get(pid)
            if idx is None:
                continue
            p = lex.passages[idx]
            d = docs[p.doc_id]
            p_years = p.years or d.years
            if filters.year is not None and filters.year not in p_years:
                continue
            bonus = 0.0
            if q.years and any(y in p_years for y in q.years):
                bonus += YEAR_BOOST * top
            if q.organisations and any(org_matches(d, o) for o in q.organisations):
                bonus += ORG_BOOST * top
            if asks_amount and pid in money:
                bonus += AMOUNT_BOOST * top
            ranks = {name: lst.index(pid) + 1 for name, lst in lists.items() if pid in lst}
            hits.append(Hit(p, d, score + bonus, ranks))
        hits.sort(key=lambda h: -h.score)
        return hits[:k]


def fuse(ranked: dict[str, list[str]], weights: dict[str, float], k: int = RRF_K) -> dict[str, float]:
    """Weighted reciprocal rank fusion of ranked id lists (pure function)."""
    out: dict[str, float] = {}
    for name, ids in ranked.items():
        w = weights.get(name, 0.0)
        for rank, pid in enumerate(ids, 1):
            out[pid] = out.get(pid, 0.0) + w / (k + rank)
    return out


def hit_json(rank: int, hit: Hit) -> dict[str, Any]:
    return {
        "rank": rank,
        "doc_id": hit.passage.doc_id,
        "passage_id": hit.passage.passage_id,
        "title": hit.document.title,
        "source": hit.document.source,
        "page": hit.passage.page,
        "section": hit.passage.section,
        "text": hit.passage.text,
        "score": round(hit.score, 6),
    }


def _none(cand: np.ndarray) -> np.ndarray:  # pragma: no cover - an empty index fetches nothing
    return np.zeros((0, 0), np.float32)
