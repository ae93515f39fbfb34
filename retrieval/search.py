"""Hybrid search: dense (Chroma) + BM25 on Swedish stems + BM25 on character n-grams, fused.

Query handling: English questions are translated term by term with the glossary; abbreviations
learned from the corpus are expanded both ways; years and organisations named in the question
are preferred (boosted), while explicit filters restrict.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ingest.models import Amount, Document, Passage
from retrieval.store import Index, embedding_text
from retrieval.text import (
    QUESTION_WORDS_EN,
    QUESTION_WORDS_SV,
    Glossary,
    content_words,
    detect_language,
    learn_abbreviations,
    load_glossary,
    ngram_tokens,
    stems,
    words,
)

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
_YEAR_Q_RE = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")


@dataclass
class Hit:
    passage: Passage
    document: Document
    score: float
    ranks: dict[str, int] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.document.title


@dataclass
class Query:
    """A question turned into what each retriever needs."""

    text: str
    language: str
    lexical_terms: list[str]  # Swedish-side words (translated / expanded)
    groups: list[list[str]]  # the question's concepts, each with its alternative wordings
    dense_text: str
    years: list[int]
    organisations: list[str]


class _BM25:
    """Thin wrapper over bm25s that tolerates unknown query tokens."""

    def __init__(self, docs: list[list[str]]) -> None:
        import bm25s

        self.model = bm25s.BM25()
        # bm25s needs at least one token per document.
        self.model.index([d or ["∅"] for d in docs], show_progress=False)
        self.vocab: dict[str, int] = self.model.vocab_dict
        self.n = len(docs)

    def scores(self, tokens: list[str]) -> np.ndarray:
        known = [t for t in tokens if t in self.vocab]
        if not known or self.n == 0:
            return np.zeros(self.n, dtype=np.float32)
        return np.asarray(self.model.get_scores(known), dtype=np.float32)


class LexicalIndex:
    """Built from the served passages; rebuilt when the index generation changes."""

    def __init__(self, passages: list[Passage], documents: dict[str, Document]) -> None:
        self.passages = passages
        self.by_id = {p.passage_id: i for i, p in enumerate(passages)}
        texts = [embedding_text(p, documents[p.doc_id].title) for p in passages]
        self.stem_sets = [set(stems(t)) for t in texts]
        self.words = _BM25([stems(t) for t in texts])
        self.grams = _BM25([ngram_tokens(t) for t in texts])
        self.abbreviations = learn_abbreviations([p.text for p in passages])
        # Document frequency of stems, for weighting query-term coverage.
        df: dict[str, int] = {}
        for s in self.stem_sets:
            for t in s:
                df[t] = df.get(t, 0) + 1
        self.df = df

    def idf(self, term: str) -> float:
        n = len(self.passages) or 1
        return float(np.log(1 + (n - self.df.get(term, 0) + 0.5) / (self.df.get(term, 0) + 0.5)))


class Searcher:
    def __init__(self, index: Index, glossary: Glossary | None = None) -> None:
        self.index = index
        self.glossary = glossary or load_glossary(index.settings.glossary)
        self._lex: LexicalIndex | None = None
        self._lex_gen = -1
        self._docs: dict[str, Document] = {}
        self._lock = threading.Lock()
        self._amounts: list[Amount] = []
        self._money: set[str] = set()
        self._amounts_gen = -1

    # -- state -----------------------------------------------------------------------------
    def lexical(self) -> LexicalIndex:
        with self._lock:
            gen = self.index.generation()
            if self._lex is None or gen != self._lex_gen:
                self._docs = {d.doc_id: d for d in self.index.documents()}
                self._lex = LexicalIndex(self.index.all_passages(), self._docs)
                self._lex_gen = gen
            return self._lex

    def amounts(self) -> list[Amount]:
        """The money facts of the served documents, read once per index generation."""
        lex = self.lexical()
        with self._lock:
            if self._amounts_gen != self._lex_gen:
                self._amounts = [a for a in self.index.amounts() if a.passage_id in lex.by_id]
                self._money = {a.passage_id for a in self._amounts}
                self._amounts_gen = self._lex_gen
            return self._amounts

    def money_passages(self) -> set[str]:
        """Ids of passages with at least one money fact."""
        self.amounts()
        return self._money

    def allowed_docs(self, doc_id: str | None = None, organisation: str | None = None) -> set[str] | None:
        """Ids of the documents the filters keep (a doc-id prefix, an organisation), or None
        when there is no filter."""
        if not doc_id and not organisation:
            return None
        return {
            d.doc_id
            for d in self.documents.values()
            if (not doc_id or d.doc_id.startswith(doc_id))
            and (not organisation or _org_matches(d, organisation))
        }

    @property
    def documents(self) -> dict[str, Document]:
        self.lexical()
        return self._docs

    # -- query understanding -----------------------------------------------------------------
    def parse_query(self, text: str, language: str | None = None) -> Query:
        lang = language or detect_language(text)
        lex = self.lexical()
        groups: list[list[str]] = []
        if lang == "en":
            translated, left = self.glossary.translate_groups(text)
            groups.extend(translated)
            groups.extend([w] for w in left if w not in QUESTION_WORDS_EN)
        else:
            groups.extend([w] for w in content_words(text, QUESTION_WORDS_SV))
        # Abbreviations both ways: "ASF" adds its long form, the long form adds "ASF".
        low_text = text.lower()
        for abbr, longs in lex.abbreviations.items():
            key = abbr.lower()
            for g in groups:
                if key in g:
                    g.extend(sorted(longs))
            if any(lf in low_text for lf in longs):
                groups.append([key, *sorted(longs)])
        # Years are preferences (boost), not terms a passage must contain.
        groups = [g for g in groups if not all(_YEAR_Q_RE.fullmatch(a) for a in g)]
        terms = [w for g in groups for alt in g for w in words(alt)]
        years = sorted({int(y) for y in _YEAR_Q_RE.findall(text)})
        orgs = []
        low = text.lower()
        for d in self.documents.values():
            for name in (d.organisation, d.nämnd, d.förvaltning):
                if name and len(name) > 3 and name.split()[0].lower().rstrip("s") in low and name not in orgs:
                    orgs.append(name)
        dense_text = text if lang == "sv" else f"{text} {' '.join(terms)}"
        return Query(text, lang, terms, groups, dense_text, years, orgs)

    # -- retrieval ------------------------------------------------------------------------------
    def rank_lists(self, q: Query, candidates: int, doc_ids: list[str] | None) -> dict[str, list[str]]:
        lex = self.lexical()
        if not lex.passages:
            return {}
        allowed = None
        if doc_ids is not None:
            allowed = np.array([p.doc_id in doc_ids for p in lex.passages])
        lists: dict[str, list[str]] = {}
        term_text = " ".join(q.lexical_terms)
        for name, bm, toks in (
            ("lexical", lex.words, stems(term_text)),
            ("ngram", lex.grams, ngram_tokens(term_text)),
        ):
            sc = bm.scores(toks)
            if allowed is not None:
                sc = np.where(allowed, sc, 0)
            order = np.argsort(-sc)[:candidates]
            lists[name] = [lex.passages[i].passage_id for i in order if sc[i] > 0]
        vec = self.index.embedder.embed_queries([q.dense_text])[0]
        lists["dense"] = [pid for pid, _ in self.index.dense(vec, candidates, doc_ids)]
        return lists

    def search(
        self,
        text: str,
        k: int = 5,
        *,
        year: int | None = None,
        doc_id: str | None = None,
        organisation: str | None = None,
        mode: str = "hybrid",
        query: Query | None = None,
        candidates: int = 50,
    ) -> list[Hit]:
        q = query or self.parse_query(text)
        lex = self.lexical()
        docs = self.documents
        allowed = self.allowed_docs(doc_id, organisation)
        doc_ids = sorted(allowed) if allowed is not None else None
        if doc_ids is not None and not doc_ids:
            return []
        lists = self.rank_lists(q, candidates, doc_ids)
        st = self.index.settings
        weights = (
            {"dense": st.dense_weight, "lexical": st.lexical_weight, "ngram": st.ngram_weight}
            if mode == "hybrid"
            else {mode: 1.0}
        )
        fused = fuse({name: lists.get(name, []) for name in weights}, weights)
        hits: list[Hit] = []
        top = max(fused.values(), default=1.0) or 1.0
        asks_amount = bool(AMOUNT_Q_RE.search(q.text))
        money = self.money_passages() if asks_amount else set()
        for pid, score in fused.items():
            idx = lex.by_id.get(pid)
            if idx is None:
                continue
            p = lex.passages[idx]
            d = docs[p.doc_id]
            p_years = p.years or d.years
            if year is not None and year not in p_years:
                continue
            bonus = 0.0
            if q.years and any(y in p_years for y in q.years):
                bonus += YEAR_BOOST * top
            if q.organisations and any(_org_matches(d, o) for o in q.organisations):
                bonus += ORG_BOOST * top
            if asks_amount and pid in money:
                bonus += AMOUNT_BOOST * top
            ranks = {name: lst.index(pid) + 1 for name, lst in lists.items() if pid in lst}
            hits.append(Hit(p, d, score + bonus, ranks))
        hits.sort(key=lambda h: -h.score)
        return hits[:k]


def fuse(ranked: dict[str, list[str]], weights: dict[str, float]) -> dict[str, float]:
    """Weighted reciprocal rank fusion of ranked id lists (pure function)."""
    out: dict[str, float] = {}
    for name, ids in ranked.items():
        w = weights.get(name, 0.0)
        for rank, pid in enumerate(ids, 1):
            out[pid] = out.get(pid, 0.0) + w / (RRF_K + rank)
    return out


def _org_matches(doc: Document, organisation: str) -> bool:
    needle = organisation.lower().strip()
    return any(needle in (v or "").lower() for v in (doc.organisation, doc.nämnd, doc.förvaltning))


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
